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
            // `best − o` is linear and ≥ 0 at the midpoint, so it is ≥ 0 throughout
            // unless it changes sign inside: that alone needs checking.
            for o in options where o != best {
                guard sign(of: .value(best - o), on: a, b) != nil else {
                    throw reject("firm \(firm.name): its best option changes inside the interval")
                }
            }
            profits.append(.value(best))
            valueOfSupply = valueOfSupply + best[g] * Line.price(g)
        }
        // Consumers: the value of their demand for good g, bounded below (s = 1) or above (s = −1)
        // over every optimal choice. The bound is Σ N_h / D_h with each D_h > 0 on the interval.
        let supply = e.totalEndowment[g] * Line.price(g) + valueOfSupply
        var bound = Fraction(Poly(-1 * supply))  // s·(value of demand − value of supply) once signed
        for c in e.consumers {
            var w = Line.value(c.endowment)
            for f in e.firms.indices { w = w + c.shares[f] * profits[f] }
            let (lo, hi) = try spending(on: g, c, w, a, b)
            bound = bound + (s == 1 ? lo : hi)
        }
        // s·bound > 0 throughout: its numerator (the denominators are positive) has Bernstein
        // coefficients on [a, b] all ≥ 0 with one > 0, after multiplying by s.
        guard (Rational(s) * bound.numerator).isPositive(on: a, b) else {
            throw reject("the value of excess demand for good \(g) is not \(s == 1 ? "positive" : "negative") throughout "
                         + "for every choice (its bound \(bound.numerator) / \(bound.denominator) is not proved to keep its sign)")
        }
    }

    /// Bounds below and above `p_g(t) x_g` over the consumer's whole demand
    /// set, for income `w(t)` and both prices positive.
    static func spending(on g: Int, _ c: Consumer, _ w: Line, _ a: Rational, _ b: Rational)
        throws(NonExistenceRejection) -> (Fraction, Fraction)
    {
        func exact(_ l: Line) -> (Fraction, Fraction) { (Fraction(Poly(l)), Fraction(Poly(l))) }
        switch c.utility {
        case .cobbDouglas(let alpha):
            // p_g x_g = (α_g / Σα) w: one bundle (none at all when w = 0).
            return exact((alpha[g] / (alpha[0] + alpha[1])) * w)
        case .linear(let weights):
            return exact(try bestGood(weights, a, b, c.name) == g ? w : .zero)
        case .cappedLinear(let weights, let cap):
            let best = try bestGood(weights, a, b, c.name)
            // The cap costs cap·p_b / w_b; compare with income throughout.
            guard let affordable = sign(of: cap * Line.price(best) - weights[best] * w, on: a, b) else {
                throw reject("consumer \(c.name): whether its cap is affordable changes inside the interval")
            }
            if affordable >= 0 { return exact(best == g ? w : .zero) }  // spends all on its best good
            // Satiated: any bundle with w·x ≥ cap and p·x ≤ w(t). Spending s_g is least when the
            // other good o takes the rest of the budget, greatest when g does; each end is 0 or w(t)
            // when one good alone reaches the cap, else where both constraints bind:
            // s_g = p_g (cap·p_o − w_o·I) / (w_g p_o − w_o p_g).
            let o = 1 - g
            let (pg, po) = (Line.price(g), Line.price(o))
            func reaches(_ i: Int) throws(NonExistenceRejection) -> Bool {
                guard let r = sign(of: weights[i] * w - cap * Line.price(i), on: a, b) else {
                    throw reject("consumer \(c.name): whether good \(i) alone reaches its cap changes inside the interval")
                }
                return r >= 0
            }
            func crossing(_ numerator: Line, _ denominator: Line) throws(NonExistenceRejection) -> Fraction {
                guard sign(of: denominator, on: a, b) == 1 else {
                    throw reject("consumer \(c.name): the bound's denominator is not positive throughout")
                }
                return Fraction(Poly(pg) * Poly(numerator), Poly(denominator))
            }
            let least = try reaches(o) ? Fraction(Poly(.zero))
                : try crossing(cap * po - weights[o] * w, weights[g] * po - weights[o] * pg)
            let greatest = try reaches(g) ? Fraction(Poly(w))
                : try crossing(weights[o] * w - cap * po, weights[o] * pg - weights[g] * po)
            return (least, greatest)
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

/// A polynomial in `t` with exact coefficients, lowest degree first.
struct Poly: Sendable, Hashable, CustomStringConvertible {
    var c: [Rational]

    init(_ c: [Rational]) { self.c = c }
    init(_ l: Line) { c = [l.c0, l.c1] }

    static func + (x: Poly, y: Poly) -> Poly {
        Poly((0..<max(x.c.count, y.c.count)).map { (($0 < x.c.count) ? x.c[$0] : .zero) + (($0 < y.c.count) ? y.c[$0] : .zero) })
    }

    static func * (x: Poly, y: Poly) -> Poly {
        var out = [Rational](repeating: .zero, count: x.c.count + y.c.count - 1)
        for (i, u) in x.c.enumerated() where !u.isZero { for (j, v) in y.c.enumerated() { out[i + j] += u * v } }
        return Poly(out)
    }

    static func * (k: Rational, x: Poly) -> Poly { Poly(x.c.map { k * $0 }) }

    var description: String { c.enumerated().map { "\($1)·t^\($0)" }.joined(separator: " + ") }

    /// `P > 0` on the open interval `(a, b)`, proved by the Bernstein form
    /// on `[a, b]`: `P = Σ β_j B_j` with every `B_j > 0` inside, so all
    /// `β_j ≥ 0` with one `β_j > 0` is enough. (Sufficient, not necessary:
    /// a search that fails here cuts the interval finer.)
    func isPositive(on a: Rational, _ b: Rational) -> Bool {
        // Q(s) = P(a + (b − a)s): expand by Horner in the shifted variable.
        var q: [Rational] = [.zero]
        let shift = Poly([a, b - a])
        for coefficient in c.reversed() { q = (Poly(q) * shift + Poly([coefficient])).c }
        let n = q.count - 1
        var binomial = [[Rational]](repeating: [], count: n + 1)
        for j in 0...n {
            binomial[j] = [Rational](repeating: .one, count: j + 1)
            for k in stride(from: 1, to: j, by: 1) { binomial[j][k] = binomial[j - 1][k - 1] + binomial[j - 1][k] }
        }
        var anyPositive = false
        for j in 0...n {
            // β_j = Σ_{k ≤ j} C(j, k) / C(n, k) · q_k.
            var beta = Rational.zero
            for k in 0...j { beta += binomial[j][k] / binomial[n][k] * q[k] }
            if beta.signum() < 0 { return false }
            if beta.signum() > 0 { anyPositive = true }
        }
        return anyPositive
    }
}

/// `numerator / denominator` with the denominator positive on the interval
/// at hand (checked where the fraction is made).
struct Fraction: Sendable, Hashable {
    var numerator: Poly
    var denominator: Poly

    init(_ numerator: Poly, _ denominator: Poly = Poly([.one])) {
        self.numerator = numerator
        self.denominator = denominator
    }

    static func + (x: Fraction, y: Fraction) -> Fraction {
        if x.denominator == y.denominator { return Fraction(x.numerator + y.numerator, x.denominator) }
        return Fraction(x.numerator * y.denominator + y.numerator * x.denominator, x.denominator * y.denominator)
    }
}
