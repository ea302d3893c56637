import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import LPCertificates
public import EquilibriumSearch
import LPSolver
import Foundation

/// What the independent search for a Pareto improvement found.
public enum ParetoSearchOutcome: Sendable {
    /// Proved: no feasible allocation makes someone better off and no one
    /// worse off. `certificates` are the checked optimal LPs (one per
    /// combination of discrete modes), each of value 0.
    case noImprovement(certificates: [CheckedLPCertificate])
    /// A feasible allocation, every utility compared exactly with the
    /// reference: none lower, one higher.
    case improvement(allocation: [Vector], production: [Vector], comparisons: [Int])
    /// The search says nothing, and why.
    case inconclusive(String)
}

/// **Pareto-improvement search** (route `pareto-lp` of `first_welfare`),
/// independent of any price.
///
/// Given a feasible allocation `(x*, y*)`, solves with certificates
/// `max Σ_h s_h` over allocations `(x, y)` that are feasible
/// (`Σx_h ≤ ω + Σy_f`) in a *relaxation* of the economy, with `0 ≤ s_h ≤ 1`:
/// - linear `w`: `w·x_h ≥ w·x*_h + s_h`; capped-linear: the same with
///   `u* = min(w·x*, cap)` and `s_h ≤ cap − u*`;
/// - Leontief `a`: `x_hi ≥ a_i (u* + s_h)` where `a_i > 0` (exact);
/// - Cobb–Douglas and satiable-quadratic: the tangent half-space
///   `∇u(x*_h)·(x_h − x*_h) ≥ s_h` (with `∇ log u` for Cobb–Douglas). For a
///   quasi-concave `u` with `∇u(x*) ≠ 0`, `u(x) ≥ u(x*)` implies `∇u·(x − x*) ≥ 0`
///   and `u(x) > u(x*)` implies `> 0`, so the half-space contains every
///   bundle at least as good;
/// - activities: `y = Aλ`, `λ ≥ 0`, `Σλ ≤ bound` (exact); quadratic cost:
///   the outputs in `[0, cap]` and the input used at least
///   `f(y*) + ∇f(y*)·(y − y*)` (`f` convex, so a relaxation); discrete
///   modes: one LP per combination of modes (at most 256).
/// Conclusion: value 0 in every LP (checked optimal certificates) proves
/// that no Pareto improvement exists. A positive value gives a candidate,
/// which is reported only if it is feasible in the true economy and
/// every utility, compared exactly (`Utility.compare`), is at least as
/// high and one higher; otherwise the search is inconclusive.
public func searchParetoImprovement(_ e: Economy, allocation x: [Vector], production y: [Vector]) -> ParetoSearchOutcome {
    var combinations: [[Int?]] = [[]]
    for f in e.firms {
        if case .discreteModes(let modes) = f.technology {
            combinations = combinations.flatMap { c in ([nil] + modes.indices.map { $0 }).map { c + [$0] } }
        } else {
            combinations = combinations.map { $0 + [nil] }
        }
        if combinations.count > 256 { return .inconclusive("more than 256 combinations of discrete modes") }
    }
    for (h, c) in e.consumers.enumerated() {
        if case .cobbDouglas(let a) = c.utility, a.indices.contains(where: { a[$0].signum() > 0 && x[h][$0].isZero }) {
            return .inconclusive("\(e.describe(.consumer(h))) has utility 0 at the reference allocation (no tangent half-space)")
        }
    }
    var certificates: [CheckedLPCertificate] = []
    for modes in combinations {
        guard let (lp, layout) = relaxedParetoLP(e, x, y, modes: modes) else {
            return .inconclusive("the relaxation was not built: "
                                 + (relaxedParetoLPRefusal(e, variables: e.consumers.count * (e.commodityCount + 1)) ?? ""))
        }
        guard case .checked(let c) = SimplexSolver().solveAndCheck(lp), let value = c.optimalValue,
              let solution = c.optimalSolution else {
            return .inconclusive("an LP of the search was not solved with a checked optimal certificate")
        }
        if value.isZero {
            certificates.append(c)
            continue
        }
        let (x2, y2) = layout.read(solution)
        let compared = e.consumers.indices.map { e.consumers[$0].utility.compareWithinBudget(x2[$0], x[$0]) }
        guard compared.allSatisfy({ $0 != nil }) else {
            return .inconclusive("a Cobb–Douglas exponent has too large a denominator to compare utilities exactly")
        }
        let comparisons = compared.map { $0! }
        if comparisons.allSatisfy({ $0 >= 0 }), comparisons.contains(1), isFeasible(e, x2, y2, modes: modes) {
            return .improvement(allocation: x2, production: y2, comparisons: comparisons)
        }
        return .inconclusive("the relaxation allows an improvement (value \(value)) that the exact utilities do not confirm")
    }
    return .noImprovement(certificates: certificates)
}

/// Where each block of variables sits.
struct ParetoLayout {
    let n: Int
    let consumers: Int
    /// Per firm: the first variable and the count (levels, or outputs then the input used).
    let firmBlocks: [(start: Int, count: Int)]
    let economy: Economy
    let modes: [Int?]

    func consumerStart(_ h: Int) -> Int { h * (n + 1) }
    func slack(_ h: Int) -> Int { h * (n + 1) + n }

    func read(_ v: [Rational]) -> ([Vector], [Vector]) {
        let x = (0..<consumers).map { h in Vector(Array(v[consumerStart(h) ..< consumerStart(h) + n])) }
        let y = economy.firms.indices.map { f in production(f, v) }
        return (x, y)
    }

    func production(_ f: Int, _ v: [Rational]) -> Vector {
        let block = firmBlocks[f]
        switch economy.firms[f].technology {
        case .activities(let acts, _):
            return acts.indices.reduce(Vector.zero(n)) { $0 + v[block.start + $1] * acts[$1] }
        case .discreteModes(let list):
            return modes[f].map { list[$0] } ?? Vector.zero(n)
        case .quadraticCost(let input, let scale, _):
            var out = Vector.zero(n)
            var k = block.start
            for i in 0..<n where scale[i].signum() > 0 { out[i] = v[k]; k += 1 }
            return out - v[k] * input
        }
    }
}

/// Why the relaxed Pareto LP over `variables` variables is too large for
/// the exact dense simplex (at least a row per good, two per consumer and
/// one per firm; refused before any row is built), or nil when it fits.
func relaxedParetoLPRefusal(_ e: Economy, variables: Int) -> String? {
    let rows = e.commodityCount + 2 * e.consumers.count + e.firms.count
    return SimplexSolver.admits(rows: rows, variables: variables) ? nil : SimplexSolver.refusal(rows: rows, variables: variables)
}

func relaxedParetoLP(_ e: Economy, _ x: [Vector], _ y: [Vector], modes: [Int?], slackBound: Rational? = 1)
    -> (LinearProgram, ParetoLayout)?
{
    let n = e.commodityCount, m = e.consumers.count
    var blocks: [(start: Int, count: Int)] = []
    var width = m * (n + 1)
    for f in e.firms {
        let count: Int
        switch f.technology {
        case .activities(let acts, _): count = acts.count
        case .discreteModes: count = 0
        case .quadraticCost(_, let scale, _): count = scale.entries.filter { $0.signum() > 0 }.count + 1
        }
        blocks.append((width, count))
        width += count
    }
    guard relaxedParetoLPRefusal(e, variables: width) == nil else { return nil }
    let layout = ParetoLayout(n: n, consumers: m, firmBlocks: blocks, economy: e, modes: modes)
    var constraints: [LinearConstraint] = []
    func row(_ entries: [(Int, Rational)]) -> [Rational] {
        var r = [Rational](repeating: .zero, count: width)
        for (k, v) in entries { r[k] += v }
        return r
    }
    // Feasibility: Σ_h x_hi − Σ_f y_fi ≤ ω_i, with y linear in the firm variables.
    let omega = e.totalEndowment
    for i in 0..<n {
        var entries = (0..<m).map { (layout.consumerStart($0) + i, Rational.one) }
        var rhs = omega[i]
        for (f, firm) in e.firms.enumerated() {
            let b = blocks[f]
            switch firm.technology {
            case .activities(let acts, _):
                for k in acts.indices where !acts[k][i].isZero { entries.append((b.start + k, -acts[k][i])) }
            case .discreteModes(let list):
                if let k = modes[f] { rhs += list[k][i] }
            case .quadraticCost(let input, let scale, _):
                let outputs = (0..<n).filter { scale[$0].signum() > 0 }
                if let j = outputs.firstIndex(of: i) { entries.append((b.start + j, -1)) }
                if !input[i].isZero { entries.append((b.start + outputs.count, input[i])) }
            }
        }
        constraints.append(LinearConstraint(row(entries), .lessOrEqual, rhs))
    }
    for (f, firm) in e.firms.enumerated() {
        let b = blocks[f]
        switch firm.technology {
        case .activities(let acts, let bound?):
            constraints.append(LinearConstraint(row(acts.indices.map { (b.start + $0, Rational.one) }), .lessOrEqual, bound))
        case .activities(_, nil), .discreteModes:
            break
        case .quadraticCost(_, let scale, let capacity):
            // v ≥ f(y*) + Σ (y*_i / s_i)(y_i − y*_i), f(y) = Σ y_i² / (2 s_i).
            let outputs = (0..<n).filter { scale[$0].signum() > 0 }
            let star = y[f]
            var entries: [(Int, Rational)] = [(b.start + outputs.count, 1)]
            var rhs = Rational.zero
            for (j, i) in outputs.enumerated() {
                constraints.append(LinearConstraint(row([(b.start + j, 1)]), .lessOrEqual, capacity[i]))
                let g = star[i] / scale[i]
                entries.append((b.start + j, -g))
                rhs += star[i] * star[i] / (2 * scale[i]) - g * star[i]
            }
            constraints.append(LinearConstraint(row(entries), .greaterOrEqual, rhs))
        }
    }
    for (h, c) in e.consumers.enumerated() {
        let start = layout.consumerStart(h), s = layout.slack(h)
        if let slackBound { constraints.append(LinearConstraint(row([(s, 1)]), .lessOrEqual, slackBound)) }
        let star = x[h]
        switch c.utility {
        case .linear(let w):
            constraints.append(LinearConstraint(row((0..<n).map { (start + $0, w[$0]) } + [(s, -1)]), .greaterOrEqual, w.dot(star)))
        case .cappedLinear(let w, let cap):
            let level = min(w.dot(star), cap)
            constraints.append(LinearConstraint(row((0..<n).map { (start + $0, w[$0]) } + [(s, -1)]), .greaterOrEqual, level))
            constraints.append(LinearConstraint(row([(s, 1)]), .lessOrEqual, cap - level))
        case .leontief(let a):
            let level = a.indices.filter { a[$0].signum() > 0 }.map { star[$0] / a[$0] }.min()!
            for i in 0..<n where a[i].signum() > 0 {
                constraints.append(LinearConstraint(row([(start + i, 1), (s, -a[i])]), .greaterOrEqual, a[i] * level))
            }
        case .cobbDouglas(let a):
            let g = Vector((0..<n).map { a[$0].signum() > 0 ? a[$0] / star[$0] : .zero })
            constraints.append(LinearConstraint(row((0..<n).map { (start + $0, g[$0]) } + [(s, -1)]), .greaterOrEqual, g.dot(star)))
        case .satiableQuadratic(let bliss, let w):
            let g = Vector((0..<n).map { -2 * w[$0] * (star[$0] - bliss[$0]) })
            constraints.append(LinearConstraint(row((0..<n).map { (start + $0, g[$0]) } + [(s, -1)]), .greaterOrEqual, g.dot(star)))
        }
    }
    var objective = [Rational](repeating: .zero, count: width)
    for h in 0..<m { objective[layout.slack(h)] = 1 }
    return (LinearProgram(maximize: objective, subjectTo: constraints), layout)
}

/// Feasibility in the true economy: non-negative bundles, `Σx ≤ ω + Σy`,
/// and each production in its set (quadratic cost: exactly on or inside
/// the cost curve).
func isFeasible(_ e: Economy, _ x: [Vector], _ y: [Vector], modes: [Int?]) -> Bool {
    let n = e.commodityCount
    guard x.allSatisfy({ $0.allSatisfy { $0.signum() >= 0 } }) else { return false }
    let net = y.reduce(e.totalEndowment, +) - x.reduce(Vector.zero(n), +)
    guard net.allSatisfy({ $0.signum() >= 0 }) else { return false }
    for (f, firm) in e.firms.enumerated() {
        if case .quadraticCost(let input, let scale, let capacity) = firm.technology {
            var used = Rational.zero
            for i in 0..<n where scale[i].signum() > 0 {
                guard y[f][i].signum() >= 0, y[f][i] <= capacity[i] else { return false }
                used += y[f][i] * y[f][i] / (2 * scale[i])
            }
            // The inputs: `t·b` for one amount `t ≥ used`.
            guard let j = input.indices.first(where: { !input[$0].isZero }) else { return false }
            let t = -y[f][j] / input[j]
            guard t >= used, (0..<n).allSatisfy({ scale[$0].signum() > 0 || y[f][$0] == -t * input[$0] }) else { return false }
        }
    }
    return true
}

/// The paper's single-orchestrator case: with one consumer, Pareto optimal
/// means the planner's optimum. Both welfare values, exactly.
public struct PlannerComparison: Sendable, Hashable {
    /// `u(x*)` at the equilibrium, as an exact expression.
    public let equilibriumWelfare: String
    /// The planner's optimal welfare: exact, or proved bounds (see `how`).
    public let plannerWelfare: PlannerWelfare
    /// `true` when the equilibrium attains the planner's optimum, proved.
    public let attained: Bool
    public let how: String
}

/// The planner's optimal welfare, as far as it is proved.
public enum PlannerWelfare: Sendable, Hashable {
    /// Exactly this value (or an exact upper bound where `how` says so).
    case value(String)
    /// Proved to lie between these two values.
    case between(lower: String, upper: String)
    case unbounded
}

/// For a one-consumer economy and an exact equilibrium allocation: the
/// planner's optimal welfare `max u(x)` over feasible allocations.
/// Linear, capped-linear and Leontief welfare: the LP `max u` of the
/// relaxation above, solved with a checked certificate, is an upper bound
/// that is exact for polyhedral technologies; when it equals `u(x*)` the
/// optimum is attained. Other utilities: the equilibrium attains the
/// optimum exactly when the Pareto search proved no improvement (with one
/// consumer, an improvement is a better feasible bundle).
public func comparePlannerOptimum(_ e: Economy, allocation x: [Vector], production y: [Vector],
                                  search: ParetoSearchOutcome) -> PlannerComparison? {
    guard e.consumers.count == 1 else { return nil }
    let u = e.consumers[0].utility
    let value = welfareExpression(u, x[0])
    switch u {
    case .linear, .cappedLinear, .leontief:
        guard !e.firms.contains(where: { if case .discreteModes = $0.technology { true } else { false } }),
              let (lp, _) = relaxedParetoLP(e, x, y, modes: e.firms.map { _ in nil }, slackBound: nil),
              case .checked(let c) = SimplexSolver().solveAndCheck(lp) else { return nil }
        let level = welfareLevel(u, x[0])!
        switch c.certificate {
        case .optimal:
            let best = level + c.optimalValue!
            let polyhedral = !e.firms.contains { if case .quadraticCost = $0.technology { true } else { false } }
            return PlannerComparison(equilibriumWelfare: value, plannerWelfare: .value("\(best)"), attained: best == level,
                                     how: "LP max u over feasible allocations (certificate checked)"
                                        + (polyhedral ? "" : "; an upper bound, since quadratic costs are linearised"))
        case .unbounded:
            return PlannerComparison(equilibriumWelfare: value, plannerWelfare: .unbounded, attained: false,
                                     how: "LP max u is unbounded (certificate checked)")
        case .infeasible:
            return nil
        }
    case .cobbDouglas, .satiableQuadratic:
        guard case .noImprovement = search else { return nil }
        return PlannerComparison(equilibriumWelfare: value, plannerWelfare: .value(value), attained: true,
                                 how: "no feasible bundle is better (route (b): relaxed LP of value 0, checked)")
    }
}

/// `u(x)` for the kinds whose value is rational.
func welfareLevel(_ u: Utility, _ x: Vector) -> Rational? {
    switch u {
    case .linear(let w): w.dot(x)
    case .cappedLinear(let w, let cap): min(w.dot(x), cap)
    case .leontief(let a): a.indices.filter { a[$0].signum() > 0 }.map { x[$0] / a[$0] }.min()
    case .satiableQuadratic(let b, let w): -b.indices.reduce(Rational.zero) { $0 + w[$1] * (x[$1] - b[$1]) * (x[$1] - b[$1]) }
    case .cobbDouglas: nil
    }
}

/// `u(x)` exactly, in words: a rational, or for Cobb–Douglas the product of powers.
func welfareExpression(_ u: Utility, _ x: Vector) -> String {
    if let level = welfareLevel(u, x) { return "\(level)" }
    guard case .cobbDouglas(let a) = u else { return "?" }
    let factors = a.indices.filter { a[$0].signum() > 0 }.map { "(\(x[$0]))^(\(a[$0]))" }
    // Display only: the decimal is never compared.
    var approx = 1.0
    for i in a.indices where a[i].signum() > 0 { approx *= pow(x[i].displayDouble, a[i].displayDouble) }
    return factors.joined(separator: "·") + " ≈ " + String(format: "%.6g", approx)
}

/// One consumer and an approximate equilibrium at `p`: exact bounds on the
/// planner's optimal welfare `W`. Lower: `u(ω + Σ_f y_f)` with `y_f` the
/// supplies at `p` (feasible). Upper: the indirect utility at `p` with
/// income `p·ω + Σ π_f(p)`, i.e. `u` of the demand at `p`: every feasible
/// `x` costs at most that income, since `p·y ≤ π_f(p)` on `Y_f`. Compared
/// exactly (`Utility.compare`); the equilibrium's welfare equals `W` by
/// the first welfare theorem wherever an equilibrium exists.
/// The upper bound needs the consumer's income to be all of
/// `p·ω + Σ π_f(p)`: with shares summing to less than 1 its demand is
/// bought with less, so no bound is given (nil).
public func plannerBounds(_ e: Economy, near a: ApproximateEquilibrium) -> PlannerComparison? {
    guard e.consumers.count == 1, e.consumers[0].utility.isLocallyNonSatiated(at: a.allocation[0]),
          e.firms.indices.allSatisfy({ e.consumers[0].shares[$0] == 1 }) else { return nil }
    let feasible = a.production.reduce(e.totalEndowment, +)
    guard feasible.allSatisfy({ $0.signum() >= 0 }) else { return nil }
    let u = e.consumers[0].utility
    guard let c = u.compareWithinBudget(feasible, a.allocation[0]), c <= 0 else { return nil }
    let lower = welfareExpression(u, feasible), upper = welfareExpression(u, a.allocation[0])
    return PlannerComparison(equilibriumWelfare: "≈ \(upper) (the demand at the approximate price)",
                             plannerWelfare: .between(lower: lower, upper: upper), attained: false,
                             how: "lower: the feasible allocation ω + Σy at the approximate price; upper: the indirect "
                                + "utility there (every feasible bundle is affordable); compared exactly")
}

/// A capped-linear consumer `h` past its cap at `x_h`: scale `x_h` down to
/// reach the cap exactly (every good is used less) and give what is freed
/// to another consumer; returned when every utility, compared exactly, is
/// at least as high and one is higher.
package func cappedLinearImprovement(_ e: Economy, _ x: [Vector], satiated h: Int)
    -> (allocation: [Vector], comparisons: [Int], beneficiary: Int, kept: Vector, freed: Vector)?
{
    guard case .cappedLinear(let w, let cap) = e.consumers[h].utility else { return nil }
    let reached = w.dot(x[h])
    guard reached > cap else { return nil }
    let kept = (cap / reached) * x[h]
    let freed = x[h] - kept
    for k in e.consumers.indices where k != h {
        var allocation = x
        allocation[h] = kept
        allocation[k] = x[k] + freed
        let compared = e.consumers.indices.map { e.consumers[$0].utility.compareWithinBudget(allocation[$0], x[$0]) }
        guard compared.allSatisfy({ $0 != nil }) else { return nil }
        let comparisons = compared.map { $0! }
        if comparisons.allSatisfy({ $0 >= 0 }) && comparisons.contains(1) {
            return (allocation, comparisons, k, kept, freed)
        }
    }
    return nil
}
