public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import ContractionCertificates
import Foundation
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
func dyadicCeiling(_ x: Rational, bits: Int) -> Rational {
    let scale = Rational(BigInt(2).power(bits))
    return Rational((x * scale).ceiling) / scale
}

/// The greatest multiple of `2^-bits` at or below `x`.
func dyadicFloor(_ x: Rational, bits: Int) -> Rational {
    let scale = Rational(BigInt(2).power(bits))
    return Rational((x * scale).floor) / scale
}

extension ContractionSearchLimits: TimeLimited {}
