public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// The orchestrator's price update as a Walrasian tâtonnement:
/// `Φ(p) = proj_Δ(p + η·z(p))`, exactly.
///
/// `z` is the canonical selection of excess demand (the first listed
/// bundle of each consumer and firm); where `z(p)` is undefined (unbounded
/// demand or supply) `Φ(p)` is undefined too.
public struct TatonnementMap: Sendable {
    public let economy: Economy
    /// The step `η > 0`.
    public let step: Rational

    public init(economy: Economy, step: Rational) {
        precondition(step.signum() > 0, "TatonnementMap: step must be positive, found \(step)")
        self.economy = economy
        self.step = step
    }

    public func callAsFunction(_ p: Vector) -> Vector? {
        guard case .defined(let state) = economy.market(at: p) else { return nil }
        return projectOntoSimplex(p + step * state.excessDemand)
    }
}

/// A point of the simplex rounded to the grid `k / 2^bits` with `Σk = 2^bits`:
/// floors first, then one unit to each of the largest remainders.
public func roundToDyadicSimplex(_ p: Vector, bits: Int) -> Vector {
    precondition((1...60).contains(bits), "roundToDyadicSimplex: bits \(bits) out of 1...60")
    let scale = Rational(1 << bits)
    let scaled = p.entries.map { $0 * scale }
    var units = scaled.map { $0.floor }
    let missing = (1 << bits) - units.reduce(BigInt.zero, +).asInt!
    let order = scaled.indices.sorted { (scaled[$0] - Rational(units[$0])) > (scaled[$1] - Rational(units[$1])) || ((scaled[$0] - Rational(units[$0])) == (scaled[$1] - Rational(units[$1])) && $0 < $1) }
    for i in order.prefix(max(0, missing)) { units[i] += 1 }
    return Vector(units.map { Rational($0, BigInt(1 << bits)) })
}
