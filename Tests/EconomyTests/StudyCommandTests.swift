import Testing
import Foundation
import Harness

/// `walras study` end to end, on the tiny design (one economy per regime),
/// seed 4: its agent systems are the smallest of the first seeds, so the
/// debug build runs it in seconds.
@Suite("walras study, the command")
struct StudyCommandTests {
    func temporaryDirectory() throws -> URL {
        let dir = scratch("walras-study")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The report directory has every file the docs promise; what the
    /// command prints is what study.md says; a rerun resumes (every
    /// record is already there) and rewrites the same bytes.
    @Test func theTinyStudyWritesItsReportAndResumes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("study").path
        let first = try runWalrasSeparately(["study", "--design", "tiny", "--seed", "4", "--out", out, "--jobs", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        let files = ["study.md", "study.json", "cost.md", "records.jsonl", "figures/outcomes.svg", "figures/agent-hypotheses.svg",
                     "figures/despite.svg", "figures/contraction-by-step.svg", "figures/modulus-by-step.svg", "figures/cost.svg"]
        for f in files { #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f) missing") }
        let markdown = try String(contentsOfFile: out + "/study.md", encoding: .utf8)
        let records = try readStudyRecords([out + "/records.jsonl"]).records
        let design = StudyDesign(size: .tiny, seed: 4)
        #expect(records.count == design.tasks().count)
        let report = StudyReport(design: design, records: records)
        #expect(first.stdout.contains(report.outcomeTable) && markdown.contains(report.outcomeTable))
        #expect(first.stdout.contains(report.despiteTable) && markdown.contains(report.despiteTable))

        let again = try runWalrasSeparately(["study", "--design", "tiny", "--seed", "4", "--out", out, "--jobs", "1"])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: out + "/study.md", encoding: .utf8) == markdown)
        #expect(try readStudyRecords([out + "/records.jsonl"]).records.count == records.count, "resumed, not rerun")
        // Another design or seed in the same directory would mix records: refused.
        let other = try runWalrasSeparately(["study", "--design", "tiny", "--seed", "5", "--out", out])
        #expect(other.status == 2 && other.stderr.contains("walras study --design tiny --seed 4"))
    }

    @Test func badInputIsRejected() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try runWalrasSeparately(["study", "--out", dir.path, "--from", dir.appendingPathComponent("nope.jsonl").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.jsonl"))
        // An empty records file makes a report that says it is incomplete, on standard error too.
        let empty = dir.appendingPathComponent("empty.jsonl")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let none = try runWalrasSeparately(["study", "--out", dir.appendingPathComponent("r").path, "--from", empty.path])
        #expect(none.status == 0 && none.stderr.contains("incomplete: 1000 of the design's 1000 economies have no record"))
        let jobs = try runWalrasSeparately(["study", "--out", dir.path, "--jobs", "0"])
        #expect(jobs.status == 2 && jobs.stderr.contains("--jobs"))
        let design = try runWalrasSeparately(["study", "--out", dir.path, "--design", "huge"])
        #expect(design.status == 2 && design.stderr.contains("laptop"))
        let both = try runWalrasSeparately(["study", "--out", dir.path, "--shard", "1/2", "--from", "x.jsonl"])
        #expect(both.status == 2 && both.stderr.contains("--shard"))
    }

    /// The committed reference study (docs/study/) says what its records say:
    /// the tables of study.md and the printed summary are recomputed here.
    @Test func theCommittedStudyMatchesItsRecords() throws {
        let dir = packageRoot.appendingPathComponent("docs/study")
        let records = try readStudyRecords([dir.appendingPathComponent("records.jsonl").path])
        #expect(records.malformed == 0)
        let design = StudyDesign(size: .laptop, seed: 0)
        let report = StudyReport(design: design, records: records.records)
        #expect(report.records.count == report.planned, "the committed study is complete")
        let markdown = try String(contentsOf: dir.appendingPathComponent("study.md"), encoding: .utf8)
        #expect(markdown.contains(report.outcomeTable))
        #expect(markdown.contains(report.despiteTable))
        let printed = try String(contentsOf: dir.appendingPathComponent("summary.txt"), encoding: .utf8)
        #expect(printed.hasPrefix(report.summary))
        #expect(report.unexpectedFailures.isEmpty)
    }
}
