import Testing
import SeededRandom
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import EconomyFormat
import EquilibriumCertificates
import NonExistenceCertificates
import EquilibriumSearch
import TheoremChecks
import WelfareSolvers

/// Each hole that strangers found in the checkers and proofs, reproduced
/// from its description, and closed.
@Suite("Hardened checkers: holes found by outsiders")
struct HardenedCheckerTests {
    // MARK: Capped-linear consumers

    /// One capped-linear consumer, min(x_0 + x_1, 10), owning one unit of
    /// each good, offered p = (0, 1): good 0 is free and valued, so the cap
    /// is reachable for free, and its endowment (utility 2) is not optimal.
    /// The old rule looked only at priced goods and accepted it.
    @Test func aCappedConsumerBelowItsCapWithAFreeValuedGoodIsNotOptimal() {
        let e = Economy(name: "free-salt", commodities: ["salt", "bread"], consumers: [
            Consumer(name: "cook", endowment: [1, 1], utility: .cappedLinear(weights: [1, 1], cap: 10), shares: []),
        ], firms: [])
        let forged = EquilibriumCertificate(prices: [0, 1], allocation: [[1, 1]], production: [], levels: [],
                                            firmDuals: [], consumerMultipliers: [0])
        guard case .failure(let why) = EquilibriumChecker.check(forged, for: e) else {
            Issue.record("a bundle below the cap with a free valued good was accepted")
            return
        }
        #expect(why.reason.contains("10"), "the reason names what is affordable: \(why)")
        // The model agrees: the consumer's demand reaches the cap.
        guard case .defined(let d) = e.consumers[0].utility.demand(at: [0, 1], income: 1) else {
            Issue.record("demand is defined")
            return
        }
        #expect(d.selections.allSatisfy { Vector([1, 1]).dot($0) >= 10 })
    }

    /// Below the cap and with every valued good priced, the bundle must still
    /// reach the best affordable value: spending on a good of lower ratio, or
    /// leaving income unspent, is not optimal; reaching the cap by any mix is.
    @Test func theCappedRuleComparesWithTheBestAttainableValue() {
        let e = Economy(name: "caps", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [2, 2], utility: .cappedLinear(weights: [2, 1], cap: 3), shares: []),
        ], firms: [])
        func verdict(_ x: Vector) -> Bool {
            let c = EquilibriumCertificate(prices: [Rational(1, 2), Rational(1, 2)], allocation: [x], production: [],
                                           levels: [], firmDuals: [], consumerMultipliers: [0])
            if case .success = EquilibriumChecker.check(c, for: e) { return true }
            return false
        }
        // Income 2 buys up to 4 units of a (value 8 ≥ 3): the cap is affordable, and
        // clearing needs x = ω = (2, 2), worth 6 ≥ 3: optimal.
        #expect(verdict([2, 2]))
        let poor = Economy(name: "caps", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 0], utility: .cappedLinear(weights: [2, 1], cap: 30), shares: []),
        ], firms: [])
        // Income 1/2 at p = (1/2, 1/2): the best is 1 unit of a (value 2 < 30): only that is optimal.
        let p: Vector = [Rational(1, 2), Rational(1, 2)]
        for (x, ok) in [(Vector([1, 0]), true), (Vector([0, 1]), false), (Vector([Rational(1, 2), 0]), false)] {
            let c = EquilibriumCertificate(prices: p, allocation: [x], production: [], levels: [], firmDuals: [],
                                           consumerMultipliers: [0])
            let accepted: Bool
            if case .success = EquilibriumChecker.check(c, for: poor) { accepted = true } else { accepted = false }
            if x == [1, 0] {
                #expect(accepted == ok)  // it clears: ω = (1, 0)
            } else {
                #expect(!accepted, "\(x) is not optimal (and does not clear)")
            }
        }
    }

    /// A satiated capped consumer's demand is a set: on `0 < t < 3/5` the
    /// cap min(3x_0 + x_1, 6) is affordable, and every optimal bundle still
    /// buys good 0 (good 1 alone cannot reach the cap): its least spending
    /// on good 0 is `3t(1 − t)/(3 − 4t) > 0`, a rational function the
    /// checker bounds exactly. Nobody else has good 0, so it is in excess
    /// demand throughout. The equilibria are at `t ≥ 3/4`.
    @Test func aSatiatedCappedConsumerIsBoundedOverItsWholeDemandSet() {
        let e = Economy(name: "satiated", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [0, 3], utility: .cappedLinear(weights: [3, 1], cap: 6), shares: []),
        ], firms: [])
        let piece = { (to: Rational, w: PieceWitness) in PriceLinePiece(from: 0, to: to, witness: w) }
        #expect(NonExistenceChecker.accepts(piece(Rational(3, 5), .excess(good: 0, sign: 1)), e))
        #expect(!NonExistenceChecker.accepts(piece(Rational(3, 5), .excess(good: 0, sign: -1)), e))
        #expect(!NonExistenceChecker.accepts(piece(Rational(4, 5), .excess(good: 0, sign: 1)), e), "the cap stops being affordable at 3/5")
        guard case .equilibrium(let checked) = searchNonExistence(e) else {
            Issue.record("it has equilibria for t ≥ 3/4")
            return
        }
        #expect(checked.certificate.prices[0] >= Rational(3, 4))
    }

    // MARK: Zero incomes

    /// A Cobb–Douglas consumer with no income at a boundary price: its
    /// utility is 0 on its whole budget set, so the zero bundle is optimal,
    /// and (0, 1) is the equilibrium of examples/zero-income.json. It was
    /// called "unbounded" and the price was ruled out.
    @Test func aZeroIncomeCobbDouglasConsumerHasADemandAndTheBoundaryPriceIsAnEquilibrium() throws {
        let e = try EconomyFormat.load(path: example("zero-income.json"))
        guard case .defined(let d) = e.consumers[0].utility.demand(at: [0, 1], income: 0) else {
            Issue.record("demand with zero income must be defined")
            return
        }
        #expect(d.selections == [[0, 0]])
        let v = checkEquilibrium(e)
        #expect(v.status == .found, "\(v.reason)")
        #expect(v.checked?.certificate.prices == [0, 1])
        #expect(v.checked?.certificate.allocation[0] == [0, 0])
        if case .proved = searchNonExistence(e) { Issue.record("a proof of non-existence for an economy with an equilibrium") }
        // Every valued good free: then it is unbounded even without income.
        guard case .undefined = Utility.cobbDouglas(exponents: [1, 0]).demand(at: [0, 1], income: 0) else {
            Issue.record("all valued goods free: unbounded")
            return
        }
    }

    // MARK: Identical lumpy firms

    /// Seven identical kilns tie between running and not at p = (1/2, 1/2);
    /// the equilibrium needs exactly 3 running. 2⁷ = 128 assignments were
    /// cut to one past 64, and the price-line analysis then "proved" that no
    /// equilibrium exists. Counting by how many run, there are 8.
    @Test func sevenIdenticalLumpyFirmsHaveTheirEquilibriumWithThreeRunning() throws {
        let e = try EconomyFormat.load(path: example("seven-lumpy-firms.json"))
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        let search = try #require(e.bestSelectionSearch(at: half))
        #expect(search.isExhaustive)
        #expect(search.best.equilibriumError == 0)
        #expect(search.best.production.filter { !$0.isZero }.count == 3)
        let v = checkEquilibrium(e)
        #expect(v.status == .found, "\(v.reason)")
        #expect(v.checked?.certificate.production.filter { !$0.isZero }.count == 3)
        if case .proved = searchNonExistence(e) { Issue.record("a proof of non-existence for an economy with an equilibrium") }
        // Where an enumeration must stop it says so, and no proof relies on it.
        #expect(e.bestSelectionSearch(at: half, maximumCombinations: 4)?.isExhaustive == false)
        // One direction cannot cover the tie: some count clears.
        for d: Vector in [[1, 0], [-1, 0], [0, 1], [0, -1]] {
            #expect(!NonExistenceChecker.accepts(.separated([d]), at: half, e))
        }
    }

    @Test func compositionsCountAndListTheSameSplits() {
        for (size, parts) in [(0, 1), (7, 2), (5, 3), (4, 4)] {
            let list = DiscreteChoices.compositions(of: size, into: parts)
            #expect(list.count == DiscreteChoices.count(of: size, into: parts, atMost: 1 << 30))
            #expect(Set(list).count == list.count && list.allSatisfy { $0.reduce(0, +) == size })
        }
        #expect(DiscreteChoices.count(of: 1_000, into: 50, atMost: 4097) == 4097)
    }

    // MARK: Non-existence beyond the old two-good analysis

    @Test func aReducibleLinearExchangeEconomyHasACheckedProof() throws {
        let e = try EconomyFormat.load(path: example("reducible-exchange.json"))
        guard case .proved(let proof) = searchNonExistence(e),
              case .reducibleExchange(let traders, let goods, let trader, let good) = proof.checked.certificate else {
            Issue.record("expected a reducible-exchange proof")
            return
        }
        #expect(traders == [0] && goods == [0] && trader == 0 && good == 0)
        // Independently: at every price on a grid, salt does not clear or demand is unbounded.
        for i in 0...12 {
            for j in 0...(12 - i) {
                let p: Vector = [Rational(i, 12), Rational(j, 12), Rational(12 - i - j, 12)]
                if let s = e.bestSelection(at: p) { #expect(s.equilibriumError.signum() > 0, "\(p)") }
            }
        }
        // Give the merchant a taste for salt and the proof no longer applies.
        var f = e
        f.consumers[1].utility = .linear(weights: [1, 1, 1])
        if case .proved(let p) = searchNonExistence(f), case .reducibleExchange = p.checked.certificate {
            Issue.record("the economy is no longer reducible")
        }
    }

    @Test func productionFromNothingHasACheckedProof() throws {
        let e = try EconomyFormat.load(path: example("free-production.json"))
        guard case .proved(let proof) = searchNonExistence(e),
              case .freeProduction(0, 0, 0) = proof.checked.certificate else {
            Issue.record("expected a free-production proof")
            return
        }
        #expect(proof.failedHypothesis?.hypothesis == .boundedProduction)
        // A baker who does not value flour is not starved by free flour: p = (1, 0) is an equilibrium.
        var indifferent = e
        indifferent.consumers[0].utility = .linear(weights: [1, 0])
        guard case .failure = NonExistenceChecker.check(.freeProduction(firm: 0, activity: 0, consumer: 0), for: indifferent) else {
            Issue.record("a consumer with no weight on the outputs is not starved")
            return
        }
        #expect(checkEquilibrium(indifferent).status == .found)
        // A Cobb–Douglas consumer who also values labour is unbounded where flour is free only if
        // its income is positive there, which this rule does not establish: it refuses, and the
        // price line proves non-existence instead (both goods, every price).
        indifferent.consumers[0].utility = .cobbDouglas(exponents: [1, 1])
        guard case .failure = NonExistenceChecker.check(.freeProduction(firm: 0, activity: 0, consumer: 0), for: indifferent) else {
            Issue.record("the free-production rule needs every valued good among the outputs")
            return
        }
        guard case .proved(let proof) = searchNonExistence(indifferent), case .priceLine = proof.checked.certificate else {
            Issue.record("the price line proves it")
            return
        }
        // A capped consumer is not starved by free flour: no such proof.
        var f = e
        f.consumers[0].utility = .cappedLinear(weights: [1, 2], cap: 1)
        guard case .failure = NonExistenceChecker.check(.freeProduction(firm: 0, activity: 0, consumer: 0), for: f) else {
            Issue.record("a capped consumer's demand is bounded")
            return
        }
    }

    // MARK: Tampering with non-existence certificates

    @Test func aTamperedPriceLineCertificateIsRejected() throws {
        let e = try EconomyFormat.load(path: example("non-convex.json"))
        guard case .proved(let proof) = searchNonExistence(e), case .priceLine(let pieces) = proof.checked.certificate else {
            Issue.record("expected a price-line proof")
            return
        }
        func rejected(_ p: [PriceLinePiece]) -> Bool {
            if case .failure = NonExistenceChecker.check(.priceLine(p), for: e) { return true }
            return false
        }
        #expect(!rejected(pieces))
        for k in pieces.indices {
            var dropped = pieces
            dropped.remove(at: k)
            #expect(rejected(dropped), "piece \(k) dropped")
        }
        // Merge an interval across the cut at 1/2: the oven's choice changes inside.
        var merged = pieces
        merged.replaceSubrange(1...3, with: [PriceLinePiece(from: 0, to: 1, witness: pieces[1].witness)])
        #expect(rejected(merged))
        // Flip each interval's sign, or move it to the other good.
        for k in pieces.indices where !pieces[k].isPoint {
            guard case .excess(let g, let s) = pieces[k].witness else { continue }
            for w in [PieceWitness.excess(good: g, sign: -s), .excess(good: 1 - g, sign: s)] {
                var altered = pieces
                altered[k].witness = w
                #expect(rejected(altered), "piece \(k) with \(w)")
            }
        }
        // A point's direction reversed, or replaced by unbounded demand where demand is bounded.
        var altered = pieces
        altered[2].witness = .unboundedDemand(consumer: 0)
        #expect(rejected(altered))
        if case .separated(let ds) = pieces[2].witness {
            altered[2].witness = .separated(ds.map { -$0 })
            #expect(rejected(altered))
            altered[2].witness = .separated([ds[0]])
            #expect(rejected(altered))
            #expect(ds.count == 2, "one direction per count of the tied oven: off or on")
            altered[2].witness = .separated(ds + [ds[0]])
            #expect(rejected(altered), "one direction too many")
        }
        // Intervals side by side, the points between them left out (the pieces still meet, are odd in
        // number and end on points; each interval's witness holds): 1/2 and 3/4 are covered by nothing.
        let upper = pieces[3]
        let adjacent = [pieces[0], pieces[1], PriceLinePiece(from: Rational(1, 2), to: Rational(3, 4), witness: upper.witness),
                        PriceLinePiece(from: Rational(3, 4), to: 1, witness: upper.witness), pieces[4]]
        #expect(adjacent[2...3].allSatisfy { NonExistenceChecker.accepts($0, e) })
        #expect(rejected(adjacent), "points and intervals must alternate")
        // Leave a gap: the first interval stops at 1/4, the next point is still 1/2. Every
        // piece keeps a valid witness (on a sub-interval); only contiguity fails.
        var gap = pieces
        gap[1].to = Rational(1, 4)
        #expect(NonExistenceChecker.accepts(gap[1], e), "the shortened interval's witness still holds")
        #expect(rejected(gap), "a gap between 1/4 and 1/2")
        // Shift a cut.
        var shifted = pieces
        shifted[1].to = Rational(2, 5)
        shifted[2].from = Rational(2, 5)
        shifted[2].to = Rational(2, 5)
        shifted[3].from = Rational(2, 5)
        #expect(rejected(shifted))
    }

    @Test func tamperedStructuralCertificatesAreRejected() throws {
        let e = try EconomyFormat.load(path: example("reducible-exchange.json"))
        // A price line on three goods: refused for that reason.
        guard case .failure(let why) = NonExistenceChecker.check(.priceLine([PriceLinePiece(from: 0, to: 0, witness: .unboundedDemand(consumer: 0)),
                                                                              PriceLinePiece(from: 0, to: 1, witness: .excess(good: 0, sign: 1)),
                                                                              PriceLinePiece(from: 1, to: 1, witness: .unboundedDemand(consumer: 0))]), for: e) else {
            Issue.record("a price line on three goods")
            return
        }
        #expect(why.reason.contains("two goods"), "\(why)")
        for c in [NonExistenceCertificate.reducibleExchange(traders: [0], goods: [0], trader: 0, good: 1),
                  .reducibleExchange(traders: [0, 1], goods: [0], trader: 0, good: 0),
                  .reducibleExchange(traders: [1], goods: [1, 2], trader: 1, good: 1),
                  .reducibleExchange(traders: [0], goods: [0, 0], trader: 0, good: 0),
                  .freeProduction(firm: 0, activity: 0, consumer: 0)] {
            guard case .failure = NonExistenceChecker.check(c, for: e) else {
                Issue.record("accepted \(c)")
                continue
            }
        }
        let mill = try EconomyFormat.load(path: example("free-production.json"))
        var lossy = mill
        lossy.firms[0].technology = .activities([[-1, 1]], bound: nil)  // needs labour: not from nothing
        guard case .failure = NonExistenceChecker.check(.freeProduction(firm: 0, activity: 0, consumer: 0), for: lossy) else {
            Issue.record("an activity with an input does not produce from nothing")
            return
        }
    }

    // MARK: Consistency: the two checkers never both succeed

    /// On 400 seeded two-good economies of every kind the price-line
    /// analysis covers, every one is decided exactly: a checked equilibrium
    /// or a checked proof that none exists, never both, and a proof is never
    /// produced where a price on a fine rational grid clears. Every kind of
    /// witness is exercised.
    @Test func twoGoodEconomiesAreDecidedAndTheTwoCheckersNeverDisagree() {
        var rng = SplitMix64TestRandom(seed: 14)
        var proved = 0, found = 0, kinds: Set<String> = []
        for k in 0..<400 {
            let e = randomTwoGoodEconomy(&rng)
            switch searchNonExistence(e) {
            case .proved(let proof):
                proved += 1
                if case .priceLine(let pieces) = proof.checked.certificate {
                    for piece in pieces {
                        switch piece.witness {
                        case .unboundedDemand: kinds.insert("unbounded-demand")
                        case .unboundedSupply: kinds.insert(piece.isPoint ? "unbounded-supply at a point" : "unbounded-supply on an interval")
                        case .separated(let d): kinds.insert(d.count > 1 ? "separated by counts" : "separated")
                        case .excess: kinds.insert("excess")
                        }
                    }
                }
                for i in 0...64 {
                    let p: Vector = [Rational(i, 64), Rational(64 - i, 64)]
                    if let s = e.bestSelection(at: p) { #expect(s.equilibriumError.signum() > 0, "\(e) clears at \(p)") }
                }
                if k < 40 { #expect(checkEquilibrium(e, options: .sweep).status == .noneExists) }
            case .equilibrium(let checked):
                found += 1
                #expect(checked.isWalrasian && checked.excessDemand.allSatisfy { $0.signum() <= 0 })
                if k < 40 { #expect(checkEquilibrium(e, options: .sweep).status == .found) }
            case .declined(let why):
                Issue.record("undecided: \(why) for \(e)")
            }
        }
        #expect(proved >= 20 && found >= 300, "\(proved) proved, \(found) found")
        #expect(kinds.count == 6, "witness kinds exercised: \(kinds.sorted())")
    }
}

/// The project's SplitMix64, with the one draw these tests need.
struct SplitMix64TestRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
}

/// Two goods; Cobb–Douglas, linear and capped consumers (some with zero
/// endowments of a good); lumpy, bounded and constant-returns firms.
func randomTwoGoodEconomy(_ rng: inout SplitMix64TestRandom) -> Economy {
    let firmCount = rng.int(0...3)
    var firms: [Firm] = []
    for f in 0..<firmCount {
        let a = Rational(rng.int(1...3)), b = Rational(rng.int(1...3))
        let v: Vector = rng.int(0...1) == 0 ? [-a, b] : [a, -b]
        switch rng.int(0...3) {
        case 0, 1: firms.append(Firm(name: "f\(f)", technology: .discreteModes([v])))
        case 2: firms.append(Firm(name: "f\(f)", technology: .activities([v], bound: Rational(rng.int(1...2)))))
        default: firms.append(Firm(name: "f\(f)", technology: .activities([v], bound: nil)))
        }
    }
    let consumerCount = rng.int(1...2)
    var consumers: [Consumer] = []
    for h in 0..<consumerCount {
        let w: Vector = [Rational(rng.int(0...3)), Rational(rng.int(0...3))]
        let weights: Vector = w.isZero ? [1, 1] : w
        let utility: Utility
        switch rng.int(0...2) {
        case 0: utility = .cobbDouglas(exponents: weights)
        case 1: utility = .linear(weights: weights)
        default: utility = .cappedLinear(weights: weights, cap: Rational(rng.int(1...6)))
        }
        var endowment: Vector = [Rational(rng.int(0...3)), Rational(rng.int(0...3))]
        if endowment.isZero { endowment = [1, 0] }
        let shares = firms.indices.map { _ in h == 0 ? Rational.one : Rational.zero }
        consumers.append(Consumer(name: "c\(h)", endowment: endowment, utility: utility, shares: shares))
    }
    return Economy(name: "random", commodities: ["x", "y"], consumers: consumers, firms: firms)
}
