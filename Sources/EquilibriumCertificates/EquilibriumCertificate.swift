public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel


/// Evidence that `(prices, allocation, production)` is a Walrasian
/// equilibrium with free disposal. `EquilibriumChecker` decides whether it
/// proves that, with arithmetic only.
public struct EquilibriumCertificate: Sendable, Hashable {
    /// In the simplex: `p ≥ 0`, `Σp = 1`.
    public var prices: Vector
    /// One bundle per consumer.
    public var allocation: [Vector]
    /// One production per firm.
    public var production: [Vector]
    /// Per firm: activity levels (activities), the one-hot mode (discrete
    /// modes), or empty (quadratic cost).
    public var levels: [[Rational]]
    /// Per firm: the dual of its profit-maximisation LP (activities only;
    /// empty otherwise). For `max (p·A) λ` s.t. `Σλ ≤ bound`, `λ ≥ 0` it is
    /// `[μ]` with `μ ≥ p·a_k` for every `k` and `μ ≥ 0`.
    public var firmDuals: [[Rational]]
    /// Per consumer: the budget multiplier `λ` of a satiable-quadratic
    /// consumer whose budget binds (`x_i = max(0, b_i − λ p_i / (2 w_i))`);
    /// 0 for every other consumer.
    public var consumerMultipliers: [Rational]
    /// Per consumer: a lump-sum transfer added to income (the second welfare
    /// theorem's equilibrium with transfers); they must sum to 0. Empty
    /// means none.
    public var transfers: [Rational]

    /// Consumer `h`'s transfer: 0 when `transfers` is empty (no transfer at all).
    public func transfer(_ h: Int) -> Rational { transfers.isEmpty ? .zero : transfers[h] }

    public init(prices: Vector, allocation: [Vector], production: [Vector], levels: [[Rational]],
                firmDuals: [[Rational]], consumerMultipliers: [Rational], transfers: [Rational] = []) {
        self.prices = prices
        self.allocation = allocation
        self.production = production
        self.levels = levels
        self.firmDuals = firmDuals
        self.consumerMultipliers = consumerMultipliers
        self.transfers = transfers
    }
}

/// A certificate that passed the checker: only the checker makes one.
public struct CheckedEquilibrium: Sendable, Hashable {
    public let economy: Economy
    public let certificate: EquilibriumCertificate
    /// `z = Σx − Σω − Σy`: `≤ 0`, with `p_i z_i = 0`.
    public let excessDemand: Vector

    init(economy: Economy, certificate: EquilibriumCertificate, excessDemand: Vector) {
        self.economy = economy
        self.certificate = certificate
        self.excessDemand = excessDemand
    }

    /// `true` when no lump-sum transfer is needed: a Walrasian equilibrium.
    /// Otherwise it is an equilibrium with transfers (the second welfare
    /// theorem's kind), never to be reported as Walrasian.
    public var isWalrasian: Bool { certificate.transfers.allSatisfy(\.isZero) }
}

extension EquilibriumCertificate {
    /// The dual of each firm's profit LP at `p`, in the form the checker
    /// expects: for bounded activities `[μ]` with `μ = max(0, max_k p·a_k)`;
    /// for constant returns (no constraint) and other technologies, `[]`.
    public static func profitDuals(_ economy: Economy, prices p: Vector) -> [[Rational]] {
        economy.firms.map { f in
            guard case .activities(let acts, .some) = f.technology else { return [] }
            return [max(.zero, acts.map { p.dot($0) }.max() ?? .zero)]
        }
    }
}
