public import ExactArithmetic
public import ExactLinearAlgebra

/// Who a hypothesis speaks of: the whole economy, one consumer or one firm
/// (by index, so reports can name them in plain or in agent terms).
public enum Subject: Sendable, Hashable {
    case economy
    case consumer(Int)
    case firm(Int)
}

/// A hypothesis of a theorem, with a stable identifier used in reports,
/// proofs-notes and property specs.
public struct Hypothesis: Sendable, Hashable {
    public let id: String
    public let statement: String

    public init(id: String, statement: String) {
        self.id = id
        self.statement = statement
    }

    public static let localNonSatiation = Hypothesis(
        id: "local_non_satiation", statement: "every consumer is locally non-satiated (so it spends its income)")
    public static let completeProfitDistribution = Hypothesis(
        id: "complete_profit_distribution", statement: "each firm's shares sum to 1 over consumers")
    public static let convexProduction = Hypothesis(
        id: "convex_production", statement: "every production set is convex")
    public static let convexPreferences = Hypothesis(
        id: "convex_preferences", statement: "every utility is continuous and quasi-concave")
    public static let positiveEndowment = Hypothesis(
        id: "positive_endowment",
        statement: "every consumer owns a positive amount of every good, so its income is positive at every price")
    public static let boundedProduction = Hypothesis(
        id: "bounded_production",
        statement: "no production from nothing: some price p ≫ 0 makes every constant-returns activity lose money")
    public static let interiority = Hypothesis(
        id: "interiority",
        statement: "every consumer has a cheaper bundle at the supporting price (the optimum is interior enough to be priced)")
    public static let contraction = Hypothesis(
        id: "contraction",
        statement: "Φ(p) = proj_Δ(p + η z(p)) maps a closed ball into itself with Lipschitz modulus L < 1")
    public static let exactEquilibrium = Hypothesis(
        id: "exact_equilibrium", statement: "the equilibrium is proved (a checked exact or enclosure certificate)")
}

/// Whether a hypothesis was established, refuted, or left open.
public enum HypothesisStatus: Sendable, Hashable {
    /// Established, exactly; `evidence` says how.
    case holds(evidence: String)
    /// Refuted, with an exact witness.
    case fails(witness: String)
    /// Not established either way; `reason` says why.
    case notChecked(reason: String)

    public var word: String {
        switch self {
        case .holds: "holds"
        case .fails: "fails"
        case .notChecked: "not checked"
        }
    }

    public var holds: Bool { if case .holds = self { true } else { false } }
    public var fails: Bool { if case .fails = self { true } else { false } }

    /// The evidence, witness or reason.
    public var detail: String {
        switch self {
        case .holds(let s), .fails(let s), .notChecked(let s): s
        }
    }
}

/// One hypothesis about one subject, with its status.
public struct HypothesisCheck: Sendable, Hashable {
    public let hypothesis: Hypothesis
    public let subject: Subject
    public let status: HypothesisStatus

    public init(_ hypothesis: Hypothesis, _ subject: Subject, _ status: HypothesisStatus) {
        self.hypothesis = hypothesis
        self.subject = subject
        self.status = status
    }
}

/// A hypothesis found false at a witness, with the exact figures that show it.
public struct FailedHypothesis: Sendable, Hashable {
    public let hypothesis: Hypothesis
    public let subject: Subject
    public let detail: String

    public init(hypothesis: Hypothesis, subject: Subject, detail: String) {
        self.hypothesis = hypothesis
        self.subject = subject
        self.detail = detail
    }
}

extension [HypothesisCheck] {
    /// `true` when every listed hypothesis holds (and the list is not empty).
    public var allHold: Bool { !isEmpty && allSatisfy { $0.status.holds } }

    /// The first refuted or unchecked hypothesis, for a one-line reason.
    public var firstOpen: HypothesisCheck? { first { !$0.status.holds } }

    /// Those refuted, as failed hypotheses.
    public var failures: [FailedHypothesis] {
        compactMap { c in
            guard case .fails(let w) = c.status else { return nil }
            return FailedHypothesis(hypothesis: c.hypothesis, subject: c.subject, detail: w)
        }
    }

    /// The checks of one hypothesis.
    public func of(_ h: Hypothesis) -> [HypothesisCheck] { filter { $0.hypothesis == h } }
}

extension Economy {
    /// The name of a subject in the economy's own terms: `consumer 'c1'`,
    /// `firm 'f1'` (`orchestrator 'o'`, `agent 'coder'` for an agent economy),
    /// `the economy`.
    public func describe(_ s: Subject) -> String {
        switch s {
        case .economy: "the economy"
        case .consumer(let h): "\(nouns.consumer) '\(consumers[h].name)'"
        case .firm(let f): "\(nouns.firms.flatMap { f < $0.count ? $0[f] : nil } ?? "firm") '\(firms[f].name)'"
        }
    }

    /// Local non-satiation per consumer, from its utility kind: Cobb–Douglas,
    /// Leontief and linear utilities (weights ≥ 0, not all zero) are
    /// non-satiated everywhere; a capped-linear consumer is satiated at its
    /// cap and a satiable-quadratic one at its bliss point.
    public var localNonSatiationChecks: [HypothesisCheck] {
        consumers.indices.map { h in
            let u = consumers[h].utility
            if u.isLocallyNonSatiated {
                return HypothesisCheck(.localNonSatiation, .consumer(h),
                                       .holds(evidence: "\(u.kind) utility rises along (1, …, 1) at every bundle"))
            }
            switch u {
            case .cappedLinear(let w, let cap):
                let i = w.entries.firstIndex { $0.signum() > 0 }!
                return HypothesisCheck(.localNonSatiation, .consumer(h),
                                       .fails(witness: "capped-linear utility is satiated at the cap \(cap), e.g. at "
                                              + "\(cap / w[i]) units of \(commodities[i]) alone"))
            case .satiableQuadratic(let b, _):
                return HypothesisCheck(.localNonSatiation, .consumer(h),
                                       .fails(witness: "satiable-quadratic utility is satiated at its bliss point \(b)"))
            case .cobbDouglas, .leontief, .linear:
                preconditionFailure("\(u.kind) is locally non-satiated everywhere")
            }
        }
    }

    /// Local non-satiation at given bundles (one per consumer).
    public func localNonSatiationChecks(at bundles: [Vector]) -> [HypothesisCheck] {
        consumers.indices.map { h in
            consumers[h].utility.isLocallyNonSatiated(at: bundles[h])
                ? HypothesisCheck(.localNonSatiation, .consumer(h),
                                  .holds(evidence: "not satiated at its bundle \(bundles[h])"))
                : HypothesisCheck(.localNonSatiation, .consumer(h),
                                  .fails(witness: "satiated at its bundle \(bundles[h])"))
        }
    }

    /// Shares summing to 1, per firm.
    public var profitDistributionChecks: [HypothesisCheck] {
        firms.indices.map { f in
            let total = shareTotal(ofFirm: f)
            return total == .one
                ? HypothesisCheck(.completeProfitDistribution, .firm(f), .holds(evidence: "shares sum to 1"))
                : HypothesisCheck(.completeProfitDistribution, .firm(f),
                                  .fails(witness: "shares sum to \(total), so \(1 - total) of its profit is paid to no one"))
        }
    }

    /// Convexity per firm, from its technology kind.
    public var convexProductionChecks: [HypothesisCheck] {
        firms.indices.map { f in
            let t = firms[f].technology
            switch t {
            case .activities: return HypothesisCheck(.convexProduction, .firm(f), .holds(evidence: "a polyhedral cone or polytope"))
            case .quadraticCost: return HypothesisCheck(.convexProduction, .firm(f), .holds(evidence: "a convex quadratic cost"))
            case .discreteModes(let modes):
                let witness = modes.first.map { "inaction 0 and the mode \($0) are feasible, their midpoint \(Rational(1, 2) * $0) is not" }
                    ?? "no modes"
                return modes.isEmpty
                    ? HypothesisCheck(.convexProduction, .firm(f), .holds(evidence: "inaction only"))
                    : HypothesisCheck(.convexProduction, .firm(f), .fails(witness: witness))
            }
        }
    }

    /// Convex (quasi-concave, continuous) preferences: every utility kind of the model is concave.
    public var convexPreferenceChecks: [HypothesisCheck] {
        consumers.indices.map { h in
            HypothesisCheck(.convexPreferences, .consumer(h),
                            .holds(evidence: "\(consumers[h].utility.kind) utility is continuous and concave"))
        }
    }

    /// A positive endowment of every good, per consumer (Arrow–Debreu's
    /// survival assumption: income is then positive at every price).
    public var positiveEndowmentChecks: [HypothesisCheck] {
        consumers.indices.map { h in
            let w = consumers[h].endowment
            if let i = w.entries.firstIndex(where: { $0.signum() <= 0 }) {
                return HypothesisCheck(.positiveEndowment, .consumer(h),
                                       .fails(witness: "owns \(w[i]) of \(commodities[i]): at the price e_\(i) its endowment is worth 0"))
            }
            return HypothesisCheck(.positiveEndowment, .consumer(h), .holds(evidence: "endowment \(w) ≫ 0"))
        }
    }
}
