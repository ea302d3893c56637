public import EconomyModel
public import ExactLinearAlgebra
public import EquilibriumSearch
import SeededRandom
import Tatonnement
public import Budgets

/// Every budget of every theorem check, in one value: the audit and the
/// harness each pass one, and nothing else differs between them.
public struct VerdictOptions: Sendable {
    /// Interior prices sampled for Walras' law, and their seed.
    public var walrasLawSamples: Int
    public var seed: UInt64
    /// At most this many prices of the Walras'-law sample are tested (nil:
    /// all, while the budget lasts): a count, so sweeps are reproducible.
    public var walrasLawMaximumPrices: Int?
    public var equilibrium: EquilibriumOptions
    public var contraction: ContractionOptions
    /// Time for the whole check, shared by its stages (nil: no limit
    /// beyond each stage's own); see `AuditClock`.
    public var budget: Duration?
    /// Time for named stages (`TheoremChecks.stages` and their sub-stages), overriding their share.
    public var stageLimits: [String: Duration]
    /// Set by whoever may stop the check early (the CLI, on SIGINT or SIGTERM).
    public var cancellation: Cancellation?

    public init(walrasLawSamples: Int = 32, seed: UInt64 = 0, equilibrium: EquilibriumOptions = EquilibriumOptions(),
                contraction: ContractionOptions = ContractionOptions(), budget: Duration? = nil,
                stageLimits: [String: Duration] = [:], cancellation: Cancellation? = nil) {
        self.walrasLawSamples = walrasLawSamples
        self.seed = seed
        self.equilibrium = equilibrium
        self.contraction = contraction
        self.budget = budget
        self.stageLimits = stageLimits
        self.cancellation = cancellation
    }

    /// The sweep's budgets: pivots, boxes and steps rather than seconds, so a
    /// seed's verdicts are the same on every machine (time limits are only
    /// safety nets).
    public static func sweep(seed: UInt64) -> VerdictOptions {
        var options = VerdictOptions(walrasLawSamples: 8, seed: seed, equilibrium: .sweep,
                       contraction: ContractionOptions(limits: ContractionSearchLimits(maximumBoxes: 1000, timeLimit: 120),
                                                       orbitSteps: 300, starts: 3))
        options.walrasLawMaximumPrices = 300
        return options
    }
}

/// The verdicts of one economy; a theorem not asked for is nil.
public struct Verdicts: Sendable {
    public var walrasLaw: WalrasLawVerdict?
    public var equilibrium: EquilibriumVerdict?
    public var firstWelfare: FirstWelfareVerdict?
    public var secondWelfare: SecondWelfareVerdict?
    public var contraction: ContractionVerdict?
    /// How each stage that ran went, in order.
    public var stages: [StageRecord] = []
    /// Why a theorem's stage did not run (its budget was gone, or the check
    /// was interrupted), for each theorem asked for but not computed.
    public var notRun: [TheoremID: String] = [:]

    /// Those computed, in the order of `TheoremID.allCases`.
    public var all: [any TheoremVerdict] {
        TheoremID.allCases.compactMap { self[$0] }
    }

    public subscript(_ id: TheoremID) -> (any TheoremVerdict)? {
        switch id {
        case .walrasLaw: return walrasLaw
        case .equilibrium: return equilibrium
        case .firstWelfare: return firstWelfare
        case .secondWelfare: return secondWelfare
        case .contraction: return contraction
        }
    }

    /// 1 if any is a counterexample, else 3 if any is undecided or not run, else 0.
    public var exitStatus: Int32 {
        TheoremChecks.exitStatus(of: all.map(\.outcome) + (notRun.isEmpty ? [] : [.undecided]))
    }
}

/// The stages of `checkTheorems`, in the order they run, with the weight
/// of each in the shared budget. Sub-stages, each with its own name for
/// `--stage-seconds`: `vector_search`, `simplicial_search`, `newton`,
/// `planner`, `enclosure`, `non_existence`, `census` (in `equilibrium`); `step_selection`, `orbits`,
/// `contraction_certificate`, `step_range` (in `contraction`).
public let stages: [(name: String, weight: Int)] = [
    (TheoremID.walrasLaw.rawValue, 1), (TheoremID.equilibrium.rawValue, 4), (TheoremID.firstWelfare.rawValue, 1),
    (TheoremID.secondWelfare.rawValue, 1), (TheoremID.contraction.rawValue, 3),
]

/// Every stage name `--stage-seconds` accepts.
public let stageNames: [String] = stages.map(\.name) + ["vector_search", "closed_form", "simplicial_search", "newton", "planner", "enclosure",
                                                         "non_existence", "census",
                                                         "step_selection", "orbits", "contraction_certificate", "step_range"]

/// The one entry point to every verdict: the audit, the harness and the
/// tests call it, so one economy gets one verdict whoever asks. A theorem
/// that needs another's verdict (first welfare needs the equilibrium) gets
/// it from here, computed once.
public func checkTheorems(_ economy: Economy, options: VerdictOptions = VerdictOptions(),
                          only wanted: Set<TheoremID> = Set(TheoremID.allCases),
                          progress: (MeshStep, SearchStatistics) -> Void = { _, _ in },
                          started: (_ stage: String, _ deadline: ContinuousClock.Instant?) -> Void = { _, _ in },
                          finished: (Verdicts) -> Void = { _ in }) -> Verdicts {
    let clock = AuditClock(total: options.budget, overrides: options.stageLimits, plan: stages,
                           cancellation: options.cancellation ?? Cancellation())
    var v = Verdicts()
    /// Runs a stage unless the audit is already out of time or stopped; a
    /// stage that does not run leaves its theorem in `notRun`, with why.
    func stage<T>(_ id: TheoremID, _ body: () -> T) -> T? {
        if let reason = clock.whole.isCancelled ? "interrupted before this stage ran"
            : clock.whole.isExhausted ? "the audit's budget of \(clock.totalDescription) s was spent before this stage ran (raise --budget)" : nil {
            v.notRun[id] = reason
            return nil
        }
        let result = clock.run(id.rawValue, onBegin: { started(id.rawValue, $0.deadline) }, body)
        v.stages = clock.records
        return result
    }
    func skip(_ id: TheoremID, because reason: String) { if wanted.contains(id) { v.notRun[id] = reason } }
    finished(v)  // nothing yet: a report of what is pending, should the check be stopped now

    if wanted.contains(.walrasLaw) {
        v.walrasLaw = stage(.walrasLaw) {
            checkWalrasLaw(economy, at: walrasLawTestPrices(commodityCount: economy.commodityCount,
                                                            samples: options.walrasLawSamples, seed: options.seed),
                           maximumPrices: options.walrasLawMaximumPrices)
        }
        finished(v)
    }
    let needsEquilibrium: Set<TheoremID> = [.equilibrium, .firstWelfare, .secondWelfare, .contraction]
    guard !wanted.isDisjoint(with: needsEquilibrium) else { return v }
    guard let equilibrium = stage(.equilibrium, { checkEquilibrium(economy, options: options.equilibrium, progress: progress) }) else {
        let why = v.notRun[.equilibrium]!
        for id in needsEquilibrium { skip(id, because: id == .equilibrium ? why : "it needs the equilibrium stage, which did not run: " + why) }
        finished(v)
        return v
    }
    if wanted.contains(.equilibrium) { v.equilibrium = equilibrium }
    finished(v)
    if wanted.contains(.firstWelfare) || wanted.contains(.secondWelfare) {
        if let first = stage(.firstWelfare, { checkFirstWelfare(economy, equilibrium: equilibrium) }) {
            if wanted.contains(.firstWelfare) { v.firstWelfare = first }
            finished(v)
            if wanted.contains(.secondWelfare) {
                v.secondWelfare = stage(.secondWelfare) {
                    checkSecondWelfare(economy, optimalEquilibrium: first.paretoOptimalEquilibrium,
                                       optimalEnclosure: first.paretoOptimalEnclosure)
                }
                finished(v)
            }
        } else {
            skip(.secondWelfare, because: "it needs the first_welfare stage, which did not run: " + (v.notRun[.firstWelfare] ?? ""))
            if !wanted.contains(.firstWelfare) { v.notRun[.firstWelfare] = nil }  // run only for second welfare
        }
    }
    if wanted.contains(.contraction) {
        v.contraction = stage(.contraction) { checkContraction(economy, equilibrium: equilibrium, options: options.contraction) }
        finished(v)
    }
    return v
}
