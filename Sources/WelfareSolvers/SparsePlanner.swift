import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
public import ExactLPEngine

/// The planner route at any size: the exact equilibrium of a one-consumer
/// economy with activity firms, when the consumer is Leontief or linear,
/// from one sparse LP solved by QSopt_ex (untrusted) and proved by
/// `EquilibriumChecker` (trusted). Nil when not covered, when the engine
/// does not solve it, or when the checker refuses what it built.
///
/// The LP (`sparsePlannerProgram`) is the planner's problem over activity
/// levels `λ_fk ≥ 0`:
/// - Leontief `a`: maximise `t` subject to `t·a_i − Σ λ_fk A_fk,i ≤ ω_i`
///   for every good, and `Σ_k λ_fk ≤ B_f` for every bounded firm;
/// - linear `w`: maximise `w·x` subject to `x_i − Σ λ_fk A_fk,i ≤ ω_i`, the
///   same bounds.
///
/// Its duals are the candidate prices: LP duality gives `y ≥ 0` on the
/// goods, with every used activity's profit `y·A_fk` equal to its firm's
/// bound dual (the highest), and no activity profitable beyond it, which is
/// profit maximisation at `y`; the consumer's bundle is affordable and
/// optimal at `y` by the same duality. The checker verifies all of it on
/// the normalised price `y / Σy`, with zero transfer, or the route fails.
///
/// It runs only where the dense planner route cannot (its LP would have
/// more than `maximumVariables` variables): small economies keep the
/// in-process route, so their verdicts, and a sweep's, do not depend on
/// whether the engine's helper is installed.
public func sparsePlannerEquilibrium(_ e: Economy, beyond maximumVariables: Int = 600) -> CheckedEquilibrium? {
    guard AttainableSet(e).width > maximumVariables, let (lp, own, activities) = plannerProgram(e),
          case .optimal(let x, let y, _) = QSoptEx.solve(lp) else { return nil }
    let n = e.commodityCount
    let raw = Vector(Array(y[0..<n]).map { max($0, .zero) })
    let total = raw.entries.reduce(Rational.zero, +)
    guard total.signum() > 0 else { return nil }
    let prices = Vector(raw.entries.map { $0 / total })
    let bundle: Vector
    switch e.consumers[0].utility {
    case .leontief(let a): bundle = x[0] * a
    default: bundle = Vector(Array(x[0..<n]))
    }
    var production = e.firms.map { _ in Vector.zero(n) }
    var levels = e.firms.map { f -> [Rational] in
        if case .activities(let acts, _) = f.technology { return [Rational](repeating: .zero, count: acts.count) }
        return []
    }
    var next = [Int](repeating: 0, count: e.firms.count)
    for (k, act) in activities.enumerated() {
        let level = x[own + k]
        levels[act.firm][next[act.firm]] = level
        next[act.firm] += 1
        if !level.isZero { production[act.firm] = production[act.firm] + level * act.vector }
    }
    let optimum = ParetoOptimum(allocation: [bundle], production: production, levels: levels,
                                construction: "the single consumer's planner optimum (QSopt_ex)")
    guard let checked = supportedEquilibrium(e, optimum, prices: prices), checked.certificate.transfers.allSatisfy(\.isZero)
    else { return nil }
    return checked
}

/// The planner's sparse LP of `sparsePlannerEquilibrium` (nil when not
/// covered), for the benchmark that times the engine alone on it.
public func sparsePlannerProgram(_ e: Economy) -> SparseLinearProgram? { plannerProgram(e)?.lp }

/// The LP, the number of the consumer's own columns (`t`, or `x`), and the
/// activities in column order after them.
private func plannerProgram(_ e: Economy) -> (lp: SparseLinearProgram, own: Int, activities: [(firm: Int, vector: Vector)])? {
    guard e.consumers.count == 1, e.firms.indices.allSatisfy({ e.consumers[0].shares[$0] == 1 }) else { return nil }
    var activities: [(firm: Int, vector: Vector)] = []
    var bounds: [(firm: Int, bound: Rational)] = []
    for (f, firm) in e.firms.enumerated() {
        guard case .activities(let acts, let bound) = firm.technology else { return nil }
        for a in acts { activities.append((f, a)) }
        if let bound { bounds.append((f, bound)) }
    }
    let n = e.commodityCount
    let own: Int
    var objective: [Rational]
    var goods = [[(column: Int, value: Rational)]](repeating: [], count: n)
    switch e.consumers[0].utility {
    case .leontief(let a):
        own = 1
        objective = [Rational](repeating: .zero, count: own + activities.count)
        objective[0] = 1
        for i in 0..<n where !a[i].isZero { goods[i].append((0, a[i])) }
    case .linear(let w):
        own = n
        objective = [Rational](repeating: .zero, count: own + activities.count)
        for i in 0..<n {
            objective[i] = w[i]
            goods[i].append((i, 1))
        }
    default:
        return nil
    }
    for (k, act) in activities.enumerated() {
        for i in 0..<n where !act.vector[i].isZero { goods[i].append((own + k, -act.vector[i])) }
    }
    var lp = SparseLinearProgram(columns: own + activities.count, maximise: true, objective: objective)
    let omega = e.totalEndowment
    for i in 0..<n { lp.rows.append(.init(goods[i], .lessOrEqual, omega[i])) }
    for (f, bound) in bounds {
        let entries = activities.indices.filter { activities[$0].firm == f }.map { (column: own + $0, value: Rational.one) }
        lp.rows.append(.init(entries, .lessOrEqual, bound))
    }
    return (lp, own, activities)
}
