import Testing
import Foundation
import ExactArithmetic
import ExactJSON
import EconomyModel
import EconomyFormat
import Harness
import AgentEconomy
import _TestSupport

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let catalog = try! PropertyCatalog.load(directory: root.appendingPathComponent("properties").path)

/// FNV-1a, 64 bits: a stable hash of the bytes an economy is written as.
func fnv1a(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}

func encoded(_ seed: UInt64, _ regime: Regime) -> String {
    EconomyFormat.encode(EconomyGenerator.economy(seed: seed, regime: regime)).rendered()
}

@Suite("The property harness")
struct HarnessTests {
    /// Pinned: a change here changes every reproduction command ever printed.
    @Test func seedsGiveTheSameEconomiesEverywhere() {
        let pinned: [(UInt64, Regime, UInt64)] = GOLDEN
        for (seed, regime, hash) in pinned {
            #expect(fnv1a(encoded(seed, regime)) == hash, "seed \(seed) \(regime.rawValue): hash \(fnv1a(encoded(seed, regime)))")
        }
        #expect(encoded(12345, .allHold) == encoded(12345, .allHold))
    }

    @Test func generatedEconomiesBelongToTheirRegimeAndAreWellFormed() {
        for regime in Regime.allCases where regime != .agents {
            for seed in UInt64(0)..<40 {
                let e = EconomyGenerator.economy(seed: seed, regime: regime)
                #expect(regime.accepts(e), "seed \(seed) \(regime.rawValue)")
                #expect((try? EconomyFormat.decode(EconomyFormat.encode(e), file: "x")) == e, "round trip, seed \(seed)")
            }
        }
    }

    /// The default sweep: every property in every regime of its spec.
    @Test(arguments: catalog)
    func theDefaultSweepFindsNoCounterexample(_ spec: PropertySpec) {
        let plan = SweepPlan(specs: [spec], count: scaledIterations(spec.defaultCount), seed: 0,
                             jobs: ProcessInfo.processInfo.activeProcessorCount)
        let records = runSweep(plan) { _ in }
        let summary = SweepSummary(records)
        print(summary.table())
        for r in records where r.status == .counterexample {
            let (_, shrunk, steps) = shrunkCounterexample(spec, regime: r.regime, seed: r.seed)
            Issue.record("""
                \(r.property) fails in \(r.regime.rawValue), seed \(r.seed): \(r.detail)
                shrunk in \(steps) steps to:
                \(EconomyFormat.encode(shrunk).rendered())
                reproduce: \(reproduceCommand(r))
                """)
        }
        #expect(records.count == plan.tasks.count)
    }

    @Test func shardsMergedEqualTheWholeSweep() {
        let spec = catalog.first { $0.name == "walras_law" }!
        let whole = SweepSummary(runSweep(SweepPlan(specs: [spec], count: 24, seed: 99)) { _ in })
        var parts: [SweepRecord] = []
        for i in 1...3 { parts += runSweep(SweepPlan(specs: [spec], count: 24, seed: 99, shard: Shard(index: i, count: 3))) { _ in } }
        #expect(SweepSummary(parts) == whole)
        #expect(Set(parts.map(\.key)).count == parts.count, "no economy in two shards")
    }

    @Test func resultsSurviveAJSONLinesRoundTrip() {
        let spec = catalog.first { $0.name == "walras_law" }!
        let records = runSweep(SweepPlan(specs: [spec], regime: .satiation, count: 5, seed: 7)) { _ in }
        for r in records {
            let back = SweepRecord.parse(r.jsonLine())
            // Times are written to the microsecond; everything else exactly.
            #expect(back?.key == r.key && back?.status == r.status && back?.detail == r.detail && back?.hypotheses == r.hypotheses)
        }
    }

    @Test func shrinkingKeepsTheRegimeAndReducesTheEconomy() {
        // A planted property: "no economy has a firm". It fails whenever there is one.
        for seed in UInt64(0)..<10 {
            let e = EconomyGenerator.economy(seed: seed, regime: .nonConvex)
            let (shrunk, _) = Shrinker().shrink(e, regime: .nonConvex) { !$0.firms.isEmpty }
            #expect(Regime.nonConvex.accepts(shrunk))
            #expect(shrunk.firms.count == 1 && shrunk.consumers.count == 1, "seed \(seed)")
            #expect(Shrinker().size(shrunk) <= Shrinker().size(e))
        }
    }

    /// Every economy that ever failed, replayed.
    @Test func theRegressionCorpusReplays() throws {
        let dir = root.appendingPathComponent("properties/regressions").path
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty, "the corpus holds at least the drill's economy")
        for file in files {
            let json = try JSONReader().parse(String(contentsOfFile: dir + "/" + file, encoding: .utf8))
            guard case .string(let property)? = json["property"], case .string(let expected)? = json["expected"],
                  let spec = catalog.first(where: { $0.name == property }), let economyJSON = json["economy"]
            else { Issue.record("\(file): malformed regression entry"); continue }
            let economy = try EconomyFormat.decode(economyJSON, file: file)
            let finding = PropertyCatalog.run(spec.check, on: economy, seed: 0)
            let status = finding.kind == .pass ? "holds" : finding.kind == .fail ? "fails" : "undecided"
            #expect(status == expected, "\(file): \(finding.detail)")
        }
    }
}

@Suite("Shrinking agent economies in their own terms")
struct AgentShrinkingTests {
    @Test func agentEconomiesRoundTripThroughTheirFileFormat() throws {
        for seed in UInt64(0)..<20 {
            let a = EconomyGenerator.agentEconomy(seed: seed)
            let text = AgentEconomyFormat.encode(a).rendered()
            let back = try AgentEconomyFormat.decode(JSONReader().parse(text), file: "x")
            #expect(back.compiled().economy == a.compiled().economy, "seed \(seed)")
        }
        let example = try AgentEconomyFormat.load(path: root.appendingPathComponent("examples/agents-two-orchestrators.json").path)
        let back = try AgentEconomyFormat.decode(AgentEconomyFormat.encode(example), file: "x")
        #expect(back.compiled().economy == example.compiled().economy)
    }

    @Test func aPlantedAgentFailureShrinksToTheFewestAgentsBinsAndModes() throws {
        // A planted property: "no economy has two agents", failing whenever there are two.
        for seed in UInt64(0)..<12 {
            let a = EconomyGenerator.agentEconomy(seed: seed)
            guard a.agents.count >= 2 else { continue }
            let (shrunk, _) = AgentShrinker().shrink(a) { $0.agents.count >= 2 }
            #expect(shrunk.agents.count == 2 && shrunk.orchestrators.count == 1 && shrunk.metrics.count == 1, "seed \(seed)")
            #expect(shrunk.basis.count == 1 && shrunk.agents.allSatisfy { $0.modes.count == 1 }, "seed \(seed)")
            // Still a valid file that the audit reads.
            _ = try AgentEconomyFormat.decode(AgentEconomyFormat.encode(shrunk), file: "shrunk")
        }
    }
}
