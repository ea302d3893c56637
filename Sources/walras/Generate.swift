import ArgumentParser
import Foundation
import EconomyFormat
import Harness

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a generated economy file.",
        subcommands: [GenerateAgents.self])
}

/// `walras generate agents`: a layered agent system of any size, as a
/// `walras-agent-economy/1` file; the same arguments give the same bytes.
struct GenerateAgents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "Write a layered agent system as a walras-agent-economy/1 file.",
        discussion: """
            LAYERS × WIDTH agents; each agent of a layer after the first takes work from FAN-IN agents of the layer \
            before. It compiles to layers·width·metrics·bins + resources·bins commodities plus one task good per \
            source-to-sink path (at most width·fan-in^(layers−1)). Same arguments, same bytes.
            """)
    private static let defaults = AgentSystemDesign()

    @Option(help: "Layers of the agent DAG.") var layers = defaults.layers
    @Option(help: "Agents per layer.") var width = defaults.width
    @Option(help: "Metrics per agent (throughput, quality, …).") var metrics = defaults.metrics
    @Option(help: "Time bins K of the piecewise-constant basis.") var bins = defaults.bins
    @Option(help: "Primary resources (GPU, memory, …).") var resources = defaults.resources
    @Option(help: "Operating modes per agent.") var modes = defaults.modes
    @Option(help: "Upstream agents per agent after the first layer.") var fanIn = defaults.fanIn
    @Option(help: "Orchestrators (consumers).") var orchestrators = defaults.orchestrators
    @Option(help: "Orchestrators' welfare: cobb-douglas, leontief or mixed (alternating).")
    var welfare: String = defaults.welfare.rawValue
    @Flag(help: "Agents run one mode at full capacity or idle (not convex).") var discrete = false
    @Flag(help: "Smooth agents (quadratic cost in one budget), Leontief orchestrators, a known rational equilibrium.")
    var smooth = false
    @Option(help: "Seed (decimal or 0x hex).") var seed = Seed(defaults.seed)
    @Option(help: "Write the file here instead of standard output.") var out: String?

    func run() throws {
        guard let kind = AgentSystemDesign.WelfareKind(rawValue: welfare) else {
            throw rejection("--welfare: expected one of \(AgentSystemDesign.WelfareKind.allCases.map(\.rawValue).joined(separator: ", ")), found \(welfare)")
        }
        var design = AgentSystemDesign(layers: layers, width: width, metrics: metrics, bins: bins, resources: resources,
                                       modes: modes, fanIn: fanIn, orchestrators: orchestrators, welfare: kind,
                                       discrete: discrete, seed: seed.value)
        design.smooth = smooth
        if let problem = design.problem { throw rejection(problem) }
        let text = AgentEconomyFormat.encode(EconomyGenerator.agentSystem(design)).rendered() + "\n"
        guard let out else {
            print(text, terminator: "")
            return
        }
        do {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw rejection("\(out): expected a writable file, found \(error.localizedDescription)")
        }
    }
}
