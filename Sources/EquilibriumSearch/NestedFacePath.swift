// Door-in/door-out on nested faces of a triangulated simplex.
//
// The grid is { k ∈ Zⁿ : k ≥ 0, Σk = m }. It is triangulated by Freudenthal's
// (Kuhn's) triangulation through the tail-sum map y_i = Σ_{l>i} k_l, under
// which the simplex becomes { m ≥ y_1 ≥ … ≥ y_{n−1} ≥ 0 }, a union of Kuhn
// simplices (b, π) with vertices b, b + e_{π1}, b + e_{π1} + e_{π2}, …
// (Freudenthal 1942; Kuhn 1968; pivot rules as in Todd, "The Computation of
// Fixed Points and Applications", 1976, ch. 4).
//
// The path is the variable-dimension path of Kuhn (1968), in the form of
// van der Laan & Talman (1979): along the nested faces S_1 ⊂ S_2 ⊂ … ⊂ S_n,
// where S_j keeps coordinates 1…j, it follows the simplices of S_j whose
// labels cover {1…j−1}. It starts at the vertex m·e_1 and goes up a
// dimension whenever a simplex of S_j is completely labelled in S_j, down
// when a door lies in S_{j−1}. For a proper labelling (label(k) = i only if
// k_i > 0), every node but the start and the completely labelled simplices
// of S_n has exactly two neighbours, so the path cannot cycle and must end
// at a completely labelled simplex of the whole grid (Sperner's lemma, made
// constructive). No artificial layer and no start-up search is needed.

/// Why a path stopped without a completely labelled simplex.
public enum PathFailure: Error, Sendable, Hashable {
    /// The labelling gave a label that is not proper (`k[label] == 0`), or
    /// the path met a boundary that only an improper labelling allows.
    case improperLabel(vertex: [Int], label: Int)
    case pivotLimit(pivots: Int)
    /// `stop` said so (the time limit or the audit's budget), after this many pivots.
    case stopped(pivots: Int)
}

/// A completely labelled simplex: `n` grid points (each `Σk = m`) whose
/// labels are exactly `0..<n`, in vertex order.
public struct LabelledSimplex: Sendable, Hashable {
    public let vertices: [[Int]]
    public let labels: [Int]
    public let pivots: Int
    /// Every simplex the path passed through, in order (only when asked for:
    /// pictures of small searches).
    public let path: [[[Int]]]
}

struct NestedFacePath {
    let n: Int
    let m: Int
    let label: ([Int]) -> Int

    /// Kuhn simplex in tail-sum coordinates of the current face S_j (d = j − 1 coordinates).
    var b: [Int] = []
    var pi: [Int] = []
    var labels: [Int] = []
    var pivots = 0
    var recordPath = false
    var path: [[[Int]]] = []

    mutating func record() {
        if recordPath { path.append((0..<j).map(vertex)) }
    }

    var j: Int { labels.count }

    /// Grid point of vertex `i` of the current simplex, in the n coordinates.
    func vertex(_ i: Int) -> [Int] {
        var y = b
        for t in 0..<i { y[pi[t]] += 1 }
        return gridPoint(y)
    }

    /// Inverse tail-sum map; entries may be negative when `y` is outside the region.
    func gridPoint(_ y: [Int]) -> [Int] {
        var k = [Int](repeating: 0, count: n)
        let d = y.count
        if d == 0 { k[0] = m; return k }
        k[0] = m - y[0]
        for i in 1..<d { k[i] = y[i - 1] - y[i] }
        k[d] = y[d - 1]
        return k
    }

    func labelOf(_ k: [Int]) throws(PathFailure) -> Int {
        guard k.allSatisfy({ $0 >= 0 }) else { throw .improperLabel(vertex: k, label: -1) }
        let l = label(k)
        guard l >= 0, l < n, k[l] > 0 else { throw .improperLabel(vertex: k, label: l) }
        return l
    }

    enum Step { case goUp, exit(Int) }

    mutating func run(maximumPivots: Int, stop: () -> Bool = { false }) throws(PathFailure) -> LabelledSimplex {
        labels = [try labelOf(vertex(0))]
        record()
        var step = Step.goUp
        while true {
            switch step {
            case .goUp:
                if j == n {
                    return LabelledSimplex(vertices: (0..<n).map(vertex), labels: labels, pivots: pivots, path: path)
                }
                // The unique simplex of S_{j+1} on this one: add the new axis last.
                b.append(0)
                pi.append(j - 1)
                let w = try labelOf(vertex(j))
                labels.append(w)
                record()
                step = w == j - 1 ? .goUp : .exit(labels.firstIndex(of: w)!)

            case .exit(let out):
                let d = j - 1
                if out == d && d > 0 && b[d - 1] == 0 && pi[d - 1] == d - 1 {
                    // The door lies in S_{j−1}: go down, then leave through the
                    // door of that face that drops its top label.
                    b.removeLast()
                    pi.removeLast()
                    labels.removeLast()
                    guard j >= 2 else { throw .improperLabel(vertex: vertex(0), label: labels[0]) }
                    record()
                    step = .exit(labels.firstIndex(of: j - 1)!)
                    continue
                }
                guard pivots < maximumPivots else { throw .pivotLimit(pivots: pivots) }
                // One path can take millions of pivots: the clock is read every 4096.
                if pivots & 4095 == 4095, stop() { throw .stopped(pivots: pivots) }
                pivots += 1
                let fresh: Int
                if out == 0 {
                    b[pi[0]] += 1
                    pi.append(pi.removeFirst())
                    labels.removeFirst()
                    labels.append(-1)
                    fresh = d
                } else if out == d {
                    let last = pi.removeLast()
                    b[last] -= 1
                    pi.insert(last, at: 0)
                    labels.removeLast()
                    labels.insert(-1, at: 0)
                    fresh = 0
                } else {
                    pi.swapAt(out - 1, out)
                    fresh = out
                }
                let w = try labelOf(vertex(fresh))
                labels[fresh] = w
                record()
                if w == j - 1 {
                    step = .goUp
                } else {
                    step = .exit(labels.indices.first { $0 != fresh && labels[$0] == w }!)
                }
            }
        }
    }
}

/// Finds a completely labelled simplex of the grid `{k ≥ 0, Σk = m}` (n
/// coordinates) for a proper labelling, by the nested-face path.
public func completelyLabelledSimplex(dimension n: Int, size m: Int, maximumPivots: Int = 10_000_000,
                                      recordPath: Bool = false, stop: () -> Bool = { false },
                                      label: ([Int]) -> Int) throws(PathFailure) -> LabelledSimplex {
    precondition(n >= 1 && m >= 1, "completelyLabelledSimplex: n = \(n), m = \(m)")
    return try withoutActuallyEscaping(label) { (escapable) throws(PathFailure) -> LabelledSimplex in
        var path = NestedFacePath(n: n, m: m, label: escapable)
        path.recordPath = recordPath
        return try path.run(maximumPivots: maximumPivots, stop: stop)
    }
}
