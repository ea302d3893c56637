public import ExactArithmetic
public import ExactLinearAlgebra

/// Everything the economy does at one price: incomes, demands, supplies,
/// and the excess demand of the canonical selection.
public struct MarketState: Sendable, Hashable {
    public var prices: Vector
    public var supplies: [Supply]
    public var incomes: [Rational]
    public var demands: [Demand]

    /// `z(p) = Σ_h x_h − Σ_h ω_h − Σ_f y_f` for the canonical selections.
    public var excessDemand: Vector
}

public enum MarketOutcome: Sendable, Hashable {
    case defined(MarketState)
    /// Demand or supply is unbounded at this price; `agent` names who.
    case undefined(agent: String, unbounded: Unboundedness)
}

extension Economy {
    /// Incomes, demands, supplies and excess demand at `p`, exactly.
    /// Traps when `p` has the wrong length or a negative entry (a broken contract).
    public func market(at p: Vector) -> MarketOutcome {
        precondition(p.count == commodityCount, "market(at:): \(p.count) prices for \(commodityCount) commodities")
        precondition(p.allSatisfy { $0.signum() >= 0 }, "market(at:): negative price in \(p)")
        var supplies: [Supply] = []
        for (fi, f) in firms.enumerated() {
            switch f.technology.supply(at: p) {
            case .defined(let s): supplies.append(s)
            case .undefined(let u): return .undefined(agent: describe(.firm(fi)), unbounded: u)
            }
        }
        var incomes: [Rational] = []
        var demands: [Demand] = []
        for (hi, h) in consumers.enumerated() {
            var w = p.dot(h.endowment)
            for (f, s) in supplies.enumerated() where !h.shares[f].isZero { w += h.shares[f] * s.profit }
            switch h.utility.demand(at: p, income: w) {
            case .defined(let d): demands.append(d); incomes.append(w)
            case .undefined(let u): return .undefined(agent: describe(.consumer(hi)), unbounded: u)
            }
        }
        var z = -totalEndowment
        for d in demands { z = z + d.bundle }
        for s in supplies { z = z - s.production }
        return .defined(MarketState(prices: p, supplies: supplies, incomes: incomes, demands: demands, excessDemand: z))
    }
}
