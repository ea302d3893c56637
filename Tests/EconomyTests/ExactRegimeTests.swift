import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
import EquilibriumSearch
import TheoremChecks
import SeededRandom

/// Piecewise-linear economies whose equilibria are rational, found exactly
/// through their regime (`regimeCandidates`), each compared with an answer
/// derived in the test by another method.
@Suite("Exact regimes: Ricardo, input–output and Fisher")
struct ExactRegimeTests {
    /// Ricardo's economy, solved by hand from the example's numbers.
    ///
    /// Guess complete specialisation: Home makes cloth only (output
    /// `L_H / a_HC`), Foreign wine only (`L_F / a_FW`). Zero profit gives
    /// `p_cloth = a_HC w_H`, `p_wine = a_FW w_F`. Profits are 0, so incomes
    /// are `w_H L_H` and `w_F L_F`, and the value of cloth bought equals the
    /// value made: `β_H w_H L_H + β_F w_F L_F = w_H L_H` (`β` the cloth
    /// shares), so `w_H / w_F = β_F L_F / ((1 − β_H) L_H)`. The guess holds
    /// when neither country's other activity earns money:
    /// `a_HC / a_HW ≤ p_cloth / p_wine ≤ a_FC / a_FW`.
    @Test func ricardoWithCompleteSpecialisationIsFoundExactly() throws {
        let e = try EconomyFormat.load(path: example("ricardo.json"))
        let (lH, lF) = (Rational(70), Rational(110))
        let (aHC, aHW, aFC, aFW) = (Rational(1), Rational(2), Rational(6), Rational(3))
        let (betaH, betaF) = (Rational(2, 3), Rational(1, 2))
        #expect(e.consumers[0].endowment[0] == lH && e.consumers[1].endowment[1] == lF, "the test reads the example's numbers")
        let wF = Rational.one
        let wH = betaF * lF * wF / ((1 - betaH) * lH)
        let (cloth, wine) = (aHC * wH, aFW * wF)
        #expect(aHC / aHW <= cloth / wine && cloth / wine <= aFC / aFW, "complete specialisation is an equilibrium")
        let total = wH + wF + cloth + wine
        let expected: Vector = [wH / total, wF / total, cloth / total, wine / total]
        #expect(expected == [Rational(33, 122), Rational(7, 61), Rational(33, 122), Rational(21, 61)])

        let v = checkEquilibrium(e)
        #expect(v.status == .found && v.certificateKind == "exact", "\(v.reason)")
        #expect(v.route == .vectorLabelledSearch, "the regime of the vector-labelled search's last zero: \(v.reason)")
        #expect(v.checked?.certificate.prices == expected)
        let production = try #require(v.checked?.certificate.production)
        #expect(production[0] == [-lH, 0, lH / aHC, 0], "Home makes only cloth, with all its labour")
        #expect(production[1] == [0, -lF, 0, lF / aFW], "Foreign makes only wine")
    }

    /// A Leontief input–output economy with a choice of technique, solved by hand. By the
    /// non-substitution theorem prices follow from technology alone: with the wage as numéraire, each
    /// used technique breaks even, `p = p A + l`, two equations in `p_grain`, `p_manufactures` (Cramer's
    /// rule). The second technique of manufacturing must then lose money. Quantities: final demand `c`
    /// from Cobb–Douglas spending of wage incomes (profits are 0), gross outputs `x = (I − A)⁻¹ c`.
    @Test func anInputOutputEconomyIsFoundExactly() throws {
        let e = try EconomyFormat.load(path: example("input-output.json"))
        let (a11, a21, l1) = (Rational(1, 10), Rational(1, 5), Rational(1, 2))      // per unit of grain
        let (a12, a22, l2) = (Rational(2, 5), Rational(1, 10), Rational(1, 4))      // per unit of manufactures
        let (b12, b22, m2) = (Rational(1, 5), Rational(1, 5), Rational(1, 2))       // the other technique
        // (1 − a11) pg − a21 pm = l1;  −a12 pg + (1 − a22) pm = l2.
        let det = (1 - a11) * (1 - a22) - a21 * a12
        let pg = (l1 * (1 - a22) + a21 * l2) / det, pm = ((1 - a11) * l2 + a12 * l1) / det
        #expect(pg == Rational(50, 73) && pm == Rational(85, 146))
        #expect(b12 * pg + b22 * pm + m2 > pm, "the second technique loses money")
        let total = 1 + pg + pm
        let expected: Vector = [1 / total, pg / total, pm / total]
        // Final demand: workers (60 hours) spend 1/2 on each good, owners (40 hours) 1/4 on grain.
        let cg = (Rational(60, 2) + Rational(40, 4)) / pg, cm = (Rational(60, 2) + Rational(40 * 3, 4)) / pm
        // (1 − a11) xg − a12 xm = cg;  −a21 xg + (1 − a22) xm = cm.
        let xg = (cg * (1 - a22) + a12 * cm) / det, xm = ((1 - a11) * cm + a21 * cg) / det
        #expect(l1 * xg + l2 * xm == 100, "labour clears")

        let v = checkEquilibrium(e)
        #expect(v.status == .found && v.certificateKind == "exact", "\(v.reason)")
        #expect(v.route == .vectorLabelledSearch, "the regime of the vector-labelled search's last zero: \(v.reason)")
        #expect(v.checked?.certificate.prices == expected)
        let production = try #require(v.checked?.certificate.production)
        #expect(production[0] == [-l1 * xg, (1 - a11) * xg, -a21 * xg])
        #expect(production[1] == [-l2 * xm, -a12 * xm, (1 - a22) * xm], "only the first technique runs")
    }

    /// A capped-linear consumer, solved by hand. Ann owns one unit of x and values y and z alike
    /// (`min(y + z, cap)`); Bob owns one unit each of y and z and has Cobb–Douglas tastes (1, 1, 1).
    static func capped(_ cap: Rational) -> Economy {
        Economy(name: "capped", commodities: ["x", "y", "z"], consumers: [
            Consumer(name: "ann", endowment: [1, 0, 0], utility: .cappedLinear(weights: [0, 1, 1], cap: cap), shares: []),
            Consumer(name: "bob", endowment: [0, 1, 1], utility: .cobbDouglas(exponents: [1, 1, 1]), shares: []),
        ], firms: [])
    }

    /// Cap out of reach: Ann is a linear consumer. If `p_y < p_z` she buys only y, Bob buys
    /// `(p_y + p_z)/(3 p_z) < 2/3` of z and z cannot clear; so `p_y = p_z = q`. Bob spends a third of `2q`
    /// on x, and x clears when `2q / (3 p_x) = 1`: `p = (1/4, 3/8, 3/8)`. Bob buys `(1/3)(3/4)/(3/8) = 2/3`
    /// of y and of z, Ann the remaining 1/3 of each: `2/3 · 3/8 = 1/4`, her whole income, utility 2/3 < 10.
    @Test func aCappedLinearConsumerBelowItsCapIsFoundExactly() throws {
        let (px, q) = (Rational(1), Rational(3, 2))
        #expect(2 * q / (3 * px) == 1, "x clears")
        let total = px + 2 * q
        let expected: Vector = [px / total, q / total, q / total]
        let bobY = (2 * q / total) / 3 / (q / total)
        #expect(bobY == Rational(2, 3))
        #expect(2 * (1 - bobY) * (q / total) == px / total, "Ann spends exactly her income")

        let v = checkEquilibrium(Self.capped(10))
        #expect(v.status == .found && v.certificateKind == "exact", "\(v.reason)")
        #expect(v.route == .vectorLabelledSearch, "\(v.reason)")
        #expect(v.checked?.certificate.prices == expected)
        #expect(v.checked?.certificate.allocation == [[0, 1 - bobY, 1 - bobY], [1, bobY, bobY]])
    }

    /// Cap within reach (1/2 < 2/3): Ann is satiated by any affordable bundle with `y + z ≥ 1/2`, and the
    /// equilibria form a continuum (she may buy the dearer good, or keep some x). Whatever the search
    /// found is checked here from the definitions: Ann's bundle is affordable and reaches her cap, Bob's
    /// is his Cobb–Douglas demand (a third of his income on each good), and every market clears.
    @Test func aSatiatedCappedLinearConsumerIsFoundExactly() throws {
        let e = Self.capped(Rational(1, 2))
        let v = checkEquilibrium(e)
        #expect(v.status == .found && v.certificateKind == "exact", "\(v.reason)")
        #expect(v.route == .vectorLabelledSearch, "\(v.reason)")
        let c = try #require(v.checked?.certificate)
        let (p, ann, bob) = (c.prices, c.allocation[0], c.allocation[1])
        #expect(p.entries.allSatisfy { $0.signum() > 0 } && p.entries.reduce(Rational.zero, +) == 1)
        #expect(ann.entries.allSatisfy { $0.signum() >= 0 })
        #expect(p.dot(ann) <= p[0], "Ann can afford her bundle")
        #expect(ann[1] + ann[2] >= Rational(1, 2), "Ann reaches her cap")
        let bobIncome = p[1] + p[2]
        #expect(bob == Vector((0..<3).map { bobIncome / 3 / p[$0] }), "Bob's Cobb–Douglas demand")
        #expect(ann + bob == [1, 1, 1], "every market clears")
    }

    /// The regime read off a rough price: which activities break even.
    @Test func theRegimeOfARoughPriceNamesTheBreakEvenActivities() throws {
        let e = try EconomyFormat.load(path: example("ricardo.json"))
        // Within 1e-4 of (33/122, 7/61, 33/122, 21/61).
        let rough: Vector = [Rational(2705, 10000), Rational(1147, 10000), Rational(2705, 10000), Rational(3443, 10000)]
        let regime = try #require(e.regime(near: rough))
        #expect(regime.freeGoods.isEmpty)
        #expect(regime.breakEven.map { [$0.firm, $0.activity] } == [[0, 0], [1, 1]])
    }

    /// A Fisher market with linear utilities and a money good, against the
    /// Eisenberg–Gale solution computed independently: proportional
    /// response dynamics (Zhang 2011; Birnbaum, Devanur and Xiao 2011), in
    /// floating point, converges to the Eisenberg–Gale prices. Each buyer
    /// bids its budget across goods; a good's price is the sum of its bids;
    /// each buyer then rebids in proportion to the utility each good gave it.
    @Test func aLinearFisherMarketMatchesEisenbergGale() throws {
        let e = try EconomyFormat.load(path: example("fisher-market.json"))
        let buyers = e.consumers.filter { $0.endowment[0].signum() > 0 }
        let budgets = buyers.map { $0.endowment[0].displayDouble }
        let goods = 1..<e.commodityCount
        let utilities: [[Double]] = buyers.map { b in
            guard case .linear(let w) = b.utility else { return [] }
            return goods.map { w[$0].displayDouble }
        }
        let m = goods.count
        var bids = budgets.map { budget in [Double](repeating: budget / Double(m), count: m) }
        var prices = [Double](repeating: 0, count: m)
        for _ in 0..<20_000 {
            prices = (0..<m).map { j in bids.reduce(0) { $0 + $1[j] } }
            let x = bids.map { b in (0..<m).map { b[$0] / prices[$0] } }
            for i in bids.indices {
                let u = (0..<m).reduce(0.0) { $0 + utilities[i][$1] * x[i][$1] }
                bids[i] = (0..<m).map { budgets[i] * utilities[i][$0] * x[i][$0] / u }
            }
        }
        let v = checkEquilibrium(e)
        #expect(v.status == .found && v.certificateKind == "exact", "\(v.reason)")
        #expect(v.route == .vectorLabelledSearch, "the regime of the vector-labelled search's last zero: \(v.reason)")
        let p = try #require(v.checked?.certificate.prices)
        // In units of money, as Eisenberg–Gale prices are.
        for j in 0..<m {
            let walras = (p[j + 1] / p[0]).displayDouble
            #expect(abs(walras - prices[j]) < 1e-9, "good \(j + 1): Walras \(walras), Eisenberg–Gale \(prices[j])")
        }
        #expect(p == [Rational(1, 7), Rational(3, 7), Rational(9, 35), Rational(6, 35)])
    }
}

/// Large Cobb–Douglas exchange economies: the vector-labelled search has
/// no size gate, and its zero exactifies (the equilibrium of a Cobb–Douglas
/// exchange economy solves a linear system, so it is rational).
@Suite("Large economies: found exact by the vector-labelled search")
struct LargeEconomyTests {
    @Test(arguments: [40, 100])
    func aLargeCobbDouglasExchangeEconomyIsFoundExactly(_ goods: Int) {
        var rng = SplitMix64(seed: 0x5CA1E + UInt64(goods))
        let e = Economy(name: "cd\(goods)", commodities: (0..<goods).map { "g\($0)" }, consumers: (0..<3).map { h in
            Consumer(name: "c\(h)", endowment: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...5)) }),
                     utility: .cobbDouglas(exponents: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...4)) })), shares: [])
        }, firms: [])
        let v = checkEquilibrium(e)  // the audit's default options
        #expect(v.status == .found && v.route == .vectorLabelledSearch, "\(v.reason)")
        #expect((v.vectorStatistics?.pivots ?? 0) > 0, "the path ran before its zero was exactified")
        // Independently of the library's solvers: Cobb–Douglas demand spends the share a_hj / Σa_h of
        // income p·ω_h on good j, so each market clears exactly when p_j Σ_h ω_hj = Σ_h (a_hj / Σa_h) p·ω_h.
        // Gross substitutes make that price unique on the simplex, so this pins down the equilibrium.
        guard let p = v.checked?.certificate.prices else { Issue.record("no certificate"); return }
        #expect(p.entries.reduce(Rational.zero, +) == 1 && p.entries.allSatisfy { $0.signum() > 0 })
        for j in 0..<goods {
            var supply = Rational.zero, spent = Rational.zero
            for c in e.consumers {
                guard case .cobbDouglas(let a) = c.utility else { continue }
                let income = (0..<goods).reduce(Rational.zero) { $0 + p[$1] * c.endowment[$1] }
                supply += c.endowment[j]
                spent += a[j] / a.entries.reduce(Rational.zero, +) * income
            }
            #expect(p[j] * supply == spent, "good \(j) does not clear")
        }
    }

    /// Whether every Cobb–Douglas market clears at `p`, written from the definition of demand.
    static func clears(_ e: Economy, at p: Vector) -> Bool {
        let incomes = e.consumers.map { c in (0..<e.commodityCount).reduce(Rational.zero) { $0 + p[$1] * c.endowment[$1] } }
        let exponents: [(Vector, Rational)] = e.consumers.compactMap { c in
            guard case .cobbDouglas(let a) = c.utility else { return nil }
            return (a, a.entries.reduce(Rational.zero, +))
        }
        guard exponents.count == e.consumers.count else { return false }
        return (0..<e.commodityCount).allSatisfy { j in
            var supply = Rational.zero, spent = Rational.zero
            for (h, c) in e.consumers.enumerated() {
                supply += c.endowment[j]
                spent += exponents[h].0[j] / exponents[h].1 * incomes[h]
            }
            return p[j] * supply == spent
        }
    }

    /// The closed form, solved in the consumers' incomes when they are fewer than the goods (3000 goods and
    /// 2 consumers: a 2 × 2 system; 60 and 45: FLINT's verified solve) and in the prices otherwise (3 goods
    /// and 40 consumers; 6 and 6), each checked against the markets.
    @Test func theClosedFormClearsEveryMarketInEitherFormulation() {
        var rng = SplitMix64(seed: 0xC105ED)
        func economy(goods: Int, consumers: Int) -> Economy {
            Economy(name: "cd", commodities: (0..<goods).map { "g\($0)" }, consumers: (0..<consumers).map { h in
                Consumer(name: "c\(h)", endowment: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...9)) }),
                         utility: .cobbDouglas(exponents: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...5)) })), shares: [])
            }, firms: [])
        }
        for e in [economy(goods: 3000, consumers: 2), economy(goods: 3, consumers: 40), economy(goods: 7, consumers: 2),
                  economy(goods: 6, consumers: 6), economy(goods: 60, consumers: 45)] {
            guard let p = e.cobbDouglasExchangeEquilibrium() else { Issue.record("\(e.commodityCount) × \(e.consumers.count): none"); continue }
            #expect(p.entries.reduce(Rational.zero, +) == 1)
            #expect(Self.clears(e, at: p), "\(e.commodityCount) goods × \(e.consumers.count) consumers")
        }
        // Above the size limit neither system is solved (it could not be stopped by the budget).
        #expect(economy(goods: 700, consumers: 700).cobbDouglasExchangeEquilibrium() == nil)
    }

    /// When the vector-labelled search cannot finish a cycle (here: one pivot allowed; in an audit: thousands of
    /// goods in its stage's seconds), a Cobb–Douglas exchange economy is still found exact by its closed form,
    /// and the route says so. Newton's dense method declines such sizes rather than hold `n²` numbers.
    @Test func aCobbDouglasEconomyTheSearchCannotFinishIsFoundByItsClosedForm() {
        var rng = SplitMix64(seed: 0xB16)
        let goods = 1500
        let e = Economy(name: "cd", commodities: (0..<goods).map { "g\($0)" }, consumers: (0..<2).map { h in
            Consumer(name: "c\(h)", endowment: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...9)) }),
                     utility: .cobbDouglas(exponents: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...5)) })), shares: [])
        }, firms: [])
        let v = checkEquilibrium(e, options: EquilibriumOptions(vectorSearch: VectorSearchLimits(maximumPivots: 1, timeLimit: 10)))
        #expect(v.status == .found && v.route == .closedForm, "\(v.reason)")
        #expect(v.reason.contains("the vector-labelled search stopped"), "\(v.reason)")
        if let p = v.checked?.certificate.prices { #expect(Self.clears(e, at: p)) } else { Issue.record("no certificate") }
        #expect(newtonEquilibriumPrices(e) == nil, "above newtonMaximumGoods")
    }
}

/// A false corner: no equilibrium, yet prices that clear ever more nearly as
/// they approach a corner where a consumer with no income finds its only
/// wanted good free. Completely labelled simplices exist at every mesh
/// (Sperner) and converge there; neither search may report that as an
/// (approximate) equilibrium.
@Suite("False corners")
struct FalseCornerTests {
    @Test func aFalseCornerIsNeverAnApproximateEquilibrium() throws {
        let e = try EconomyFormat.load(path: example("false-corner.json"))
        // The premise, derived by hand: z_cloth = p_grain / (2 p_cloth) + p_land / p_cloth > 0 wherever grain or
        // land costs something, so no interior price clears; at p = (0, 1, 0) Ann's demand for grain is unbounded.
        let near: Vector = [Rational(1, 1 << 20), 1 - Rational(2, 1 << 20), Rational(1, 1 << 20)]
        guard case .defined(let m) = e.market(at: near) else { Issue.record("defined near the corner"); return }
        #expect(m.excessDemand[1].signum() > 0 && m.excessDemand[1] < Rational(1, 1 << 18), "cloth nearly clears")
        guard case .undefined = e.market(at: [0, 1, 0]) else { Issue.record("bounded at the corner"); return }

        for options in [EquilibriumOptions(), EquilibriumOptions(searchMaxGoods: 2)] {
            let v = checkEquilibrium(e, options: options)
            #expect(v.status == .undecided, "\(v.status): \(v.reason)")
            #expect(v.reason.contains("(0, 1, 0)") && v.reason.contains("unbounded"), "\(v.reason)")
            #expect(v.status != .approximate)
        }
    }

    /// A search stopped by its pivot limit near the corner is no evidence either: its best point (the
    /// finest completely labelled simplex before the limit) must not become `approximate`.
    @Test func aSearchStoppedNearAFalseCornerIsNoEvidence() throws {
        let e = try EconomyFormat.load(path: example("false-corner.json"))
        let options = EquilibriumOptions(vectorSearch: VectorSearchLimits(maximumPivots: 1, timeLimit: 10),
                                         search: SearchLimits(targetMesh: 1 << 40, maximumPivots: 60, timeLimit: 60))
        let v = checkEquilibrium(e, options: options)
        #expect(v.reason.contains("the simplicial search stopped"), "\(v.reason)")
        #expect(v.status == .undecided, "\(v.status): \(v.reason)")
        #expect(v.reason.contains("(0, 1, 0)") && v.reason.contains("unbounded"), "\(v.reason)")
    }
}
