import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel

/// `c0 + c1·t`: prices, values, profits and incomes on the price line are
/// all of this form once every agent's regime is fixed.
struct Line: Sendable, Hashable {
    var c0: Rational
    var c1: Rational

    static let zero = Line(c0: .zero, c1: .zero)
    /// The price of good `i` on `p(t) = (t, 1 − t)`.
    static func price(_ i: Int) -> Line { i == 0 ? Line(c0: .zero, c1: .one) : Line(c0: .one, c1: -1) }
    /// `v·p(t) = v_1 + (v_0 − v_1) t`.
    static func value(_ v: Vector) -> Line { Line(c0: v[1], c1: v[0] - v[1]) }

    func at(_ t: Rational) -> Rational { c0 + c1 * t }
    static func + (a: Line, b: Line) -> Line { Line(c0: a.c0 + b.c0, c1: a.c1 + b.c1) }
    static func - (a: Line, b: Line) -> Line { Line(c0: a.c0 - b.c0, c1: a.c1 - b.c1) }
    static func * (k: Rational, a: Line) -> Line { Line(c0: k * a.c0, c1: k * a.c1) }
}

/// The sign of a linear function on the open interval `(a, b)`, proved
/// from its values at both ends: `+1` or `−1` when it keeps that strict
/// sign throughout, `0` when it is identically 0, nil when it changes sign
/// inside (the interval must be cut there).
func sign(of f: Line, on a: Rational, _ b: Rational) -> Int? {
    let (fa, fb) = (f.at(a).signum(), f.at(b).signum())
    if fa == 0 && fb == 0 { return 0 }
    if fa >= 0 && fb >= 0 { return 1 }
    if fa <= 0 && fb <= 0 { return -1 }
    return nil
}

extension NonExistenceChecker {
    /// Checks a witness on the open interval `a < t < b` of the price line.
    static func checkInterval(_ a: Rational, _ b: Rational, _ witness: PieceWitness, _ e: Economy)
        throws(NonExistenceRejection)
    {
        if case .unboundedSupply(let f, let k) = witness {
            guard let act = constantReturnsActivity(e, f, k) else { throw reject("firm \(f) has no constant-returns activity \(k)") }
            guard sign(of: .value(act), on: a, b) == 1 else {
                throw reject("activity \(k) of firm \(f) does not earn a positive profit throughout")
            }
            return
        }
        guard case .excess(let g, let s) = witness, g == 0 || g == 1, s == 1 || s == -1 else {
            throw reject("an open interval needs an excess witness (good 0 or 1, sign ±1) or unbounded supply")
        }
        // Firms: the best option is the same throughout, so production and profit are fixed lines.
        var profits: [Line] = []
        var valueOfSupply = Line.zero  // Σ_f p_g y_fg
        for firm in e.firms {
            let options: [Vector]
            switch firm.technology {
            case .activities(let acts, let bound?): options = [Vector.zero(2)] + acts.map { bound * $0 }
            case .discreteModes(let modes): options = [Vector.zero(2)] + modes
            case .activities(let acts, nil):
                // No activity may earn money anywhere inside (that is an unbounded-supply piece).
                for act in acts where sign(of: .value(act), on: a, b).map({ $0 > 0 }) ?? true {
                    throw reject("firm \(firm.name): activity \(act) earns money somewhere in the interval")
                }
                profits.append(.zero)
                continue
            case .quadraticCost:
                throw reject("firm \(firm.name): quadratic-cost firms are not covered on intervals")
            }
            let mid = (a + b) / 2
            let best = options.max { Line.value($0).at(mid) < Line.value($1).at(mid) }!
            for o in options where o != best {
                guard let sg = sign(of: .value(best - o), on: a, b), sg >= 0 else {
                    throw reject("firm \(firm.name): its best option changes inside the interval")
                }
            }
            profits.append(.value(best))
            valueOfSupply = valueOfSupply + best[g] * Line.price(g)
        }
        // Consumers: the value of their demand for good g, bounded below and above.
        var least = Line.zero, greatest = Line.zero
        for (h, c) in e.consumers.enumerated() {
            var w = Line.value(c.endowment)
            for f in e.firms.indices { w = w + c.shares[f] * profits[f] }
            let (lo, hi) = try spending(on: g, c, w, a, b)
            least = least + lo
            greatest = greatest + hi
        }
        let supply = e.totalEndowment[g] * Line.price(g) + valueOfSupply
        if s == 1 {
            guard sign(of: least - supply, on: a, b) == 1 else {
                throw reject("the value of excess demand for good \(g) is not positive throughout for every choice")
            }
        } else {
            guard sign(of: greatest - supply, on: a, b) == -1 else {
                throw reject("the value of excess demand for good \(g) is not negative throughout for every choice")
            }
        }
    }

    /// Lines below and above `p_g(t) x_g` over the consumer's whole demand
    /// set, for income `w(t)` and both prices positive.
    static func spending(on g: Int, _ c: Consumer, _ w: Line, _ a: Rational, _ b: Rational)
        throws(NonExistenceRejection) -> (Line, Line)
    {
        switch c.utility {
        case .cobbDouglas(let alpha):
            // p_g x_g = (α_g / Σα) w: one bundle (none at all when w = 0).
            let share = alpha[g] / (alpha[0] + alpha[1])
            return (share * w, share * w)
        case .linear(let weights):
            let best = try bestGood(weights, a, b, c.name)
            return best == g ? (w, w) : (.zero, .zero)
        case .cappedLinear(let weights, let cap):
            let best = try bestGood(weights, a, b, c.name)
            // The cap costs cap·p_b / w_b; compare with income throughout.
            guard let affordable = sign(of: cap * Line.price(best) - weights[best] * w, on: a, b) else {
                throw reject("consumer \(c.name): whether its cap is affordable changes inside the interval")
            }
            if affordable >= 0 { return best == g ? (w, w) : (.zero, .zero) }  // spends all on its best good
            return (.zero, w)  // satiated: any spending from 0 to all of income
        case .leontief, .satiableQuadratic:
            throw reject("consumer \(c.name): \(c.utility.kind) consumers are not covered on intervals")
        }
    }

    /// The good of greatest weight per unit of money throughout the interval.
    static func bestGood(_ weights: Vector, _ a: Rational, _ b: Rational, _ name: String) throws(NonExistenceRejection) -> Int {
        // Good 0 is better iff w_0 p_1 > w_1 p_0.
        switch sign(of: weights[0] * Line.price(1) - weights[1] * Line.price(0), on: a, b) {
        case .some(1): return 0
        case .some(-1): return 1
        default: throw reject("consumer \(name): its best good changes inside the interval")
        }
    }
}
