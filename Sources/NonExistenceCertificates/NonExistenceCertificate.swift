public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// Evidence that an economy has no Walrasian equilibrium with free disposal:
/// no price `p` in the simplex with optimal choices that leave `z ≤ 0` and
/// `p_i z_i = 0`. `NonExistenceChecker` decides whether it proves that.
public enum NonExistenceCertificate: Sendable, Hashable {
    /// Two goods: the price line `p(t) = (t, 1 − t)`, `t ∈ [0, 1]`, cut into
    /// points and open intervals (point 0, interval, point, …, point 1), each
    /// with a witness that no price in it is an equilibrium.
    case priceLine([PriceLinePiece])
    /// A reducible linear exchange economy: the `traders` own only `goods`
    /// that no other trader values, and `trader` (one of them) values `good`
    /// (one of them), of which the others own some. Clearing the `goods`
    /// then forces `good`'s price to 0, where `trader`'s demand is unbounded.
    case reducibleExchange(traders: [Int], goods: [Int], trader: Int, good: Int)
    /// A constant-returns `activity` of `firm` that produces from nothing
    /// (`a ≥ 0`, `a ≠ 0`): at any price where it earns something supply is
    /// unbounded, and where it earns nothing its outputs are free, which
    /// makes `consumer`'s demand unbounded.
    case freeProduction(firm: Int, activity: Int, consumer: Int)
}

/// A point (`from == to`) or an open interval `(from, to)` of the price line.
public struct PriceLinePiece: Sendable, Hashable {
    public var from: Rational
    public var to: Rational
    public var witness: PieceWitness

    public init(from: Rational, to: Rational, witness: PieceWitness) {
        self.from = from
        self.to = to
        self.witness = witness
    }

    public var isPoint: Bool { from == to }
}

/// Why no price of a piece is an equilibrium.
public enum PieceWitness: Sendable, Hashable {
    /// At a point: this consumer's demand is unbounded there.
    case unboundedDemand(consumer: Int)
    /// At a point or throughout an interval: this constant-returns activity
    /// earns a positive profit, so supply is unbounded.
    case unboundedSupply(firm: Int, activity: Int)
    /// At a point: directions `λ` (with `λ_i ≥ 0` wherever `p_i = 0`) such
    /// that `λ·z > 0` for every optimal choice, while every equilibrium has
    /// `λ·z ≤ 0`. One direction covers every choice; otherwise one per
    /// combination of how many tied discrete firms run each tied option, in
    /// the order of `NonExistenceChecker.tiedGroups` and `DiscreteChoices`.
    case separated([Vector])
    /// On an open interval: `sign · p_good(t) · z_good(t) > 0` for every `t`
    /// in it and every optimal choice, so `z_good ≠ 0` at a positive price.
    case excess(good: Int, sign: Int)
}

/// A certificate that passed the checker: only the checker makes one.
public struct CheckedNonExistence: Sendable, Hashable {
    public let economy: Economy
    public let certificate: NonExistenceCertificate

    init(economy: Economy, certificate: NonExistenceCertificate) {
        self.economy = economy
        self.certificate = certificate
    }
}

/// Why a certificate does not prove what it claims.
public struct NonExistenceRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

extension NonExistenceCertificate {
    /// What the certificate establishes, in one phrase for reports.
    public var summary: String {
        switch self {
        case .priceLine(let pieces):
            "the price line p = (t, 1 − t) is cut into \(pieces.filter(\.isPoint).count) points and "
                + "\(pieces.filter { !$0.isPoint }.count) open intervals, each with a witness that it holds no equilibrium"
        case .reducibleExchange:
            "the linear exchange economy is reducible: clearing the goods of a group of traders forces a price a trader values to 0"
        case .freeProduction:
            "an activity produces from nothing, so its outputs must be free, where a consumer's demand is unbounded"
        }
    }
}
