import ExactArithmetic
public import EconomyModel
import ExactLinearAlgebra

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
    /// functions on the open positive orthant. Entry `[i][j]` is `∂z_i/∂p_j`:
    /// the structured enclosure written out densely (`O(n²)`).
    public func excessDemandJacobian(over box: [RationalInterval])
        -> Result<(value: [RationalInterval], jacobian: [[RationalInterval]]), EnclosureFailure>
    {
        structuredExcessDemandJacobian(over: box).map { ($0.value, $0.dense) }
    }

    /// Excess demand and its Jacobian over a box of prices (every price
    /// interval positive), kept in the economy's structure (`StructuredJacobian`).
    ///
    /// Firms (quadratic cost, input bundle `b`, `P = p·b`): inside the
    /// capacity `y_i = s_i p_i / P`, so `∂y_i/∂p_i = s_i / P` and
    /// `∂y_i/∂p_j = −s_i p_i b_j / P²`; at the capacity both are 0; where the
    /// box straddles it, the hull of both (Clarke's generalised gradient,
    /// for which the mean-value inclusion `f(p) − f(q) ∈ co ∂f([p, q])·(p − q)`
    /// holds, Clarke 1983, Thm 2.3.7). The cost `C = Σ y_i² / (2 s_i)` has
    /// `∂C = Σ (y_i / s_i) ∂y_i`, and the firm demands `C·b`. Profit has
    /// gradient equal to the production (Hotelling's lemma: the optimum is
    /// unique, so `π` is differentiable with `∇π = y`, Danskin).
    /// Consumers (income `I = p·ω + Σ θ_f π_f`, `∇I = ω + Σ θ_f y_f`):
    /// Cobb–Douglas `x_i = k_i I / p_i` gives the diagonal `−x_i / p_i` and
    /// the outer product `(k / p) ∇Iᵀ`; Leontief `x = a·ℓ`, `ℓ = I / p·a`,
    /// gives `a ∇ℓᵀ` with `∇ℓ = (∇I − ℓ a) / p·a`.
    public func structuredExcessDemandJacobian(over box: [RationalInterval]) -> Result<StructuredJacobian, EnclosureFailure> {
        structuredExcessDemandJacobian(over: box, freeGoodsAllowed: false)
    }

    /// The same, where `freeGoodsAllowed` also admits price intervals that
    /// reach 0 (an enclosure certificate's free goods, held at `[0, 0]`,
    /// and boxes of a census that touch the simplex's boundary). Every
    /// division still needs a divisor interval away from 0, so a good that
    /// a Cobb–Douglas consumer values, or an input bundle or Leontief bundle
    /// that may cost 0, still fails with `priceMayVanish`; where no division
    /// fails, demand and supply are smooth on the box, and the derivatives
    /// are valid there (a price held at `[0, 0]` is a constant, so its column
    /// is simply not used). A Cobb–Douglas consumer with zero income who
    /// values a free good (demand 0) is not covered: the division fails.
    package func structuredExcessDemandJacobian(over box: [RationalInterval], freeGoodsAllowed: Bool)
        -> Result<StructuredJacobian, EnclosureFailure>
    {
        if let failure = nonDifferentiableAgents.first { return .failure(failure) }
        guard box.allSatisfy({ $0.isPositive || (freeGoodsAllowed && $0.lo.signum() >= 0) }) else { return .failure(.priceMayVanish) }
        let n = commodityCount
        var z = (0..<n).map { RationalInterval(-totalEndowment[$0]) }
        var rows = [[Int: RationalInterval]](repeating: [:], count: n)
        func add(_ i: Int, _ j: Int, _ v: RationalInterval) { rows[i][j] = rows[i][j].map { $0 + v } ?? v }

        var profits: [(value: RationalInterval, gradient: [(Int, RationalInterval)])] = []
        for f in firms {
            guard case .quadraticCost(let b, let scale, let capacity) = f.technology else { continue }
            let inputs = (0..<n).filter { !b[$0].isZero }
            let price = inputs.reduce(RationalInterval.zero) { $0 + b[$1] * box[$1] }
            // A bundle is nonnegative, so its price is positive on a positive box; checked, not assumed.
            guard price.isPositive, let inverse = RationalInterval(.one) / price else { return .failure(.priceMayVanish) }
            var cost = RationalInterval.zero
            var costGradient: [Int: RationalInterval] = [:]
            var outputs: [(Int, RationalInterval)] = []
            for i in 0..<n where scale[i].signum() > 0 {
                let ratio = box[i] * inverse
                let unclipped = scale[i] * ratio
                var own = scale[i] * inverse
                var cross = -(scale[i] * (ratio * inverse))  // ∂y_i/∂p_j = cross·b_j
                var y = unclipped
                if unclipped.lo >= capacity[i] {
                    y = RationalInterval(capacity[i]); own = .zero; cross = .zero
                } else if unclipped.hi > capacity[i] {
                    y = RationalInterval(unclipped.lo, capacity[i]); own = own.hull(.zero); cross = cross.hull(.zero)
                }
                z[i] = z[i] - y
                add(i, i, -own)
                for j in inputs { add(i, j, -(b[j] * cross)) }
                let perUnit = scale[i].reciprocal * y  // y_i / s_i
                cost = cost + (2 * scale[i]).reciprocal * (y * y)
                costGradient[i] = (costGradient[i] ?? .zero) + perUnit * own
                for j in inputs { costGradient[j] = (costGradient[j] ?? .zero) + perUnit * (b[j] * cross) }
                outputs.append((i, y))
            }
            var profit = -(price * cost)
            for (i, y) in outputs { profit = profit + box[i] * y }
            for j in inputs {
                z[j] = z[j] + b[j] * cost
                for (k, d) in costGradient { add(j, k, b[j] * d) }
            }
            profits.append((profit, outputs + inputs.map { ($0, -(b[$0] * cost)) }))
        }

        var outerProducts: [StructuredJacobian.OuterProduct] = []
        for (index, h) in consumers.enumerated() {
            var income = RationalInterval.zero
            var incomeGradient = (0..<n).map { RationalInterval(h.endowment[$0]) }
            for j in 0..<n where !h.endowment[j].isZero { income = income + h.endowment[j] * box[j] }
            for (f, share) in h.shares.enumerated() where !share.isZero {
                income = income + share * profits[f].value
                for (j, d) in profits[f].gradient { incomeGradient[j] = incomeGradient[j] + share * d }
            }
            switch h.utility {
            case .cobbDouglas(let a):
                let total = a.entries.reduce(Rational.zero, +)
                var u = [RationalInterval](repeating: .zero, count: n)
                for i in 0..<n where a[i].signum() > 0 {
                    guard let perPrice = RationalInterval(a[i] / total) / box[i], let x = (a[i] / total) * income / box[i],
                          let slope = x / box[i] else { return .failure(.priceMayVanish) }
                    z[i] = z[i] + x
                    add(i, i, -slope)
                    u[i] = perPrice
                }
                outerProducts.append(.init(u: u, g: incomeGradient))
            case .leontief(let a):
                let cost = (0..<n).filter { !a[$0].isZero }.reduce(RationalInterval.zero) { $0 + a[$1] * box[$1] }
                guard let level = income / cost else { return .failure(.priceMayVanish) }
                var g: [RationalInterval] = []
                for j in 0..<n {
                    guard let d = (incomeGradient[j] - a[j] * level) / cost else { return .failure(.priceMayVanish) }
                    g.append(d)
                }
                for i in 0..<n where !a[i].isZero { z[i] = z[i] + a[i] * level }
                outerProducts.append(.init(u: a.entries.map { RationalInterval($0) }, g: g))
            default:
                return .failure(.notDifferentiable(agent: describe(.consumer(index)), kind: h.utility.kind))
            }
        }
        return .success(StructuredJacobian(value: z, rows: rows, outerProducts: outerProducts))
    }
}

/// An enclosure of excess demand's Jacobian over a box of prices that
/// keeps the economy's structure, so that its size is linear in the
/// economy: for every price `p` in the box, `Dz(p) = S + Σ_k u_k g_kᵀ` for
/// some `S` in `rows` (sparse: each firm touches only its outputs and
/// inputs, each Cobb–Douglas consumer a diagonal) and some `u_k, g_k` in
/// the intervals of `outerProducts` (one per consumer: its income effect).
public struct StructuredJacobian: Sendable {
    public struct OuterProduct: Sendable {
        public let u: [RationalInterval]
        public let g: [RationalInterval]
    }
    public let value: [RationalInterval]
    /// `rows[i][j]` encloses the sparse part of `∂z_i/∂p_j`; an absent entry is 0.
    public let rows: [[Int: RationalInterval]]
    public let outerProducts: [OuterProduct]

    /// Every entry enclosed on its own: `rows[i][j] + Σ_k u_k[i]·g_k[j]`.
    public var dense: [[RationalInterval]] {
        let n = rows.count
        return (0..<n).map { i in
            (0..<n).map { j in
                outerProducts.reduce(rows[i][j] ?? .zero) { $0 + $1.u[i] * $1.g[j] }
            }
        }
    }
}
