import ExactArithmetic
public import EconomyModel
import ExactLinearAlgebra

/// A value and its gradient with respect to the prices, each enclosed by an
/// interval over a box of prices: forward-mode differentiation in interval
/// arithmetic.
///
/// Where a function has a kink inside the box (`min(c, f)`), the gradient
/// interval is the hull of the one-sided gradients, which contains
/// Clarke's generalised gradient; the mean-value inclusion
/// `f(p) − f(q) ∈ co ∂f([p, q])·(p − q)` (Clarke 1983, Thm 2.3.7) then
/// holds for every segment inside the box.
struct PriceJet {
    var value: RationalInterval
    var gradient: [RationalInterval]

    static func constant(_ c: Rational, count n: Int) -> PriceJet {
        PriceJet(value: RationalInterval(c), gradient: Array(repeating: .zero, count: n))
    }

    /// The price of good `i` over the box.
    static func price(_ i: Int, box: [RationalInterval]) -> PriceJet {
        var g = [RationalInterval](repeating: .zero, count: box.count)
        g[i] = RationalInterval(.one)
        return PriceJet(value: box[i], gradient: g)
    }

    static func + (a: PriceJet, b: PriceJet) -> PriceJet {
        PriceJet(value: a.value + b.value, gradient: zip(a.gradient, b.gradient).map { $0 + $1 })
    }

    static func - (a: PriceJet, b: PriceJet) -> PriceJet {
        PriceJet(value: a.value - b.value, gradient: zip(a.gradient, b.gradient).map { $0 - $1 })
    }

    static func * (c: Rational, a: PriceJet) -> PriceJet {
        PriceJet(value: c * a.value, gradient: a.gradient.map { c * $0 })
    }

    static func * (a: PriceJet, b: PriceJet) -> PriceJet {
        PriceJet(value: a.value * b.value, gradient: zip(a.gradient, b.gradient).map { a.value * $1 + b.value * $0 })
    }

    /// `a / b`, with `(a/b)' = (a' − (a/b)·b') / b`; `nil` when `b` may vanish.
    static func / (a: PriceJet, b: PriceJet) -> PriceJet? {
        guard let q = a.value / b.value else { return nil }
        var g: [RationalInterval] = []
        for (da, db) in zip(a.gradient, b.gradient) {
            guard let d = (da - q * db) / b.value else { return nil }
            g.append(d)
        }
        return PriceJet(value: q, gradient: g)
    }

    /// `min(c, a)`: the branch where it is decided, the hull of both where
    /// the box straddles the kink.
    func minimum(with c: Rational) -> PriceJet {
        if value.hi <= c { return self }
        if value.lo >= c { return .constant(c, count: gradient.count) }
        return PriceJet(value: RationalInterval(value.lo, c), gradient: gradient.map { $0.hull(.zero) })
    }
}

/// Why excess demand has no derivative enclosure on a box.
public enum EnclosureFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A consumer or firm whose demand or supply is not a differentiable
    /// (or piecewise-differentiable, Lipschitz) function of prices.
    case notDifferentiable(agent: String, kind: String)
    /// A price interval that reaches zero where a demand or supply divides by it.
    case priceMayVanish

    public var description: String {
        switch self {
        case .notDifferentiable(let agent, let kind):
            "\(agent) has \(kind) demand or supply, which is not single-valued and Lipschitz in prices; "
                + "derivative bounds cover cobb-douglas and leontief consumers and quadratic-cost firms"
        case .priceMayVanish: "the box reaches a price of 0, where demand is unbounded"
        }
    }
}

extension Economy {
    /// The agents whose demand or supply the derivative enclosure cannot
    /// handle; empty when excess demand is Lipschitz on the interior of the
    /// simplex and `excessDemandJacobian` applies.
    public var nonDifferentiableAgents: [EnclosureFailure] {
        var found: [EnclosureFailure] = []
        for (i, h) in consumers.enumerated() {
            switch h.utility {
            case .cobbDouglas, .leontief: break
            default: found.append(.notDifferentiable(agent: describe(.consumer(i)), kind: h.utility.kind))
            }
        }
        for (i, f) in firms.enumerated() {
            if case .quadraticCost = f.technology { continue }
            found.append(.notDifferentiable(agent: describe(.firm(i)), kind: f.technology.kind))
        }
        return found
    }

    /// Interval enclosures of excess demand `z` and of its Jacobian
    /// `∂z_i/∂p_j` over a box of prices (every price interval positive), as
    /// functions on the open positive orthant. Entry `[i][j]` is `∂z_i/∂p_j`.
    public func excessDemandJacobian(over box: [RationalInterval])
        -> Result<(value: [RationalInterval], jacobian: [[RationalInterval]]), EnclosureFailure>
    {
        if let failure = nonDifferentiableAgents.first { return .failure(failure) }
        guard box.allSatisfy(\.isPositive) else { return .failure(.priceMayVanish) }
        let n = commodityCount
        let p = (0..<n).map { PriceJet.price($0, box: box) }
        func dot(_ v: Vector) -> PriceJet {
            (0..<n).filter { !v[$0].isZero }.reduce(PriceJet.constant(.zero, count: n)) { $0 + v[$1] * p[$1] }
        }
        var z = (0..<n).map { PriceJet.constant(-totalEndowment[$0], count: n) }

        var profits: [PriceJet] = []
        for f in firms {
            guard case .quadraticCost(let input, let scale, let capacity) = f.technology else { continue }
            var profit = PriceJet.constant(.zero, count: n)
            var inputUsed = PriceJet.constant(.zero, count: n)
            for i in 0..<n where scale[i].signum() > 0 {
                guard let ratio = p[i] / p[input] else { return .failure(.priceMayVanish) }
                let y = (scale[i] * ratio).minimum(with: capacity[i])
                z[i] = z[i] - y
                profit = profit + p[i] * y
                inputUsed = inputUsed + (scale[i] * 2).reciprocal * (y * y)
            }
            z[input] = z[input] + inputUsed
            profits.append(profit - p[input] * inputUsed)
        }

        for (index, h) in consumers.enumerated() {
            var income = dot(h.endowment)
            for (f, share) in h.shares.enumerated() where !share.isZero { income = income + share * profits[f] }
            switch h.utility {
            case .cobbDouglas(let a):
                let total = a.entries.reduce(Rational.zero, +)
                for i in 0..<n where a[i].signum() > 0 {
                    guard let x = (a[i] / total) * income / p[i] else { return .failure(.priceMayVanish) }
                    z[i] = z[i] + x
                }
            case .leontief(let a):
                guard let level = income / dot(a) else { return .failure(.priceMayVanish) }
                for i in 0..<n { z[i] = z[i] + a[i] * level }
            default:
                return .failure(.notDifferentiable(agent: describe(.consumer(index)), kind: h.utility.kind))
            }
        }
        return .success((z.map(\.value), z.map(\.gradient)))
    }
}
