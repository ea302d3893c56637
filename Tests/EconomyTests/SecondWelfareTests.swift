import Testing
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import EconomyFormat
import EquilibriumCertificates
import LPCertificates
import TheoremChecks
import WelfareSolvers
import WalrasAudit
import AgentEconomy
import SeededRandom
import _TestSupport

@Suite("Second Welfare Theorem (second_welfare)")
struct SecondWelfareTests {
    @Test func cobbDouglasOptimaAreEquilibriaWithBalancedTransfers() {
        var rng = SplitMix64(seed: 0x5EED_0901)
        var nonZeroTransfers = 0
        for i in 0..<12 {
            let n = 2 + i % 3, h = 2 + i % 2
            let e = Economy(name: "cd", commodities: (0..<n).map { "g\($0)" }, consumers: (0..<h).map { k in
                Consumer(name: "c\(k)", endowment: Vector((0..<n).map { _ in Rational(rng.int(in: 1...5)) }),
                         utility: .cobbDouglas(exponents: Vector((0..<n).map { _ in Rational(rng.int(in: 1...4)) })), shares: [])
            }, firms: [])
            let v = checkSecondWelfare(e, optimalEquilibrium: nil)
            #expect(v.outcome == .holds, "economy \(i): \(v.reason)")
            #expect(v.supported.count == 3, "economy \(i): three weighted optima")
            for (_, checked) in v.supported {
                let t = checked.certificate.transfers
                #expect(t.reduce(Rational.zero, +) == 0)
                if t.contains(where: { !$0.isZero }) { nonZeroTransfers += 1 }
                // Re-checked independently: the certificate alone proves it.
                #expect(EquilibriumChecker.check(checked.certificate, for: e).isSuccess)
            }
        }
        #expect(nonZeroTransfers > 0, "weighted optima away from the equilibrium need transfers")
    }

    @Test func aLumpyOvensOptimumIsUnsupportableWithACheckedFarkasCertificate() throws {
        let e = try EconomyFormat.load(path: example("non-convex-optimum.json"))
        let v = checkSecondWelfare(e, optimalEquilibrium: nil)
        #expect(v.outcome == .counterexample)
        let u = try #require(v.unsupported)
        #expect(u.optimum.allocation == [[1, 2]] && u.optimum.production == [[-2, 2]])
        #expect(u.failedHypothesis?.hypothesis == .convexProduction)
        // The Farkas vector is re-checked from scratch against the same LP.
        guard case .infeasible = u.farkas.certificate else { Issue.record("expected a Farkas certificate"); return }
        #expect(LPCertificateChecker.check(u.farkas.certificate, for: u.farkas.program).isSuccess)
    }

    @Test func theAuditReportsBothWelfareVerdicts() throws {
        let (status, out) = try runWalras(["audit", "examples/non-convex-optimum.json", "--json"])
        #expect(status == 1)
        let sw = try JSONReader().parse(out)["verdicts"]?["second_welfare"]
        #expect(sw?["status"] == .string("counterexample"))
        #expect(sw?["unsupported_optimum"]?["failed_hypothesis"]?["id"] == .string("convex_production"))
        let (okStatus, ok) = try runWalras(["audit", "examples/scarf-1960.json", "--json"])
        #expect(okStatus == 1, "only the contraction verdict fails")
        #expect(try JSONReader().parse(ok)["verdicts"]?["first_welfare"]?["status"] == .string("holds"))
        #expect(try JSONReader().parse(ok)["verdicts"]?["second_welfare"]?["status"] == .string("holds"))
    }

    /// A multi-orchestrator agent economy gets both welfare verdicts; with
    /// Leontief welfare for both, weighted optima over production are LPs
    /// and each is supported with transfers that sum to zero.
    @Test func aMultiOrchestratorAgentEconomyGetsBothVerdicts() throws {
        let (status, out) = try runWalras(["audit", "examples/agents-two-tenants-small.json", "--mesh-bits", "10"])
        #expect(status == 1, "only the contraction verdict fails (polyhedral routing): \(out)")
        #expect(out.contains("first_welfare — First Welfare Theorem") && out.contains("status: holds (route: supporting-prices+pareto-lp)"))
        #expect(out.contains("orchestrator 'product': task flow on planner>coder"))
        let document = try Auditor.load(path: example("agents-two-tenants-small.json"))
        guard case .agents(var agents) = document else { Issue.record("not an agent economy"); return }
        agents.orchestrators[0].welfare = .leontief(coefficients: agents.orchestrators[0].welfare.weights)
        let report = Auditor.audit(.agents(agents), file: "leontief variant", options: AuditOptions(meshBits: 10))
        #expect(report.firstWelfare?.outcome == .holds)
        #expect(report.secondWelfare?.outcome == .holds)
        let weighted = report.secondWelfare!.supported.filter { $0.0.construction.contains("over production") }
        #expect(weighted.count >= 2, "\(report.secondWelfare!.reason)")
        #expect(weighted.contains { !$0.1.certificate.transfers.allSatisfy(\.isZero) }, "some optimum needs transfers")
        for (_, checked) in weighted {
            #expect(checked.certificate.transfers.reduce(Rational.zero, +).isZero)
        }
    }

    /// The 54-commodity two-orchestrator system: its frontier points (research's
    /// Leontief level at 1/4, 1/2, 3/4 of its best), each proved Pareto optimal
    /// by the price-free search, are equilibria with transfers that sum to 0.
    @Test func theTwoOrchestratorFrontierIsSupportedWithTransfers() throws {
        let (_, out) = try runWalras(["audit", "examples/agents-two-orchestrators.json", "--json"])
        let sw = try JSONReader().parse(out)["verdicts"]?["second_welfare"]
        #expect(sw?["status"] == .string("holds"))
        guard case .array(let supported)? = sw?["supported"] else { Issue.record("no supported optima: \(out)"); return }
        let frontier = supported.filter { if case .string(let c)? = $0["construction"] { c.contains("at level") } else { false } }
        #expect(frontier.count == 3)
        var nonzero = false
        for optimum in frontier {
            // A certificate lists transfers exactly when it claims an equilibrium with transfers.
            if optimum["certificate"]?["claim"] == .string("walrasian-equilibrium") {
                #expect(optimum["certificate"]?["transfers"] == nil)
                continue
            }
            #expect(optimum["certificate"]?["claim"] == .string("equilibrium-with-transfers"))
            guard case .string(let a)? = optimum["certificate"]?["transfers"]?["product"],
                  case .string(let b)? = optimum["certificate"]?["transfers"]?["research"] else {
                Issue.record("transfers missing")
                continue
            }
            let ta = try Rational(parsing: a), tb = try Rational(parsing: b)
            #expect((ta + tb).isZero, "transfers \(a) and \(b) must sum to 0")
            nonzero = nonzero || !ta.isZero
        }
        #expect(nonzero, "away from the equilibrium, the optimum needs a transfer")
    }
}
