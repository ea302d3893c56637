public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// The regime of an approximate equilibrium, solved: an untrusted way to
/// turn a rough price into candidates for the exact one.
///
/// Near an equilibrium of a piecewise-smooth economy the search has already
/// told us *which* pieces are in play: which goods are free, which
/// constant-returns activities break even, which goods a linear consumer
/// buys. Fixing those choices leaves a square system of smooth equations
/// (Eaves 1976 for linear exchange; Mathiesen 1985 for activity analysis):
/// - `Σ p_i = 1`;
/// - `p·a = 0` for each break-even activity `a`, whose level is a variable;
/// - for each linear consumer, spending `s_j` on each good it buys, with
///   `Σ s_j = income` and equal weight per unit of money between them;
/// - clearing `x_i(p, s) = ω_i + y_i(levels)` for each priced good.
/// Newton's method (Gauss–Newton, since Walras' law makes one equation
/// redundant), in floating point, refines the search's price to about
/// `1e-13`; the simplest rationals near that point are candidates. A
/// rational equilibrium with moderate denominators is recovered from a far
/// rougher search than reconstruction alone needs (Ricardo's economy with
/// complete specialisation: search error `1e-2`, regime solved exactly).
///
/// Nothing here is trusted: each candidate is judged by
/// `checkedEquilibrium(at:)`, that is, by `EquilibriumChecker`.
/// Covered: Cobb–Douglas, Leontief and linear consumers; constant-returns
/// activities (break-even ones become levels); bounded activities and
/// discrete modes held at their best option. Other kinds: no regime (nil).
public struct EquilibriumRegime: Sendable {
    /// Goods whose price is 0 in this regime.
    public let freeGoods: [Int]
    /// `(firm, activity)` of each break-even constant-returns activity.
    public let breakEven: [(firm: Int, activity: Int)]
    /// Per consumer, the goods a linear consumer buys (empty for the others).
    public let purchases: [[Int]]
    /// Per firm, the production held fixed (nil for constant-returns firms).
    public let fixedProduction: [Vector?]
}

extension Economy {
    /// The regime read off an approximate price: a good is free when its
    /// price is below `tolerance`, an activity breaks even when its profit
    /// per unit of input value is within `tolerance` of 0, a linear
    /// consumer buys the goods within `tolerance` (relative) of its best
    /// weight per unit of money. Nil for kinds the regime does not cover.
    public func regime(near p: Vector, tolerance: Double = 1e-3) -> EquilibriumRegime? {
        let q = p.entries.map(\.displayDouble)
        let n = commodityCount
        let free = (0..<n).filter { q[$0] < tolerance }
        guard free.count < n else { return nil }
        var breakEven: [(firm: Int, activity: Int)] = []
        var fixed: [Vector?] = []
        for (f, firm) in firms.enumerated() {
            switch firm.technology {
            case .activities(let acts, nil):
                for (k, a) in acts.enumerated() {
                    let value = zip(q, a.entries).reduce(0.0) { $0 + $1.0 * $1.1.displayDouble }
                    let scale = zip(q, a.entries).reduce(0.0) { $0 + abs($1.0 * $1.1.displayDouble) }
                    if abs(value) <= tolerance * max(scale, 1e-300) { breakEven.append((f, k)) }
                }
                fixed.append(nil)
            case .activities(let acts, let bound?):
                let options = [Vector.zero(n)] + acts.map { bound * $0 }
                fixed.append(options.max { p.dot($0) < p.dot($1) }!)
            case .discreteModes(let modes):
                fixed.append(([Vector.zero(n)] + modes).max { p.dot($0) < p.dot($1) }!)
            case .quadraticCost:
                return nil
            }
        }
        var purchases: [[Int]] = []
        for c in consumers {
            switch c.utility {
            case .cobbDouglas(let a), .leontief(let a):
                if free.contains(where: { a[$0].signum() > 0 }) { return nil }  // demand unbounded there
                purchases.append([])
            case .linear(let w), .cappedLinear(let w, _):  // capped: its linear selection (all income on best goods)
                if free.contains(where: { w[$0].signum() > 0 }) { return nil }
                let ratios = (0..<n).map { free.contains($0) ? 0 : w[$0].displayDouble / q[$0] }
                let best = ratios.max() ?? 0
                guard best > 0 else { return nil }
                purchases.append((0..<n).filter { ratios[$0] >= best * (1 - tolerance) && w[$0].signum() > 0 })
            case .satiableQuadratic:
                return nil
            }
        }
        return EquilibriumRegime(freeGoods: free, breakEven: breakEven, purchases: purchases, fixedProduction: fixed)
    }

    /// Prices that solve `regime`'s equations, found by Gauss–Newton from
    /// `start` (and the search's activity levels and bundles, if given),
    /// in floating point; nil when Newton does not converge.
    public func solve(_ regime: EquilibriumRegime, from start: ApproximateEquilibrium, maximumIterations: Int = 60) -> [Double]? {
        let system = RegimeSystem(economy: self, regime: regime)
        var u = system.initialPoint(start)
        var residual = system.residual(u)
        for _ in 0..<maximumIterations {
            let norm = residual.map { $0 * $0 }.reduce(0, +).squareRoot()
            if norm < 1e-14 { return system.prices(u) }
            guard norm.isFinite, let step = system.gaussNewtonStep(u, residual) else { return nil }
            // Halve the step until the residual falls (a damped Newton step).
            var t = 1.0, accepted = false
            while t > 1e-6 {
                let trial = zip(u, step).map { $0 + t * $1 }
                let r = system.residual(trial)
                let trialNorm = r.map { $0 * $0 }.reduce(0, +).squareRoot()
                if trialNorm.isFinite && trialNorm < norm {
                    u = trial
                    residual = r
                    accepted = true
                    break
                }
                t /= 2
            }
            guard accepted else { break }
        }
        let norm = residual.map { $0 * $0 }.reduce(0, +).squareRoot()
        return norm < 1e-10 ? system.prices(u) : nil
    }

    /// Exact candidates from the regime at `approximate`: the simplest
    /// rationals within `2^-k` of the solved price, for `k = 8, 12, …, 40`,
    /// normalised to the simplex. Untrusted; the checker decides.
    public func regimeCandidates(near approximate: ApproximateEquilibrium) -> [Vector] {
        guard let regime = regime(near: approximate.prices), let solved = solve(regime, from: approximate) else { return [] }
        var out: [Vector] = []
        for k in stride(from: 8, through: 40, by: 4) {
            let tolerance = Rational(1, 1 << k)
            let entries = solved.map { x -> Rational in
                let centre = Rational(BigInt(Int((max(0, min(1, x)) * Double(1 << 53)).rounded())), BigInt(1 << 53))
                return simplestRational(between: max(.zero, centre - tolerance), and: centre + tolerance)
            }
            let total = entries.reduce(Rational.zero, +)
            guard total.signum() > 0 else { continue }
            let p = Vector(entries.map { $0 / total })
            if !out.contains(p) { out.append(p) }
        }
        return out
    }
}

/// The equations of one regime, in floating point. Unknowns, in order: the
/// prices of the goods that are not free, the level of each break-even
/// activity, the spending of each linear consumer on each good it buys.
struct RegimeSystem {
    let economy: Economy
    let regime: EquilibriumRegime
    let priced: [Int]
    let n: Int
    // Floating copies of the data.
    let endowments: [[Double]]
    let shares: [[Double]]
    let activities: [[Double]]  // of the break-even activities
    let fixed: [[Double]?]
    let weights: [[Double]]  // per consumer: exponents, coefficients or linear weights

    init(economy: Economy, regime: EquilibriumRegime) {
        self.economy = economy
        self.regime = regime
        n = economy.commodityCount
        priced = (0..<economy.commodityCount).filter { !regime.freeGoods.contains($0) }
        endowments = economy.consumers.map { $0.endowment.entries.map(\.displayDouble) }
        shares = economy.consumers.map { $0.shares.map(\.displayDouble) }
        activities = regime.breakEven.map { (f, k) in
            guard case .activities(let acts, _) = economy.firms[f].technology else { preconditionFailure("not an activity firm") }
            return acts[k].entries.map(\.displayDouble)
        }
        fixed = regime.fixedProduction.map { $0?.entries.map(\.displayDouble) }
        weights = economy.consumers.map { c in
            switch c.utility {
            case .cobbDouglas(let a), .leontief(let a), .linear(let a), .cappedLinear(let a, _): a.entries.map(\.displayDouble)
            default: []
            }
        }
    }

    var spendingCount: Int { regime.purchases.reduce(0) { $0 + $1.count } }
    var unknownCount: Int { priced.count + activities.count + spendingCount }

    func prices(_ u: [Double]) -> [Double] {
        var p = [Double](repeating: 0, count: n)
        for (k, i) in priced.enumerated() { p[i] = u[k] }
        return p
    }

    func initialPoint(_ a: ApproximateEquilibrium) -> [Double] {
        var u = priced.map { a.prices[$0].displayDouble }
        for (f, k) in regime.breakEven {
            let levels = a.levels[f]
            u.append(k < levels.count ? levels[k].displayDouble : 0)
        }
        for (h, goods) in regime.purchases.enumerated() {
            for j in goods { u.append((a.prices[j] * a.allocation[h][j]).displayDouble) }
        }
        return u
    }

    /// `F(u)`: normalisation, break-even, linear budgets and equal ratios, clearing.
    func residual(_ u: [Double]) -> [Double] {
        let p = prices(u)
        let levels = Array(u[priced.count..<(priced.count + activities.count)])
        var spending = Array(u[(priced.count + activities.count)...])[...]
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        var out: [Double] = [priced.reduce(0) { $0 + p[$1] } - 1]
        for a in activities { out.append(dot(p, a)) }
        // Production and profits.
        var supply = [Double](repeating: 0, count: n)
        var profits = [Double](repeating: 0, count: economy.firms.count)
        for (f, y) in fixed.enumerated() {
            guard let y else { continue }
            for i in 0..<n { supply[i] += y[i] }
            profits[f] = dot(p, y)
        }
        for (m, (f, _)) in regime.breakEven.enumerated() {
            for i in 0..<n { supply[i] += activities[m][i] * levels[m] }
            profits[f] += levels[m] * dot(p, activities[m])
        }
        var demand = [Double](repeating: 0, count: n)
        for (h, c) in economy.consumers.enumerated() {
            let income = dot(p, endowments[h]) + zip(shares[h], profits).reduce(0) { $0 + $1.0 * $1.1 }
            let w = weights[h]
            switch c.utility {
            case .cobbDouglas:
                let total = w.reduce(0, +)
                for i in priced where w[i] > 0 { demand[i] += w[i] / total * income / p[i] }
            case .leontief:
                let t = income / dot(p, w)
                for i in 0..<n { demand[i] += t * w[i] }
            case .linear, .cappedLinear:
                let goods = regime.purchases[h]
                let s = Array(spending.prefix(goods.count))
                spending = spending.dropFirst(goods.count)
                out.append(s.reduce(0, +) - income)
                for (j, g) in goods.enumerated() {
                    demand[g] += s[j] / p[g]
                    // Equal weight per unit of money: w_g p_first = w_first p_g.
                    if j > 0 { out.append(w[g] * p[goods[0]] - w[goods[0]] * p[g]) }
                }
            default:
                break
            }
        }
        let totalEndowment = (0..<n).map { i in endowments.reduce(0) { $0 + $1[i] } }
        for i in priced { out.append(demand[i] - totalEndowment[i] - supply[i]) }
        return out
    }

    /// The least-squares Newton step `−(JᵀJ + μI)⁻¹ Jᵀ F`, with a forward-
    /// difference Jacobian and a tiny damping `μ` for rank deficiency.
    func gaussNewtonStep(_ u: [Double], _ f: [Double]) -> [Double]? {
        let m = unknownCount, rows = f.count
        var jacobian = [[Double]](repeating: [Double](repeating: 0, count: m), count: rows)
        for k in 0..<m {
            var v = u
            let h = 1e-7 * max(1, abs(u[k]))
            v[k] += h
            let g = residual(v)
            for r in 0..<rows { jacobian[r][k] = (g[r] - f[r]) / h }
        }
        var a = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: m)
        for i in 0..<m {
            for j in 0..<m { a[i][j] = (0..<rows).reduce(0) { $0 + jacobian[$1][i] * jacobian[$1][j] } }
            a[i][i] += 1e-12 * max(1, a[i][i])
            a[i][m] = -(0..<rows).reduce(0) { $0 + jacobian[$1][i] * f[$1] }
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..<m {
            guard let pivot = (col..<m).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-300 else { return nil }
            a.swapAt(col, pivot)
            for r in (col + 1)..<m where a[r][col] != 0 {
                let factor = a[r][col] / a[col][col]
                for c in col...m { a[r][c] -= factor * a[col][c] }
            }
        }
        var x = [Double](repeating: 0, count: m)
        for r in stride(from: m - 1, through: 0, by: -1) {
            x[r] = (a[r][m] - ((r + 1)..<m).reduce(0) { $0 + a[r][$1] * x[$1] }) / a[r][r]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
