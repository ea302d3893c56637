public import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import ContractionCertificates

/// Which inequalities of an equilibrium bind: the part of an equilibrium
/// that is combinatorial. Fixing it turns "equilibrium" into a square
/// system of equations (`EnclosureChecker` writes it out).
public struct RegimeClaim: Sendable, Hashable {
    /// A constant-returns activity: activity `activity` of firm `firm`.
    public struct Activity: Sendable, Hashable, Comparable {
        public let firm: Int
        public let activity: Int
        public init(firm: Int, activity: Int) { self.firm = firm; self.activity = activity }
        public static func < (a: Activity, b: Activity) -> Bool { (a.firm, a.activity) < (b.firm, b.activity) }
    }
    /// An output of a quadratic-cost firm: good `good` of firm `firm`.
    public struct Output: Sendable, Hashable, Comparable {
        public let firm: Int
        public let good: Int
        public init(firm: Int, good: Int) { self.firm = firm; self.good = good }
        public static func < (a: Output, b: Output) -> Bool { (a.firm, a.good) < (b.firm, b.good) }
    }

    /// Goods whose price is 0; they may be in excess supply (free disposal).
    public var freeGoods: [Int]
    /// Constant-returns activities whose level is an unknown (they break
    /// even); every other activity is idle and must not earn a profit.
    public var activeActivities: [Activity]
    /// Quadratic-cost outputs at their capacity; every other output is below it.
    public var cappedOutputs: [Output]

    public init(freeGoods: [Int] = [], activeActivities: [Activity] = [], cappedOutputs: [Output] = []) {
        self.freeGoods = freeGoods
        self.activeActivities = activeActivities
        self.cappedOutputs = cappedOutputs
    }
}

/// Evidence that an equilibrium lies in a box (Krawczyk 1969; Moore 1977).
///
/// The unknowns are the price of every good that is not free (in the
/// order of the commodities), then the level of each active activity (in
/// the regime's order). `EnclosureChecker` evaluates the Krawczyk operator
/// `K(X) = x̃ − Y F(x̃) + (I − Y J(X))(X − x̃)` of the regime's system `F`
/// exactly; `K(X) ⊂ int X` proves that `F` has exactly one zero in `X`,
/// and the regime's inequalities, checked over all of `X`, make it an
/// equilibrium of the economy.
public struct EnclosureCertificate: Sendable, Hashable {
    public var regime: RegimeClaim
    /// `x̃`, a point of the box.
    public var centre: [Rational]
    /// `X`, one interval per unknown.
    public var box: [RationalInterval]
    /// `Y`, square, one row and one column per unknown.
    public var preconditioner: [[Rational]]

    public init(regime: RegimeClaim, centre: [Rational], box: [RationalInterval], preconditioner: [[Rational]]) {
        self.regime = regime
        self.centre = centre
        self.box = box
        self.preconditioner = preconditioner
    }
}

/// An enclosure certificate that passed the checker: only the checker
/// makes one. The economy has exactly one equilibrium with this regime in
/// the box (an irrational one, typically), and the enclosures below hold
/// at it.
public struct CheckedEnclosure: Sendable, Hashable {
    public let economy: Economy
    public let certificate: EnclosureCertificate
    /// One interval per commodity: `[0, 0]` for a free good.
    public let prices: [RationalInterval]
    /// One interval per active activity.
    public let levels: [RationalInterval]
    /// `K(X)`: a tighter enclosure of the unknowns, inside the box.
    public let krawczyk: [RationalInterval]
    /// The sign of `det J` for every `J` in the Jacobian enclosure (every
    /// one is nonsingular, so the sign is constant).
    public let jacobianSign: Int
    /// `true` when every inequality of the regime holds strictly over the
    /// box: positive levels, idle activities losing money, free goods in
    /// excess supply, outputs strictly above or below their capacity. The
    /// equilibrium is then an equilibrium of no other regime (another
    /// regime's inequalities fail there).
    public let isStrict: Bool

    init(economy: Economy, certificate: EnclosureCertificate, prices: [RationalInterval], levels: [RationalInterval],
         krawczyk: [RationalInterval], jacobianSign: Int, isStrict: Bool) {
        self.economy = economy
        self.certificate = certificate
        self.prices = prices
        self.levels = levels
        self.krawczyk = krawczyk
        self.jacobianSign = jacobianSign
        self.isStrict = isStrict
    }

    /// The widest interval of the box.
    public var width: Rational { certificate.box.map(\.width).max() ?? .zero }

    /// The equilibrium's index in Kehoe's convention (1980): the sign of
    /// `det [[−Ĵ, Â_B], [−Â_Bᵀ, 0]]`, `Ĵ` the Jacobian of excess demand
    /// over the priced goods and `Â_B` the active activities, both without
    /// the last priced good. It equals `(−1)^{m−1}` times the sign of the
    /// regime system's Jacobian, `m` the number of priced goods
    /// (proofs-notes/existence.md, "The index").
    public var index: Int {
        let priced = economy.commodityCount - certificate.regime.freeGoods.count
        return priced % 2 == 1 ? jacobianSign : -jacobianSign
    }
}
