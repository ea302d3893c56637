public import EconomyModel
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
/// Nil when excess demand has no floating-point form here or the budget
/// ends; else the best price reached.
public func newtonEquilibriumPrices(_ economy: Economy, from start: [Double]? = nil, iterations: Int = 80) -> [Double]? {
    guard let market = FloatingMarket(economy) else { return nil }
    let n = market.n
    guard n >= 2 else { return nil }
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
            guard let delta = solveDense(&m, gradient, n) else { lambda *= 8; continue }
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

/// Tâtonnement steps before Newton at most (each costs one evaluation of excess demand, `O(n·firms)`).
func tatonnementSteps(_ n: Int) -> Int { 20_000 }

/// `A x = b` by Gaussian elimination with partial pivoting (`A` row-major
/// `n × n`, overwritten); nil when a pivot vanishes.
func solveDense(_ a: inout [Double], _ b: [Double], _ n: Int) -> [Double]? {
    var x = b
    for k in 0..<n {
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
