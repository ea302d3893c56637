internal import CGMP

/// An arbitrary-precision integer with value semantics.
///
/// Representation invariant, kept by every function: a value `x` with
/// `|x| <= Int.max` is stored in a machine word (`.small`); every other value
/// is stored in a GMP box (`.big`). Equal values therefore have equal
/// representations, which `==` and `hash(into:)` rely on. `Int.min` is big,
/// so negation and `magnitude` never overflow on the word path.
///
/// Word-sized operations are overflow-checked and allocate nothing; on
/// overflow they are redone in GMP. A box is shared between copies and
/// copied before it is mutated (copy-on-write).
public struct BigInt: Sendable {
    @usableFromInline
    // @unchecked: a box is mutated only while uniquely referenced, so a
    // box reachable from two threads is never written.
    enum Storage: @unchecked Sendable {
        case small(Int)
        case big(MPZBox)
    }

    @usableFromInline
    var storage: Storage

    @inlinable
    init(storage: Storage) { self.storage = storage }

    /// The integer `value`.
    @inlinable
    public init(_ value: Int) {
        storage = isWord(value) ? .small(value) : .big(MPZBox.makeWord(value))
    }

    public static let zero = BigInt(0)
    public static let one = BigInt(1)
}

extension MPZBox {
    @usableFromInline
    static func makeWord(_ value: Int) -> MPZBox { make(value) }
}

// MARK: - GMP plumbing

extension BigInt {
    /// A big result, demoted to a word when it fits (restores the invariant).
    init(normalizing box: MPZBox) {
        let word: Int? = box.withPointer { z in
            guard cgmp_z_fits_long(z) != 0 else { return nil }
            let v = cgmp_z_get_si(z)
            return isWord(v) ? v : nil
        }
        storage = word.map { .small($0) } ?? .big(box)
    }

    func withMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) -> R) -> R {
        switch storage {
        case .small(let v): return withReadOnlyMPZ(v, body)
        case .big(let box): return box.withPointer { body(UnsafePointer($0)) }
        }
    }

    /// A fresh box holding this value (for results that GMP writes into).
    func makeBox() -> MPZBox {
        switch storage {
        case .small(let v): return MPZBox.make(v)
        case .big(let box): return box.copy()
        }
    }

    typealias Binary = (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void

    static func gmp(_ x: BigInt, _ y: BigInt, _ op: Binary) -> BigInt {
        let result = MPZBox.make()
        x.withMPZ { px in y.withMPZ { py in result.withPointer { op($0, px, py) } } }
        return BigInt(normalizing: result)
    }

    /// Applies `op(self, self, rhs)` in place, reusing a uniquely held box.
    mutating func gmpInPlace(_ rhs: BigInt, _ op: Binary) {
        guard case .big(var box) = storage else {
            self = BigInt.gmp(self, rhs, op)
            return
        }
        storage = .small(0)
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        rhs.withMPZ { py in box.withPointer { op($0, UnsafePointer($0), py) } }
        self = BigInt(normalizing: box)
    }

    /// `self += x·y`, in place (GMP's `mpz_addmul`) once `self` is a uniquely
    /// held big integer: a dot product of big integers without a temporary per term.
    public mutating func addProduct(_ x: BigInt, _ y: BigInt) {
        guard case .big(var box) = storage else {
            self += x * y
            return
        }
        storage = .small(0)
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        x.withMPZ { px in y.withMPZ { py in box.withPointer { cgmp_z_addmul($0, px, py) } } }
        self = BigInt(normalizing: box)
    }

    @usableFromInline static func slowAdd(_ x: BigInt, _ y: BigInt) -> BigInt { gmp(x, y) { cgmp_z_add($0, $1, $2) } }
    @usableFromInline static func slowSubtract(_ x: BigInt, _ y: BigInt) -> BigInt { gmp(x, y) { cgmp_z_sub($0, $1, $2) } }
    @usableFromInline static func slowMultiply(_ x: BigInt, _ y: BigInt) -> BigInt { gmp(x, y) { cgmp_z_mul($0, $1, $2) } }
    @usableFromInline mutating func slowAddAssign(_ y: BigInt) { gmpInPlace(y) { cgmp_z_add($0, $1, $2) } }
    @usableFromInline mutating func slowSubtractAssign(_ y: BigInt) { gmpInPlace(y) { cgmp_z_sub($0, $1, $2) } }
    @usableFromInline mutating func slowMultiplyAssign(_ y: BigInt) { gmpInPlace(y) { cgmp_z_mul($0, $1, $2) } }

    @usableFromInline static func slowNegate(_ x: BigInt) -> BigInt {
        let result = x.makeBox()
        result.withPointer { cgmp_z_neg($0, $0) }
        return BigInt(normalizing: result)
    }

    @usableFromInline static func slowCompare(_ x: BigInt, _ y: BigInt) -> Int {
        Int(x.withMPZ { px in y.withMPZ { py in cgmp_z_cmp(px, py) } })
    }

    @usableFromInline var slowSignum: Int {
        Int(withMPZ { cgmp_z_sgn($0) })
    }
}

// MARK: - Arithmetic

extension BigInt: AdditiveArithmetic, Numeric, SignedNumeric {
    public typealias Magnitude = BigInt

    public init?<T: BinaryInteger>(exactly source: T) {
        if let v = Int(exactly: source) {
            self.init(v)
        } else {
            // Wider than a word: go through the decimal digits, exactly.
            self = BigInt.parseDigits(String(source))!
        }
    }

    public var magnitude: BigInt { signum() < 0 ? -self : self }

    @inlinable
    public static func + (x: BigInt, y: BigInt) -> BigInt {
        if case .small(let a) = x.storage, case .small(let b) = y.storage {
            let (s, o) = a.addingReportingOverflow(b)
            if !o && isWord(s) { return BigInt(storage: .small(s)) }
        }
        return slowAdd(x, y)
    }

    @inlinable
    public static func - (x: BigInt, y: BigInt) -> BigInt {
        if case .small(let a) = x.storage, case .small(let b) = y.storage {
            let (s, o) = a.subtractingReportingOverflow(b)
            if !o && isWord(s) { return BigInt(storage: .small(s)) }
        }
        return slowSubtract(x, y)
    }

    @inlinable
    public static func * (x: BigInt, y: BigInt) -> BigInt {
        if case .small(let a) = x.storage, case .small(let b) = y.storage {
            let (p, o) = a.multipliedReportingOverflow(by: b)
            if !o && isWord(p) { return BigInt(storage: .small(p)) }
        }
        return slowMultiply(x, y)
    }

    @inlinable
    public static func += (x: inout BigInt, y: BigInt) {
        if case .small(let a) = x.storage, case .small(let b) = y.storage {
            let (s, o) = a.addingReportingOverflow(b)
            if !o && isWord(s) { x.storage = .small(s); return }
        }
        x.slowAddAssign(y)
    }

    @inlinable
    public static func -= (x: inout BigInt, y: BigInt) {
        if case .small(let a) = x.storage, case .small(let b) = y.storage {
            let (s, o) = a.subtractingReportingOverflow(b)
            if !o && isWord(s) { x.storage = .small(s); return }
        }
        x.slowSubtractAssign(y)
    }

    @inlinable
    public static func *= (x: inout BigInt, y: BigInt) {
        if case .small(let a) = x.storage, case .small(let b) = y.storage {
            let (p, o) = a.multipliedReportingOverflow(by: b)
            if !o && isWord(p) { x.storage = .small(p); return }
        }
        x.slowMultiplyAssign(y)
    }

    @inlinable
    public static prefix func - (x: BigInt) -> BigInt {
        if case .small(let a) = x.storage { return BigInt(storage: .small(-a)) }
        return slowNegate(x)
    }

    @inlinable
    public mutating func negate() { self = -self }

    /// `-1`, `0` or `1`.
    @inlinable
    public func signum() -> Int {
        if case .small(let a) = storage { return a.signum() }
        return slowSignum
    }

    @inlinable
    public var isZero: Bool {
        if case .small(let a) = storage { return a == 0 }
        return false
    }

    /// The value as an `Int`, or nil when it does not fit.
    @inlinable
    public var asInt: Int? {
        if case .small(let a) = storage { return a }
        return nil
    }

    /// `true` when the value is stored in a machine word (fast path).
    @inlinable
    public var isWordSized: Bool {
        if case .small = storage { return true }
        return false
    }
}

// MARK: - Division

extension BigInt {
    private static func checkDivisor(_ d: BigInt, _ operation: String) {
        precondition(!d.isZero, "BigInt.\(operation): division by zero")
    }

    /// Truncating division: `self == q * d + r`, `|r| < |d|`, `r` has the sign of `self`.
    /// Traps when `d` is zero.
    public func quotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        BigInt.checkDivisor(d, "quotientAndRemainder")
        if case .small(let a) = storage, case .small(let b) = d.storage {
            return (BigInt(a / b), BigInt(a % b))
        }
        let q = MPZBox.make(), r = MPZBox.make()
        withMPZ { pa in d.withMPZ { pd in
            q.withPointer { pq in r.withPointer { pr in cgmp_z_tdiv_qr(pq, pr, pa, pd) } }
        } }
        return (BigInt(normalizing: q), BigInt(normalizing: r))
    }

    /// `⌊self / d⌋`. Traps when `d` is zero.
    public func floorDivided(by d: BigInt) -> BigInt {
        BigInt.checkDivisor(d, "floorDivided")
        return BigInt.gmp(self, d) { cgmp_z_fdiv_q($0, $1, $2) }
    }

    /// `⌈self / d⌉`. Traps when `d` is zero.
    public func ceilDivided(by d: BigInt) -> BigInt {
        BigInt.checkDivisor(d, "ceilDivided")
        return BigInt.gmp(self, d) { cgmp_z_cdiv_q($0, $1, $2) }
    }

    /// `self / d` when `d` is known to divide `self` (GMP's fast `divexact`).
    ///
    /// A broken precondition traps in debug builds; in release builds the
    /// divisibility check costs a division and is compiled in only under
    /// `WALRAS_INTERNAL_CHECKS`.
    public func dividedExactly(by d: BigInt) -> BigInt {
        BigInt.checkDivisor(d, "dividedExactly")
        #if WALRAS_INTERNAL_CHECKS || DEBUG
        precondition(quotientAndRemainder(dividingBy: d).remainder.isZero,
                     "BigInt.dividedExactly: \(d) does not divide \(self)")
        #endif
        if case .small(let a) = storage, case .small(let b) = d.storage {
            let (q, o) = a.dividedReportingOverflow(by: b)
            if !o && isWord(q) { return BigInt(q) }
        }
        return BigInt.gmp(self, d) { cgmp_z_divexact($0, $1, $2) }
    }

    /// One step of fraction-free (Bareiss) elimination over a row, in place:
    /// for each `j` in `columns`,
    /// `row[j] = (row[j] * pivot − left * pivotRow[j]) / previousPivot`.
    ///
    /// Bareiss (1968) shows the division is exact when the operands are the
    /// minors of one elimination; that is the precondition. The GMP views of
    /// the three scalars are taken once for the whole row, and each entry's
    /// box is reused when uniquely held, which is where a dense elimination
    /// spends its time.
    public static func formBareissRow(_ row: inout [BigInt], pivotRow: [BigInt], pivot: BigInt, left: BigInt,
                                      previousPivot: BigInt, columns: Range<Int>) {
        checkDivisor(previousPivot, "formBareissRow")
        if left.isZero {
            // (row·pivot − 0) / previous: still a scaling, not a no-op.
            if pivot == previousPivot { return }
        }
        pivot.withMPZ { pp in left.withMPZ { pl in previousPivot.withMPZ { pd in
            for j in columns {
                if case .small(let s) = row[j].storage, case .small(let p) = pivot.storage,
                   case .small(let l) = left.storage, case .small(let a) = pivotRow[j].storage,
                   case .small(let d) = previousPivot.storage {
                    let (sp, o1) = s.multipliedReportingOverflow(by: p)
                    let (la, o2) = l.multipliedReportingOverflow(by: a)
                    if !o1 && !o2 {
                        let (n, o3) = sp.subtractingReportingOverflow(la)
                        if !o3 {
                            let (q, o4) = n.dividedReportingOverflow(by: d)
                            if !o4 && isWord(q) { row[j].storage = .small(q); continue }
                        }
                    }
                }
                var box: MPZBox
                if case .big(let b) = row[j].storage {
                    box = b
                    row[j].storage = .small(0)
                    if !isKnownUniquelyReferenced(&box) { box = box.copy() }
                } else {
                    box = row[j].makeBox()
                }
                pivotRow[j].withMPZ { pa in
                    box.withPointer { r in
                        cgmp_z_mul(r, r, pp)
                        cgmp_z_submul(r, pl, pa)
                        cgmp_z_divexact(r, r, pd)
                    }
                }
                row[j] = BigInt(normalizing: box)
            }
        } } }
    }

    /// The non-negative greatest common divisor; `gcd(0, 0) == 0`.
    public static func gcd(_ x: BigInt, _ y: BigInt) -> BigInt {
        if case .small(let a) = x.storage, case .small(let b) = y.storage {
            return BigInt(wordGCD(a, b))
        }
        return gmp(x, y) { cgmp_z_gcd($0, $1, $2) }
    }

    /// The non-negative least common multiple; `lcm(x, 0) == 0`.
    public static func lcm(_ x: BigInt, _ y: BigInt) -> BigInt {
        gmp(x, y) { cgmp_z_lcm($0, $1, $2) }
    }

    /// `self` raised to a non-negative power. Traps on a negative exponent.
    public func power(_ exponent: Int) -> BigInt {
        precondition(exponent >= 0, "BigInt.power: negative exponent \(exponent)")
        let result = MPZBox.make()
        withMPZ { base in result.withPointer { cgmp_z_pow_ui($0, base, UInt(exponent)) } }
        return BigInt(normalizing: result)
    }

    /// `⌊√self⌋`. Traps on a negative value.
    public var squareRootFloor: BigInt {
        precondition(signum() >= 0, "BigInt.squareRootFloor: negative value \(self)")
        let result = MPZBox.make()
        withMPZ { a in result.withPointer { cgmp_z_sqrt($0, a) } }
        return BigInt(normalizing: result)
    }

    /// The number of bits of `|self|` (0 for zero): a size measure for shrinking and limits.
    public var bitWidth: Int {
        if case .small(let a) = storage { return Int.bitWidth - a.magnitude.leadingZeroBitCount }
        return withMPZ { Int(cgmp_z_sizeinbase($0, 2)) }
    }
}

// MARK: - Comparison, hashing, text

extension BigInt: Comparable, Hashable {
    @inlinable
    public static func == (x: BigInt, y: BigInt) -> Bool {
        switch (x.storage, y.storage) {
        case let (.small(a), .small(b)): return a == b
        case (.small, .big), (.big, .small): return false  // invariant: big never fits a word
        case (.big, .big): return slowCompare(x, y) == 0
        }
    }

    @inlinable
    public static func < (x: BigInt, y: BigInt) -> Bool {
        if case .small(let a) = x.storage, case .small(let b) = y.storage { return a < b }
        return slowCompare(x, y) < 0
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .small(let a):
            hasher.combine(a)
        case .big:
            withMPZ { z in
                hasher.combine(cgmp_z_sgn(z))
                for i in 0..<cgmp_z_size(z) { hasher.combine(cgmp_z_getlimbn(z, mp_size_t(i))) }
            }
        }
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt: CustomStringConvertible, LosslessStringConvertible {
    public var description: String {
        switch storage {
        case .small(let a): return String(a)
        case .big: return withMPZ { decimalString($0) }
        }
    }

    /// Parses an optionally signed string of decimal digits; nil otherwise.
    public init?(_ text: String) {
        guard let value = BigInt.parseDigits(text) else { return nil }
        self = value
    }

    /// Decimal digits with an optional leading sign, exactly; nil when malformed.
    static func parseDigits<S: StringProtocol>(_ text: S) -> BigInt? {
        let utf8 = Array(text.utf8)
        var start = 0
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            start = 1
        }
        guard start < utf8.count,
              utf8[start...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        // Up to 18 digits always fit a word.
        if utf8.count - start <= 18 {
            var v = 0
            for c in utf8[start...] { v = v * 10 + Int(c - UInt8(ascii: "0")) }
            return BigInt(negative ? -v : v)
        }
        let box = MPZBox.make()
        var digits = Array(utf8[start...])
        digits.append(0)
        let status = digits.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                box.withPointer { cgmp_z_set_str($0, chars.baseAddress, 10) }
            }
        }
        guard status == 0 else { return nil }
        if negative { box.withPointer { cgmp_z_neg($0, $0) } }
        return BigInt(normalizing: box)
    }
}
