/// How one stage of an audit went: its time, and whether its budget ran out.
public struct StageRecord: Sendable, Hashable {
    public let stage: String
    public let seconds: Double
    /// The budget it was given, in seconds (nil: none).
    public let allowed: Double?
    /// Its deadline passed (or the audit was cancelled) before it ended, so
    /// whatever it left undecided may be decided with more time.
    public let exhausted: Bool
    public let interrupted: Bool

    public init(stage: String, seconds: Double, allowed: Double?, exhausted: Bool, interrupted: Bool) {
        self.stage = stage
        self.seconds = seconds
        self.allowed = allowed
        self.exhausted = exhausted
        self.interrupted = interrupted
    }
}

/// The one budget of a whole audit, shared by its stages in order.
///
/// Each stage gets, when it starts, its override (`--stage-seconds
/// name=S`) or else a share of what is left: the time still unspent,
/// times its weight over the weights of the stages not yet run. Time a
/// stage leaves unused goes to the stages after it, and no stage can take
/// the time of those after it. Every stage's deadline is capped by the
/// audit's. Used from one thread (the audit's).
public final class AuditClock: @unchecked Sendable {
    public let total: Duration?
    public let cancellation: Cancellation
    private let overrides: [String: Duration]
    /// The stages in the order they run, with their weights.
    private let plan: [(name: String, weight: Int)]
    private let start = ContinuousClock.now
    private var started: Set<String> = []
    /// Every stage that has ended, in order.
    public private(set) var records: [StageRecord] = []

    public init(total: Duration?, overrides: [String: Duration] = [:], plan: [(name: String, weight: Int)],
                cancellation: Cancellation = Cancellation()) {
        self.total = total
        self.overrides = overrides
        self.plan = plan
        self.cancellation = cancellation
    }

    /// The audit as a whole: the stages end a little before `total` (5 %,
    /// at most 2 s), which is kept for writing the report.
    public var whole: Budget {
        Budget(stage: "audit", deadline: total.map { start + max(.zero, $0 - min(.seconds(2), $0 / 20)) },
               cancellation: cancellation, overrides: overrides)
    }

    /// `total` in seconds, as the report says it ("60.0").
    public var totalDescription: String { total.map { "\($0.inSeconds)" } ?? "unlimited" }

    /// The budget of stage `name`, starting now.
    public func begin(_ name: String) -> Budget {
        defer { started.insert(name) }
        let whole = self.whole
        guard overrides[name] == nil, let deadline = whole.deadline else { return whole.stage(name) }
        let left = max(.zero, ContinuousClock.now.duration(to: deadline))
        let waiting = plan.filter { !started.contains($0.name) }
        let weights = waiting.reduce(0) { $0 + $1.weight }
        let mine = waiting.first { $0.name == name }?.weight ?? 0
        return whole.stage(name, limit: weights == 0 || mine == 0 ? left : left * mine / weights)
    }

    /// Runs `body` as stage `name`, with its budget as `Budget.current`,
    /// recording how it went.
    public func run<T>(_ name: String, onBegin: (Budget) -> Void = { _ in }, _ body: () -> T) -> T {
        let budget = begin(name)
        onBegin(budget)
        let allowed = budget.remainingSeconds
        let began = ContinuousClock.now
        let result = budget.enforce(body)
        records.append(StageRecord(stage: name, seconds: began.duration(to: .now).inSeconds, allowed: allowed,
                                   exhausted: budget.isExhausted, interrupted: budget.isCancelled))
        return result
    }
}
