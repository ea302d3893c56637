public import ExactArithmetic
import ExactLinearAlgebra

/// An orchestrated system of LLM agents as an Arrow–Debreu production
/// economy, in the finite-dimensional form `V_K` (see
/// proofs-notes/agent-economy.md).
///
/// - Agents are firms. An agent's production set is spanned by its
///   operating modes: each mode is, per unit of activity, a trajectory of
///   every metric (output), the primary resources it uses, and optionally
///   metric trajectories it takes from upstream agents.
/// - Orchestrators are consumers. Each owns resources and shares of the
///   agents, and values task flow routed over source-to-sink paths of the
///   agent DAG.
/// - Every trajectory is a vector of `basis.count` coefficients.
public struct AgentEconomy: Sendable, Hashable {
    public var name: String
    public var horizon: Rational
    public var basis: FunctionBasis
    public var metrics: [String]
    public var resources: [String]
    /// Scalar resources held over the whole horizon (a compute budget, credits):
    /// one commodity each, not a trajectory.
    public var budgets: [String] = []
    public var agents: [Agent]
    /// Whether routing is folded into the orchestrators: every orchestrator
    /// is Leontief and some agent is smooth. A Leontief orchestrator routes
    /// in the fixed proportions `w_j` of its welfare, so it demands the
    /// metric bundle `Σ_j w_j v_j` directly (`v_j` what a unit of task on
    /// path `j` needs): the same equilibria, without the constant-returns
    /// routing firms whose supply is undefined off equilibrium (so that
    /// excess demand is differentiable where the agents are smooth).
    public var routingIsFolded: Bool {
        agents.contains { $0.smooth != nil } && orchestrators.allSatisfy { if case .leontief = $0.welfare { true } else { false } }
    }

    /// Per unit of task flow on a path, each agent on it delivers
    /// `task[r]` (a trajectory) of every metric `r`.
    public var task: [[Rational]]
    public var orchestrators: [Orchestrator]

    public init(name: String, horizon: Rational, basis: FunctionBasis, metrics: [String], resources: [String],
                agents: [Agent], task: [[Rational]], orchestrators: [Orchestrator]) {
        self.name = name
        self.horizon = horizon
        self.basis = basis
        self.metrics = metrics
        self.resources = resources
        self.agents = agents
        self.task = task
        self.orchestrators = orchestrators
    }
}

public struct Agent: Sendable, Hashable {
    public var name: String
    /// Indices of the agents this one receives work from (DAG edges upstream → self).
    public var upstream: [Int]
    /// `Σ λ_m ≤ capacity` over mode levels; nil is constant returns.
    public var capacity: Rational?
    /// Exactly one mode at full capacity, or idle: not convex.
    public var discrete: Bool
    /// The modes of a polyhedral agent; empty for a smooth one.
    public var modes: [Mode]
    /// A smooth agent's technology (diminishing returns); nil for a polyhedral agent.
    public var smooth: SmoothTechnology?

    public init(name: String, upstream: [Int], capacity: Rational?, discrete: Bool, modes: [Mode],
                smooth: SmoothTechnology? = nil) {
        self.name = name
        self.upstream = upstream
        self.capacity = capacity
        self.discrete = discrete
        self.modes = modes
        self.smooth = smooth
    }
}

/// An agent with diminishing returns: its metric trajectories cost more
/// the more it produces (congestion: at higher load each unit of
/// throughput or quality takes more of the resources, as latency grows
/// with load). Producing the trajectory `y_r(t)` of each metric `r` uses
/// `C = ∫₀ᵀ Σ_r y_r(t)² / (2·scale_r(t)) dt` units of the resource profile
/// `cost` (a trajectory of every resource, and an amount of every budget:
/// what one unit of effort uses), with `0 ≤ y_r(t) ≤ capacity_r(t)`. Metrics with scale 0 are
/// not produced. Strictly convex, so supply is single-valued and rational
/// in prices: `y_r(t) = min(capacity_r(t), scale_r(t)·p_r(t) / ⟨p, cost⟩)`,
/// with `p_r(t)` the price function. Piecewise-constant bases only (the
/// cost is then separable across bins).
public struct SmoothTechnology: Sendable, Hashable {
    /// `cost[s]`: the trajectory of resource `s` in one unit of effort.
    public var cost: [[Rational]]
    /// `budgetCost[b]`: the amount of budget `b` in one unit of effort.
    public var budgetCost: [Rational]
    /// `scale[r]`: the responsiveness of metric `r`'s supply over time (0: not produced).
    public var scale: [[Rational]]
    /// `capacity[r]`: the cap on metric `r` over time.
    public var capacity: [[Rational]]

    public init(cost: [[Rational]], budgetCost: [Rational] = [], scale: [[Rational]], capacity: [[Rational]]) {
        self.cost = cost
        self.budgetCost = budgetCost
        self.scale = scale
        self.capacity = capacity
    }
}

public struct Mode: Sendable, Hashable {
    public var name: String
    /// `output[r]`: the trajectory of metric `r` produced per unit of activity.
    public var output: [[Rational]]
    /// `uses[s]`: the trajectory of resource `s` used per unit of activity.
    public var uses: [[Rational]]
    /// Metric trajectories taken from upstream agents per unit of activity.
    public var inputs: [UpstreamInput]

    public init(name: String, output: [[Rational]], uses: [[Rational]], inputs: [UpstreamInput]) {
        self.name = name
        self.output = output
        self.uses = uses
        self.inputs = inputs
    }
}

public struct UpstreamInput: Sendable, Hashable {
    public var agent: Int
    public var metric: Int
    public var trajectory: [Rational]

    public init(agent: Int, metric: Int, trajectory: [Rational]) {
        self.agent = agent
        self.metric = metric
        self.trajectory = trajectory
    }
}

/// An orchestrator's welfare over the task flow routed on each path.
public enum Welfare: Sendable, Hashable {
    case cobbDouglas(exponents: [Rational])
    case leontief(coefficients: [Rational])

    public var kind: String {
        switch self {
        case .cobbDouglas: "cobb-douglas"
        case .leontief: "leontief"
        }
    }

    public var weights: [Rational] {
        switch self {
        case .cobbDouglas(let a), .leontief(let a): a
        }
    }
}

public struct Orchestrator: Sendable, Hashable {
    public var name: String
    /// `endowment[s]`: the trajectory of resource `s` owned.
    public var endowment: [[Rational]]
    /// `budget[b]`: the amount of budget `b` owned.
    public var budget: [Rational]
    /// One weight per path, in `AgentEconomy.paths` order.
    public var welfare: Welfare
    /// `shares[a]`: this orchestrator's share of agent `a`'s profit.
    public var shares: [Rational]

    public init(name: String, endowment: [[Rational]], budget: [Rational] = [], welfare: Welfare, shares: [Rational]) {
        self.name = name
        self.endowment = endowment
        self.budget = budget
        self.welfare = welfare
        self.shares = shares
    }
}

// MARK: - The DAG

/// A cycle in the agent graph, named in order (`planner → coder → planner`).
public struct AgentCycle: Error, Sendable, Hashable, CustomStringConvertible {
    public let agents: [String]
    public var description: String { agents.joined(separator: " → ") }
}

extension AgentEconomy {
    /// Agents that receive no work: where task flow enters.
    public var sources: [Int] { agents.indices.filter { agents[$0].upstream.isEmpty } }

    /// Agents that pass work to nobody: where task flow leaves.
    public var sinks: [Int] {
        agents.indices.filter { a in !agents.contains { $0.upstream.contains(a) } }
    }

    /// The first cycle found by depth-first search, or nil for a DAG.
    public func cycle() -> AgentCycle? {
        var state = [Int](repeating: 0, count: agents.count)  // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        func visit(_ a: Int) -> [Int]? {
            state[a] = 1
            stack.append(a)
            for d in agents.indices where agents[d].upstream.contains(a) {
                if state[d] == 1 {
                    let start = stack.firstIndex(of: d)!
                    return Array(stack[start...]) + [d]
                }
                if state[d] == 0, let c = visit(d) { return c }
            }
            stack.removeLast()
            state[a] = 2
            return nil
        }
        for a in agents.indices where state[a] == 0 {
            if let c = visit(a) { return AgentCycle(agents: c.map { agents[$0].name }) }
        }
        return nil
    }

    /// Every source-to-sink path (agent indices), in a fixed order:
    /// depth-first from each source in agent order. Call only on a DAG.
    public func paths(limit: Int = 10_000) -> [[Int]]? {
        var result: [[Int]] = []
        func extend(_ path: [Int]) -> Bool {
            let last = path.last!
            let next = agents.indices.filter { agents[$0].upstream.contains(last) }
            if next.isEmpty {
                result.append(path)
                return result.count <= limit
            }
            for d in next where !extend(path + [d]) { return false }
            return true
        }
        for s in sources where !extend([s]) { return nil }
        return result
    }

    public func pathName(_ path: [Int]) -> String { path.map { agents[$0].name }.joined(separator: ">") }
}
