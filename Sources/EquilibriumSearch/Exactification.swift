public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
import FlintLinearAlgebra
import Budgets

/// The simplest rational in `[lo, hi]` (least denominator, then least
/// numerator), by continued fractions (the Stern–Brocot descent; FLINT's
/// `fmpq_simplest_between`). Requires `0 ≤ lo ≤ hi`.
public func simplestRational(between lo: Rational, and hi: Rational) -> Rational {
    precondition(lo.signum() >= 0 && lo <= hi, "simplestRational: need 0 ≤ \(lo) ≤ \(hi)")
    let fl = Rational(lo.floor)
    if fl == lo { return lo }
    if fl + 1 <= hi { return fl + 1 }
    // lo and hi share the integer part fl: recurse on the reciprocals of the fractional parts.
    return fl + simplestRational(between: (hi - fl).reciprocal, and: (lo - fl).reciprocal).reciprocal
}

extension Economy {
    /// Tries to turn an approximate equilibrium into an exact, checked one.
    ///
    /// Untrusted guesses, each judged by `EquilibriumChecker`:
    /// - the approximate price itself, when its error is already 0;
    /// - the simplest rational price within `2^-k` of it, for growing `k`
    ///   (rational reconstruction): an equilibrium with small denominators
    ///   is recovered from a fine enough approximation;
    /// - for a pure Cobb–Douglas exchange economy, the solution of the
    ///   linear system `p_j Σ_h ω_hj = Σ_h α_hj (p·ω_h)`, `Σp = 1`;
    /// - the regime of the approximate price solved by Newton's method
    ///   (`regimeCandidates`: which goods are free, which activities break
    ///   even, which goods linear consumers buy), rounded to simple rationals.
    /// At each guess the optimal selections with least error are chosen by
    /// exact LP (`bestSelection`); a certificate is built only when that
    /// error is exactly 0, and returned only when the checker accepts it.
    ///
    /// `closedForms: false` leaves out both solves, so tests can
    /// check that reconstruction from the search alone finds the same price.
    public func exactEquilibrium(near approximate: ApproximateEquilibrium, finestMesh: Int,
                                 closedForms: Bool = true) -> CheckedEquilibrium? {
        var guesses: [Vector] = [approximate.prices]
        if closedForms, let p = cobbDouglasExchangeEquilibrium() { guesses.append(p) }
        if closedForms { guesses += regimeCandidates(near: approximate) }
        var k = 4
        while k <= 62 && (1 << k) <= finestMesh * 4 {
            if let p = reconstructedPrice(approximate.prices, tolerance: Rational(1, 1 << k)) { guesses.append(p) }
            k += 4
        }
        var tried = Set<Vector>()
        for p in guesses where tried.insert(p).inserted {
            if let checked = checkedEquilibrium(at: p) { return checked }
        }
        return nil
    }

    /// The equilibrium at exactly `p`, if optimal choices clear there: the
    /// least-error selection (`bestSelection`), made a certificate, accepted
    /// by `EquilibriumChecker`.
    public func checkedEquilibrium(at p: Vector) -> CheckedEquilibrium? {
        guard let e = bestSelection(at: p), e.equilibriumError.isZero, let certificate = certificate(for: e),
              case .success(let checked) = EquilibriumChecker.check(certificate, for: self) else { return nil }
        return checked
    }

    func reconstructedPrice(_ p: Vector, tolerance: Rational) -> Vector? {
        let guess = Vector(p.entries.map { simplestRational(between: max(.zero, $0 - tolerance), and: $0 + tolerance) })
        let total = guess.entries.reduce(Rational.zero, +)
        guard total.signum() > 0 else { return nil }
        return Vector(guess.entries.map { $0 / total })
    }

    /// The equilibrium of a pure Cobb–Douglas exchange economy, solved exactly.
    ///
    /// Prices solve `p_j Ω_j = Σ_h α_hj (p·ω_h)` (`Ω` the total endowment, `α_h` the normalised
    /// exponents) with `Σp = 1`: `n` unknowns. With fewer consumers than goods the incomes
    /// `m_h = p·ω_h` are the better unknowns: `p_j = Σ_h α_hj m_h / Ω_j`, so `m = M m` with
    /// `M_kh = Σ_j ω_kj α_hj / Ω_j` and `Σ_j Σ_h α_hj m_h / Ω_j = 1`: `H` unknowns, built in `O(n H²)`.
    /// (On solutions `p = A m` and `m = W p`, with `A_jh = α_hj / Ω_j` and `W` the endowments, so the two
    /// maps are inverse bijections between the two solution sets.) The smaller system is solved; above
    /// `maximumUnknowns` neither is, because a dense exact solve cannot be stopped by the audit's budget,
    /// nor above `maximumWork` rational operations to build it (the build checks the budget per row).
    /// Untrusted: the caller's checker judges the price.
    public func cobbDouglasExchangeEquilibrium(maximumUnknowns: Int = 600, maximumWork: Int = 20_000_000) -> Vector? {
        guard firms.isEmpty else { return nil }
        var alphas: [Vector] = []
        for c in consumers {
            guard case .cobbDouglas(let a) = c.utility else { return nil }
            let total = a.entries.reduce(Rational.zero, +)
            alphas.append(Vector(a.entries.map { $0 / total }))
        }
        let n = commodityCount, h = consumers.count
        let omega = totalEndowment
        let byIncomes = h < n && omega.entries.allSatisfy { $0.signum() > 0 }
        guard (byIncomes ? h : n) <= maximumUnknowns, n * h * min(n, h) <= maximumWork else { return nil }
        let budget = Budget.current
        var rows: [[Rational]] = []
        if byIncomes {
            let share = (0..<n).map { j in (0..<h).map { alphas[$0][j] / omega[j] } }   // α_hj / Ω_j
            for k in 0..<(h - 1) {
                if budget.isExhausted { return nil }
                var row = [Rational](repeating: .zero, count: h)
                row[k] -= 1
                for j in 0..<n where !consumers[k].endowment[j].isZero {
                    for i in 0..<h { row[i] += consumers[k].endowment[j] * share[j][i] }
                }
                rows.append(row)
            }
            rows.append((0..<h).map { i in (0..<n).reduce(Rational.zero) { $0 + share[$1][i] } })
        } else {
            for j in 0..<(n - 1) {
                if budget.isExhausted { return nil }
                var row = [Rational](repeating: .zero, count: n)
                row[j] += omega[j]
                for (k, c) in consumers.enumerated() {
                    for i in 0..<n { row[i] -= alphas[k][j] * c.endowment[i] }
                }
                rows.append(row)
            }
            rows.append([Rational](repeating: 1, count: n))
        }
        let size = rows.count
        var rhs = [Rational](repeating: .zero, count: size)
        rhs[size - 1] = 1
        // FLINT beyond a few dozen unknowns (verified by substitution), fraction-free elimination below. No
        // second, uninterruptible solve when FLINT finds the system singular (a continuum of equilibria).
        let matrix = Matrix(rows: rows), b = Vector(rhs)
        let solution = size >= 40 ? FlintLinearAlgebra.verifiedSolve(matrix, b) : matrix.solve(b)
        guard let solution else { return nil }
        let p = byIncomes
            ? Vector((0..<n).map { j in (0..<h).reduce(Rational.zero) { $0 + alphas[$1][j] * solution[$1] } / omega[j] })
            : solution
        guard p.allSatisfy({ $0.signum() >= 0 }) else { return nil }
        return p
    }

    /// The certificate for an allocation with error 0: firms' LP duals and
    /// the multipliers of satiable consumers whose budget binds.
    func certificate(for e: ApproximateEquilibrium) -> EquilibriumCertificate? {
        let p = e.prices
        let duals = EquilibriumCertificate.profitDuals(self, prices: p)
        var multipliers: [Rational] = []
        for (h, c) in consumers.enumerated() {
            guard case .satiableQuadratic(let b, let weights) = c.utility, e.allocation[h] != b else {
                multipliers.append(.zero)
                continue
            }
            let x = e.allocation[h]
            guard let i = x.indices.first(where: { p[$0].signum() > 0 && x[$0].signum() > 0 }) else { return nil }
            multipliers.append(2 * weights[i] * (b[i] - x[i]) / p[i])
        }
        return EquilibriumCertificate(prices: p, allocation: e.allocation, production: e.production, levels: e.levels,
                                      firmDuals: duals, consumerMultipliers: multipliers)
    }
}
