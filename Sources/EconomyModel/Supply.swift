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

/// The most profitable of inaction and `level·v_k` for each option `v_k`:
/// every tie is a selection, with its one-hot level vector. Both a bounded
/// activity set (a linear objective on a simplex of levels attains its
/// maximum at a vertex) and discrete modes choose this way.
func bestOfInactionAnd(_ options: [Vector], atLevel level: Rational, _ p: Vector) -> Supply {
    let values = options.map { p.dot($0) }
    let best = max(Rational.zero, values.max() ?? .zero)
    var selections: [Vector] = []
    var levels: [[Rational]] = []
    if best.isZero {
        selections.append(Vector.zero(p.count))
        levels.append([Rational](repeating: .zero, count: options.count))
    }
    for k in options.indices where values[k] == best {
        selections.append(level * options[k])
        var l = [Rational](repeating: .zero, count: options.count)
        l[k] = level
        levels.append(l)
    }
    return Supply(profit: level * best, selections: selections, levels: levels)
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
            return .defined(bestOfInactionAnd(activities, atLevel: bound, p))

        case .discreteModes(let modes):
            return .defined(bestOfInactionAnd(modes, atLevel: 1, p))

        case .quadraticCost(let bundle, let scale, let capacity):
            var y = Vector.zero(n)
            let cost = p.dot(bundle)
            var used = Rational.zero
            for i in 0..<n where scale[i].signum() > 0 {
                if cost.signum() > 0 {
                    y[i] = min(capacity[i], scale[i] * p[i] / cost)
                } else {
                    y[i] = p[i].signum() > 0 ? capacity[i] : .zero
                }
                used += y[i] * y[i] / (2 * scale[i])
            }
            for j in 0..<n where !bundle[j].isZero { y[j] -= used * bundle[j] }
            return .defined(Supply(profit: p.dot(y), selections: [y], levels: []))
        }
    }
}
