import ExactArithmetic
public import ExactJSON
public import AgentEconomy

extension AgentEconomyFormat {
    /// The agent economy as a `walras-agent-economy/1` document;
    /// `decode(encode(a))` gives `a` back.
    public static func encode(_ a: AgentEconomy) -> JSONValue {
        func trajectories(_ names: [String], _ t: [[Rational]], budgets amounts: [Rational] = []) -> JSONValue {
            .object(names.indices.filter { t[$0].contains { !$0.isZero } }.map { (names[$0], .exact(t[$0])) }
                + amounts.indices.filter { !amounts[$0].isZero }.map { (a.budgets[$0], .exact(amounts[$0])) })
        }
        let paths = a.paths() ?? []
        let basis: JSONValue = switch a.basis {
        case .piecewiseConstant(let bins): .object([("kind", .string("piecewise-constant")), ("bins", .number(String(bins)))])
        case .monomial(let count): .object([("kind", .string("monomial")), ("count", .number(String(count)))])
        }
        return .object([
            ("format", .string(tag)),
            ("name", .string(a.name)),
            ("horizon", .exact(a.horizon)),
            ("basis", basis),
            ("metrics", .array(a.metrics.map { .string($0) })),
            ("resources", .array(a.resources.map { .string($0) })),
        ] + (a.budgets.isEmpty ? [] : [("budgets", .array(a.budgets.map { .string($0) }))]) + [
            ("task", trajectories(a.metrics, a.task)),
            ("agents", .array(a.agents.map { agent in
                var m: [(key: String, value: JSONValue)] = [("name", .string(agent.name))]
                if !agent.upstream.isEmpty { m.append(("upstream", .array(agent.upstream.map { .string(a.agents[$0].name) }))) }
                if let c = agent.capacity { m.append(("capacity", .exact(c))) }
                if agent.discrete { m.append(("discrete", .bool(true))) }
                if let s = agent.smooth {
                    m.append(("smooth", .object([("cost", trajectories(a.resources, s.cost, budgets: s.budgetCost)), ("scale", trajectories(a.metrics, s.scale)),
                                                 ("capacity", trajectories(a.metrics, s.capacity))])))
                    return .object(m)
                }
                m.append(("modes", .array(agent.modes.map { mode in
                    var mm: [(key: String, value: JSONValue)] = [("name", .string(mode.name)),
                                                                 ("output", trajectories(a.metrics, mode.output))]
                    if mode.uses.contains(where: { $0.contains { !$0.isZero } }) { mm.append(("uses", trajectories(a.resources, mode.uses))) }
                    if !mode.inputs.isEmpty {
                        let from = Array(Set(mode.inputs.map(\.agent))).sorted()
                        mm.append(("inputs", .object(from.map { b in
                            (a.agents[b].name, .object(mode.inputs.filter { $0.agent == b }.map { (a.metrics[$0.metric], .exact($0.trajectory)) }))
                        })))
                    }
                    return .object(mm)
                })))
                return .object(m)
            })),
            ("orchestrators", .array(a.orchestrators.map { o in
                let key = o.welfare.kind == "leontief" ? "coefficients" : "exponents"
                return .object([
                    ("name", .string(o.name)),
                    ("endowment", trajectories(a.resources, o.endowment, budgets: o.budget)),
                    ("welfare", .object([("kind", .string(o.welfare.kind)),
                                         (key, .object(paths.indices.filter { !o.welfare.weights[$0].isZero }.map {
                                             (a.pathName(paths[$0]), .exact(o.welfare.weights[$0]))
                                         }))])),
                    ("shares", .object(a.agents.indices.filter { !o.shares[$0].isZero }.map { (a.agents[$0].name, .exact(o.shares[$0])) })),
                ])
            })),
        ])
    }
}
