import Testing
import EnclosureCertificates
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import EconomyFormat
import EquilibriumCertificates
import EquilibriumSearch
import TheoremChecks
import WelfareSolvers
import WalrasAudit
import Harness
import _TestSupport

/// Verdicts that cannot lie: hypotheses first, `found` only when proved,
/// and one verdict per economy whoever asks.
@Suite("Verdicts: hypotheses first, one source of truth")
struct VerdictTests {
    /// Every verdict of every example's JSON report lists its hypotheses,
    /// each with an identifier, an agent and a status.
    @Test func everyVerdictInTheJSONReportListsItsHypotheses() throws {
        for file in ["satiated.json", "profit-leakage.json", "smooth-contraction.json", "non-convex.json", "scarf-1960.json"] {
            let (_, out) = try runWalras(["audit", "examples/\(file)", "--json", "--mesh-bits", "12"])
            let report = try JSONReader().parse(out)
            for id in TheoremID.allCases {
                guard case .array(let checks)? = report["verdicts"]?[id.rawValue]?["hypotheses"], !checks.isEmpty else {
                    Issue.record("\(file): verdicts.\(id.rawValue).hypotheses missing or empty")
                    continue
                }
                for c in checks {
                    #expect(c["id"] != nil && c["agent"] != nil, "\(file) \(id.rawValue): \(c)")
                    guard case .string(let s)? = c["status"] else { Issue.record("\(file): no status"); continue }
                    #expect(["holds", "fails", "not checked"].contains(s), "\(file) \(id.rawValue): status \(s)")
                }
                guard case .string(let outcome)? = report["verdicts"]?[id.rawValue]?["outcome"] else {
                    Issue.record("\(file): verdicts.\(id.rawValue).outcome missing")
                    continue
                }
                #expect(Outcome(rawValue: outcome) != nil)
            }
        }
    }

    /// The smooth contraction example with its firm's shares halved: Φ is
    /// still a contraction with a unique fixed point, but Walras' law fails,
    /// so the fixed point is not claimed to be an equilibrium, and the
    /// failed hypothesis is named.
    @Test func aContractionWithHalvedSharesClaimsNoEquilibrium() throws {
        var e = try EconomyFormat.load(path: example("smooth-contraction.json"))
        let options = VerdictOptions(equilibrium: EquilibriumOptions(search: SearchLimits(targetMesh: 1 << 12)),
                                     contraction: ContractionOptions(step: Rational(1, 32)))
        let whole = try #require(checkTheorems(e, options: options, only: [.contraction]).contraction)
        #expect(whole.outcome == .holds && whole.conclusion == .uniqueEquilibrium, "\(whole.reason)")

        e.consumers[0].shares = [Rational(1, 2)]
        let half = try #require(checkTheorems(e, options: options, only: [.contraction]).contraction)
        #expect(half.statusWord == "contraction" && half.checked != nil, "\(half.reason)")
        #expect(half.outcome == .notApplicable)
        guard case .uniqueFixedPointOnly(let open)? = half.conclusion else {
            Issue.record("expected a fixed point only, found \(String(describing: half.conclusion))")
            return
        }
        #expect(open.hypothesis == .completeProfitDistribution && open.subject == .firm(0) && open.status.fails)
        #expect(half.failedHypothesis?.hypothesis == .completeProfitDistribution)
        #expect(!half.reason.contains("converges geometrically to the unique equilibrium"), "\(half.reason)")
        // The report says it in words, naming the firm.
        let report = Auditor.audit(e, file: "halved", options: AuditOptions(meshBits: 12, step: Rational(1, 32)))
        let text = report.humanText()
        #expect(text.contains("not claimed to be an equilibrium, because complete_profit_distribution fails for firm 'workshop'"))
        // Walras' law fails there, exactly.
        #expect(report.walrasLaw?.outcome == .counterexample)
    }

    /// The planner's bounds assume that the single consumer receives all
    /// profit; with shares summing to 1/2 none is printed.
    @Test func plannerBoundsNeedCompleteProfitDistribution() throws {
        var e = try EconomyFormat.load(path: example("irrational.json"))
        let options = EquilibriumOptions(search: SearchLimits(targetMesh: 1 << 16, maximumPivots: 50_000, timeLimit: 30))
        let a = try #require(checkEquilibrium(e, options: options).equilibrium)
        #expect(plannerBounds(e, near: a) != nil)
        e.consumers[0].shares = [Rational(1, 2)]
        let b = try #require(checkEquilibrium(e, options: options).equilibrium)
        #expect(plannerBounds(e, near: b) == nil, "a bound that assumes the consumer owns all profit")
        let first = checkFirstWelfare(e, equilibrium: checkEquilibrium(e, options: options))
        #expect(first.planner == nil)
    }

    /// `found` means proved, in every regime: a checked Walrasian certificate
    /// (no transfer) that the checker accepts again; `approximate` stays
    /// within its tolerance; a `holds` outcome without a certificate needs
    /// every hypothesis of the existence theorem.
    @Test(arguments: regimesForVerdictTests)
    func foundAlwaysMeansACheckedWalrasianCertificate(_ regime: Regime) throws {
        for seed in UInt64(0)..<UInt64(scaledIterations(6)) {
            let e = EconomyGenerator.economy(seed: seed, regime: regime)
            let v = checkEquilibrium(e, options: .sweep)
            let context = "\(regime.rawValue) seed \(seed): \(v.statusWord) — \(v.reason)"
            switch v.statusWord {
            case "found" where v.enclosure != nil:
                // An irrational equilibrium: the enclosure checker accepts its certificate again.
                #expect(v.checked == nil && v.certificateKind == "enclosure", "\(context)")
                #expect(EnclosureChecker.check(v.enclosure!.certificate, for: e).isSuccess, "\(context)")
                #expect(v.outcome == .holds)
            case "found":
                let checked = try #require(v.checked, "\(context)")
                #expect(checked.isWalrasian, "\(context)")
                #expect(EquilibriumChecker.check(checked.certificate, for: e).isSuccess, "\(context)")
                #expect(v.outcome == .holds)
            case "approximate":
                #expect(v.checked == nil)
                let eq = try #require(v.equilibrium)
                #expect(eq.equilibriumError <= v.tolerance!, "\(context)")
                #expect(v.outcome == (v.existenceByTheorem ? .holds : .undecided), "\(context)")
            case "none-exists":
                #expect(v.proof != nil && v.outcome == .counterexample, "\(context)")
            default:
                #expect(v.statusWord == "undecided" && v.outcome == .undecided && v.checked == nil, "\(context)")
            }
            #expect(v.existenceByTheorem == v.hypotheses.allHold)
        }
    }

    /// A consumer with no income, whose wanted good is free at the only
    /// limit of near-equilibria: never `found`.
    @Test func aZeroIncomeCornerIsNeverFound() throws {
        // Near p = (1, 0) `poor` has almost no income and wants only bread, which is almost
        // free; `rich` wants only flour. Interior prices: flour demand p1 + p2·0 ... never clears
        // unless bread is free, where `poor`'s demand is unbounded (linear, free good).
        let e = Economy(name: "zero-income corner", commodities: ["flour", "bread"], consumers: [
            Consumer(name: "rich", endowment: [1, 1], utility: .linear(weights: [1, 0]), shares: []),
            Consumer(name: "poor", endowment: [0, 1], utility: .linear(weights: [0, 1]), shares: []),
        ], firms: [])
        let v = checkEquilibrium(e, options: EquilibriumOptions(search: SearchLimits(targetMesh: 1 << 16, maximumPivots: 50_000)))
        if v.statusWord == "found" {
            // Only with a checked certificate, which the checker re-verifies.
            let c = try #require(v.checked)
            #expect(EquilibriumChecker.check(c.certificate, for: e).isSuccess)
        }
        #expect(!v.existenceByTheorem, "poor owns no flour: positive_endowment fails")
        #expect(v.hypotheses.of(.positiveEndowment).contains { $0.subject == .consumer(1) && $0.status.fails })
    }

    /// One source of truth: the audit's verdict function and the harness's
    /// give identical verdicts on the same seeded economies, in every regime.
    @Test(arguments: regimesForVerdictTests)
    func theAuditAndTheHarnessGiveIdenticalVerdicts(_ regime: Regime) {
        for seed in UInt64(0)..<UInt64(scaledIterations(2)) {
            let e = EconomyGenerator.economy(seed: seed, regime: regime)
            let audit = checkTheorems(e, options: .sweep(seed: seed))
            for id in TheoremID.allCases {
                let harness = PropertyCatalog.run(id, on: e, seed: seed)
                let fromAudit = PropertyCatalog.finding(audit[id]!)
                #expect(harness.kind == fromAudit.kind && harness.detail == fromAudit.detail,
                        "\(regime.rawValue) seed \(seed) \(id.rawValue): harness \(harness.detail) ≠ audit \(fromAudit.detail)")
            }
        }
    }

    /// The exit code is read off the shared outcomes alone.
    @Test func theExitStatusIsReadOffOutcomes() {
        #expect(exitStatus(of: [.holds, .notApplicable]) == 0)
        #expect(exitStatus(of: [.holds, .undecided]) == 3)
        #expect(exitStatus(of: [.undecided, .counterexample]) == 1)
        #expect(exitStatus(of: []) == 0)
    }
}

/// Every regime but `discrete-agents`: its systems are the `scale` designs
/// with discrete agents (the same code paths as `scale` and `non-convex`),
/// and at up to 44 commodities each costs seconds in a debug build.
let regimesForVerdictTests = Regime.allCases.filter { $0 != .discreteAgents }

/// The trust boundary, read off `Package.swift`: trusted modules depend only
/// on the exact foundations and on each other.
@Suite("Package.swift: modules by role")
struct TrustBoundaryTests {
    @Test func trustedModulesDependOnlyOnFoundationsAndEachOther() throws {
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let trusted = ["LPCertificates", "EquilibriumCertificates", "NonExistenceCertificates", "ContractionCertificates"]
        let allowed = Set(["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel"] + trusted)
        for name in trusted {
            let start = try #require(manifest.range(of: ".target(name: \"\(name)\""), "\(name) is a target")
            let rest = manifest[start.upperBound...]
            let open = try #require(rest.range(of: "dependencies: ["))
            let close = try #require(rest[open.upperBound...].range(of: "]"))
            let deps = rest[open.upperBound..<close.lowerBound].split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                .filter { !$0.isEmpty }
            #expect(!deps.isEmpty)
            for d in deps { #expect(allowed.contains(d), "trusted \(name) depends on \(d)") }
        }
    }
}
