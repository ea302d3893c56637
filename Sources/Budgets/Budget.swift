import Synchronization

/// A request to stop, shared between whoever asks (the CLI's SIGINT or
/// SIGTERM handler) and every stage that checks its budget. It is a
/// reference: one flag for the whole audit, set once, never cleared.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Async-signal-safe: one lock-free atomic store.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// What one stage may spend: a deadline on the monotonic clock (nil: no
/// time limit) and the audit's cancellation. Stages poll `isExhausted` in
/// their outer loops and, when it is true, stop and say so: a budget never
/// decides a verdict, it only leaves it undecided.
///
/// The budget in force is `Budget.current`, a task-local value that the
/// audit sets around each stage: engines deep inside a stage (the simplex
/// method, a bisection) poll it without a parameter threaded through
/// every call, and code run outside any audit sees `unlimited`.
public struct Budget: Sendable {
    /// The stage's name, as the report and `--stage-seconds` spell it.
    public let stage: String
    public let deadline: ContinuousClock.Instant?
    public let cancellation: Cancellation?
    /// The time the user gave named stages (`--stage-seconds name=S`); a
    /// sub-stage started by name takes its own from here.
    public let overrides: [String: Duration]

    public init(stage: String, deadline: ContinuousClock.Instant?, cancellation: Cancellation? = nil,
                overrides: [String: Duration] = [:]) {
        self.stage = stage
        self.deadline = deadline
        self.cancellation = cancellation
        self.overrides = overrides
    }

    @TaskLocal public static var current = Budget.unlimited()

    /// Runs `body` with this budget as `Budget.current`.
    public func enforce<T>(_ body: () throws -> T) rethrows -> T {
        try Budget.$current.withValue(self, operation: body)
    }

    /// No deadline and no cancellation: tests and library callers that bound
    /// their work by counts (pivots, boxes, steps) instead.
    public static func unlimited(_ stage: String = "unbudgeted") -> Budget { Budget(stage: stage, deadline: nil) }

    public var isCancelled: Bool { cancellation?.isCancelled ?? false }

    /// The deadline has passed or the audit was cancelled.
    public var isExhausted: Bool {
        if isCancelled { return true }
        guard let deadline else { return false }
        return ContinuousClock.now >= deadline
    }

    /// Seconds left (0 when exhausted); nil without a deadline.
    public var remainingSeconds: Double? {
        guard let deadline else { return isCancelled ? 0 : nil }
        if isCancelled { return 0 }
        let left = ContinuousClock.now.duration(to: deadline)
        return left <= .zero ? 0 : left.inSeconds
    }

    /// `seconds`, capped by what is left: for an engine that takes a time limit.
    public func cap(_ seconds: Double) -> Double { min(seconds, remainingSeconds ?? seconds) }

    /// A sub-stage of this one, ending no later than it, and after its
    /// override or else `limit` when given.
    public func stage(_ name: String, limit: Duration? = nil) -> Budget {
        var end = deadline
        if let limit = overrides[name] ?? limit {
            let own = ContinuousClock.now + max(.zero, limit)
            end = end.map { min($0, own) } ?? own
        }
        return Budget(stage: name, deadline: end, cancellation: cancellation, overrides: overrides)
    }

    /// The sub-stage for an engine with its own time limit (`TimeLimited`),
    /// and that engine's limits cut to what the sub-stage has.
    public func stage<Limits: TimeLimited>(_ name: String, for limits: Limits) -> (budget: Budget, limits: Limits) {
        let budget = stage(name, limit: .seconds(clamping: limits.timeLimit))
        var capped = limits
        capped.timeLimit = budget.cap(limits.timeLimit)
        return (budget, capped)
    }
}

/// An engine's limits that include a wall-clock limit in seconds, which a
/// budget can cut (`Budget.stage(_:for:)`).
public protocol TimeLimited {
    var timeLimit: Double { get set }
}

extension Duration {
    /// The longest limit a budget takes: about 31 years. Larger (or
    /// non-finite) seconds would overflow `Duration`; they mean "no limit".
    public static let longestLimit = Duration.seconds(1_000_000_000)

    /// `seconds` as a limit: negative or NaN is 0, anything above `longestLimit` is `longestLimit`.
    public static func seconds(clamping seconds: Double) -> Duration {
        guard seconds > 0 else { return .zero }
        return seconds >= 1e9 ? longestLimit : .seconds(seconds)
    }

    /// The duration in seconds, as a `Double` (for limits and display only).
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
