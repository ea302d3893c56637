import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
import TheoremChecks
import SeededRandom
import _TestSupport

func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

/// A seeded economy in which every hypothesis of Walras' law holds: locally
/// non-satiated utilities of every kind, shares of each firm summing to 1.
func randomEconomy(_ rng: inout SplitMix64, satiable: Bool = false) -> Economy {
    let n = rng.int(in: 2...5)
    let firmCount = rng.int(in: 0...3)
    var firms: [Firm] = []
    for f in 0..<firmCount {
        let tech: Technology
        switch rng.below(3) {
        case 0:
            let acts = (0..<rng.int(in: 1...3)).map { _ in Vector((0..<n).map { _ in Rational(rng.int(in: -3...3)) }) }
            tech = .activities(acts, bound: Rational(rng.int(in: 1...5)))
        case 1:
            let modes = (0..<rng.int(in: 1...3)).map { _ in Vector((0..<n).map { _ in Rational(rng.int(in: -3...3)) }) }
            tech = .discreteModes(modes)
        default:
            var scale = rng.positiveDirection(n, max: 3)
            scale[0] = 0
            if scale.isZero { scale[1] = 1 }
            tech = .quadraticCost(inputCommodity: 0, scale: scale, capacity: Vector((0..<n).map { _ in Rational(rng.int(in: 1...6)) }))
        }
        firms.append(Firm(name: "f\(f)", technology: tech))
    }
    let consumerCount = rng.int(in: 1...4)
    var shares = [[Rational]](repeating: [Rational](repeating: 0, count: firmCount), count: consumerCount)
    for f in 0..<firmCount {
        // Split each firm among consumers: shares sum to exactly 1.
        let weights = (0..<consumerCount).map { _ in rng.int(in: 0...3) }
        let total = max(1, weights.reduce(0, +))
        for h in 0..<consumerCount { shares[h][f] = weights.reduce(0, +) == 0 ? (h == 0 ? 1 : 0) : q(weights[h], total) }
    }
    let consumers = (0..<consumerCount).map { h -> Consumer in
        let u: Utility
        switch rng.below(satiable ? 5 : 3) {
        case 0: u = .cobbDouglas(exponents: rng.positiveDirection(n))
        case 1: u = .leontief(coefficients: rng.positiveDirection(n))
        case 2: u = .linear(weights: rng.positiveDirection(n))
        case 3: u = .satiableQuadratic(bliss: rng.positiveDirection(n), weights: Vector((0..<n).map { _ in q(rng.int(in: 1...3)) }))
        default: u = .cappedLinear(weights: rng.positiveDirection(n), cap: q(rng.int(in: 1...4)))
        }
        return Consumer(name: "c\(h)", endowment: rng.positiveDirection(n), utility: u, shares: shares[h])
    }
    return Economy(name: "random", commodities: (0..<n).map { "g\($0)" }, consumers: consumers, firms: firms)
}

@Suite("Walras' law (walras_law)")
struct WalrasLawTests {
    @Test func walrasLawHoldsWhenEveryHypothesisHolds() {
        var rng = SplitMix64(seed: 0x5EED_0301)
        var pricesChecked = 0
        for i in 0..<scaledIterations(200) {
            let e = randomEconomy(&rng)
            let prices = (0..<8).map { _ in rng.interiorPrice(e.commodityCount) }
            let v = checkWalrasLaw(e, at: prices)
            #expect(v.outcome != .counterexample,
                    "iteration \(i), seed 0x5EED0301: \(v.witness.map { "p=\($0.prices) value=\($0.value)" } ?? "")\n\(EconomyFormat.encode(e).rendered())")
            pricesChecked += v.pricesHolding
        }
        #expect(pricesChecked > 1000, "too few applicable prices: the property checked too little (\(pricesChecked))")
    }

    @Test func satiationIsCaughtAndNamedWheneverItBreaksTheLaw() {
        var rng = SplitMix64(seed: 0x5EED_0302)
        var counterexamples = 0
        for i in 0..<scaledIterations(200) {
            let e = randomEconomy(&rng, satiable: true)
            let prices = (0..<8).map { _ in rng.interiorPrice(e.commodityCount) }
            let v = checkWalrasLaw(e, at: prices)
            guard let w = v.witness else { continue }
            counterexamples += 1
            #expect(!w.value.isZero && w.prices.dot(w.excessDemand) == w.value, "iteration \(i): witness value is p·z")
            #expect(w.failedHypotheses.contains { $0.hypothesis == .localNonSatiation }, "iteration \(i): hypothesis named")
            #expect(e.consumers.contains { !$0.utility.isLocallyNonSatiated }, "iteration \(i): only satiable kinds fail")
        }
        #expect(counterexamples > 10, "the satiable regime must produce counterexamples (\(counterexamples))")
    }

    @Test func scarfsEconomyClearsExactlyAtOneThirdEach() throws {
        let e = try EconomyFormat.load(path: example("scarf-1960.json"))
        guard case .defined(let m) = e.market(at: [q(1, 3), q(1, 3), q(1, 3)]) else {
            Issue.record("market undefined")
            return
        }
        #expect(m.excessDemand == .zero(3))
        #expect(m.demands[0].bundle == [q(1, 2), q(1, 2), 0])
    }

    @Test func textbookDemandsAreExact() {
        let p: Vector = [q(1, 4), q(1, 2), q(1, 4)]
        let w = q(3)
        #expect(Utility.cobbDouglas(exponents: [1, 2, 1]).demand(at: p, income: w)
                == .defined(Demand(selections: [[3, q(3, 1), 3]], income: w)))
        #expect(Utility.leontief(coefficients: [1, 2, 0]).demand(at: p, income: w)
                == .defined(Demand(selections: [[q(12, 5), q(24, 5), 0]], income: w)))
        // Linear: weight per unit of money ties between goods 0 and 1 (4 each).
        #expect(Utility.linear(weights: [1, 2, q(1, 2)]).demand(at: p, income: w)
                == .defined(Demand(selections: [[12, 0, 0], [0, 6, 0]], income: w)))
        // Satiable quadratic with an affordable bliss point: income left unspent.
        #expect(Utility.satiableQuadratic(bliss: [1, 1, 1], weights: [1, 1, 1]).demand(at: p, income: w)
                == .defined(Demand(selections: [[1, 1, 1]], income: w)))
        // Unaffordable bliss point: x_i = max(0, b_i − λ p_i / (2 w_i)) with the budget binding.
        guard case .defined(let d) = Utility.satiableQuadratic(bliss: [4, 4, 4], weights: [1, 1, 1]).demand(at: p, income: w)
        else { Issue.record("undefined"); return }
        #expect(p.dot(d.bundle) == w)
        let lambdas = (0..<3).map { (4 - d.bundle[$0]) * 2 / p[$0] }
        #expect(lambdas[0] == lambdas[1] && lambdas[1] == lambdas[2], "one multiplier: \(d.bundle)")
        // Capped linear reaching its cap: every vertex of {x ≥ 0 : w·x ≥ cap, p·x ≤ income},
        // from the cheapest cap bundle (1/2) to bundles spending everything (3).
        guard case .defined(let c) = Utility.cappedLinear(weights: [1, 1, 1], cap: 2).demand(at: p, income: w)
        else { Issue.record("undefined"); return }
        let spending = c.selections.map { p.dot($0) }
        #expect(spending.min() == q(1, 2) && spending.max() == 3 && spending.first == q(1, 2))
        for x in c.selections {
            #expect(Vector([1, 1, 1]).dot(x) >= 2 && p.dot(x) <= w && x.allSatisfy { $0.signum() >= 0 }, "\(x)")
        }
        #expect(c.selections.contains([12, 0, 0]) && c.selections.contains([0, 6, 0]) && c.selections.contains([2, 0, 0]))
    }

    @Test func boundaryPricesAreNotApplicableNeverHolding() {
        let e = Economy(name: "cd", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: []),
        ], firms: [])
        let v = checkWalrasLaw(e, at: [[1, 0], [0, 1]])
        #expect(v.outcome == .notApplicable)
        #expect(v.pricesHolding == 0 && v.inapplicable.count == 2)
    }

    @Test func profitLeakageIsNamed() throws {
        let e = try EconomyFormat.load(path: example("profit-leakage.json"))
        let v = checkWalrasLaw(e, at: [[q(1, 2), q(1, 2)]])
        #expect(v.outcome == .counterexample)
        #expect(v.witness?.value == q(-1, 2))
        #expect(v.witness?.failedHypotheses.map(\.hypothesis) == [.completeProfitDistribution])
    }

    @Test func constantReturnsSupplyIsUnboundedOnlyWhereAnActivityProfits() {
        let t = Technology.activities([[-1, 2]], bound: nil)
        if case .defined = t.supply(at: [q(1, 2), q(1, 2)]) { Issue.record("supply should be unbounded at (1/2, 1/2)") }
        guard case .defined(let s) = t.supply(at: [q(2, 3), q(1, 3)]) else { Issue.record("undefined"); return }
        #expect(s.profit == 0 && s.production == [0, 0])
    }

    @Test func quadraticCostSupplyIsTheRationalFormula() {
        let t = Technology.quadraticCost(inputCommodity: 0, scale: [0, 2, 1], capacity: [0, 8, q(1, 4)])
        guard case .defined(let s) = t.supply(at: [q(1, 4), q(1, 2), q(1, 4)]) else { Issue.record("undefined"); return }
        // y1 = min(8, 2·(1/2)/(1/4)) = 4; y2 = min(1/4, 1·(1/4)/(1/4)) = 1/4; input −(16/4 + (1/16)/2).
        #expect(s.production == [-(4 + q(1, 32)), 4, q(1, 4)])
        #expect(s.profit == q(1, 4) * -(4 + q(1, 32)) + 2 + q(1, 16))
    }

    @Test func testPricesAreDeterministicAndInTheSimplex() {
        let a = Array(walrasLawTestPrices(commodityCount: 4, samples: 10, seed: 7))
        let b = Array(walrasLawTestPrices(commodityCount: 4, samples: 10, seed: 7))
        #expect(a == b)
        #expect(a.count == 4 + 6 + 10 && walrasLawTestPrices(commodityCount: 4, samples: 10, seed: 7).underestimatedCount == 20)
        for p in a { #expect(p.entries.reduce(0, +) == 1 && p.allSatisfy { $0.signum() >= 0 }) }
    }

    /// The sample is generated, not stored: its interior draws, every
    /// vertex and every edge midpoint, each once, against a list built here
    /// independently.
    @Test func samplePricesAreEveryVertexAndEdgeMidpointOnce() {
        for n in [1, 2, 3, 7] {
            let sample = Array(walrasLawTestPrices(commodityCount: n, samples: 3, seed: 1))
            var expected: Set<Vector> = []
            for i in 0..<n {
                expected.insert(.unit(i, count: n))
                for j in (i + 1)..<n where j < n { expected.insert(Vector((0..<n).map { $0 == i || $0 == j ? Rational(1, 2) : 0 })) }
            }
            let boundary = sample.dropLast(3)
            #expect(boundary.count == expected.count && Set(boundary) == expected, "n = \(n)")
            #expect(sample.suffix(3).allSatisfy { p in p.allSatisfy { $0.signum() > 0 } }, "interior last, n = \(n)")
        }
        // Above `boundaryFirstGoods` goods the interior comes first.
        let n = WalrasLawSample.boundaryFirstGoods + 1
        let large = walrasLawTestPrices(commodityCount: n, samples: 2, seed: 1)
        #expect(large.interiorFirst && large.underestimatedCount == 2 + n + n * (n - 1) / 2)
        var it = large.makeIterator()
        #expect(it.next()!.allSatisfy { $0.signum() > 0 } && it.next()!.allSatisfy { $0.signum() > 0 } && it.next() == .unit(0, count: n))
    }
}
