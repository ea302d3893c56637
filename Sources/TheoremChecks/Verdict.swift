/// The outcome of a theorem check, in the words users read in reports.
public enum VerdictStatus: String, Sendable, Hashable, Codable {
    /// The conclusion was verified exactly wherever it was checked.
    case holds
    /// An exact witness refutes the conclusion; the failed hypothesis is named.
    case counterexample
    /// The theorem's premises do not apply anywhere it was asked (e.g.
    /// demand undefined at every price tested).
    case notApplicable = "not-applicable"
    /// The budget ran out before a verdict.
    case undecided
}

/// A hypothesis of a theorem, with a stable identifier used in reports,
/// proofs-notes and property specs.
public struct Hypothesis: Sendable, Hashable {
    public let id: String
    public let statement: String

    public static let localNonSatiation = Hypothesis(
        id: "local_non_satiation", statement: "every consumer spends its income (local non-satiation)")
    public static let completeProfitDistribution = Hypothesis(
        id: "complete_profit_distribution", statement: "each firm's shares sum to 1 over consumers")
}

/// A hypothesis found false at a witness, with the exact figures that show it.
public struct FailedHypothesis: Sendable, Hashable {
    public let hypothesis: Hypothesis
    /// Who breaks it (`consumer 'c1'`, `firm 'f1'`).
    public let agent: String
    public let detail: String
}
