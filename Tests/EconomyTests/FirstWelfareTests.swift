import Testing
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import EconomyFormat
import TheoremChecks
import WelfareSolvers
import EquilibriumSearch
import Harness
import EquilibriumCertificates

@Suite("First Welfare Theorem (first_welfare)")
struct FirstWelfareTests {
    @Test func thickIndifferenceYieldsTheTextbookParetoImprovement() throws {
        let (status, out) = try runWalras(["audit", "examples/thick-indifference.json", "--json"])
        #expect(status == 1)
        let fw = try JSONReader().parse(out)["verdicts"]?["first_welfare"]
        #expect(fw?["status"] == .string("counterexample"))
        #expect(fw?["route"] == .string("pareto-improvement"))
        #expect(fw?["witness"]?["allocation"]?["A"] == .array([.string("1/2"), .string("1/2")]))
        #expect(fw?["witness"]?["allocation"]?["B"] == .array([.string("3/2"), .string("3/2")]))
        #expect(fw?["witness"]?["compared_with_equilibrium"]?["B"] == .string("better"))
        #expect(fw?["witness"]?["failed_hypothesis"]?["id"] == .string("local_non_satiation"))
    }

    /// Both routes: (a) the supporting-price certificate and (b) the
    /// price-free LP search, which proves that no improvement exists.
    @Test(arguments: ["scarf-1960.json", "production.json", "smooth-contraction.json", "agents-two-tenants-small.json"])
    func exactEquilibriaOfNonSatiatedEconomiesArePareto(_ name: String) throws {
        // A coarser mesh suffices: each equilibrium is found exact well before 1/2^24.
        let (_, out) = try runWalras(["audit", "examples/\(name)", "--json", "--mesh-bits", "10"])
        let fw = try JSONReader().parse(out)["verdicts"]?["first_welfare"]
        #expect(fw?["status"] == .string("holds"), "\(name)")
        #expect(fw?["route"] == .string("supporting-prices+pareto-lp"), "\(name)")
        #expect(fw?["pareto_search"]?["outcome"] == .string("no-improvement"), "\(name)")
    }

    @Test func thePriceFreeSearchFindsTheThickIndifferenceImprovementOnItsOwn() throws {
        let e = try EconomyFormat.load(path: example("thick-indifference.json"))
        let x: [Vector] = [[1, 1], [1, 1]]
        guard case .improvement(let allocation, let production, let comparisons) =
                searchParetoImprovement(e, allocation: x, production: []) else {
            Issue.record("route (b) found no improvement")
            return
        }
        // Re-checked here from scratch: feasible, no one worse off, someone better off.
        #expect(production.isEmpty)
        #expect(allocation[0] + allocation[1] == x[0] + x[1] || (0..<2).allSatisfy { (allocation[0] + allocation[1])[$0] <= 2 })
        #expect(allocation.allSatisfy { $0.allSatisfy { $0.signum() >= 0 } })
        for h in 0..<2 { #expect(e.consumers[h].utility.compare(allocation[h], x[h]) == comparisons[h]) }
        #expect(comparisons.allSatisfy { $0 >= 0 } && comparisons.contains(1))
    }

    /// Route (b) is sound on seeded economies: wherever the equilibrium is
    /// exact and every consumer is non-satiated, it never finds an improvement.
    @Test func thePriceFreeSearchNeverContradictsTheTheorem() throws {
        var decided = 0
        for seed in UInt64(0)..<8 {
            let e = EconomyGenerator.economy(seed: seed, regime: .allHold)
            let v = checkEquilibrium(e, options: EquilibriumOptions(search: SearchLimits(targetMesh: 1 << 12, maximumPivots: 20_000, timeLimit: 30)))
            guard let c = v.checked else { continue }
            let outcome = searchParetoImprovement(e, allocation: c.certificate.allocation, production: c.certificate.production)
            if case .improvement = outcome { Issue.record("seed \(seed): an improvement on an exact equilibrium") }
            if case .noImprovement = outcome { decided += 1 }
        }
        #expect(decided >= 3, "the search proves optimality on most seeds: \(decided)")
    }

    @Test func theSingleOrchestratorEquilibriumAttainsThePlannersOptimum() throws {
        let (_, out) = try runWalras(["audit", "examples/smooth-contraction.json", "--json"])
        let planner = try JSONReader().parse(out)["verdicts"]?["first_welfare"]?["planner"]
        #expect(planner?["attained"] == .bool(true))
        #expect(planner?["planner_welfare"] == planner?["equilibrium_welfare"])
        // A Leontief consumer with activities: the planner's LP optimum, exactly.
        let e = Economy(name: "one", commodities: ["labour", "bread"],
                        consumers: [Consumer(name: "h", endowment: [4, 0], utility: .leontief(coefficients: [1, 1]), shares: [1])],
                        firms: [Firm(name: "bakery", technology: .activities([[-1, 2]], bound: nil))])
        let eq = checkEquilibrium(e, options: EquilibriumOptions(search: SearchLimits(targetMesh: 1 << 16, maximumPivots: 50_000, timeLimit: 30)))
        let c = try #require(eq.checked)
        let search = searchParetoImprovement(e, allocation: c.certificate.allocation, production: c.certificate.production)
        let plan = try #require(comparePlannerOptimum(e, allocation: c.certificate.allocation, production: c.certificate.production,
                                                      search: search))
        // max min(L, B) with L + λ ≤ 4, B ≤ 2λ: λ = 4/3, welfare 8/3.
        #expect(plan.plannerWelfare == .value("8/3") && plan.equilibriumWelfare == "8/3" && plan.attained)
    }

    @Test func noEquilibriumMeansNotApplicableAndApproximateMeansUndecided() throws {
        let (_, lumpy) = try runWalras(["audit", "examples/non-convex.json", "--json"])
        #expect(try JSONReader().parse(lumpy)["verdicts"]?["first_welfare"]?["status"] == .string("not-applicable"))
        // Without its enclosure stage, the irrational equilibrium is only approximate: undecided.
        let (_, smooth) = try runWalras(["audit", "examples/smooth-production.json", "--json", "--stage-seconds", "enclosure=0"])
        #expect(try JSONReader().parse(smooth)["verdicts"]?["equilibrium"]?["status"] == .string("approximate"))
        #expect(try JSONReader().parse(smooth)["verdicts"]?["first_welfare"]?["status"] == .string("undecided"))
        // With it, the enclosure proves the equilibrium, and the theorem applies.
        let (_, enclosed) = try runWalras(["audit", "examples/smooth-production.json", "--json"])
        #expect(try JSONReader().parse(enclosed)["verdicts"]?["first_welfare"]?["status"] == .string("holds"))
    }

    @Test func cobbDouglasUtilitiesAreComparedExactlyWithoutRoots() {
        let u = Utility.cobbDouglas(exponents: [Rational(1, 2), Rational(1, 3)])
        // (4^(1/2))(27^(1/3)) = 6 = (9^(1/2))(8^(1/3)): equal, found by raising both to the 6th power.
        #expect(u.compare([4, 27], [9, 8]) == 0)
        #expect(u.compare([4, 28], [9, 8]) == 1)
        #expect(u.compare([4, 26], [9, 8]) == -1)
        #expect(Utility.cappedLinear(weights: [1, 1], cap: 1).compare([Rational(1, 2), Rational(1, 2)], [1, 1]) == 0)
        #expect(!Utility.cappedLinear(weights: [1, 1], cap: 1).isLocallyNonSatiated(at: [1, 1]))
        #expect(!Utility.satiableQuadratic(bliss: [1, 1], weights: [1, 1]).isLocallyNonSatiated(at: [1, 1]))
    }

    /// The irrational example's planner optimum is 2√2 (u = x_labour·x_food):
    /// the bounds at an approximate equilibrium must bracket it, exactly.
    @Test func plannerBoundsBracketTheIrrationalOptimum() throws {
        let e = try EconomyFormat.load(path: example("irrational.json"))
        let v = checkEquilibrium(e, options: EquilibriumOptions(search: SearchLimits(targetMesh: 1 << 16, maximumPivots: 50_000, timeLimit: 30)))
        let a = try #require(v.equilibrium)
        let plan = try #require(plannerBounds(e, near: a))
        if case .between = plan.plannerWelfare {} else { Issue.record("expected bounds, found \(plan.plannerWelfare)") }
        #expect(!plan.attained)
        let feasible = a.production.reduce(e.totalEndowment, +)
        let lower = feasible[0] * feasible[1], upper = a.allocation[0][0] * a.allocation[0][1]
        #expect(lower * lower <= 8 && 8 <= upper * upper, "[\(lower), \(upper)] must contain 2√2")
        #expect(upper - lower < Rational(1, 1000), "and be tight")
    }

    /// The planner route to an exact equilibrium, checked against an
    /// independent oracle: in a one-consumer economy every equilibrium is
    /// the planner's optimum, so the route-(b) LP must find no improvement,
    /// and the checker must accept the certificate.
    @Test func thePlannerRouteGivesCheckedEquilibriaOnSeededOneConsumerEconomies() throws {
        var found = 0
        for seed in UInt64(0)..<60 {
            var e = EconomyGenerator.economy(seed: seed, regime: .allHold)
            guard e.consumers.count >= 1 else { continue }
            e.consumers = [e.consumers[0]]
            e.consumers[0].shares = e.firms.map { _ in 1 }
            e.firms = e.firms.filter { if case .activities = $0.technology { true } else { false } }
            e.consumers[0].shares = e.firms.map { _ in 1 }
            guard let checked = plannerEquilibrium(e) else { continue }
            found += 1
            let c = checked.certificate
            let verdict = EquilibriumChecker.check(c, for: e)
            if case .failure(let why) = verdict { Issue.record("seed \(seed): the checker rejects it: \(why)") }
            #expect(c.transfers.allSatisfy { $0.isZero })
            if case .improvement = searchParetoImprovement(e, allocation: c.allocation, production: c.production) {
                Issue.record("seed \(seed): the planner's optimum is improvable")
            }
        }
        #expect(found >= 10, "the route applies to many seeds: \(found)")
    }

    /// The two-consumer route (one Leontief consumer; Negishi on its level):
    /// whatever it returns, the checker accepts with zero transfers and the
    /// price-free search cannot improve it.
    @Test func theTwoConsumerRouteGivesCheckedEquilibria() throws {
        var found = 0
        for seed in UInt64(0)..<80 {
            var e = EconomyGenerator.economy(seed: seed, regime: .allHold)
            guard e.consumers.count >= 2 else { continue }
            e.consumers = Array(e.consumers.prefix(2))
            e.firms = e.firms.filter { if case .activities = $0.technology { true } else { false } }
            e.consumers[0].shares = e.firms.map { _ in Rational(1, 2) }
            e.consumers[1].shares = e.firms.map { _ in Rational(1, 2) }
            if case .leontief = e.consumers[1].utility {} else {
                e.consumers[1].utility = .leontief(coefficients: Vector((0..<e.commodityCount).map { Rational($0 % 2 + 1) }))
            }
            guard let checked = twoConsumerEquilibrium(e) else { continue }
            found += 1
            let c = checked.certificate
            if case .failure(let why) = EquilibriumChecker.check(c, for: e) { Issue.record("seed \(seed): rejected: \(why)") }
            #expect(c.transfers.allSatisfy { $0.isZero }, "seed \(seed)")
            if case .improvement = searchParetoImprovement(e, allocation: c.allocation, production: c.production) {
                Issue.record("seed \(seed): the equilibrium is improvable")
            }
        }
        #expect(found >= 5, "the route applies to several seeds: \(found)")
    }
}
