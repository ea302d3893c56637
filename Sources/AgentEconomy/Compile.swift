public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// Where each compiled commodity comes from.
public enum CommodityMeaning: Sendable, Hashable {
    /// Coefficient `k` of metric `r` of agent `a`.
    case agentMetric(agent: Int, metric: Int, coefficient: Int)
    /// Coefficient `k` of primary resource `s`.
    case resource(resource: Int, coefficient: Int)
    /// Budget `b`, a scalar held over the whole horizon.
    case budget(Int)
    /// Task flow routed on path `path` (a scalar, not a trajectory).
    case task(path: Int)
}

/// An agent economy compiled to a `walras-economy/1` economy, with the map
/// back to agents, metrics and time.
///
/// Commodities, in order: every (agent, metric, basis coefficient), then
/// every (resource, coefficient), then every budget, then one task good per source-to-sink
/// path. Firms: one per agent (its modes as activities, or as discrete
/// modes; a smooth agent as a quadratic cost paid in its resource
/// profile), then one constant-returns routing firm per path, which turns
/// the metric trajectories that a unit of task needs from each agent on the
/// path into one unit of that path's task good. Consumers: the
/// orchestrators. Where routing is folded (`routingIsFolded`), there are
/// no task goods and no routing firms: each Leontief orchestrator demands
/// the metrics `Σ_j w_j v_j` its paths need.
public struct CompiledAgentEconomy: Sendable, Hashable {
    public let source: AgentEconomy
    public let paths: [[Int]]
    public let economy: Economy
    public let meanings: [CommodityMeaning]
    /// The Gram matrix of the basis on `[0, T]`.
    public let gram: Matrix

    /// Task goods (one per path), or none when routing is folded into the orchestrators.
    public var taskGoodCount: Int { source.routingIsFolded ? 0 : paths.count }

    public var agentFirmCount: Int { source.agents.count }
}

extension AgentEconomy {
    /// Compiles to the core model. Call on a validated economy (a DAG).
    public func compiled() -> CompiledAgentEconomy {
        guard let paths = paths() else { preconditionFailure("compiled(): too many paths or a cycle in \(name)") }
        let k = basis.count, m = metrics.count
        var meanings: [CommodityMeaning] = []
        var names: [String] = []
        for (a, agent) in agents.enumerated() {
            for (r, metric) in metrics.enumerated() {
                for c in 0..<k {
                    meanings.append(.agentMetric(agent: a, metric: r, coefficient: c))
                    names.append("\(agent.name).\(metric)@\(basis.label(c))")
                }
            }
        }
        for (s, resource) in resources.enumerated() {
            for c in 0..<k {
                meanings.append(.resource(resource: s, coefficient: c))
                names.append("\(resource)@\(basis.label(c))")
            }
        }
        for (b, budget) in budgets.enumerated() {
            meanings.append(.budget(b))
            names.append(budget)
        }
        let folded = routingIsFolded
        for (j, path) in paths.enumerated() where !folded {
            meanings.append(.task(path: j))
            names.append("task:\(pathName(path))")
        }
        let n = names.count
        func agentMetric(_ a: Int, _ r: Int, _ c: Int) -> Int { (a * m + r) * k + c }
        func resource(_ s: Int, _ c: Int) -> Int { agents.count * m * k + s * k + c }
        func budget(_ b: Int) -> Int { agents.count * m * k + resources.count * k + b }
        func taskGood(_ j: Int) -> Int { agents.count * m * k + resources.count * k + budgets.count + j }

        var firms: [Firm] = []
        for (a, agent) in agents.enumerated() {
            if let smooth = agent.smooth {
                precondition(smooth.budgetCost.count <= budgets.count && basis.kind == "piecewise-constant",
                             "compiled(): a smooth agent needs a piecewise-constant basis and one cost per budget at most")
                // The core model's quantities are bin values and its prices dual coefficients
                // (width × price function), so the scale per commodity is scale / width.
                let width = horizon / Rational(k)
                var bundle = Vector.zero(n), scale = Vector.zero(n), capacity = Vector.zero(n)
                for s in 0..<resources.count { for c in 0..<k { bundle[resource(s, c)] = smooth.cost[s][c] } }
                for (b, amount) in smooth.budgetCost.enumerated() { bundle[budget(b)] = amount }
                for r in 0..<m {
                    for c in 0..<k {
                        scale[agentMetric(a, r, c)] = smooth.scale[r][c] / width
                        capacity[agentMetric(a, r, c)] = smooth.capacity[r][c]
                    }
                }
                firms.append(Firm(name: agent.name, technology: .quadraticCost(input: bundle, scale: scale, capacity: capacity)))
                continue
            }
            let vectors = agent.modes.map { mode -> Vector in
                var v = Vector.zero(n)
                for r in 0..<m { for c in 0..<k { v[agentMetric(a, r, c)] += mode.output[r][c] } }
                for s in 0..<resources.count { for c in 0..<k { v[resource(s, c)] -= mode.uses[s][c] } }
                for input in mode.inputs {
                    for c in 0..<k { v[agentMetric(input.agent, input.metric, c)] -= input.trajectory[c] }
                }
                return v
            }
            let technology: Technology = agent.discrete
                ? .discreteModes(vectors.map { (agent.capacity ?? 1) * $0 })
                : .activities(vectors, bound: agent.capacity)
            firms.append(Firm(name: agent.name, technology: technology))
        }
        // What a unit of task on each path needs from each agent on it.
        let requirements = paths.map { path in
            var v = Vector.zero(n)
            for a in path { for r in 0..<m { for c in 0..<k { v[agentMetric(a, r, c)] += task[r][c] } } }
            return v
        }
        for (j, path) in paths.enumerated() where !folded {
            firms.append(Firm(name: "route:\(pathName(path))",
                              technology: .activities([Vector.unit(taskGood(j), count: n) - requirements[j]], bound: nil)))
        }
        // Routing firms earn zero profit wherever supply is defined; they
        // are owned equally so that shares still sum to 1.
        let routeShare = Rational(1, orchestrators.count)
        let consumers = orchestrators.map { o -> Consumer in
            var endowment = Vector.zero(n)
            for s in 0..<resources.count { for c in 0..<k { endowment[resource(s, c)] = o.endowment[s][c] } }
            precondition(o.budget.count <= budgets.count, "compiled(): more budget amounts than budgets")
            for (b, amount) in o.budget.enumerated() { endowment[budget(b)] = amount }
            var weights = Vector.zero(n)
            for j in paths.indices {
                if folded { weights = weights + o.welfare.weights[j] * requirements[j] } else { weights[taskGood(j)] = o.welfare.weights[j] }
            }
            let utility: Utility = switch o.welfare {
            case .cobbDouglas: .cobbDouglas(exponents: weights)
            case .leontief: .leontief(coefficients: weights)
            }
            return Consumer(name: o.name, endowment: endowment, utility: utility,
                            shares: o.shares + Array(repeating: routeShare, count: folded ? 0 : paths.count))
        }
        var economy = Economy(name: name, commodities: names, consumers: consumers, firms: firms)
        economy.nouns = Economy.Nouns(consumer: "orchestrator",
                                      firms: firms.indices.map { $0 < agents.count ? "agent" : "routing firm" })
        return CompiledAgentEconomy(source: self, paths: paths, economy: economy, meanings: meanings,
                                    gram: basis.gram(horizon: horizon))
    }

    /// The same economy on `2K` bins: `V_K ⊂ V_2K`, each bin split in two and
    /// every trajectory keeping its values. Nil for a non-piecewise basis.
    public func refined() -> AgentEconomy? {
        guard case .piecewiseConstant(let bins) = basis else { return nil }
        return withTrajectories(basis: .piecewiseConstant(bins: 2 * bins)) { c in c.flatMap { [$0, $0] } }
    }

    /// The same economy with every trajectory (mode outputs, uses and
    /// inputs, task requirements, endowments) replaced by `f` of it, on `basis`.
    func withTrajectories(basis: FunctionBasis, _ f: ([Rational]) -> [Rational]) -> AgentEconomy {
        var e = self
        e.basis = basis
        e.task = task.map(f)
        e.agents = agents.map { agent in
            var a = agent
            a.modes = agent.modes.map { mode in
                Mode(name: mode.name, output: mode.output.map(f), uses: mode.uses.map(f),
                     inputs: mode.inputs.map { UpstreamInput(agent: $0.agent, metric: $0.metric, trajectory: f($0.trajectory)) })
            }
            a.smooth = agent.smooth.map {
                SmoothTechnology(cost: $0.cost.map(f), budgetCost: $0.budgetCost, scale: $0.scale.map(f), capacity: $0.capacity.map(f))
            }
            return a
        }
        e.orchestrators = orchestrators.map { o in
            var r = o
            r.endowment = o.endowment.map(f)
            return r
        }
        return e
    }
}

extension AgentEconomy {
    /// The same economy on `bins` bins, every trajectory replaced by its
    /// L²-orthogonal projection onto the coarser `V_K`: on a piecewise-
    /// constant basis, the average over each group of `count / bins`
    /// consecutive bins. `bins == count` is the economy itself. Nil for a
    /// basis that is not piecewise constant, or when `bins` does not divide
    /// the economy's bin count. The horizon is unchanged, so
    /// `projected(toBins: K).refined()` has the step functions of the
    /// projection on the `2K` grid.
    public func projected(toBins bins: Int) -> AgentEconomy? {
        guard case .piecewiseConstant(let k) = basis, bins >= 1, k % bins == 0 else { return nil }
        let group = k / bins
        return withTrajectories(basis: .piecewiseConstant(bins: bins)) { c in
            (0..<bins).map { b in c[(b * group)..<((b + 1) * group)].reduce(Rational.zero, +) / Rational(group) }
        }
    }
}

// MARK: - Functional prices

extension CompiledAgentEconomy {
    /// Commodity prices (dual coefficients `q`, what the core model uses)
    /// from price functions given by their basis coefficients `p`:
    /// `q = G p` block by block, so that `q · x = ⟨p, x⟩`. Task goods are
    /// scalars and keep their price.
    public func dualCoefficients(fromFunctions p: Vector) -> Vector {
        mapTrajectoryBlocks(p) { gram * $0 }
    }

    /// Price functions (basis coefficients `p = G⁻¹ q`) from commodity prices `q`.
    public func priceFunctions(fromDual q: Vector) -> Vector {
        let inverse = gram.inverse!  // a Gram matrix of a basis is nonsingular
        return mapTrajectoryBlocks(q) { inverse * $0 }
    }

    /// `⟨p, x⟩ = Σ_{a,r} ∫ p_{a,r} x_{a,r} dt + Σ_s ∫ p_s x_s dt + Σ_paths p_j x_j`,
    /// computed as `pᵀ G x` block by block from price functions `p`.
    public func pairing(functions p: Vector, _ x: Vector) -> Rational {
        let gx = mapTrajectoryBlocks(x) { gram * $0 }
        return p.dot(gx)
    }

    private func mapTrajectoryBlocks(_ v: Vector, _ f: (Vector) -> Vector) -> Vector {
        let k = source.basis.count
        let blocks = (source.agents.count * source.metrics.count) + source.resources.count
        var out = v
        for b in 0..<blocks {
            let mapped = f(Vector(Array(v.entries[(b * k)..<((b + 1) * k)])))
            for c in 0..<k { out[b * k + c] = mapped[c] }
        }
        return out
    }

    /// "planner.quality, t ∈ [1/4, 1/2)": a commodity in the user's terms.
    public func describe(_ commodity: Int) -> String {
        let s = source
        switch meanings[commodity] {
        case .agentMetric(let a, let r, let c):
            return "\(s.agents[a].name).\(s.metrics[r]), \(s.basis.describe(c, horizon: s.horizon))"
        case .resource(let r, let c):
            return "\(s.resources[r]), \(s.basis.describe(c, horizon: s.horizon))"
        case .budget(let b):
            return "\(s.budgets[b]) (a budget over the horizon)"
        case .task(let j):
            return "task flow on \(s.pathName(paths[j]))"
        }
    }
}
