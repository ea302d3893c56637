import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
import LPCertificates
import LPSolver
import Foundation

/// An exact equilibrium of a one-consumer economy with polyhedral
/// production, found as the planner's optimum (untrusted) and proved by
/// `EquilibriumChecker` (trusted).
///
/// With one consumer who owns every firm, an allocation is an equilibrium
/// exactly when it is the planner's optimum and a price supports it with
/// zero transfer (Second Welfare Theorem, one consumer: the transfer
/// `p·x − p·ω − p·y` is `−p·(surplus) = 0` when surplus goods are free).
/// The optimum: Leontief and linear utility by one LP; Cobb–Douglas with at
/// most two valued goods by walking the upper-right frontier of the
/// attainable polygon of those goods with LPs (each edge `c·x = d` has the
/// Cobb–Douglas optimum `x_j = a_j d / ((a_1 + a_2) c_j)`, rational), and
/// comparing the candidates exactly. Supporting prices come from the
/// second welfare theorem's LP; the result must pass the checker, with a
/// zero transfer, or nothing is returned. At most `maximumPrograms` LPs,
/// each with at most `maximumVariables` variables (goods plus activity levels).
public func plannerEquilibrium(_ e: Economy, maximumPrograms: Int = 64, maximumVariables: Int = 600) -> CheckedEquilibrium? {
    guard e.consumers.count == 1, e.firms.allSatisfy({ if case .activities = $0.technology { true } else { false } }),
          e.firms.indices.allSatisfy({ e.consumers[0].shares[$0] == 1 }),
          let optimum = plannerOptimum(e, maximumPrograms: maximumPrograms, maximumVariables: maximumVariables)
    else { return nil }
    let n = e.commodityCount
    guard let lp = supportingPriceLP(e, optimum), case .checked(let c) = SimplexSolver().solveAndCheck(lp),
          let solution = c.optimalSolution, let value = c.optimalValue, value.signum() > 0,
          let checked = supportedEquilibrium(e, optimum, prices: Vector(Array(solution[0..<n]))),
          checked.certificate.transfers.allSatisfy(\.isZero) else { return nil }
    return checked
}

/// Why the exact planner routes (`plannerEquilibrium`,
/// `twoConsumerEquilibrium`) do not cover `e`, in words for a verdict; nil
/// when they do (they may still fail, within their budgets).
public func plannerRoutesDecline(_ e: Economy, maximumVariables: Int = 600) -> String? {
    if e.consumers.count > 2 || e.consumers.isEmpty {
        return "they need one consumer, or two with one Leontief; this economy has \(e.consumers.count)"
    }
    if let f = e.firms.first(where: { if case .activities = $0.technology { false } else { true } }) {
        return "they need activity (polyhedral) firms; \(f.name) is \(f.technology.kind)"
    }
    if e.consumers.count == 1 {
        switch e.consumers[0].utility {
        case .leontief, .linear: return nil  // any size: `sparsePlannerEquilibrium`, with QSopt_ex
        default: break
        }
    }
    let width = AttainableSet(e).width
    if width > maximumVariables {
        return "the planner's LP would have \(width) variables, above the \(maximumVariables) of the exact dense simplex "
            + "(only Leontief and linear welfare use the sparse exact LP engine)"
    }
    if e.consumers.count == 1, case .cobbDouglas(let a) = e.consumers[0].utility {
        let valued = a.entries.filter { $0.signum() > 0 }.count
        if valued > 2 {
            return "Cobb–Douglas welfare over \(valued) goods: the route covers at most two (beyond, the planner's optimum is "
                + "in general irrational)"
        }
    }
    return nil
}

/// The planner's optimum of a one-consumer economy with activity firms
/// (see `plannerEquilibrium`), or nil when its utility is not covered or a
/// budget runs out.
func plannerOptimum(_ e: Economy, maximumPrograms: Int = 64, maximumVariables: Int = 600) -> ParetoOptimum? {
    let n = e.commodityCount
    let feasible = AttainableSet(e)
    // Exact simplex steps grow with the LP's size; a hostile file must not buy hours with it.
    guard feasible.width <= maximumVariables else { return nil }
    var programs = 0
    func maximise(_ c: [Rational], fixing: [(Int, Rational)] = []) -> [Rational]? {
        programs += 1
        guard programs <= maximumPrograms else { return nil }
        return feasible.maximise(c, fixing: fixing)
    }
    var x: Vector
    switch e.consumers[0].utility {
    case .leontief(let a):
        // max t with x = t·a (as much of every good as the level needs).
        guard let v = feasible.maximiseLevel(a) else { return nil }
        x = v
    case .linear(let w):
        guard let v = maximise(w.entries) else { return nil }
        x = Vector(Array(v[0..<n]))
    case .cobbDouglas(let a):
        let valued = (0..<n).filter { a[$0].signum() > 0 }
        guard (1...2).contains(valued.count) else { return nil }
        if valued.count == 1 {
            var c = [Rational](repeating: .zero, count: n)
            c[valued[0]] = 1
            guard let v = maximise(c) else { return nil }
            x = Vector.zero(n)
            x[valued[0]] = v[valued[0]]
        } else {
            let (g, h) = (valued[0], valued[1])
            func point(_ v: [Rational]) -> (Rational, Rational) { (v[g], v[h]) }
            func direction(_ cg: Rational, _ ch: Rational) -> [Rational] {
                var c = [Rational](repeating: .zero, count: n)
                c[g] = cg
                c[h] = ch
                return c
            }
            // The frontier's ends: most of g (then most of h), most of h (then most of g).
            guard let r = maximise(direction(1, 0)), let right = maximise(direction(0, 1), fixing: [(g, r[g])]),
                  let t = maximise(direction(0, 1)), let top = maximise(direction(1, 0), fixing: [(h, t[h])]) else { return nil }
            var candidates = [point(right), point(top)]
            var pending = [(point(right), point(top))]
            while let (p, q) = pending.popLast() {
                guard p != q else { continue }
                // Outward normal of the chord from p (more g) to q (more h): both components ≥ 0.
                let cg = q.1 - p.1, ch = p.0 - q.0
                guard let v = maximise(direction(cg, ch)) else { return nil }
                let r = point(v)
                if cg * r.0 + ch * r.1 > cg * p.0 + ch * p.1 {
                    candidates.append(r)
                    pending.append((p, r))
                    pending.append((r, q))
                } else if cg.signum() > 0 && ch.signum() > 0 {
                    // An edge: the Cobb–Douglas optimum on its line, if it falls inside.
                    let d = cg * p.0 + ch * p.1, total = a[g] + a[h]
                    let xg = a[g] * d / (total * cg), xh = a[h] * d / (total * ch)
                    if min(p.0, q.0) <= xg && xg <= max(p.0, q.0) { candidates.append((xg, xh)) }
                }
            }
            let u = e.consumers[0].utility
            var best: (Rational, Rational)? = nil
            for c in candidates {
                var y = Vector.zero(n), z = Vector.zero(n)
                y[g] = c.0; y[h] = c.1
                if let b = best { z[g] = b.0; z[h] = b.1 }
                guard best != nil else { best = c; continue }
                guard let cmp = u.compareWithinBudget(y, z) else { return nil }
                if cmp > 0 { best = c }
            }
            guard let best else { return nil }
            x = Vector.zero(n)
            x[g] = best.0
            x[h] = best.1
        }
    default:
        return nil
    }
    // A production plan that makes x feasible.
    let fixing = (0..<n).filter { !x[$0].isZero }.map { ($0, x[$0]) }
    guard let plan = feasible.maximise([Rational](repeating: .zero, count: n), fixing: fixing) else { return nil }
    let (production, levels) = feasible.production(plan)
    return ParetoOptimum(allocation: [x], production: production, levels: levels,
                         construction: "the single consumer's planner optimum")
}

/// An exact equilibrium of a two-consumer economy with activity firms in
/// which one consumer `r` has Leontief utility `a` (the Negishi idea, on
/// the Pareto frontier parametrised by `r`'s level `t`).
///
/// For each `t`, `r` gets `t·a` and the other consumer the planner's
/// optimum of what is left (`plannerOptimum` with endowment `ω − t·a`): a
/// Pareto optimum. A supporting price and the transfers come from the
/// second welfare theorem's LP; an equilibrium is the `t` where `r`'s
/// transfer is 0. `t` is bracketed between 0 (transfer ≤ 0) and the
/// largest attainable level (transfer ≥ 0) and narrowed by bisection; at
/// each step the secant root of the transfer is tried too (exact where the
/// transfer is affine in `t`). Untrusted throughout: the result counts only
/// if `EquilibriumChecker` accepts it with every transfer 0. Stops after
/// `iterations` bisections or `timeLimit` seconds.
public func twoConsumerEquilibrium(_ e: Economy, iterations: Int = 40, maximumVariables: Int = 600,
                                   timeLimit: Double = 20) -> CheckedEquilibrium? {
    // A safety net against hostile sizes; on the examples the route takes milliseconds.
    let deadline = Date().addingTimeInterval(timeLimit)
    guard e.consumers.count == 2, e.firms.allSatisfy({ if case .activities = $0.technology { true } else { false } }),
          e.firms.indices.allSatisfy({ f in e.consumers.reduce(Rational.zero) { $0 + $1.shares[f] } == 1 }),
          let r = e.consumers.indices.last(where: { if case .leontief = e.consumers[$0].utility { true } else { false } }),
          case .leontief(let a) = e.consumers[r].utility else { return nil }
    let n = e.commodityCount
    guard let frontier = LeontiefFrontier(e, leontief: r, maximumVariables: maximumVariables) else { return nil }
    let highest = frontier.highest

    /// The Pareto optimum at level t, its supporting equilibrium with transfers, and r's transfer.
    func evaluate(_ t: Rational) -> (transfer: Rational, checked: CheckedEquilibrium)? {
        guard Date() < deadline, let optimum = frontier.point(t) else { return nil }
        guard let lp = supportingPriceLP(e, optimum), case .checked(let c) = SimplexSolver().solveAndCheck(lp),
              let solution = c.optimalSolution, let value = c.optimalValue, value.signum() > 0,
              let checked = supportedEquilibrium(e, optimum, prices: Vector(Array(solution[0..<n]))) else { return nil }
        return (checked.certificate.transfers[r], checked)
    }
    func isEquilibrium(_ v: (transfer: Rational, checked: CheckedEquilibrium)) -> Bool {
        v.checked.certificate.transfers.allSatisfy(\.isZero)
    }
    // Just inside the ends: at t = 0 or at the top a consumer may be left with nothing to price.
    var low = highest / 1024, high = highest * 1023 / 1024
    guard var lowValue = evaluate(low), var highValue = evaluate(high) else { return nil }
    if isEquilibrium(lowValue) { return lowValue.checked }
    if isEquilibrium(highValue) { return highValue.checked }
    guard lowValue.transfer.signum() < 0, highValue.transfer.signum() > 0 else { return nil }
    for _ in 0..<iterations {
        let secant = low - lowValue.transfer * (high - low) / (highValue.transfer - lowValue.transfer)
        if let v = evaluate(secant), isEquilibrium(v) { return v.checked }
        let middle = (low + high) / 2
        guard let v = evaluate(middle) else { return nil }
        if isEquilibrium(v) { return v.checked }
        if v.transfer.signum() < 0 { (low, lowValue) = (middle, v) } else { (high, highValue) = (middle, v) }
    }
    return nil
}

/// The attainable allocations of a one-consumer economy with activity
/// firms: `x ≤ ω + Σ_f A_f λ_f`, `λ ≥ 0`, `Σλ_f ≤ bound_f`, `x ≥ 0`.
/// Variables: `x` (n), then every firm's levels.
struct AttainableSet {
    let economy: Economy
    let starts: [Int]
    let width: Int

    init(_ e: Economy) {
        economy = e
        var s: [Int] = [], w = e.commodityCount
        for f in e.firms {
            s.append(w)
            if case .activities(let acts, _) = f.technology { w += acts.count }
        }
        starts = s
        width = w
    }

    func constraints(extra: [(Int, Rational)]) -> [LinearConstraint] {
        let e = economy, n = e.commodityCount
        var rows = [[Rational]](repeating: [Rational](repeating: .zero, count: width), count: n)
        for i in 0..<n { rows[i][i] = 1 }
        var out = subtractActivities(e, starts: starts, width: width, from: &rows)
        let omega = e.totalEndowment
        out += (0..<n).map { LinearConstraint(rows[$0], .lessOrEqual, omega[$0]) }
        for (i, v) in extra {
            var r = [Rational](repeating: .zero, count: width)
            r[i] = 1
            out.append(LinearConstraint(r, .equal, v))
        }
        return out
    }

    /// `max c·x` (c over the goods), with some goods fixed; the optimal point or nil.
    func maximise(_ c: [Rational], fixing: [(Int, Rational)] = []) -> [Rational]? {
        let objective = c + [Rational](repeating: .zero, count: width - c.count)
        guard case .checked(let cert) = SimplexSolver().solveAndCheck(LinearProgram(maximize: objective,
                                                                                    subjectTo: constraints(extra: fixing))),
              let v = cert.optimalSolution else { return nil }
        return v
    }

    /// `max t` with `x ≥ t·a` attainable: the Leontief planner, as `t·a`.
    func maximiseLevel(_ a: Vector) -> Vector? {
        let n = economy.commodityCount
        var cs = constraints(extra: [])
        // One more variable t: x_i − a_i t ≥ 0.
        cs = cs.map { LinearConstraint($0.coefficients + [.zero], $0.relation, $0.rhs) }
        for i in 0..<n where a[i].signum() > 0 {
            var r = [Rational](repeating: .zero, count: width + 1)
            r[i] = 1
            r[width] = -a[i]
            cs.append(LinearConstraint(r, .greaterOrEqual, .zero))
        }
        var objective = [Rational](repeating: .zero, count: width + 1)
        objective[width] = 1
        guard case .checked(let cert) = SimplexSolver().solveAndCheck(LinearProgram(maximize: objective, subjectTo: cs)),
              let v = cert.optimalSolution else { return nil }
        return v[width] * a
    }

    func production(_ v: [Rational]) -> ([Vector], [[Rational]]) { activityProduction(economy, starts: starts, v) }
}

/// For activity firms whose levels are LP variables from `starts[f]`: subtracts
/// each activity's column from the goods rows (`x − Σ_f A_f λ_f`) and returns
/// the capacity constraints `Σλ_f ≤ bound_f`.
func subtractActivities(_ e: Economy, starts: [Int], width: Int, from rows: inout [[Rational]]) -> [LinearConstraint] {
    var out: [LinearConstraint] = []
    for (f, firm) in e.firms.enumerated() {
        guard case .activities(let acts, let bound) = firm.technology else { continue }
        for (k, a) in acts.enumerated() { for i in 0..<e.commodityCount { rows[i][starts[f] + k] -= a[i] } }
        if let bound {
            var r = [Rational](repeating: .zero, count: width)
            for k in acts.indices { r[starts[f] + k] = 1 }
            out.append(LinearConstraint(r, .lessOrEqual, bound))
        }
    }
    return out
}

/// The productions `A_f λ_f` and levels `λ_f` of activity firms, read from an LP solution.
func activityProduction(_ e: Economy, starts: [Int], _ v: [Rational]) -> ([Vector], [[Rational]]) {
    var ys: [Vector] = [], levels: [[Rational]] = []
    for (f, firm) in e.firms.enumerated() {
        guard case .activities(let acts, _) = firm.technology else { continue }
        let l = Array(v[starts[f] ..< starts[f] + acts.count])
        levels.append(l)
        ys.append(acts.indices.reduce(Vector.zero(e.commodityCount)) { $0 + l[$1] * acts[$1] })
    }
    return (ys, levels)
}

/// The Pareto frontier of a two-consumer economy with activity firms,
/// parametrised by the level `t` of its Leontief consumer `r`: `r` gets
/// `t·a`, the other the planner's optimum of `ω − t·a`. Every point is
/// Pareto optimal (neither can gain without the other losing: `r`'s level
/// is fixed and the other's bundle is optimal given it).
struct LeontiefFrontier {
    let economy: Economy
    let r: Int
    let a: Vector
    /// The largest attainable level of `r`.
    let highest: Rational
    let whole: Economy
    let maximumVariables: Int

    init?(_ e: Economy, leontief r: Int, maximumVariables: Int = 600) {
        guard e.consumers.count == 2, case .leontief(let a) = e.consumers[r].utility,
              e.firms.allSatisfy({ if case .activities = $0.technology { true } else { false } }) else { return nil }
        let whole = Economy(name: e.name, commodities: e.commodities,
                            consumers: [Consumer(name: "all", endowment: e.totalEndowment, utility: .leontief(coefficients: a),
                                                 shares: e.firms.map { _ in 1 })],
                            firms: e.firms)
        let feasible = AttainableSet(whole)
        guard feasible.width <= maximumVariables, let top = feasible.maximiseLevel(a),
              let i = a.indices.first(where: { a[$0].signum() > 0 }), top[i].signum() > 0 else { return nil }
        self.economy = e
        self.r = r
        self.a = a
        self.highest = top[i] / a[i]
        self.whole = whole
        self.maximumVariables = maximumVariables
    }

    func point(_ t: Rational) -> ParetoOptimum? {
        let e = economy, q = 1 - r
        var rest = whole
        rest.consumers[0].endowment = e.totalEndowment - t * a
        rest.consumers[0].utility = e.consumers[q].utility
        guard let o = plannerOptimum(rest, maximumVariables: maximumVariables) else { return nil }
        var allocation = [Vector](repeating: Vector.zero(e.commodityCount), count: 2)
        allocation[q] = o.allocation[0]
        allocation[r] = t * a
        return ParetoOptimum(allocation: allocation, production: o.production, levels: o.levels,
                             construction: "the Pareto optimum with '\(e.consumers[r].name)' at level \(t) and "
                                + "'\(e.consumers[q].name)' at its best given that")
    }
}
