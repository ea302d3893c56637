/// Merrill's restart algorithm: a piecewise-linear homotopy with vector
/// labels, in floating point (untrusted).
///
/// To find a zero of `G: ℝᴺ → ℝᴺ` near `x₀` at mesh `δ`, triangulate the
/// layer `ℝᴺ × [0, 1]` (Freudenthal's triangulation, mesh `δ` across, one
/// unit deep) and label each vertex `(x, λ)` with the vector
/// `L(x, 0) = x − x₀` on the bottom and `L(x, 1) = G(x)` on the top. A facet
/// (`N + 1` vertices) is *completely labelled* when `0` is a convex
/// combination of its labels: the system `Σ wᵢ (1, L(vᵢ)) = (1, 0)`,
/// `w ≥ 0` has a solution. The bottom has exactly one such facet, the one
/// around `x₀`; from it a path of completely labelled facets runs through
/// the layer (door in, door out: one lexicographic pivot of the `(N+1)²`
/// system per simplex) and, because `G(x) = x − f(x)` with `f` bounded
/// points outward far away, must end on the top, at a facet where the
/// piecewise-linear interpolation of `G` vanishes: `x₁ = Σ wᵢ xᵢ`. Restart
/// from `x₁` with a smaller mesh.
///
/// Why it is fast where integer labels are slow: each pivot solves for the
/// affine interpolant of `G` itself, not for which coordinate is worst. Near
/// a regular zero, a cycle from the last zero at a finer mesh crosses the
/// layer in about `N + 1` pivots: it is a Newton step with a simplex
/// Jacobian. (Merrill 1972; Todd 1976, *The Computation of Fixed Points and
/// Applications*, ch. 7; Allgower and Georg 1990, *Numerical Continuation
/// Methods*, §13.4. Freudenthal's pivoting rules: Todd 1976, ch. 4.)
///
/// For a correspondence, labels may come from any selection: the limit of
/// completely labelled facets is a point where `0` is in the convex hull of
/// nearby values (Eaves 1972), a zero of an upper hemicontinuous,
/// convex-valued correspondence. Nothing here is trusted: the result is a
/// candidate for exactification and the checker.
public struct MerrillHomotopy {
    public let dimension: Int
    /// Pivots allowed over all cycles.
    public var maximumPivots: Int

    public init(dimension: Int, maximumPivots: Int = 200_000) {
        self.dimension = dimension
        self.maximumPivots = maximumPivots
    }

    /// One cycle's result.
    public struct Cycle: Sendable {
        public let start: [Double]
        public let zero: [Double]
        public let mesh: Double
        public let pivots: Int
        public let evaluations: Int
        /// The Jacobian of `G`'s affine interpolant on the final facet (nil if degenerate).
        public let jacobian: [[Double]]?
    }

    public enum CycleOutcome: Sendable {
        case zero(Cycle)
        /// The path could not be followed (degenerate pivot, undefined `G`, budget).
        case failed(String, pivots: Int, evaluations: Int)
    }

    /// Follows the path of one cycle from `x0` at mesh `delta`.
    ///
    /// `bottom` is the matrix `A` of the bottom labels `A(x − x₀)` (the
    /// identity when nil). Passing the Jacobian of the last cycle's top
    /// facet (`Cycle.jacobian`) makes the homotopy nearly trivial near a
    /// regular zero, so the path crosses the layer almost straight up.
    public func cycle(from x0: [Double], mesh delta: Double, bottom: [[Double]]? = nil, pivotBudget: Int,
                      deadline: ContinuousClock.Instant? = nil, map g: ([Double]) -> [Double]?) -> CycleOutcome {
        let n = dimension, m = n + 1  // the layer lives in ℝᴺ⁺¹; coordinate n is λ
        // x₀ is the barycentre of the bottom facet of the first simplex.
        let offset = (0..<n).map { Double(n - $0) / Double(n + 1) }
        var evaluations = 0
        func point(_ k: [Int]) -> [Double] { (0..<n).map { x0[$0] + delta * (Double(k[$0]) - offset[$0]) } }
        func column(_ k: [Int]) -> [Double]? {
            let x = point(k)
            if k[n] == 0 {
                let shift = (0..<n).map { x[$0] - x0[$0] }
                guard let bottom else { return [1] + shift }
                return [1] + bottom.map { row in (0..<n).reduce(0.0) { $0 + row[$1] * shift[$1] } }
            }
            evaluations += 1
            guard let v = g(x), v.count == n, v.allSatisfy(\.isFinite) else { return nil }
            return [1] + v
        }
        var simplex = FreudenthalSimplex(layerDimension: n)
        var basis = Array(simplex.vertices[0..<m])
        var columns: [[Double]] = []
        for v in basis {
            guard let c = column(v) else { return .failed("undefined label on the bottom", pivots: 0, evaluations: evaluations) }
            columns.append(c)
        }
        // The basis inverse, row-major and flat: the pivot's inner loops are the search's hot path.
        guard let start = invert(columns) else { return .failed("singular start", pivots: 0, evaluations: evaluations) }
        var inverse = start.flatMap { $0 }
        var entering = simplex.vertices[m]
        var pivots = 0
        // A path of completely labelled facets never meets a simplex twice; in floating point a
        // degenerate ratio test can make it cycle, which this catches.
        // 64-bit digests of the simplices met, not the simplices themselves (`N + 1` integers each): a first
        // cycle of 400,000 pivots at 200 goods would otherwise hold a gigabyte. The digest is deterministic, so a
        // collision (odds about 10⁻⁸ per run) would end the same cycle the same way on every machine.
        var visited: Set<UInt64> = []
        while pivots < pivotBudget {
            pivots += 1
            if pivots % 64 == 0 {
                if let fresh = invert(columns) { inverse = fresh.flatMap { $0 } }  // control round-off
                if let deadline, ContinuousClock.now > deadline {
                    return .failed("the time limit was reached", pivots: pivots, evaluations: evaluations)
                }
            }
            guard let a = column(entering) else {
                return .failed("G is undefined at a vertex", pivots: pivots, evaluations: evaluations)
            }
            var d = [Double](repeating: 0, count: m)
            inverse.withUnsafeBufferPointer { b in
                a.withUnsafeBufferPointer { av in
                    for r in 0..<m {
                        var t = 0.0
                        for j in 0..<m { t += b[r * m + j] * av[j] }
                        d[r] = t
                    }
                }
            }
            guard let r = lexicographicRatioTest(inverse, m, d) else {
                return .failed("no leaving vertex (the path is a ray)", pivots: pivots, evaluations: evaluations)
            }
            // Update the inverse: row r by d_r, the others by elimination.
            inverse.withUnsafeMutableBufferPointer { b in
                let dr = d[r]
                for j in 0..<m { b[r * m + j] /= dr }
                for i in 0..<m where i != r && d[i] != 0 {
                    let di = d[i]
                    for j in 0..<m { b[i * m + j] -= di * b[r * m + j] }
                }
            }
            let leaving = basis[r]
            basis[r] = entering
            columns[r] = a
            // Where the leaving vertex sits in the simplex decides the pivot.
            guard let i = simplex.vertices.firstIndex(of: leaving) else {
                return .failed("internal: the leaving vertex is not in the simplex", pivots: pivots, evaluations: evaluations)
            }
            switch simplex.replace(i) {
            case .arrived:
                // The facet left is the whole top: the path has arrived.
                let weights = (0..<m).map { inverse[$0 * m] }
                var zero = [Double](repeating: 0, count: n)
                let points = basis.map(point)
                for (k, x) in points.enumerated() {
                    for j in 0..<n { zero[j] += weights[k] * x[j] }
                }
                return .zero(Cycle(start: x0, zero: zero, mesh: delta, pivots: pivots, evaluations: evaluations,
                                   jacobian: affineJacobian(points, columns.map { Array($0.dropFirst()) })))
            case .returned:
                return .failed("the path returned to the bottom", pivots: pivots, evaluations: evaluations)
            case .entering(let v, let key):
                guard visited.insert(simplexDigest(key)).inserted else {
                    return .failed(MerrillHomotopy.cycled, pivots: pivots, evaluations: evaluations)
                }
                entering = v
            }
        }
        return .failed("pivot budget \(pivotBudget) reached", pivots: pivots, evaluations: evaluations)
    }

    /// Why a cycle in floating point gave up on a degenerate pivot (the exact fallback's cue).
    static let cycled = "the path cycled (a degenerate pivot in floating point)"
    /// The exact fallback runs up to this dimension (rational pivots cost
    /// `O(N²)` growing rationals each; beyond it, the exact planner routes
    /// decide agent economies faster), and for at most this many seconds.
    public static let exactFallbackDimension = 24
    public static let exactFallbackSeconds = 5.0

    /// A run of restarts: the mesh of each cycle and the budgets.
    public struct Restarts: Sendable {
        /// The first cycle's mesh, and the finest (the run ends after a cycle at it).
        public var firstMesh: Double
        public var finestMesh: Double
        /// Each cycle's mesh is this fraction of the last one's.
        public var refinement: Double
        public var maximumPivots: Int
        /// After the first cycle, a cycle may take at most this many pivots:
        /// far more than a crossing of the layer means the labels are too
        /// rough for that mesh (a jump seen through round-off), and the run
        /// ends with the last zero.
        public var cyclePivots: Int
        public var timeLimit: Double

        public init(firstMesh: Double, finestMesh: Double, refinement: Double = 0.25, maximumPivots: Int,
                    cyclePivots: Int, timeLimit: Double) {
            self.firstMesh = firstMesh
            self.finestMesh = finestMesh
            self.refinement = refinement
            self.maximumPivots = maximumPivots
            self.cyclePivots = cyclePivots
            self.timeLimit = timeLimit
        }
    }

    /// The result of `restarts`: every completed cycle, and why the run
    /// ended early (nil when it reached the finest mesh or `after` stopped it).
    public struct Run: Sendable {
        public var cycles: [Cycle] = []
        public var failure: String? = nil
        public var failedPivots = 0
        public var failedEvaluations = 0
        /// Cycles redone in exact arithmetic after a degenerate pivot in floating point.
        public var exactFallbacks = 0
        public var zero: [Double]? { cycles.last?.zero }
        public var pivots: Int { cycles.reduce(failedPivots) { $0 + $1.pivots } }
        public var evaluations: Int { cycles.reduce(failedEvaluations) { $0 + $1.evaluations } }
    }

    /// Merrill's restarts from `x0`: each cycle starts at the last zero,
    /// with the last top facet's Jacobian as its bottom matrix, and a mesh
    /// `refinement` times finer. `after` sees each completed cycle and ends
    /// the run by returning `true`.
    public func restarts(from x0: [Double], _ plan: Restarts, map g: ([Double]) -> [Double]?,
                         after: (Cycle) -> Bool = { _ in false }) -> Run {
        var run = Run()
        var x = x0, mesh = plan.firstMesh
        var jacobian: [[Double]]? = nil
        let clock = ContinuousClock.now
        while true {
            let budget = min(plan.maximumPivots - run.pivots, run.cycles.isEmpty ? Int.max : plan.cyclePivots)
            guard budget > 0 else {
                run.failure = "the pivot limit \(plan.maximumPivots) was reached at mesh \(mesh)"
                return run
            }
            guard (ContinuousClock.now - clock) < .seconds(plan.timeLimit) else {
                run.failure = "the time limit of \(plan.timeLimit) s was reached at mesh \(mesh)"
                return run
            }
            var outcome = cycle(from: x, mesh: mesh, bottom: jacobian, pivotBudget: budget, deadline: clock + .seconds(plan.timeLimit), map: g)
            if case .failed(_, let pivots, let evaluations) = outcome, jacobian != nil {
                // The last facet's Jacobian can mislead (a jump, a kink): retry this mesh from the identity.
                run.failedPivots += pivots
                run.failedEvaluations += evaluations
                outcome = cycle(from: x, mesh: mesh, bottom: nil, pivotBudget: budget, deadline: clock + .seconds(plan.timeLimit), map: g)
            }
            if case .failed(MerrillHomotopy.cycled, let pivots, let evaluations) = outcome, dimension <= MerrillHomotopy.exactFallbackDimension {
                // Degenerate in floating point: the same path, exactly (the lexicographic rule cannot cycle),
                // for at most `exactFallbackSeconds` of the run's time.
                run.failedPivots += pivots
                run.failedEvaluations += evaluations
                run.exactFallbacks += 1
                let end = min(clock + .seconds(plan.timeLimit), ContinuousClock.now + .seconds(MerrillHomotopy.exactFallbackSeconds))
                outcome = exactCycle(from: x, mesh: mesh, pivotBudget: budget, deadline: end, map: g)
            }
            switch outcome {
            case .zero(let c):
                run.cycles.append(c)
                x = c.zero
                jacobian = c.jacobian
                if after(c) { return run }
            case .failed(let why, let pivots, let evaluations):
                run.failedPivots += pivots
                run.failedEvaluations += evaluations
                run.failure = "a cycle at mesh \(mesh) failed: \(why)"
                return run
            }
            if mesh <= plan.finestMesh { return run }
            mesh = max(mesh * plan.refinement, plan.finestMesh)
        }
    }

    /// The leaving row: least `w_r / d_r` over `d_r > 0`, ties broken
    /// lexicographically by the rows of the inverse (which keeps the path
    /// unique through degenerate simplices).
    func lexicographicRatioTest(_ inverse: [Double], _ m: Int, _ d: [Double]) -> Int? {
        let scale = d.map(abs).max() ?? 0
        let rows = d.indices.filter { d[$0] > 1e-11 * scale }
        guard !rows.isEmpty else { return nil }
        var best = rows[0]
        for r in rows.dropFirst() {
            for j in 0..<m {
                let x = inverse[r * m + j] / d[r], y = inverse[best * m + j] / d[best]
                let tolerance = 1e-10 * max(abs(x), abs(y), j == 0 ? 0 : 1e-300)
                if x < y - tolerance { best = r; break }
                if x > y + tolerance { break }
            }
        }
        return best
    }

    /// `J` with `J (xᵢ − x₀) = gᵢ − g₀` for the `N + 1` points of a facet.
    func affineJacobian(_ points: [[Double]], _ values: [[Double]]) -> [[Double]]? {
        let n = dimension
        // Columns xᵢ − x₀ (i = 1…n); J = ΔG · ΔX⁻¹.
        let dx = (1...n).map { i in (0..<n).map { points[i][$0] - points[0][$0] } }
        guard let inverse = invert(dx) else { return nil }
        let dg = (1...n).map { i in (0..<n).map { values[i][$0] - values[0][$0] } }
        // ΔX has columns dx[i]; invert(dx) inverts that matrix, so J[r][c] = Σ_i dg[i][r] · inverse[i][c].
        return (0..<n).map { r in (0..<n).map { c in (0..<n).reduce(0.0) { $0 + dg[$1][r] * inverse[$1][c] } } }
    }

    /// The inverse of the matrix whose columns are `columns`, by Gaussian
    /// elimination with partial pivoting; nil when singular.
    func invert(_ columns: [[Double]]) -> [[Double]]? {
        let m = columns.count
        var a = (0..<m).map { i in (0..<m).map { j in columns[j][i] } + (0..<m).map { $0 == i ? 1.0 : 0 } }
        for col in 0..<m {
            guard let p = (col..<m).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[p][col]) > 1e-300 else { return nil }
            a.swapAt(col, p)
            let inv = 1 / a[col][col]
            for j in 0..<(2 * m) { a[col][j] *= inv }
            for r in 0..<m where r != col && a[r][col] != 0 {
                let f = a[r][col]
                for j in 0..<(2 * m) { a[r][j] -= f * a[col][j] }
            }
        }
        return a.map { Array($0[m...]) }
    }
}

/// A simplex of Freudenthal's triangulation of the layer `ℝᴺ × [0, 1]`
/// (coordinate `N` is λ): its `N + 2` vertices on the integer grid, and the
/// permutation of unit steps from the first to the last. Todd 1976, ch. 4.
struct FreudenthalSimplex {
    var permutation: [Int]
    var vertices: [[Int]]
    let n: Int

    /// The first simplex: base 0, the λ direction last, so `v_0 … v_N` are on the bottom.
    init(layerDimension n: Int) {
        self.n = n
        permutation = Array(0...n)
        vertices = [[Int](repeating: 0, count: n + 1)]
        for i in 0...n {
            var v = vertices[i]
            v[permutation[i]] += 1
            vertices.append(v)
        }
    }

    enum Step {
        /// The facet left is the whole top.
        case arrived
        /// The facet left is the whole bottom.
        case returned
        /// The vertex entering, and a key naming the new simplex (for cycle detection).
        case entering([Int], key: [Int])
    }

    /// Vertex `i` leaves: Freudenthal's pivoting rules give the vertex that enters.
    mutating func replace(_ i: Int) -> Step {
        let m = n + 1
        if i == 0 && permutation[0] == n { return .arrived }
        if i == m && permutation[m - 1] == n { return .returned }
        let key = vertices[0] + permutation + [i]
        if i == 0 {
            let first = permutation.removeFirst()
            permutation.append(first)
            vertices.removeFirst()
            var v = vertices[m - 1]
            v[first] += 1
            vertices.append(v)
            return .entering(v, key: key)
        } else if i == m {
            let last = permutation.removeLast()
            permutation.insert(last, at: 0)
            vertices.removeLast()
            var v = vertices[0]
            v[last] -= 1
            vertices.insert(v, at: 0)
            return .entering(v, key: key)
        } else {
            permutation.swapAt(i - 1, i)
            var v = vertices[i - 1]
            v[permutation[i - 1]] += 1
            vertices[i] = v
            return .entering(v, key: key)
        }
    }
}

/// A 64-bit digest of a simplex's key: each integer folded in with SplitMix64's finaliser, the same on every
/// machine (Swift's own `hashValue` is seeded per process).
func simplexDigest(_ key: [Int]) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(key.count + 1)
    for k in key {
        var z = h ^ UInt64(bitPattern: Int64(k))
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        h = (z ^ (z >> 31)) &+ 0x9E37_79B9_7F4A_7C15
    }
    return h
}
