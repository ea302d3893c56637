import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
public import EnclosureCertificates
public import WelfareSolvers
import EquilibriumSearch

/// A feasible allocation that makes someone better off and no one worse off
/// than the equilibrium, with every utility compared exactly.
public struct ParetoImprovement: Sendable, Hashable {
    public let allocation: [Vector]
    /// The production that makes it feasible, when it differs from the equilibrium's.
    public var production: [Vector]? = nil
    /// Per consumer: `1` better off, `0` as well off (never `-1`; at least one `1`).
    public let comparisons: [Int]
    /// The hypothesis whose failure allows it; nil when none was found to fail
    /// (then it contradicts the theorem: a bug, or a false theorem).
    public let failedHypothesis: FailedHypothesis?
}

/// How `first_welfare` was decided.
public enum FirstWelfareRoute: String, Sendable, Hashable {
    /// A checked exact equilibrium and local non-satiation (the textbook proof).
    case supportingPrices = "supporting-prices"
    /// The price-free LP search proved that no Pareto improvement exists.
    case paretoLP = "pareto-lp"
    /// Both routes, agreeing.
    case both = "supporting-prices+pareto-lp"
    /// An exact Pareto improvement (a counterexample).
    case paretoImprovement = "pareto-improvement"
}

/// Route (b) of `first_welfare`: what the price-free search found.
public enum ParetoSearchResult: Sendable, Hashable {
    /// Proved by `programs` checked LPs of value 0.
    case noImprovement(programs: Int)
    case improvement(description: String)
    case inconclusive(reason: String)

    public var word: String {
        switch self {
        case .noImprovement: "no-improvement"
        case .improvement: "improvement"
        case .inconclusive: "inconclusive"
        }
    }

    public var detail: String {
        switch self {
        case .noImprovement(let k):
            "no feasible allocation makes anyone better off and no one worse off: \(k) relaxed LP(s) of value 0, certificates checked"
        case .improvement(let d): "a feasible allocation, every utility compared exactly: " + d
        case .inconclusive(let r): r
        }
    }

    public var programs: Int {
        switch self {
        case .noImprovement(let k): k
        case .improvement: 1
        case .inconclusive: 0
        }
    }
}

public struct FirstWelfareVerdict: TheoremVerdict {
    public static let theorem = TheoremID.firstWelfare
    public let outcome: Outcome
    public let hypotheses: [HypothesisCheck]
    public let route: FirstWelfareRoute?
    public let improvement: ParetoImprovement?
    public let reason: String
    /// Route (b), when an exact equilibrium allowed it to run.
    public var paretoSearch: ParetoSearchResult? = nil
    /// One consumer (the paper's single orchestrator): the planner's optimum
    /// beside the equilibrium's welfare, only as far as it is proved.
    public var planner: PlannerComparison? = nil

    /// Evidence for `second_welfare`: the checked equilibrium, present only
    /// when its allocation is proved Pareto optimal (outcome `holds`).
    public var paretoOptimalEquilibrium: CheckedEquilibrium? = nil
    /// The same, for an equilibrium known by an enclosure only: its
    /// allocation is proved Pareto optimal and supported by its own price.
    public var paretoOptimalEnclosure: CheckedEnclosure? = nil

    public var statusWord: String { outcome.rawValue }
    public var inconsistency: String? {
        outcome == .counterexample && improvement?.failedHypothesis == nil
            ? "a Pareto improvement of a checked equilibrium where every hypothesis holds" : nil
    }
}

/// **First Welfare Theorem** (`first_welfare`). Every equilibrium
/// allocation is Pareto optimal.
///
/// Hypotheses: `exact_equilibrium` (the `equilibrium` verdict carries a
/// `CheckedEquilibrium` with no transfer); `local_non_satiation` of every
/// consumer at its equilibrium bundle.
/// Conclusion (route `supporting-prices`): no feasible allocation makes
/// someone better off and no one worse off. Proof: a bundle at least as
/// good as `x_h` costs at least `p·x_h` (local non-satiation and
/// optimality), strictly more for one that is better (optimality), so a
/// Pareto improvement would cost more than the economy's income
/// `p·(Σω + Σy)`, yet feasibility and profit maximisation bound its cost by
/// that income. Checked: the certificate, and local non-satiation per
/// consumer, exactly. Route `pareto-lp` proves the conclusion without
/// prices (checked LP certificates), so it stands even where non-satiation
/// fails. Route `pareto-improvement` is a counterexample: an exact Pareto
/// improvement, with the failed hypothesis named.
/// Without an exact equilibrium the verdict is `undecided`; when none
/// exists (proved) it is `not-applicable`. Notes: proofs-notes/welfare.md
public func checkFirstWelfare(_ economy: Economy, equilibrium: EquilibriumVerdict) -> FirstWelfareVerdict {
    if equilibrium.checked == nil, let enclosure = equilibrium.enclosure {
        return firstWelfare(economy, enclosed: enclosure, near: equilibrium.equilibrium)
    }
    guard let checked = equilibrium.checked else {
        let status: HypothesisStatus = equilibrium.outcome == .counterexample
            ? .fails(witness: "no equilibrium exists (proved)")
            : .notChecked(reason: "the equilibrium is \(equilibrium.statusWord), not proved exact")
        let hypotheses = [HypothesisCheck(.exactEquilibrium, .economy, status)]
        if equilibrium.outcome == .counterexample {
            return FirstWelfareVerdict(outcome: .notApplicable, hypotheses: hypotheses, route: nil, improvement: nil,
                                       reason: "no equilibrium exists (proved), so there is no equilibrium allocation to test")
        }
        var v = FirstWelfareVerdict(outcome: .undecided, hypotheses: hypotheses, route: nil, improvement: nil,
                                    reason: "no exact equilibrium to test (it needs a checked equilibrium certificate)")
        v.planner = equilibrium.equilibrium.flatMap { plannerBounds(economy, near: $0) }
        return v
    }
    let x = checked.certificate.allocation, y = checked.certificate.production
    let hypotheses = [HypothesisCheck(.exactEquilibrium, .economy, .holds(evidence: "checked by EquilibriumChecker, no transfer"))]
        + economy.localNonSatiationChecks(at: x)
    let satiated = economy.consumers.indices.filter { !economy.consumers[$0].utility.isLocallyNonSatiated(at: x[$0]) }

    // Route (b): a search that uses no price at all.
    let search = searchParetoImprovement(economy, allocation: x, production: y)
    var summary: ParetoSearchResult
    var found: ParetoImprovement? = nil
    switch search {
    case .noImprovement(let certificates):
        summary = .noImprovement(programs: certificates.count)
    case .improvement(let allocation, let production, _):
        guard let comparisons = verifiedImprovement(economy, over: x, allocation: allocation, production: production ?? y) else {
            summary = .inconclusive(reason: "the search's Pareto improvement did not survive an exact re-check")
            break
        }
        let words = economy.consumers.indices.map {
            "\(economy.consumers[$0].name) \(allocation[$0]) (\(comparisons[$0] > 0 ? "better" : "as well off"))"
        }
        summary = .improvement(description: words.joined(separator: ", "))
        found = ParetoImprovement(allocation: allocation, production: production, comparisons: comparisons,
                                  failedHypothesis: satiated.first.map { h in
                                      FailedHypothesis(hypothesis: .localNonSatiation, subject: .consumer(h),
                                                       detail: "is satiated at its equilibrium bundle \(x[h])")
                                  })
    case .inconclusive(let why):
        summary = .inconclusive(reason: why)
    }
    let planner = comparePlannerOptimum(economy, allocation: x, production: y, search: search)
    let provedByLP: Bool = if case .noImprovement = summary { true } else { false }

    var verdict: FirstWelfareVerdict
    if satiated.isEmpty {
        if let found {
            verdict = FirstWelfareVerdict(outcome: .counterexample, hypotheses: hypotheses, route: .paretoLP, improvement: found,
                                          reason: "route (b) found a Pareto improvement although every hypothesis holds")
        } else {
            verdict = FirstWelfareVerdict(outcome: .holds, hypotheses: hypotheses, route: provedByLP ? .both : .supportingPrices,
                                          improvement: nil,
                                          reason: "the equilibrium certificate is checked and every consumer is locally "
                                              + "non-satiated at its bundle" + (provedByLP ? "; independently, \(summary.detail)" : ""))
        }
    } else {
        let h = satiated[0]
        if let built = cappedLinearImprovement(economy, x, satiated: h),
           let comparisons = verifiedImprovement(economy, over: x, allocation: built.allocation, production: y) {
            let improvement = ParetoImprovement(
                allocation: built.allocation, comparisons: comparisons,
                failedHypothesis: FailedHypothesis(
                    hypothesis: .localNonSatiation, subject: .consumer(h),
                    detail: "is past its cap at \(x[h]): it is as well off with \(built.kept), and \(built.freed) can go to "
                        + "'\(economy.consumers[built.beneficiary].name)'"))
            verdict = FirstWelfareVerdict(outcome: .counterexample, hypotheses: hypotheses, route: .paretoImprovement,
                                          improvement: improvement,
                                          reason: "\(economy.describe(.consumer(h))) is satiated at its equilibrium bundle")
        } else if let found {
            verdict = FirstWelfareVerdict(outcome: .counterexample, hypotheses: hypotheses, route: .paretoImprovement,
                                          improvement: found,
                                          reason: "\(economy.describe(.consumer(h))) is satiated at its equilibrium bundle")
        } else if provedByLP {
            verdict = FirstWelfareVerdict(outcome: .holds, hypotheses: hypotheses, route: .paretoLP, improvement: nil,
                                          reason: "\(economy.describe(.consumer(h))) is satiated, yet the allocation is "
                                              + "Pareto optimal: " + summary.detail)
        } else {
            verdict = FirstWelfareVerdict(outcome: .undecided, hypotheses: hypotheses, route: nil, improvement: nil,
                                          reason: "\(economy.describe(.consumer(h))) is satiated, and neither a Pareto "
                                              + "improvement nor a proof of optimality was found")
        }
    }
    verdict.paretoSearch = summary
    verdict.planner = planner
    if verdict.outcome == .holds { verdict.paretoOptimalEquilibrium = checked }
    return verdict
}

/// A Pareto improvement over the allocation `x`, re-checked exactly before
/// any verdict uses it: the same number of bundles, each `≥ 0`; feasible
/// with free disposal (`Σx' ≤ Σω + Σy'`); every consumer at least as well
/// off, by the exact comparison of its utility, and one strictly better.
/// The per-consumer comparisons (`1` better, `0` as well off), or nil.
/// (The production `y'` comes from the search's checked LPs; its membership
/// in each `Y_f` is that LP's, not re-derived here.)
func verifiedImprovement(_ e: Economy, over x: [Vector], allocation: [Vector], production: [Vector]) -> [Int]? {
    let n = e.commodityCount
    guard allocation.count == e.consumers.count, production.count == e.firms.count,
          allocation.allSatisfy({ $0.count == n && $0.allSatisfy { $0.signum() >= 0 } }) else { return nil }
    var available = e.totalEndowment
    for y in production { available = available + y }
    let used = allocation.reduce(Vector.zero(n), +)
    guard (0..<n).allSatisfy({ used[$0] <= available[$0] }) else { return nil }
    var comparisons: [Int] = []
    for (h, c) in e.consumers.enumerated() {
        guard let d = c.utility.compareWithinBudget(allocation[h], x[h]), d >= 0 else { return nil }
        comparisons.append(d)
    }
    guard comparisons.contains(where: { $0 > 0 }) else { return nil }
    return comparisons
}

/// `first_welfare` for an equilibrium known by an enclosure only: its
/// allocation is irrational, so no price-free LP can be run on it, but the
/// textbook proof needs no more than its hypotheses. The equilibrium is
/// proved (`CheckedEnclosure`: a Walrasian equilibrium lies in the box),
/// and local non-satiation, checked for every consumer at every bundle
/// (its kind), holds in particular over the box. Then the theorem applies.
func firstWelfare(_ economy: Economy, enclosed: CheckedEnclosure, near point: ApproximateEquilibrium?) -> FirstWelfareVerdict {
    let hypotheses = [HypothesisCheck(.exactEquilibrium, .economy,
                                      .holds(evidence: "an enclosure certificate checked by EnclosureChecker, no transfer"))]
        + economy.localNonSatiationChecks
    guard hypotheses.allHold else {
        var v = FirstWelfareVerdict(outcome: .undecided, hypotheses: hypotheses, route: nil, improvement: nil,
                                    reason: "the equilibrium is enclosed, but local non-satiation is not established for every "
                                        + "consumer over the box: " + describeOpen(hypotheses, economy))
        v.planner = point.flatMap { plannerBounds(economy, near: $0) }
        return v
    }
    var v = FirstWelfareVerdict(outcome: .holds, hypotheses: hypotheses, route: .supportingPrices, improvement: nil,
                                reason: "the equilibrium is proved by an enclosure certificate, and every consumer is locally "
                                    + "non-satiated at every bundle, so over the whole box: the theorem applies")
    v.planner = point.flatMap { plannerBounds(economy, near: $0) }
    v.paretoOptimalEnclosure = enclosed
    return v
}
