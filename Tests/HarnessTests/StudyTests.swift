import Testing
import Foundation
import ExactArithmetic
import Harness
import _TestSupport

/// A design small enough for the test suite: one economy of each of five
/// regimes that between them hold, fail as expected, contract and refute.
func smallDesign(seed: UInt64 = 1) -> StudyDesign {
    var design = StudyDesign(size: .tiny, seed: seed)
    design.regimes = [.allHold, .satiation, .profitLeakage, .smooth, .agents]
    return design
}

/// The small design's records, made once (on two threads) and shared by the tests that only read them.
let sharedRecords = runStudy(smallDesign(), jobs: 2) { _ in }

func reportFiles(_ design: StudyDesign, records: [StudyRecord]) -> (report: StudyReport, files: [String: String]) {
    var report = StudyReport(design: design, records: records)
    report.findExemplars()
    var files = ["study.md": report.markdown(), "study.json": report.json().rendered()]
    for (name, svg) in report.figures() { files["figures/" + name] = svg }
    for x in report.exemplars { files["exemplars/" + x.fileName] = x.text }
    return (report, files)
}

@Suite("walras study")
struct StudyTests {
    /// The same seed gives the same bytes: records are sorted, nothing
    /// depends on time, thread count or dictionary order.
    @Test func theSameSeedGivesTheSameBytes() {
        let design = smallDesign()
        let one = reportFiles(design, records: runStudy(design, jobs: 1) { _ in })
        let two = reportFiles(design, records: sharedRecords)
        #expect(one.files.keys.sorted() == two.files.keys.sorted())
        for (name, text) in one.files { #expect(two.files[name] == text, "\(name) differs between runs") }
        #expect(one.report.records.count == design.tasks().count)
        #expect(!one.report.exemplars.isEmpty, "satiation and profit leakage fail as expected: exemplars exist")
    }

    /// Every count in the outcome table is recounted here from the records'
    /// verdict outcomes and hypotheses, by a different route than `StudyVerdict`'s.
    @Test func theTablesCountWhatTheRecordsSay() {
        let design = smallDesign()
        let report = StudyReport(design: design, records: sharedRecords)
        for r in report.records {
            for (id, v) in r.verdicts {
                let failed = !v.failedHypotheses.isEmpty
                let expected: StudyClass = switch v.outcome {
                case .holds: .held
                case .counterexample: failed || v.status == "not-a-contraction" ? .expected : .unexpected
                case .notApplicable: failed ? .expected : .undecided
                case .undecided: .undecided
                }
                #expect(v.kind == expected, "\(id.rawValue) on \(r.key): \(v.kind) vs \(expected)")
            }
        }
        // The satiation regime drops local non-satiation: Walras' law fails there, as expected.
        let satiation = report.outcomes(.walrasLaw, .satiation)
        #expect(satiation[.expected] == 1)
        // The smooth economy's tâtonnement is certified and the study says so in the dynamics.
        #expect(report.outcomes(.contraction, .smooth)[.held] == 1)
        #expect(report.records.first { $0.regime == .smooth }?.stepSweep.count == design.steps.count)
        // Conclusions despite failed hypotheses: every economy counted falls in one column.
        for d in report.despite { #expect(d.heldAnyway + d.refuted + d.undecided == d.failing) }
        let lns = report.despite.first { $0.hypothesis == "local_non_satiation" && $0.conclusion.contains("walras_law") }!
        #expect(lns.failing == report.records.filter { $0.hypotheses["local_non_satiation"] == false }.count)
        // What the command prints is what study.md says.
        #expect(report.markdown().contains(report.outcomeTable))
        #expect(report.markdown().contains(report.despiteTable))
        #expect(report.summary.contains(report.outcomeTable))
    }

    @Test func ratesAreExactFractions() {
        #expect(StudyReport.rateText(1, 3) == "1/3 (33.3%)")
        #expect(StudyReport.rateText(2, 3) == "2/3 (66.7%)")
        #expect(StudyReport.rateText(0, 7) == "0/7 (0.0%)")
        #expect(StudyReport.rateText(5, 5) == "5/5 (100.0%)")
        #expect(StudyReport.rateText(0, 0) == "—")
    }

    /// A record survives its own JSON line, times included; a cut line is malformed, not fatal.
    @Test func recordsRoundTrip() throws {
        let records = sharedRecords
        for r in records {
            let back = try #require(StudyRecord.parse(r.jsonLine()))
            #expect(back == r)
            #expect(back.jsonLine() == r.jsonLine())
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("records.jsonl")
        let text = records.map { $0.jsonLine() + "\n" }.joined() + String(records[0].jsonLine().prefix(40))
        try text.write(to: file, atomically: true, encoding: .utf8)
        let read = try readStudyRecords([file.path])
        #expect(read.records.count == records.count && read.malformed == 1)
    }

    /// Shards merged give the report of the whole run.
    @Test func shardsMergeIntoTheWholeStudy() {
        let design = smallDesign()
        let whole = StudyReport(design: design, records: sharedRecords)
        let parts = (1...2).flatMap { i in runStudy(design, shard: Shard(index: i, count: 2)) { _ in } }
        let merged = StudyReport(design: design, records: parts)
        #expect(merged.markdown() == whole.markdown())
    }

    /// Every figure is valid SVG that renders to a PNG with content.
    @Test func theFiguresRender() throws {
        let (report, files) = reportFiles(smallDesign(), records: sharedRecords)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("study-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var figures = files.filter { $0.key.hasPrefix("figures/") }.map { ($0.key, $0.value) }
        figures.append(("figures/cost.svg", report.costFigure()))
        #expect(figures.count == 6)
        for (name, svg) in figures {
            let url = dir.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-"))
            try svg.write(to: url, atomically: true, encoding: .utf8)
            let png = try #require(try renderPNG(svgAt: url), "rsvg-convert failed on \(name)")
            #expect(png.prefix(8) == pngSignature, "\(name): PNG signature")
            #expect(png.count > 5_000, "\(name): a picture with content")
        }
    }
}
