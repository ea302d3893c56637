import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
public import EnclosureCertificates
public import LPCertificates
public import WelfareSolvers
import LPSolver

/// A Pareto optimum that no price supports, with the Farkas certificate
/// (checked) that the supporting-price LP is infeasible.
public struct UnsupportableOptimum: Sendable, Hashable {
    public let optimum: ParetoOptimum
    public let farkas: CheckedLPCertificate
    /// The hypothesis whose failure explains it; nil if none was found to fail.
    public let failedHypothesis: FailedHypothesis?
}

/// A constructed optimum that could not be decided, and why.
public struct SkippedOptimum: Sendable, Hashable {
    public let construction: String
    public let reason: String
}

public struct SecondWelfareVerdict: TheoremVerdict {
    public static let theorem = TheoremID.secondWelfare
    public let outcome: Outcome
    public let hypotheses: [HypothesisCheck]
    /// Each optimum supported as an equilibrium with transfers, as checked.
    public let supported: [(ParetoOptimum, CheckedEquilibrium)]
    /// An optimum known by an enclosure only: the enclosed equilibrium, whose
    /// allocation `first_welfare` proved Pareto optimal; its own price
    /// supports it with zero transfers.
    public var supportedEnclosure: CheckedEnclosure? = nil
    public let unsupported: UnsupportableOptimum?
    /// Optima that were constructed but neither supported nor refuted: never skipped silently.
    public let skipped: [SkippedOptimum]
    public let reason: String

    public var statusWord: String { outcome.rawValue }
    public var inconsistency: String? {
        outcome == .counterexample && unsupported?.failedHypothesis == nil
            ? "an unsupportable Pareto optimum where every hypothesis holds" : nil
    }
}

/// **Second Welfare Theorem** (`second_welfare`). Every Pareto optimum is an
/// equilibrium with lump-sum transfers.
///
/// Hypotheses: convex preferences, convex production, local non-satiation
/// (listed per agent), and interiority (a cheaper bundle for every consumer
/// at the supporting price), which is checked per optimum by the LP.
/// Conclusion, per Pareto optimum `(x, y)`: a price `p` at which every `x_h`
/// is optimal on its budget `p·x_h` and every `y_f` maximises profit; the
/// transfers `T_h = p·x_h − p·ω_h − Σ_f θ_hf p·y_f` sum to 0.
/// Checked: a finite check, on the optima that can be constructed exactly
/// (weighted exchange optima, a one-consumer planner's optimum, two-consumer
/// Leontief frontiers, the equilibrium allocation when `first_welfare`
/// proved it Pareto optimal, supported by its own checked equilibrium
/// price). Supporting prices come from an LP of exact optimality
/// conditions, and the result, with its transfers, must pass
/// `EquilibriumChecker`. `holds` means every constructed optimum is
/// supported; the universal claim is never printed, since interiority is
/// not established for every optimum. Any optimum that is neither
/// supported nor refuted makes the verdict `undecided`, listed in
/// `skipped`. An infeasible LP gives a Farkas certificate, checked by
/// `LPCertificateChecker`: the optimum is unsupportable, a counterexample
/// that names the failed hypothesis. Notes: proofs-notes/welfare.md
///
/// `optimalEquilibrium` is `first_welfare`'s evidence
/// (`FirstWelfareVerdict.paretoOptimalEquilibrium`): an equilibrium whose
/// allocation it proved Pareto optimal, added to the optima checked.
public func checkSecondWelfare(_ economy: Economy, optimalEquilibrium: CheckedEquilibrium?,
                               optimalEnclosure: CheckedEnclosure? = nil) -> SecondWelfareVerdict {
    var verdict = supportExactOptima(economy, optimalEquilibrium: optimalEquilibrium)
    guard let enclosure = optimalEnclosure, verdict.outcome != .counterexample else { return verdict }
    // The enclosed equilibrium is one more optimum, supported by its own price with no transfer.
    let exact = verdict.supported.count, skipped = verdict.skipped.count
    let outcome: Outcome = skipped == 0 ? .holds : .undecided
    let reason = exact + skipped == 0
        ? "the one Pareto optimum constructed is the enclosed equilibrium's allocation (proved optimal by first_welfare), "
            + "supported by its own price with no transfer (a finite check: other optima are not covered)"
        : verdict.reason + "; and the enclosed equilibrium's allocation, supported by its own price with no transfer"
    verdict = SecondWelfareVerdict(outcome: outcome, hypotheses: verdict.hypotheses, supported: verdict.supported,
                                   unsupported: nil, skipped: verdict.skipped, reason: reason)
    verdict.supportedEnclosure = enclosure
    return verdict
}

func supportExactOptima(_ economy: Economy, optimalEquilibrium: CheckedEquilibrium?) -> SecondWelfareVerdict {
    let hypotheses = economy.convexPreferenceChecks + economy.convexProductionChecks + economy.localNonSatiationChecks
    let optima = paretoOptima(economy, equilibrium: optimalEquilibrium)
    guard !optima.isEmpty else {
        return SecondWelfareVerdict(outcome: .undecided, hypotheses: hypotheses, supported: [], unsupported: nil, skipped: [],
                                    reason: "no Pareto optimum could be constructed exactly for this economy")
    }
    var supported: [(ParetoOptimum, CheckedEquilibrium)] = []
    var skipped: [SkippedOptimum] = []
    for optimum in optima {
        // The equilibrium allocation is supported by its own equilibrium price, with zero
        // transfers: `optimalEquilibrium` is the checker's evidence of exactly that, so no LP is needed.
        if let eq = optimalEquilibrium, optimum.allocation == eq.certificate.allocation,
           optimum.production == eq.certificate.production {
            supported.append((optimum, eq))
            continue
        }
        guard let lp = supportingPriceLP(economy, optimum) else {
            skipped.append(SkippedOptimum(construction: optimum.construction,
                                          reason: supportingPriceLPRefusal(economy).map { "no supporting-price LP: " + $0 }
                                              ?? "no supporting-price LP for this economy's kinds"))
            continue
        }
        switch SimplexSolver().solveAndCheck(lp) {
        case .checked(let c):
            if case .infeasible = c.certificate {
                // With convex production the theorem needs interiority (a cheaper bundle for every
                // consumer at the supporting price): an unsupported optimum then names it.
                let failed = economy.convexProductionChecks.failures.first
                    ?? economy.localNonSatiationChecks(at: optimum.allocation).failures.first
                    ?? FailedHypothesis(hypothesis: .interiority, subject: .economy,
                                        detail: "no price makes every bundle of the optimum (\(optimum.construction)) optimal: "
                                            + "some consumer has no cheaper bundle there")
                return SecondWelfareVerdict(outcome: .counterexample, hypotheses: hypotheses, supported: supported,
                                            unsupported: UnsupportableOptimum(optimum: optimum, farkas: c, failedHypothesis: failed),
                                            skipped: skipped,
                                            reason: "the Pareto optimum (\(optimum.construction)) is supported by no price")
            }
            guard let solution = c.optimalSolution, let value = c.optimalValue, value.signum() > 0 else {
                skipped.append(SkippedOptimum(construction: optimum.construction,
                                              reason: "the supporting-price LP has no price with a positive margin"))
                continue
            }
            guard let checked = supportedEquilibrium(economy, optimum, prices: Vector(Array(solution[0..<economy.commodityCount])))
            else {
                skipped.append(SkippedOptimum(construction: optimum.construction,
                                              reason: "the LP's price did not pass the equilibrium checker"))
                continue
            }
            supported.append((optimum, checked))
        case .undecided(let pivots):
            skipped.append(SkippedOptimum(construction: optimum.construction,
                                          reason: "the supporting-price LP stopped after \(pivots) pivots"))
        case .tooLarge(let entries):
            skipped.append(SkippedOptimum(construction: optimum.construction,
                                          reason: "the supporting-price LP was not attempted: \(entries) dense tableau entries"))
        }
    }
    if !skipped.isEmpty {
        return SecondWelfareVerdict(outcome: .undecided, hypotheses: hypotheses, supported: supported, unsupported: nil,
                                    skipped: skipped,
                                    reason: "\(supported.count) of \(optima.count) constructed Pareto optima supported and checked; "
                                        + "\(skipped.count) undecided (\(skipped[0].construction): \(skipped[0].reason))")
    }
    return SecondWelfareVerdict(outcome: .holds, hypotheses: hypotheses, supported: supported, unsupported: nil, skipped: [],
                                reason: "all \(supported.count) constructed Pareto optima are equilibria with transfers, checked "
                                    + "(a finite check: other optima are not covered)")
}
