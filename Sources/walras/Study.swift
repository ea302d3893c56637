import ArgumentParser
import Foundation
import Harness
import WalrasAudit


struct Study: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the documented study: every theorem on seeded economies of every regime; write study.md, figures, JSON.",
        discussion: """
            Writes DIR/study.md, DIR/study.json, DIR/figures/*.svg, DIR/exemplars/ and DIR/cost.md (the only \
            machine-dependent file, with figures/cost.svg). The records go to DIR/records.jsonl as they are made; \
            rerunning resumes. With --shard, only that shard's records are made (DIR/records-I-of-N.jsonl); merge them \
            with --from. Exit 1 if a theorem failed where its hypotheses hold. Design: docs/study.md.
            """)

    private static let defaults = StudyDesign()

    @Option(help: "The directory of the report.")
    var out: String

    @Option(help: "The design: tiny (tests), laptop (minutes on 2 cores), large (job runners).")
    var design: StudyDesign.Size = defaults.size

    @Option(help: "The first seed (decimal or 0x hex); economy k of a regime has seed SEED + k.")
    var seed = Seed(defaults.seed)

    @Option(help: "Run only shard i of n (i from 1 to n): economy k of each regime goes to shard k mod n + 1.")
    var shard: Shard = Shard(index: 1, count: 1)

    // No default value here: it would print this machine's core count in --help.
    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    @Option(parsing: .upToNextOption, help: "Make the report from these records files (merged shards) instead of running.")
    var from: [String] = []

    func validate() throws {
        if let jobs, !Sweep.jobsRange.contains(jobs) {
            throw ValidationError("--jobs must be between \(Sweep.jobsRange.lowerBound) and \(Sweep.jobsRange.upperBound), found \(jobs)")
        }
        if !from.isEmpty && shard.count > 1 { throw ValidationError("--from makes the report of merged shards; drop --shard") }
    }

    func run() throws {
        let design = StudyDesign(size: design, seed: seed.value)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw rejection("\(out): expected a directory that can be created or written")
        }
        var records: [StudyRecord]
        let recordsPath = out + (shard.count > 1 ? "/records-\(shard.index)-of-\(shard.count).jsonl" : "/records.jsonl")
        if from.isEmpty {
            records = try runShard(design, recordsPath: recordsPath)
            if shard.count > 1 {
                print("shard \(shard.index) of \(shard.count): \(records.count) economies in \(recordsPath)")
                print("when every shard is done: walras study --design \(design.size.rawValue) --seed \(design.seed) --out \(out) --from \(out)/records-*.jsonl")
                return
            }
        } else {
            do {
                let read = try readStudyRecords(from)
                records = read.records
                if read.malformed > 0 { printDiagnostic("skipped \(read.malformed) malformed lines") }
            } catch {
                throw rejection("\(error)")
            }
            let lines = StudyReport(design: design, records: records).records.map { $0.jsonLine() + "\n" }.joined()
            do {
                try lines.write(toFile: out + "/records.jsonl", atomically: true, encoding: .utf8)
            } catch {
                throw rejection("\(out)/records.jsonl: expected a writable file (\(error))")
            }
        }
        var report = StudyReport(design: design, records: records)
        report.findExemplars()
        do {
            try report.write(to: out)
        } catch {
            throw rejection("\(out): expected a writable directory (\(error))")
        }
        print(report.summary, terminator: "")
        print("report: \(out)/study.md")
        if report.records.count < report.planned {
            printDiagnostic("incomplete: \(report.planned - report.records.count) of the design's \(report.planned) economies have no record "
                            + "(merge every shard with --from, or rerun the same command to resume)")
        }
        if report.foreign > 0 { printDiagnostic("left out: \(report.foreign) records of economies outside this design") }
        if !report.unexpectedFailures.isEmpty { try finish(.counterexample) }
    }

    /// Runs this shard's economies, appending to its records file, and returns every record in it.
    /// A directory holds one design: records are keyed by regime and seed only, so resuming a study of
    /// another design or seed there would mix them; it is refused.
    private func runShard(_ design: StudyDesign, recordsPath: String) throws -> [StudyRecord] {
        let marker = out + "/design.txt", mine = "\(design.command)\n"
        if let theirs = try? String(contentsOfFile: marker, encoding: .utf8), theirs != mine {
            throw rejection("\(out): holds the study `\(theirs.trimmingCharacters(in: .newlines))`; expected `\(design.command)` "
                            + "(use another --out, or the same --design and --seed)")
        }
        do { try mine.write(toFile: marker, atomically: true, encoding: .utf8) } catch {
            throw rejection("\(marker): expected a writable file (\(error))")
        }
        var previous: [StudyRecord] = []
        if FileManager.default.fileExists(atPath: recordsPath) {
            do {
                previous = try readStudyRecords([recordsPath]).records
                try endPartialLine(ofResultsFile: recordsPath)
            } catch {
                throw rejection("\(error)")
            }
        } else {
            _ = FileManager.default.createFile(atPath: recordsPath, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: recordsPath) else { throw rejection("\(recordsPath): expected a writable file") }
        _ = try? handle.seekToEnd()
        let existing = Set(previous.map(\.key))
        let progress = SweepProgress(total: design.tasks(shard: shard).filter { !existing.contains($0.key) }.count)
        let sink = ResultSink(handle: handle)
        let made = runStudy(design, shard: shard, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                            existing: existing) { record in
            sink.write(record.jsonLine() + "\n")
            progress.tick()
        }
        progress.finish()
        return previous + made
    }
}
