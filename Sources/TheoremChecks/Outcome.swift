public import EconomyModel

/// The stable identifier of each theorem: the same word in doc comments,
/// test names, `properties/`, `proofs-notes/` and the CLI output.
public enum TheoremID: String, Sendable, Hashable, CaseIterable {
    case walrasLaw = "walras_law"
    case equilibrium
    case firstWelfare = "first_welfare"
    case secondWelfare = "second_welfare"
    case contraction
}

/// What a theorem check concluded, shared by every theorem. Reports add
/// the theorem's own word (`found`, `not-a-contraction`, …); every decision
/// (exit codes, the harness's classification) reads this.
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    /// The conclusion is proved: by a checked certificate, or because every
    /// hypothesis was established and the theorem applies.
    case holds
    /// An exact witness refutes the conclusion (or, where `refutesHypothesisOnly`,
    /// the theorem's condition itself).
    case counterexample
    /// The theorem says nothing here: a hypothesis fails, or its premise is
    /// empty; the report says what *is* proved.
    case notApplicable = "not-applicable"
    /// Neither proved nor refuted within the budget, with the reason.
    case undecided
}

/// What every verdict exposes, so that no caller switches over a theorem's
/// own status enum.
public protocol TheoremVerdict: Sendable {
    static var theorem: TheoremID { get }
    var outcome: Outcome { get }
    /// The theorem's hypotheses, each with its status, in a fixed order.
    var hypotheses: [HypothesisCheck] { get }
    /// The report's word for the status (`holds`, `found`, `approximate`, …).
    var statusWord: String { get }
    /// One line: why this outcome.
    var reason: String { get }
    /// For a counterexample: `true` when what is refuted is a hypothesis that
    /// the user asks about (the contraction condition), not the conclusion.
    var refutesHypothesisOnly: Bool { get }
    /// Two of our own results that contradict each other (a certified
    /// contraction whose orbit breaks Banach's bound): a bug, never a finding.
    var inconsistency: String? { get }
}

extension TheoremVerdict {
    public var refutesHypothesisOnly: Bool { false }
    public var inconsistency: String? { nil }
    public var theorem: TheoremID { Self.theorem }
}

/// The process exit code of a set of verdicts: 1 if any is a
/// counterexample, else 3 if any is undecided, else 0. (2, rejected input,
/// is decided before any verdict.)
public func exitStatus(of outcomes: [Outcome]) -> Int32 {
    if outcomes.contains(.counterexample) { return 1 }
    if outcomes.contains(.undecided) { return 3 }
    return 0
}
