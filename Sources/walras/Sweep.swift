import ArgumentParser
import Foundation
import Harness
import WalrasAudit

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check many seeded economies, per property and regime; write results as JSON lines.",
        discussion: "Economy k of the sweep has seed SEED + k. Exit 1 if any counterexample (a failure where every hypothesis holds).")

    /// The defaults of `--seed` and `--shard`; they are written once, in `SweepPlan.init`.
    private static let defaults = SweepPlan(specs: [])
    static let jobsRange = 1...256
    static let countRange = 0...10_000_000

    @OptionGroup var harness: HarnessOptions

    @Option(help: "Only this regime.")
    var regime: Regime?

    @Option(help: "Economies per property and regime (default: each spec's default_count).")
    var count: Int?

    @Option(help: "The first seed (decimal or 0x hex).")
    var seed = Seed(defaults.seed)

    // No default value here: it would print this machine's core count in --help.
    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Run only shard i of n (i from 1 to n), e.g. 2/8: economy k goes to shard k mod n + 1.")
    var shard: Shard = defaults.shard

    @Option(help: "Append results to this JSON-lines file; seeds already in it are skipped (resume).")
    var out: String?

    func validate() throws {
        if let jobs, !Sweep.jobsRange.contains(jobs) {
            throw ValidationError("--jobs must be between \(Sweep.jobsRange.lowerBound) and "
                                  + "\(Sweep.jobsRange.upperBound), found \(jobs)")
        }
        if let count, !Sweep.countRange.contains(count) {
            throw ValidationError("--count must be between \(Sweep.countRange.lowerBound) and \(Sweep.countRange.upperBound)")
        }
    }

    func run() throws {
        let plan = SweepPlan(specs: try harness.specs(), regime: regime, count: count, seed: seed.value, shard: shard,
                             jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        var existing = Set<String>()
        var previous: [SweepRecord] = []
        if let out, FileManager.default.fileExists(atPath: out) {
            do {
                previous = try readRecords([out]).records
                try endPartialLine(ofResultsFile: out)
            } catch {
                throw rejection("\(error)")
            }
            existing = Set(previous.map(\.key))
        }
        var handle: FileHandle?
        if let out {
            if !FileManager.default.fileExists(atPath: out) { _ = FileManager.default.createFile(atPath: out, contents: nil) }
            handle = FileHandle(forWritingAtPath: out)
            guard let handle else { throw rejection("\(out): expected a writable file") }
            _ = try? handle.seekToEnd()
        }
        let total = plan.tasks.filter { !existing.contains($0.key) }.count
        let progress = SweepProgress(total: total)
        let sink = ResultSink(handle: handle)
        let records = runSweep(plan, existing: existing) { record in
            sink.write(record.jsonLine() + "\n")
            progress.tick()
        }
        progress.finish()
        let all = previous + records
        let summary = SweepSummary(all)
        print(summary.table())
        let failures = all.filter { $0.status == .counterexample }
        for f in failures.prefix(10) {
            print("counterexample: \(f.property) \(f.regime.rawValue) seed \(f.seed): \(f.detail)")
            print("  reproduce: \(reproduceCommand(f))")
        }
        if !failures.isEmpty { try finish(.counterexample) }
    }
}

/// Appends lines to the results file as they come: an interrupted sweep
/// keeps every finished record.
final class ResultSink: @unchecked Sendable {
    let handle: FileHandle?
    init(handle: FileHandle?) { self.handle = handle }
    func write(_ line: String) { handle?.write(Data(line.utf8)) }
}
