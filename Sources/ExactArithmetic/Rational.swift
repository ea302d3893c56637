internal import CGMP

/// An exact rational number with value semantics.
///
/// Representation invariant, stated once and kept by every function (as in
/// FLINT's `fmpq`): the value is in canonical form, `numerator/denominator`
/// with `gcd(numerator, denominator) == 1` and `denominator > 0`; zero is
/// `0/1`. When `|numerator| <= Int.max` and `denominator <= Int.max` the
/// value is stored in two machine words (`.small`); otherwise it is stored
/// in a GMP `mpq_t` box (`.big`). Equal values have equal representations.
///
/// Word-sized arithmetic is overflow-checked and allocates nothing; on
/// overflow the operation is redone in GMP and the result is demoted back
/// to words when it fits. Economies are mostly small rationals, so a sweep
/// spends its time on the word path.
///
/// There is deliberately no `ExpressibleByFloatLiteral`: a binary float
/// literal is not the number its digits say. Use `Rational(parsing: "0.1")`.
public struct Rational: Sendable {
    @usableFromInline
    // @unchecked: a box is mutated only while uniquely referenced, so a
    // box reachable from two threads is never written.
    enum Storage: @unchecked Sendable {
        case small(Int, Int)
        case big(MPQBox)
    }

    @usableFromInline
    var storage: Storage

    @inlinable
    init(storage: Storage) { self.storage = storage }

    /// The integer `value`.
    @inlinable
    public init(_ value: Int) {
        if isWord(value) {
            storage = .small(value, 1)
        } else {
            self = Rational(BigInt(value))
        }
    }

    /// The integer `value`.
    public init(_ value: BigInt) {
        switch value.storage {
        case .small(let v): storage = .small(v, 1)
        case .big:
            let box = MPQBox.make()
            value.withMPZ { n in box.withPointer { cgmp_z_set(cgmp_q_num($0), n) } }
            storage = .big(box)
        }
    }

    /// `numerator / denominator`, reduced. Traps when `denominator` is zero
    /// (a broken contract: parsers check for zero and report it instead).
    public init(_ numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero, "Rational: zero denominator (numerator \(numerator))")
        if case .small(let n) = numerator.storage, case .small(let d) = denominator.storage {
            self = Rational.makeSmall(n, d)
            return
        }
        let box = MPQBox.make()
        numerator.withMPZ { n in denominator.withMPZ { d in
            box.withPointer { q in
                cgmp_q_set_num_den(q, n, d)
                cgmp_q_canonicalize(q)
            }
        } }
        self = Rational(normalizing: box)
    }

    /// `numerator / denominator`, reduced. Traps when `denominator` is zero.
    @inlinable
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational: zero denominator (numerator \(numerator))")
        self = Rational.makeSmall(numerator, denominator)
    }

    @inlinable
    static func makeSmall(_ n: Int, _ d: Int) -> Rational {
        if isWord(n) && isWord(d) {
            let g = wordGCD(n, d)
            let sign = d < 0 ? -1 : 1
            return Rational(storage: .small(sign * n / g, sign * d / g))
        }
        return Rational(BigInt(n), BigInt(d))
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)
}

// MARK: - GMP plumbing

extension Rational {
    /// A big result, demoted to words when it fits (restores the invariant).
    init(normalizing box: MPQBox) {
        let words: (Int, Int)? = box.withPointer { q in
            let n = cgmp_q_num(q), d = cgmp_q_den(q)
            guard cgmp_z_fits_long(n) != 0, cgmp_z_fits_long(d) != 0 else { return nil }
            let nv = cgmp_z_get_si(n), dv = cgmp_z_get_si(d)
            return isWord(nv) && isWord(dv) ? (nv, dv) : nil
        }
        if let (n, d) = words { storage = .small(n, d) } else { storage = .big(box) }
    }

    func withMPQ<R>(_ body: (UnsafePointer<__mpq_struct>) -> R) -> R {
        switch storage {
        case .small(let n, let d): return withReadOnlyMPQ(n, d, body)
        case .big(let box): return box.withPointer { body(UnsafePointer($0)) }
        }
    }

    typealias Binary = (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void

    static func gmp(_ x: Rational, _ y: Rational, _ op: Binary) -> Rational {
        let result = MPQBox.make()
        x.withMPQ { px in y.withMPQ { py in result.withPointer { op($0, px, py) } } }
        return Rational(normalizing: result)
    }

    /// Applies `op(self, self, rhs)` in place, reusing a uniquely held box:
    /// a running sum that has outgrown the word path allocates nothing more.
    mutating func gmpInPlace(_ rhs: Rational, _ op: Binary) {
        guard case .big(var box) = storage else {
            self = Rational.gmp(self, rhs, op)
            return
        }
        storage = .small(0, 1)
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        rhs.withMPQ { py in box.withPointer { op($0, UnsafePointer($0), py) } }
        self = Rational(normalizing: box)
    }

    @usableFromInline static func slowAdd(_ x: Rational, _ y: Rational) -> Rational { gmp(x, y) { cgmp_q_add($0, $1, $2) } }
    @usableFromInline static func slowSubtract(_ x: Rational, _ y: Rational) -> Rational { gmp(x, y) { cgmp_q_sub($0, $1, $2) } }
    @usableFromInline static func slowMultiply(_ x: Rational, _ y: Rational) -> Rational { gmp(x, y) { cgmp_q_mul($0, $1, $2) } }
    @usableFromInline static func slowDivide(_ x: Rational, _ y: Rational) -> Rational { gmp(x, y) { cgmp_q_div($0, $1, $2) } }
    @usableFromInline mutating func slowAddAssign(_ y: Rational) { gmpInPlace(y) { cgmp_q_add($0, $1, $2) } }
    @usableFromInline mutating func slowSubtractAssign(_ y: Rational) { gmpInPlace(y) { cgmp_q_sub($0, $1, $2) } }
    @usableFromInline mutating func slowMultiplyAssign(_ y: Rational) { gmpInPlace(y) { cgmp_q_mul($0, $1, $2) } }

    @usableFromInline static func slowNegate(_ x: Rational) -> Rational {
        x.withMPQ { px in
            let r = MPQBox.make()
            r.withPointer { cgmp_q_neg($0, px) }
            return Rational(normalizing: r)
        }
    }

    @usableFromInline static func slowCompare(_ x: Rational, _ y: Rational) -> Int {
        Int(x.withMPQ { px in y.withMPQ { py in cgmp_q_cmp(px, py) } })
    }

    @usableFromInline var slowSignum: Int { Int(withMPQ { cgmp_q_sgn($0) }) }
}

// MARK: - Parts

extension Rational {
    /// The numerator of the canonical form (carries the sign).
    public var numerator: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(n)
        case .big(let box):
            let z = MPZBox.make()
            box.withPointer { q in z.withPointer { cgmp_z_set($0, cgmp_q_num(q)) } }
            return BigInt(normalizing: z)
        }
    }

    /// The denominator of the canonical form (always positive).
    public var denominator: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(d)
        case .big(let box):
            let z = MPZBox.make()
            box.withPointer { q in z.withPointer { cgmp_z_set($0, cgmp_q_den(q)) } }
            return BigInt(normalizing: z)
        }
    }

    /// `true` when the denominator is 1.
    @inlinable
    public var isInteger: Bool {
        if case .small(_, let d) = storage { return d == 1 }
        return denominator == .one
    }

    /// `true` when numerator and denominator are stored in words (fast path).
    @inlinable
    public var isWordSized: Bool {
        if case .small = storage { return true }
        return false
    }

    /// FLINT's height, `max(|numerator|, denominator)`: the size measure
    /// that shrinking minimises.
    public var height: BigInt { Swift.max(numerator.magnitude, denominator) }
}

extension Rational {
    /// The value as a GMP `mpq_t`, for a wrapper of another GMP-based library
    /// (FLINT): the pointer is valid only inside `body`, and must not be written.
    package func withRawMPQ<R>(_ body: (UnsafeRawPointer) -> R) -> R { withMPQ { body(UnsafeRawPointer($0)) } }

    /// A copy of a GMP `mpq_t` in canonical form (an initialised `__mpq_struct`).
    package init(copyingRawMPQ pointer: UnsafeRawPointer) {
        let box = MPQBox.make()
        box.withPointer { cgmp_q_set($0, pointer.assumingMemoryBound(to: __mpq_struct.self)) }
        self.init(normalizing: box)
    }
}
