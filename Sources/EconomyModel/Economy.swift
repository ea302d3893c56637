public import ExactArithmetic
public import ExactLinearAlgebra

/// A finite Arrow–Debreu production economy with free disposal.
///
/// Commodities `0..<n`; consumers with a utility, an endowment `ω_h ≥ 0`
/// and ownership shares `θ_hf`; firms with a technology `Y_f`. Prices are
/// in the simplex. Income is `w_h(p) = p·ω_h + Σ_f θ_hf π_f(p)` and excess
/// demand is `z(p) = Σ_h x_h(p) − Σ_h ω_h − Σ_f y_f(p)`.
///
/// The model itself checks nothing about hypotheses: shares need not sum
/// to 1 and utilities may be satiable, because the theorem checks must be
/// able to show what breaks when a hypothesis is dropped. The file format
/// is stricter (see `EconomyFormat`).
public struct Economy: Sendable, Hashable {
    public var name: String
    public var commodities: [String]
    public var consumers: [Consumer]
    public var firms: [Firm]
    /// What reports call consumers and firms (an agent economy says
    /// orchestrator and agent). Display only: not part of equality.
    public var nouns = Nouns()

    /// Reports' words for the agents of the economy.
    public struct Nouns: Sendable {
        public var consumer: String
        /// Per firm; nil means `firm` for every one.
        public var firms: [String]?

        public init(consumer: String = "consumer", firms: [String]? = nil) {
            self.consumer = consumer
            self.firms = firms
        }
    }

    public static func == (a: Economy, b: Economy) -> Bool {
        a.name == b.name && a.commodities == b.commodities && a.consumers == b.consumers && a.firms == b.firms
    }

    public func hash(into h: inout Hasher) {
        h.combine(name)
        h.combine(commodities)
        h.combine(consumers)
        h.combine(firms)
    }

    public init(name: String, commodities: [String], consumers: [Consumer], firms: [Firm]) {
        self.name = name
        self.commodities = commodities
        self.consumers = consumers
        self.firms = firms
    }

    public var commodityCount: Int { commodities.count }

    /// `Σ_h ω_h`.
    public var totalEndowment: Vector {
        consumers.reduce(Vector.zero(commodityCount)) { $0 + $1.endowment }
    }

    /// `Σ_h θ_hf` for firm `f`.
    public func shareTotal(ofFirm f: Int) -> Rational {
        consumers.reduce(Rational.zero) { $0 + $1.shares[f] }
    }
}

public struct Consumer: Sendable, Hashable {
    public var name: String
    public var endowment: Vector
    public var utility: Utility
    /// `θ_hf` for every firm `f`, in the economy's firm order (0 when not owned).
    public var shares: [Rational]

    public init(name: String, endowment: Vector, utility: Utility, shares: [Rational]) {
        self.name = name
        self.endowment = endowment
        self.utility = utility
        self.shares = shares
    }
}

public struct Firm: Sendable, Hashable {
    public var name: String
    public var technology: Technology

    public init(name: String, technology: Technology) {
        self.name = name
        self.technology = technology
    }
}

/// The utility kinds, each with exactly computable demand.
public enum Utility: Sendable, Hashable {
    /// `u = Π x_i^{a_i}`, exponents `≥ 0`, not all zero.
    case cobbDouglas(exponents: Vector)
    /// `u = min over a_i > 0 of x_i / a_i`, coefficients `≥ 0`, not all zero.
    case leontief(coefficients: Vector)
    /// `u = Σ w_i x_i`, weights `≥ 0`, not all zero. Demand is a set.
    case linear(weights: Vector)
    /// `u = −Σ w_i (x_i − b_i)²`, weights `> 0`, bliss `b ≥ 0`. Satiated
    /// (violates local non-satiation) when the bliss point is affordable.
    case satiableQuadratic(bliss: Vector, weights: Vector)
    /// `u = min(Σ w_i x_i, cap)`, weights `≥ 0` not all zero, cap `> 0`.
    /// Thick indifference at the cap: the First Welfare Theorem's textbook failure.
    case cappedLinear(weights: Vector, cap: Rational)

    public var kind: String {
        switch self {
        case .cobbDouglas: "cobb-douglas"
        case .leontief: "leontief"
        case .linear: "linear"
        case .satiableQuadratic: "satiable-quadratic"
        case .cappedLinear: "capped-linear"
        }
    }

    /// `true` for kinds that satisfy local non-satiation everywhere.
    public var isLocallyNonSatiated: Bool {
        switch self {
        case .cobbDouglas, .leontief, .linear: true
        case .satiableQuadratic, .cappedLinear: false
        }
    }
}

/// The technology kinds. Every one allows inaction (`0 ∈ Y`).
public enum Technology: Sendable, Hashable {
    /// `Y = { A·λ : λ ≥ 0, Σλ ≤ bound }`, one activity per column of `A`
    /// (negative entries are inputs). No bound: a constant-returns cone.
    case activities([Vector], bound: Rational?)
    /// `Y = {0} ∪ modes`. Not convex: existence and the second welfare
    /// theorem can fail.
    case discreteModes([Vector])
    /// A smooth, strictly convex technology with single-valued supply:
    /// outputs `0 ≤ y_i ≤ capacity_i` for every `i` with `scale_i > 0`,
    /// using `C = Σ y_i² / (2·scale_i)` units of the `input` bundle `b`
    /// (non-negative, not zero, no output in it): the production is
    /// `y − C·b`. Supply: `y_i = min(capacity_i, scale_i·p_i / p·b)`,
    /// rational in `p`. A bundle of one commodity is the classic single
    /// input; a bundle over several resources and time bins is a cost paid
    /// in a fixed profile of them (smooth agents).
    case quadraticCost(input: Vector, scale: Vector, capacity: Vector)

    /// A quadratic cost paid in one commodity.
    public static func quadraticCost(inputCommodity k: Int, scale: Vector, capacity: Vector) -> Technology {
        .quadraticCost(input: .unit(k, count: scale.count), scale: scale, capacity: capacity)
    }

    public var kind: String {
        switch self {
        case .activities: "activities"
        case .discreteModes: "discrete-modes"
        case .quadraticCost: "quadratic-cost"
        }
    }

    public var isConvex: Bool {
        if case .discreteModes = self { return false }
        return true
    }
}
