public import EconomyModel
import ExactArithmetic
public import ExactLinearAlgebra
public import EquilibriumCertificates
import Foundation
import Budgets

/// An equilibrium price by Newton's method on excess demand, in floating
/// point: untrusted, a candidate for the checkers (a contraction
/// certificate's centre, an exactification's starting point).
///
/// For economies whose excess demand is differentiable near the
/// equilibrium (quadratic-cost firms, Cobb–Douglas and Leontief consumers)
/// Newton converges quadratically where the search's meshes refine only
/// linearly: it reaches round-off in a few iterations at a thousand
/// commodities. It solves `F(p) = (z(p), Σp − 1) = 0` (`n + 1` equations,
/// consistent at an equilibrium, so that a price where one market is left
/// out cannot pass for a solution) by Levenberg–Marquardt with a
/// forward-difference Jacobian: Gauss–Newton near a regular equilibrium,
/// gradient descent on `‖F‖²` where the Jacobian is singular (far away a
/// capacity binds). Each step is halved until every price stays positive.
/// Nil when excess demand has no floating-point form here, above
/// `newtonMaximumGoods` commodities, or when the budget ends (checked inside
/// every dense step); else the best price reached.
public func newtonEquilibriumPrices(_ economy: Economy, from start: [Double]? = nil, iterations: Int = 80) -> [Double]? {
    guard let market = FloatingMarket(economy) else { return nil }
    let n = market.n
    guard n >= 2, n <= newtonMaximumGoods else { return nil }
    var p = start ?? [Double](repeating: 1 / Double(n), count: n)
    guard p.count == n, p.allSatisfy({ $0 > 0 }) else { return nil }
    // F(p) = (z(p), Σp − 1): n + 1 equations, consistent at an equilibrium.
    func residual(_ p: [Double]) -> [Double]? {
        let z = market.excessDemand(p)
        guard z.allSatisfy(\.isFinite) else { return nil }
        return z + [p.reduce(0, +) - 1]
    }
    func size(_ f: [Double]) -> Double { f.reduce(0) { $0 + $1 * $1 } }
    // Globalisation: a proportional tâtonnement, each price moved by its good's relative
    // excess demand `z_i / volume_i` (scale-free, prices stay positive), to reach the basin where
    // Newton converges; far away, Levenberg–Marquardt on ‖F‖² can stall where a capacity binds.
    var rate = 0.5
    var previous = Double.infinity
    for iteration in 0..<tatonnementSteps(n) {
        if iteration % 256 == 0, Budget.current.isExhausted { return nil }
        let (z, volume) = market.flows(p)
        guard z.allSatisfy(\.isFinite) else { break }
        let relative = (0..<n).map { volume[$0] > 0 ? max(-1, min(1, z[$0] / volume[$0])) : 0 }
        let worst = relative.reduce(0) { max($0, abs($1)) }
        if worst < 1e-10 { break }
        if worst > previous { rate = max(rate / 2, 1e-3) }
        previous = worst
        p = (0..<n).map { p[$0] * exp(rate * relative[$0]) }
        let total = p.reduce(0, +)
        p = p.map { $0 / total }
    }
    guard var f = residual(p) else { return nil }
    let rows = n + 1
    let floor = 1e-30 * max(1, market.totalEndowment.reduce(0) { max($0, $1 * $1) })
    var lambda = 1e-2
    let budget = Budget.current
    for _ in 0..<iterations where size(f) > floor {
        var jacobian = [Double](repeating: 0, count: rows * n)
        for j in 0..<n {
            if budget.isExhausted { return nil }
            let h = 1e-7 * p[j]
            var shifted = p
            shifted[j] += h
            guard let fh = residual(shifted) else { return nil }
            for i in 0..<rows { jacobian[i * n + j] = (fh[i] - f[i]) / h }
        }
        // (JᵀJ + λ diag(JᵀJ)) δ = −Jᵀ F: Gauss–Newton (quadratic near a regular equilibrium)
        // as λ → 0, gradient descent where the Jacobian is singular (a binding capacity).
        var normal = [Double](repeating: 0, count: n * n), gradient = [Double](repeating: 0, count: n)
        for k in 0..<rows {
            if k % 32 == 0, budget.isExhausted { return nil }
            let row = k * n
            for i in 0..<n where jacobian[row + i] != 0 {
                let a = jacobian[row + i]
                gradient[i] -= a * f[k]
                for j in 0..<n { normal[i * n + j] += a * jacobian[row + j] }
            }
        }
        var accepted = false
        for _ in 0..<16 {
            var m = normal
            for i in 0..<n { m[i * n + i] += lambda * max(normal[i * n + i], 1e-300) }
            guard let delta = solveDense(&m, gradient, n) else {
                if budget.isExhausted { return nil }  // stopped by the budget, not a singular matrix
                lambda *= 8
                continue
            }
            // Halve the step until every price stays positive.
            var t = 1.0
            while t > 1e-8, !(0..<n).allSatisfy({ p[$0] + t * delta[$0] > 0 }) { t /= 2 }
            let trial = (0..<n).map { p[$0] + t * delta[$0] }
            if let ft = residual(trial), size(ft) < size(f) {
                p = trial; f = ft; accepted = true
                lambda = max(lambda / 8, 1e-14)
                break
            }
            lambda *= 8
        }
        if !accepted { break }
    }
    let total = p.reduce(0, +)
    return p.map { $0 / total }
}

/// Newton's dense steps hold three `n × n` matrices of `Double`s and cost
/// `O(n³)` each: above this many commodities memory would no longer stay
/// linear in the input (a Cobb–Douglas economy of 5000 goods and two
/// consumers is 20,000 numbers; its Jacobian alone 25 million). The smooth
/// agent systems of issue 19 reach 1025.
public let newtonMaximumGoods = 1200

/// Tâtonnement steps before Newton at most (each costs one evaluation of excess demand, `O(n·firms)`).
func tatonnementSteps(_ n: Int) -> Int { 20_000 }

/// `A x = b` by Gaussian elimination with partial pivoting (`A` row-major
/// `n × n`, overwritten); nil when a pivot vanishes or the budget ends.
func solveDense(_ a: inout [Double], _ b: [Double], _ n: Int) -> [Double]? {
    var x = b
    let budget = Budget.current
    for k in 0..<n {
        if k % 32 == 0, budget.isExhausted { return nil }
        var pivot = k
        for i in (k + 1)..<max(k + 1, n) where abs(a[i * n + k]) > abs(a[pivot * n + k]) { pivot = i }
        guard a[pivot * n + k] != 0, a[pivot * n + k].isFinite else { return nil }
        if pivot != k {
            for j in 0..<n { a.swapAt(k * n + j, pivot * n + j) }
            x.swapAt(k, pivot)
        }
        let d = a[k * n + k]
        for i in (k + 1)..<max(k + 1, n) {
            let f = a[i * n + k] / d
            if f == 0 { continue }
            for j in k..<n { a[i * n + j] -= f * a[k * n + j] }
            x[i] -= f * x[k]
        }
    }
    for k in stride(from: n - 1, through: 0, by: -1) {
        var s = x[k]
        for j in (k + 1)..<max(k + 1, n) { s -= a[k * n + j] * x[j] }
        x[k] = s / a[k * n + k]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
}

/// Newton's zero carried past floating point, then exactified: an
/// equilibrium whose denominators are too large to be read off a `Double`
/// (a designed economy, a refinement on many bins) is still recovered.
///
/// Each step evaluates `F(q) = (z_0(q), …, z_{n−2}(q), Σq − 1)` exactly at
/// the rational price `q` and corrects `q` by the solution of `J Δ = −F` with
/// the forward-difference Jacobian `J` of the floating-point zero: a chord
/// method, which gains the digits `J` is accurate to (about 8) per step.
/// After each step the simplest rationals within `2^-k` of `q` (`k` growing
/// with the steps) are tried, each judged by the checker. Nil when none is
/// accepted; untrusted, so nothing is lost but time.
public func polishedExactEquilibrium(_ economy: Economy, near p: [Double], steps: Int = 8) -> CheckedEquilibrium? {
    guard let market = FloatingMarket(economy), p.count == market.n, p.allSatisfy({ $0 > 0 }) else { return nil }
    let n = market.n
    let z0 = market.excessDemand(p)
    var jacobian = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
        var shifted = p
        shifted[j] += 1e-7 * p[j]
        let zh = market.excessDemand(shifted)
        for i in 0..<(n - 1) { jacobian[i * n + j] = (zh[i] - z0[i]) / (1e-7 * p[j]) }
        jacobian[(n - 1) * n + j] = 1
    }
    guard var q = exactPrice(p, bits: 60) else { return nil }
    let budget = Budget.current
    for step in 0..<steps where !budget.isExhausted {
        guard case .defined(let state) = economy.market(at: q) else { return nil }
        let z = state.excessDemand
        if z.isZero { return economy.checkedEquilibrium(at: q) }
        var f = (0..<(n - 1)).map { -z[$0].displayDouble }
        f.append(-(q.entries.reduce(Rational.zero, +) - 1).displayDouble)
        var lu = jacobian
        guard let delta = solveDense(&lu, f, n) else { return nil }
        q = Vector((0..<n).map { q[$0] + exactRational(delta[$0]) })
        guard q.allSatisfy({ $0.signum() > 0 }) else { return nil }
        let tolerance = Rational(1) / Rational(BigInt(2).power(48 + 16 * step))
        if let guess = economy.reconstructedPrice(q, tolerance: tolerance), let checked = economy.checkedEquilibrium(at: guess) {
            return checked
        }
    }
    return nil
}

/// The exact value of a finite `Double` (`0` for infinities and NaN).
func exactRational(_ d: Double) -> Rational {
    guard d != 0, d.isFinite else { return .zero }
    let significand = Rational(BigInt(Int(d.significandBitPattern | (d.isNormal ? 1 << 52 : 0))))
    // Subnormals have the exponent of the least normal number, not `d.exponent`.
    let exponent = d.isNormal ? Int(d.exponent) - 52 : -1074
    let power = Rational(BigInt(2).power(abs(exponent)))
    let magnitude = exponent >= 0 ? significand * power : significand / power
    return d < 0 ? -magnitude : magnitude
}

/// A floating-point price as an exact one: each coordinate rounded to the
/// grid `2^-bits`, then divided by their sum (so `Σ = 1` exactly). Nil when
/// a coordinate is not in `[0, 1]` or every one rounds to 0.
public func exactPrice(_ p: [Double], bits: Int) -> Vector? {
    precondition((1...60).contains(bits), "exactPrice: bits \(bits) out of 1...60")
    guard p.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else { return nil }
    let dyadic = p.map { Rational(BigInt(Int(($0 * Double(1 << bits)).rounded())), BigInt(1 << bits)) }
    let total = dyadic.reduce(Rational.zero, +)
    return total.signum() > 0 ? Vector(dyadic.map { $0 / total }) : nil
}
