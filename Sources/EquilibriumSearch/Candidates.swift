public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
import LPCertificates
import LPSolver

/// A price with the actual demands and profit-maximising supplies at it,
/// and the exact size of the excess demand they leave.
///
/// Anyone can recompute `maxExcess` from `prices`, `allocation` and
/// `production`: `z = Σ allocation − Σ endowments − Σ production`.
public struct ApproximateEquilibrium: Sendable, Hashable {
    public let prices: Vector
    /// One optimal bundle per consumer.
    public let allocation: [Vector]
    /// One profit-maximising production per firm.
    public let production: [Vector]
    /// Activity levels (or the chosen mode) per firm.
    public let levels: [[Rational]]
    public let excessDemand: Vector
    /// `max_i |z_i|`, exactly.
    public let maxExcess: Rational
    /// The largest violation of the equilibrium conditions with free
    /// disposal, `z ≤ 0` and `p_i z_i = 0`: `max(max_i z_i⁺, max_i p_i z_i⁻)`,
    /// exactly. Unlike `maxExcess` it goes to 0 when some goods are free
    /// and in surplus at the equilibrium.
    public let equilibriumError: Rational

    public init(prices: Vector, allocation: [Vector], production: [Vector], levels: [[Rational]], excessDemand z: Vector) {
        self.prices = prices
        self.allocation = allocation
        self.production = production
        self.levels = levels
        excessDemand = z
        maxExcess = z.maxNorm
        equilibriumError = equilibriumViolation(prices, z)
    }
}

/// `max(max_i z_i⁺, max_i p_i z_i⁻)`: 0 exactly at an equilibrium with free disposal.
public func equilibriumViolation(_ p: Vector, _ z: Vector) -> Rational {
    var worst = Rational.zero
    for i in z.indices {
        let v = z[i].signum() >= 0 ? z[i] : -(p[i] * z[i])
        if v > worst { worst = v }
    }
    return worst
}

extension Economy {
    /// The optimal selections at `p` that make the equilibrium error least.
    ///
    /// Single-valued demand and supply leave no choice. Where they are sets
    /// (linear or capped-linear utility, tied activities, a constant-returns
    /// firm at zero profit), a convex combination of the listed optimal
    /// selections is still optimal (these sets are convex), and the best
    /// one is found by an exact LP whose certificate is checked. Discrete
    /// modes are not convex: firms whose optimal modes tie are grouped by
    /// their tied options, and since firms with the same options matter only
    /// through how many run each one, every count of each group is tried,
    /// never a mixture. Seven identical firms that tie between a mode and
    /// inaction are 8 combinations, not 2⁷. Beyond `maximumCombinations` the
    /// enumeration is not attempted and the result says so
    /// (`isExhaustive == false`): a caller that needs "no selection clears"
    /// must then decline. Nil where `z(p)` is undefined.
    public func bestSelection(at p: Vector, maximumCombinations: Int = 4096) -> ApproximateEquilibrium? {
        bestSelectionSearch(at: p, maximumCombinations: maximumCombinations)?.best
    }

    /// `bestSelection`, and whether every combination of discrete choices was tried.
    public func bestSelectionSearch(at p: Vector, maximumCombinations: Int = 4096)
        -> (best: ApproximateEquilibrium, isExhaustive: Bool)?
    {
        guard case .defined(let state) = market(at: p) else { return nil }
        let tied = firms.indices.filter { !firms[$0].technology.isConvex && state.supplies[$0].selections.count > 1 }
        var groups: [(options: [Vector], firms: [Int])] = []
        for f in tied {
            let options = state.supplies[f].selections
            if let g = groups.firstIndex(where: { $0.options == options }) { groups[g].firms.append(f) } else {
                groups.append((options, [f]))
            }
        }
        let total = groups.reduce(1) { t, g in
            t > maximumCombinations ? t : t * DiscreteChoices.count(of: g.firms.count, into: g.options.count, atMost: maximumCombinations + 1)
        }
        var best: ApproximateEquilibrium? = nil
        if total <= maximumCombinations {
            let counts = groups.map { DiscreteChoices.compositions(of: $0.firms.count, into: $0.options.count) }
            for combination in DiscreteChoices.product(counts) {
                // Group g's firms take its options in order: the first c_0 the first option, …
                var fixed: [Int: Int] = [:]
                for (g, group) in groups.enumerated() {
                    var next = 0
                    for (option, count) in combination[g].enumerated() {
                        for f in group.firms[next..<(next + count)] { fixed[f] = option }
                        next += count
                    }
                }
                let candidate = selectionLP(state, fixedModes: fixed)
                if best == nil || candidate.equilibriumError < best!.equilibriumError { best = candidate }
                if best!.equilibriumError.isZero { break }
            }
            return (best!, true)
        }
        // Too many to try: the canonical choice only, and say so.
        let fixed = Dictionary(uniqueKeysWithValues: tied.map { ($0, 0) })
        return (selectionLP(state, fixedModes: fixed), false)
    }

    private func selectionLP(_ state: MarketState, fixedModes: [Int: Int]) -> ApproximateEquilibrium {
        let n = commodityCount
        let p = state.prices
        // Columns: consumer selection weights, firm selection weights, cone levels of
        // zero-profit constant-returns activities, then t.
        var columns: [(kind: Int, agent: Int, index: Int, vector: Vector)] = []
        for (h, d) in state.demands.enumerated() {
            for (s, x) in d.selections.enumerated() { columns.append((0, h, s, x)) }
        }
        var coneActivities: [(firm: Int, activity: Int)] = []
        for (f, s) in state.supplies.enumerated() {
            if let m = fixedModes[f] {
                columns.append((1, f, m, -s.selections[m]))
                continue
            }
            for (k, y) in s.selections.enumerated() { columns.append((1, f, k, -y)) }
            if case .activities(let acts, nil) = firms[f].technology {
                for (k, a) in acts.enumerated() where p.dot(a).isZero && !a.isZero {
                    coneActivities.append((f, k))
                    columns.append((2, f, k, -a))
                }
            }
        }
        let isChoice = state.demands.contains { $0.selections.count > 1 }
            || state.supplies.enumerated().contains { fixedModes[$0.offset] == nil && $0.element.selections.count > 1 }
            || !coneActivities.isEmpty
        let omega = totalEndowment
        var weights = [Rational](repeating: .zero, count: columns.count)
        if isChoice {
            let t = columns.count
            var constraints: [LinearConstraint] = []
            // z_i ≤ t and −p_i z_i ≤ t: the equilibrium error is at most t.
            for i in 0..<n {
                var row = columns.map { $0.vector[i] } + [-1]
                constraints.append(LinearConstraint(row, .lessOrEqual, omega[i]))
                row = columns.map { -p[i] * $0.vector[i] } + [-1]
                constraints.append(LinearConstraint(row, .lessOrEqual, -p[i] * omega[i]))
            }
            for h in consumers.indices {
                constraints.append(LinearConstraint(columns.map { $0.kind == 0 && $0.agent == h ? 1 : 0 } + [0], .equal, 1))
            }
            for f in firms.indices {
                constraints.append(LinearConstraint(columns.map { $0.kind == 1 && $0.agent == f ? 1 : 0 } + [0], .equal, 1))
            }
            var objective = [Rational](repeating: .zero, count: t + 1)
            objective[t] = -1
            let lp = LinearProgram(maximize: objective, subjectTo: constraints)
            if case .checked(let certificate) = SimplexSolver().solveAndCheck(lp), let x = certificate.optimalSolution {
                weights = Array(x[0..<t])
            }
        }
        if !isChoice || weights.allSatisfy(\.isZero) {
            // Canonical selections: the first of each, or the fixed mode.
            for (c, col) in columns.enumerated() where col.kind != 2 {
                if col.kind == 1, let m = fixedModes[col.agent] { weights[c] = col.index == m ? 1 : 0; continue }
                weights[c] = col.index == 0 ? 1 : 0
            }
        }
        var allocation = [Vector](repeating: .zero(n), count: consumers.count)
        var production = [Vector](repeating: .zero(n), count: firms.count)
        var levels: [[Rational]] = state.supplies.map { s in
            [Rational](repeating: .zero, count: s.levels.first?.count ?? 0)
        }
        for (c, col) in columns.enumerated() where !weights[c].isZero {
            switch col.kind {
            case 0:
                allocation[col.agent] = allocation[col.agent] + weights[c] * col.vector
            case 1:
                production[col.agent] = production[col.agent] - weights[c] * col.vector
                let l = state.supplies[col.agent].levels
                if col.index < l.count {
                    for i in l[col.index].indices { levels[col.agent][i] += weights[c] * l[col.index][i] }
                }
            default:
                production[col.agent] = production[col.agent] - weights[c] * col.vector
                levels[col.agent][col.index] += weights[c]
            }
        }
        var z = -omega
        for x in allocation { z = z + x }
        for y in production { z = z - y }
        return ApproximateEquilibrium(prices: p, allocation: allocation, production: production, levels: levels,
                                      excessDemand: z)
    }

    /// A price near `simplex` where the options that are (nearly) best
    /// somewhere on it tie exactly: activities and inaction of polyhedral
    /// firms, modes of discrete firms, goods of linear consumers.
    ///
    /// Near an equilibrium where a constant-returns activity runs at zero
    /// profit, or a linear consumer is indifferent, that is where the
    /// excess-demand set comes close to 0; a grid vertex, where supply is 0
    /// or unbounded, never does. An option is "nearly best" at a vertex when
    /// its value is within `tolerance` of the best (the search's ramp width).
    /// The price is found by an exact LP: least `max_i |p_i − c_i|` from the
    /// simplex's barycentre `c`, subject to the ties, the other options
    /// staying below, and `p` in the price simplex. Nil when nothing
    /// switches or the ties are infeasible.
    public func switchPoint(of simplex: [Vector], tolerance: Rational) -> Vector? {
        let n = commodityCount
        var equalities: [Vector] = []   // g · p = 0
        var inequalities: [Vector] = []  // g · p ≤ 0
        for f in firms {
            let options: [Vector]
            switch f.technology {
            case .activities(let acts, _): options = [Vector.zero(n)] + acts
            case .discreteModes(let modes): options = [Vector.zero(n)] + modes
            case .quadraticCost: continue
            }
            var bestSet: [Int] = []
            for v in simplex {
                let values = options.map { v.dot($0) }
                let top = values.max()!
                for k in options.indices where values[k] >= top - tolerance && !bestSet.contains(k) { bestSet.append(k) }
            }
            guard bestSet.count > 1 else { continue }
            bestSet.sort()
            let anchor = options[bestSet[0]]
            for k in bestSet.dropFirst() { equalities.append(options[k] - anchor) }
            for k in options.indices where !bestSet.contains(k) { inequalities.append(options[k] - anchor) }
        }
        for c in consumers {
            guard case .linear(let w) = c.utility else { continue }
            var bestSet: [Int] = []
            for v in simplex {
                let priced = v.indices.filter { v[$0].signum() > 0 }
                guard let top = priced.map({ w[$0] / v[$0] }).max() else { continue }
                for i in priced where w[i] / v[i] >= top - tolerance * top && !bestSet.contains(i) { bestSet.append(i) }
            }
            guard bestSet.count > 1 else { continue }
            bestSet.sort()
            let a = bestSet[0]
            for i in bestSet.dropFirst() {
                // w_a p_i − w_i p_a = 0: goods a and i give the same utility per unit of money.
                var g = Vector.zero(n)
                g[i] = w[a]
                g[a] = -w[i]
                equalities.append(g)
            }
        }
        guard !equalities.isEmpty else { return nil }
        // Variables: p (n entries), t. Minimise t = max |p_i − c_i|.
        let centre = simplex.dropFirst().reduce(simplex[0], +).entries.map { $0 / Rational(simplex.count) }
        func row(_ g: Vector, _ tCoefficient: Rational = 0) -> [Rational] { g.entries + [tCoefficient] }
        var constraints = [LinearConstraint([Rational](repeating: 1, count: n) + [0], .equal, 1)]
        constraints += equalities.map { LinearConstraint(row($0), .equal, 0) }
        constraints += inequalities.map { LinearConstraint(row($0), .lessOrEqual, 0) }
        for i in 0..<n {
            constraints.append(LinearConstraint(row(.unit(i, count: n), -1), .lessOrEqual, centre[i]))
            constraints.append(LinearConstraint(row(-Vector.unit(i, count: n), -1), .lessOrEqual, -centre[i]))
        }
        var objective = [Rational](repeating: .zero, count: n + 1)
        objective[n] = -1
        let lp = LinearProgram(maximize: objective, subjectTo: constraints)
        guard case .checked(let c) = SimplexSolver().solveAndCheck(lp), let x = c.optimalSolution else { return nil }
        return Vector(Array(x[0..<n]))
    }
}

