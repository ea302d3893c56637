public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// Why a contraction certificate is rejected.
public struct ContractionRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// The trusted check of a `ContractionCertificate`: arithmetic only.
///
/// Verified: (1) `η > 0`, `0 ≤ L < 1`, the centre is in `Δ`, and the root box
/// lies in the open positive orthant; (2) the tree is a complete bisection
/// of the root box, every `outside` box misses `R`, and on every `bounded`
/// box `‖P(I + ηJ)P‖₂ ≤ L` for every `J` in the box's Jacobian enclosure
/// (dense, `tangentNormIsAtMost`; or, on a `structured` box, in linear
/// work through `structuredTangentNormIsAtMost`);
/// (3) `‖Φ(c) − c‖ ≤ (1 − L)·r`.
///
/// Conclusion. For `p, q ∈ R` (convex), the mean-value inclusion along
/// `[q, p]` gives `P(G(p) − G(q)) = Ā(p − q)` for some `Ā` in the hull of the
/// enclosures met, with `G(p) = p + ηz(p)`, so `‖P(G(p) − G(q))‖ ≤ L‖p − q‖`;
/// the projection onto `Δ` ignores shifts along `(1, …, 1)` and is
/// non-expansive, so `‖Φ(p) − Φ(q)‖ ≤ L‖p − q‖`. With (3),
/// `‖Φ(p) − c‖ ≤ L r + (1 − L) r = r`: `Φ(R) ⊆ R`. By Banach, `Φ` has exactly
/// one fixed point `p*` in `R`, and `‖c − p*‖ ≤ ‖Φ(c) − c‖ / (1 − L)`.
/// Whether `p*` is an equilibrium is not this checker's claim: a fixed
/// point of `Φ` has `z(p*) = λ·1` on its support, and `λ = 0` only where
/// Walras' law `p·z(p) = 0` holds (see `contraction`'s hypotheses).
public enum ContractionChecker {
    public static func check(_ c: ContractionCertificate, for economy: Economy) -> Result<CheckedContraction, ContractionRejection> {
        func reject(_ why: String) -> Result<CheckedContraction, ContractionRejection> { .failure(ContractionRejection(reason: why)) }
        let n = economy.commodityCount
        guard c.step.signum() > 0 else { return reject("the step η = \(c.step) is not positive") }
        guard c.modulus.signum() >= 0, c.modulus < 1 else { return reject("the modulus L = \(c.modulus) is not in [0, 1)") }
        guard c.radius.signum() > 0 else { return reject("the radius \(c.radius) is not positive") }
        guard c.centre.count == n, c.centre.entries.reduce(.zero, +) == 1 else {
            return reject("the centre \(c.centre) is not a price vector of the simplex")
        }
        guard c.centre.entries.allSatisfy({ $0 - c.radius > .zero }) else {
            return reject("the box around the centre reaches a zero price")
        }

        var next = 0
        func walk(_ box: [RationalInterval]) -> String? {
            guard next < c.tree.count else { return "the tree ends early" }
            let node = c.tree[next]
            next += 1
            switch node {
            case .split(let k):
                guard (0..<n).contains(k) else { return "split coordinate \(k) out of range" }
                var lower = box, upper = box
                lower[k] = RationalInterval(box[k].lo, box[k].midpoint)
                upper[k] = RationalInterval(box[k].midpoint, box[k].hi)
                return walk(lower) ?? walk(upper)
            case .outside:
                return boxMissesRegion(box, c) ? nil : "a box marked outside meets the region: \(box)"
            case .structured(let curvature, let stiffness, let shift):
                switch economy.structuredExcessDemandJacobian(over: box) {
                case .failure(let why): return "no Jacobian enclosure on \(box.count) price intervals: \(why)"
                case .success(let enclosure):
                    return structuredTangentNormIsAtMost(c.modulus, jacobian: enclosure, step: c.step, curvature: curvature,
                                                         stiffness: stiffness, shift: shift)
                        ? nil : "on the box the structured bound max(1 − ημ, ηκ − 1) + ησ ≤ L with curvature μ = \(curvature) "
                            + "and stiffness κ = \(stiffness) is not proved"
                }
            case .bounded:
                switch economy.excessDemandJacobian(over: box) {
                case .failure(let why): return "no Jacobian enclosure on \(box): \(why)"
                case .success(let enclosure):
                    return tangentNormIsAtMost(c.modulus, jacobian: enclosure.jacobian, step: c.step)
                        ? nil : "on \(box) the bound ‖P(I + ηDz)P‖ ≤ \(c.modulus) is not proved"
                }
            }
        }
        if let why = walk(c.rootBox) { return reject(why) }
        guard next == c.tree.count else { return reject("\(c.tree.count - next) tree nodes left over") }

        guard let image = TatonnementMap(economy: economy, step: c.step)(c.centre) else {
            return reject("Φ is undefined at the centre")
        }
        let slack = (1 - c.modulus) * c.radius
        guard squaredNorm(image - c.centre) <= slack * slack else {
            return reject("‖Φ(c) − c‖² = \(squaredNorm(image - c.centre)) exceeds ((1 − L) r)² = \(slack * slack): "
                          + "the region is not shown invariant")
        }
        return .success(CheckedContraction(c, economy: economy, centreDisplacementSquared: squaredNorm(image - c.centre)))
    }
}

/// Evidence that `Φ(p) = proj_Δ(p + η z(p))` is a contraction with modulus
/// `L < 1` on the ball `R` of the certificate, and maps `R` into itself:
/// only `ContractionChecker` creates one (mathlib's `ContractingWith L Φ`).
///
/// Its conclusions hang off it: the unique fixed point `p*` of `Φ` in `R`
/// is within `fixedPointDistanceBound` of the centre, and Banach's a-priori
/// and a-posteriori bounds hold along every orbit in `R`
/// (`checkBanachBounds`).
public struct CheckedContraction: Sendable {
    public let certificate: ContractionCertificate
    /// The economy the certificate was checked against.
    public let economy: Economy
    /// `‖Φ(c) − c‖²`, exactly.
    public let centreDisplacementSquared: Rational

    fileprivate init(_ certificate: ContractionCertificate, economy: Economy, centreDisplacementSquared: Rational) {
        self.certificate = certificate
        self.economy = economy
        self.centreDisplacementSquared = centreDisplacementSquared
    }

    /// The certified modulus `L`.
    public var modulus: Rational { certificate.modulus }
    public var step: Rational { certificate.step }
    public var centre: Vector { certificate.centre }
    public var radius: Rational { certificate.radius }
    public func regionContains(_ p: Vector) -> Bool { certificate.regionContains(p) }

    /// `ρ ≥ ‖c − p*‖`: Banach's a-posteriori bound `‖Φ(c) − c‖ / (1 − L)`,
    /// with the square root rounded up.
    public var fixedPointDistanceBound: Rational {
        centreDisplacementSquared.squareRootBounds(bits: 64).upper / (1 - modulus)
    }
}

/// Whether a box misses `R = {p ∈ Δ : ‖p − c‖ ≤ r}`: its coordinates cannot
/// sum to 1, or its nearest point to the centre is farther than `r`.
package func boxMissesRegion(_ box: [RationalInterval], _ c: ContractionCertificate) -> Bool {
    let low = box.reduce(Rational.zero) { $0 + $1.lo }, high = box.reduce(Rational.zero) { $0 + $1.hi }
    if low > 1 || high < 1 { return true }
    var nearest = Rational.zero
    for (b, x) in zip(box, c.centre.entries) {
        let gap = x < b.lo ? b.lo - x : (x > b.hi ? x - b.hi : .zero)
        nearest += gap * gap
    }
    return nearest > c.radius * c.radius
}

/// Whether `‖P(I + ηJ)P‖₂ ≤ L` for every `J` in the interval matrix `jacobian`.
///
/// With `C` a dyadic centre of the enclosure and `|J − C| ≤ W` entrywise,
/// `P(I + ηJ)P = A_c + E` with `A_c = P + ηPCP` and `|E| ≤ η|P|W|P|`, so
/// `‖E‖₂ ≤ ‖η|P|W|P|‖₂ ≤ √(‖·‖₁‖·‖∞) ≤ u`. It is proved when
/// `s = L − u > 0` and `s²I − A_cᵀA_c` is positive definite (`‖A_c‖₂ < s`).
public func tangentNormIsAtMost(_ modulus: Rational, jacobian: [[RationalInterval]], step: Rational) -> Bool {
    let n = jacobian.count
    let grid = Rational(BigInt(2).power(40))
    var centre = [[Rational]](repeating: [Rational](repeating: .zero, count: n), count: n)
    var width = centre
    for i in 0..<n {
        for j in 0..<n {
            let m = Rational((jacobian[i][j].midpoint * grid).floor) / grid
            centre[i][j] = m
            width[i][j] = max(jacobian[i][j].hi - m, m - jacobian[i][j].lo)
        }
    }
    let p = tangentProjection(n)
    let pAbs = p.map { $0.map(\.magnitude) }
    let a = add(p, scale(step, multiply(multiply(p, centre), p)))
    let e = scale(step, multiply(multiply(pAbs, width), pAbs))
    let norm1 = (0..<n).map { j in (0..<n).reduce(Rational.zero) { $0 + e[$1][j] } }.max() ?? .zero
    let normInf = e.map { $0.reduce(.zero, +) }.max() ?? .zero
    let u = (norm1 * normInf).squareRootBounds(bits: 48).upper
    let s = modulus - u
    guard s.signum() > 0 else { return false }
    return spectralNormIsBelow(s, a)
}

/// `‖A‖₂ < s`, exactly: `s²I − AᵀA` is positive definite.
public func spectralNormIsBelow(_ s: Rational, _ a: [[Rational]]) -> Bool {
    let n = a.count
    let gram = (0..<n).map { i in (0..<n).map { j in
        (i == j ? s * s : .zero) - (0..<n).reduce(Rational.zero) { $0 + a[$1][i] * a[$1][j] }
    } }
    return Matrix(rows: gram).isPositiveDefinite
}

/// `P = I − 11ᵀ/n`, the orthogonal projection onto `{Σv = 0}`.
package func tangentProjection(_ n: Int) -> [[Rational]] {
    (0..<n).map { i in (0..<n).map { j in (i == j ? Rational.one : .zero) - Rational(1, n) } }
}

package func multiply(_ a: [[Rational]], _ b: [[Rational]]) -> [[Rational]] {
    let n = a.count, m = b.first?.count ?? 0, k = b.count
    return (0..<n).map { i in (0..<m).map { j in (0..<k).reduce(Rational.zero) { $0 + a[i][$1] * b[$1][j] } } }
}

package func add(_ a: [[Rational]], _ b: [[Rational]]) -> [[Rational]] { zip(a, b).map { zip($0, $1).map { $0 + $1 } } }

package func scale(_ c: Rational, _ a: [[Rational]]) -> [[Rational]] { a.map { $0.map { c * $0 } } }
