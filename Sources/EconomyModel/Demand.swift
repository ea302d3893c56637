public import ExactArithmetic
public import ExactLinearAlgebra

/// A consumer's demand at one price and income, exactly.
///
/// Demand may be a set (linear and capped-linear utilities). `selections`
/// lists optimal bundles that include one of least and one of greatest
/// expenditure `p·x`; since `p·x` is linear, every optimal bundle's
/// expenditure lies between those two, which is all Walras' law needs.
/// For linear utility the selections are all vertices of the demand set.
public struct Demand: Sendable, Hashable {
    public var selections: [Vector]
    public var income: Rational

    public init(selections: [Vector], income: Rational) {
        precondition(!selections.isEmpty, "Demand: at least one selection")
        self.selections = selections
        self.income = income
    }

    /// `true` when the demand set is one point.
    public var isSingleValued: Bool { selections.count == 1 }
    /// The first selection: the canonical bundle reported when one is needed.
    public var bundle: Vector { selections[0] }
}

/// Why demand or supply is undefined at a price: it is unbounded in `good`.
public struct Unboundedness: Sendable, Hashable {
    /// The commodity whose demand (or supply) is unbounded.
    public let good: Int
    /// `true` for unbounded demand (excess demand → +∞), `false` for
    /// unbounded supply (excess demand → −∞).
    public let isDemand: Bool
    /// Why, in words that follow the commodity's name.
    public let because: String

    public init(good: Int, isDemand: Bool, because: String) {
        self.good = good
        self.isDemand = isDemand
        self.because = because
    }

    public func reason(_ commodities: [String]) -> String {
        let name = good < commodities.count ? commodities[good] : "good \(good)"
        return "\(isDemand ? "demand" : "supply") of '\(name)' is unbounded: \(because)"
    }
}

/// Demand at a price: defined, or undefined because it is unbounded (for
/// example at a zero price of a good the consumer wants).
public enum DemandOutcome: Sendable, Hashable {
    case defined(Demand)
    case undefined(Unboundedness)
}

extension Utility {
    /// The optimal bundles on the budget set `{x ≥ 0 : p·x ≤ income}`, for
    /// `p ≥ 0` and `income ≥ 0`.
    public func demand(at p: Vector, income w: Rational) -> DemandOutcome {
        let n = p.count
        func defined(_ s: [Vector]) -> DemandOutcome { .defined(Demand(selections: s, income: w)) }
        switch self {
        case .cobbDouglas(let a):
            let total = a.entries.reduce(Rational.zero, +)
            var x = Vector.zero(n)
            for i in 0..<n where a[i].signum() > 0 {
                guard p[i].signum() > 0 else {
                    return .undefined(Unboundedness(good: i, isDemand: true,
                                                    because: "its price is 0 and its Cobb–Douglas exponent is positive"))
                }
                x[i] = a[i] / total * w / p[i]
            }
            return defined([x])

        case .leontief(let a):
            let cost = p.dot(a)
            guard cost.signum() > 0 else {
                let i = (0..<n).first { a[$0].signum() > 0 }!
                return .undefined(Unboundedness(good: i, isDemand: true,
                                                because: "every good the Leontief consumer needs has price 0"))
            }
            return defined([(w / cost) * a])

        case .linear(let weights):
            if let i = (0..<n).first(where: { p[$0].isZero && weights[$0].signum() > 0 }) {
                return .undefined(Unboundedness(good: i, isDemand: true,
                                                because: "its price is 0 and its linear weight is positive"))
            }
            let best = bestRatio(weights, p)
            // All income on any good of best weight per unit of money.
            return defined(best.goods.map { j in (w / p[j]) * Vector.unit(j, count: n) })

        case .satiableQuadratic(let bliss, let weights):
            return defined([satiableQuadraticDemand(bliss: bliss, weights: weights, p: p, w: w)])

        case .cappedLinear(let weights, let cap):
            if let i = (0..<n).first(where: { p[$0].isZero && weights[$0].signum() > 0 }) {
                // The cap is reached for free; the rest of income can go anywhere.
                let free = (cap / weights[i]) * Vector.unit(i, count: n)
                return defined([free] + spendRest(free, p, w))
            }
            let best = bestRatio(weights, p)
            guard let j = best.goods.first, best.ratio.signum() > 0 else { return defined([Vector.zero(n)]) }
            let costOfCap = cap / best.ratio
            if costOfCap >= w {
                return defined(best.goods.map { k in (w / p[k]) * Vector.unit(k, count: n) })
            }
            let cheapest = (cap / weights[j]) * Vector.unit(j, count: n)
            return defined([cheapest] + spendRest(cheapest, p, w))
        }
    }
}

/// The goods of highest `weight_i / p_i` among `p_i > 0`, and that ratio.
private func bestRatio(_ weights: Vector, _ p: Vector) -> (ratio: Rational, goods: [Int]) {
    var ratio: Rational? = nil
    var goods: [Int] = []
    for i in 0..<p.count where p[i].signum() > 0 {
        let r = weights[i] / p[i]
        if ratio == nil || r > ratio! { ratio = r; goods = [i] } else if r == ratio! { goods.append(i) }
    }
    return (ratio ?? .zero, goods)
}

/// `x` plus the unspent income on the first good with a positive price:
/// an optimal bundle of greatest expenditure for a satiated consumer.
private func spendRest(_ x: Vector, _ p: Vector, _ w: Rational) -> [Vector] {
    let rest = w - p.dot(x)
    guard rest.signum() > 0, let k = (0..<p.count).first(where: { p[$0].signum() > 0 }) else { return [] }
    return [x + (rest / p[k]) * Vector.unit(k, count: p.count)]
}

/// `argmax −Σ w_i (x_i − b_i)²` on `{x ≥ 0 : p·x ≤ w}`.
///
/// If the bliss point is affordable it is the demand (income left unspent).
/// Otherwise the budget binds and, by the KKT conditions,
/// `x_i = max(0, b_i − λ c_i)` with `c_i = p_i / (2 w_i)` for a unique
/// `λ > 0`; expenditure is piecewise linear and decreasing in `λ`, so `λ`
/// is found exactly on the segment between consecutive breakpoints
/// `b_i / c_i`. Free goods are taken at their bliss amount.
private func satiableQuadraticDemand(bliss b: Vector, weights: Vector, p: Vector, w: Rational) -> Vector {
    let n = p.count
    if p.dot(b) <= w { return b }
    var x = Vector.zero(n)
    let priced = (0..<n).filter { p[$0].signum() > 0 }
    for i in 0..<n where p[i].isZero { x[i] = b[i] }
    if w.isZero { return x }
    var c = [Rational](repeating: .zero, count: n)
    for i in priced { c[i] = p[i] / (2 * weights[i]) }
    // Goods leave the active set in order of their breakpoints b_i / c_i.
    var active = priced.filter { b[$0].signum() > 0 }.sorted { b[$0] / c[$0] < b[$1] / c[$1] }
    while !active.isEmpty {
        let spend = active.reduce(Rational.zero) { $0 + p[$1] * b[$1] }
        let slope = active.reduce(Rational.zero) { $0 + p[$1] * c[$1] }
        let lambda = (spend - w) / slope
        let first = active[0]
        if lambda <= b[first] / c[first] {
            for i in active { x[i] = b[i] - lambda * c[i] }
            return x
        }
        active.removeFirst()
    }
    return x  // unreachable for w > 0: some good is still active
}
