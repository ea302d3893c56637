public import ExactArithmetic
public import ExactLinearAlgebra

/// A firm's profit-maximising supply at one price, exactly.
///
/// `profit` is the maximal profit `π(p)`. `selections` are optimal
/// productions (all have value `profit`), with `levels` the activity
/// levels (activities), the chosen mode (discrete modes: one entry per
/// mode, 1 on the chosen one), or empty (quadratic cost).
public struct Supply: Sendable, Hashable {
    public var profit: Rational
    public var selections: [Vector]
    public var levels: [[Rational]]
    public var isSingleValued: Bool { selections.count == 1 }
    public var production: Vector { selections[0] }
}

public enum SupplyOutcome: Sendable, Hashable {
    case defined(Supply)
    case undefined(Unboundedness)
}

extension Technology {
    /// The profit-maximising productions at `p ≥ 0`.
    public func supply(at p: Vector) -> SupplyOutcome {
        let n = p.count
        switch self {
        case .activities(let activities, let bound):
            let values = activities.map { p.dot($0) }
            let best = values.max() ?? .zero
            guard let bound else {
                if best.signum() > 0 {
                    // The output that earns most per unit of the activity runs away first.
                    let k = values.firstIndex(of: best)!
                    let a = activities[k]
                    let good = (0..<n).filter { a[$0].signum() > 0 }.max { p[$0] * a[$0] < p[$1] * a[$1] }!
                    return .undefined(Unboundedness(
                        good: good, isDemand: false,
                        because: "activity \(k) earns \(best) per unit under constant returns"))
                }
                // Profit 0; inaction is optimal (so is any level of a zero-value activity).
                return .defined(Supply(profit: .zero, selections: [Vector.zero(n)],
                                       levels: [[Rational](repeating: .zero, count: activities.count)]))
            }
            if best.signum() < 0 || activities.isEmpty {
                return .defined(Supply(profit: .zero, selections: [Vector.zero(n)],
                                       levels: [[Rational](repeating: .zero, count: activities.count)]))
            }
            var selections: [Vector] = []
            var levels: [[Rational]] = []
            if best.isZero {
                selections.append(Vector.zero(n))
                levels.append([Rational](repeating: .zero, count: activities.count))
            }
            for k in activities.indices where values[k] == best {
                selections.append(bound * activities[k])
                var l = [Rational](repeating: .zero, count: activities.count)
                l[k] = bound
                levels.append(l)
            }
            return .defined(Supply(profit: bound * best, selections: selections, levels: levels))

        case .discreteModes(let modes):
            let values = modes.map { p.dot($0) }
            let best = max(Rational.zero, values.max() ?? .zero)
            var selections: [Vector] = []
            var levels: [[Rational]] = []
            if best.isZero {
                selections.append(Vector.zero(n))
                levels.append([Rational](repeating: .zero, count: modes.count))
            }
            for k in modes.indices where values[k] == best {
                selections.append(modes[k])
                var l = [Rational](repeating: .zero, count: modes.count)
                l[k] = 1
                levels.append(l)
            }
            return .defined(Supply(profit: best, selections: selections, levels: levels))

        case .quadraticCost(let input, let scale, let capacity):
            var y = Vector.zero(n)
            for i in 0..<n where scale[i].signum() > 0 {
                if p[input].signum() > 0 {
                    y[i] = min(capacity[i], scale[i] * p[i] / p[input])
                } else {
                    y[i] = p[i].signum() > 0 ? capacity[i] : .zero
                }
                y[input] -= y[i] * y[i] / (2 * scale[i])
            }
            return .defined(Supply(profit: p.dot(y), selections: [y], levels: []))
        }
    }
}
