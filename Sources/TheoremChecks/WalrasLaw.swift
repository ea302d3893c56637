public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
import SeededRandom

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
    public let inapplicable: [InapplicablePrice]
    public let witness: WalrasLawWitness?

    public var statusWord: String { outcome.rawValue }
    public var reason: String {
        switch outcome {
        case .counterexample:
            let failed = witness!.failedHypotheses.map(\.hypothesis.id)
            return "p·z = \(witness!.value) at p = \(witness!.prices); "
                + (failed.isEmpty ? "no hypothesis fails: a bug, or a false theorem" : "failed: " + failed.joined(separator: ", "))
        case .holds:
            return hypotheses.allHold
                ? "every hypothesis holds, so p·z(p) = 0 at every price (an identity); confirmed exactly at \(pricesHolding) prices"
                : "p·z(p) = 0 exactly at the \(pricesHolding) prices tested (a finite check: a hypothesis is open, so no more is claimed)"
        case .notApplicable: return "demand or supply is undefined at every one of the \(pricesTested) prices tested"
        case .undecided: return "undecided"
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
/// Checked: at the prices given. Prices where demand or supply is
/// undefined (unbounded) are counted as not applicable, never as holding.
/// Assumed: nothing else.
/// Notes: proofs-notes/walras-law.md
public func checkWalrasLaw(_ economy: Economy, at prices: [Vector]) -> WalrasLawVerdict {
    let hypotheses = economy.localNonSatiationChecks + economy.profitDistributionChecks
    var inapplicable: [InapplicablePrice] = []
    var holding = 0
    for p in prices {
        switch economy.market(at: p) {
        case .undefined(let agent, let unbounded):
            inapplicable.append(InapplicablePrice(prices: p, agent: agent, reason: unbounded.reason(economy.commodities)))
        case .defined(let state):
            if let witness = walrasLawWitness(economy, state) {
                return WalrasLawVerdict(outcome: .counterexample, hypotheses: hypotheses, pricesTested: prices.count, pricesHolding: holding,
                                        inapplicable: inapplicable, witness: witness)
            }
            holding += 1
        }
    }
    return WalrasLawVerdict(outcome: holding > 0 ? .holds : .notApplicable, hypotheses: hypotheses, pricesTested: prices.count,
                            pricesHolding: holding, inapplicable: inapplicable, witness: nil)
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

/// The prices Walras' law is tested at, in a fixed order: the simplex
/// vertices, the edge midpoints, then `samples` interior rational prices
/// `k / Σk` with `k_i` drawn uniformly from `1...100` by `SplitMix64(seed)`.
public func walrasLawTestPrices(commodityCount n: Int, samples: Int, seed: UInt64) -> [Vector] {
    var prices: [Vector] = []
    for i in 0..<n { prices.append(.unit(i, count: n)) }
    for i in 0..<n {
        for j in (i + 1)..<n {
            var v = Vector.zero(n)
            v[i] = Rational(1, 2)
            v[j] = Rational(1, 2)
            prices.append(v)
        }
    }
    var rng = SplitMix64(seed: seed)
    for _ in 0..<samples {
        let k = (0..<n).map { _ in rng.int(in: 1...100) }
        let total = k.reduce(0, +)
        prices.append(Vector(k.map { Rational($0, total) }))
    }
    return prices
}
