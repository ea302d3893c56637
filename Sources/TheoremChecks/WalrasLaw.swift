public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
import SeededRandom
import Budgets

/// A price where demand or supply is undefined, so Walras' law does not apply there.
public struct InapplicablePrice: Sendable, Hashable {
    public let prices: Vector
    public let agent: String
    public let reason: String
}

/// The exact refutation of Walras' law at one price.
public struct WalrasLawWitness: Sendable, Hashable {
    public let prices: Vector
    /// `p · z(p)` for the selection below: exactly, and not zero.
    public let value: Rational
    public let state: MarketState
    /// The demand selection used, one bundle per consumer (a set-valued
    /// demand may be refuted by one of its selections only).
    public let bundles: [Vector]
    public let excessDemand: Vector
    public let failedHypotheses: [FailedHypothesis]
}

public struct WalrasLawVerdict: TheoremVerdict, Hashable {
    public static let theorem = TheoremID.walrasLaw
    public let outcome: Outcome
    /// Local non-satiation per consumer, complete profit distribution per firm.
    public let hypotheses: [HypothesisCheck]
    public let pricesTested: Int
    public let pricesHolding: Int
    /// How many tested prices were not applicable, and the first few of them.
    public let inapplicableCount: Int
    public let inapplicable: [InapplicablePrice]
    public let witness: WalrasLawWitness?
    /// The prices the sample would test, and why it stopped short of them
    /// (its stage's budget), when it did.
    public let pricesPlanned: Int
    public let stoppedEarly: String?

    public var statusWord: String { outcome.rawValue }
    public var reason: String {
        switch outcome {
        case .counterexample:
            let failed = witness!.failedHypotheses.map(\.hypothesis.id)
            return "p·z = \(witness!.value) at p = \(witness!.prices); "
                + (failed.isEmpty ? "no hypothesis fails: a bug, or a false theorem" : "failed: " + failed.joined(separator: ", "))
        case .holds:
            let stop = stoppedEarly.map { "; \($0)" } ?? ""
            return (hypotheses.allHold
                ? "every hypothesis holds, so p·z(p) = 0 at every price (an identity); confirmed exactly at \(pricesHolding) prices"
                : "p·z(p) = 0 exactly at the \(pricesHolding) prices tested (a finite check: a hypothesis is open, so no more is claimed)")
                + stop
        case .notApplicable: return "demand or supply is undefined at every one of the \(pricesTested) prices tested"
        case .undecided:
            return (pricesTested == 0 ? "no price was tested: " : "no applicable price among the \(pricesTested) tested: ")
                + (stoppedEarly ?? "the sample is empty")
        }
    }
    /// A refutation where every hypothesis holds contradicts the theorem.
    public var inconsistency: String? {
        outcome == .counterexample && witness!.failedHypotheses.isEmpty ? "Walras' law fails where no hypothesis fails" : nil
    }
}

/// **Walras' law** (`walras_law`). At every price, the value of excess demand is zero.
///
/// Hypotheses: every consumer spends its income (local non-satiation);
/// every firm's profit is fully distributed (shares sum to 1).
/// Conclusion: `p · z(p) == 0`, compared exactly, for every selection of
/// set-valued demand and supply (`p·z` is affine in the selection, and each
/// consumer's least- and greatest-expenditure selections are both tested;
/// every optimal supply has the same value `π_f(p)`).
/// Checked: at the prices given, one at a time, until `Budget.current`
/// runs out or `maximumPrices` are tested (the verdict then says how many). Prices where
/// demand or supply is undefined (unbounded) are counted as not
/// applicable, never as holding. Assumed: nothing else.
/// Notes: proofs-notes/walras-law.md
public func checkWalrasLaw<Prices: Sequence<Vector>>(_ economy: Economy, at prices: Prices,
                                                    maximumPrices: Int? = nil) -> WalrasLawVerdict {
    let hypotheses = economy.localNonSatiationChecks + economy.profitDistributionChecks
    let planned = prices.underestimatedCount
    var inapplicable: [InapplicablePrice] = [], inapplicableCount = 0
    var holding = 0, tested = 0
    var stopped: String? = nil
    let budget = Budget.current
    for p in prices {
        if let maximumPrices, tested >= maximumPrices {
            stopped = "the sample stopped after its limit of \(maximumPrices) of \(planned) prices"
            break
        }
        if budget.isExhausted {
            stopped = "the sample stopped after \(tested) of \(planned) prices, at the end of the \(budget.stage) stage's budget"
                + (budget.isCancelled ? " (interrupted)" : " (--stage-seconds \(budget.stage)=S or --budget S tests more)")
            break
        }
        tested += 1
        switch economy.market(at: p) {
        case .undefined(let agent, let unbounded):
            inapplicableCount += 1
            if inapplicable.count < 5 {
                inapplicable.append(InapplicablePrice(prices: p, agent: agent, reason: unbounded.reason(economy.commodities)))
            }
        case .defined(let state):
            if let witness = walrasLawWitness(economy, state) {
                return WalrasLawVerdict(outcome: .counterexample, hypotheses: hypotheses, pricesTested: tested, pricesHolding: holding,
                                        inapplicableCount: inapplicableCount, inapplicable: inapplicable, witness: witness,
                                        pricesPlanned: planned, stoppedEarly: nil)
            }
            holding += 1
        }
    }
    // Not applicable only when the whole sample was tested: a cut sample may hold applicable prices.
    let outcome: Outcome = holding > 0 ? .holds : stopped != nil ? .undecided : .notApplicable
    return WalrasLawVerdict(outcome: outcome, hypotheses: hypotheses, pricesTested: tested, pricesHolding: holding,
                            inapplicableCount: inapplicableCount, inapplicable: inapplicable, witness: nil,
                            pricesPlanned: planned, stoppedEarly: stopped)
}

/// The value of excess demand at the least- and at the greatest-expenditure
/// selections; a witness when either is not zero.
private func walrasLawWitness(_ economy: Economy, _ state: MarketState) -> WalrasLawWitness? {
    let p = state.prices
    let endowmentValue = p.dot(economy.totalEndowment)
    let profits = state.supplies.reduce(Rational.zero) { $0 + $1.profit }
    for pickGreatest in [false, true] {
        let bundles = state.demands.map { d in
            (pickGreatest ? d.selections.max { p.dot($0) < p.dot($1) } : d.selections.min { p.dot($0) < p.dot($1) })!
        }
        let value = bundles.reduce(Rational.zero) { $0 + p.dot($1) } - endowmentValue - profits
        guard !value.isZero else { continue }
        var z = -economy.totalEndowment
        for x in bundles { z = z + x }
        for s in state.supplies { z = z - s.production }
        return WalrasLawWitness(prices: p, value: value, state: state, bundles: bundles, excessDemand: z,
                                failedHypotheses: diagnose(economy, state, bundles))
    }
    return nil
}

/// Which hypotheses fail at this price: `p·z = Σ_h (p·x_h − w_h) + Σ_f π_f (Σ_h θ_hf − 1)`,
/// so each nonzero term is a named failure.
private func diagnose(_ economy: Economy, _ state: MarketState, _ bundles: [Vector]) -> [FailedHypothesis] {
    var failed: [FailedHypothesis] = []
    let p = state.prices
    for (h, c) in economy.consumers.enumerated() {
        let spent = p.dot(bundles[h]), income = state.incomes[h]
        if spent != income {
            failed.append(FailedHypothesis(
                hypothesis: .localNonSatiation, subject: .consumer(h),
                detail: "spends \(spent) of its income \(income) (\(c.utility.kind) utility, satiated)"))
        }
    }
    for (f, firm) in economy.firms.enumerated() {
        let total = economy.shareTotal(ofFirm: f)
        let profit = state.supplies[f].profit
        if total != .one && !profit.isZero {
            failed.append(FailedHypothesis(
                hypothesis: .completeProfitDistribution, subject: .firm(f),
                detail: "shares sum to \(total), so \(profit * (1 - total)) of its profit \(profit) is not paid out"))
        }
    }
    return failed
}

/// The prices Walras' law is tested at, generated one at a time in a
/// fixed order (memory O(n), whatever the count): the simplex vertices,
/// the edge midpoints, and `samples` interior rational prices `k / Σk`
/// with `k_i` drawn uniformly from `1...100` by `SplitMix64(seed)`.
///
/// Up to `boundaryFirstGoods` goods the boundary comes first (its
/// witnesses, such as `(1/2, 1/2)`, read best). Above that the boundary
/// has more than 2,000 points, most of them where demand is undefined, so
/// the interior prices come first: under a budget, a large economy is
/// tested where the test says most.
public struct WalrasLawSample: Sequence, Sendable {
    public let commodityCount: Int
    public let samples: Int
    public let seed: UInt64

    public init(commodityCount: Int, samples: Int, seed: UInt64) {
        self.commodityCount = commodityCount
        self.samples = samples
        self.seed = seed
    }

    public static let boundaryFirstGoods = 64
    public var interiorFirst: Bool { commodityCount > Self.boundaryFirstGoods }

    public var vertexCount: Int { commodityCount }
    public var edgeCount: Int { commodityCount * (commodityCount - 1) / 2 }
    public var underestimatedCount: Int { samples + vertexCount + edgeCount }

    public struct Iterator: IteratorProtocol {
        let n: Int, samples: Int, interiorFirst: Bool
        var rng: SplitMix64
        var drawn = 0, vertex = 0, i = 0, j = 1

        public mutating func next() -> Vector? {
            if interiorFirst, let p = nextInterior() { return p }
            if let p = nextBoundary() { return p }
            return nextInterior()
        }

        mutating func nextInterior() -> Vector? {
            guard drawn < samples else { return nil }
            drawn += 1
            let k = (0..<n).map { _ in rng.int(in: 1...100) }
            let total = k.reduce(0, +)
            return Vector(k.map { Rational($0, total) })
        }

        mutating func nextBoundary() -> Vector? {
            if vertex < n {
                vertex += 1
                return .unit(vertex - 1, count: n)
            }
            guard j < n else { return nil }
            var v = Vector.zero(n)
            v[i] = Rational(1, 2)
            v[j] = Rational(1, 2)
            j += 1
            if j == n { i += 1; j = i + 1 }
            return v
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(n: commodityCount, samples: samples, interiorFirst: interiorFirst, rng: SplitMix64(seed: seed))
    }
}

/// The sample of `checkWalrasLaw`'s audit use; see `WalrasLawSample`.
public func walrasLawTestPrices(commodityCount n: Int, samples: Int, seed: UInt64) -> WalrasLawSample {
    WalrasLawSample(commodityCount: n, samples: samples, seed: seed)
}
