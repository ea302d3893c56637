public import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import ContractionCertificates
public import LPCertificates

/// Evidence that a list of enclosures holds every equilibrium of a small
/// economy: for every regime, a bisection tree over the regime's whole
/// domain whose every leaf either holds no equilibrium of that regime or
/// holds exactly one, enclosed.
public struct CensusCertificate: Sendable, Hashable {
    /// One node of a regime's bisection tree, in preorder.
    public enum Node: Sendable, Hashable {
        /// The box is cut where this unknown equals `at` (strictly inside
        /// its interval); the lower part's subtree follows, then the upper
        /// part's. (The search cuts away from zeros it has seen, so that a
        /// zero never sits on a face, where Krawczyk's test cannot succeed.)
        case split(Int, at: Rational)
        /// No equilibrium of the regime in the box (`EnclosureChecker.excludes`),
        /// with the preconditioner for Krawczyk's exclusion test, if any.
        case excluded(preconditioner: [[Rational]]?)
        /// Exactly one: Krawczyk's test on the box itself, at this centre.
        case enclosed(centre: [Rational], preconditioner: [[Rational]])
    }

    public struct Cover: Sendable, Hashable {
        public let regime: RegimeClaim
        public let tree: [Node]
        public init(regime: RegimeClaim, tree: [Node]) { self.regime = regime; self.tree = tree }
    }

    /// One per regime, every regime of the economy (`CensusChecker.regimes`).
    public let covers: [Cover]
    public init(covers: [Cover]) { self.covers = covers }
}

/// A census that passed the checker: the economy's equilibria are exactly
/// one per enclosure here, provided each is `isStrict` (a strict
/// equilibrium is a zero of its own regime's system only, so none is
/// counted twice).
public struct CheckedCensus: Sendable, Hashable {
    public let economy: Economy
    public let enclosures: [CheckedEnclosure]
    /// Leaves checked, over all regimes.
    public let leaves: Int

    init(economy: Economy, enclosures: [CheckedEnclosure], leaves: Int) {
        self.economy = economy
        self.enclosures = enclosures
        self.leaves = leaves
    }

    /// `true` when every equilibrium found is strict, so that the count is exact.
    public var countIsExact: Bool { enclosures.allSatisfy(\.isStrict) }
}

public enum CensusChecker {
    /// Economies with more regimes than this are not censused.
    public static let maximumRegimes = 4096

    /// Every regime of the economy, in a fixed order: each set of free
    /// goods (not all), each set of active constant-returns activities, each
    /// set of capped quadratic-cost outputs. Nil when the economy has kinds
    /// that enclosures do not cover or too many regimes.
    public static func regimes(_ e: Economy) -> [RegimeClaim]? {
        var activities: [RegimeClaim.Activity] = [], outputs: [RegimeClaim.Output] = []
        for (f, firm) in e.firms.enumerated() {
            switch firm.technology {
            case .activities(let acts, nil): activities += acts.indices.map { .init(firm: f, activity: $0) }
            case .quadraticCost(_, let scale, _): outputs += scale.indices.filter { scale[$0].signum() > 0 }.map { .init(firm: f, good: $0) }
            default: return nil
            }
        }
        let n = e.commodityCount
        guard n + activities.count + outputs.count <= 12 else { return nil }
        func subsets<T>(_ xs: [T]) -> [[T]] {
            (0..<(1 << xs.count)).map { mask in xs.indices.filter { mask & (1 << $0) != 0 }.map { xs[$0] } }
        }
        var all: [RegimeClaim] = []
        for free in subsets(Array(0..<n)) where free.count < n {
            for active in subsets(activities) {
                for capped in subsets(outputs) { all.append(RegimeClaim(freeGoods: free, activeActivities: active, cappedOutputs: capped)) }
            }
        }
        return all.count <= maximumRegimes ? all : nil
    }

    /// The regime's whole domain: prices in `[0, 2]` (equilibrium prices are
    /// in `[0, 1]`), and each active
    /// level in `[0, Λ_k]`. At an equilibrium every good's consumption is
    /// at most what is endowed and produced, `0 ≤ x_i ≤ ω_i + y_i`. For a
    /// good `i` that no active activity outputs, `y_i ≤ Σ_k a_ki λ_k + c_i`
    /// (`c_i` the quadratic-cost capacities of good `i`), so each activity
    /// using `i` has `λ_k ≤ (ω_i + c_i) / |a_ki|`; `Λ_k` is the least such
    /// bound. Nil when some active activity has none.
    public static func domain(_ e: Economy, regime: RegimeClaim) -> [RationalInterval]? {
        try? domainOrWhy(e, regime: regime).get()
    }

    /// The domain, or why there is none (the regime is refused, or a level is unbounded).
    static func domainOrWhy(_ e: Economy, regime: RegimeClaim) -> Result<[RationalInterval], CertificateRejection> {
        let system: RegimeEquations
        do { system = try RegimeEquations(economy: e, regime: regime) } catch { return .failure(error) }
        let n = e.commodityCount
        var capacity = [Rational](repeating: .zero, count: n)
        for f in system.quadraticFirms {
            if case .quadraticCost(_, let scale, let cap) = e.firms[f].technology {
                for i in 0..<n where scale[i].signum() > 0 { capacity[i] += cap[i] }
            }
        }
        let omega = e.totalEndowment
        let inputsOnly = (0..<n).filter { i in system.active.allSatisfy { $0[i].signum() <= 0 } }
        // [0, 2] rather than [0, 1]: a lone priced good has price exactly 1,
        // which must lie inside the domain for Krawczyk's test to enclose it.
        var box = system.priced.map { _ in RationalInterval(.zero, 2) }
        for a in system.active {
            let bounds = inputsOnly.filter { a[$0].signum() < 0 }.map { (omega[$0] + capacity[$0]) / (-a[$0]) }
            guard let bound = bounds.min() else {
                return .failure(CertificateRejection(reason: "an active level has no bound: no good that only active activities use"))
            }
            box.append(RationalInterval(.zero, bound))
        }
        return .success(box)
    }

    public static func check(_ c: CensusCertificate, for e: Economy) -> Result<CheckedCensus, CertificateRejection> {
        guard let expected = regimes(e) else {
            return .failure(CertificateRejection(reason: "a census covers up to 12 goods, activities and quadratic outputs together, "
                                                 + "with constant-returns activities and quadratic-cost firms only"))
        }
        guard c.covers.map(\.regime) == expected else {
            return .failure(CertificateRejection(reason: "the census must cover every regime, once, in the canonical order "
                                                 + "(\(expected.count) regimes; \(c.covers.count) given)"))
        }
        var enclosures: [CheckedEnclosure] = [], leaves = 0
        for cover in c.covers {
            let root: [RationalInterval]
            switch domainOrWhy(e, regime: cover.regime) {
            case .success(let box): root = box
            case .failure(let why): return .failure(CertificateRejection(reason: "regime \(cover.regime): \(why.reason)"))
            }
            var position = 0
            var stack = [root]
            while let box = stack.popLast() {
                guard position < cover.tree.count else {
                    return .failure(CertificateRejection(reason: "regime \(cover.regime): the tree ends before the domain is covered"))
                }
                let node = cover.tree[position]
                position += 1
                switch node {
                case .split(let j, let mid):
                    guard box.indices.contains(j), box[j].lo < mid, mid < box[j].hi else {
                        return .failure(CertificateRejection(reason: "regime \(cover.regime): a cut of unknown \(j) at \(mid) is not "
                                                             + "inside the box"))
                    }
                    var lower = box, upper = box
                    lower[j] = RationalInterval(box[j].lo, mid)
                    upper[j] = RationalInterval(mid, box[j].hi)
                    stack.append(upper)
                    stack.append(lower)  // preorder: the lower half's subtree comes first
                case .excluded(let y):
                    guard EnclosureChecker.excludes(box, regime: cover.regime, in: e, preconditioner: y) != nil else {
                        return .failure(CertificateRejection(reason: "regime \(cover.regime): a leaf claimed empty is not excluded: \(box)"))
                    }
                    leaves += 1
                case .enclosed(let centre, let y):
                    let certificate = EnclosureCertificate(regime: cover.regime, centre: centre, box: box, preconditioner: y)
                    switch EnclosureChecker.check(certificate, for: e) {
                    case .success(let checked): enclosures.append(checked)
                    case .failure(let why):
                        return .failure(CertificateRejection(reason: "regime \(cover.regime): an enclosed leaf fails: \(why.reason)"))
                    }
                    leaves += 1
                }
            }
            guard position == cover.tree.count else {
                return .failure(CertificateRejection(reason: "regime \(cover.regime): \(cover.tree.count - position) nodes left over"))
            }
        }
        return .success(CheckedCensus(economy: e, enclosures: enclosures, leaves: leaves))
    }
}
