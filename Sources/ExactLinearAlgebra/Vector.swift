public import ExactArithmetic

/// A vector of exact rationals.
public struct Vector: Hashable, Sendable, RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    public var entries: [Rational]

    public init(_ entries: [Rational]) { self.entries = entries }
    public init(arrayLiteral elements: Rational...) { entries = elements }
    public init(repeating value: Rational, count: Int) { entries = Array(repeating: value, count: count) }
    public static func zero(_ count: Int) -> Vector { Vector(repeating: .zero, count: count) }

    /// The `i`-th standard basis vector of length `count`.
    public static func unit(_ i: Int, count: Int) -> Vector {
        var v = zero(count)
        v[i] = .one
        return v
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(i: Int) -> Rational {
        get { entries[i] }
        set { entries[i] = newValue }
    }

    /// The exact inner product `Σ self_i · other_i`. Traps on a length mismatch.
    public func dot(_ other: Vector) -> Rational {
        precondition(count == other.count, "Vector.dot: lengths \(count) and \(other.count)")
        var sum = Rational.zero
        for i in 0..<count { sum += entries[i] * other.entries[i] }
        return sum
    }

    public static func + (x: Vector, y: Vector) -> Vector {
        precondition(x.count == y.count, "Vector +: lengths \(x.count) and \(y.count)")
        return Vector(zip(x.entries, y.entries).map { $0 + $1 })
    }

    public static func - (x: Vector, y: Vector) -> Vector {
        precondition(x.count == y.count, "Vector -: lengths \(x.count) and \(y.count)")
        return Vector(zip(x.entries, y.entries).map { $0 - $1 })
    }

    public static func * (s: Rational, x: Vector) -> Vector { Vector(x.entries.map { s * $0 }) }
    public static prefix func - (x: Vector) -> Vector { Vector(x.entries.map { -$0 }) }

    public var isZero: Bool { entries.allSatisfy(\.isZero) }

    /// `Σ |x_i|`.
    public var l1Norm: Rational { entries.reduce(.zero) { $0 + $1.magnitude } }

    /// `max |x_i|` (0 for the empty vector).
    public var maxNorm: Rational { entries.map(\.magnitude).max() ?? .zero }

    public var description: String { "(" + entries.map(\.description).joined(separator: ", ") + ")" }
}
