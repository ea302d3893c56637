import Testing
import ExactArithmetic
import ExactLinearAlgebra
import SeededRandom
import _TestSupport

@Suite("Exact linear algebra")
struct LinearAlgebraTests {
    @Test func bareissDeterminantEqualsCofactorExpansion() {
        var rng = SplitMix64(seed: 0x5EED_0101)
        for i in 0..<scaledIterations(300) {
            let n = rng.int(in: 0...5)
            let m = rng.smallMatrix(n, n)
            #expect(m.determinant == cofactorDeterminant(m), "iteration \(i), seed 0x5EED0101:\n\(m)")
        }
    }

    @Test func singularMatricesHaveZeroDeterminantAndNoInverse() {
        var rng = SplitMix64(seed: 0x5EED_0102)
        for i in 0..<scaledIterations(100) {
            let n = rng.int(in: 2...6)
            var rows = rng.smallMatrix(n - 1, n).rows.map(\.entries)
            // The last row is a combination of two others: rank n − 1.
            let a = rng.smallRational(), b = rng.smallRational()
            rows.append((0..<n).map { a * rows[0][$0] + b * rows[n - 2][$0] })
            let m = Matrix(rows: rows)
            #expect(m.determinant == .zero, "iteration \(i):\n\(m)")
            #expect(m.inverse == nil, "iteration \(i)")
            #expect(m.rank < n, "iteration \(i)")
        }
    }

    @Test func inverseTimesMatrixIsIdentity() {
        var rng = SplitMix64(seed: 0x5EED_0103)
        for i in 0..<scaledIterations(100) {
            let n = rng.int(in: 1...7)
            let m = rng.smallMatrix(n, n)
            guard let inv = m.inverse else {
                #expect(m.determinant == .zero, "no inverse but det ≠ 0, iteration \(i)")
                continue
            }
            #expect(m * inv == .identity(n), "iteration \(i):\n\(m)")
            #expect(inv * m == .identity(n), "iteration \(i):\n\(m)")
        }
    }

    @Test func determinantIsMultiplicative() {
        var rng = SplitMix64(seed: 0x5EED_0104)
        for i in 0..<scaledIterations(100) {
            let n = rng.int(in: 1...6)
            let a = rng.smallMatrix(n, n), b = rng.smallMatrix(n, n)
            #expect((a * b).determinant == a.determinant * b.determinant, "iteration \(i)")
        }
    }

    @Test func solveSatisfiesTheSystem() {
        var rng = SplitMix64(seed: 0x5EED_0105)
        for i in 0..<scaledIterations(100) {
            let n = rng.int(in: 1...12)
            let a = rng.smallMatrix(n, n, maxNumerator: 50, maxDenominator: 7)
            let b = Vector((0..<n).map { _ in rng.smallRational() })
            if let x = a.solve(b) {
                #expect(a * x == b, "iteration \(i)")
            } else {
                #expect(a.determinant == .zero, "iteration \(i)")
            }
        }
    }

    @Test func rankAndNullspaceAgree() {
        var rng = SplitMix64(seed: 0x5EED_0106)
        for i in 0..<scaledIterations(100) {
            let r = rng.int(in: 1...5), c = rng.int(in: 1...6), k = rng.int(in: 1...min(r, c))
            // A product of r×k and k×c has rank at most k.
            let m = rng.smallMatrix(r, k) * rng.smallMatrix(k, c)
            let basis = m.nullspace()
            #expect(m.rank + basis.count == c, "rank–nullity, iteration \(i)")
            #expect(m.rank <= k, "iteration \(i)")
            #expect(m.rank == m.reducedRowEchelonForm().pivotColumns.count, "iteration \(i)")
            for v in basis { #expect((m * v).isZero, "nullspace vector not in kernel, iteration \(i)") }
        }
    }

    @Test func largeIntegerSystemsSolveExactly() {
        // A Hilbert-like system whose solution is known: x = (1, …, 1).
        let n = 10
        let h = Matrix(rows: (0..<n).map { i in (0..<n).map { j in Rational(1, i + j + 1) } })
        let b = h * Vector(repeating: .one, count: n)
        #expect(h.solve(b) == Vector(repeating: .one, count: n))
        #expect(h.determinant.signum() > 0)
    }
}
