import CFlint
import ExactArithmetic
public import ExactLinearAlgebra

/// Exact rational linear solves by FLINT (`fmpq_mat_solve`: Dixon's p-adic
/// lifting or a multimodular method over GMP), an order of magnitude faster
/// than fraction-free elimination at hundreds of unknowns. Untrusted: what
/// it returns is used only after `verifiedSolve` has checked `A x = b` by
/// exact substitution in Walras' own arithmetic (`O(n²)` operations).
public enum FlintLinearAlgebra {
    /// `x` with `A x = b`, or nil when `A` is not square or singular.
    public static func solve(_ a: Matrix, _ b: Vector) -> Vector? {
        let n = a.rowCount
        guard a.isSquare, b.count == n, n > 0 else { return nil }
        let fa = cflint_matrix_new(n, n)!, fb = cflint_matrix_new(n, 1)!, fx = cflint_matrix_new(n, 1)!
        defer { cflint_matrix_free(fa); cflint_matrix_free(fb); cflint_matrix_free(fx) }
        for i in 0..<n {
            for j in 0..<n { a[i, j].withRawMPQ { cflint_matrix_set(fa, i, j, $0) } }
            b[i].withRawMPQ { cflint_matrix_set(fb, i, 0, $0) }
        }
        guard cflint_solve(fx, fa, fb) != 0 else { return nil }
        let q = cflint_mpq_new()!
        defer { cflint_mpq_free(q) }
        return Vector((0..<n).map { i in
            cflint_matrix_get(q, fx, i, 0)
            return Rational(copyingRawMPQ: UnsafeRawPointer(q))
        })
    }

    /// `solve`, kept only when `A x = b` holds exactly (`satisfies`).
    public static func verifiedSolve(_ a: Matrix, _ b: Vector) -> Vector? {
        guard let x = solve(a, b), satisfies(a, x, b) else { return nil }
        return x
    }

    /// Whether `A x = b`, exactly, in integers: with `D` the common
    /// denominator of `x` (so `y = D x` is integral) and `L_i` that of row `i`
    /// of `(A | b)`, row `i` holds iff `Σ_j (L_i a_ij)·y_j = L_i b_i·D`. The same
    /// equality as `A x = b`, without a gcd per operation: `O(n²)` products
    /// of a small integer by a big one.
    public static func satisfies(_ a: Matrix, _ x: Vector, _ b: Vector) -> Bool {
        let n = a.rowCount
        guard a.columnCount == x.count, b.count == n else { return false }
        let d = x.entries.reduce(BigInt(1)) { BigInt.lcm($0, $1.denominator) }
        let y = x.entries.map { $0.numerator * d.dividedExactly(by: $0.denominator) }
        for i in 0..<n {
            // Integer entries (the common case) need no lcm and no division.
            var l = b[i].denominator
            for j in 0..<a.columnCount where !a[i, j].isInteger { l = BigInt.lcm(l, a[i, j].denominator) }
            let integral = l == BigInt(1)
            var sum = BigInt(0)
            for j in 0..<a.columnCount where !a[i, j].isZero {
                let coefficient = integral ? a[i, j].numerator : a[i, j].numerator * l.dividedExactly(by: a[i, j].denominator)
                sum.addProduct(coefficient, y[j])
            }
            guard sum == b[i].numerator * l.dividedExactly(by: b[i].denominator) * d else { return false }
        }
        return true
    }
}

extension FlintLinearAlgebra {
    /// For the benchmark's baseline: the best of `runs` timings of FLINT's
    /// `fmpq_mat_solve` alone, on matrices converted once beforehand.
    package static func directSolveSeconds(_ a: Matrix, _ b: Vector, runs: Int) -> Double {
        let n = a.rowCount
        let fa = cflint_matrix_new(n, n)!, fb = cflint_matrix_new(n, 1)!, fx = cflint_matrix_new(n, 1)!
        defer { cflint_matrix_free(fa); cflint_matrix_free(fb); cflint_matrix_free(fx) }
        for i in 0..<n {
            for j in 0..<n { a[i, j].withRawMPQ { cflint_matrix_set(fa, i, j, $0) } }
            b[i].withRawMPQ { cflint_matrix_set(fb, i, 0, $0) }
        }
        var best = Duration.seconds(Int64.max)
        for _ in 0..<max(1, runs) {
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = cflint_solve(fx, fa, fb) }
            best = min(best, elapsed)
        }
        let (seconds, attoseconds) = best.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
