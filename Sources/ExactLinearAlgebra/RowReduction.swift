import ExactArithmetic

extension Matrix {
    /// The reduced row echelon form and its pivot columns (Gauss–Jordan over
    /// the rationals). Used where the form itself is wanted: nullspaces.
    public func reducedRowEchelonForm() -> (matrix: Matrix, pivotColumns: [Int]) {
        var a = self
        var pivots: [Int] = []
        var r = 0
        for c in 0..<columnCount where r < rowCount {
            guard let p = (r..<rowCount).first(where: { !a[$0, c].isZero }) else { continue }
            if p != r { for j in 0..<columnCount { let t = a[p, j]; a[p, j] = a[r, j]; a[r, j] = t } }
            let inv = a[r, c].reciprocal
            for j in c..<columnCount { a[r, j] *= inv }
            for i in 0..<rowCount where i != r && !a[i, c].isZero {
                let f = a[i, c]
                for j in c..<columnCount { a[i, j] -= f * a[r, j] }
            }
            pivots.append(c)
            r += 1
        }
        return (a, pivots)
    }

    /// A basis of `{ x : self · x = 0 }`, one vector per free column, with a
    /// 1 in that column (so the basis is in a canonical, reproducible form).
    public func nullspace() -> [Vector] {
        let (rref, pivots) = reducedRowEchelonForm()
        let free = (0..<columnCount).filter { !pivots.contains($0) }
        return free.map { f in
            var v = Vector.zero(columnCount)
            v[f] = .one
            for (row, p) in pivots.enumerated() { v[p] = -rref[row, f] }
            return v
        }
    }
}
