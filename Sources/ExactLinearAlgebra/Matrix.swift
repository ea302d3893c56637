public import ExactArithmetic

/// A dense matrix of exact rationals, stored row-major.
public struct Matrix: Hashable, Sendable, CustomStringConvertible {
    public let rowCount: Int
    public let columnCount: Int
    @usableFromInline var storage: [Rational]

    /// A matrix from its rows. Traps when rows have different lengths.
    public init(rows: [[Rational]]) {
        rowCount = rows.count
        columnCount = rows.first?.count ?? 0
        for (i, r) in rows.enumerated() {
            precondition(r.count == columnCount, "Matrix(rows:): row \(i) has \(r.count) entries, expected \(columnCount)")
        }
        storage = rows.flatMap { $0 }
    }

    public init(rowCount: Int, columnCount: Int, repeating value: Rational = .zero) {
        precondition(rowCount >= 0 && columnCount >= 0, "Matrix: negative size \(rowCount)×\(columnCount)")
        self.rowCount = rowCount
        self.columnCount = columnCount
        storage = Array(repeating: value, count: rowCount * columnCount)
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rowCount: n, columnCount: n)
        for i in 0..<n { m[i, i] = .one }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Rational {
        get { storage[i * columnCount + j] }
        set { storage[i * columnCount + j] = newValue }
    }

    public func row(_ i: Int) -> Vector { Vector(Array(storage[i * columnCount ..< (i + 1) * columnCount])) }
    public func column(_ j: Int) -> Vector { Vector((0..<rowCount).map { self[$0, j] }) }
    public var rows: [Vector] { (0..<rowCount).map(row) }
    public var isSquare: Bool { rowCount == columnCount }

    public var transpose: Matrix {
        var t = Matrix(rowCount: columnCount, columnCount: rowCount)
        for i in 0..<rowCount { for j in 0..<columnCount { t[j, i] = self[i, j] } }
        return t
    }

    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columnCount == b.rowCount, "Matrix *: \(a.rowCount)×\(a.columnCount) times \(b.rowCount)×\(b.columnCount)")
        var c = Matrix(rowCount: a.rowCount, columnCount: b.columnCount)
        for i in 0..<a.rowCount {
            for j in 0..<b.columnCount {
                var s = Rational.zero
                for k in 0..<a.columnCount { s += a[i, k] * b[k, j] }
                c[i, j] = s
            }
        }
        return c
    }

    public static func * (a: Matrix, x: Vector) -> Vector {
        precondition(a.columnCount == x.count, "Matrix * Vector: \(a.columnCount) columns, vector of \(x.count)")
        return Vector((0..<a.rowCount).map { a.row($0).dot(x) })
    }

    public var description: String {
        rows.map(\.description).joined(separator: "\n")
    }
}

extension Matrix {
    /// Whether a symmetric matrix is positive definite: symmetric Gaussian
    /// elimination (`LDLᵀ`) without pivoting succeeds with every pivot
    /// positive (Sylvester's criterion, by leading minors). Exact. Traps on
    /// a non-square matrix; a non-symmetric one is `false`.
    public var isPositiveDefinite: Bool {
        precondition(isSquare, "Matrix.isPositiveDefinite: \(rowCount)×\(columnCount) is not square")
        let n = rowCount
        for i in 0..<n { for j in 0..<i where self[i, j] != self[j, i] { return false } }
        var a = (0..<n).map { i in (0..<n).map { j in self[i, j] } }
        for k in 0..<n {
            guard a[k][k].signum() > 0 else { return false }
            for i in (k + 1)..<n where !a[i][k].isZero {
                let factor = a[i][k] / a[k][k]
                for j in k..<n where !a[k][j].isZero { a[i][j] -= factor * a[k][j] }
            }
        }
        return true
    }
}
