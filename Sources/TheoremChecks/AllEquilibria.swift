public import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
public import EnclosureCertificates
import ContractionCertificates
public import EquilibriumSearch
import Budgets

/// Every equilibrium of a small economy, as far as a checked census proves
/// it (`--all-equilibria`).
public struct EquilibriumCensus: Sendable {
    public struct Member: Sendable {
        /// The enclosure, refined to the requested width when that succeeded.
        public let enclosure: CheckedEnclosure
        /// The same equilibrium, exact, when a rational one lies in the box
        /// and `EquilibriumChecker` accepts it.
        public let exact: CheckedEquilibrium?
        /// Kehoe's index: the sign of the reduced Jacobian's determinant.
        public var index: Int { enclosure.index }
    }

    /// The equilibria found, one per enclosed leaf of the census.
    public let members: [Member]
    /// `true` when `CensusChecker` accepted a census of every regime: then
    /// no equilibrium lies outside the members' boxes.
    public let complete: Bool
    /// `true` when every member is strict, so that none is counted twice.
    public let countIsExact: Bool
    public let leaves: Int
    /// Why the census is incomplete, or what it covered.
    public let reason: String
    /// The census the checker accepted, when complete (for `check`-style re-use and tests).
    public var certificate: CensusCertificate? = nil

    public var indexSum: Int { members.reduce(0) { $0 + $1.index } }

    /// `holds` when the census is complete and exact with one member;
    /// `counterexample` when it is complete and exact with two or more;
    /// otherwise `undecided` (a census that excluded every box proves that
    /// no equilibrium of a covered regime exists, which is not reported as
    /// a verdict on uniqueness).
    public var uniqueness: Outcome {
        guard complete, countIsExact, !members.isEmpty else { return .undecided }
        return members.count == 1 ? .holds : .counterexample
    }

    /// The index theorem (Dierker 1972; Kehoe 1980): the indices of a
    /// regular economy's equilibria sum to +1. Checked only on a complete,
    /// exact census; nil otherwise. `false` is a bug or an irregular economy.
    public var indexTheoremHolds: Bool? { complete && countIsExact && !members.isEmpty ? indexSum == 1 : nil }
}

/// **All equilibria** of a small economy (`--all-equilibria`), with their
/// indices.
///
/// Hypotheses: consumers Cobb–Douglas or Leontief; firms constant-returns
/// activities or quadratic cost; at most 12 goods, activities and
/// quadratic outputs together; every active level bounded by some good
/// that only active activities use (`CensusChecker.domain`).
/// Conclusion: the equilibria are exactly the members, each unique in its
/// box. Checked: the census certificate, by `CensusChecker` (every regime,
/// every leaf excluded or enclosed by `EnclosureChecker`); each member then
/// refined to `width` (an enclosure inside its leaf) and, where a rational
/// point of the box passes `EquilibriumChecker`, reported exact.
/// Uniqueness is claimed only for a complete census with one strict member.
/// Notes: proofs-notes/existence.md ("All equilibria").
public func equilibriumCensus(_ economy: Economy, width: Rational, limits: CensusLimits = CensusLimits()) -> EquilibriumCensus {
    func incomplete(_ why: String) -> EquilibriumCensus {
        EquilibriumCensus(members: [], complete: false, countIsExact: false, leaves: 0, reason: why)
    }
    let certificate: CensusCertificate
    switch searchCensus(economy, limits: limits) {
    case .certificate(let c): certificate = c
    case .undecided(let why): return incomplete(why)
    }
    let checked: CheckedCensus
    switch CensusChecker.check(certificate, for: economy) {
    case .success(let c): checked = c
    case .failure(let why): return incomplete("the census was rejected by its checker: \(why.reason)")
    }
    let members = checked.enclosures.map { leaf -> EquilibriumCensus.Member in
        var best = leaf
        if let tight = enclosure(economy, regime: leaf.certificate.regime, near: leaf.certificate.centre, width: width),
           zip(tight.certificate.box, leaf.certificate.box).allSatisfy({ $0.lo >= $1.lo && $0.hi <= $1.hi }) {
            best = tight  // inside the leaf, where the zero is unique: the same equilibrium
        }
        return EquilibriumCensus.Member(enclosure: best, exact: exactPoint(in: best, economy))
    }
    let regimes = certificate.covers.count
    var census = EquilibriumCensus(members: members, complete: true, countIsExact: checked.countIsExact, leaves: checked.leaves,
                                   reason: "\(regimes) regimes covered by \(checked.leaves) checked boxes")
    census.certificate = certificate
    return census
}

/// A rational equilibrium inside the enclosure: the simplest rational in
/// each price interval, renormalised, judged by `EquilibriumChecker`; kept
/// only when its price and levels lie in the box (then it is the box's
/// unique zero).
func exactPoint(in e: CheckedEnclosure, _ economy: Economy) -> CheckedEquilibrium? {
    let guess = e.prices.map { $0.lo.signum() >= 0 ? simplestRational(between: $0.lo, and: $0.hi) : Rational.zero }
    let total = guess.reduce(Rational.zero, +)
    guard total.signum() > 0 else { return nil }
    let p = Vector(guess.map { $0 / total })
    guard zip(p.entries, e.prices).allSatisfy({ $1.contains($0) }),
          let checked = economy.checkedEquilibrium(at: p), checked.isWalrasian else { return nil }
    let active = e.certificate.regime.activeActivities
    let levels = active.map { checked.certificate.levels[$0.firm][$0.activity] }
    guard zip(levels, e.levels).allSatisfy({ $1.contains($0) }) else { return nil }
    // Idle activities idle: otherwise the exact point runs another regime, not this box's zero.
    for (f, firm) in economy.firms.enumerated() {
        guard case .activities(let acts, nil) = firm.technology else { continue }
        for k in acts.indices where !active.contains(.init(firm: f, activity: k)) {
            guard checked.certificate.levels[f][k].isZero else { return nil }
        }
    }
    return checked
}
