public import ExactArithmetic
public import ContractionCertificates
public import ExactLinearAlgebra
public import EconomyModel
import SeededRandom
import Budgets

/// Two prices that `Φ` does not bring closer: `‖Φ(p) − Φ(q)‖² ≥ ‖p − q‖²`,
/// compared exactly. One pair refutes that `Φ` is a contraction in the
/// Euclidean norm.
public struct ExpansionWitness: Sendable, Hashable {
    public let p: Vector
    public let q: Vector
    public let before: Rational
    public let after: Rational
}

extension TatonnementMap {
    /// Searches for a refuting pair: symmetric pairs `c ± δd` around `centre`
    /// for tangent directions `d = e_i − e_j` and shrinking `δ` (with
    /// `localFirst`, first at the scale of the centre's smallest price), then
    /// seeded random pairs of interior prices. Untrusted search, exact check.
    /// At most `maximumPairs` pairs are tried, so the cost is bounded on large economies.
    public func expansionWitness(around centre: Vector, seed: UInt64 = 0, randomPairs: Int = 200,
                                 maximumPairs: Int = 1500, localFirst: Bool = false) -> ExpansionWitness? {
        let n = economy.commodityCount
        // The pair test below (`c_i, c_j ≥ δ`) decides `c ± δ(e_i − e_j) ≥ 0` only for a centre in the simplex.
        guard centre.count == n, centre.allSatisfy({ $0.signum() >= 0 }) else { return nil }
        var tried = 0
        let budget = Budget.current
        // On very large economies one pair costs seconds: stop when what is left would not fit
        // another pair as long as the last one, rather than overrun the budget by a pair.
        var lastPair = Duration.zero
        func check(_ p: Vector, _ q: Vector) -> ExpansionWitness? {
            tried += 1
            let left = budget.deadline.map { ContinuousClock.now.duration(to: $0) }
            if budget.isExhausted || left.map({ $0 < lastPair }) == true { tried = maximumPairs; return nil }
            let began = ContinuousClock.now
            defer { lastPair = began.duration(to: .now) }
            guard p != q, let fp = self(p), let fq = self(q) else { return nil }
            let before = squaredNorm(p - q), after = squaredNorm(fp - fq)
            return after >= before ? ExpansionWitness(p: p, q: q, before: before, after: after) : nil
        }
        // With `localFirst` (a differentiable map around its equilibrium), what breaks a contraction is
        // local: pairs at the scale of the centre's smallest price come first (far pairs saturate
        // capacities and only tie).
        var deltas = (4...20).map { Rational(1, 1 << $0) }
        if localFirst, let smallest = centre.entries.min(), smallest.signum() > 0 {
            deltas = (1...20).map { smallest / Rational(1 << $0) } + deltas
        }
        for delta in deltas {
            for i in 0..<n {
                if budget.isExhausted { return nil }
                // Neighbouring goods only on large economies: n² directions per scale is too many.
                for j in 0..<n where j != i && (n <= 8 || j == (i + 1) % n) {
                    if tried >= maximumPairs { return nil }
                    // `c ± δ(e_i − e_j)` stays in the simplex exactly when `c_i, c_j ≥ δ`: decided before
                    // building two vectors of n rationals (at ten thousand goods, skipped pairs were most of the time).
                    guard centre[i] >= delta, centre[j] >= delta else { continue }
                    let d = delta * (Vector.unit(i, count: n) - Vector.unit(j, count: n))
                    let p = centre + d, q = centre - d
                    if let w = check(p, q) { return w }
                }
            }
        }
        var rng = SplitMix64(seed: seed)
        for _ in 0..<randomPairs where tried < maximumPairs {
            func draw() -> Vector {
                let k = (0..<n).map { _ in rng.int(in: 1...64) }
                let t = k.reduce(0, +)
                return Vector(k.map { Rational($0, t) })
            }
            if let w = check(draw(), draw()) { return w }
        }
        return nil
    }

    /// A refuting pair that differs in as few coordinates as possible, so
    /// that a report can name them: `p` is walked to `q` by moving mass
    /// from one good to another at each step (every point stays in `Δ`,
    /// consecutive points differ in two coordinates); the step across which
    /// `Φ` moves most is halved, keeping the half where `Φ` moves more,
    /// until the two ends are themselves an expanding pair. Where `Φ` jumps
    /// (a firm switching modes) halving keeps the jump and shrinks the
    /// distance, so this ends within a few dozen halvings; otherwise the
    /// given pair is returned. Untrusted search, exact check.
    public func localized(_ w: ExpansionWitness, maximumHalvings: Int = 60) -> ExpansionWitness {
        if w.p.indices.filter({ w.p[$0] != w.q[$0] }).count <= 2 { return w }
        // The transfers: donors give what they have beyond q, receivers get what they lack.
        var donors = w.p.indices.filter { w.p[$0] > w.q[$0] }, receivers = w.p.indices.filter { w.p[$0] < w.q[$0] }
        var path = [w.p]
        var point = w.p
        while let d = donors.first, let r = receivers.first {
            let amount = min(point[d] - w.q[d], w.q[r] - point[r])
            point[d] -= amount
            point[r] += amount
            path.append(point)
            if point[d] == w.q[d] { donors.removeFirst() }
            if point[r] == w.q[r] { receivers.removeFirst() }
        }
        let budget = Budget.current
        guard !budget.isExhausted else { return w }
        let images = path.map { budget.isExhausted ? nil : self($0) }
        var best: (a: Vector, b: Vector, fa: Vector, fb: Vector, moved: Rational)? = nil
        for k in path.indices.dropLast() {
            guard let fa = images[k], let fb = images[k + 1] else { continue }
            let moved = squaredNorm(fa - fb)
            if best == nil || moved > best!.moved { best = (path[k], path[k + 1], fa, fb, moved) }
        }
        guard var (a, b, fa, fb, moved) = best else { return w }
        for _ in 0..<maximumHalvings {
            let before = squaredNorm(a - b)
            if moved >= before { return ExpansionWitness(p: a, q: b, before: before, after: moved) }
            let mid = Rational(1, 2) * (a + b)
            guard !budget.isExhausted, let fm = self(mid) else { return w }
            let left = squaredNorm(fa - fm), right = squaredNorm(fm - fb)
            if left >= right { (b, fb, moved) = (mid, fm, left) } else { (a, fa, moved) = (mid, fm, right) }
        }
        let before = squaredNorm(a - b)
        return moved >= before ? ExpansionWitness(p: a, q: b, before: before, after: moved) : w
    }

    /// The orbit `p_{t+1} = round(Φ(p_t))`, each iterate rounded to the dyadic
    /// grid `2^-bits` inside the simplex (largest remainders get the leftover
    /// units), so denominators stay bounded. Stops early where `Φ` is undefined.
    public func orbit(from start: Vector, steps: Int, bits: Int = 40) -> [Vector] {
        var orbit = [start]
        for _ in 0..<steps {
            guard let next = self(orbit.last!) else { break }
            orbit.append(roundToDyadicSimplex(next, bits: bits))
        }
        return orbit
    }
}

