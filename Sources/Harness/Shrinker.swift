public import EconomyModel
public import ExactArithmetic
import ExactLinearAlgebra

/// Reduces a failing economy while the same property still fails and the
/// economy stays in its regime: fewer consumers, firms, commodities,
/// activities and modes, then simpler numbers (smaller integers, smaller
/// denominators). Greedy, first improvement; bounded in steps and time.
public struct Shrinker {
    public var maximumSteps = 400
    public var timeLimit: Double = 20
    /// Candidate economies checked at most (each check reruns the theorem).
    public var maximumChecks = Int.max

    public init() {}

    public func shrink(_ economy: Economy, regime: Regime, stillFails: (Economy) -> Bool) -> (economy: Economy, steps: Int) {
        greedyShrink(economy, maximumSteps: maximumSteps, maximumChecks: maximumChecks, timeLimit: timeLimit, candidates: candidates,
                     acceptable: regime.accepts, size: size, stillFails: stillFails)
    }

    /// A size that every accepted step decreases: structure first, then numbers.
    public func size(_ e: Economy) -> Rational {
        var total = Rational(1_000_000 * (e.consumers.count + e.firms.count + e.commodityCount))
        for f in e.firms {
            switch f.technology {
            case .activities(let a, let b): total += Rational(10_000 * a.count) + (b.map(cost) ?? 0) + a.reduce(0) { $0 + cost($1) }
            case .discreteModes(let m): total += Rational(10_000 * m.count) + m.reduce(0) { $0 + cost($1) }
            case .quadraticCost(let b, let s, let c): total += cost(b) + cost(s) + cost(c)
            }
        }
        for c in e.consumers {
            total += cost(c.endowment) + c.shares.reduce(0) { $0 + cost($1) }
            switch c.utility {
            case .cobbDouglas(let a), .leontief(let a), .linear(let a): total += cost(a)
            case .satiableQuadratic(let b, let w): total += cost(b) + cost(w)
            case .cappedLinear(let w, let cap): total += cost(w) + cost(cap)
            }
        }
        return total
    }

    func cost(_ x: Rational) -> Rational { shrinkCost(x) }
    func cost(_ v: Vector) -> Rational { v.entries.reduce(0) { $0 + cost($1) } }

    func candidates(_ e: Economy) -> [Economy] {
        var out: [Economy] = []
        // Drop a consumer: its shares go to the first remaining one (sums are kept).
        if e.consumers.count > 1 {
            for h in e.consumers.indices {
                var s = e
                let gone = s.consumers.remove(at: h)
                for f in s.firms.indices { s.consumers[0].shares[f] += gone.shares[f] }
                out.append(s)
            }
        }
        // Drop a firm.
        for f in e.firms.indices {
            var s = e
            s.firms.remove(at: f)
            for h in s.consumers.indices { s.consumers[h].shares.remove(at: f) }
            out.append(s)
        }
        // Drop a commodity.
        if e.commodityCount > 1 {
            for i in 0..<e.commodityCount { if let s = dropCommodity(e, i) { out.append(s) } }
        }
        // Drop an activity or a mode.
        for (f, firm) in e.firms.enumerated() {
            switch firm.technology {
            case .activities(let acts, let bound) where acts.count > 1:
                for k in acts.indices { var s = e; var a = acts; a.remove(at: k); s.firms[f].technology = .activities(a, bound: bound); out.append(s) }
            case .discreteModes(let modes) where modes.count > 1:
                for k in modes.indices { var s = e; var m = modes; m.remove(at: k); s.firms[f].technology = .discreteModes(m); out.append(s) }
            default: break
            }
        }
        // Simpler numbers, one at a time.
        out += simplerNumbers(e)
        return out
    }

    func dropCommodity(_ e: Economy, _ i: Int) -> Economy? {
        func d(_ v: Vector) -> Vector { var w = v.entries; w.remove(at: i); return Vector(w) }
        var s = e
        s.commodities.remove(at: i)
        for h in s.consumers.indices {
            s.consumers[h].endowment = d(s.consumers[h].endowment)
            switch s.consumers[h].utility {
            case .cobbDouglas(let a): s.consumers[h].utility = .cobbDouglas(exponents: d(a))
            case .leontief(let a): s.consumers[h].utility = .leontief(coefficients: d(a))
            case .linear(let a): s.consumers[h].utility = .linear(weights: d(a))
            case .satiableQuadratic(let b, let w): s.consumers[h].utility = .satiableQuadratic(bliss: d(b), weights: d(w))
            case .cappedLinear(let w, let cap): s.consumers[h].utility = .cappedLinear(weights: d(w), cap: cap)
            }
        }
        for f in s.firms.indices {
            switch s.firms[f].technology {
            case .activities(let a, let b): s.firms[f].technology = .activities(a.map(d), bound: b)
            case .discreteModes(let m): s.firms[f].technology = .discreteModes(m.map(d))
            case .quadraticCost(let input, let scale, let cap):
                guard !d(input).isZero else { return nil }
                s.firms[f].technology = .quadraticCost(input: d(input), scale: d(scale), capacity: d(cap))
            }
        }
        return s
    }

    func simpler(_ x: Rational) -> [Rational] { simplerValues(x) }

    func simplerNumbers(_ e: Economy) -> [Economy] {
        var out: [Economy] = []
        func each(_ v: Vector, _ make: (Vector) -> Economy) {
            for i in v.indices { for y in simpler(v[i]) { var w = v; w[i] = y; out.append(make(w)) } }
        }
        for h in e.consumers.indices {
            each(e.consumers[h].endowment) { var s = e; s.consumers[h].endowment = $0; return s }
            switch e.consumers[h].utility {
            case .cobbDouglas(let a): each(a) { var s = e; s.consumers[h].utility = .cobbDouglas(exponents: $0); return s }
            case .leontief(let a): each(a) { var s = e; s.consumers[h].utility = .leontief(coefficients: $0); return s }
            case .linear(let a): each(a) { var s = e; s.consumers[h].utility = .linear(weights: $0); return s }
            case .satiableQuadratic(let b, let w):
                each(b) { var s = e; s.consumers[h].utility = .satiableQuadratic(bliss: $0, weights: w); return s }
            case .cappedLinear(let w, let cap):
                each(w) { var s = e; s.consumers[h].utility = .cappedLinear(weights: $0, cap: cap); return s }
            }
        }
        for f in e.firms.indices {
            switch e.firms[f].technology {
            case .activities(let acts, let bound):
                for k in acts.indices { each(acts[k]) { var s = e; var a = acts; a[k] = $0; s.firms[f].technology = .activities(a, bound: bound); return s } }
                if let bound { for b in simpler(bound) { var s = e; s.firms[f].technology = .activities(acts, bound: b); out.append(s) } }
            case .discreteModes(let modes):
                for k in modes.indices { each(modes[k]) { var s = e; var m = modes; m[k] = $0; s.firms[f].technology = .discreteModes(m); return s } }
            case .quadraticCost: break
            }
        }
        return out
    }
}
