import Testing
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import AgentEconomy
import EconomyFormat
import TheoremChecks
import WalrasAudit
import SeededRandom
import _TestSupport

func loadAgents(_ name: String) throws -> AgentEconomy { try AgentEconomyFormat.load(path: example(name)) }

func decodeAgents(_ text: String) throws(InputError) -> AgentEconomy {
    try AgentEconomyFormat.decode(InputFile.parseJSON(Array(text.utf8), file: "agents.json"), file: "agents.json")
}

@Suite("The orchestrated agent economy")
struct AgentEconomyTests {
    @Test func theExampleCompilesToTheExpectedCommodities() throws {
        let c = try loadAgents("agents-review-pipeline.json").compiled()
        #expect(c.paths.map { c.source.pathName($0) } == ["planner>coder>reviewer", "planner>researcher>reviewer"])
        #expect(c.economy.commodityCount == 4 * 3 * 4 + 4 + 2)
        #expect(c.economy.commodities[0] == "planner.throughput@bin1")
        #expect(c.economy.commodities.last == "task:planner>researcher>reviewer")
        #expect(c.economy.firms.count == 4 + 2)
        #expect(c.describe(5) == "planner.quality, t ∈ [1/4, 1/2)")
        // The coder's refine mode takes planner quality as an input.
        guard case .activities(let acts, let bound) = c.economy.firms[1].technology else {
            Issue.record("coder should compile to activities")
            return
        }
        #expect(bound == 3)
        #expect(acts[1][4] == Rational(-1, 2), "planner.quality@bin1 is an input of coder.refine")
    }

    @Test func gramMatricesAreExact() {
        #expect(FunctionBasis.piecewiseConstant(bins: 4).gram(horizon: 2) == Matrix(rows: (0..<4).map { i in
            (0..<4).map { $0 == i ? Rational(1, 2) : 0 } }))
        let g = FunctionBasis.monomial(count: 3).gram(horizon: 2)
        #expect(g[0, 0] == 2 && g[1, 1] == Rational(8, 3) && g[2, 2] == Rational(32, 5) && g[0, 2] == Rational(8, 3))
    }

    @Test func functionalPairingIsTheDualDotProduct() throws {
        var rng = SplitMix64(seed: 0x5EED_0401)
        let c = try loadAgents("agents-review-pipeline.json").compiled()
        for i in 0..<scaledIterations(10) {
            let q = rng.interiorPrice(c.economy.commodityCount)
            let p = c.priceFunctions(fromDual: q)
            #expect(c.dualCoefficients(fromFunctions: p) == q, "iteration \(i)")
            guard case .defined(let m) = c.economy.market(at: q) else { continue }
            // ⟨p, z⟩ = pᵀ G z computed block by block equals q·z, and is 0 (Walras' law).
            #expect(c.pairing(functions: p, m.excessDemand) == q.dot(m.excessDemand), "iteration \(i)")
            #expect(c.pairing(functions: p, m.excessDemand) == 0, "iteration \(i)")
        }
    }

    @Test func monomialBasisPairingMatchesTheGramMatrix() throws {
        var a = try loadAgents("agents-review-pipeline.json")
        a.basis = .monomial(count: 4)  // same coefficients, read as polynomial coefficients
        let c = a.compiled()
        var rng = SplitMix64(seed: 0x5EED_0402)
        let q = rng.interiorPrice(c.economy.commodityCount)
        let p = c.priceFunctions(fromDual: q)
        #expect(c.dualCoefficients(fromFunctions: p) == q)
        guard case .defined(let m) = c.economy.market(at: q) else { Issue.record("undefined at an interior price"); return }
        #expect(c.pairing(functions: p, m.excessDemand) == 0)
    }

    /// `V_K ⊂ V_2K`: at the same price functions, every value is the same.
    @Test func refiningTheBinsLeavesEveryValueUnchanged() throws {
        var rng = SplitMix64(seed: 0x5EED_0403)
        for name in ["agents-review-pipeline.json", "agents-two-orchestrators.json"] {
            let coarse = try loadAgents(name)
            let fine = try #require(coarse.refined())
            let cc = coarse.compiled(), cf = fine.compiled()
            var compared = 0
            for i in 0..<scaledIterations(20) {
                // A price function on K bins, and the same function on 2K bins.
                let q = rng.interiorPrice(cc.economy.commodityCount)
                let p = cc.priceFunctions(fromDual: q)
                let k = coarse.basis.count
                let blocks = (coarse.agents.count * coarse.metrics.count) + coarse.resources.count
                var pFine: [Rational] = []
                for b in 0..<blocks { for c in 0..<k { pFine += [p[b * k + c], p[b * k + c]] } }
                pFine += p.entries[(blocks * k)...]
                let qFine = cf.dualCoefficients(fromFunctions: Vector(pFine))
                guard case .defined(let mc) = cc.economy.market(at: q), case .defined(let mf) = cf.economy.market(at: qFine)
                else {
                    Issue.record("\(name), iteration \(i): market undefined at an interior price")
                    continue
                }
                #expect(mc.incomes == mf.incomes, "\(name), iteration \(i): incomes")
                #expect(mc.supplies.map(\.profit) == mf.supplies.map(\.profit), "\(name), iteration \(i): profits")
                let tasks = (cc.economy.commodityCount - cc.paths.count)..<cc.economy.commodityCount
                let tasksFine = (cf.economy.commodityCount - cf.paths.count)..<cf.economy.commodityCount
                #expect(Array(mc.demands[0].bundle.entries[tasks]) == Array(mf.demands[0].bundle.entries[tasksFine]),
                        "\(name), iteration \(i): task demand")
                #expect(cc.pairing(functions: p, mc.excessDemand) == cf.pairing(functions: Vector(pFine), mf.excessDemand))
                compared += 1
            }
            #expect(compared > 0)
        }
    }

    @Test func exportRoundTripsToTheSameWalrasVerdict() throws {
        for name in ["agents-review-pipeline.json", "agents-two-orchestrators.json", "satiated.json"] {
            let (exported, code) = Auditor.export(path: example(name))
            #expect(code == .holds)
            let path = try temporaryFile(exported, name: "exported.json")
            let original = Auditor.audit(try Auditor.load(path: example(name)), file: name)
            let again = Auditor.audit(try Auditor.load(path: path), file: name)
            // The same verdict, figure for figure (names of agents aside: the export speaks of firms).
            #expect(original.walrasLaw!.outcome == again.walrasLaw!.outcome, "\(name)")
            #expect(original.walrasLaw!.witness?.value == again.walrasLaw!.witness?.value, "\(name)")
            #expect(original.walrasLaw!.pricesHolding == again.walrasLaw!.pricesHolding, "\(name)")
            #expect(original.walrasLaw!.inapplicable.map(\.prices) == again.walrasLaw!.inapplicable.map(\.prices), "\(name)")
            #expect(original.walrasLaw!.hypotheses.map(\.status) == again.walrasLaw!.hypotheses.map(\.status), "\(name)")
            // The exported file uses only the core format.
            #expect(try JSONReader().parse(exported)["format"] == .string("walras-economy/1"))
        }
    }

    @Test func theDefaultAuditReportsAgentsAndTime() throws {
        let (status, out) = try runWalras(["audit"])
        #expect(status == 1, "not a contraction: \(out)")
        for words in ["agent economy \"review-pipeline\"", "agents (firms)", "planner: 2 mode(s)", "orchestrators (consumers)",
                      "planner>coder>reviewer", "functional Walras' law", "t ∈ [0, 1/4)"] {
            #expect(out.contains(words), "missing \(words)")
        }
        let (exportStatus, exported) = try runWalras(["export"])
        #expect(exportStatus == 0 && exported.contains("\"route:planner>coder>reviewer\""))
    }

    @Test func aMultiOrchestratorEconomyAudits() throws {
        let (status, out) = try runWalras(["audit", "examples/agents-two-orchestrators.json", "--json"])
        #expect(status == 1, "not a contraction: \(out)")
        let report = try JSONReader().parse(out)
        #expect(report["agent_economy"]?["orchestrators"] == .array([.string("product"), .string("research")]))
        #expect(report["verdicts"]?["walras_law"]?["status"] == .string("holds"))
    }

    static let base = try! String(contentsOfFile: example("agents-review-pipeline.json"), encoding: .utf8)

    @Test(arguments: [
        ("a cycle", "\"name\": \"planner\", \"capacity\": 4,|\"name\": \"planner\", \"upstream\": [\"reviewer\"], \"capacity\": 4,",
         "agents", "the cycle planner → coder → reviewer → planner"),
        ("a mode of the wrong length", "\"output\": { \"throughput\": [8, 8, 8, 8]|\"output\": { \"throughput\": [8, 8, 8]",
         "agents[0].modes[0].output.throughput", "a trajectory of 4 coefficients"),
        ("an unknown metric", "\"output\": { \"throughput\": [8, 8, 8, 8]|\"output\": { \"thruput\": [8, 8, 8, 8]",
         "agents[0].modes[0].output.thruput", "unknown metric \"thruput\""),
        ("an unknown resource", "\"uses\": { \"gpu_seconds\": [2, 2, 2, 2] }|\"uses\": { \"tpu_seconds\": [2, 2, 2, 2] }",
         "agents[0].modes[0].uses.tpu_seconds", "unknown resource \"tpu_seconds\""),
        ("a zero horizon", "\"horizon\": 1,|\"horizon\": 0,", "horizon", "a positive horizon"),
        ("a negative horizon", "\"horizon\": 1,|\"horizon\": \"-1/2\",", "horizon", "a positive horizon"),
        ("an input from a non-upstream agent", "\"inputs\": { \"planner\"|\"inputs\": { \"reviewer\"",
         "agents[1].modes[1].inputs.reviewer", "an upstream agent of \"coder\""),
        ("an unknown upstream agent", "\"upstream\": [\"planner\"], \"capacity\": 3,\n      \"modes\": [\n        { \"name\": \"draft\"|\"upstream\": [\"plannr\"], \"capacity\": 3,\n      \"modes\": [\n        { \"name\": \"draft\"",
         "agents[1].upstream[0]", "the name of an agent"),
        ("an unknown path", "\"planner>coder>reviewer\": 2|\"planner>reviewer\": 2",
         "orchestrators[0].welfare.exponents.planner>reviewer", "a source-to-sink path"),
        ("shares not summing to 1", "\"shares\": { \"planner\": 1,|\"shares\": { \"planner\": \"1/2\",",
         "agents[0]", "summing to 1"),
        ("zero bins", "\"bins\": 4|\"bins\": 0", "basis.bins", "a whole number from 1 to 64"),
        ("an unknown basis", "\"piecewise-constant\"|\"wavelet\"", "basis.kind", "a basis kind"),
    ])
    func agentFilesAreRejectedWithPathExpectedAndFound(_ label: String, _ change: String, _ path: String, _ words: String) {
        let parts = change.split(separator: "|", maxSplits: 1).map(String.init)
        #expect(Self.base.contains(parts[0]), "test setup: \(label)")
        let text = Self.base.replacingOccurrences(of: parts[0], with: parts[1])
        do {
            _ = try decodeAgents(text)
            Issue.record("\(label): accepted")
        } catch {
            #expect(error.path == path, "\(label): \(error)")
            #expect(error.description.contains(words), "\(label): \(error)")
            #expect(error.file == "agents.json")
        }
    }
}
