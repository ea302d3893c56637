public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
import Foundation
public import Budgets

/// Budgets of the vector-labelled search.
public struct VectorSearchLimits: Sendable, Hashable {
    /// The finest mesh, as `2^-bits` in price coordinates.
    public var meshBits: Int
    /// Each cycle's mesh is `2^-bitsPerRefinement` times the last one's.
    public var bitsPerRefinement: Int
    public var maximumPivots: Int
    public var timeLimit: Double
    /// From this mesh on (`2^-bits`), and every 8 bits after it, the zero is
    /// exactified and judged by the checker; the search stops at the first
    /// exact equilibrium.
    public var exactifyFromBits: Int
    /// The path keeps about seven dense `n × n` matrices of `Double`s (the
    /// basis inverse, the facet's points and labels, the restart Jacobian
    /// and its workspace): above this many bytes the search declines, so
    /// that memory stays bounded however many commodities the input has.
    /// The default, 128 MiB, allows about 1,500 commodities; beyond that a
    /// first cycle (`O(n)` pivots of `O(n²)` each) would not end within the
    /// stage's seconds either.
    public var maximumMatrixBytes: Int

    public init(meshBits: Int = 40, bitsPerRefinement: Int = 2, maximumPivots: Int = 400_000, timeLimit: Double = 10,
                exactifyFromBits: Int = 0, maximumMatrixBytes: Int = 128 << 20) {
        self.meshBits = meshBits
        self.bitsPerRefinement = bitsPerRefinement
        self.maximumPivots = maximumPivots
        self.timeLimit = timeLimit
        self.exactifyFromBits = exactifyFromBits
        self.maximumMatrixBytes = maximumMatrixBytes
    }

    /// The bytes of the path's dense matrices at `n` commodities (see `maximumMatrixBytes`).
    public static func matrixBytes(commodities n: Int) -> Int { 7 * 8 * n * n }
}

public struct VectorSearchStatistics: Sendable, Hashable {
    public var cycles = 0
    public var pivots = 0
    public var labelEvaluations = 0
    public var seconds = 0.0
    /// Pivots of each cycle, in order (the first crosses from the barycentre).
    public var pivotsPerCycle: [Int] = []
    /// `k` for the mesh `2^-k` of the last cycle completed (0 when none
    /// completed): an integer, so verdicts built on it involve no rounding.
    public var meshBitsReached = 0
    /// Why refinement stopped before the finest mesh, if it did.
    public var stoppedEarly: String? = nil
    /// Cycles redone in exact arithmetic after a degenerate pivot in floating point.
    public var exactFallbacks = 0

    public init() {}

    /// Mean pivots per refinement, the first cycle left out.
    public var pivotsPerRefinement: Double {
        pivotsPerCycle.count > 1 ? Double(pivotsPerCycle.dropFirst().reduce(0, +)) / Double(pivotsPerCycle.count - 1) : 0
    }
}

public enum VectorSearchOutcome: Sendable {
    /// An exact equilibrium, exactified from a cycle's zero and accepted by the checker.
    case exact(CheckedEquilibrium, statistics: VectorSearchStatistics)
    /// The last cycle's zero, judged exactly in the real economy (its exact
    /// equilibrium error is in the candidate).
    case found(ApproximateEquilibrium, statistics: VectorSearchStatistics)
    case undecided(reason: String, statistics: VectorSearchStatistics)
    /// A kind the floating-point labels do not cover.
    case notApplicable(String)
}

/// The simplicial search with vector labels (Merrill's restart algorithm,
/// `MerrillHomotopy`) on the price simplex: untrusted, in floating point.
///
/// Prices `p = (x, 1 − Σx)` with `x ∈ ℝⁿ⁻¹`. The map whose zeros are
/// sought is `G(x) = x − f(x)`, with the Brouwer map of the existence proof
/// `f(x) = q + μ (z(q) − z̄ 1)` (`q` the point retracted to the simplex,
/// every coordinate at least `10⁻¹²`; `z̄` the mean of `z(q)`; `μ` scales
/// goods to prices). At a zero inside the simplex `q = p`, so `z` is
/// constant, and Walras' law `p·z = 0` makes that constant 0. A zero
/// outside it (`x − q` points out of the simplex, along the normal cone at
/// `q`) has `z(q) − z̄` in that cone: `z_i ≤ z̄` where `q_i = ε`, `z` equal
/// on the rest, so `z ≤ 0` where goods are (nearly) free. No projection of
/// `f` itself: `f` is linear in `z`, so a convex combination of labels is
/// the label of a convex combination of selections. Vertices outside the
/// simplex are labelled too (through `q`), and `f` is bounded, so the path
/// never runs off to infinity. Set-valued demand
/// and supply are labelled by one selection (the first best good, the best
/// activity at its bound); the completely labelled condition takes convex
/// combinations of those labels, which is what a correspondence needs.
///
/// Cycles start at the barycentre with mesh about `1/n` (a power of 2) and
/// restart from each zero with the mesh `2^-bitsPerRefinement` times finer, down to
/// `2^-meshBits`. From `2^-exactifyFromBits` on, every 8 bits, the zero is
/// rounded to a rational price and exactified (`exactEquilibrium(near:)`);
/// the first exact equilibrium the checker accepts ends the search. After
/// the first cycle, a cycle that needs more than `100 n + 1000` pivots ends
/// refinement (the labels are too rough for that mesh: a jump of supply
/// seen through round-off), and the last zero is reported with the mesh it
/// reached.
public struct VectorLabelledSearch {
    public let economy: Economy
    public var limits: VectorSearchLimits

    public init(economy: Economy, limits: VectorSearchLimits = VectorSearchLimits()) {
        self.economy = economy
        self.limits = limits
    }

    public func run() -> VectorSearchOutcome {
        let (truncated, _) = economy.truncatedForSearch()
        guard let market = FloatingMarket(truncated) else {
            return .notApplicable("the floating-point labels cover Cobb–Douglas, Leontief, linear and capped-linear consumers and every firm kind")
        }
        let n = economy.commodityCount
        guard n >= 2 else { return .notApplicable("one good") }
        let bytes = VectorSearchLimits.matrixBytes(commodities: n)
        guard bytes <= limits.maximumMatrixBytes else {
            return .notApplicable("\(n) commodities: the path's dense matrices would take \(bytes >> 20) MiB, "
                                  + "above its limit of \(limits.maximumMatrixBytes >> 20) MiB")
        }
        let clock = Date()
        let solver = MerrillHomotopy(dimension: n - 1)
        var x = [Double](repeating: 1 / Double(n), count: n - 1)
        func candidate() -> ApproximateEquilibrium? {
            var entries = x.map { max(0, $0) }
            entries.append(max(0, 1 - x.reduce(0, +)))
            let grid = Double(1 << 52)
            let total = entries.reduce(0, +)
            // A path that ran off to infinity or overflowed gives no price (and `Int(∞)` would trap).
            guard total.isFinite, total > 0 else { return nil }
            let dyadic = entries.map { Rational(BigInt(Int(($0 / total * grid).rounded())), BigInt(1 << 52)) }
            let sum = dyadic.reduce(Rational.zero, +)
            guard sum.signum() > 0 else { return nil }
            return economy.bestSelection(at: Vector(dyadic.map { $0 / sum }))
        }
        var nextExactBits = limits.exactifyFromBits
        var exact: CheckedEquilibrium? = nil
        // Meshes are 2^-k with k an integer: the first about 1/n, then k grows by bitsPerRefinement.
        let firstBits = min((n - 1).bitWidth - (n - 1).leadingZeroBitCount, limits.meshBits)
        var cycleBits: [Int] = [firstBits]
        while cycleBits.last! < limits.meshBits { cycleBits.append(min(cycleBits.last! + max(1, limits.bitsPerRefinement), limits.meshBits)) }
        func mesh(_ k: Int) -> Double { Double(sign: .plus, exponent: -k, significand: 1) }
        let plan = MerrillHomotopy.Restarts(firstMesh: mesh(firstBits), finestMesh: mesh(limits.meshBits),
                                            refinement: mesh(max(1, limits.bitsPerRefinement)),
                                            maximumPivots: limits.maximumPivots, cyclePivots: 100 * n + 1000,
                                            timeLimit: limits.timeLimit)
        var completed = 0
        let run = solver.restarts(from: x, plan, map: { market.brouwerResidual($0) }) { c in
            x = c.zero
            let bits = cycleBits[completed]
            completed += 1
            guard bits >= nextExactBits else { return false }
            nextExactBits = bits + 8
            if let a = candidate(), let checked = economy.exactEquilibrium(near: a, finestMesh: 1 << min(bits, 60)),
               checked.isWalrasian {
                exact = checked
                return true
            }
            return false
        }
        var stats = VectorSearchStatistics()
        stats.cycles = run.cycles.count
        stats.pivots = run.pivots
        stats.labelEvaluations = run.evaluations
        stats.pivotsPerCycle = run.cycles.map(\.pivots)
        stats.exactFallbacks = run.exactFallbacks
        stats.meshBitsReached = run.cycles.isEmpty ? 0 : cycleBits[run.cycles.count - 1]
        stats.seconds = Date().timeIntervalSince(clock)
        if let exact { return .exact(exact, statistics: stats) }
        if let why = run.failure, run.cycles.isEmpty { return .undecided(reason: why, statistics: stats) }
        stats.stoppedEarly = run.failure
        guard let a = candidate() else {
            return .undecided(reason: (run.failure.map { $0 + "; " } ?? "") + "excess demand is undefined at the search's last zero",
                              statistics: stats)
        }
        return .found(a, statistics: stats)
    }
}

/// An economy's excess demand in floating point, with one selection where
/// it is a set (a capped-linear consumer labelled by its linear selection).
/// Nil for kinds it does not cover (satiable quadratic consumers).
struct FloatingMarket {
    enum Taste { case cobbDouglas([Double]), leontief([Double]), linear([Double]) }
    enum Technology {
        case activities([[Double]], bound: Double)
        case modes([[Double]])
        case quadratic(input: [Double], scale: [Double], capacity: [Double])
    }
    let n: Int
    let tastes: [Taste]
    let endowments: [[Double]]
    let shares: [[Double]]
    let technologies: [Technology]
    let totalEndowment: [Double]
    /// `μ`: one unit of the average good's endowment moves its price by about `1/n`.
    let step: Double

    init?(_ e: Economy) {
        n = e.commodityCount
        func d(_ v: Vector) -> [Double] { v.entries.map(\.displayDouble) }
        var tastes: [Taste] = []
        for c in e.consumers {
            switch c.utility {
            case .cobbDouglas(let a):
                let total = a.entries.reduce(Rational.zero, +)
                tastes.append(.cobbDouglas(a.entries.map { ($0 / total).displayDouble }))
            case .leontief(let a): tastes.append(.leontief(d(a)))
            case .linear(let w): tastes.append(.linear(d(w)))
            case .cappedLinear(let w, _):
                // All income on a best good is always in the capped consumer's demand set: below the cap
                // it is the demand; where the cap is reachable it reaches it (w·x = income · best ratio ≥ cap)
                // and is affordable. So the linear selection labels the correspondence, Walras' law holds
                // for it, and its zeros are equilibria. Equilibria where a satiated consumer leaves income
                // unspent are not looked for; the checker judges whatever is found.
                tastes.append(.linear(d(w)))
            case .satiableQuadratic: return nil
            }
        }
        self.tastes = tastes
        endowments = e.consumers.map { d($0.endowment) }
        shares = e.consumers.map { $0.shares.map(\.displayDouble) }
        var technologies: [Technology] = []
        for f in e.firms {
            switch f.technology {
            case .activities(let acts, let bound):
                guard let bound else { return nil }  // truncation bounds every constant-returns firm it can
                technologies.append(.activities(acts.map(d), bound: bound.displayDouble))
            case .discreteModes(let modes): technologies.append(.modes(modes.map(d)))
            case .quadraticCost(let input, let scale, let capacity):
                technologies.append(.quadratic(input: d(input), scale: d(scale), capacity: d(capacity)))
            }
        }
        self.technologies = technologies
        totalEndowment = d(e.totalEndowment)
        let mean = totalEndowment.reduce(0, +) / Double(n)
        step = 1 / (Double(n) * max(mean, 1e-12))
    }

    /// `z(q)` at a price with every coordinate positive.
    func excessDemand(_ q: [Double]) -> [Double] { flows(q).excess }

    /// `z(q)`, and each good's volume of trade `ω_i + Σ_f |y_fi| + Σ_h x_hi`:
    /// the scale against which `z_i` is large or small.
    func flows(_ q: [Double]) -> (excess: [Double], volume: [Double]) {
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var s = 0.0
            for i in 0..<a.count { s += a[i] * b[i] }
            return s
        }
        var z = totalEndowment.map { -$0 }
        var volume = totalEndowment
        var profits = [Double](repeating: 0, count: technologies.count)
        for (f, t) in technologies.enumerated() {
            var y = [Double](repeating: 0, count: n)
            switch t {
            case .activities(let acts, let bound):
                if let best = acts.indices.max(by: { dot(q, acts[$0]) < dot(q, acts[$1]) }), dot(q, acts[best]) > 0 {
                    y = acts[best].map { $0 * bound }
                }
            case .modes(let modes):
                if let best = modes.indices.max(by: { dot(q, modes[$0]) < dot(q, modes[$1]) }), dot(q, modes[best]) > 0 {
                    y = modes[best]
                }
            case .quadratic(let input, let scale, let capacity):
                let cost = dot(q, input)
                var used = 0.0
                for i in 0..<n where scale[i] > 0 {
                    y[i] = min(capacity[i], scale[i] * q[i] / cost)
                    used += y[i] * y[i] / (2 * scale[i])
                }
                for j in 0..<n where input[j] != 0 { y[j] -= used * input[j] }
            }
            profits[f] = dot(q, y)
            for i in 0..<n where y[i] != 0 { z[i] -= y[i]; volume[i] += abs(y[i]) }
        }
        for (h, taste) in tastes.enumerated() {
            let income = dot(q, endowments[h]) + dot(shares[h], profits)
            switch taste {
            case .cobbDouglas(let a):
                for i in 0..<n where a[i] > 0 { z[i] += a[i] * income / q[i]; volume[i] += a[i] * income / q[i] }
            case .leontief(let a):
                let t = income / dot(q, a)
                for i in 0..<n where a[i] != 0 { z[i] += t * a[i]; volume[i] += t * a[i] }
            case .linear(let w):
                if let best = (0..<n).max(by: { w[$0] / q[$0] < w[$1] / q[$1] }) {
                    z[best] += income / q[best]
                    volume[best] += income / q[best]
                }
            }
        }
        return (z, volume)
    }

    /// `G(x) = x − f(x)` in the coordinates `x = (p_0, …, p_{n−2})`, with
    /// `f(p) = q + μ (z(q) − z̄ 1)`: `q` the price retracted to
    /// `{q_i ≥ ε, Σq = 1}`, `z̄` the mean of `z(q)`. Linear in `z`, so a
    /// convex combination of labels is the label of a convex combination
    /// of selections (a projection onto the simplex would break that at a
    /// jump of supply).
    func brouwerResidual(_ x: [Double]) -> [Double]? {
        var p = x
        p.append(1 - x.reduce(0, +))
        let floor = 1e-12
        let shrunk = projectOntoSimplex(p.map { ($0 - floor) / (1 - Double(n) * floor) })
        let q = shrunk.map { floor + (1 - Double(n) * floor) * $0 }
        let z = excessDemand(q)
        guard z.allSatisfy(\.isFinite) else { return nil }
        let mean = z.reduce(0, +) / Double(n)
        return (0..<(n - 1)).map { x[$0] - q[$0] - step * (z[$0] - mean) }
    }
}

/// The Euclidean projection onto `{p ≥ 0, Σp = 1}` (sort and threshold).
public func projectOntoSimplex(_ v: [Double]) -> [Double] {
    let sorted = v.sorted(by: >)
    var running = 0.0, theta = 0.0
    for (k, value) in sorted.enumerated() {
        running += value
        let t = (running - 1) / Double(k + 1)
        if value - t > 0 { theta = t }
    }
    return v.map { max(0, $0 - theta) }
}

extension VectorSearchLimits: TimeLimited {}
