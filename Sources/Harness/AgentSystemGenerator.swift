public import SeededRandom
public import ExactArithmetic
public import AgentEconomy

/// The design of a layered agent system at any size (`walras generate
/// agents`, the harness's `scale` regime): `layers × width` agents, each
/// in layer `l ≥ 1` taking work from `fanIn` agents of layer `l − 1`.
///
/// It compiles to `layers·width·metrics·bins` agent-metric commodities,
/// `resources·bins` resource commodities and one task good per
/// source-to-sink path; with fan-in `f` there are `width·f^(layers−1)`
/// paths at most (fewer when two upstream choices coincide).
public struct AgentSystemDesign: Sendable, Hashable {
    /// The orchestrators' welfare: all one kind, or alternating.
    public enum WelfareKind: String, Sendable, Hashable, CaseIterable {
        case cobbDouglas = "cobb-douglas"
        case leontief
        /// Cobb–Douglas, Leontief, Cobb–Douglas, …
        case mixed
    }

    public var layers: Int
    public var width: Int
    public var metrics: Int
    public var bins: Int
    public var resources: Int
    public var modes: Int
    public var fanIn: Int
    public var orchestrators: Int
    public var welfare: WelfareKind
    /// Agents run exactly one mode at full capacity or idle (not convex).
    public var discrete: Bool
    /// Smooth agents paying a quadratic cost in one budget, Leontief
    /// orchestrators, routing folded; the data are set so that the
    /// equilibrium is a known rational price (`smoothAgentSystem`).
    public var smooth = false
    public var seed: UInt64

    public init(layers: Int = 3, width: Int = 3, metrics: Int = 3, bins: Int = 8, resources: Int = 1, modes: Int = 2,
                fanIn: Int = 1, orchestrators: Int = 1, welfare: WelfareKind = .cobbDouglas, discrete: Bool = false,
                seed: UInt64 = 0) {
        self.layers = layers
        self.width = width
        self.metrics = metrics
        self.bins = bins
        self.resources = resources
        self.modes = modes
        self.fanIn = fanIn
        self.orchestrators = orchestrators
        self.welfare = welfare
        self.discrete = discrete
        self.seed = seed
    }

    /// The largest values a design may take: beyond them the path count or
    /// the compiled economy outgrows what any stage handles.
    public static let limits = (layers: 1...64, width: 1...256, metrics: 1...16, bins: 1...512, resources: 1...8,
                                modes: 1...8, fanIn: 1...4, orchestrators: 1...16)

    /// Why the design is out of range, naming the option; nil when it is valid.
    public var problem: String? {
        let l = Self.limits
        let checks: [(String, Int, ClosedRange<Int>)] = [
            ("layers", layers, l.layers), ("width", width, l.width), ("metrics", metrics, l.metrics), ("bins", bins, l.bins),
            ("resources", resources, l.resources), ("modes", modes, l.modes), ("fan-in", fanIn, l.fanIn),
            ("orchestrators", orchestrators, l.orchestrators),
        ]
        for (name, value, range) in checks where !range.contains(value) {
            return "--\(name): expected \(range.lowerBound)...\(range.upperBound), found \(value)"
        }
        if fanIn > width { return "--fan-in: expected at most --width (\(width)), found \(fanIn)" }
        if smooth && discrete { return "--smooth and --discrete: expected one of them (smooth agents have no modes)" }
        if pathBound > 10_000 { return "the design has up to \(pathBound) paths; expected at most 10000 (lower --fan-in or --layers)" }
        return nil
    }

    /// An upper bound on the number of source-to-sink paths.
    public var pathBound: Int {
        var paths = width
        for _ in 1..<max(layers, 1) {
            paths = paths.multipliedReportingOverflow(by: fanIn).overflow ? Int.max : paths * fanIn
            if paths > 1_000_000 { return paths }
        }
        return paths
    }

    /// The commodity count of the compiled economy, before paths are counted exactly.
    public var commodityBound: Int {
        smooth ? layers * width * metrics * bins + 1 : layers * width * metrics * bins + resources * bins + pathBound
    }
}

extension EconomyGenerator {
    /// The layered agent system of `design`: the same design gives the same
    /// economy, byte for byte, on every platform.
    ///
    /// Every agent has `modes` modes, each producing every metric in every
    /// bin (1…8 per unit of activity) and using every resource (1…4), with
    /// a capacity of 2…6 units. A unit of task needs 1/2 or 1 of each
    /// metric in each bin from every agent on its path. The orchestrators
    /// own the resources equally and the agents in equal shares, and weigh
    /// each path 1…3.
    public static func agentSystem(_ design: AgentSystemDesign) -> AgentEconomy {
        var rng = SplitMix64(seed: design.seed ^ 0x5741_4C52_4153_0002)
        let k = design.bins, m = design.metrics, r = design.resources
        func trajectory(_ values: ClosedRange<Int>) -> [Rational] { (0..<k).map { _ in Rational(rng.int(in: values)) } }
        var agents: [Agent] = []
        for layer in 0..<design.layers {
            for j in 0..<design.width {
                var upstream: [Int] = []
                if layer > 0 {
                    let previous = (layer - 1) * design.width
                    upstream.append(previous + j)
                    while upstream.count < design.fanIn {
                        let u = previous + rng.int(in: 0...(design.width - 1))
                        if !upstream.contains(u) { upstream.append(u) }
                    }
                    upstream.sort()
                }
                let modes = (0..<design.modes).map { i in
                    Mode(name: "m\(i + 1)", output: (0..<m).map { _ in trajectory(1...8) },
                         uses: (0..<r).map { _ in trajectory(1...4) }, inputs: [])
                }
                agents.append(Agent(name: "l\(layer + 1)a\(j + 1)", upstream: upstream, capacity: Rational(rng.int(in: 2...6)),
                                    discrete: design.discrete, modes: modes))
            }
        }
        let name = "agents-\(design.layers)x\(design.width)x\(design.metrics)x\(design.bins)-seed-\(design.seed)"
        if design.smooth { return smoothAgentSystem(design, agents: agents, name: name, rng: &rng) }
        var economy = AgentEconomy(name: name, horizon: 1, basis: .piecewiseConstant(bins: k),
                                   metrics: (0..<m).map { "r\($0 + 1)" }, resources: (0..<r).map { "res\($0 + 1)" },
                                   agents: agents, task: (0..<m).map { _ in (0..<k).map { _ in Rational(rng.int(in: 1...2), 2) } },
                                   orchestrators: [])
        let pathCount = economy.paths()!.count
        let o = design.orchestrators
        // Enough of each resource per bin to run every agent at about half capacity, shared equally.
        let perBin = Rational(design.layers * design.width * 6, o)
        for i in 0..<o {
            let weights = (0..<pathCount).map { _ in Rational(rng.int(in: 1...3)) }
            let leontief = design.welfare == .leontief || (design.welfare == .mixed && i % 2 == 1)
            economy.orchestrators.append(Orchestrator(
                name: "o\(i + 1)", endowment: (0..<r).map { _ in [Rational](repeating: perBin, count: k) },
                welfare: leontief ? .leontief(coefficients: weights) : .cobbDouglas(exponents: weights),
                shares: [Rational](repeating: Rational(1, o), count: agents.count)))
        }
        return economy
    }
}

extension EconomyGenerator {
    /// The smooth variant of a layered design, built backwards from its
    /// equilibrium so that the equilibrium is a known rational price.
    ///
    /// One budget, "credits", owned by the orchestrators; every agent is
    /// smooth, paying `b_a ∈ {1, 2, 3}` credits per unit of effort; the
    /// orchestrators are Leontief (routing folded), so they demand
    /// `c = Σ_h c_h`, `c_h = Σ_j w_hj v_j`. With target prices
    /// `q_i = ρ_a c_i q_B` for agent `a`'s commodities (`ρ_a ∈ {1, 2, 3}/16`,
    /// `q_B` the credit's price) and demand level 1, the first-order
    /// condition `y_i = s'_i q_i / (b_a q_B)` with `y_i = c_i` gives the scale
    /// `s'_i = b_a / ρ_a` per commodity (`b_a / (ρ_a K)` per unit of time on
    /// `K` bins of `[0, 1]`), capacity `2c_i`. Agent `a` then uses
    /// `b_a C_a = ρ_a Σ_i c_i² / 2` credits and earns half of the value it
    /// produces, so the budget that clears is `ω = Σ_i ρ c_i² / 2`; orchestrator
    /// `h` gets `ω_h = Σ_i ρ c_i c_{h,i} − (1/2o) Σ_i ρ c_i²` (its income then
    /// buys exactly `c_h`), or the equal split where that is not positive
    /// (then the equilibrium is whatever it is).
    static func smoothAgentSystem(_ design: AgentSystemDesign, agents polyhedral: [Agent], name: String,
                                  rng: inout SplitMix64) -> AgentEconomy {
        let k = design.bins, m = design.metrics
        var economy = AgentEconomy(name: name + "-smooth", horizon: 1, basis: .piecewiseConstant(bins: k),
                                   metrics: (0..<m).map { "r\($0 + 1)" }, resources: [],
                                   agents: polyhedral, task: (0..<m).map { _ in (0..<k).map { _ in Rational(rng.int(in: 1...2), 2) } },
                                   orchestrators: [])
        economy.budgets = ["credits"]
        let paths = economy.paths()!
        let o = design.orchestrators
        let weights = (0..<o).map { _ in (0..<paths.count).map { _ in Rational(rng.int(in: 1...3)) } }
        // c_h[a]: the weight orchestrator h puts on agent a (the sum over the paths through it).
        let through = (0..<o).map { h in
            polyhedral.indices.map { a in paths.indices.filter { paths[$0].contains(a) }.reduce(Rational.zero) { $0 + weights[h][$1] } }
        }
        let effort = polyhedral.map { _ in Rational(rng.int(in: 1...3)) }
        let rho = polyhedral.map { _ in Rational(rng.int(in: 1...3), 16) }
        // Σ_i ρ_a c_i c_{h,i} over agent a's commodities: ρ_a · through[a] · through_h[a] · Σ_{r,t} task_r(t)² (bin values).
        let squares = economy.task.reduce(Rational.zero) { $0 + $1.reduce(.zero) { $0 + $1 * $1 } }
        let through1 = polyhedral.indices.map { a in through.reduce(Rational.zero) { $0 + $1[a] } }
        let value = (0..<o).map { h in
            polyhedral.indices.reduce(Rational.zero) { $0 + rho[$1] * through1[$1] * through[h][$1] * squares }
        }
        let total = value.reduce(.zero, +)
        var budgets = value.map { $0 - total / Rational(2 * o) }
        if budgets.contains(where: { $0.signum() <= 0 }) { budgets = Array(repeating: total / Rational(2 * o), count: o) }
        economy.agents = polyhedral.indices.map { a in
            let scale = effort[a] / (rho[a] * Rational(k))
            let totalWeight = through.reduce(Rational.zero) { $0 + $1[a] }
            return Agent(name: polyhedral[a].name, upstream: polyhedral[a].upstream, capacity: nil, discrete: false, modes: [],
                         smooth: SmoothTechnology(cost: [], budgetCost: [effort[a]],
                                                  scale: (0..<m).map { _ in [Rational](repeating: scale, count: k) },
                                                  capacity: economy.task.map { $0.map { 2 * totalWeight * $0 } }))
        }
        economy.orchestrators = (0..<o).map { h in
            Orchestrator(name: "o\(h + 1)", endowment: [], budget: [budgets[h]], welfare: .leontief(coefficients: weights[h]),
                         shares: [Rational](repeating: Rational(1, o), count: polyhedral.count))
        }
        return economy
    }
}
