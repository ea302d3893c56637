import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import AgentEconomy
public import EconomyModel

/// The `walras-agent-economy/1` file format. See docs/agent-economy-format.md.
public enum AgentEconomyFormat {
    public static let tag = "walras-agent-economy/1"

    public static func load(path: String) throws(InputError) -> AgentEconomy {
        let bytes = try InputFile.read(path)
        return try decode(InputFile.parseJSON(bytes, file: path), file: path)
    }

    public static func decode(_ json: JSONValue, file: String) throws(InputError) -> AgentEconomy {
        let root = Field(json, file: file)
        _ = try root.object(allowing: ["format", "name", "description", "horizon", "basis", "metrics", "resources", "budgets",
                                       "task", "agents", "orchestrators"])
        let format = try root.member("format")
        guard case .string(tag) = format.value else { throw format.fail(expected: "\"\(tag)\"") }
        let name = try root.optionalMember("name")?.name() ?? file
        if let d = root.optionalMember("description") { _ = try d.string() }
        let horizon = try root.member("horizon").number(where: { $0.signum() > 0 }, "a positive horizon T")
        let basis = try decodeBasis(root.member("basis"))
        let k = basis.count

        let metricsField = try root.member("metrics")
        let metrics = try EconomyFormat.uniqueNames(metricsField.array(), what: "metric")
        guard !metrics.isEmpty else { throw metricsField.fail(expected: "at least one metric", found: "an empty array") }
        let resources = try EconomyFormat.uniqueNames(root.optionalMember("resources")?.array() ?? [], what: "resource")
        let budgetsField = root.optionalMember("budgets")
        let budgets = try EconomyFormat.uniqueNames(budgetsField?.array() ?? [], what: "budget")
        if let b = budgets.firstIndex(where: { resources.contains($0) || metrics.contains($0) }) {
            throw InputError(file: file, path: budgetsField!.path.index(b).description,
                             expected: "a budget name distinct from every resource and metric name",
                             found: "\"\(budgets[b])\", also a \(resources.contains(budgets[b]) ? "resource" : "metric")")
        }

        // Agents: names first, so that "upstream" may refer forwards.
        let agentsField = try root.member("agents")
        let agentFields = try agentsField.array()
        guard !agentFields.isEmpty else { throw agentsField.fail(expected: "at least one agent", found: "an empty array") }
        var agentNames: [String] = []
        for a in agentFields {
            _ = try a.object(allowing: ["name", "upstream", "capacity", "discrete", "modes", "smooth"])
            let nameField = try a.member("name")
            let agentName = try nameField.name()
            if agentNames.contains(agentName) { throw nameField.fail(expected: "an agent name not used before") }
            agentNames.append(agentName)
        }
        var agents: [Agent] = []
        for (index, a) in agentFields.enumerated() {
            var upstream: [Int] = []
            for u in try a.optionalMember("upstream")?.array() ?? [] {
                let un = try u.string()
                guard let ui = agentNames.firstIndex(of: un) else { throw u.fail(expected: "the name of an agent") }
                guard ui != index else { throw u.fail(expected: "another agent (an agent cannot feed itself)") }
                if upstream.contains(ui) { throw u.fail(expected: "each upstream agent once") }
                upstream.append(ui)
            }
            if let smoothField = a.optionalMember("smooth") {
                for key in ["modes", "capacity", "discrete"] where a.optionalMember(key) != nil {
                    throw a.optionalMember(key)!.fail(expected: "no \"\(key)\" in a smooth agent (its technology is \"smooth\")",
                                                      found: "\"\(key)\"")
                }
                guard case .piecewiseConstant = basis else {
                    throw smoothField.fail(expected: "a smooth agent on a piecewise-constant basis (its cost is separable by bin)",
                                           found: "a \(basis.kind) basis")
                }
                let smooth = try decodeSmooth(smoothField, metrics: metrics, resources: resources, budgets: budgets, k: k)
                agents.append(Agent(name: agentNames[index], upstream: upstream, capacity: nil, discrete: false, modes: [],
                                    smooth: smooth))
                continue
            }
            let capacity = try a.optionalMember("capacity")?.number(where: { $0.signum() > 0 }, "a positive capacity")
            let discrete = try a.optionalMember("discrete")?.bool() ?? false
            let modesField = try a.member("modes")
            let modeFields = try modesField.array()
            guard !modeFields.isEmpty else { throw modesField.fail(expected: "at least one mode", found: "an empty array") }
            var modes: [Mode] = []
            for mf in modeFields {
                _ = try mf.object(allowing: ["name", "output", "uses", "inputs"])
                let modeName = try mf.member("name").name()
                let output = try trajectories(mf.member("output"), names: metrics, what: "metric", k: k, nonNegative: false)
                let uses = try mf.optionalMember("uses").map { f throws(InputError) in
                    try trajectories(f, names: resources, what: "resource", k: k, nonNegative: true)
                } ?? Array(repeating: Array(repeating: Rational.zero, count: k), count: resources.count)
                var inputs: [UpstreamInput] = []
                if let inputsField = mf.optionalMember("inputs") {
                    guard case .object(let members) = inputsField.value else {
                        throw inputsField.fail(expected: "an object from upstream agent names to metric trajectories")
                    }
                    for member in members {
                        let f = Field(member.value, path: inputsField.path.key(member.key), file: file)
                        guard let from = agentNames.firstIndex(of: member.key), upstream.contains(from) else {
                            throw f.fail(expected: "an upstream agent of \"\(agentNames[index])\"",
                                         found: "\"\(member.key)\"")
                        }
                        let t = try trajectories(f, names: metrics, what: "metric", k: k, nonNegative: true)
                        for (r, trajectory) in t.enumerated() where trajectory.contains(where: { !$0.isZero }) {
                            inputs.append(UpstreamInput(agent: from, metric: r, trajectory: trajectory))
                        }
                    }
                }
                modes.append(Mode(name: modeName, output: output, uses: uses, inputs: inputs))
            }
            agents.append(Agent(name: agentNames[index], upstream: upstream, capacity: capacity, discrete: discrete,
                                modes: modes))
        }

        var economy = AgentEconomy(name: name, horizon: horizon, basis: basis, metrics: metrics, resources: resources,
                                   agents: agents, task: [], orchestrators: [])
        economy.budgets = budgets
        if let cycle = economy.cycle() {
            throw agentsField.fail(expected: "a directed acyclic graph of agents", found: "the cycle \(cycle)")
        }
        guard let paths = economy.paths() else {
            throw agentsField.fail(expected: "at most 10000 source-to-sink paths", found: "more")
        }
        let pathNames = paths.map { economy.pathName($0) }

        let taskField = try root.member("task")
        economy.task = try trajectories(taskField, names: metrics, what: "metric", k: k, nonNegative: true)
        guard economy.task.contains(where: { $0.contains { !$0.isZero } }) else {
            throw taskField.fail(expected: "a task that needs some metric", found: "all zeros")
        }

        let orchestratorsField = try root.member("orchestrators")
        let orchestratorFields = try orchestratorsField.array()
        guard !orchestratorFields.isEmpty else {
            throw orchestratorsField.fail(expected: "at least one orchestrator", found: "an empty array")
        }
        var orchestrators: [Orchestrator] = []
        for o in orchestratorFields {
            _ = try o.object(allowing: ["name", "endowment", "welfare", "shares"])
            let nameField = try o.member("name")
            let oName = try nameField.name()
            if orchestrators.contains(where: { $0.name == oName }) {
                throw nameField.fail(expected: "an orchestrator name not used before")
            }
            let (endowment, budget) = try o.optionalMember("endowment").map { f throws(InputError) in
                try resourceAmounts(f, resources: resources, budgets: budgets, k: k)
            } ?? (Array(repeating: Array(repeating: Rational.zero, count: k), count: resources.count),
                  Array(repeating: Rational.zero, count: budgets.count))
            let welfare = try decodeWelfare(o.member("welfare"), pathNames: pathNames)
            var shares = [Rational](repeating: .zero, count: agents.count)
            if let s = o.optionalMember("shares") {
                guard case .object(let members) = s.value else { throw s.fail(expected: "an object from agent names to shares") }
                for m in members {
                    let f = Field(m.value, path: s.path.key(m.key), file: file)
                    guard let a = agentNames.firstIndex(of: m.key) else {
                        throw f.fail(expected: "a share in an agent named in \"agents\"", found: "an unknown agent \"\(m.key)\"")
                    }
                    shares[a] = try f.number(where: { $0.signum() >= 0 && $0 <= 1 }, "a share between 0 and 1")
                }
            }
            orchestrators.append(Orchestrator(name: oName, endowment: endowment, budget: budget, welfare: welfare, shares: shares))
        }
        for a in agents.indices {
            let total = orchestrators.reduce(Rational.zero) { $0 + $1.shares[a] }
            guard total == .one else {
                throw InputError(file: file, path: "agents[\(a)]",
                                 expected: "shares of agent \"\(agentNames[a])\" summing to 1 over orchestrators",
                                 found: "shares summing to \(total)")
            }
        }
        economy.orchestrators = orchestrators
        return economy
    }

    static func decodeBasis(_ field: Field) throws(InputError) -> FunctionBasis {
        let kindField = try field.member("kind")
        switch try kindField.string() {
        case "piecewise-constant":
            _ = try field.object(allowing: ["kind", "bins"])
            return .piecewiseConstant(bins: try count(field.member("bins")))
        case "monomial":
            _ = try field.object(allowing: ["kind", "count"])
            return .monomial(count: try count(field.member("count")))
        default:
            throw kindField.fail(expected: "a basis kind: \"piecewise-constant\" or \"monomial\"")
        }
    }

    /// `{"cost": {resource: trajectory, budget: amount}, "scale": {metric: trajectory}, "capacity": {metric: trajectory}}`.
    static func decodeSmooth(_ field: Field, metrics: [String], resources: [String], budgets: [String], k: Int)
        throws(InputError) -> SmoothTechnology
    {
        _ = try field.object(allowing: ["cost", "scale", "capacity"])
        let costField = try field.member("cost")
        let (cost, budgetCost) = try resourceAmounts(costField, resources: resources, budgets: budgets, k: k)
        guard cost.contains(where: { $0.contains { !$0.isZero } }) || budgetCost.contains(where: { !$0.isZero }) else {
            throw costField.fail(expected: "a resource profile that uses some resource or budget", found: "all zeros")
        }
        let scaleField = try field.member("scale")
        let scale = try trajectories(scaleField, names: metrics, what: "metric", k: k, nonNegative: true)
        guard scale.contains(where: { $0.contains { !$0.isZero } }) else {
            throw scaleField.fail(expected: "a positive scale for some metric (what the agent produces)", found: "all zeros")
        }
        let capacityField = try field.member("capacity")
        let capacity = try trajectories(capacityField, names: metrics, what: "metric", k: k, nonNegative: true)
        for r in metrics.indices {
            for c in 0..<k where scale[r][c].signum() > 0 && capacity[r][c].isZero {
                throw InputError(file: field.file, path: capacityField.path.key(metrics[r]).index(c).description,
                                 expected: "a positive capacity where the scale is positive", found: "0")
            }
        }
        return SmoothTechnology(cost: cost, budgetCost: budgetCost, scale: scale, capacity: capacity)
    }

    /// An object from resource names to trajectories of `k` coefficients and
    /// from budget names to one number each; absent names are zero.
    static func resourceAmounts(_ field: Field, resources: [String], budgets: [String], k: Int)
        throws(InputError) -> ([[Rational]], [Rational])
    {
        guard case .object(let members) = field.value else {
            throw field.fail(expected: "an object from resource names to trajectories of \(k) coefficients"
                             + (budgets.isEmpty ? "" : " and budget names to numbers"))
        }
        var amounts = [Rational](repeating: .zero, count: budgets.count)
        var trajectoryMembers: [(key: String, value: JSONValue)] = []
        for m in members {
            if let b = budgets.firstIndex(of: m.key) {
                amounts[b] = try Field(m.value, path: field.path.key(m.key), file: field.file)
                    .number(where: { $0.signum() >= 0 }, "a non-negative amount of the budget \(m.key)")
            } else {
                trajectoryMembers.append(m)
            }
        }
        let t = try trajectories(Field(.object(trajectoryMembers), path: field.path, file: field.file), names: resources,
                                 what: "resource", k: k, nonNegative: true)
        return (t, amounts)
    }

    /// A basis size: a whole number from 1 to 64 (bounds the compiled size).
    static func count(_ field: Field) throws(InputError) -> Int {
        let x = try field.number(where: { $0.isInteger && $0 >= 1 && $0 <= 64 }, "a whole number from 1 to 64")
        return x.numerator.asInt!
    }

    /// An object from names to trajectories of `k` coefficients; absent names are zero.
    static func trajectories(_ field: Field, names: [String], what: String, k: Int, nonNegative: Bool)
        throws(InputError) -> [[Rational]]
    {
        guard case .object(let members) = field.value else {
            throw field.fail(expected: "an object from \(what) names to trajectories of \(k) coefficients")
        }
        var result = Array(repeating: Array(repeating: Rational.zero, count: k), count: names.count)
        for m in members {
            let f = Field(m.value, path: field.path.key(m.key), file: field.file)
            guard let i = names.firstIndex(of: m.key) else {
                throw f.fail(expected: "a \(what) named in \"\(what == "metric" ? "metrics" : "resources")\"",
                             found: "an unknown \(what) \"\(m.key)\"")
            }
            let items = try f.array()
            guard items.count == k else {
                throw f.fail(expected: "a trajectory of \(k) coefficients (one per basis function)",
                             found: "an array of \(items.count)")
            }
            for (c, item) in items.enumerated() {
                result[i][c] = nonNegative
                    ? try item.number(where: { $0.signum() >= 0 }, "a non-negative number")
                    : try item.number()
            }
        }
        return result
    }

    static func decodeWelfare(_ field: Field, pathNames: [String]) throws(InputError) -> Welfare {
        let kindField = try field.member("kind")
        let kind = try kindField.string()
        let key: String
        switch kind {
        case "cobb-douglas": key = "exponents"
        case "leontief": key = "coefficients"
        default: throw kindField.fail(expected: "a welfare kind: \"cobb-douglas\" or \"leontief\"")
        }
        _ = try field.object(allowing: ["kind", key])
        var weights = [Rational](repeating: .one, count: pathNames.count)
        if let w = field.optionalMember(key) {
            guard case .object(let members) = w.value else {
                throw w.fail(expected: "an object from path names (such as \"\(pathNames[0])\") to weights")
            }
            weights = [Rational](repeating: .zero, count: pathNames.count)
            for m in members {
                let f = Field(m.value, path: w.path.key(m.key), file: field.file)
                guard let j = pathNames.firstIndex(of: m.key) else {
                    throw f.fail(expected: "a source-to-sink path: " + pathNames.map { "\"\($0)\"" }.joined(separator: ", "),
                                 found: "\"\(m.key)\"")
                }
                weights[j] = try f.number(where: { $0.signum() >= 0 }, "a non-negative weight")
            }
            guard weights.contains(where: { $0.signum() > 0 }) else {
                throw w.fail(expected: "at least one positive weight", found: "all zeros")
            }
        }
        return kind == "cobb-douglas" ? .cobbDouglas(exponents: weights) : .leontief(coefficients: weights)
    }
}

/// An economy file of either format, told apart by its `format` tag.
public enum EconomyDocument: Sendable {
    case economy(Economy)
    case agents(AgentEconomy)

    public static func load(path: String) throws(InputError) -> EconomyDocument {
        try decode(InputFile.parseJSON(InputFile.read(path), file: path), file: path)
    }

    public static func decode(_ json: JSONValue, file: String) throws(InputError) -> EconomyDocument {
        if case .string(AgentEconomyFormat.tag)? = json["format"] {
            return .agents(try AgentEconomyFormat.decode(json, file: file))
        }
        if case .string(let tag)? = json["format"], tag != EconomyFormat.tag {
            throw InputError(file: file, path: "format",
                             expected: "\"\(EconomyFormat.tag)\" or \"\(AgentEconomyFormat.tag)\"", found: "\"\(tag)\"")
        }
        return .economy(try EconomyFormat.decode(json, file: file))
    }
}
