import ArgumentParser
import Harness
import WalrasAudit

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the results of sharded sweeps into one summary.")

    @Argument(help: "Results files (JSON lines) written by walras sweep --out.")
    var files: [String]

    func run() throws {
        let records: [SweepRecord], malformed: Int
        do {
            (records, malformed) = try readRecords(files)
        } catch {
            throw rejection("\(error)")
        }
        let summary = SweepSummary(records)
        print(summary.table())
        if malformed > 0 { printDiagnostic("\(malformed) malformed line(s) skipped") }
        if summary.counterexamples > 0 { try finish(.counterexample) }
    }
}
