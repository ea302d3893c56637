public import Budgets
import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
import Foundation

/// Bounds on the work of one search. A search that stops on one of them
/// says `undecided`, never `found`.
public struct SearchLimits: Sendable, Hashable {
    /// The finest mesh: the search refines `1/D` until `D ≥ targetMesh`.
    public var targetMesh: Int
    /// Total pivots over all restarts.
    public var maximumPivots: Int
    /// Wall-clock budget in seconds (checked between restarts).
    public var timeLimit: Double

    public init(targetMesh: Int = 1 << 20, maximumPivots: Int = 2_000_000, timeLimit: Double = 20) {
        self.targetMesh = targetMesh
        self.maximumPivots = maximumPivots
        self.timeLimit = timeLimit
    }
}

/// One mesh of the search: the completely labelled simplex found there and
/// the best approximate equilibrium near it.
public struct MeshStep: Sendable, Hashable {
    /// `D`: grid prices are `k / D`.
    public let mesh: Int
    /// The completely labelled simplex, as prices, and each vertex's label.
    public let simplex: [Vector]
    public let labels: [Int]
    /// The grid region searched: offset `L` and size `m` (prices `(L + k)/D`).
    public let offset: [Int]
    public let size: Int
    public let pivots: Int
    /// The path of this mesh: every simplex visited is not kept, only the
    /// grid points labelled (for pictures of small searches).
    public let best: ApproximateEquilibrium?
}

public struct SearchStatistics: Sendable, Hashable {
    public var meshReached: Int = 0
    public var pivots: Int = 0
    public var restarts: Int = 0
    /// Times a local restart region was too small and was doubled.
    public var enlargements: Int = 0
    public var labelEvaluations: Int = 0
    public var seconds: Double = 0

    public init() {}
}

public enum SearchOutcome: Sendable {
    /// A completely labelled simplex at the target mesh (or earlier, where a
    /// candidate clears every market exactly), with the best approximate
    /// equilibrium found on the simplices of every mesh.
    case found(ApproximateEquilibrium, steps: [MeshStep], statistics: SearchStatistics)
    /// A limit stopped the search first; `steps` holds what was reached.
    case undecided(reason: String, steps: [MeshStep], statistics: SearchStatistics)
    /// The labelling was not proper (a bug in a labelling, never expected).
    case improperLabelling(vertex: Vector, label: Int)
}

/// Simplicial search for a Walrasian equilibrium on the price simplex.
///
/// Mesh `1/D₀` on the whole simplex first (`D₀ = 2n`), then Merrill-style
/// restarts (Merrill 1972): at mesh `1/2D` the search runs again in a small
/// sub-simplex `T = {p : p ≥ L/2D}` around the previous answer, with the
/// labels made proper for `T` (a label `i` with `k_i = 0` on `T`'s face is
/// replaced by the first coordinate in the support). A simplex found in `T`
/// that uses no replaced label is completely labelled for the economy; one
/// that does means `T` was too small, so `T` is doubled and the mesh is
/// searched again — at worst `T` is the whole simplex, where no label is
/// replaced. Refining therefore costs a path across a few grid cells, not a
/// search from the corner.
public struct SimplicialSearch: Sendable {
    public let economy: Economy
    public var limits: SearchLimits

    public init(economy: Economy, limits: SearchLimits = SearchLimits()) {
        self.economy = economy
        self.limits = limits
    }

    /// Runs the search; `progress` is called after each mesh.
    public func run(progress: (MeshStep, SearchStatistics) -> Void = { _, _ in }) -> SearchOutcome {
        let n = economy.commodityCount
        let start = Date()
        var stats = SearchStatistics()
        var steps: [MeshStep] = []
        var mesh = initialMesh(n)
        var offset = [Int](repeating: 0, count: n)
        var size = mesh
        let initialRadius = 2
        var radius = initialRadius
        var previous: [Int]? = nil   // a vertex of the last simplex, at the last mesh
        // Labels come from the truncated, smoothed economy; candidates are judged in the real one.
        let cache = LabelCache(economy: economy.truncatedForSearch().economy)
        var bestSoFar: ApproximateEquilibrium? = nil
        while true {
            if let previous {
                // Local region around the previous answer, at the new mesh.
                let centre = previous.map { 2 * $0 }
                offset = centre.map { max(0, $0 - radius) }
                size = mesh - offset.reduce(0, +)
            }
            let regionOffset = offset
            let label: ([Int]) -> Int = { k in
                let grid = zip(regionOffset, k).map { $0 + $1 }
                let l = cache.label(grid, mesh: mesh)
                return k[l] > 0 ? l : k.indices.first { k[$0] > 0 }!
            }
            let simplex: LabelledSimplex
            do {
                simplex = try completelyLabelledSimplex(dimension: n, size: size,
                                                        maximumPivots: limits.maximumPivots - stats.pivots,
                                                        stop: { Date().timeIntervalSince(start) > limits.timeLimit || Budget.current.isExhausted },
                                                        label: label)
            } catch {
                stats.labelEvaluations = cache.evaluations
                stats.seconds = Date().timeIntervalSince(start)
                switch error {
                case .pivotLimit(let p):
                    stats.pivots += p
                    return .undecided(reason: "pivot limit \(limits.maximumPivots) reached at mesh 1/\(mesh)",
                                      steps: steps, statistics: stats)
                case .stopped(let p):
                    stats.pivots += p
                    return .undecided(reason: "time limit \(limits.timeLimit) s or the audit's budget reached at mesh 1/\(mesh), within a path",
                                      steps: steps, statistics: stats)
                case .improperLabel(let k, let l):
                    let grid = zip(regionOffset, k).map { $0 + $1 }
                    return .improperLabelling(vertex: Vector(grid.map { Rational($0, mesh) }), label: l)
                }
            }
            stats.pivots += simplex.pivots
            let grids = simplex.vertices.map { k in zip(offset, k).map { $0 + $1 } }
            let trueLabels = grids.map { cache.label($0, mesh: mesh) }
            if previous != nil && trueLabels != simplex.labels {
                // A replaced label was used: the region was too small.
                stats.enlargements += 1
                radius *= 2
                continue
            }
            let prices = grids.map { g in Vector(g.map { Rational($0, mesh) }) }
            let step = MeshStep(mesh: mesh, simplex: prices, labels: trueLabels, offset: offset, size: size,
                                pivots: simplex.pivots, best: bestCandidate(prices, mesh: mesh))
            steps.append(step)
            if let b = step.best, bestSoFar == nil || b.equilibriumError < bestSoFar!.equilibriumError { bestSoFar = b }
            stats.meshReached = mesh
            stats.labelEvaluations = cache.evaluations
            stats.seconds = Date().timeIntervalSince(start)
            progress(step, stats)
            // An exact zero of excess demand needs no finer mesh.
            if mesh >= limits.targetMesh || step.best?.equilibriumError.isZero == true {
                guard let best = bestSoFar else {
                    return .undecided(reason: "excess demand is undefined at every candidate price of the final simplex",
                                      steps: steps, statistics: stats)
                }
                return .found(best, steps: steps, statistics: stats)
            }
            if stats.seconds > limits.timeLimit {
                return .undecided(reason: "time limit \(limits.timeLimit) s reached at mesh 1/\(mesh)",
                                  steps: steps, statistics: stats)
            }
            previous = grids[0]
            mesh *= 2
            radius = initialRadius
            stats.restarts += 1
        }
    }

    /// The candidate with least equilibrium error: the vertices, the
    /// barycentre, and the switch point where best options tie.
    func bestCandidate(_ simplex: [Vector], mesh: Int) -> ApproximateEquilibrium? {
        var candidates = simplex
        let n = Rational(simplex.count)
        candidates.append(simplex.dropFirst().reduce(simplex[0], +).entries.map { $0 / n }.asVector)
        // Options within twice the ramp width may be the ones the labelling mixed.
        if let s = economy.switchPoint(of: simplex, tolerance: 2 * smoothingWidth(mesh: mesh, goods: economy.commodityCount)) { candidates.append(s) }
        var best: ApproximateEquilibrium? = nil
        for p in candidates {
            guard let e = economy.bestSelection(at: p) else { continue }
            if best == nil || e.equilibriumError < best!.equilibriumError { best = e }
        }
        return best
    }
}

extension Array where Element == Rational {
    var asVector: Vector { Vector(self) }
}

/// Labels of grid points, computed once each: a restart revisits points.
final class LabelCache {
    let economy: Economy
    private var labels: [[Int]: Int] = [:]
    private var labelling: LabellingEconomy
    private(set) var evaluations = 0

    init(economy: Economy) {
        self.economy = economy
        labelling = LabellingEconomy(truncated: economy, delta: 1)
    }

    func label(_ grid: [Int], mesh: Int) -> Int {
        let delta = smoothingWidth(mesh: mesh, goods: grid.count)
        if delta != labelling.delta {
            labels.removeAll(keepingCapacity: true)
            labelling = LabellingEconomy(truncated: economy, delta: delta)
        }
        if let l = labels[grid] { return l }
        evaluations += 1
        let l = labelling.label(at: Vector(grid.map { Rational($0, mesh) }))
        labels[grid] = l
        return l
    }
}

/// The ramp width at mesh `1/D` for `n` goods: `2^−⌊log₂(nD) / 2⌋`, about
/// `1/√(nD)`. Prices average `1/n`, so this is `√(n/D)` of a typical price:
/// wide enough that the continuous selection varies little over one
/// simplex (`O(1/(δD))`), narrow enough to vanish in the limit.
func smoothingWidth(mesh: Int, goods n: Int) -> Rational {
    let scaled = mesh.multipliedReportingOverflow(by: max(1, n))
    let value = scaled.overflow ? Int.max : scaled.partialValue
    let bits = Int.bitWidth - value.leadingZeroBitCount - 1
    return Rational(1, 1 << min(62, bits / 2))
}

/// The first mesh: coarse, because the first path runs on the whole simplex
/// and later meshes restart locally. `n` for small `n` (Scarf's economy is
/// then exact at every mesh), 4 beyond 8 goods.
func initialMesh(_ n: Int) -> Int { n <= 8 ? max(2, n) : 4 }

/// One mesh of the search on the whole simplex, with every grid point's
/// label and the path: what `walras plot sperner` draws.
public struct SpernerPicture: Sendable {
    public let mesh: Int
    public let labels: [[Int]: Int]
    public let result: LabelledSimplex
}

extension SimplicialSearch {
    /// The labels of the search at mesh `1/mesh` on every grid point, and
    /// the path from the vertex `e_1` to a completely labelled simplex.
    public func picture(mesh: Int) throws(PathFailure) -> SpernerPicture {
        let cache = LabelCache(economy: economy.truncatedForSearch().economy)
        let n = economy.commodityCount
        let result = try completelyLabelledSimplex(dimension: n, size: mesh, maximumPivots: limits.maximumPivots,
                                                   recordPath: true) { cache.label($0, mesh: mesh) }
        var labels: [[Int]: Int] = [:]
        for s in allSimplices(dimension: n, size: mesh) {
            for v in s where labels[v] == nil { labels[v] = cache.label(v, mesh: mesh) }
        }
        return SpernerPicture(mesh: mesh, labels: labels, result: result)
    }
}

extension SearchLimits: TimeLimited {}
