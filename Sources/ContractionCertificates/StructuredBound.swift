public import ExactArithmetic

/// Whether `‖P(I + ηJ)P‖₂ ≤ L` for every `J` in a structured enclosure,
/// with work linear in its size: the bound that lets a certificate cover
/// hundreds or thousands of commodities (proofs-notes/convergence.md,
/// "The structured bound").
///
/// Split `J = Sym(J) + Skew(J)`. Three numbers bound every `J` in the
/// enclosure, on the tangent space `T = {Σw = 0}`:
/// - the curvature `μ > 0`: `−wᵀJw ≥ μ‖w‖²`;
/// - the stiffness `κ ≥ μ`: `−wᵀJw ≤ κ‖w‖²`;
/// - the skew size `σ ≥ ‖Skew(J)‖₂`.
/// `P(I + ηSym(J))P` is symmetric on `T` with Rayleigh quotients in
/// `[1 − ηκ, 1 − ημ]`, so `‖P(I + ηJ)P‖ ≤ max(|1 − ημ|, |1 − ηκ|) + ησ`,
/// and `max(1 − ημ, ηκ − 1) + ησ ≤ L` suffices.
///
/// Both curvature bounds are checked at the centre `J_c` of the enclosure
/// (the interval midpoints), with `‖J − J_c‖₂ ≤ ε` (`structuredBounds`):
/// they hold when `M₋ = −Sym(J_c) − (μ + ε)I + γ11ᵀ` and
/// `M₊ = Sym(J_c) + (κ − ε)I + γ11ᵀ` are positive definite (on `T` the
/// shift `γ11ᵀ` vanishes; `isPositiveDefinite`). `σ` is
/// `‖Skew(J_c)‖` bounded entrywise, plus `ε`.
public func structuredTangentNormIsAtMost(_ modulus: Rational, jacobian: StructuredJacobian, step: Rational,
                                          curvature: Rational, stiffness: Rational, shift: Rational,
                                          maximumDenseRest: Int = 64) -> Bool {
    guard curvature.signum() > 0, stiffness >= curvature, shift.signum() > 0, step.signum() > 0 else { return false }
    let n = jacobian.rows.count
    let bounds = structuredBounds(jacobian)
    let contraction = max(1 - step * curvature, step * stiffness - 1) + step * bounds.skew
    guard contraction <= modulus else { return false }
    return isPositiveDefinite(centre: jacobian, sign: -1, diagonal: -(curvature + bounds.width), shift: shift, count: n,
                              maximumDenseRest: maximumDenseRest)
        && isPositiveDefinite(centre: jacobian, sign: 1, diagonal: stiffness - bounds.width, shift: shift, count: n,
                              maximumDenseRest: maximumDenseRest)
}

/// Upper bounds, from the structure, of `‖J‖₂` over the enclosure (`size`),
/// of `ε ≥ ‖J − J_c‖₂` (`width`, `J_c` the midpoints) and of
/// `‖Skew(J_c)‖₂ + ε` (`skew`), as dyadic-rounded rationals.
///
/// Each is a sum of spectral-norm bounds of parts, each part bounded by
/// `‖A‖₂ ≤ ‖M‖₂` for `M ≥ |A|` entrywise and then the smaller of
/// `√(‖M‖₁‖M‖∞)` and, for its off-diagonal part, the Frobenius norm (an
/// arrow-shaped part, a budget that every firm uses, has a Frobenius norm
/// far below its row sums): `‖diag‖ + ‖off‖`. An outer product `ugᵀ` has
/// norm `‖u‖‖g‖`; its deviation `ugᵀ − u_c g_cᵀ` is at most
/// `‖u_c‖‖δg‖ + ‖δu‖(‖g_c‖ + ‖δg‖)`, and `‖Skew(ugᵀ)‖ ≤ ‖u‖‖g‖`.
package func structuredBounds(_ j: StructuredJacobian) -> (size: Rational, width: Rational, skew: Rational) {
    let n = j.rows.count
    func up(_ x: Rational) -> Rational { x.squareRootBounds(bits: 40).upper }
    /// A bound on ‖A‖₂ from entrywise magnitudes given as (row, column, value ≥ 0) triples.
    func norm(_ entries: [(Int, Int, Rational)]) -> Rational {
        var columns = [Rational](repeating: .zero, count: n), rows = columns
        var diagonal = Rational.zero, offColumns = columns, offRows = columns, frobenius = Rational.zero
        for (r, c, v) in entries where !v.isZero {
            columns[c] += v; rows[r] += v
            if r == c { diagonal = max(diagonal, v) } else { offColumns[c] += v; offRows[r] += v; frobenius += v * v }
        }
        let whole = up((columns.max() ?? .zero) * (rows.max() ?? .zero))
        let off = min(up(frobenius), up((offColumns.max() ?? .zero) * (offRows.max() ?? .zero)))
        return min(whole, diagonal + off)
    }
    func length(_ v: [Rational]) -> Rational { up(v.reduce(.zero) { $0 + $1 * $1 }) }
    var magnitudes: [(Int, Int, Rational)] = [], widths: [(Int, Int, Rational)] = [], skews: [(Int, Int, Rational)] = []
    for (i, row) in j.rows.enumerated() {
        for (k, v) in row {
            magnitudes.append((i, k, v.magnitude))
            widths.append((i, k, v.width / 2))
            // Skew(S_c)_{ik} = (S_ik − S_ki)/2, each pair counted once from each side.
            if k != i {
                let m = (v.midpoint - (j.rows[k][i]?.midpoint ?? .zero)).magnitude / 2
                skews.append((i, k, m))
                if j.rows[k][i] == nil { skews.append((k, i, m)) }  // its mirror, which no row lists
            }
        }
    }
    var size = norm(magnitudes), width = norm(widths), skew = norm(skews)
    for o in j.outerProducts {
        let uMagnitude = length(o.u.map(\.magnitude)), gMagnitude = length(o.g.map(\.magnitude))
        let uc = length(o.u.map { $0.midpoint }), du = length(o.u.map { $0.width / 2 })
        let gc = length(o.g.map { $0.midpoint }), dg = length(o.g.map { $0.width / 2 })
        size += uMagnitude * gMagnitude
        width += uc * dg + du * (gc + dg)
        skew += uc * gc
    }
    return (size, width, skew + width)
}

/// Whether `sign·Sym(J_c) + diagonal·I + γ11ᵀ` is positive definite, `J_c`
/// the midpoint of the structured enclosure (see `structuredTangentNormIsAtMost`).
///
/// The matrix is a sparse `A = sign·Sym(S_c) + diagonal·I` plus rank-one
/// terms `σ_l w_l w_lᵀ`: `γ11ᵀ`, and for each outer product
/// `sign·Sym(ugᵀ) = sign·¼((u+g)(u+g)ᵀ − (u−g)(u−g)ᵀ)`. Its inertia is that
/// of the bordered matrix `B = [A W; Wᵀ D]`, `D = diag(−1/σ_l)`, less that
/// of `D` (Haynsworth: `In(B) = In(D) + In(B/D)`, `B/D = A + W diag(σ) Wᵀ`).
/// `B`'s inertia comes from exact elimination: first an independent set
/// `X` of `A`'s graph with positive diagonal (its block is diagonal, its
/// pivots positive), then the small dense rest (at most `maximumDenseRest`
/// rows, or the answer is no). Each diagonal `A_ii` of `X` is first lowered
/// to `d_i = 1/e_i` with `e_i` a dyadic number `≥ 1/A_ii`, which can only
/// lower the matrix, so that the rest stays dyadic.
package func isPositiveDefinite(centre j: StructuredJacobian, sign: Rational, diagonal: Rational, shift: Rational,
                                count n: Int, maximumDenseRest: Int) -> Bool {
    var a = [[Int: Rational]](repeating: [:], count: n)
    for (i, row) in j.rows.enumerated() {
        for (k, v) in row {
            let half = sign * v.midpoint / 2
            a[i][k, default: .zero] += half
            a[k][i, default: .zero] += half
        }
    }
    for i in 0..<n { a[i][i, default: .zero] += diagonal }
    var weights: [Rational] = [shift]
    var vectors: [[Rational]] = [[Rational](repeating: .one, count: n)]
    for o in j.outerProducts {
        let u = o.u.map(\.midpoint), g = o.g.map(\.midpoint)
        weights.append(sign / 4); vectors.append(zip(u, g).map { $0 + $1 })
        weights.append(-sign / 4); vectors.append(zip(u, g).map { $0 - $1 })
    }
    // A zero weight adds nothing, and has no border row (its −1/σ would divide by 0).
    let kept = weights.indices.filter { !weights[$0].isZero }
    weights = kept.map { weights[$0] }
    vectors = kept.map { vectors[$0] }
    let m = weights.count

    // X: an independent set of A's graph with positive diagonal, taken greedily.
    var inX = [Bool](repeating: false, count: n), blocked = inX
    for i in 0..<n where !blocked[i] && (a[i][i] ?? .zero).signum() > 0 {
        inX[i] = true
        for k in a[i].keys where k != i { blocked[k] = true }
    }
    let rest = (0..<n).filter { !inX[$0] }
    guard rest.count + m <= maximumDenseRest else { return false }
    var position = [Int](repeating: -1, count: n)
    for (r, i) in rest.enumerated() { position[i] = r }
    let size = rest.count + m
    // T = B_YY − Σ_{i∈X} e_i B_Yi B_iY, with e_i ≥ 1/A_ii dyadic.
    var t = [[Rational]](repeating: [Rational](repeating: .zero, count: size), count: size)
    for (r, i) in rest.enumerated() {
        for (k, v) in a[i] where !inX[k] { t[r][position[k]] += v }
        for l in 0..<m { t[r][rest.count + l] = vectors[l][i]; t[rest.count + l][r] = vectors[l][i] }
    }
    for l in 0..<m { t[rest.count + l][rest.count + l] = -weights[l].reciprocal }
    for i in 0..<n where inX[i] {
        let e = dyadicUpperBound(a[i][i]!.reciprocal, significantBits: 48)
        var column: [(Int, Rational)] = []
        for (k, v) in a[i] where k != i && !v.isZero { column.append((position[k], v)) }
        for l in 0..<m where !vectors[l][i].isZero { column.append((rest.count + l, vectors[l][i])) }
        for (r, x) in column {
            let ex = e * x
            for (s, y) in column { t[r][s] -= ex * y }
        }
    }
    let x = inX.filter { $0 }.count
    let negativeWeights = weights.filter { $0.signum() < 0 }.count
    guard let positives = positiveEigenvalueCount(t) else { return false }
    return x + positives - negativeWeights == n
}

/// The number of positive eigenvalues of a symmetric matrix, exactly, by
/// symmetric elimination (Sylvester's law of inertia): a nonzero diagonal
/// pivot counts its sign; where every remaining diagonal entry is 0 but
/// some `t_rs` is not, the 2×2 pivot `[0 t_rs; t_rs 0]` counts one of each.
/// `nil` only if the matrix is not symmetric.
package func positiveEigenvalueCount(_ matrix: [[Rational]]) -> Int? {
    var t = matrix
    let n = t.count
    for r in 0..<n { for s in 0..<r where t[r][s] != t[s][r] { return nil } }
    var alive = Array(0..<n)
    var positives = 0
    func eliminate(_ p: Int) {
        let pivot = t[p][p]
        alive.removeAll { $0 == p }
        for r in alive where !t[r][p].isZero {
            let f = t[r][p] / pivot
            for s in alive { t[r][s] -= f * t[p][s] }
        }
    }
    while !alive.isEmpty {
        if let p = alive.first(where: { !t[$0][$0].isZero }) {
            if t[p][p].signum() > 0 { positives += 1 }
            eliminate(p)
            continue
        }
        guard let (r, s) = alive.lazy.flatMap({ r in alive.lazy.map { (r, $0) } }).first(where: { !t[$0.0][$0.1].isZero }) else {
            break  // the rest is zero: no more positive eigenvalues
        }
        // Adding row/column s to r makes t_rr = 2 t_rs ≠ 0 (a congruence, so the inertia is kept).
        for k in 0..<n { t[r][k] += t[s][k] }
        for k in 0..<n { t[k][r] += t[k][s] }
        _ = s
    }
    return positives
}

/// The least number with `significantBits` binary digits that is `≥ x > 0`.
package func dyadicUpperBound(_ x: Rational, significantBits: Int) -> Rational {
    let exponent = x.numerator.bitWidth - x.denominator.bitWidth  // 2^(exponent−1) < x < 2^(exponent+1)
    let shift = significantBits - exponent
    let scale = shift >= 0 ? Rational(BigInt(2).power(shift)) : Rational(BigInt(2).power(-shift)).reciprocal
    return Rational((x * scale).ceiling) / scale
}
