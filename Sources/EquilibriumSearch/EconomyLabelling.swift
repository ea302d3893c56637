public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// The Sperner label of a price `p` in the simplex, from excess demand.
///
/// Rule, in order:
/// 1. `z(p)` defined: the smallest `i` with `p_i > 0` and `z_i(p) ≤ 0`.
///    When every `i` with `p_i > 0` has `z_i > 0` (possible only if
///    `p·z > 0`, i.e. Walras' law fails upwards), the smallest `i` with
///    `p_i > 0` and least `z_i`.
/// 2. Supply unbounded in good `g` (a profitable constant-returns activity
///    whose most valuable output is `g`, so `p_g > 0`): `g`.
/// 3. Otherwise (no excess demand at all): the smallest `i` with `p_i > 0`.
///
/// `LabellingEconomy` never leaves `z` undefined because a wanted good is
/// free: it passes the finite excess demand of the priced goods (the free
/// good's is +∞, and a free good is never a label).
///
/// Properness (the label is a coordinate with `p_i > 0`) holds by
/// construction in every case, so Sperner's lemma applies.
/// Notes: proofs-notes/existence.md
public func spernerLabel(excessDemand z: Vector?, unbounded: Unboundedness?, at p: Vector) -> Int {
    let positive = p.indices.filter { p[$0].signum() > 0 }
    precondition(!positive.isEmpty, "spernerLabel: price \(p) is not in the simplex")
    if let z {
        if let i = positive.first(where: { z[$0].signum() <= 0 }) { return i }
        return positive.min { z[$0] < z[$1] }!
    }
    if let u = unbounded, !u.isDemand, p[u.good].signum() > 0 { return u.good }
    return positive[0]
}

/// The economy as the search labels it: a continuous selection of excess
/// demand, with ramp width `delta`.
///
/// Where demand or supply is a set (ties between activities, inaction and a
/// constant-returns activity at zero profit, a linear consumer indifferent
/// between goods, discrete modes), integer labels from one selection can
/// make completely labelled simplices pile up on the switching surface
/// instead of at an equilibrium. Here each such agent spreads its choice
/// over the options whose value is within `delta` of the best, with
/// weights `max(0, v_k − v_max + delta)` (linear ramps: continuous, exact).
/// Firms pay out the profit they actually make, so `p·z ≤ 0` still holds
/// and a label exists. As `delta → 0` (the search ties it to the mesh) the
/// selection's graph converges to the true correspondence's, so limits of
/// completely labelled simplices are equilibria (closed graph). Candidates
/// are always judged in the real economy, never in this one.
public struct LabellingEconomy: Sendable {
    /// The economy with constant-returns firms truncated (`truncatedForSearch`).
    public let economy: Economy
    public let delta: Rational

    public init(truncated economy: Economy, delta: Rational) {
        self.economy = economy
        self.delta = delta
    }

    /// Ramp weights over option values, normalised to sum 1.
    func rampWeights(_ values: [Rational], width: Rational) -> [Rational] {
        let top = values.max()!
        let raw = values.map { Swift.max(.zero, $0 - top + width) }
        let total = raw.reduce(.zero, +)
        return raw.map { $0 / total }
    }

    public func label(at p: Vector) -> Int {
        let n = economy.commodityCount
        var supplies: [Vector] = []
        for f in economy.firms {
            switch f.technology {
            case .activities(let acts, let bound):
                guard let bound else {
                    // Free production: truncation found no attainable bound.
                    switch f.technology.supply(at: p) {
                    case .defined(let s): supplies.append(s.production)
                    case .undefined(let u): return spernerLabel(excessDemand: nil, unbounded: u, at: p)
                    }
                    continue
                }
                let w = rampWeights([.zero] + acts.map { p.dot($0) }, width: delta)
                var y = Vector.zero(n)
                for (k, a) in acts.enumerated() where !w[k + 1].isZero { y = y + (bound * w[k + 1]) * a }
                supplies.append(y)
            case .discreteModes(let modes):
                let w = rampWeights([.zero] + modes.map { p.dot($0) }, width: delta)
                var y = Vector.zero(n)
                for (k, m) in modes.enumerated() where !w[k + 1].isZero { y = y + w[k + 1] * m }
                supplies.append(y)
            case .quadraticCost:
                guard case .defined(let s) = f.technology.supply(at: p) else { preconditionFailure("quadratic cost is always defined") }
                supplies.append(s.production)
            }
        }
        var z = -economy.totalEndowment
        for y in supplies { z = z - y }
        for c in economy.consumers {
            var income = p.dot(c.endowment)
            for (f, y) in supplies.enumerated() where !c.shares[f].isZero { income += c.shares[f] * p.dot(y) }
            if let x = pricedDemand(c.utility, p, income) {
                z = z + x
                continue
            }
            if case .linear(let weights) = c.utility {
                let priced = p.indices.filter { p[$0].signum() > 0 }
                let ratios = priced.map { weights[$0] / p[$0] }
                let top = ratios.max()!
                let w = rampWeights(ratios, width: delta * top)
                for (j, i) in priced.enumerated() where !w[j].isZero { z[i] += w[j] * income / p[i] }
                continue
            }
            switch c.utility.demand(at: p, income: income) {
            case .defined(let d): z = z + d.bundle
            case .undefined(let u): return spernerLabel(excessDemand: nil, unbounded: u, at: p)
            }
        }
        return spernerLabel(excessDemand: z, unbounded: nil, at: p)
    }

    /// Demand for the priced goods when some wanted good is free (its own
    /// demand, +∞, is left out: only priced goods are labels). Nil when no
    /// wanted good is free, so the ordinary demand applies.
    ///
    /// Cobb–Douglas still spends the share `a_i / Σa` of income on each
    /// priced good `i`. Leontief, linear and capped-linear consumers who can
    /// reach their goal with free goods buy no priced good. Near such a
    /// boundary the free good's excess demand is large and positive
    /// whenever the consumer's income stays away from 0, so no nearby
    /// vertex carries its label. When income vanishes with the prices it
    /// need not be (a false corner, `examples/false-corner.json`): the
    /// theorem layer's `falseCorner` rule then withholds the searches'
    /// `approximate` verdict (exact routes such as the planner's still run).
    func pricedDemand(_ u: Utility, _ p: Vector, _ w: Rational) -> Vector? {
        let n = p.count
        switch u {
        case .cobbDouglas(let a):
            guard p.indices.contains(where: { p[$0].isZero && a[$0].signum() > 0 }) else { return nil }
            let total = a.entries.reduce(Rational.zero, +)
            var x = Vector.zero(n)
            for i in 0..<n where p[i].signum() > 0 && a[i].signum() > 0 { x[i] = a[i] / total * w / p[i] }
            return x
        case .leontief(let a):
            return p.dot(a).isZero ? Vector.zero(n) : nil
        case .linear(let weights), .cappedLinear(let weights, _):
            return p.indices.contains(where: { p[$0].isZero && weights[$0].signum() > 0 }) ? Vector.zero(n) : nil
        case .satiableQuadratic:
            return nil
        }
    }
}
