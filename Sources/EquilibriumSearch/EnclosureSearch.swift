public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
import ContractionCertificates
public import EnclosureCertificates

// Untrusted: builds enclosure certificates of (typically irrational)
// equilibria. Floating point only seeds it; every certificate is judged by
// `EnclosureChecker`.

/// The most unknowns an enclosure is attempted for (the preconditioner is
/// a dense exact inverse).
public let enclosureMaximumUnknowns = 60

/// `x` rounded to the nearest multiple of `2^-bits`.
func dyadic(_ x: Rational, bits: Int) -> Rational {
    let scale = Rational(BigInt(2).power(bits))
    return Rational((x * scale + Rational(1, 2)).floor) / scale
}

/// `x` rounded to `bits` significant bits (0 stays 0).
func significant(_ x: Rational, bits: Int) -> Rational {
    let magnitude = x.displayDouble
    guard magnitude != 0, magnitude.isFinite else { return x.isZero ? .zero : dyadic(x, bits: bits) }
    return dyadic(x, bits: max(0, bits - Int(magnitude.exponent)))
}

/// The regime of an approximate equilibrium at the price `p` (untrusted):
/// goods priced below `tolerance` are free, constant-returns activities
/// within `tolerance` of breaking even are active, quadratic-cost outputs
/// whose unclipped supply reaches the capacity are capped.
public func regimeClaim(_ economy: Economy, prices p: Vector, tolerance: Rational = Rational(1, 1 << 30)) -> RegimeClaim {
    var regime = RegimeClaim()
    regime.freeGoods = p.indices.filter { p[$0] < tolerance }
    for (f, firm) in economy.firms.enumerated() {
        switch firm.technology {
        case .activities(let acts, nil):
            for (k, a) in acts.enumerated() where p.dot(a) >= -tolerance * (a.l1Norm + 1) {
                regime.activeActivities.append(.init(firm: f, activity: k))
            }
        case .quadraticCost(let b, let scale, let capacity):
            let price = p.dot(b)
            guard price.signum() > 0 else { continue }
            for i in scale.indices where scale[i].signum() > 0 && scale[i] * p[i] / price >= capacity[i] {
                regime.cappedOutputs.append(.init(firm: f, good: i))
            }
        default: break
        }
    }
    return regime
}

/// Starting unknowns for a regime from an approximate price: the priced
/// goods' prices, renormalised, then activity levels that best clear the
/// priced markets (least squares, in floating point: a seed only).
public func regimeStart(_ economy: Economy, regime: RegimeClaim, prices p: Vector) -> [Rational]? {
    guard let system = try? RegimeEquations(economy: economy, regime: regime) else { return nil }
    let total = system.priced.reduce(Rational.zero) { $0 + p[$1] }
    guard total.signum() > 0 else { return nil }
    let x = system.priced.map { p[$0] / total }
    guard !system.active.isEmpty else { return x }
    guard case .defined(let market) = system.reduced.market(at: system.prices(x)) else { return nil }
    let b = system.active.count
    let rows = system.priced
    // Normal equations (AᵀA) λ = Aᵀ z over the priced goods.
    var normal = (0..<b).flatMap { r in
        (0..<b).map { c in rows.reduce(0.0) { $0 + system.active[r][$1].displayDouble * system.active[c][$1].displayDouble } }
    }
    let rhs = (0..<b).map { r in rows.reduce(0.0) { $0 + system.active[r][$1].displayDouble * market.excessDemand[$1].displayDouble } }
    guard let levels = solveDense(&normal, rhs, b) else { return nil }
    return x + levels.map { exactRational(max(0, $0)) }
}

/// An enclosure of the regime's equilibrium near `start` (unknowns), with
/// every interval at most `width` wide, accepted by `EnclosureChecker`; nil
/// when none was found.
///
/// Newton's method on the regime system in exact arithmetic, each iterate
/// rounded to the dyadic grid `2^-(bits)` (bits enough for the width), gives
/// the centre `x̃`; the preconditioner is the inverse of the Jacobian's
/// midpoint at `x̃`, rounded to `2^-64`; the box is `x̃ ± width/2`, then
/// narrower ones if Krawczyk's test fails.
public func enclosure(_ economy: Economy, regime: RegimeClaim, near start: [Rational],
                      width: Rational) -> CheckedEnclosure? {
    guard width.signum() > 0, let system = try? RegimeEquations(economy: economy, regime: regime),
          start.count == system.unknownCount, system.unknownCount <= enclosureMaximumUnknowns else { return nil }
    var bits = 96
    var w = width
    while w < 1 { w *= 2; bits += 1 }
    var x = start.map { dyadic($0, bits: bits) }
    func jacobian(at x: [Rational]) -> Matrix? {
        guard case .success(let e) = system.enclosure(over: x.map { RationalInterval($0) }) else { return nil }
        return Matrix(rows: e.jacobian.map { $0.map(\.midpoint) })
    }
    for _ in 0..<40 {
        guard let f = system.value(at: x), let j = jacobian(at: x), let step = j.solve(Vector(f)) else { return nil }
        x = zip(x, step.entries).map { dyadic($0 - $1, bits: bits) }
        let size = step.entries.map(\.magnitude).max() ?? .zero
        if size * Rational(BigInt(2).power(bits - 8)) < 1 { break }
    }
    guard let inverse = jacobian(at: x)?.inverse else { return nil }
    // 64 significant bits per entry, whatever the entry's scale (economies in units of 10^30 or 10^-30).
    let y = (0..<inverse.rowCount).map { i in (0..<inverse.columnCount).map { significant(inverse[i, $0], bits: 64) } }
    var radius = width / 2
    for _ in 0..<4 {
        let box = x.map { RationalInterval($0 - radius, $0 + radius) }
        let certificate = EnclosureCertificate(regime: regime, centre: x, box: box, preconditioner: y)
        if case .success(let checked) = EnclosureChecker.check(certificate, for: economy) { return checked }
        radius /= 256
    }
    return nil
}

/// An enclosure of an equilibrium near the approximate price `p`: its
/// regime identified, then `enclosure(_:regime:near:width:)`.
public func enclosedEquilibrium(_ economy: Economy, near p: Vector, width: Rational) -> CheckedEnclosure? {
    let regime = regimeClaim(economy, prices: p)
    guard let start = regimeStart(economy, regime: regime, prices: p) else { return nil }
    return enclosure(economy, regime: regime, near: start, width: width)
}
