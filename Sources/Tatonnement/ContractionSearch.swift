public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import ContractionCertificates
import Foundation
import EquilibriumSearch
public import Budgets

/// Budgets of the (untrusted) search for a contraction certificate.
public struct ContractionSearchLimits: Sendable {
    /// Bounded boxes at most, over all radii tried.
    public var maximumBoxes: Int
    /// Bisections of the root box at most along one branch.
    public var maximumDepth: Int
    /// Wall-clock seconds at most.
    public var timeLimit: Double

    public init(maximumBoxes: Int = 20_000, maximumDepth: Int = 40, timeLimit: Double = 30) {
        self.maximumBoxes = maximumBoxes
        self.maximumDepth = maximumDepth
        self.timeLimit = timeLimit
    }
}

/// The Euclidean norm of `P(I + ηDz(p))P` at one price, within `2^-bits`
/// from above: bisection on the exact test `spectralNormIsBelow` (any
/// value above 256 is reported as 512).
/// `nil` where excess demand has no derivative enclosure.
public func tangentNormUpperBound(of economy: Economy, at p: Vector, step: Rational, bits: Int = 24) -> Rational? {
    guard case .success(let e) = economy.excessDemandJacobian(over: p.entries.map { RationalInterval($0) }) else {
        return nil
    }
    let n = p.count
    let proj = tangentProjection(n)
    let jacobian = e.jacobian.map { $0.map(\.midpoint) }
    let a = add(proj, scale(step, multiply(multiply(proj, jacobian), proj)))
    var high = Rational.one
    while !spectralNormIsBelow(high, a) {
        high *= 2
        // Far from a contraction: the exact size no longer matters, and hostile entries could make it huge.
        if high > 256 { return high }
    }
    var low = Rational.zero
    let tolerance = Rational(1, 1 << bits)
    while high - low > tolerance {
        let mid = (low + high) / 2
        if spectralNormIsBelow(mid, a) { high = mid } else { low = mid }
    }
    return high
}

extension TatonnementMap {
    /// An approximate fixed point: `Φ` iterated from `start`, each iterate
    /// rounded to the grid `2^-bits`, until it stops moving or the budget ends.
    public func approximateFixedPoint(from start: Vector, maximumSteps: Int = 4000, bits: Int = 60) -> Vector {
        var p = roundToDyadicSimplex(start, bits: bits)
        let budget = Budget.current
        for _ in 0..<maximumSteps where !budget.isExhausted {
            guard let next = self(p) else { break }
            let rounded = roundToDyadicSimplex(next, bits: bits)
            if rounded == p { break }
            p = rounded
        }
        return p
    }
}

/// Searches for a `ContractionCertificate` around `centre` (untrusted: the
/// result is only a candidate for `ContractionChecker`).
///
/// The target modulus sits halfway between the tangent norm at the centre
/// and 1; boxes are bisected along their widest coordinate until the bound
/// holds on each. The first radius is `min_i c_i / 128` (halved until it is
/// certified), then it doubles up to `min_i c_i / 2` while the budget lasts.
public func searchContractionCertificate(_ economy: Economy, step: Rational, centre: Vector,
                                         limits: ContractionSearchLimits = ContractionSearchLimits())
    -> ContractionCertificate?
{
    guard economy.nonDifferentiableAgents.isEmpty, centre.entries.allSatisfy({ $0.signum() > 0 }),
          let pointNorm = tangentNormUpperBound(of: economy, at: centre, step: step), pointNorm < 1 else { return nil }
    let target = dyadicCeiling((pointNorm + 1) / 2, bits: 16)
    guard target < 1 else { return nil }
    let deadline = Date().addingTimeInterval(limits.timeLimit)
    var boxes = 0
    let largest = dyadicFloor(centre.entries.min()! / 2, bits: 20)
    let map = TatonnementMap(economy: economy, step: step)
    guard let image = map(centre), largest.signum() > 0 else { return nil }
    let drift = squaredNorm(image - centre)

    func attempt(_ radius: Rational) -> ContractionCertificate? {
        let slack = (1 - target) * radius
        guard drift <= slack * slack else { return nil }
        let probe = ContractionCertificate(step: step, centre: centre, radius: radius, modulus: target, tree: [])
        var tree: [ContractionCertificate.Node] = []
        func grow(_ box: [RationalInterval], depth: Int) -> Bool {
            if boxes >= limits.maximumBoxes || Date() >= deadline || Budget.current.isExhausted { return false }
            if boxMissesRegion(box, probe) { tree.append(.outside); return true }
            boxes += 1
            if case .success(let e) = economy.excessDemandJacobian(over: box),
               tangentNormIsAtMost(target, jacobian: e.jacobian, step: step) {
                tree.append(.bounded)
                return true
            }
            guard depth < limits.maximumDepth, box.allSatisfy({ $0.lo.signum() > 0 }) else { return false }
            let k = box.indices.max { box[$0].width < box[$1].width }!
            tree.append(.split(k))
            var lower = box, upper = box
            lower[k] = RationalInterval(box[k].lo, box[k].midpoint)
            upper[k] = RationalInterval(box[k].midpoint, box[k].hi)
            return grow(lower, depth: depth + 1) && grow(upper, depth: depth + 1)
        }
        guard grow(probe.rootBox, depth: 0) else { return nil }
        return ContractionCertificate(step: step, centre: centre, radius: radius, modulus: target, tree: tree)
    }

    // Small balls are cheap and certify a local contraction; then the ball
    // doubles while the budget lasts, keeping the largest certified one.
    var radius = largest / 64
    var best: ContractionCertificate? = nil
    while best == nil && radius >= largest / Rational(1 << 16) && boxes < limits.maximumBoxes && Date() < deadline {
        best = attempt(radius)
        if best == nil { radius /= 2 }
    }
    guard best != nil else { return nil }
    while radius * 2 <= largest && boxes < limits.maximumBoxes && Date() < deadline {
        radius *= 2
        guard let larger = attempt(radius) else { break }
        best = larger
    }
    return best
}

/// The least multiple of `2^-bits` at or above `x`.
package func dyadicCeiling(_ x: Rational, bits: Int) -> Rational {
    let scale = Rational(BigInt(2).power(bits))
    return Rational((x * scale).ceiling) / scale
}

/// The greatest multiple of `2^-bits` at or below `x`.
package func dyadicFloor(_ x: Rational, bits: Int) -> Rational {
    let scale = Rational(BigInt(2).power(bits))
    return Rational((x * scale).floor) / scale
}

extension ContractionSearchLimits: TimeLimited {}

/// Newton's equilibrium (`newtonEquilibriumPrices`, from `start` if given)
/// as an exact price on the dyadic simplex `2^-60`, every price positive:
/// the centre of a structured certificate and of the search for a
/// refuting pair. Nil where Newton's method finds no such price.
public func newtonCentre(_ economy: Economy, from start: Vector?) -> Vector? {
    guard let p = newtonEquilibriumPrices(economy, from: start.map { $0.entries.map(\.displayDouble) }),
          let exact = exactPrice(p, bits: 60) else { return nil }
    let centre = roundToDyadicSimplex(exact, bits: 60)
    return centre.entries.allSatisfy({ $0.signum() > 0 }) ? centre : nil
}

/// What the structured search found or why it stopped.
public enum StructuredSearchOutcome: Sendable {
    case certificate(ContractionCertificate)
    case none(reason: String)
}

/// Searches for a contraction certificate with one `structured` box
/// (`structuredTangentNormIsAtMost`), for economies too large for the
/// dense bound: untrusted, the result is a candidate for `ContractionChecker`.
///
/// 1. The centre: given (`newtonCentre`: Newton's method, rounded to the
///    dyadic simplex `2^-60`).
/// 2. At the centre (a point box): the curvature `μ₀`, the largest
///    `‖J‖·2^-k` (then refined by bisection) for which `−Sym(J) − μ₀I + γ11ᵀ`
///    is proved positive definite, and the stiffness `κ₀`, the least
///    (from `‖J‖` down) for which `Sym(J) + κ₀I + γ11ᵀ` is.
/// 3. The bounds certified: `μ = 7μ₀/8`, `κ = 9κ₀/8` (room for the widths).
///    The step: `step`, or else the largest `2^-k ≤ 2/(μ + κ)`, where
///    `max(1 − ημ, ηκ − 1)` is least among powers of two.
/// 4. The box: half-widths `r = min_i c_i · 4^-j`, largest first, until
///    the bound holds and the ball is invariant, `‖Φ(c) − c‖ ≤ (1 − L) r`.
public func searchStructuredContractionCertificate(_ economy: Economy, step: Rational?, centre: Vector,
                                                   maximumDenseRest: Int = 64) -> StructuredSearchOutcome {
    let n = economy.commodityCount
    guard economy.nonDifferentiableAgents.isEmpty else { return .none(reason: "excess demand is not differentiable") }
    let budget = Budget.current
    guard centre.entries.allSatisfy({ $0.signum() > 0 }),
          case .success(let atCentre) = economy.structuredExcessDemandJacobian(over: centre.entries.map { RationalInterval($0) })
    else { return .none(reason: "no derivative enclosure at the equilibrium found by Newton's method") }
    let size = dyadicUpperBound(structuredBounds(atCentre).size, significantBits: 8)
    guard size.signum() > 0 else { return .none(reason: "excess demand does not move with prices at the equilibrium") }
    // γ: room for the direction 1 that the tangent space leaves out; a larger one only adds a PSD term.
    let gamma = dyadicUpperBound(1024 * size * Rational(n) + 1, significantBits: 8)
    func proved(sign: Rational, _ diagonal: Rational) -> Bool {
        isPositiveDefinite(centre: atCentre, sign: sign, diagonal: diagonal, shift: gamma, count: n,
                           maximumDenseRest: maximumDenseRest)
    }
    // μ ≤ (H_ii + H_jj − 2H_ij)/2 (the quotient at e_i − e_j), so the bisection starts at the least
    // positive diagonal of H = −Sym(J_c): above it the tests fail, and slowly (nothing to eliminate cheaply).
    let diagonal = (0..<n).compactMap { i in atCentre.rows[i][i].map { -$0.midpoint } }.filter { $0.signum() > 0 }
    var mu = min(size, dyadicUpperBound(diagonal.min() ?? size, significantBits: 8)), halvings = 0
    while !proved(sign: -1, -mu) {
        mu /= 2
        halvings += 1
        if halvings > 48 || budget.isExhausted {
            return .none(reason: "−Sym(Dz) is not shown positive definite on Σw = 0 at the equilibrium (curvature below "
                         + "‖Dz‖·2^-48, or none): excess demand does not pull every price direction back")
        }
    }
    var high = 2 * mu
    for _ in 0..<5 where !budget.isExhausted {
        let middle = (mu + high) / 2
        if proved(sign: -1, -middle) { mu = middle } else { high = middle }
    }
    var kappa = size, low = mu
    for _ in 0..<8 where !budget.isExhausted {
        let middle = (low + kappa) / 2
        if proved(sign: 1, middle) { kappa = middle } else { low = middle }
    }
    // Room for the widths over the box: the bounds certified are μ₀·7/8 and κ₀·9/8.
    let curvature = mu * 7 / 8, stiffness = kappa * 9 / 8
    let eta: Rational
    if let step {
        eta = step
    } else {
        var k = 0
        while Rational(1) / Rational(BigInt(2).power(k)) > 2 / (curvature + stiffness), k < 400 { k += 1 }
        eta = Rational(1) / Rational(BigInt(2).power(k))
    }
    let map = TatonnementMap(economy: economy, step: eta)
    guard let image = map(centre) else { return .none(reason: "Φ is undefined at the centre") }
    let drift = squaredNorm(image - centre)
    let smallest = centre.entries.min()!
    var lastReason = "no box was tried within the budget"
    for j in 1...16 where !budget.isExhausted {
        let radius = dyadicFloor(smallest / Rational(BigInt(4).power(j)), bits: 64)
        guard radius.signum() > 0 else { break }
        let box = centre.entries.map { RationalInterval($0 - radius, $0 + radius) }
        guard case .success(let enclosure) = economy.structuredExcessDemandJacobian(over: box) else { continue }
        let bounds = structuredBounds(enclosure)
        let bound = max(1 - eta * curvature, eta * stiffness - 1) + eta * bounds.skew
        guard bound < 1 else {
            lastReason = eta * stiffness - 1 + eta * bounds.skew >= 1
                ? "with η = \(eta) the stiffness κ ≈ \(stiffness.displayDouble) makes ηκ ≥ 2: the step is too large"
                : "the skew part of Dz (≈ \(bounds.skew.displayDouble)) outweighs the curvature μ ≈ \(curvature.displayDouble)"
            if bounds.width * 8 < curvature { break }
            continue
        }
        let modulus = dyadicCeiling(bound, bits: 60)
        guard modulus < 1 else { break }
        let slack = (1 - modulus) * radius
        guard drift <= slack * slack else {
            lastReason = "the centre is not close enough to the fixed point for the ball to be invariant"
            break
        }
        if structuredTangentNormIsAtMost(modulus, jacobian: enclosure, step: eta, curvature: curvature, stiffness: stiffness,
                                         shift: gamma, maximumDenseRest: maximumDenseRest) {
            return .certificate(ContractionCertificate(step: eta, centre: centre, radius: radius, modulus: modulus,
                                                       tree: [.structured(curvature: curvature, stiffness: stiffness, shift: gamma)]))
        }
        lastReason = "the curvature bounds failed over every ball tried (the derivative varies too much)"
    }
    return .none(reason: lastReason)
}
