import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
public import EquilibriumSearch

/// A feasible allocation that makes someone better off and no one worse off
/// than the equilibrium, with every utility compared exactly.
public struct ParetoImprovement: Sendable, Hashable {
    public let allocation: [Vector]
    /// The production that makes it feasible, when it differs from the equilibrium's.
    public var production: [Vector]? = nil
    /// Per consumer: `1` better off, `0` as well off (never `-1`).
    public let comparisons: [Int]
    public let failedHypothesis: FailedHypothesis
}

public enum FirstWelfareStatus: String, Sendable, Hashable {
    case holds, counterexample, undecided
    /// No equilibrium exists (proved): the theorem says nothing.
    case notApplicable = "not-applicable"
}

/// Route (b) of `first_welfare`, in words: what the price-free search found.
public struct ParetoSearchSummary: Sendable, Hashable {
    /// `no-improvement` (proved by checked LPs), `improvement`, or `inconclusive`.
    public let outcome: String
    public let detail: String
    /// Linear programs solved and checked.
    public let programs: Int
}

public struct FirstWelfareVerdict: Sendable, Hashable {
    public let status: FirstWelfareStatus
    /// How it was decided: `supporting-prices`, `pareto-lp` (route (b)
    /// proved no improvement exists), or `pareto-improvement`; both routes
    /// that agree are joined with `+`.
    public let route: String?
    public let improvement: ParetoImprovement?
    public let reason: String
    /// Route (b), when an exact equilibrium allowed it to run.
    public var paretoSearch: ParetoSearchSummary? = nil
    /// One consumer (the paper's single orchestrator): the planner's optimum beside the equilibrium's welfare.
    public var planner: PlannerComparison? = nil
}

/// **First Welfare Theorem** (`first_welfare`). Every equilibrium
/// allocation is Pareto optimal.
///
/// Hypotheses: the equilibrium is exact (an `EquilibriumCertificate` that
/// `EquilibriumChecker` accepted); every consumer is locally non-satiated
/// at its equilibrium bundle.
/// Conclusion (route `supporting-prices`): no feasible allocation makes
/// someone better off and no one worse off. Proof: a bundle at least as
/// good as `x_h` costs at least `p·x_h` (local non-satiation and
/// optimality), strictly more for one that is better (optimality), so a
/// Pareto improvement would cost more than the economy's income
/// `p·(Σω + Σy)`, yet feasibility and profit maximisation bound its cost by
/// that income. Checked: the certificate, and local non-satiation per
/// consumer, exactly.
/// When local non-satiation fails at `x_h` (a capped-linear consumer past
/// its cap), route `pareto-improvement` builds the counterexample: scale
/// `x_h` down to reach the cap exactly, give what is freed to a consumer
/// who values it, and compare every utility exactly.
/// Assumed: nothing else. With no exact equilibrium the verdict is
/// `undecided`. Notes: proofs-notes/welfare.md
public func checkFirstWelfare(_ economy: Economy, _ checked: CheckedEquilibrium?, noEquilibrium: Bool = false,
                              approximate: ApproximateEquilibrium? = nil) -> FirstWelfareVerdict {
    if noEquilibrium {
        return FirstWelfareVerdict(status: .notApplicable, route: nil, improvement: nil,
                                   reason: "no equilibrium exists (proved), so there is no equilibrium allocation to test")
    }
    guard let checked else {
        var v = FirstWelfareVerdict(status: .undecided, route: nil, improvement: nil,
                                    reason: "no exact equilibrium to test (it needs a checked equilibrium certificate)")
        v.planner = approximate.flatMap { plannerBounds(economy, near: $0) }
        return v
    }
    let x = checked.certificate.allocation
    let satiated = economy.consumers.indices.filter { !economy.consumers[$0].utility.isLocallyNonSatiated(at: x[$0]) }
    // Route (b): a search that uses no price at all.
    let search = searchParetoImprovement(economy, allocation: x, production: checked.certificate.production)
    var summary: ParetoSearchSummary
    var found: ParetoImprovement? = nil
    switch search {
    case .noImprovement(let certificates):
        summary = ParetoSearchSummary(outcome: "no-improvement", detail: "no feasible allocation makes anyone better off and "
                                      + "no one worse off: \(certificates.count) relaxed LP(s) of value 0, certificates checked",
                                      programs: certificates.count)
    case .improvement(let allocation, let production, let comparisons):
        let words = economy.consumers.indices.map {
            "\(economy.consumers[$0].name) \(allocation[$0]) (\(comparisons[$0] > 0 ? "better" : "as well off"))"
        }
        summary = ParetoSearchSummary(outcome: "improvement", detail: "a feasible allocation, every utility compared exactly: "
                                      + words.joined(separator: ", "), programs: 1)
        found = ParetoImprovement(allocation: allocation, production: production, comparisons: comparisons,
                                  failedHypothesis: satiated.first.map { h in
                                      FailedHypothesis(hypothesis: .localNonSatiation, agent: "consumer '\(economy.consumers[h].name)'",
                                                       detail: "is satiated at its equilibrium bundle \(x[h])")
                                  } ?? FailedHypothesis(hypothesis: Hypothesis(id: "none", statement: "no hypothesis fails"),
                                                        agent: "the checks", detail: "a bug, or a false theorem: please report it"))
    case .inconclusive(let why):
        summary = ParetoSearchSummary(outcome: "inconclusive", detail: why, programs: 0)
    }
    let planner = comparePlannerOptimum(economy, allocation: x, production: checked.certificate.production, search: search)
    guard let h = satiated.first else {
        if let found {
            var v = FirstWelfareVerdict(status: .counterexample, route: "pareto-lp", improvement: found,
                                        reason: "route (b) found a Pareto improvement although the supporting-price route holds")
            v.paretoSearch = summary
            v.planner = planner
            return v
        }
        var v = FirstWelfareVerdict(status: .holds,
                                    route: summary.outcome == "no-improvement" ? "supporting-prices+pareto-lp" : "supporting-prices",
                                    improvement: nil,
                                    reason: "the equilibrium certificate is checked and every consumer is locally non-satiated at its bundle"
                                        + (summary.outcome == "no-improvement" ? "; independently, \(summary.detail)" : ""))
        v.paretoSearch = summary
        v.planner = planner
        return v
    }
    var verdict: FirstWelfareVerdict
    if let improvement = paretoImprovement(economy, x, satiated: h) ?? found {
        verdict = FirstWelfareVerdict(status: .counterexample, route: "pareto-improvement", improvement: improvement,
                                      reason: "consumer '\(economy.consumers[h].name)' is satiated at its equilibrium bundle")
    } else if summary.outcome == "no-improvement" {
        verdict = FirstWelfareVerdict(status: .holds, route: "pareto-lp", improvement: nil,
                                      reason: "consumer '\(economy.consumers[h].name)' is satiated, yet the allocation is Pareto optimal: "
                                          + summary.detail)
    } else {
        verdict = FirstWelfareVerdict(status: .undecided, route: nil, improvement: nil,
                                      reason: "consumer '\(economy.consumers[h].name)' is satiated, but no Pareto improvement was built")
    }
    verdict.paretoSearch = summary
    verdict.planner = planner
    return verdict
}

func paretoImprovement(_ e: Economy, _ x: [Vector], satiated h: Int) -> ParetoImprovement? {
    guard case .cappedLinear(let w, let cap) = e.consumers[h].utility else { return nil }
    let reached = w.dot(x[h])
    guard reached > cap else { return nil }
    // Keep exactly the cap, proportionally: every good is used less.
    let kept = (cap / reached) * x[h]
    let freed = x[h] - kept
    for k in e.consumers.indices where k != h {
        var allocation = x
        allocation[h] = kept
        allocation[k] = x[k] + freed
        let compared = e.consumers.indices.map { e.consumers[$0].utility.compareWithinBudget(allocation[$0], x[$0]) }
        guard compared.allSatisfy({ $0 != nil }) else { return nil }
        let comparisons = compared.map { $0! }
        if comparisons.allSatisfy({ $0 >= 0 }) && comparisons.contains(1) {
            return ParetoImprovement(allocation: allocation, comparisons: comparisons, failedHypothesis: FailedHypothesis(
                hypothesis: .localNonSatiation, agent: "consumer '\(e.consumers[h].name)'",
                detail: "reaches w·x = \(reached) above its cap \(cap): it is as well off with \(kept), and \(freed) can go to '\(e.consumers[k].name)'"))
        }
    }
    return nil
}
