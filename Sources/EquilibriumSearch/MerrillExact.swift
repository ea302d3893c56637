import ExactArithmetic
import ExactLinearAlgebra

extension MerrillHomotopy {
    /// One cycle of the same path in exact arithmetic: the fallback when a
    /// pivot in floating point is degenerate and the path cycles.
    ///
    /// The labels are the map's values, each a `Double` and so an exact
    /// dyadic rational; the bottom labels are `x − x₀` exactly (the identity
    /// bottom matrix). The basis inverse and the lexicographic ratio test are
    /// exact, so ties are broken by the lexicographic rule, under which the
    /// path of completely labelled facets is unique and never revisits a
    /// simplex (Todd 1976, ch. 4; Eaves 1972): it cannot cycle. Slower by the
    /// cost of rational arithmetic, and untrusted like the rest of the
    /// search: its zero is a candidate for exactification and the checker.
    public func exactCycle(from x0: [Double], mesh delta: Double, pivotBudget: Int,
                           deadline: ContinuousClock.Instant? = nil, map g: ([Double]) -> [Double]?) -> CycleOutcome {
        let n = dimension, m = n + 1
        let offset = (0..<n).map { Double(n - $0) / Double(n + 1) }
        var evaluations = 0
        func point(_ k: [Int]) -> [Double] { (0..<n).map { x0[$0] + delta * (Double(k[$0]) - offset[$0]) } }
        func column(_ k: [Int]) -> [Rational]? {
            let x = point(k)
            if k[n] == 0 { return [.one] + (0..<n).map { exactRational(x[$0]) - exactRational(x0[$0]) } }
            evaluations += 1
            guard let v = g(x), v.count == n, v.allSatisfy(\.isFinite) else { return nil }
            return [.one] + v.map(exactRational)
        }
        var simplex = FreudenthalSimplex(layerDimension: n)
        var basis = Array(simplex.vertices[0..<m])
        var columns: [[Rational]] = []
        for v in basis {
            guard let c = column(v) else { return .failed("undefined label on the bottom", pivots: 0, evaluations: evaluations) }
            columns.append(c)
        }
        let matrix = Matrix(rows: (0..<m).map { i in (0..<m).map { columns[$0][i] } })
        guard let start = matrix.inverse else { return .failed("singular start", pivots: 0, evaluations: evaluations) }
        var inverse = (0..<m).map { i in (0..<m).map { start[i, $0] } }
        var entering = simplex.vertices[m]
        var pivots = 0
        var visited: Set<[Int]> = []
        while pivots < pivotBudget {
            pivots += 1
            if pivots % 16 == 0, let deadline, ContinuousClock.now > deadline {
                return .failed("the time limit was reached", pivots: pivots, evaluations: evaluations)
            }
            guard let a = column(entering) else { return .failed("G is undefined at a vertex", pivots: pivots, evaluations: evaluations) }
            let d = inverse.map { row in zip(row, a).reduce(Rational.zero) { $0 + $1.0 * $1.1 } }
            // The lexicographic ratio test, exactly: least (row of the inverse) / d_r over d_r > 0.
            var leavingRow: Int? = nil
            for r in 0..<m where d[r].signum() > 0 {
                guard let best = leavingRow else { leavingRow = r; continue }
                for j in 0..<m {
                    let x = inverse[r][j] / d[r], y = inverse[best][j] / d[best]
                    if x < y { leavingRow = r; break }
                    if x > y { break }
                }
            }
            guard let r = leavingRow else { return .failed("no leaving vertex (the path is a ray)", pivots: pivots, evaluations: evaluations) }
            let pivotRow = inverse[r].map { $0 / d[r] }
            for i in 0..<m where i != r && !d[i].isZero {
                inverse[i] = zip(inverse[i], pivotRow).map { $0 - d[i] * $1 }
            }
            inverse[r] = pivotRow
            let leaving = basis[r]
            basis[r] = entering
            columns[r] = a
            guard let i = simplex.vertices.firstIndex(of: leaving) else {
                return .failed("internal: the leaving vertex is not in the simplex", pivots: pivots, evaluations: evaluations)
            }
            switch simplex.replace(i) {
            case .arrived:
                let points = basis.map(point)
                let weights = (0..<m).map { inverse[$0][0] }
                var zero = [Rational](repeating: .zero, count: n)
                for (k, x) in points.enumerated() {
                    for j in 0..<n { zero[j] += weights[k] * exactRational(x[j]) }
                }
                return .zero(Cycle(start: x0, zero: zero.map(\.displayDouble), mesh: delta, pivots: pivots,
                                   evaluations: evaluations, jacobian: nil))
            case .returned:
                return .failed("the path returned to the bottom", pivots: pivots, evaluations: evaluations)
            case .entering(let v, let key):
                // Never expected with exact lexicographic pivots: say so rather than loop.
                guard visited.insert(key).inserted else {
                    return .failed("the exact path revisited a simplex", pivots: pivots, evaluations: evaluations)
                }
                entering = v
            }
        }
        return .failed("pivot budget \(pivotBudget) reached", pivots: pivots, evaluations: evaluations)
    }
}
