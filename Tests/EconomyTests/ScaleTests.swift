import Testing
import Foundation
import Budgets
import ExactArithmetic
import ExactJSON
import EconomyModel
import EconomyFormat
import AgentEconomy
import LPCertificates
import LPSolver
import TheoremChecks
import WalrasAudit
import Harness

/// Issue 16: one budget shared by every stage, a report always (even when
/// a stage does not run, or the process is stopped), memory that does not
/// grow with the square of the input, and agent systems of any size.
@Suite("Audits at scale: one budget, bounded memory, a report always")
struct ScaleTests {
    static let exchange = Economy(
        name: "three goods", commodities: ["a", "b", "c"],
        consumers: [
            Consumer(name: "h1", endowment: [2, 1, 1], utility: .cobbDouglas(exponents: [1, 1, 1]), shares: []),
            Consumer(name: "h2", endowment: [1, 2, 3], utility: .cobbDouglas(exponents: [1, 2, 1]), shares: []),
        ],
        firms: [])

    // MARK: The clock

    /// A stage gets its weight's share of what is left; time a stage leaves
    /// unused goes to the stages after it; an override replaces the share.
    @Test func stagesShareWhatIsLeftByWeight() {
        let clock = AuditClock(total: .seconds(1000), overrides: ["c": .seconds(7)], plan: [("a", 1), ("b", 3), ("c", 1)])
        let reserve = min(2.0, 1000.0 / 20)
        let a = clock.begin("a").remainingSeconds!
        #expect(abs(a - (1000 - reserve) / 5) < 1, "a: \(a)")
        // a used (almost) nothing, so b gets 3/4 of nearly everything.
        let b = clock.begin("b").remainingSeconds!
        #expect(abs(b - (1000 - reserve) * 3 / 4) < 1, "b: \(b)")
        let c = clock.begin("c").remainingSeconds!
        #expect(abs(c - 7) < 0.5, "c overridden: \(c)")
        // A sub-stage is capped by its stage, and by its own override.
        let sub = Budget(stage: "c", deadline: .now + .seconds(3), overrides: ["x": .seconds(1)]).stage("x", limit: .seconds(100))
        #expect(sub.remainingSeconds! <= 1)
        #expect(Budget(stage: "c", deadline: .now + .seconds(3)).stage("y", limit: .seconds(100)).remainingSeconds! <= 3)
    }

    @Test func aCancelledBudgetIsExhaustedWhateverItsDeadline() {
        let cancellation = Cancellation()
        let budget = Budget(stage: "s", deadline: nil, cancellation: cancellation)
        #expect(!budget.isExhausted && budget.remainingSeconds == nil)
        cancellation.cancel()
        #expect(budget.isExhausted && budget.isCancelled && budget.remainingSeconds == 0)
        #expect(budget.stage("sub").isExhausted, "a sub-stage shares the cancellation")
        #expect(!Budget.unlimited().isExhausted && Budget.current.deadline == nil, "outside an audit nothing is limited")
    }

    // MARK: A report always

    /// With no time at all, no stage runs, and each theorem says why.
    @Test func aSpentBudgetLeavesEveryTheoremNotRunWithItsReason() throws {
        let v = checkTheorems(Self.exchange, options: VerdictOptions(budget: .zero))
        #expect(v.all.isEmpty && v.exitStatus == 3)
        #expect(Set(v.notRun.keys) == Set(TheoremID.allCases))
        #expect(v.notRun.values.allSatisfy { $0.contains("--budget") }, "\(v.notRun)")
        var options = AuditOptions()
        options.budget = 0
        let report = Auditor.audit(.economy(Self.exchange), file: "x", options: options)
        #expect(report.exitCode == .undecided)
        let json = try JSONReader().parse(report.json().rendered())
        for id in TheoremID.allCases {
            #expect(json["verdicts"]?[id.rawValue]?["status"] == .string("not-run"), "\(id)")
            #expect(json["verdicts"]?[id.rawValue]?["outcome"] == .string("undecided"), "\(id)")
        }
        #expect(report.humanText().contains("walras_law\n  status: not-run\n  the audit's budget of 0.0 s was spent"))
    }

    /// A cancelled audit (SIGINT, SIGTERM) reports its remaining theorems as interrupted.
    @Test func aCancelledAuditReportsTheRestAsInterrupted() throws {
        let cancellation = Cancellation()
        cancellation.cancel()
        let report = Auditor.audit(.economy(Self.exchange), file: "x", options: AuditOptions(cancellation: cancellation))
        #expect(report.verdicts.isEmpty && report.exitCode == .undecided)
        #expect(TheoremID.allCases.allSatisfy { report.notRunStatus($0) == "interrupted" })
    }

    /// A stage given no time tests nothing and says which stage ran out and
    /// how to give it more; the stages after it still run.
    @Test func aStageThatRunsOutNamesItselfAndTheOptionThatRunsIt() {
        let report = Auditor.audit(.economy(Self.exchange), file: "x",
                                   options: AuditOptions(meshBits: 8, stageSeconds: ["walras_law": 0]))
        #expect(report.walrasLaw?.outcome == .undecided && report.walrasLaw?.pricesTested == 0)
        #expect(report.walrasLaw?.reason.contains("no price was tested: the sample stopped after 0 of 38 prices") == true,
                "\(report.walrasLaw?.reason ?? "")")
        #expect(report.stage(.walrasLaw)?.exhausted == true)
        #expect(report.humanText().contains("budget: the walras_law stage used its 0.0 s and stopped there; "
                                            + "--stage-seconds walras_law=S or --budget S gives it more"))
        #expect(report.equilibrium?.status == .found, "later stages keep their own share")
    }

    /// A sample cut before any applicable price is undecided, never
    /// "not applicable": the prices it did not reach may be applicable.
    @Test func aCutSampleOfInapplicablePricesIsUndecided() {
        let sample = walrasLawTestPrices(commodityCount: 3, samples: 4, seed: 1)  // vertices first: Cobb–Douglas demand undefined
        let cut = checkWalrasLaw(Self.exchange, at: sample, maximumPrices: 2)
        #expect(cut.outcome == .undecided && cut.pricesTested == 2 && cut.inapplicableCount == 2)
        #expect(cut.reason.hasPrefix("no applicable price among the 2 tested: the sample stopped after its limit of 2"), "\(cut.reason)")
        #expect(checkWalrasLaw(Self.exchange, at: sample).outcome == .holds, "the whole sample reaches interior prices")
    }

    /// Stopped with SIGTERM while it works, the CLI still writes one
    /// complete JSON report: finished verdicts, and the rest interrupted.
    @Test func sigtermStillLeavesAValidJSONReport() throws {
        let dir = scratch("walras-sigterm")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("agents.json").path
        let design = AgentSystemDesign(layers: 3, width: 3, metrics: 3, bins: 12, seed: 5)  // 300 commodities
        try (AgentEconomyFormat.encode(EconomyGenerator.agentSystem(design)).rendered() + "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        for seconds in [0.3, 2.5] {
            let run = try runWalrasTerminated(["audit", file, "--json"], after: seconds)
            let report = try JSONReader().parse(run.stdout)
            #expect(report["format"] == .string("walras-report/1"), "after \(seconds) s: \(run.stdout.prefix(300)) \(run.stderr)")
            #expect([1, 3].contains(run.status), "after \(seconds) s: exit \(run.status)")
            guard case .object(let verdicts)? = report["verdicts"] else {
                Issue.record("no verdicts after \(seconds) s")
                continue
            }
            #expect(verdicts.map(\.key) == TheoremID.allCases.map(\.rawValue))
            let statuses = verdicts.compactMap { if case .string(let s)? = $0.value["status"] { s } else { nil } }
            #expect(statuses.count == 5 && statuses.contains("interrupted"), "after \(seconds) s: \(statuses)")
        }
    }

    /// Stopped before its economy is even read (a large file), the audit
    /// still writes a report: every theorem interrupted, exit 3.
    @Test func aReportIsWrittenEvenBeforeTheEconomyIsRead() throws {
        let json = try JSONReader().parse(Auditor.interruptedBeforeReading(file: "big.json", json: true))
        #expect(json["format"] == .string("walras-report/1") && json["exit_code"] == .number("3"))
        for id in TheoremID.allCases { #expect(json["verdicts"]?[id.rawValue]?["status"] == .string("interrupted")) }
        #expect(Auditor.interruptedBeforeReading(file: "big.json", json: false).contains("equilibrium\n  status: interrupted"))
    }

    // MARK: Memory that stays linear

    /// The simplex refuses a program whose dense tableau would be too large
    /// before allocating it: undecided, never gigabytes.
    @Test func theExactSimplexRefusesAHugeTableauBeforeBuildingIt() {
        let rows = 2_001
        let lp = LinearProgram(maximize: [1], subjectTo: (0..<rows).map { _ in LinearConstraint([1], .lessOrEqual, 1) })
        guard case .tooLarge(let entries) = SimplexSolver().solve(lp) else {
            Issue.record("a \(rows)-row program was attempted")
            return
        }
        #expect(entries == rows * (1 + 2 * rows + 1) && entries > SimplexSolver.maximumTableauEntries)
        #expect(SimplexSolver.admits(rows: 100, variables: 100) && !SimplexSolver.admits(rows: Int.max / 2, variables: 3))
    }

    /// 400 consumers on three goods: the supporting-price LP would have
    /// 1,601 dense rows and 5.8·10⁶ tableau entries, so second welfare
    /// declines it by size and says so (5,000 consumers behave alike: see
    /// BENCHMARKS.md, "Scale").
    @Test func manyConsumersAreDeclinedBySizeNotByMemory() {
        let consumers = (0..<400).map { h in
            Consumer(name: "h\(h)", endowment: [Rational(1 + h % 3), 1, 2], utility: .cobbDouglas(exponents: [1, Rational(1 + h % 2), 1]),
                     shares: [])
        }
        let e = Economy(name: "crowd", commodities: ["a", "b", "c"], consumers: consumers, firms: [])
        let v = checkSecondWelfare(e, optimalEquilibrium: nil)
        #expect(v.outcome == .undecided)
        #expect(v.skipped.contains { $0.reason.contains("dense exact tableau entries, above the 4000000") }, "\(v.reason)")
    }

    // MARK: Agent systems at any size

    @Test func generatedAgentSystemsAreTheSameBytesAndCompileToTheStatedSize() throws {
        let design = AgentSystemDesign(layers: 3, width: 4, metrics: 2, bins: 5, resources: 2, modes: 2, fanIn: 2,
                                       orchestrators: 3, welfare: .mixed, seed: 9)
        let text = AgentEconomyFormat.encode(EconomyGenerator.agentSystem(design)).rendered()
        #expect(text == AgentEconomyFormat.encode(EconomyGenerator.agentSystem(design)).rendered())
        var other = design
        other.seed = 10
        #expect(text != AgentEconomyFormat.encode(EconomyGenerator.agentSystem(other)).rendered())
        // A valid walras-agent-economy/1 document, read back to the same economy.
        let a = try AgentEconomyFormat.decode(JSONReader().parse(text), file: "generated")
        #expect(a == EconomyGenerator.agentSystem(design))
        // Paths counted independently: every chain from a first-layer agent
        // to a last-layer agent along upstream edges.
        func chains(to agent: Int) -> Int { a.agents[agent].upstream.isEmpty ? 1 : a.agents[agent].upstream.map(chains).reduce(0, +) }
        let paths = (8..<12).map(chains).reduce(0, +)
        #expect(paths <= design.pathBound && paths >= design.width)
        let compiled = a.compiled().economy
        #expect(compiled.commodityCount == 3 * 4 * 2 * 5 + 2 * 5 + paths)
        #expect(compiled.consumers.map(\.utility.kind) == ["cobb-douglas", "leontief", "cobb-douglas"])
        #expect(compiled.isWellFormed)
        #expect(AgentSystemDesign(width: 2, fanIn: 3).problem == "--fan-in: expected at most --width (2), found 3")
        #expect(AgentSystemDesign(bins: 0).problem == "--bins: expected 1...512, found 0")
    }

    @Test func generateAgentsWritesAFileTheAuditReads() throws {
        let run = try runWalrasSeparately(["generate", "agents", "--layers", "2", "--width", "2", "--bins", "2", "--seed", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let again = try runWalrasSeparately(["generate", "agents", "--layers", "2", "--width", "2", "--bins", "2", "--seed", "3"])
        #expect(run.stdout == again.stdout)
        let path = try temporaryFile(run.stdout)
        let audit = try runWalrasSeparately(["audit", path, "--json", "--mesh-bits", "8"])
        #expect([0, 1, 3].contains(audit.status), "\(audit.stderr)")
        #expect(try JSONReader().parse(audit.stdout)["format"] == .string("walras-report/1"))
        let bad = try runWalrasSeparately(["generate", "agents", "--welfare", "utilitarian"])
        #expect(bad.status == 2 && bad.stdout.isEmpty)
        #expect(bad.stderr.contains("--welfare: expected one of cobb-douglas, leontief, mixed, found utilitarian"))
        let huge = try runWalrasSeparately(["generate", "agents", "--layers", "20", "--fan-in", "3"])
        #expect(huge.status == 2 && huge.stderr.contains("paths"), "\(huge.stderr)")
    }

    /// The harness's `scale` regime draws designs from seeds and reproduces them.
    @Test func theScaleRegimeIsReproducibleAndInRegime() {
        for seed in UInt64(0)..<12 {
            let a = EconomyGenerator.agentEconomy(seed: seed, regime: .scale)
            #expect(a == EconomyGenerator.agentEconomy(seed: seed, regime: .scale))
            #expect(a == EconomyGenerator.agentSystem(EconomyGenerator.scaleDesign(seed: seed)))
            let e = EconomyGenerator.economy(seed: seed, regime: .scale)
            #expect(Regime.scale.accepts(e), "seed \(seed)")
            #expect(e.commodityCount <= 3 * 2 * 2 * 3 + 2 * 3 + 2 * 4, "seed \(seed): \(e.commodityCount)")
        }
    }
}

/// Issue 16, item 6: defects outsiders found, each pinned.
@Suite("Reliability defects found at scale")
struct ScaleDefectTests {
    /// `walras merge` on a file it cannot read rejects it by name (exit 2),
    /// instead of printing an empty table and exiting 0.
    @Test func mergeRejectsMissingDirectoryAndNonUTF8Files() throws {
        let dir = scratch("walras-merge")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let binary = dir.appendingPathComponent("bad.jsonl")
        try Data([0xFF, 0xFE, 0x0A]).write(to: binary)
        for (file, found) in [(dir.appendingPathComponent("none.jsonl").path, "no such file"), (dir.path, "a directory"),
                              (binary.path, "bytes that are not UTF-8")] {
            let run = try runWalrasSeparately(["merge", file])
            #expect(run.status == 2 && run.stdout.isEmpty, "\(file): \(run.status) \(run.stdout)")
            #expect(run.stderr.contains(file) && run.stderr.contains(found), "\(run.stderr)")
        }
    }

    /// Budgets too large for a `Duration` are refused by the CLI, and
    /// clamped by the library, never a trap.
    @Test func hugeBudgetsAreRejectedNotATrap() throws {
        for args in [["--budget", "1e300"], ["--stage-seconds", "walras_law=1e300"], ["--budget=-1"]] {
            let run = try runWalrasSeparately(["audit", "examples/fisher-market.json"] + args)
            #expect(run.status == 2 && run.stderr.contains("expected seconds from 0 to 1e9"), "\(args): \(run.stderr)")
        }
        #expect(Duration.seconds(clamping: 1e300) == .longestLimit && Duration.seconds(clamping: -.infinity) == .zero)
        #expect(Duration.seconds(clamping: .nan) == .zero && Duration.seconds(clamping: 2.5) == .milliseconds(2500))
        var options = AuditOptions(searchTimeLimit: 1e300, budget: 1e300)
        options.meshBits = 4
        #expect(Auditor.audit(.economy(ScaleTests.exchange), file: "x", options: options).equilibrium != nil)
    }

    @Test func auditOfADirectorySaysItIsADirectory() throws {
        let run = try runWalrasSeparately(["audit", "examples"])
        #expect(run.status == 2)
        #expect(run.stderr == "rejected: examples: expected a readable file, found a directory\n", "\(run.stderr)")
    }

    @Test func aRootThatIsNotAnObjectIsRejectedAtTheRootPath() throws {
        let path = try temporaryFile("[1, 2]")
        let run = try runWalrasSeparately(["audit", path])
        #expect(run.status == 2)
        #expect(run.stderr == "rejected: \(path): at $: expected an object, found an array of 2\n", "\(run.stderr)")
    }

    @Test func reproduceRejectsABadPropertyBeforePrintingAnything() throws {
        let run = try runWalrasSeparately(["reproduce", "3", "--property", "nope"])
        #expect(run.status == 2 && run.stdout.isEmpty, "\(run.stdout.prefix(200))")
        #expect(run.stderr.contains("--property: expected one of"))
    }

    /// A sweep killed mid-write leaves a partial last line; resuming ends
    /// that line first, so the next record is not glued onto it and the
    /// cut seed runs again.
    @Test func resumingOntoAPartialLastLineKeepsEveryRecord() throws {
        let dir = scratch("walras-resume")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("results.jsonl").path
        let args = ["sweep", "--property", "walras_law", "--regime", "all-hold", "--count", "3", "--jobs", "1", "--out", out]
        #expect(try runWalrasSeparately(args).status == 0)
        let full = try String(contentsOfFile: out, encoding: .utf8)
        let lines = full.split(separator: "\n")
        #expect(lines.count == 3)
        // Cut the last record in the middle, as a kill would.
        let cut = lines[0] + "\n" + lines[1] + "\n" + lines[2].prefix(lines[2].count / 2)
        try String(cut).write(toFile: out, atomically: true, encoding: .utf8)
        #expect(try runWalrasSeparately(args).status == 0)
        let resumed = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(resumed.count == 4, "\(resumed)")
        #expect(resumed[2] == lines[2].prefix(lines[2].count / 2), "the cut line stays as it was")
        let records = try readRecords([out])
        #expect(records.records.count == 3 && records.malformed == 1)
        #expect(Set(records.records.map(\.key)) == Set(lines.compactMap { SweepRecord.parse(String($0))?.key }))
    }
}
