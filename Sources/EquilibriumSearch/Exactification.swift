public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
import FlintLinearAlgebra

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

    /// The equilibrium of a pure Cobb–Douglas exchange economy, solved exactly:
    /// `p_j Σ_h ω_hj − Σ_h α_hj (p·ω_h) = 0` for all goods but the last, and `Σp = 1`.
    public func cobbDouglasExchangeEquilibrium() -> Vector? {
        guard firms.isEmpty else { return nil }
        var alphas: [Vector] = []
        for c in consumers {
            guard case .cobbDouglas(let a) = c.utility else { return nil }
            let total = a.entries.reduce(Rational.zero, +)
            alphas.append(Vector(a.entries.map { $0 / total }))
        }
        let n = commodityCount
        let omega = totalEndowment
        var rows: [[Rational]] = []
        for j in 0..<(n - 1) {
            var row = [Rational](repeating: .zero, count: n)
            row[j] += omega[j]
            for (h, c) in consumers.enumerated() {
                for i in 0..<n { row[i] -= alphas[h][j] * c.endowment[i] }
            }
            rows.append(row)
        }
        rows.append([Rational](repeating: 1, count: n))
        var rhs = [Rational](repeating: .zero, count: n)
        rhs[n - 1] = 1
        // FLINT beyond a few dozen goods (verified by substitution), fraction-free elimination below.
        let matrix = Matrix(rows: rows), b = Vector(rhs)
        let solution = n >= 40 ? FlintLinearAlgebra.verifiedSolve(matrix, b) ?? matrix.solve(b) : matrix.solve(b)
        guard let p = solution, p.allSatisfy({ $0.signum() >= 0 }) else { return nil }
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
