// Sperner's lemma on the triangulated simplex, as a property that can be
// checked by enumeration on small grids (not Sperner's theorem on antichains).

/// `true` when the labels of `vertices` are exactly `0..<n`.
public func isCompletelyLabelled(_ labels: [Int], dimension n: Int) -> Bool {
    labels.count == n && Set(labels) == Set(0..<n)
}

/// A labelling is proper (Sperner's boundary condition) when every grid
/// point's label is a coordinate in its support.
public enum SpernerCount: Sendable, Hashable {
    /// The labelling is proper; `completelyLabelled` simplices among `simplices`.
    case proper(simplices: Int, completelyLabelled: Int)
    /// The labelling is not proper at this grid point; nothing is counted.
    case improper(vertex: [Int], label: Int)
}

/// Every simplex of the Freudenthal triangulation of `{k ≥ 0, Σk = m}`,
/// each as its `n` grid points. Exponential in `n`: for small grids only.
public func allSimplices(dimension n: Int, size m: Int) -> [[[Int]]] {
    let d = n - 1
    func gridPoint(_ y: [Int]) -> [Int] {
        var k = [Int](repeating: 0, count: n)
        if d == 0 { k[0] = m; return k }
        k[0] = m - y[0]
        for i in 1..<d { k[i] = y[i - 1] - y[i] }
        k[d] = y[d - 1]
        return k
    }
    func permutations(_ a: [Int]) -> [[Int]] {
        if a.count <= 1 { return [a] }
        return a.indices.flatMap { i -> [[Int]] in
            var rest = a
            let x = rest.remove(at: i)
            return permutations(rest).map { [x] + $0 }
        }
    }
    // Bases: every y in the region (m ≥ y_1 ≥ … ≥ y_d ≥ 0).
    var bases: [[Int]] = [[]]
    for _ in 0..<d {
        bases = bases.flatMap { prefix in (0...(prefix.last ?? m)).map { prefix + [$0] } }
    }
    var result: [[[Int]]] = []
    let perms = permutations(Array(0..<d))
    for b in bases {
        for pi in perms {
            var y = b
            var vertices = [gridPoint(y)]
            for t in pi {
                y[t] += 1
                vertices.append(gridPoint(y))
            }
            if vertices.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) { result.append(vertices) }
        }
    }
    return result
}

/// Counts completely labelled simplices, after checking that the labelling
/// is proper at every grid point. Sperner's lemma: the count is odd.
public func spernerCount(dimension n: Int, size m: Int, label: ([Int]) -> Int) -> SpernerCount {
    let simplices = allSimplices(dimension: n, size: m)
    var labelOf: [[Int]: Int] = [:]
    for s in simplices {
        for v in s where labelOf[v] == nil {
            let l = label(v)
            guard l >= 0, l < n, v[l] > 0 else { return .improper(vertex: v, label: l) }
            labelOf[v] = l
        }
    }
    let complete = simplices.filter { isCompletelyLabelled($0.map { labelOf[$0]! }, dimension: n) }.count
    return .proper(simplices: simplices.count, completelyLabelled: complete)
}
