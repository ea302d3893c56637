public import EconomyModel
public import ExactLinearAlgebra
public import EquilibriumSearch
import SeededRandom
import Tatonnement

/// Every budget of every theorem check, in one value: the audit and the
/// harness each pass one, and nothing else differs between them.
public struct VerdictOptions: Sendable {
    /// Interior prices sampled for Walras' law, and their seed.
    public var walrasLawSamples: Int
    public var seed: UInt64
    public var equilibrium: EquilibriumOptions
    public var contraction: ContractionOptions

    public init(walrasLawSamples: Int = 32, seed: UInt64 = 0, equilibrium: EquilibriumOptions = EquilibriumOptions(),
                contraction: ContractionOptions = ContractionOptions()) {
        self.walrasLawSamples = walrasLawSamples
        self.seed = seed
        self.equilibrium = equilibrium
        self.contraction = contraction
    }

    /// The sweep's budgets: pivots, boxes and steps rather than seconds, so a
    /// seed's verdicts are the same on every machine (time limits are only
    /// safety nets).
    public static func sweep(seed: UInt64) -> VerdictOptions {
        VerdictOptions(walrasLawSamples: 8, seed: seed, equilibrium: .sweep,
                       contraction: ContractionOptions(limits: ContractionSearchLimits(maximumBoxes: 1000, timeLimit: 120),
                                                       orbitSteps: 300, starts: 3))
    }
}

/// The verdicts of one economy; a theorem not asked for is nil.
public struct Verdicts: Sendable {
    public var walrasLaw: WalrasLawVerdict?
    public var equilibrium: EquilibriumVerdict?
    public var firstWelfare: FirstWelfareVerdict?
    public var secondWelfare: SecondWelfareVerdict?
    public var contraction: ContractionVerdict?

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

    /// 1 if any is a counterexample, else 3 if any is undecided, else 0.
    public var exitStatus: Int32 { TheoremChecks.exitStatus(of: all.map(\.outcome)) }
}

/// The one entry point to every verdict: the audit, the harness and the
/// tests call it, so one economy gets one verdict whoever asks. A theorem
/// that needs another's verdict (first welfare needs the equilibrium) gets
/// it from here, computed once.
public func checkTheorems(_ economy: Economy, options: VerdictOptions = VerdictOptions(),
                          only wanted: Set<TheoremID> = Set(TheoremID.allCases),
                          progress: (MeshStep, SearchStatistics) -> Void = { _, _ in }) -> Verdicts {
    var v = Verdicts()
    if wanted.contains(.walrasLaw) {
        v.walrasLaw = checkWalrasLaw(economy, at: walrasLawTestPrices(commodityCount: economy.commodityCount,
                                                                      samples: options.walrasLawSamples, seed: options.seed))
    }
    let needsEquilibrium: Set<TheoremID> = [.equilibrium, .firstWelfare, .secondWelfare, .contraction]
    guard !wanted.isDisjoint(with: needsEquilibrium) else { return v }
    let equilibrium = checkEquilibrium(economy, options: options.equilibrium, progress: progress)
    if wanted.contains(.equilibrium) { v.equilibrium = equilibrium }
    if wanted.contains(.firstWelfare) || wanted.contains(.secondWelfare) {
        let first = checkFirstWelfare(economy, equilibrium: equilibrium)
        if wanted.contains(.firstWelfare) { v.firstWelfare = first }
        if wanted.contains(.secondWelfare) {
            v.secondWelfare = checkSecondWelfare(economy, optimalEquilibrium: first.paretoOptimalEquilibrium)
        }
    }
    if wanted.contains(.contraction) {
        v.contraction = checkContraction(economy, equilibrium: equilibrium, options: options.contraction)
    }
    return v
}
