import Testing
import ExactArithmetic
import ExactLinearAlgebra
import SeededRandom
@testable import ContractionCertificates

// Cross-examination of the structured contraction bound (StructuredBound.swift)
// against reference implementations written here from the mathematical
// definitions alone. Nothing below calls the code under test to build a
// reference value: the references are
// - the dense matrix, built entry by entry from interval midpoints or from
//   sampled members of the enclosure;
// - the characteristic polynomial by Faddeev–LeVerrier, exact, with
//   Descartes' rule of signs (exact for the real-rooted characteristic
//   polynomial of a symmetric matrix) for the inertia;
// - `Matrix.isPositiveDefinite` (exact LDLᵀ without pivoting, a different
//   method from the bordered, Haynsworth-style elimination under test);
// - Sylvester's law of inertia on matrices built as `Q D Qᵀ`;
// - the spectral norm in floating point by cyclic Jacobi on `AᵀA`, and
//   exactly as "AᵀA − b²I has no positive eigenvalue" (Descartes again).

// MARK: - Random inputs

/// A small rational: zeros, small integers, small fractions, tiny fractions
/// with an odd prime denominator, moderately large numbers and 2^-16 dyadics.
private func drawRational(_ rng: inout SplitMix64) -> Rational {
    switch rng.int(in: 0...11) {
    case 0, 1: return .zero
    case 2...5: return Rational(rng.int(in: -5...5))
    case 6...8: return Rational(rng.int(in: -12...12), [2, 3, 4, 5, 8][rng.int(in: 0...4)])
    case 9: return Rational(rng.int(in: -9...9), 1_000_003)
    case 10: return Rational(rng.int(in: -2000...2000), 7)
    default: return Rational(rng.int(in: -(1 << 20)...(1 << 20)), 1 << 16)
    }
}

/// An interval: a point, a narrow one (width 0 included, so ties), or a wide one.
private func drawInterval(_ rng: inout SplitMix64) -> RationalInterval {
    switch rng.int(in: 0...9) {
    case 0...3:
        return RationalInterval(drawRational(&rng))
    case 4...7:
        let a = drawRational(&rng)
        let w = Rational(rng.int(in: 0...4), [1, 8, 64][rng.int(in: 0...2)])
        return RationalInterval(a, a + w)
    default:
        let a = drawRational(&rng), b = drawRational(&rng)
        return RationalInterval(min(a, b), max(a, b))
    }
}

private func zeroIntervals(_ n: Int) -> [RationalInterval] { [RationalInterval](repeating: .zero, count: n) }

/// A random structured enclosure on `n` commodities: sparse rows (the
/// diagonal more often present), and outer products that are sometimes
/// zero, sometimes `g = u` (so `u − g = 0`) or `g = −u` (so `u + g = 0`).
private func randomJacobian(_ n: Int, _ rng: inout SplitMix64, outerProducts: ClosedRange<Int> = 0...2) -> StructuredJacobian {
    var rows = [[Int: RationalInterval]](repeating: [:], count: n)
    let density = UInt64(rng.int(in: 1...4))
    for i in 0..<n {
        for k in 0..<n where rng.chance(i == k ? 4 : density, in: 5) { rows[i][k] = drawInterval(&rng) }
    }
    var outers: [StructuredJacobian.OuterProduct] = []
    for _ in 0..<rng.int(in: outerProducts) {
        var u = (0..<n).map { _ in drawInterval(&rng) }
        var g = (0..<n).map { _ in drawInterval(&rng) }
        switch rng.int(in: 0...6) {
        case 0: u = zeroIntervals(n)
        case 1: g = u
        case 2: g = u.map { -$0 }
        case 3: u = u.map { RationalInterval($0.midpoint) }; g = g.map { RationalInterval($0.midpoint) }
        default: break
        }
        outers.append(StructuredJacobian.OuterProduct(u: u, g: g))
    }
    return StructuredJacobian(value: zeroIntervals(n), rows: rows, outerProducts: outers)
}

/// How a member is drawn: every interval at random, or every one at its low / high end.
private enum Draw { case random, allLow, allHigh }

/// A member of an interval: an endpoint, the midpoint, or an interior point.
private func pick(_ x: RationalInterval, _ rng: inout SplitMix64, _ draw: Draw) -> Rational {
    if draw == .allLow { return x.lo }
    if draw == .allHigh { return x.hi }
    switch rng.int(in: 0...4) {
    case 0, 1: return x.lo
    case 2: return x.hi
    case 3: return x.midpoint
    default: return x.lo + x.width * Rational(rng.int(in: 0...7), 7)
    }
}

// MARK: - Dense references

private func zeroMatrix(_ n: Int) -> [[Rational]] {
    [[Rational]](repeating: [Rational](repeating: .zero, count: n), count: n)
}

/// `S + Σ_k u_k g_kᵀ` written out densely from chosen values.
private func denseMatrix(_ n: Int, s: (Int, Int) -> Rational, outer: [([Rational], [Rational])]) -> [[Rational]] {
    (0..<n).map { i in
        (0..<n).map { k in outer.reduce(s(i, k)) { $0 + $1.0[i] * $1.1[k] } }
    }
}

/// `J_c`: every interval replaced by its own midpoint, then multiplied out.
private func centreMatrix(_ j: StructuredJacobian) -> [[Rational]] {
    denseMatrix(j.rows.count, s: { i, k in j.rows[i][k]?.midpoint ?? .zero },
                outer: j.outerProducts.map { ($0.u.map(\.midpoint), $0.g.map(\.midpoint)) })
}

/// A member `J = S + Σ u_k g_kᵀ` of the enclosure: each entry of `S` and each
/// coordinate of each `u_k`, `g_k` drawn on its own from its interval
/// (or all at their low ends, or all at their high ends: two vertices).
private func memberMatrix(_ j: StructuredJacobian, _ rng: inout SplitMix64, _ draw: Draw = .random) -> [[Rational]] {
    let n = j.rows.count
    var s = zeroMatrix(n)
    for i in 0..<n { for (k, v) in j.rows[i] { s[i][k] = pick(v, &rng, draw) } }
    let outer = j.outerProducts.map { o in (o.u.map { pick($0, &rng, draw) }, o.g.map { pick($0, &rng, draw) }) }
    return denseMatrix(n, s: { s[$0][$1] }, outer: outer)
}

/// Every vertex of the enclosure's parameter box — each entry of `S` and
/// each coordinate of each `u_k`, `g_k` at its low or its high end — as a
/// dense matrix in floating point; nil when more than `wideLimit` intervals
/// have positive width. `J` is affine in each parameter on its own, so a
/// function convex in `J` (a norm) takes its maximum over the enclosure at a
/// vertex, and one concave in `J` (the least Rayleigh quotient) its minimum:
/// over the vertices the extremes are exact, not sampled.
private func vertexMembers(_ j: StructuredJacobian, wideLimit: Int) -> [[[Double]]]? {
    let n = j.rows.count
    var intervals: [RationalInterval] = []
    for i in 0..<n { for k in 0..<n { intervals.append(j.rows[i][k] ?? .zero) } }
    for o in j.outerProducts { intervals += o.u; intervals += o.g }
    let wide = intervals.indices.filter { !intervals[$0].width.isZero }
    guard wide.count <= wideLimit else { return nil }
    let low = intervals.map(\.lo.displayDouble), high = intervals.map(\.hi.displayDouble)
    return (0..<(1 << wide.count)).map { mask in
        var v = low
        for (bit, index) in wide.enumerated() where mask & (1 << bit) != 0 { v[index] = high[index] }
        var m = (0..<n).map { i in (0..<n).map { k in v[i * n + k] } }
        for o in 0..<j.outerProducts.count {
            let base = n * n + 2 * n * o
            for i in 0..<n { for k in 0..<n { m[i][k] += v[base + i] * v[base + n + k] } }
        }
        return m
    }
}

/// `P(I + ηJ)P`, `P = I − 11ᵀ/n`, in floating point.
private func projectedStep(_ j: [[Double]], _ step: Double) -> [[Double]] {
    let n = j.count
    let a = (0..<n).map { i in (0..<n).map { k in (i == k ? 1 : 0) + step * j[i][k] } }
    let rowMean = a.map { $0.reduce(0, +) / Double(n) }
    let columnMean = (0..<n).map { k in a.reduce(0) { $0 + $1[k] } / Double(n) }
    let mean = rowMean.reduce(0, +) / Double(n)
    return (0..<n).map { i in (0..<n).map { k in a[i][k] - rowMean[i] - columnMean[k] + mean } }
}

/// The dyadic `k/2^20` nearest below (`up` false) or above `x`.
private func dyadic(_ x: Double, up: Bool) -> Rational {
    Rational(Int((x * 1_048_576).rounded(up ? .up : .down)), 1_048_576)
}

private func transpose(_ a: [[Rational]]) -> [[Rational]] {
    let n = a.count
    return (0..<n).map { i in (0..<n).map { a[$0][i] } }
}

private func multiply(_ a: [[Rational]], _ b: [[Rational]]) -> [[Rational]] {
    let n = a.count
    return (0..<n).map { i in
        (0..<n).map { k in (0..<n).reduce(Rational.zero) { a[i][$1].isZero ? $0 : $0 + a[i][$1] * b[$1][k] } }
    }
}

private func combine(_ a: [[Rational]], _ b: [[Rational]], _ f: (Rational, Rational) -> Rational) -> [[Rational]] {
    zip(a, b).map { zip($0, $1).map(f) }
}

/// `sign·(J_c + J_cᵀ)/2 + diagonal·I + shift·11ᵀ`, entry by entry.
private func referenceForm(_ j: StructuredJacobian, sign: Rational, diagonal: Rational, shift: Rational) -> [[Rational]] {
    let c = centreMatrix(j), n = c.count
    return (0..<n).map { i in
        (0..<n).map { k in sign * (c[i][k] + c[k][i]) / 2 + (i == k ? diagonal : .zero) + shift }
    }
}

private func addDiagonal(_ a: [[Rational]], _ d: Rational) -> [[Rational]] {
    var b = a
    for i in b.indices { b[i][i] += d }
    return b
}

/// The characteristic polynomial `det(xI − A)` by Faddeev–LeVerrier, exactly:
/// coefficients `c[0...n]` of `Σ c_k x^k`, `c_n = 1`.
/// `M_0 = 0`; `M_k = A M_{k−1} + c_{n−k+1} I`; `c_{n−k} = −tr(A M_k)/k`.
private func characteristicPolynomial(_ a: [[Rational]]) -> [Rational] {
    let n = a.count
    var c = [Rational](repeating: .zero, count: n + 1)
    c[n] = .one
    var m = zeroMatrix(n)
    for k in stride(from: 1, through: n, by: 1) {
        m = addDiagonal(multiply(a, m), c[n - k + 1])
        let am = multiply(a, m)
        c[n - k] = -(0..<n).reduce(Rational.zero) { $0 + am[$1][$1] } / Rational(k)
    }
    return c
}

private func signChanges(_ coefficients: [Rational]) -> Int {
    let signs = coefficients.map { $0.signum() }.filter { $0 != 0 }
    return zip(signs, signs.dropFirst()).filter { $0 != $1 }.count
}

/// Inertia of a symmetric matrix by Descartes' rule of signs on its
/// characteristic polynomial (exact, since the polynomial is real-rooted):
/// positive roots = sign changes of `p(x)`, negative = those of `p(−x)`,
/// zero = the multiplicity of the root 0.
private func descartesInertia(_ a: [[Rational]]) -> (positive: Int, negative: Int, zero: Int) {
    let p = characteristicPolynomial(a)
    let reflected = p.enumerated().map { $0.offset % 2 == 1 ? -$0.element : $0.element }
    let zero = p.firstIndex { !$0.isZero } ?? 0
    return (signChanges(p), signChanges(reflected), zero)
}

/// `‖A‖₂ ≤ b` exactly: `AᵀA − b²I` has no positive eigenvalue.
private func exactNormIsAtMost(_ a: [[Rational]], _ b: Rational) -> Bool {
    descartesInertia(addDiagonal(multiply(transpose(a), a), -(b * b))).positive == 0
}

// MARK: - Floating-point references

private func doubles(_ a: [[Rational]]) -> [[Double]] { a.map { $0.map(\.displayDouble) } }

/// Eigenvalues of a symmetric matrix by the cyclic Jacobi method.
private func symmetricEigenvalues(_ s: [[Double]]) -> [Double] {
    var a = s
    let n = a.count
    for _ in 0..<100 {
        var off = 0.0, total = 0.0
        for i in 0..<n { for k in 0..<n { total += a[i][k] * a[i][k]; if i != k { off += a[i][k] * a[i][k] } } }
        if off <= 1e-32 * total || off == 0 { break }
        for p in 0..<n {
            for q in (p + 1)..<n where a[p][q] != 0 {
                let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                let t = abs(theta) > 1e150 ? 1 / (2 * theta)
                    : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<n {
                    let akp = a[k][p], akq = a[k][q]
                    a[k][p] = c * akp - s * akq
                    a[k][q] = s * akp + c * akq
                }
                for k in 0..<n {
                    let apk = a[p][k], aqk = a[q][k]
                    a[p][k] = c * apk - s * aqk
                    a[q][k] = s * apk + c * aqk
                }
            }
        }
    }
    return (0..<n).map { a[$0][$0] }
}

/// `‖A‖₂ = √λ_max(AᵀA)`, in floating point.
private func spectralNorm(_ a: [[Double]]) -> Double {
    let n = a.count
    guard n > 0 else { return 0 }
    let gram = (0..<n).map { i in (0..<n).map { k in (0..<n).reduce(0.0) { $0 + a[$1][i] * a[$1][k] } } }
    return max(0, symmetricEigenvalues(gram).max()!).squareRoot()
}

/// An orthonormal basis of `{Σw = 0}` (Helmert's), as the columns of an n×(n−1) matrix.
private func tangentBasis(_ n: Int) -> [[Double]] {
    var b = [[Double]](repeating: [Double](repeating: 0, count: max(n - 1, 0)), count: n)
    for k in stride(from: 1, to: n, by: 1) {
        let scale = 1 / Double(k * (k + 1)).squareRoot()
        for i in 0..<k { b[i][k - 1] = scale }
        b[k][k - 1] = -Double(k) * scale
    }
    return b
}

/// The extreme Rayleigh quotients of `−wᵀJw / ‖w‖²` over `Σw = 0`.
private func tangentCurvatureRange(_ j: [[Double]]) -> (low: Double, high: Double)? {
    let n = j.count
    guard n >= 2 else { return nil }
    let b = tangentBasis(n)
    let h = (0..<(n - 1)).map { p in
        (0..<(n - 1)).map { q in
            var x = 0.0
            for i in 0..<n { for k in 0..<n { x -= b[i][p] * (j[i][k] + j[k][i]) / 2 * b[k][q] } }
            return x
        }
    }
    let e = symmetricEigenvalues(h)
    return (e.min()!, e.max()!)
}

private func isBelow(_ value: Double, _ bound: Rational) -> Bool {
    value <= bound.displayDouble * (1 + 1e-9) + 1e-12
}

// MARK: - Tests

@Suite("Structured bound, cross-examined against independent references")
struct StructuredBoundReferenceTests {
    /// The references themselves, on matrices whose answers are known by hand:
    /// Faddeev–LeVerrier against hand-expanded determinants, Descartes'
    /// inertia, the Jacobi norm, the exact norm test and the Helmert basis.
    @Test func referencesAreRightOnKnownMatrices() {
        // det(xI − [[2,1],[1,2]]) = x² − 4x + 3; eigenvalues 1, 3.
        #expect(characteristicPolynomial([[2, 1], [1, 2]]) == [3, -4, 1])
        // [[0,1],[1,0]]: x² − 1.
        #expect(characteristicPolynomial([[0, 1], [1, 0]]) == [-1, 0, 1])
        #expect(characteristicPolynomial([]) == [1])
        // diag(1, 0, −2, 0): x²(x − 1)(x + 2) = x⁴ + x³ − 2x².
        let d: [[Rational]] = [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, -2, 0], [0, 0, 0, 0]]
        #expect(characteristicPolynomial(d) == [0, 0, -2, 1, 1])
        #expect(descartesInertia(d) == (1, 1, 2))
        #expect(descartesInertia([[0, 1, 0], [1, 0, 1], [0, 1, 0]]) == (1, 1, 1))  // 0, ±√2
        #expect(descartesInertia(zeroMatrix(3)) == (0, 0, 3))

        let rotation: [[Rational]] = [[Rational(3, 5), Rational(-4, 5)], [Rational(4, 5), Rational(3, 5)]]
        #expect(abs(spectralNorm(doubles(rotation)) - 1) < 1e-12)
        #expect(exactNormIsAtMost(rotation, 1) && !exactNormIsAtMost(rotation, Rational(999_999, 1_000_000)))
        let permuted: [[Rational]] = [[0, 3, 0], [0, 0, Rational(-1, 2)], [-5, 0, 0]]
        #expect(abs(spectralNorm(doubles(permuted)) - 5) < 1e-12)
        #expect(exactNormIsAtMost(permuted, 5) && !exactNormIsAtMost(permuted, Rational(4_999_999, 1_000_000)))
        // A Jordan block [[1,1],[0,1]] has norm the golden ratio.
        #expect(abs(spectralNorm([[1, 1], [0, 1]]) - (1 + 5.0.squareRoot()) / 2) < 1e-12)

        // On Σw = 0 the matrix −I has Rayleigh quotient 1 exactly, and 11ᵀ vanishes.
        let n = 5
        let j = (0..<n).map { i in (0..<n).map { k in (i == k ? -1.0 : 0.0) + 7.0 } }
        let range = tangentCurvatureRange(j)!
        #expect(abs(range.low - 1) < 1e-12 && abs(range.high - 1) < 1e-12)
    }

    /// `isPositiveDefinite(centre:…)` against the dense form
    /// `M = sign·Sym(J_c) + diagonal·I + shift·11ᵀ` built from midpoints,
    /// judged by `Matrix.isPositiveDefinite` (exact LDLᵀ) and, once per
    /// case, also by Descartes' rule on `M`'s characteristic polynomial.
    /// The diagonal is placed at the threshold found by exact bisection
    /// (both sides, within ~2^-30 of it), a margin of 1/100 above it, far on
    /// either side, and where some diagonal entry of `M` is exactly 0.
    /// 300 cases × 7 diagonals, n ≤ 8, 0–2 outer products, sign ±1,
    /// shift from 2^-40 to 10^30 and occasionally negative; plus exact
    /// singular corners. Claims: never a false "true" (with the default
    /// dense budget and with a tiny one); and "true" whenever `M − I/100`
    /// is positive definite in nearly every case (the test is not useless).
    @Test func positiveDefinitenessNeverClaimsFalsely() {
        var rng = SplitMix64(seed: 42)
        let shifts: [Rational] = [
            Rational(1, 1 << 40), Rational(1, 1000), Rational(1, 3), 1, 7,
            Rational(1 << 20), Rational(BigInt(10).power(30)), Rational(-1, 4),
        ]
        var falseTrue: [String] = []
        var margin = (cases: 0, proved: 0), outcomes = (yes: 0, no: 0), referenceMismatch: [String] = []
        for index in 0..<300 {
            let n = rng.int(in: 1...8)
            let j = randomJacobian(n, &rng)
            let sign: Rational = rng.chance(1, in: 2) ? 1 : -1
            let shift = shifts[rng.int(in: 0...(shifts.count - 1))]
            let base = referenceForm(j, sign: sign, diagonal: .zero, shift: shift)
            func definite(_ d: Rational) -> Bool { Matrix(rows: addDiagonal(base, d)).isPositiveDefinite }

            // The threshold: lo (not definite) < hi (definite), then 30 bisections.
            let rowSum = (0..<n).map { i in (0..<n).reduce(Rational.zero) { $0 + (base[i][$1] - shift).magnitude } }.max()!
            var lo = -rowSum - 1, hi = rowSum + 1
            while definite(lo) { lo = 2 * lo - 1 }
            while !definite(hi) { hi = 2 * hi + 1 }
            for _ in 0..<30 {
                let middle = (lo + hi) / 2
                if definite(middle) { hi = middle } else { lo = middle }
            }
            let zeroEntry = -(0..<n).map { base[$0][$0] }.min()!  // makes the least diagonal entry of M exactly 0
            let far = drawRational(&rng).magnitude + 1
            let diagonals = [lo, hi, hi + Rational(1, 100), hi + far, lo - far, zeroEntry, (lo + hi) / 2]

            for (which, diagonal) in diagonals.enumerated() {
                let m = addDiagonal(base, diagonal)
                let reference = Matrix(rows: m).isPositiveDefinite
                if which == 0 || which == 5 {
                    let inertia = descartesInertia(m)
                    if inertia.positive + inertia.negative + inertia.zero != n || (inertia.positive == n) != reference {
                        referenceMismatch.append("case \(index): LDLᵀ \(reference), Descartes \(inertia)")
                    }
                }
                let structured = isPositiveDefinite(centre: j, sign: sign, diagonal: diagonal, shift: shift, count: n,
                                                    maximumDenseRest: 64)
                let cramped = isPositiveDefinite(centre: j, sign: sign, diagonal: diagonal, shift: shift, count: n,
                                                 maximumDenseRest: rng.int(in: 0...4))
                if (structured || cramped) && !reference {
                    falseTrue.append("case \(index) n=\(n) sign=\(sign) diagonal=\(diagonal) shift=\(shift): \(j)")
                }
                if structured { outcomes.yes += 1 } else { outcomes.no += 1 }
                if Matrix(rows: addDiagonal(m, Rational(-1, 100))).isPositiveDefinite {
                    margin.cases += 1
                    if structured { margin.proved += 1 }
                }
            }
        }

        // Exact singular corners: with J_c = c·11ᵀ (u = g = 1, no rows), M has
        // eigenvalues `diagonal` (n − 1 times) and `diagonal + n(sign·c + shift)`.
        for n in 2...6 {
            let ones = [RationalInterval](repeating: RationalInterval(1), count: n)
            let j = StructuredJacobian(value: zeroIntervals(n), rows: [[Int: RationalInterval]](repeating: [:], count: n),
                                       outerProducts: [.init(u: ones, g: ones)])
            let corners: [(Rational, Rational, Rational, Bool)] = [
                (Rational(1), Rational(0), Rational(1), false),              // eigenvalue 0 on Σw = 0
                (Rational(-1), Rational(1), Rational(1) - Rational(1, n), false),  // diagonal + n(−1 + shift) = 0
                (Rational(-1), Rational(1), Rational(2), true),
                (Rational(1), Rational(1, 1000), Rational(1, 1 << 30), true),
            ]
            for (sign, diagonal, shift, expected) in corners {
                #expect(Matrix(rows: referenceForm(j, sign: sign, diagonal: diagonal, shift: shift)).isPositiveDefinite
                        == expected, "reference on the corner n=\(n)")
                #expect(isPositiveDefinite(centre: j, sign: sign, diagonal: diagonal, shift: shift, count: n,
                                           maximumDenseRest: 64) == expected,
                        "corner n=\(n) sign=\(sign) diagonal=\(diagonal) shift=\(shift)")
            }
        }

        #expect(falseTrue.isEmpty, "false positive definiteness: \(falseTrue.prefix(3))")
        #expect(referenceMismatch.isEmpty, "the two references disagree: \(referenceMismatch.prefix(3))")
        #expect(outcomes.yes > 200 && outcomes.no > 200, "both answers exercised: \(outcomes)")
        #expect(margin.cases > 200 && margin.proved * 100 >= margin.cases * 95,
                "definite by a margin of 1/100 but not proved: \(margin)")
    }

    /// `positiveEigenvalueCount` (symmetric elimination with 2×2 pivots)
    /// against Descartes' rule on the exact characteristic polynomial, and on
    /// `Q D Qᵀ` (Q unimodular) also against Sylvester's law of inertia: the
    /// count is that of D's positive entries. 240 random matrices (n ≤ 6:
    /// sparse, low-rank ± sums of vvᵀ, congruent to diagonals with zeros and
    /// repeats), fixed corners (zero matrix, empty, zero diagonals, multiples
    /// of I), and non-symmetric ones, which must give nil.
    @Test func positiveEigenvalueCountMatchesDescartes() {
        var rng = SplitMix64(seed: 42)
        var wrong: [String] = []
        func check(_ a: [[Rational]], expected: Int? = nil, _ label: String) {
            let reference = descartesInertia(a)
            if reference.positive + reference.negative + reference.zero != a.count {
                wrong.append("\(label): the reference is not real-rooted on \(a)")
            }
            let got = positiveEigenvalueCount(a)
            if got != reference.positive || (expected != nil && got != expected) {
                wrong.append("\(label): got \(String(describing: got)), Descartes \(reference.positive), "
                             + "Sylvester \(String(describing: expected)) on \(a)")
            }
        }
        for index in 0..<240 {
            let n = rng.int(in: 0...6)
            switch index % 3 {
            case 0:  // sparse symmetric, zeros on the diagonal often
                var a = zeroMatrix(n)
                for i in 0..<n {
                    for k in 0...i where rng.chance(2, in: 5) {
                        let x = i == k && rng.chance(1, in: 2) ? Rational.zero : drawRational(&rng)
                        a[i][k] = x; a[k][i] = x
                    }
                }
                check(a, "sparse \(index)")
            case 1:  // Σ ±v vᵀ: singular, repeated eigenvalues
                var a = zeroMatrix(n)
                for _ in 0..<rng.int(in: 0...3) {
                    let v = (0..<n).map { _ in Rational(rng.int(in: -2...2)) }
                    let s = Rational(rng.int(in: -2...2))
                    for i in 0..<n { for k in 0..<n { a[i][k] += s * v[i] * v[k] } }
                }
                check(a, "low rank \(index)")
            default:  // Q D Qᵀ with Q = L U, unit triangular: inertia of D
                let values: [Rational] = [-2, -1, 0, 0, 1, 3, Rational(1, 2), Rational(-1, 7)]
                let d = (0..<n).map { _ in values[rng.int(in: 0...(values.count - 1))] }
                var l = zeroMatrix(n), u = zeroMatrix(n), dm = zeroMatrix(n)
                for i in 0..<n {
                    l[i][i] = 1; u[i][i] = 1; dm[i][i] = d[i]
                    for k in 0..<i where rng.chance(1, in: 2) { l[i][k] = Rational(rng.int(in: -2...2)) }
                    for k in (i + 1)..<n where rng.chance(1, in: 2) { u[i][k] = Rational(rng.int(in: -2...2)) }
                }
                let q = multiply(l, u)
                check(multiply(multiply(q, dm), transpose(q)), expected: d.filter { $0.signum() > 0 }.count,
                      "congruent \(index) D=\(d)")
            }
        }
        let corners: [([[Rational]], Int)] = [
            ([], 0), ([[0]], 0), ([[5]], 1), ([[-5]], 0),
            ([[0, 1], [1, 0]], 1), ([[0, 0], [0, 0]], 0), ([[1, 1], [1, 1]], 1), ([[-1, -1], [-1, -1]], 0),
            ([[0, 1, 0], [1, 0, 0], [0, 0, 0]], 1), ([[0, 1, 0], [1, 0, 1], [0, 1, 0]], 1),
            ([[1, 1, 1], [1, 1, 0], [1, 0, 1]], 2),  // after the first pivot the rest is [[0, −1], [−1, 0]]
            ([[0, 0, 1], [0, 0, 1], [1, 1, 0]], 1), ([[0, 2, 3], [2, 0, 4], [3, 4, 0]], 1),
            ([[3, 0, 0], [0, 3, 0], [0, 0, 3]], 3), ([[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 0]], 1),
        ]
        for (a, expected) in corners { check(a, expected: expected, "corner") }

        #expect(positiveEigenvalueCount([[1, 2], [3, 4]]) == nil)
        #expect(positiveEigenvalueCount([[0, 1, 0], [1, 0, 0], [0, Rational(1, 1_000_000_007), 0]]) == nil)
        var asymmetric = 0
        for _ in 0..<30 {
            let n = rng.int(in: 2...6)
            var a = zeroMatrix(n)
            for i in 0..<n { for k in 0...i { let x = drawRational(&rng); a[i][k] = x; a[k][i] = x } }
            let i = rng.int(in: 1...(n - 1)), k = rng.int(in: 0...(i - 1))
            a[i][k] += Rational(rng.chance(1, in: 2) ? 1 : -1, rng.int(in: 1...1000))
            if positiveEigenvalueCount(a) != nil { asymmetric += 1 }
        }
        #expect(asymmetric == 0, "non-symmetric matrices given a count: \(asymmetric) of 30")
        #expect(wrong.isEmpty, "wrong counts: \(wrong.prefix(3))")
    }

    /// `structuredBounds` against norms of sampled members: for 200 random
    /// enclosures (n ≤ 8, 0–2 outer products) and 6 members each (all
    /// intervals at their low ends, all at their high ends, and 4 with every
    /// entry and vector coordinate at an endpoint, the midpoint or inside,
    /// on its own) plus the centre, ‖J‖₂ ≤ size, ‖J − J_c‖₂ ≤ width and
    /// ‖(J − Jᵀ)/2‖₂ ≤ skew, with the norms by Jacobi in floating point,
    /// and for the first 60 enclosures also exactly (one member each, by
    /// Descartes on `AᵀA − b²I`). Enclosures with n ≤ 5 and at most 6
    /// intervals of positive width are also checked at every vertex of the
    /// parameter box (`vertexMembers`), where each of these convex norms
    /// takes its supremum over the enclosure. A point enclosure must have width 0.
    @Test func structuredBoundsDominateSampledNorms() {
        var rng = SplitMix64(seed: 42)
        var violations: [String] = [], exhaustive = 0
        for index in 0..<200 {
            let n = index < 40 ? rng.int(in: 1...4) : rng.int(in: 1...8)
            let j = randomJacobian(n, &rng)
            let bounds = structuredBounds(j)
            let centre = centreMatrix(j)
            for sample in 0...6 {
                let member = sample == 0 ? centre : memberMatrix(j, &rng, [1: .allLow, 2: .allHigh][sample] ?? .random)
                let deviation = combine(member, centre, -)
                let skew = combine(member, transpose(member)) { ($0 - $1) / 2 }
                let norms = (spectralNorm(doubles(member)), spectralNorm(doubles(deviation)), spectralNorm(doubles(skew)))
                if !isBelow(norms.0, bounds.size) || !isBelow(norms.1, bounds.width) || !isBelow(norms.2, bounds.skew) {
                    violations.append("case \(index): norms \(norms) vs \(bounds.size.displayDouble), "
                                      + "\(bounds.width.displayDouble), \(bounds.skew.displayDouble) for \(j)")
                }
                if index < 60 && sample == 3 {
                    if !exactNormIsAtMost(member, bounds.size) || !exactNormIsAtMost(deviation, bounds.width)
                        || !exactNormIsAtMost(skew, bounds.skew) {
                        violations.append("case \(index): exact norm above a bound for \(j)")
                    }
                }
            }
            // Small enclosures: every vertex, where each of the three (convex) norms takes its maximum.
            if n <= 5, let vertices = vertexMembers(j, wideLimit: 6) {
                exhaustive += 1
                let c = doubles(centre)
                for v in vertices {
                    let skew = (0..<n).map { i in (0..<n).map { k in (v[i][k] - v[k][i]) / 2 } }
                    let norms = (spectralNorm(v), spectralNorm(zip(v, c).map { zip($0, $1).map(-) }), spectralNorm(skew))
                    if !isBelow(norms.0, bounds.size) || !isBelow(norms.1, bounds.width) || !isBelow(norms.2, bounds.skew) {
                        violations.append("case \(index), a vertex: norms \(norms) vs \(bounds.size.displayDouble), "
                                          + "\(bounds.width.displayDouble), \(bounds.skew.displayDouble) for \(j)")
                    }
                }
            }
            let isPoint = j.rows.allSatisfy { $0.values.allSatisfy { $0.width.isZero } }
                && j.outerProducts.allSatisfy { ($0.u + $0.g).allSatisfy { $0.width.isZero } }
            if isPoint && !bounds.width.isZero { violations.append("case \(index): a point enclosure has width \(bounds.width)") }
        }
        #expect(violations.isEmpty, "bounds below a member's norm: \(violations.prefix(3))")
        #expect(exhaustive >= 40, "enclosures checked at every vertex: \(exhaustive)")
    }

    /// `structuredTangentNormIsAtMost` against `‖P(I + ηJ)P‖₂`,
    /// `P = I − 11ᵀ/n`, for sampled members J (Jacobi in floating point;
    /// also exactly for one member in each of the first 40 acceptances), and
    /// against the Rayleigh quotients of `−Sym(J)` on `Σw = 0`, which the
    /// acceptance implies lie in `[curvature, stiffness]`.
    /// Two families: 120 "negative definite-ish" enclosures (S = −diag(1…4)
    /// plus small off-diagonal entries and small outer products, widths
    /// ≤ 1/64), each tried with 6 (curvature, stiffness, shift, L, η) choices,
    /// L including the tightest the bound can accept; and 120 arbitrary
    /// random enclosures with random choices. Corners: n = 1, n = 2 with a
    /// zero outer product and a zero-width box, stiffness = curvature. Each
    /// acceptance is checked on the centre, the all-low and all-high
    /// vertices and 3 random members; at least 60
    /// acceptances must occur, so the test cannot pass vacuously.
    @Test func tangentNormBoundHoldsForSampledMembers() {
        var rng = SplitMix64(seed: 42)
        var violations: [String] = [], accepted = 0, exactChecks = 0, tried = 0

        func examine(_ j: StructuredJacobian, modulus: Rational, step: Rational, curvature: Rational,
                     stiffness: Rational, shift: Rational, _ label: String) {
            tried += 1
            guard structuredTangentNormIsAtMost(modulus, jacobian: j, step: step, curvature: curvature,
                                                stiffness: stiffness, shift: shift) else { return }
            accepted += 1
            let n = j.rows.count
            let p = (0..<n).map { i in (0..<n).map { k in (i == k ? Rational.one : .zero) - Rational(1, n) } }
            for sample in 0...5 {
                let member = sample == 0 ? centreMatrix(j) : memberMatrix(j, &rng, [1: .allLow, 2: .allHigh][sample] ?? .random)
                let x = multiply(multiply(p, addDiagonal(member.map { $0.map { step * $0 } }, 1)), p)
                let norm = spectralNorm(doubles(x))
                let what = "\(label): L=\(modulus) η=\(step) μ=\(curvature) κ=\(stiffness) γ=\(shift) for \(j)"
                if norm > modulus.displayDouble + 1e-9 { violations.append("‖P(I+ηJ)P‖ = \(norm) > L; \(what)") }
                if let range = tangentCurvatureRange(doubles(member)),
                   range.low < curvature.displayDouble - 1e-9 || range.high > stiffness.displayDouble + 1e-9 {
                    violations.append("−wᵀJw/‖w‖² in \(range), outside [μ, κ]; \(what)")
                }
                if sample == 3 && exactChecks < 40 {
                    exactChecks += 1
                    if !exactNormIsAtMost(x, modulus) { violations.append("exactly ‖P(I+ηJ)P‖ > L; \(what)") }
                }
            }
        }

        // Family 1: contracting on purpose.
        for index in 0..<120 {
            let n = rng.int(in: 2...7)
            var rows = [[Int: RationalInterval]](repeating: [:], count: n)
            func narrow(_ centre: Rational) -> RationalInterval {
                rng.chance(1, in: 3) ? RationalInterval(centre) : RationalInterval(centre, centre + Rational(rng.int(in: 0...2), 128))
            }
            for i in 0..<n {
                rows[i][i] = narrow(-Rational(rng.int(in: 8...32), 8))
                for k in 0..<n where k != i && rng.chance(1, in: 3) { rows[i][k] = narrow(Rational(rng.int(in: -4...4), 16)) }
            }
            let outers = (0..<rng.int(in: 0...2)).map { _ in
                StructuredJacobian.OuterProduct(u: (0..<n).map { _ in narrow(Rational(rng.int(in: -2...2), 8)) },
                                                g: (0..<n).map { _ in narrow(Rational(rng.int(in: -2...2), 8)) })
            }
            let j = StructuredJacobian(value: zeroIntervals(n), rows: rows, outerProducts: outers)
            let skew = structuredBounds(j).skew  // only to choose the tightest L worth asking about
            for _ in 0..<6 {
                let step = [Rational(1, 4), Rational(1, 8), Rational(1, 2)][rng.int(in: 0...2)]
                let curvature = [Rational(1, 2), Rational(1, 4), Rational(1, 16), Rational(3, 4)][rng.int(in: 0...3)]
                let stiffness = [Rational(2), Rational(4), Rational(5), Rational(9, 2)][rng.int(in: 0...3)]
                let shift = [Rational(1 << 20), Rational(1 << 20), Rational(1, 1 << 10), Rational(BigInt(10).power(30))][rng.int(in: 0...3)]
                let tight = max(1 - step * curvature, step * stiffness - 1) + step * skew
                let modulus = [Rational(999, 1000), Rational(9, 10), tight][rng.int(in: 0...2)]
                examine(j, modulus: modulus, step: step, curvature: curvature, stiffness: stiffness, shift: shift,
                        "contracting \(index)")
            }
        }
        let acceptedContracting = accepted

        // Family 2: anything at all.
        for index in 0..<120 {
            let n = rng.int(in: 1...6)
            let j = randomJacobian(n, &rng)
            let curvature = drawRational(&rng).magnitude + Rational(1, 64)
            examine(j, modulus: Rational(rng.int(in: 1...12), 10), step: Rational(1, 1 << rng.int(in: 0...6)),
                    curvature: curvature, stiffness: curvature + drawRational(&rng).magnitude,
                    shift: Rational(1 << rng.int(in: 0...40)), "arbitrary \(index)")
        }

        // Corners.
        let point2 = StructuredJacobian(value: zeroIntervals(2),
                                        rows: [[0: RationalInterval(-2), 1: RationalInterval(Rational(1, 4))],
                                               [0: RationalInterval(Rational(-1, 4)), 1: RationalInterval(-3)]],
                                        outerProducts: [.init(u: zeroIntervals(2), g: zeroIntervals(2))])
        let before = accepted
        examine(point2, modulus: Rational(999, 1000), step: Rational(1, 4), curvature: 2, stiffness: 3,
                shift: Rational(1 << 20), "n = 2, zero outer product, zero-width box")
        // On Σw = 0 (w = (1, −1)) −wᵀJw/‖w‖² is 5/2 exactly: the strict tests refuse μ = κ = 5/2
        // (M₋ is only semidefinite) and any μ above 5/2.
        examine(point2, modulus: Rational(999, 1000), step: Rational(1, 4), curvature: Rational(5, 2),
                stiffness: Rational(5, 2), shift: Rational(1 << 20), "n = 2, stiffness = curvature")
        examine(point2, modulus: 2, step: Rational(1, 4), curvature: Rational(5, 2) + Rational(1, 1000),
                stiffness: 3, shift: Rational(1 << 20), "n = 2, curvature above the truth")
        #expect(accepted == before + 1, "the n = 2 corner: accepted \(accepted - before) of 3 (expected the first only)")
        let one = StructuredJacobian(value: zeroIntervals(1), rows: [[0: RationalInterval(-1, 1)]], outerProducts: [])
        examine(one, modulus: Rational(1, 2), step: 1, curvature: 1, stiffness: 1, shift: 1, "n = 1")

        #expect(violations.isEmpty, "accepted but the bound fails: \(violations.prefix(3))")
        #expect(acceptedContracting >= 60, "too few acceptances to examine: \(acceptedContracting) of 720 (\(tried) tried in all)")
        #expect(exactChecks >= 40)
    }

    /// `structuredTangentNormIsAtMost` against the exact extremes over the
    /// whole enclosure, not samples: for small enclosures (n ≤ 4, at most 8
    /// intervals of positive width, 0–1 outer products) every vertex of the
    /// parameter box is enumerated (`vertexMembers`), which gives the
    /// supremum of `‖P(I + ηJ)P‖₂` and the least and greatest Rayleigh
    /// quotients of `−Sym(J)` on `Σw = 0` (Jacobi in floating point at each
    /// vertex). The curvature, stiffness and L asked about are then placed
    /// around these true values — a little inside, well inside, and a
    /// little beyond (where an acceptance is a false proof) — and L also at
    /// the least value the bound's own formula can accept. An acceptance
    /// must satisfy sup ≤ L, least quotient ≥ μ, greatest ≤ κ.
    /// 150 enclosures × 10 choices (L at the formula's least value half the
    /// time); at least 120 acceptances required (179 at seed 42).
    @Test func tangentNormBoundHoldsAtEveryVertex() {
        var rng = SplitMix64(seed: 42)
        var violations: [String] = [], accepted = 0, tried = 0
        for index in 0..<150 {
            let n = rng.int(in: 2...4)
            var wideBudget = 8
            func entry(_ centre: Rational, _ halfWidths: [Rational]) -> RationalInterval {
                let h = halfWidths[rng.int(in: 0...(halfWidths.count - 1))]
                guard !h.isZero, wideBudget > 0 else { return RationalInterval(centre) }
                wideBudget -= 1
                return RationalInterval(centre - h, centre + h)
            }
            var rows = [[Int: RationalInterval]](repeating: [:], count: n)
            for i in 0..<n {
                rows[i][i] = entry(-Rational(rng.int(in: 8...32), 8), [0, Rational(1, 16), Rational(1, 8), Rational(1, 4)])
                for k in 0..<n where k != i && rng.chance(1, in: 3) {
                    rows[i][k] = entry(Rational(rng.int(in: -4...4), 8), [0, 0, Rational(1, 8), Rational(1, 4)])
                }
            }
            let outers = (0..<rng.int(in: 0...1)).map { _ in
                StructuredJacobian.OuterProduct(
                    u: (0..<n).map { _ in entry(Rational(rng.int(in: -3...3), 8), [0, 0, 0, Rational(1, 8)]) },
                    g: (0..<n).map { _ in entry(Rational(rng.int(in: -3...3), 8), [0, 0, 0, Rational(1, 8)]) })
            }
            let j = StructuredJacobian(value: zeroIntervals(n), rows: rows, outerProducts: outers)
            guard let vertices = vertexMembers(j, wideLimit: 8) else {
                violations.append("case \(index): too many wide intervals (the generator is wrong)")
                continue
            }
            let ranges = vertices.map { tangentCurvatureRange($0)! }
            let least = ranges.map(\.low).min()!, greatest = ranges.map(\.high).max()!
            guard least > 1.0 / 64 else { continue }
            let steps = [Rational(1, 4), Rational(1, 8)]
            let supremum = steps.map { step in vertices.map { spectralNorm(projectedStep($0, step.displayDouble)) }.max()! }
            let skew = structuredBounds(j).skew  // only to choose the least L the formula can accept
            for _ in 0..<10 {
                let s = rng.int(in: 0...1), step = steps[s]
                let curvature = dyadic([least - 1.0 / 64, least * 7 / 8, least + 1.0 / 256, least - 1.0 / 4][rng.int(in: 0...3)],
                                       up: false)
                let stiffness = dyadic([greatest + 1.0 / 64, greatest * 9 / 8, greatest - 1.0 / 256, greatest + 1.0 / 4][rng.int(in: 0...3)],
                                       up: true)
                guard curvature.signum() > 0 else { continue }
                let formula = max(1 - step * curvature, step * stiffness - 1) + step * skew
                let modulus = [formula, formula, formula, dyadic(supremum[s] + 1.0 / 1000, up: true),
                               dyadic(supremum[s] * 0.99, up: false), Rational(999, 1000)][rng.int(in: 0...5)]
                tried += 1
                guard structuredTangentNormIsAtMost(modulus, jacobian: j, step: step, curvature: curvature,
                                                    stiffness: stiffness, shift: Rational(1 << 20)) else { continue }
                accepted += 1
                let what = "case \(index): L=\(modulus) η=\(step) μ=\(curvature) κ=\(stiffness) for \(j)"
                if supremum[s] > modulus.displayDouble + 1e-9 {
                    violations.append("sup ‖P(I+ηJ)P‖ = \(supremum[s]) > L; \(what)")
                }
                if least < curvature.displayDouble - 1e-9 || greatest > stiffness.displayDouble + 1e-9 {
                    violations.append("−wᵀJw/‖w‖² over the enclosure in [\(least), \(greatest)], not in [μ, κ]; \(what)")
                }
            }
        }
        #expect(violations.isEmpty, "accepted but false over the enclosure: \(violations.prefix(3))")
        #expect(accepted >= 120, "too few acceptances to examine: \(accepted) of \(tried)")
    }
}
