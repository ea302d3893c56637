import Testing
import ExactArithmetic
import ExactLinearAlgebra
import SeededRandom
import FlintLinearAlgebra

/// FLINT's solves (untrusted) against our fraction-free elimination, and
/// the integer substitution check against plain rational multiplication.
@Suite("FLINT: exact solves, verified by substitution")
struct FlintSolveTests {
    static func random(_ n: Int, _ rng: inout SplitMix64, fractions: Bool, big: Bool) -> (Matrix, Vector) {
        func entry() -> Rational {
            let numerator = big ? BigInt(rng.int(in: -9...9)) * BigInt(10).power(40) + BigInt(rng.int(in: -9...9))
                                : BigInt(rng.int(in: -9...9))
            return Rational(numerator) / Rational(fractions ? rng.int(in: 1...7) : 1)
        }
        return (Matrix(rows: (0..<n).map { _ in (0..<n).map { _ in entry() } }), Vector((0..<n).map { _ in entry() }))
    }

    /// On random systems (integers, fractions, 40-digit entries; sizes 1 to 30) FLINT's
    /// solution equals Bareiss' exactly, both say "singular" together, and the
    /// substitution check agrees with `A x == b` computed in rationals.
    @Test func flintAgreesWithBareissAndTheCheckWithRationalArithmetic() {
        var rng = SplitMix64(seed: 17)
        var solved = 0
        for trial in 0..<60 {
            let n = [1, 2, 3, 5, 8, 13, 30][trial % 7]
            var (a, b) = Self.random(n, &rng, fractions: trial % 2 == 0, big: trial % 5 == 0)
            if trial % 9 == 0, n > 1 {
                // A repeated row: singular.
                a = Matrix(rows: a.rows.enumerated().map { $0.offset == 1 ? a.row(0).entries : $0.element.entries })
            }
            let reference = a.solve(b)
            let flint = FlintLinearAlgebra.verifiedSolve(a, b)
            #expect(flint == reference, "trial \(trial), n = \(n)")
            if let x = flint {
                solved += 1
                #expect(FlintLinearAlgebra.satisfies(a, x, b) == (a * x == b))
                // A wrong answer, one coordinate off by a tiny amount, fails both.
                var wrong = x
                wrong[n - 1] += Rational(1, BigInt(10).power(60))
                #expect(!FlintLinearAlgebra.satisfies(a, wrong, b) && !(a * wrong == b))
            }
        }
        #expect(solved >= 40)
    }

    @Test func corners() {
        #expect(FlintLinearAlgebra.solve(Matrix(rows: [[0]]), [1]) == nil, "a zero 1×1 matrix is singular")
        #expect(FlintLinearAlgebra.verifiedSolve(Matrix(rows: [[2, 0], [0, 4]]), [0, 0]) == [0, 0])
        #expect(FlintLinearAlgebra.solve(Matrix(rows: [[1, 2, 3]]), [1]) == nil, "not square")
        #expect(FlintLinearAlgebra.verifiedSolve(Matrix(rows: [[Rational(1, 3)]]), [Rational(-2, 7)]) == [Rational(-6, 7)])
        #expect(!FlintLinearAlgebra.satisfies(Matrix(rows: [[1, 0], [0, 1]]), [1, 2], [1]), "mismatched sizes")
    }
}
