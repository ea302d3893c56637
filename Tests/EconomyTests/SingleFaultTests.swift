import Testing
import Budgets
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
@testable import EquilibriumCertificates
import LPCertificates
import EquilibriumSearch
@testable import NonExistenceCertificates
@testable import TheoremChecks

/// Tests in which one condition of a checker or one branch of the verdict
/// logic alone decides: everything else about the input holds. Tamper
/// tests that break several things at once cannot tell whether a given
/// condition is checked at all (CI/mutate.py measures that).
@Suite("Single faults: one condition decides")
struct SingleFaultTests {
    func accepted(_ c: EquilibriumCertificate, _ e: Economy) -> Bool {
        if case .success = EquilibriumChecker.check(c, for: e) { return true }
        return false
    }

    /// A lumpy firm whose only mode loses money, run anyway: prices, the
    /// bundle and clearing are right; only "inaction earns 0" is broken.
    @Test func aDiscreteFirmThatLosesMoneyIsNotOptimal() {
        let e = Economy(name: "loss", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [3, 0], utility: .cobbDouglas(exponents: [1, 1]), shares: [1]),
        ], firms: [Firm(name: "f", technology: .discreteModes([[-2, 1]]))])
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        // Income p·ω + π = 3/2 − 1/2 = 1: demand (1, 1) = ω + y. Markets clear.
        let c = EquilibriumCertificate(prices: half, allocation: [[1, 1]], production: [[-2, 1]], levels: [[1]],
                                       firmDuals: [[]], consumerMultipliers: [0])
        #expect(!accepted(c, e))
        if case .failure(let why) = EquilibriumChecker.check(c, for: e) { #expect(why.reason.contains("inaction")) }
    }

    /// Negative consumption: two Leontief consumers each "sell" a unit of
    /// the good they do not need. Each bundle meets its Leontief level,
    /// spends exactly its income, and markets clear; only `x ≥ 0` fails.
    @Test func aNegativeBundleIsNotABundle() {
        let e = Economy(name: "short", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [2, 0], utility: .leontief(coefficients: [1, 0]), shares: []),
            Consumer(name: "d", endowment: [0, 2], utility: .leontief(coefficients: [0, 1]), shares: []),
        ], firms: [])
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        func certificate(_ x: [Vector]) -> EquilibriumCertificate {
            EquilibriumCertificate(prices: half, allocation: x, production: [], levels: [], firmDuals: [],
                                   consumerMultipliers: [0, 0])
        }
        #expect(accepted(certificate([[2, 0], [0, 2]]), e))
        #expect(!accepted(certificate([[3, -1], [-1, 3]]), e))
    }

    /// Prices must be non-negative: at p = (3/2, −1/2) a Cobb–Douglas
    /// consumer who values only good 0 buys exactly its closed form, and
    /// markets clear; only the sign of the price is wrong.
    @Test func aNegativePriceIsNotAPrice() {
        let e = Economy(name: "negative", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 0], utility: .cobbDouglas(exponents: [1, 0]), shares: []),
        ], firms: [])
        let c = EquilibriumCertificate(prices: [Rational(3, 2), Rational(-1, 2)], allocation: [[1, 0]], production: [],
                                       levels: [], firmDuals: [], consumerMultipliers: [0])
        #expect(!accepted(c, e))
        let mill = Economy(name: "mill", commodities: ["a", "b"], consumers: e.consumers,
                           firms: [Firm(name: "mill", technology: .activities([[0, 1]], bound: nil))])
        #expect(!NonExistenceChecker.accepts(.unboundedSupply(firm: 0, activity: 0), at: [Rational(-1, 2), Rational(3, 2)], mill))
    }

    /// A Leontief consumer whose needed goods are all free has no optimum:
    /// refused (never a division by a zero cost).
    @Test func aLeontiefConsumerWithEveryNeededGoodFreeHasNoOptimum() {
        let e = Economy(name: "free", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [0, 1], utility: .leontief(coefficients: [1, 0]), shares: []),
        ], firms: [])
        let c = EquilibriumCertificate(prices: [0, 1], allocation: [[0, 1]], production: [], levels: [], firmDuals: [],
                                       consumerMultipliers: [0])
        #expect(!accepted(c, e))
    }

    /// A Cobb–Douglas consumer may take any amount of a free good it does
    /// not value: that bundle is optimal too.
    @Test func aFreeUnvaluedGoodMayBeTaken() {
        let e = Economy(name: "free", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 5], utility: .cobbDouglas(exponents: [1, 0]), shares: []),
        ], firms: [])
        let c = EquilibriumCertificate(prices: [1, 0], allocation: [[1, 5]], production: [], levels: [], firmDuals: [],
                                       consumerMultipliers: [0])
        #expect(accepted(c, e))
    }

    /// A Cobb–Douglas consumer with no income is satisfied by nothing only
    /// while some good it values costs something; with every valued good
    /// free its utility is unbounded, even without income.
    @Test func aZeroIncomeConsumerWithEveryValuedGoodFreeHasNoOptimum() {
        let e = Economy(name: "free", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 0], utility: .cobbDouglas(exponents: [1, 0]), shares: []),
            Consumer(name: "d", endowment: [0, 1], utility: .cobbDouglas(exponents: [0, 1]), shares: []),
        ], firms: [])
        // p = (0, 1): c has no income and its only valued good is free; d buys its own good.
        let c = EquilibriumCertificate(prices: [0, 1], allocation: [[1, 0], [0, 1]], production: [], levels: [], firmDuals: [],
                                       consumerMultipliers: [0, 0])
        #expect(!accepted(c, e))
        if case .failure(let why) = EquilibriumChecker.check(c, for: e) { #expect(why.reason.contains("unbounded")) }
    }

    /// An activity that only uses goods (entries ≤ 0, some 0) produces
    /// nothing: bounded production holds for it.
    @Test func anActivityWithoutOutputsIsBoundedProduction() {
        let e = Economy(name: "sink", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: [1]),
        ], firms: [Firm(name: "sink", technology: .activities([[-1, 0]], bound: nil))])
        let check = existenceHypotheses(e).first { $0.hypothesis == .boundedProduction }
        #expect(check?.status.holds == true, "\(String(describing: check))")
    }

    /// A priced good in excess supply: every agent optimises and nothing is
    /// in excess demand; only complementarity `p_i z_i = 0` fails.
    @Test func aPricedGoodInSurplusIsNotAnEquilibrium() {
        // Only a satiated consumer can leave a priced good in surplus while optimising: a capped one.
        let capped = Economy(name: "surplus", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [2, 1], utility: .cappedLinear(weights: [1, 1], cap: 1), shares: []),
        ], firms: [])
        // At p = (1/2, 1/2) the cap is affordable (income 3/2 buys 3 units); x = (1, 0) reaches it.
        // z = (−1, −1) ≤ 0, but both goods are priced and in surplus.
        let c = EquilibriumCertificate(prices: [Rational(1, 2), Rational(1, 2)], allocation: [[1, 0]], production: [],
                                       levels: [], firmDuals: [], consumerMultipliers: [0])
        #expect(!accepted(c, capped))
        if case .failure(let why) = EquilibriumChecker.check(c, for: capped) { #expect(why.reason.contains("excess supply")) }
        // With the surplus good free it is an equilibrium.
        let free = EquilibriumCertificate(prices: [0, 1], allocation: [[1, 1]], production: [], levels: [], firmDuals: [],
                                          consumerMultipliers: [0])
        #expect(accepted(free, capped))
    }

    /// Walras' law over a set-valued demand: a capped consumer whose cap is
    /// affordable may spend all its income (that selection satisfies
    /// `p·z = 0`) or only what the cap costs. Testing the greatest-expenditure
    /// selection alone would call the law an identity here.
    @Test func walrasLawIsTestedAtTheLeastExpenditureSelectionToo() {
        let e = Economy(name: "cap", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [2, 2], utility: .cappedLinear(weights: [1, 1], cap: 1), shares: []),
        ], firms: [])
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        let v = checkWalrasLaw(e, at: [half])
        #expect(v.outcome == .counterexample)
        #expect(v.witness?.value == Rational(-3, 2), "the cap costs 1/2 of an income of 2")
    }

    /// A satiable consumer short of its bliss point must spend all its
    /// income. At p = (1/2, 1/2), income 1, bliss (2, 2): the KKT point is
    /// λ = 4, x = (1, 1). With λ = 6 the bundle (1/2, 1/2) is the KKT form
    /// for its multiplier and affordable, but leaves 1/2 unspent. The
    /// consumer's rule alone must refuse it (in a whole certificate,
    /// clearing with balanced transfers would catch it too).
    @Test func aSatiableConsumerShortOfBlissSpendsItsIncome() {
        let c = Consumer(name: "s", endowment: [1, 1], utility: .satiableQuadratic(bliss: [2, 2], weights: [1, 1]), shares: [])
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        #expect(throws: Never.self) { try EquilibriumChecker.checkConsumer(c, half, 1, [1, 1], 4) }
        #expect(throws: CertificateRejection.self) {
            try EquilibriumChecker.checkConsumer(c, half, 1, [Rational(1, 2), Rational(1, 2)], 6)
        }
    }

    /// One separating direction may cover every combination of tied firms
    /// at once. A lumpy firm whose mode (−1, 1) ties with inaction at
    /// p = (1/2, 1/2); its owner values only good b and owns 2 of a, so it
    /// buys (0, 2) either way. λ = (0, 1) gives λ·z = 2 − 0 or 2 − 1 > 0.
    @Test func oneDirectionMayCoverATie() {
        let e = Economy(name: "tie", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [2, 0], utility: .cobbDouglas(exponents: [0, 1]), shares: [1, 0]),
        ], firms: [Firm(name: "f", technology: .discreteModes([[-1, 1]])),
                   Firm(name: "idle", technology: .discreteModes([[1, -3]]))])  // loses money: not tied
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        #expect(NonExistenceChecker.tiedGroups(e, at: half).map(\.firms) == [[0]])
        #expect(NonExistenceChecker.accepts(.separated([[0, 1]]), at: half, e))
        #expect(NonExistenceChecker.accepts(.separated([[0, 1], [0, 1]]), at: half, e), "or one per combination")
        #expect(!NonExistenceChecker.accepts(.separated([[1, 0]]), at: half, e))
        #expect(NonExistenceChecker.acceptsCombination(1, direction: [0, 1], at: half, e))
        #expect(!NonExistenceChecker.acceptsCombination(2, direction: [0, 1], at: half, e), "there are two combinations")
        #expect(!NonExistenceChecker.acceptsCombination(-1, direction: [0, 1], at: half, e))
        // At p = (0, 1) the firm earns 1 and its owner buys (0, 1): z = (−1, 0), an equilibrium
        // with land in surplus. No direction separates it (and good a, free and unvalued,
        // never enters the owner's least value).
        #expect(!NonExistenceChecker.accepts(.separated([[0, 1]]), at: [0, 1], e))
        #expect(!NonExistenceChecker.accepts(.unboundedDemand(consumer: 0), at: [0, 1], e))
        #expect(!NonExistenceChecker.accepts(.unboundedDemand(consumer: 5), at: half, e), "no such consumer")
        let third = Rational(1, 3)
        #expect(!NonExistenceChecker.accepts(.separated([[0, 1, 0]]), at: [third, third, third], e), "a price of three goods")
    }

    /// Up to `maximumCombinations` combinations of tied firms, one
    /// direction each, are enumerated; beyond, one direction must cover
    /// them all. Twelve lumpy firms, each with its own mode `(−k, k)` that
    /// ties with inaction at p = (1/2, 1/2), give exactly 2¹² = 4096.
    @Test func exactlyTheMaximumNumberOfCombinationsIsEnumerated() {
        let firms = (1...12).map { k in Firm(name: "f\(k)", technology: .discreteModes([[Rational(-k), Rational(k)]])) }
        let e = Economy(name: "many", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [100, 0], utility: .cobbDouglas(exponents: [0, 1]),
                     shares: [Rational](repeating: 0, count: 12)),
        ], firms: firms)
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        #expect(NonExistenceChecker.maximumCombinations == 4096)
        // The owner buys (0, 100); the firms make at most 78 of b: λ = (0, 1) separates every one.
        let directions = [Vector](repeating: [0, 1], count: 4096)
        #expect(NonExistenceChecker.accepts(.separated(directions), at: half, e))
        let more = Economy(name: "more", commodities: e.commodities, consumers: [
            Consumer(name: "c", endowment: [100, 0], utility: .cobbDouglas(exponents: [0, 1]), shares: [Rational](repeating: 0, count: 13)),
        ], firms: firms + [Firm(name: "f13", technology: .discreteModes([[-13, 13]]))])
        #expect(!NonExistenceChecker.accepts(.separated(directions + directions), at: half, more), "8192 is too many")
        #expect(NonExistenceChecker.accepts(.separated([[0, 1]]), at: half, more), "one direction covers them all")
    }

    /// A constant-returns activity that earns exactly 0 may run at any
    /// scale: supply is the cone, bounded in value. At p = (1/2, 1/2) the
    /// activity (−1, 1) breaks even; the consumer wants only good a, so
    /// λ = (1, 0) sees excess demand 2 + t > 0 for every scale t.
    @Test func anActivityThatBreaksEvenKeepsSupplyBounded() {
        let e = Economy(name: "even", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [0, 2], utility: .cobbDouglas(exponents: [1, 0]), shares: [1]),
        ], firms: [Firm(name: "f", technology: .activities([[-1, 1]], bound: nil))])
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        #expect(NonExistenceChecker.accepts(.separated([[1, 0]]), at: half, e))
        #expect(!NonExistenceChecker.accepts(.separated([[0, 1]]), at: half, e), "λ·y is unbounded along the activity")
        #expect(!NonExistenceChecker.accepts(.unboundedSupply(firm: 0, activity: 0), at: half, e))
    }

    /// The price line must be covered without gaps. A Cobb–Douglas economy
    /// with ω = (1, 1) and equal exponents clears at t = 1/2; every piece
    /// below holds on its own, but they skip [1/4, 3/4], where the
    /// equilibrium lies.
    @Test func aPriceLineWithAGapIsNoProof() {
        let e = Economy(name: "gap", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: []),
        ], firms: [])
        let (quarter, threeQuarters) = (Rational(1, 4), Rational(3, 4))
        let pieces = [PriceLinePiece(from: 0, to: 0, witness: .unboundedDemand(consumer: 0)),
                      PriceLinePiece(from: 0, to: quarter, witness: .excess(good: 0, sign: 1)),
                      PriceLinePiece(from: threeQuarters, to: threeQuarters, witness: .separated([[0, 1]])),
                      PriceLinePiece(from: threeQuarters, to: 1, witness: .excess(good: 1, sign: 1)),
                      PriceLinePiece(from: 1, to: 1, witness: .unboundedDemand(consumer: 0))]
        #expect(pieces.allSatisfy { NonExistenceChecker.accepts($0, e) }, "each piece holds")
        guard case .failure(let why) = NonExistenceChecker.check(.priceLine(pieces), for: e) else {
            Issue.record("a gap over the equilibrium was accepted")
            return
        }
        #expect(why.reason.contains("piece 2 starts at 3/4"), "\(why)")
        // A piece that runs backwards is refused as such, before its witness is looked at.
        let backwards = [pieces[0], pieces[1], PriceLinePiece(from: quarter, to: quarter, witness: .separated([[1, 0]])),
                         PriceLinePiece(from: quarter, to: Rational(1, 8), witness: .excess(good: 0, sign: 1))] + pieces[2...]
        guard case .failure(let back) = NonExistenceChecker.check(.priceLine(backwards), for: e) else {
            Issue.record("a backwards piece was accepted")
            return
        }
        #expect(back.reason.contains("piece 3 runs backwards"), "\(back)")
    }

    /// Free production proves non-existence only if the consumer wants
    /// nothing but the free outputs; a good it gives exponent 0 does not count.
    @Test func freeProductionLooksOnlyAtValuedGoods() {
        func economy(_ exponents: Vector) -> Economy {
            Economy(name: "free", commodities: ["a", "b"], consumers: [
                Consumer(name: "c", endowment: [1, 0], utility: .cobbDouglas(exponents: exponents), shares: [1]),
            ], firms: [Firm(name: "f", technology: .activities([[0, 1]], bound: nil))])
        }
        let proof = NonExistenceCertificate.freeProduction(firm: 0, activity: 0, consumer: 0)
        #expect(NonExistenceChecker.check(proof, for: economy([0, 1])).isSuccess)
        #expect(!NonExistenceChecker.check(proof, for: economy([1, 1])).isSuccess, "it also wants a, which is not free")
    }

    /// A linear consumer may take any amount of a free good it gives no
    /// weight; its demand for the others is the usual one.
    @Test func aLinearConsumerMayTakeAFreeUnvaluedGood() {
        let c = Consumer(name: "l", endowment: [1, 0], utility: .linear(weights: [1, 0]), shares: [])
        #expect(throws: Never.self) { try EquilibriumChecker.checkConsumer(c, [1, 0], 1, [1, 0], 0) }
        #expect(throws: Never.self) { try EquilibriumChecker.checkConsumer(c, [1, 0], 1, [1, 5], 0) }
        #expect(throws: CertificateRejection.self) { try EquilibriumChecker.checkConsumer(c, [1, 0], 1, [Rational(1, 2), 0], 0) }
        // A Cobb–Douglas consumer with income who values a free good has no optimum.
        let d = Consumer(name: "d", endowment: [0, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: [])
        #expect(throws: CertificateRejection.self) { try EquilibriumChecker.checkConsumer(d, [0, 1], 1, [1, 1], 0) }
    }

    /// A quadratic-cost firm's supply is a closed form: levels and duals
    /// must be empty, even when the production is right.
    @Test func aQuadraticFirmCarriesNoLevelsOrDuals() throws {
        let firm = Firm(name: "q", technology: .quadraticCost(inputCommodity: 0, scale: [0, 2], capacity: [0, 10]))
        let half: Vector = [Rational(1, 2), Rational(1, 2)]
        guard case .defined(let s) = firm.technology.supply(at: half) else { Issue.record("no supply"); return }
        #expect(throws: Never.self) { try EquilibriumChecker.checkFirm(firm, half, s.production, [], []) }
        #expect(throws: CertificateRejection.self) { try EquilibriumChecker.checkFirm(firm, half, s.production, [], [0]) }
        #expect(throws: CertificateRejection.self) { try EquilibriumChecker.checkFirm(firm, half, s.production, [0], []) }
    }

    /// Scarf's invariants are about interior prices: at a price with a zero
    /// coordinate the check says "undefined", never true or false.
    @Test func scarfsInvariantsAreUndefinedOnTheBoundary() throws {
        let e = try EconomyFormat.load(path: example("scarf-1960.json"))
        #expect(conservesScarfInvariants(e, at: [[0, Rational(1, 2), Rational(1, 2)]]) == nil)
        let third = Rational(1, 3)
        #expect(conservesScarfInvariants(e, at: [[third, third, third]]) != nil)
    }

    /// Second welfare holds only if every constructed optimum is supported.
    /// With a satiable consumer no optimum is constructed from weights, so
    /// without first welfare's evidence the verdict is undecided; with it,
    /// the equilibrium allocation is supported by its own checked price
    /// (zero transfers), no LP needed, whatever the kinds.
    @Test func anUnsupportableKindLeavesSecondWelfareUndecided() throws {
        let e = Economy(name: "sated", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: []),
            Consumer(name: "s", endowment: [1, 1], utility: .satiableQuadratic(bliss: [4, 4], weights: [1, 1]), shares: []),
        ], firms: [])
        let v = checkSecondWelfare(e, optimalEquilibrium: nil)
        #expect(v.outcome == .undecided && v.reason.contains("no Pareto optimum could be constructed"), "\(v.reason)")
        guard let checked = checkEquilibrium(e).checked else {
            Issue.record("no exact equilibrium")
            return
        }
        let withEquilibrium = checkSecondWelfare(e, optimalEquilibrium: checked)
        #expect(withEquilibrium.outcome == .holds, "\(withEquilibrium.reason)")
        #expect(withEquilibrium.supported.map(\.1.certificate) == [checked.certificate])
    }

    /// Bounded production fails only for an activity that makes something
    /// from nothing (every entry ≥ 0, one > 0); an activity with an input
    /// and an output leaves it unchecked, never failed.
    @Test func onlyProductionFromNothingFailsBoundedProduction() {
        func status(_ activity: Vector) -> HypothesisStatus {
            let e = Economy(name: "f", commodities: ["a", "b"], consumers: [
                Consumer(name: "c", endowment: [1, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: [1]),
            ], firms: [Firm(name: "f", technology: .activities([activity], bound: nil))])
            return boundedProductionChecks(e)[0].status
        }
        guard case .fails = status([0, 1]) else { Issue.record("(0, 1) makes b from nothing"); return }
        guard case .notChecked = status([-1, 2]) else { Issue.record("(−1, 2) needs an input"); return }
        guard case .holds = status([-1, 0]) else { Issue.record("(−1, 0) has no output"); return }
    }

    /// A coordinate exactly at the mesh's reach counts as reaching the
    /// boundary: the false corner is recognised from a price whose grain and
    /// land cost exactly `r`, and not from one where they cost more.
    @Test func aFalseCornerIsSeenFromExactlyTheMeshsReach() throws {
        let e = try EconomyFormat.load(path: example("false-corner.json"))
        let r = Rational(1, 64)
        let p: Vector = [r, 1 - 2 * r, r]
        #expect(falseCorner(e, near: p, within: r)?.contains("(0, 1, 0)") == true)
        #expect(falseCorner(e, near: p, within: r / 2) == nil)
        #expect(falseCorner(e, near: [Rational(1, 3), Rational(1, 3), Rational(1, 3)], within: r) == nil, "far from the boundary")
    }

    /// Above the integer search's size limit, an approximate point from the
    /// vector search is judged by the vector mesh's tolerance (`2^-bits/2`),
    /// never by a tolerance made up for a search that did not run.
    @Test func aVectorPointIsJudgedByItsOwnMesh() throws {
        let e = try EconomyFormat.load(path: example("irrational.json"))
        // The enclosure stage is given no time, so that the approximate point is what is judged.
        let v = Budget(stage: "equilibrium", deadline: nil, overrides: ["enclosure": .zero]).enforce {
            checkEquilibrium(e, options: EquilibriumOptions(vectorSearch: VectorSearchLimits(meshBits: 20), searchMaxGoods: 1))
        }
        #expect(!v.searched)
        #expect(v.tolerance == Rational(1, 1 << 10), "\(String(describing: v.tolerance)): \(v.reason)")
        #expect(v.status == .approximate, "\(v.reason)")
    }

    /// The simplicial search runs up to and including `searchMaxGoods` commodities.
    @Test func theSearchRunsAtExactlyTheSizeLimit() {
        let e = Economy(name: "two", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 1], utility: .leontief(coefficients: [1, 2]), shares: []),
        ], firms: [])
        // The vector-labelled search, which would find it first, gets no pivots here (and a Leontief consumer
        // has no closed form to fall back on).
        let off = VectorSearchLimits(maximumPivots: 0)
        #expect(checkEquilibrium(e, options: EquilibriumOptions(vectorSearch: off, searchMaxGoods: 2)).searched)
        #expect(!checkEquilibrium(e, options: EquilibriumOptions(vectorSearch: off, searchMaxGoods: 1)).searched)
    }

    /// An excess witness's sign is +1 or −1, nothing else. A Cobb–Douglas
    /// consumer owning only good a, with equal exponents: on 0 < t < 1 it
    /// spends t/2 on good b and owns none, so excess demand for b is
    /// positive throughout.
    @Test func anExcessWitnessHasSignPlusOrMinusOne() {
        let e = Economy(name: "sign", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 0], utility: .cobbDouglas(exponents: [1, 1]), shares: []),
        ], firms: [])
        func piece(_ good: Int, _ sign: Int) -> PriceLinePiece { PriceLinePiece(from: 0, to: 1, witness: .excess(good: good, sign: sign)) }
        #expect(NonExistenceChecker.accepts(piece(1, 1), e))
        #expect(NonExistenceChecker.accepts(piece(0, -1), e))
        #expect(!NonExistenceChecker.accepts(piece(1, -1), e))
        #expect(!NonExistenceChecker.accepts(piece(1, 2), e))
        #expect(!NonExistenceChecker.accepts(piece(1, 0), e))
        #expect(!NonExistenceChecker.accepts(piece(2, 1), e))
    }

    /// A separating direction that is negative on a free good proves
    /// nothing (the good may be disposed of). At p = (0, 1) the zero-income
    /// economy is in equilibrium with land in surplus.
    @Test func aDirectionNegativeOnAFreeGoodIsRefused() throws {
        let e = try EconomyFormat.load(path: example("zero-income.json"))
        #expect(!NonExistenceChecker.accepts(.separated([[-1, 0]]), at: [0, 1], e))
        #expect(!NonExistenceChecker.accepts(.separated([[-1, 1]]), at: [0, 1], e))
    }

    /// Where a constant-returns activity earns money, supply is unbounded:
    /// the witness must say so (`unbounded-supply`), and a separating
    /// direction computed as if the firm stayed idle is refused.
    @Test func aSeparatedWitnessNeedsEverySupplyDefined() throws {
        let e = try EconomyFormat.load(path: example("free-production.json"))
        let p: Vector = [Rational(1, 2), Rational(1, 2)]  // the mill earns 1/2 per unit
        #expect(NonExistenceChecker.accepts(.unboundedSupply(firm: 0, activity: 0), at: p, e))
        for d: Vector in [[1, 0], [0, 1], [-1, 0], [0, -1]] {
            #expect(!NonExistenceChecker.accepts(.separated([d]), at: p, e), "\(d)")
        }
        #expect(!NonExistenceChecker.accepts(.unboundedDemand(consumer: 0), at: p, e))
    }

    /// The approximation tolerance is `2^-k` with `4^k ≤ D < 4^(k+1)`, capped
    /// at `k = 31` (beyond, `4^(k+1)` overflows a machine word).
    @Test func theToleranceOfAMeshIsAboutOneOverItsSquareRoot() {
        #expect(approximationTolerance(mesh: 1) == 1)
        #expect(approximationTolerance(mesh: 3) == 1)
        #expect(approximationTolerance(mesh: 4) == Rational(1, 2))
        #expect(approximationTolerance(mesh: 1 << 24) == Rational(1, 1 << 12))
        #expect(approximationTolerance(mesh: (1 << 24) - 1) == Rational(1, 1 << 11))
        #expect(approximationTolerance(mesh: Int.max) == Rational(1, 1 << 31))
    }

    /// The certified region of the smooth example contains its exact
    /// equilibrium (1/3, 1/3, 1/3), which is then the Banach fixed point:
    /// the cross-check must say so, not "outside the region".
    @Test func theExactEquilibriumInTheRegionIsTheFixedPoint() throws {
        let e = try EconomyFormat.load(path: example("smooth-contraction.json"))
        let v = checkContraction(e, equilibrium: checkEquilibrium(e))
        #expect(v.status == .contraction)
        guard case .exactEquilibriumIsFixedPoint(let gap, let rho)? = v.crossCheck else {
            Issue.record("cross-check: \(String(describing: v.crossCheck))")
            return
        }
        #expect(gap <= rho * rho, "within ρ of the centre (a dyadic rounding of the equilibrium)")
    }

    /// A "Pareto improvement" must make someone strictly better off, every
    /// one at least as well off, and be feasible; the theorem re-checks it.
    @Test func anImprovementIsReCheckedExactly() {
        let e = Economy(name: "two", commodities: ["a", "b"], consumers: [
            Consumer(name: "c", endowment: [1, 1], utility: .cappedLinear(weights: [1, 1], cap: 1), shares: []),
            Consumer(name: "d", endowment: [1, 1], utility: .linear(weights: [1, 1]), shares: []),
        ], firms: [])
        let x: [Vector] = [[1, 1], [1, 1]]
        #expect(verifiedImprovement(e, over: x, allocation: x, production: []) == nil, "nobody better off")
        #expect(verifiedImprovement(e, over: x, allocation: [[1, 0], [1, 2]], production: []) == [0, 1])
        #expect(verifiedImprovement(e, over: x, allocation: [[1, 0], [1, 3]], production: []) == nil, "infeasible")
        #expect(verifiedImprovement(e, over: x, allocation: [[0, 0], [2, 2]], production: []) == nil, "c worse off")
        #expect(verifiedImprovement(e, over: x, allocation: [[1, 0], [1, 2], [0, 0]], production: []) == nil, "sizes")
    }
}

/// The checker's polynomial arithmetic, against values computed by hand.
@Suite("Single faults: the price-line checker's polynomials")
struct PolynomialSignTests {
    @Test func sumsOfPolynomialsOfDifferentDegrees() {
        #expect(Poly([1, 2]) + Poly([0, 0, 3]) == Poly([1, 2, 3]))
        #expect(Poly([0, 0, 3]) + Poly([1, 2]) == Poly([1, 2, 3]))
        #expect(Poly([1, 1]) * Poly([-1, 1]) == Poly([-1, 0, 1]))
    }

    /// Positivity on an open interval by Bernstein coefficients: sufficient,
    /// exact, and never claimed where the polynomial has a root inside.
    @Test func bernsteinPositivityIsExact() {
        let t1mt = Poly([0, 1, -1])  // t(1 − t): positive on (0, 1), zero at both ends
        #expect(t1mt.isPositive(on: 0, 1))
        let square = Poly([Rational(1, 4), -1, 1])  // (t − 1/2)²: zero at 1/2
        #expect(!square.isPositive(on: 0, 1))
        #expect(square.isPositive(on: 0, Rational(1, 2)))
        let falling = Poly([1, -3])  // 1 − 3t: root at 1/3
        #expect(falling.isPositive(on: 0, Rational(1, 3)))
        #expect(!falling.isPositive(on: 0, Rational(1, 2)))
        #expect(!Poly([0, 0]).isPositive(on: 0, 1), "identically zero is not positive")
        #expect(!(Rational(-1) * t1mt).isPositive(on: 0, 1))
    }
}
