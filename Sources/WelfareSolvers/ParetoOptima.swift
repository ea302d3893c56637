public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
public import LPCertificates
import LPSolver

/// A Pareto-optimal allocation and how it was obtained.
public struct ParetoOptimum: Sendable, Hashable {
    public let allocation: [Vector]
    public let production: [Vector]
    public let levels: [[Rational]]
    public let construction: String
}

package func paretoOptima(_ e: Economy, equilibrium: CheckedEquilibrium?) -> [ParetoOptimum] {
    var out: [ParetoOptimum] = []
    let n = e.commodityCount, omega = e.totalEndowment
    if let c = equilibrium?.certificate {
        out.append(ParetoOptimum(allocation: c.allocation, production: c.production, levels: c.levels,
                                 construction: "the equilibrium allocation, Pareto optimal by first_welfare"))
    }
    let weightSets: [[Rational]] = [
        e.consumers.map { _ in Rational.one },
        e.consumers.indices.map { Rational($0 + 1) },
        e.consumers.indices.map { Rational(e.consumers.count - $0) * 2 },
    ]
    if e.firms.isEmpty, e.consumers.allSatisfy({ if case .cobbDouglas = $0.utility { true } else { false } }) {
        let alphas = e.consumers.map { c -> Vector in
            guard case .cobbDouglas(let a) = c.utility else { preconditionFailure() }
            let t = a.entries.reduce(Rational.zero, +)
            return Vector(a.entries.map { $0 / t })
        }
        for lambda in weightSets {
            let allocation = e.consumers.indices.map { h in
                Vector((0..<n).map { i -> Rational in
                    let total = e.consumers.indices.reduce(Rational.zero) { $0 + lambda[$1] * alphas[$1][i] }
                    return total.isZero ? .zero : lambda[h] * alphas[h][i] * omega[i] / total
                })
            }
            out.append(ParetoOptimum(allocation: allocation, production: [], levels: [],
                                     construction: "max Σ λ_h log u_h with λ = (\(lambda.map(\.description).joined(separator: ", ")))"))
        }
    }
    let polyhedral = e.firms.allSatisfy { if case .activities = $0.technology { true } else { false } }
    let linearOrLeontief = e.consumers.allSatisfy {
        switch $0.utility { case .leontief, .linear: true; default: false }
    }
    if !e.firms.isEmpty, polyhedral, linearOrLeontief {
        for lambda in weightSets {
            if let o = weightedProductionOptimum(e, weights: lambda) { out.append(o) }
        }
    }
    // Two consumers, one Leontief (the other not covered by an LP above): points of the
    // Pareto frontier at a quarter, half and three quarters of the Leontief level.
    if e.consumers.count == 2, !(polyhedral && linearOrLeontief),
       let r = e.consumers.indices.last(where: { if case .leontief = e.consumers[$0].utility { true } else { false } }),
       let frontier = LeontiefFrontier(e, leontief: r) {
        for k in 1...3 {
            // A frontier point is only weakly optimal in general (the Leontief consumer might gain from
            // goods nobody values at the margin): keep it only when route (b) proves it Pareto optimal.
            guard let o = frontier.point(frontier.highest * Rational(k, 4)),
                  case .noImprovement = searchParetoImprovement(e, allocation: o.allocation, production: o.production)
            else { continue }
            out.append(o)
        }
    }
    if e.firms.isEmpty, e.consumers.allSatisfy({ if case .leontief = $0.utility { true } else { false } }) {
        for lambda in weightSets {
            // max Σ λ_h t_h subject to Σ_h t_h a_hi ≤ Ω_i.
            let a = e.consumers.map { c -> Vector in
                guard case .leontief(let a) = c.utility else { preconditionFailure() }
                return a
            }
            let lp = LinearProgram(maximize: lambda, subjectTo: (0..<n).map { i in
                LinearConstraint(a.map { $0[i] }, .lessOrEqual, omega[i])
            })
            guard case .checked(let c) = SimplexSolver().solveAndCheck(lp), let t = c.optimalSolution else { continue }
            out.append(ParetoOptimum(allocation: e.consumers.indices.map { t[$0] * a[$0] }, production: [], levels: [],
                                     construction: "max Σ λ_h u_h with λ = (\(lambda.map(\.description).joined(separator: ", ")))"))
        }
    }
    if e.consumers.count == 1, !e.firms.isEmpty, e.firms.allSatisfy({ !$0.technology.isConvex }) {
        // The planner's optimum: every combination of modes (or idleness), feasible, best for the consumer.
        var combos: [[Int]] = [[]]
        for f in e.firms {
            guard case .discreteModes(let modes) = f.technology else { return out }
            combos = combos.flatMap { c in (0...modes.count).map { c + [$0] } }
            if combos.count > 4096 { return out }
        }
        var best: (x: Vector, y: [Vector], levels: [[Rational]])? = nil
        let u = e.consumers[0].utility
        for combo in combos {
            var ys: [Vector] = [], levels: [[Rational]] = []
            for (f, k) in combo.enumerated() {
                guard case .discreteModes(let modes) = e.firms[f].technology else { continue }
                ys.append(k == 0 ? Vector.zero(n) : modes[k - 1])
                var l = [Rational](repeating: .zero, count: modes.count)
                if k > 0 { l[k - 1] = 1 }
                levels.append(l)
            }
            let x = ys.reduce(omega, +)
            guard x.allSatisfy({ $0.signum() >= 0 }) else { continue }
            if best == nil {
                best = (x, ys, levels)
            } else {
                guard let c = u.compareWithinBudget(x, best!.x) else { return out }  // too costly to rank exactly
                if c > 0 { best = (x, ys, levels) }
            }
        }
        if let best {
            out.append(ParetoOptimum(allocation: [best.x], production: best.y, levels: best.levels,
                                     construction: "the planner's optimum over every combination of modes"))
        }
    }
    return out
}

/// Variables `p` (one per good), `ν_h` per linear consumer, then `s`.
///
/// The optimality conditions are equalities and inequalities in `p`; they
/// also admit degenerate prices (a consumer whose goods are all free). So
/// the LP maximises `s` subject to `s ≤ p·x_h` (Cobb–Douglas), `s ≤ p·a_h`
/// (Leontief), `s ≤ ν_h` (linear): a positive optimum is a price every
/// consumer can be held to. Infeasibility does not depend on `s`.
/// Why the supporting-price LP of `e` is too large for the exact dense
/// simplex (up to `n + 1` rows per consumer; refused before any row is
/// built), or nil when it fits.
package func supportingPriceLPRefusal(_ e: Economy) -> String? {
    let n = e.commodityCount
    let rows = 1 + e.consumers.count * (n + 1), variables = n + e.consumers.count + 1
    return SimplexSolver.admits(rows: rows, variables: variables) ? nil : SimplexSolver.refusal(rows: rows, variables: variables)
}

package func supportingPriceLP(_ e: Economy, _ o: ParetoOptimum) -> LinearProgram? {
    let n = e.commodityCount
    let linear = e.consumers.indices.filter { if case .linear = e.consumers[$0].utility { true } else { false } }
    let width = n + linear.count + 1
    guard supportingPriceLPRefusal(e) == nil else { return nil }
    func row(_ p: Vector, nu: (Int, Rational)? = nil, s: Rational = 0) -> [Rational] {
        var r = p.entries + [Rational](repeating: .zero, count: linear.count) + [s]
        if let (h, v) = nu { r[n + linear.firstIndex(of: h)!] = v }
        return r
    }
    var constraints = [LinearConstraint(row(Vector(repeating: 1, count: n)), .equal, 1)]
    for (h, c) in e.consumers.enumerated() {
        let x = o.allocation[h]
        switch c.utility {
        case .cobbDouglas(let a):
            constraints.append(LinearConstraint(row(-x, s: 1), .lessOrEqual, 0))
            let t = a.entries.reduce(Rational.zero, +)
            for i in 0..<n {
                // p_i x_i − α_i Σ_j p_j x_j = 0
                var g = Vector.zero(n)
                for j in 0..<n { g[j] -= a[i] / t * x[j] }
                g[i] += x[i]
                constraints.append(LinearConstraint(row(g), .equal, 0))
            }
        case .leontief(let a):
            constraints.append(LinearConstraint(row(-a, s: 1), .lessOrEqual, 0))
            let level = a.indices.filter { a[$0].signum() > 0 }.map { x[$0] / a[$0] }.min()!
            for i in 0..<n where x[i] > level * a[i] { constraints.append(LinearConstraint(row(.unit(i, count: n)), .equal, 0)) }
        case .linear(let w):
            constraints.append(LinearConstraint(row(.zero(n), nu: (h, -1), s: 1), .lessOrEqual, 0))
            for i in 0..<n {
                // ν_h w_i − p_i ≤ 0, equal where the consumer buys.
                constraints.append(LinearConstraint(row(-Vector.unit(i, count: n), nu: (h, w[i])),
                                                    x[i].signum() > 0 ? .equal : .lessOrEqual, 0))
            }
        case .satiableQuadratic, .cappedLinear:
            return nil
        }
    }
    for (f, firm) in e.firms.enumerated() {
        let y = o.production[f]
        switch firm.technology {
        case .discreteModes(let modes):
            for v in [Vector.zero(n)] + modes { constraints.append(LinearConstraint(row(v - y), .lessOrEqual, 0)) }
        case .activities(let acts, let bound?):
            for v in [Vector.zero(n)] + acts.map({ bound * $0 }) { constraints.append(LinearConstraint(row(v - y), .lessOrEqual, 0)) }
        case .activities(let acts, nil):
            for a in acts { constraints.append(LinearConstraint(row(a), .lessOrEqual, 0)) }
            constraints.append(LinearConstraint(row(y), .equal, 0))
        case .quadraticCost(let b, let scale, let capacity):
            // Strictly concave profit: y maximises it exactly when each output meets its first-order
            // condition, linear in p: y_i = s_i p_i / p·b inside (0, cap_i), p_i ≥ cap_i p·b / s_i at the
            // cap, p_i = 0 at zero output; and p·b > 0 (held above s).
            constraints.append(LinearConstraint(row(-b, s: 1), .lessOrEqual, 0))
            for i in 0..<n where scale[i].signum() > 0 {
                if y[i].isZero {
                    constraints.append(LinearConstraint(row(.unit(i, count: n)), .equal, 0))
                } else if y[i] == capacity[i] {
                    var g = capacity[i] * b
                    g[i] = -scale[i]
                    constraints.append(LinearConstraint(row(g), .lessOrEqual, 0))
                } else {
                    var g = -y[i] * b
                    g[i] = scale[i]
                    constraints.append(LinearConstraint(row(g), .equal, 0))
                }
            }
        }
    }
    // Goods left over are free (complementarity).
    var z = -e.totalEndowment
    for x in o.allocation { z = z + x }
    for y in o.production { z = z - y }
    for i in 0..<n where z[i].signum() < 0 { constraints.append(LinearConstraint(row(.unit(i, count: n)), .equal, 0)) }
    var objective = [Rational](repeating: .zero, count: width)
    objective[width - 1] = 1
    return LinearProgram(maximize: objective, subjectTo: constraints)
}

/// The optimum with its supporting price and transfers, if the checker accepts it.
package func supportedEquilibrium(_ e: Economy, _ o: ParetoOptimum, prices p: Vector) -> CheckedEquilibrium? {
    let production = o.production.isEmpty ? e.firms.map { _ in Vector.zero(e.commodityCount) } : o.production
    let levels = o.levels.isEmpty ? e.firms.map { f -> [Rational] in
        if case .activities(let a, _) = f.technology { return [Rational](repeating: .zero, count: a.count) }
        if case .discreteModes(let m) = f.technology { return [Rational](repeating: .zero, count: m.count) }
        return []
    } : o.levels
    let duals = EquilibriumCertificate.profitDuals(e, prices: p)
    let profits = production.map { p.dot($0) }
    let transfers = e.consumers.indices.map { h -> Rational in
        var w = p.dot(e.consumers[h].endowment)
        for f in e.firms.indices { w += e.consumers[h].shares[f] * profits[f] }
        return p.dot(o.allocation[h]) - w
    }
    let certificate = EquilibriumCertificate(prices: p, allocation: o.allocation, production: production, levels: levels,
                                             firmDuals: duals, consumerMultipliers: e.consumers.map { _ in .zero },
                                             transfers: transfers)
    if case .success(let checked) = EquilibriumChecker.check(certificate, for: e) { return checked }
    return nil
}

/// `max Σ_h λ_h u_h` over feasible allocations of an economy with linear or
/// Leontief consumers and activity firms: an LP. Variables: per Leontief
/// consumer its level `t_h` (bundle `t_h a_h`), per linear consumer its
/// bundle, per firm its activity levels. Positive weights make every
/// maximiser Pareto optimal.
func weightedProductionOptimum(_ e: Economy, weights lambda: [Rational]) -> ParetoOptimum? {
    let n = e.commodityCount
    var starts: [Int] = [], width = 0
    for c in e.consumers {
        starts.append(width)
        if case .leontief = c.utility { width += 1 } else { width += n }
    }
    var firmStarts: [Int] = []
    for f in e.firms {
        guard case .activities(let acts, _) = f.technology else { return nil }
        firmStarts.append(width)
        width += acts.count
    }
    var objective = [Rational](repeating: .zero, count: width)
    var rows = [[Rational]](repeating: [Rational](repeating: .zero, count: width), count: n)
    for (h, c) in e.consumers.enumerated() {
        switch c.utility {
        case .leontief(let a):
            objective[starts[h]] = lambda[h]
            for i in 0..<n { rows[i][starts[h]] += a[i] }
        case .linear(let w):
            for i in 0..<n {
                objective[starts[h] + i] = lambda[h] * w[i]
                rows[i][starts[h] + i] += 1
            }
        default: return nil
        }
    }
    var constraints = subtractActivities(e, starts: firmStarts, width: width, from: &rows)
    let omega = e.totalEndowment
    constraints += (0..<n).map { LinearConstraint(rows[$0], .lessOrEqual, omega[$0]) }
    guard case .checked(let c) = SimplexSolver().solveAndCheck(LinearProgram(maximize: objective, subjectTo: constraints)),
          let v = c.optimalSolution else { return nil }
    let allocation = e.consumers.indices.map { h -> Vector in
        if case .leontief(let a) = e.consumers[h].utility { return v[starts[h]] * a }
        return Vector(Array(v[starts[h] ..< starts[h] + n]))
    }
    let (production, levels) = activityProduction(e, starts: firmStarts, v)
    return ParetoOptimum(allocation: allocation, production: production, levels: levels,
                         construction: "max Σ λ_h u_h with λ = (\(lambda.map(\.description).joined(separator: ", "))) over production (LP)")
}
