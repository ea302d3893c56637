// An independent reference for "is this a Walrasian equilibrium with lump-sum transfers?",
// written from the definitions only, for fuzzing the trusted checker. Not API.
//
// Method, throughout: compute the optimal VALUE (or, where the optimum is unique, the
// optimal POINT) of each agent's problem by a closed form or an exact LP, then compare
// the candidate with it exactly. Nothing here calls the model's demand or supply.
public import EconomyModel
public import ExactArithmetic
public import ExactLinearAlgebra
import LPCertificates
import LPSolver

public enum ReferenceEquilibrium {
    // MARK: Consumers

    /// `x` is in the budget set `B = {x ≥ 0 : p·x ≤ income}` and `u(x) ≥ u(x')` for every
    /// `x' ∈ B`; false when `u` is unbounded on `B` (no optimum exists). Prices must be
    /// `≥ 0` and every vector must have length `p.count`; otherwise false.
    public static func consumerIsOptimal(_ u: Utility, prices p: Vector, income: Rational, bundle x: Vector) -> Bool {
        let n = p.count
        guard x.count == n, p.allSatisfy({ $0.signum() >= 0 }) else { return false }
        // Budget membership (a negative income makes B empty: p·x ≥ 0 > income).
        guard x.allSatisfy({ $0.signum() >= 0 }), p.dot(x) <= income else { return false }
        switch u {
        case .linear(let w):
            // Optimal value of the LP  max w·x' s.t. p·x' ≤ I, x' ≥ 0 (feasible: x' = 0).
            guard w.count == n, case .optimal(let best) = budgetLP(w, p, income) else { return false }
            return w.dot(x) == best
        case .cappedLinear(let w, let cap):
            // sup of min(w·x', c) over B is min(V, c) with V the LP value above (V = ∞ when
            // the LP is unbounded); it is attained: by the LP optimum, or by a point of value ≥ c.
            guard w.count == n else { return false }
            var best = cap
            if case .optimal(let v) = budgetLP(w, p, income), v < cap { best = v }
            return min(w.dot(x), cap) == best
        case .leontief(let a):
            // S = {i : a_i > 0}. If every needed good is free, t·a is affordable for all t and
            // u(t·a) = t: unbounded. Otherwise, for affordable x with t = u(x), x_i ≥ t·a_i on S
            // so I ≥ p·x ≥ t·Σ_S p_i a_i, i.e. t ≤ I / Σ_S p_i a_i, attained by x = (I/Σ_S p_i a_i)·a.
            guard a.count == n, let value = leontiefValue(a, x) else { return false }
            var cost = Rational.zero
            for i in 0..<n where a[i].signum() > 0 { cost += p[i] * a[i] }
            guard cost.signum() > 0 else { return false }
            return value == income / cost
        case .cobbDouglas(let a):
            return cobbDouglasIsOptimal(a, p, income, x)
        case .satiableQuadratic(let b, let w):
            guard b.count == n, w.count == n, let best = quadraticOptimum(b, w, p, income) else { return false }
            return x == best
        }
    }

    /// Cobb–Douglas `u = Π_{i∈S} x_i^{a_i}`, `S = {i : a_i > 0}`, `A = Σ_S a_i`.
    /// - Some good of S is free and (I > 0 or all of S is free): unbounded. (All free: x = t·1_S.
    ///   Otherwise put I/(#priced) / p_k on each priced k ∈ S, which is positive, and t on a free
    ///   good of S; u grows without bound in t.) So false.
    /// - Else if I = 0: some good of S is priced and p·x ≤ 0 forces x_k = 0 there, so u ≡ 0 on B
    ///   and every affordable bundle is optimal.
    /// - Else (I > 0, all of S priced): let B' = I − Σ_{i∉S} p_i x_i ≥ Σ_S p_i x_i. By weighted
    ///   AM–GM, Π_S (p_i x_i / a_i)^{a_i/A} ≤ Σ_S (a_i/A)(p_i x_i / a_i) ≤ B'/A, with equality iff
    ///   every p_i x_i / a_i equals B'/A. Hence u(x) ≤ Π_S (a_i / p_i)^{a_i} · (B'/A)^A, strictly
    ///   increasing in B' ≤ I, so the unique optimum on goods with a_i > 0 or p_i > 0 is
    ///   x_i = (a_i/A)·I/p_i on S and x_i = 0 off S when p_i > 0; goods with a_i = 0 = p_i are
    ///   free and irrelevant, so any x_i ≥ 0 is optimal there. Compared as bundles, exactly.
    static func cobbDouglasIsOptimal(_ a: Vector, _ p: Vector, _ income: Rational, _ x: Vector) -> Bool {
        let n = p.count
        guard a.count == n else { return false }
        let valued = (0..<n).filter { a[$0].signum() > 0 }
        guard !valued.isEmpty else { return false }
        let someFree = valued.contains { p[$0].isZero }
        let allFree = valued.allSatisfy { p[$0].isZero }
        if someFree && (income.signum() > 0 || allFree) { return false }
        if income.isZero { return true }  // affordability was checked by the caller
        let total = valued.reduce(Rational.zero) { $0 + a[$1] }
        for i in 0..<n {
            if a[i].signum() > 0 {
                if x[i] != a[i] / total * income / p[i] { return false }
            } else if p[i].signum() > 0 && !x[i].isZero {
                return false
            }
        }
        return true
    }

    /// `min over a_i > 0 of x_i / a_i` (nil when no coefficient is positive).
    static func leontiefValue(_ a: Vector, _ x: Vector) -> Rational? {
        var value: Rational? = nil
        for i in 0..<a.count where a[i].signum() > 0 {
            let r = x[i] / a[i]
            if value == nil || r < value! { value = r }
        }
        return value
    }

    /// The unique minimiser of `Σ w_i (x_i − b_i)²` over B (weights > 0, else nil), by KKT.
    /// If p·b ≤ I the bliss point b (≥ 0) is affordable and optimal. Otherwise the budget binds
    /// and, with multiplier μ > 0, stationarity and x ≥ 0 give x_i(μ) = max(0, b_i − μ p_i / w_i)
    /// (x_i = 0 needs w_i b_i ≤ μ p_i, which is exactly the sign of the bound's multiplier).
    /// g(μ) = p·x(μ) is continuous, non-increasing and piecewise linear with breakpoints
    /// μ_i = w_i b_i / p_i (p_i > 0); g(0) = p·b > I and g = 0 ≤ I past the last breakpoint.
    /// We walk the breakpoints to the first one with g ≤ I and solve the linear piece for
    /// g(μ) = I exactly. KKT conditions are sufficient for this convex problem, and strict
    /// convexity makes the point unique.
    static func quadraticOptimum(_ b: Vector, _ w: Vector, _ p: Vector, _ income: Rational) -> Vector? {
        let n = p.count
        guard w.allSatisfy({ $0.signum() > 0 }), b.allSatisfy({ $0.signum() >= 0 }) else { return nil }
        if p.dot(b) <= income { return b }
        func point(_ mu: Rational) -> Vector {
            Vector((0..<n).map { i in max(Rational.zero, b[i] - mu * p[i] / w[i]) })
        }
        var knots: [Rational] = [.zero]
        for i in 0..<n where p[i].signum() > 0 { knots.append(w[i] * b[i] / p[i]) }
        knots = Array(Set(knots)).sorted()
        for k in 1..<knots.count {
            let lo = knots[k - 1], hi = knots[k]
            let gLo = p.dot(point(lo)), gHi = p.dot(point(hi))
            guard gHi <= income else { continue }
            // gLo > I ≥ gHi, and g is linear on [lo, hi].
            let mu = lo + (gLo - income) * (hi - lo) / (gLo - gHi)
            let x = point(mu)
            precondition(p.dot(x) == income, "ReferenceEquilibrium: budget not exhausted")
            return x
        }
        preconditionFailure("ReferenceEquilibrium: no multiplier found")
    }

    // MARK: Firms

    /// `y ∈ Y` and `p·y ≥ p·y'` for every `y' ∈ Y`; false when `p·y` is unbounded on Y, or on
    /// a length mismatch.
    public static func firmIsOptimal(_ t: Technology, prices p: Vector, production y: Vector) -> Bool {
        let n = p.count
        guard y.count == n else { return false }
        switch t {
        case .discreteModes(let modes):
            // Y = {0} ∪ modes is finite: compare with every element.
            guard modes.allSatisfy({ $0.count == n }) else { return false }
            guard y.isZero || modes.contains(y) else { return false }
            let profit = p.dot(y)
            return profit.signum() >= 0 && modes.allSatisfy { p.dot($0) <= profit }
        case .activities(let columns, let bound):
            guard columns.allSatisfy({ $0.count == n }) else { return false }
            if columns.isEmpty { return y.isZero }  // Y = {0}
            let m = columns.count
            // The (possibly absent) bound row Σλ ≤ bound; a vacuous row 0·λ ≤ 1 otherwise,
            // so the LP always has at least one constraint.
            let boundRow = bound.map { LinearConstraint(Array(repeating: .one, count: m), .lessOrEqual, $0) }
                ?? LinearConstraint(Array(repeating: .zero, count: m), .lessOrEqual, .one)
            // Membership: is there λ ≥ 0 with Σ_k λ_k a_k = y (and Σλ ≤ bound)?
            var rows = (0..<n).map { i in LinearConstraint(columns.map { $0[i] }, .equal, y[i]) }
            rows.append(boundRow)
            if case .infeasible = solve(LinearProgram(maximize: Array(repeating: .zero, count: m), subjectTo: rows)) {
                return false
            }
            // Maximum profit: max Σ_k λ_k (p·a_k) over λ ≥ 0 (and Σλ ≤ bound).
            let profits = columns.map { p.dot($0) }
            guard case .optimal(let best) = solve(LinearProgram(maximize: profits, subjectTo: [boundRow])) else {
                return false
            }
            return p.dot(y) == best
        case .quadraticCost(let input, let scale, let capacity):
            let inputs = (0..<n).filter { !input[$0].isZero }
            guard scale.count == n, capacity.count == n, input.count == n, !inputs.isEmpty,
                  inputs.allSatisfy({ input[$0].signum() > 0 && scale[$0].isZero }) else {
                return false
            }
            // Membership, coordinate by coordinate.
            var used = Rational.zero
            for i in 0..<n where input[i].isZero {
                if scale[i].signum() > 0 {
                    guard y[i].signum() >= 0, y[i] <= capacity[i] else { return false }
                    used += y[i] * y[i] / (2 * scale[i])
                } else if !y[i].isZero {
                    return false
                }
            }
            guard inputs.allSatisfy({ y[$0] == -used * input[$0] }) else { return false }
            // p·y = Σ_{scale_i>0} f_i(y_i), f_i(s) = p_i s − q s² / (2 scale_i), q = p·input, and
            // the y_i range independently over [0, capacity_i]: the maximum profit is the sum of
            // the maxima of the f_i. If q > 0, f_i is a concave parabola with vertex
            // scale_i p_i / q: its maximum on the interval is at the vertex clamped to it.
            // If q ≤ 0, f_i is convex (or linear): its maximum is at an end point.
            let q = inputs.reduce(Rational.zero) { $0 + p[$1] * input[$1] }
            var best = Rational.zero
            for i in 0..<n where input[i].isZero && scale[i].signum() > 0 {
                let f = { (s: Rational) in p[i] * s - q * s * s / (2 * scale[i]) }
                if q.signum() > 0 {
                    best += f(min(capacity[i], max(.zero, scale[i] * p[i] / q)))
                } else {
                    best += max(f(.zero), f(capacity[i]))
                }
            }
            return p.dot(y) == best
        }
    }

    // MARK: Equilibrium

    /// Walrasian equilibrium with free disposal and lump-sum transfers:
    /// p ≥ 0 with Σp = 1; every y_f optimal for firm f at p; transfers (empty = all zero)
    /// summing to exactly 0; income w_h = p·ω_h + Σ_f θ_hf (p·y_f) + t_h ≥ 0; every x_h optimal
    /// for (u_h, p, w_h); and z = Σ x_h − Σ ω_h − Σ y_f with z_i ≤ 0 and p_i z_i = 0 for all i.
    /// False on any size mismatch.
    public static func isEquilibrium(_ e: Economy, prices p: Vector, allocation: [Vector], production: [Vector],
                                     transfers: [Rational]) -> Bool {
        let n = e.commodityCount
        let h = e.consumers.count, f = e.firms.count
        guard p.count == n, allocation.count == h, production.count == f,
              transfers.isEmpty || transfers.count == h else { return false }
        guard p.allSatisfy({ $0.signum() >= 0 }), p.reduce(Rational.zero, +) == .one else { return false }
        let t = transfers.isEmpty ? Array(repeating: Rational.zero, count: h) : transfers
        guard t.reduce(Rational.zero, +).isZero else { return false }
        guard allocation.allSatisfy({ $0.count == n }), production.allSatisfy({ $0.count == n }) else { return false }
        for (k, firm) in e.firms.enumerated() {
            guard firmIsOptimal(firm.technology, prices: p, production: production[k]) else { return false }
        }
        var z = Vector.zero(n)
        for (k, consumer) in e.consumers.enumerated() {
            guard consumer.endowment.count == n, consumer.shares.count == f else { return false }
            var income = p.dot(consumer.endowment) + t[k]
            for j in 0..<f { income += consumer.shares[j] * p.dot(production[j]) }
            guard income.signum() >= 0,
                  consumerIsOptimal(consumer.utility, prices: p, income: income, bundle: allocation[k]) else {
                return false
            }
            z = z + allocation[k] - consumer.endowment
        }
        for y in production { z = z - y }
        for i in 0..<n where z[i].signum() > 0 || !(p[i] * z[i]).isZero { return false }
        return true
    }

    // MARK: Exact linear programs

    enum LPValue { case infeasible, unbounded, optimal(Rational) }

    /// max w·x s.t. p·x ≤ income, x ≥ 0.
    static func budgetLP(_ w: Vector, _ p: Vector, _ income: Rational) -> LPValue {
        solve(LinearProgram(maximize: w.entries, subjectTo: [LinearConstraint(p.entries, .lessOrEqual, income)]))
    }

    /// Solves exactly; the certificate (optimal, infeasible, unbounded) has been checked by
    /// `LPCertificateChecker` before we read it.
    static func solve(_ lp: LinearProgram) -> LPValue {
        guard case .checked(let checked) = SimplexSolver().solveAndCheck(lp) else {
            preconditionFailure("ReferenceEquilibrium: simplex pivot budget exhausted")
        }
        switch checked.certificate {
        case .infeasible: return .infeasible
        case .unbounded: return .unbounded
        case .optimal: return .optimal(checked.optimalValue!)
        }
    }
}
