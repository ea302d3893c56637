public import AgentEconomy
public import ExactArithmetic

/// Shrinks a failing agent economy in the user's own terms: fewer agents,
/// orchestrators, metrics, bins and modes, then simpler numbers, while the
/// same check still fails on the compiled economy and the file stays valid.
public struct AgentShrinker {
    public var maximumSteps = 300
    public var timeLimit: Double = 20
    /// Candidate economies checked at most (each check reruns the theorem).
    public var maximumChecks = Int.max

    public init() {}

    public func shrink(_ a: AgentEconomy, stillFails: (AgentEconomy) -> Bool) -> (economy: AgentEconomy, steps: Int) {
        greedyShrink(a, maximumSteps: maximumSteps, maximumChecks: maximumChecks, timeLimit: timeLimit, candidates: candidates,
                     acceptable: isValid, size: size, stillFails: stillFails)
    }

    func cost(_ x: Rational) -> Rational { shrinkCost(x) }
    func cost(_ t: [[Rational]]) -> Rational { t.joined().reduce(0) { $0 + cost($1) } }

    public func size(_ a: AgentEconomy) -> Rational {
        var s = Rational(1_000_000 * (a.agents.count + a.orchestrators.count + a.metrics.count + a.basis.count))
        s += Rational(10_000 * a.agents.reduce(0) { $0 + $1.modes.count }) + cost(a.task) + cost(a.horizon)
        for agent in a.agents {
            s += agent.capacity.map(cost) ?? 0
            for m in agent.modes { s += cost(m.output) + cost(m.uses) + m.inputs.reduce(0) { $0 + cost([$1.trajectory]) } }
        }
        for o in a.orchestrators { s += cost(o.endowment) + o.welfare.weights.reduce(0) { $0 + cost($1) } }
        return s
    }

    /// The rules of the file format, and a DAG with at least one path.
    func isValid(_ a: AgentEconomy) -> Bool {
        guard !a.agents.isEmpty, !a.metrics.isEmpty, a.basis.count >= 1, !a.orchestrators.isEmpty, a.cycle() == nil,
              let paths = a.paths(), !paths.isEmpty, a.task.contains(where: { $0.contains { !$0.isZero } }),
              a.agents.allSatisfy({ !$0.modes.isEmpty && ($0.capacity.map { $0.signum() > 0 } ?? true) })
        else { return false }
        for o in a.orchestrators where o.welfare.weights.count != paths.count || !o.welfare.weights.contains(where: { $0.signum() > 0 }) {
            return false
        }
        return a.agents.indices.allSatisfy { i in a.orchestrators.reduce(Rational.zero) { $0 + $1.shares[i] } == .one }
    }

    /// Welfare weights follow the paths by name when the DAG changes; new paths weigh 1.
    func rekeyWelfare(_ before: AgentEconomy, _ after: inout AgentEconomy) {
        guard let old = before.paths(), let new = after.paths() else { return }
        let oldNames = old.map { before.pathName($0) }
        for o in after.orchestrators.indices {
            let w = before.orchestrators.first { $0.name == after.orchestrators[o].name }!.welfare
            let weights = new.map { p -> Rational in
                let name = after.pathName(p)
                return oldNames.firstIndex(of: name).map { w.weights[$0] } ?? 1
            }
            let fixed = weights.contains { $0.signum() > 0 } ? weights : weights.map { _ in Rational.one }
            after.orchestrators[o].welfare = switch w {
            case .leontief: .leontief(coefficients: fixed)
            case .cobbDouglas: .cobbDouglas(exponents: fixed)
            }
        }
    }

    func candidates(_ a: AgentEconomy) -> [AgentEconomy] {
        var out: [AgentEconomy] = []
        // Drop an agent: remove its edges, inputs from it, and its shares.
        if a.agents.count > 1 {
            for i in a.agents.indices {
                var b = a
                b.agents.remove(at: i)
                for j in b.agents.indices {
                    b.agents[j].upstream = b.agents[j].upstream.filter { $0 != i }.map { $0 > i ? $0 - 1 : $0 }
                    for m in b.agents[j].modes.indices {
                        b.agents[j].modes[m].inputs = b.agents[j].modes[m].inputs.filter { $0.agent != i }
                            .map { UpstreamInput(agent: $0.agent > i ? $0.agent - 1 : $0.agent, metric: $0.metric, trajectory: $0.trajectory) }
                    }
                }
                for o in b.orchestrators.indices { b.orchestrators[o].shares.remove(at: i) }
                rekeyWelfare(a, &b)
                out.append(b)
            }
        }
        // Drop an orchestrator: its shares go to the first remaining one.
        if a.orchestrators.count > 1 {
            for o in a.orchestrators.indices {
                var b = a
                let gone = b.orchestrators.remove(at: o)
                for i in b.agents.indices { b.orchestrators[0].shares[i] += gone.shares[i] }
                out.append(b)
            }
        }
        // Drop a metric.
        if a.metrics.count > 1 {
            for r in a.metrics.indices {
                var b = a
                b.metrics.remove(at: r)
                b.task.remove(at: r)
                for j in b.agents.indices {
                    for m in b.agents[j].modes.indices {
                        b.agents[j].modes[m].output.remove(at: r)
                        b.agents[j].modes[m].inputs = b.agents[j].modes[m].inputs.filter { $0.metric != r }
                            .map { UpstreamInput(agent: $0.agent, metric: $0.metric > r ? $0.metric - 1 : $0.metric, trajectory: $0.trajectory) }
                    }
                }
                out.append(b)
            }
        }
        // Drop the last bin (piecewise-constant bases).
        if case .piecewiseConstant(let k) = a.basis, k > 1 {
            var b = a
            func cut(_ t: [Rational]) -> [Rational] { Array(t.prefix(k - 1)) }
            b.basis = .piecewiseConstant(bins: k - 1)
            b.horizon = a.horizon * Rational(k - 1, k)  // bins keep their width
            b.task = a.task.map(cut)
            for j in b.agents.indices {
                for m in b.agents[j].modes.indices {
                    b.agents[j].modes[m].output = b.agents[j].modes[m].output.map(cut)
                    b.agents[j].modes[m].uses = b.agents[j].modes[m].uses.map(cut)
                    b.agents[j].modes[m].inputs = b.agents[j].modes[m].inputs.map {
                        UpstreamInput(agent: $0.agent, metric: $0.metric, trajectory: cut($0.trajectory))
                    }
                }
            }
            for o in b.orchestrators.indices { b.orchestrators[o].endowment = b.orchestrators[o].endowment.map(cut) }
            out.append(b)
        }
        // Drop a mode.
        for j in a.agents.indices where a.agents[j].modes.count > 1 {
            for m in a.agents[j].modes.indices { var b = a; b.agents[j].modes.remove(at: m); out.append(b) }
        }
        // Simpler numbers: capacities, then trajectories.
        let simpler = simplerValues
        for j in a.agents.indices {
            if let c = a.agents[j].capacity { for y in simpler(c) { var b = a; b.agents[j].capacity = y; out.append(b) } }
            for m in a.agents[j].modes.indices {
                for (r, t) in a.agents[j].modes[m].output.enumerated() {
                    for (c, x) in t.enumerated() { for y in simpler(x) { var b = a; b.agents[j].modes[m].output[r][c] = y; out.append(b) } }
                }
                for (s, t) in a.agents[j].modes[m].uses.enumerated() {
                    for (c, x) in t.enumerated() { for y in simpler(x) { var b = a; b.agents[j].modes[m].uses[s][c] = y; out.append(b) } }
                }
            }
        }
        for (r, t) in a.task.enumerated() {
            for (c, x) in t.enumerated() { for y in simpler(x) { var b = a; b.task[r][c] = y; out.append(b) } }
        }
        for o in a.orchestrators.indices {
            for (s, t) in a.orchestrators[o].endowment.enumerated() {
                for (c, x) in t.enumerated() { for y in simpler(x) { var b = a; b.orchestrators[o].endowment[s][c] = y; out.append(b) } }
            }
        }
        return out
    }
}
