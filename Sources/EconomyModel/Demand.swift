public import ExactArithmetic
public import ExactLinearAlgebra

/// A consumer's demand at one price and income, exactly.
///
/// Demand may be a set (linear and capped-linear utilities, and a consumer
/// with no income whose utility is 0 on its whole budget set). `selections`
/// lists the vertices of the demand set; the set is their convex hull plus
/// any amount of goods whose price is 0 (its recession directions, which
/// only ever add demand). So `selections` holds one bundle of least
/// and one of greatest expenditure `p·x`: since `p·x` is linear, every
/// optimal bundle's expenditure lies between those two, which is all
/// Walras' law needs, and the exact LP of the search can reach every
/// optimal bundle.
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
            let valued = (0..<n).filter { a[$0].signum() > 0 }
            if w.isZero, valued.contains(where: { p[$0].signum() > 0 }) {
                // No income and a valued good that costs something: every affordable
                // bundle lacks that good, so utility is 0 on the whole budget set and
                // every affordable bundle is optimal. The zero bundle is its only vertex
                // (the rest is free goods, the recession directions).
                return defined([Vector.zero(n)])
            }
            let total = a.entries.reduce(Rational.zero, +)
            var x = Vector.zero(n)
            for i in valued {
                guard p[i].signum() > 0 else {
                    return .undefined(Unboundedness(good: i, isDemand: true, because: w.isZero
                        ? "every good with a positive Cobb–Douglas exponent has price 0"
                        : "its price is 0, its Cobb–Douglas exponent is positive and income is positive"))
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
            let freeValued = (0..<n).contains { p[$0].isZero && weights[$0].signum() > 0 }
            let best = bestRatio(weights, p)
            if !freeValued {
                guard best.goods.first != nil, best.ratio.signum() > 0 else { return defined([Vector.zero(n)]) }
                if cap / best.ratio >= w {
                    // The cap is out of reach (or just reached): all income on goods of best ratio.
                    return defined(best.goods.map { k in (w / p[k]) * Vector.unit(k, count: n) })
                }
            }
            // The cap is reachable (for free, or affordably): the demand set is the
            // polyhedron {x ≥ 0 : w·x ≥ cap, p·x ≤ income}, listed by its vertices.
            return defined(cappedLinearVertices(weights, cap, p, w))
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

/// The vertices of `{x ≥ 0 : w·x ≥ cap, p·x ≤ income}` when the cap is
/// reachable, cheapest first (so the first selection is the least-expenditure
/// one). A vertex has at most two nonzero goods (n of the n + 2 constraints
/// are active): on one axis, at the cap or spending everything; on two, with
/// both constraints binding (one of them may be a free good that reaches the
/// cap while all income goes to the other). Free goods (`p_i = 0`) are also
/// the polyhedron's recession directions.
private func cappedLinearVertices(_ weights: Vector, _ cap: Rational, _ p: Vector, _ income: Rational) -> [Vector] {
    let n = p.count
    var vertices: [Vector] = []
    func add(_ x: Vector) { if !vertices.contains(x) { vertices.append(x) } }
    for j in 0..<n {
        if weights[j].signum() > 0, p[j] * cap / weights[j] <= income { add((cap / weights[j]) * Vector.unit(j, count: n)) }
        if p[j].signum() > 0, weights[j] * income / p[j] >= cap { add((income / p[j]) * Vector.unit(j, count: n)) }
    }
    for a in 0..<n {
        for b in (a + 1)..<n {
            // x_a w_a + x_b w_b = cap and x_a p_a + x_b p_b = income.
            let det = weights[a] * p[b] - weights[b] * p[a]
            guard !det.isZero else { continue }
            let xa = (cap * p[b] - weights[b] * income) / det
            let xb = (weights[a] * income - p[a] * cap) / det
            guard xa.signum() > 0, xb.signum() > 0 else { continue }
            var x = Vector.zero(n)
            x[a] = xa
            x[b] = xb
            add(x)
        }
    }
    return vertices.sorted { p.dot($0) < p.dot($1) }
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
