// Field operations. Each has a word path (overflow-checked, no allocation)
// that returns nil when a word overflows, and a GMP path that always works.
// The word paths follow Knuth, TAOCP vol. 2, §4.5.1: reducing by the gcd of
// the denominators first keeps intermediate products small.

extension Rational {
    /// `a/b + c/d` on words, or nil on overflow. Inputs are canonical.
    @inlinable @inline(__always)
    static func wordSum(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if b == d {
            let (s, o) = a.addingReportingOverflow(c)
            guard !o, isWord(s) else { return nil }
            if b == 1 { return Rational(storage: .small(s, 1)) }
            let g = wordGCD(s, b)
            return Rational(storage: .small(s / g, b / g))
        }
        let g = wordGCD(b, d)
        if g == 1 {
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (bd, o3) = b.multipliedReportingOverflow(by: d)
            let (s, o4) = ad.addingReportingOverflow(cb)
            guard !(o1 || o2 || o3 || o4), isWord(s) else { return nil }
            return Rational(storage: .small(s, bd))  // coprime by Knuth's argument
        }
        let b1 = b / g, d1 = d / g
        let (ad, o1) = a.multipliedReportingOverflow(by: d1)
        let (cb, o2) = c.multipliedReportingOverflow(by: b1)
        let (t, o3) = ad.addingReportingOverflow(cb)
        guard !(o1 || o2 || o3), isWord(t) else { return nil }
        if t == 0 { return Rational(storage: .small(0, 1)) }
        let g2 = wordGCD(t, g)
        let (den, o4) = b1.multipliedReportingOverflow(by: d / g2)
        guard !o4 else { return nil }
        return Rational(storage: .small(t / g2, den))
    }

    /// `a/b * c/d` on words, or nil on overflow. Inputs are canonical.
    @inlinable @inline(__always)
    static func wordProduct(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if a == 0 || c == 0 { return Rational(storage: .small(0, 1)) }
        let g1 = wordGCD(a, d), g2 = wordGCD(c, b)
        let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (m, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        guard !(o1 || o2), isWord(n) else { return nil }
        return Rational(storage: .small(n, m))
    }

    @inlinable
    public static func + (x: Rational, y: Rational) -> Rational {
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage,
           let r = wordSum(a, b, c, d) { return r }
        return slowAdd(x, y)
    }

    @inlinable
    public static func - (x: Rational, y: Rational) -> Rational {
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage,
           let r = wordSum(a, b, -c, d) { return r }
        return slowSubtract(x, y)
    }

    @inlinable
    public static func * (x: Rational, y: Rational) -> Rational {
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage,
           let r = wordProduct(a, b, c, d) { return r }
        return slowMultiply(x, y)
    }

    /// Traps when `y` is zero (GMP would abort; we trap with a message instead).
    @inlinable
    public static func / (x: Rational, y: Rational) -> Rational {
        precondition(!y.isZero, "Rational: division of \(x) by zero")
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage {
            // a/b ÷ c/d = a/b · d/c, with the sign moved to the numerator.
            let r = c < 0 ? wordProduct(a, b, -d, -c) : wordProduct(a, b, d, c)
            if let r { return r }
        }
        return slowDivide(x, y)
    }

    @inlinable
    public static func += (x: inout Rational, y: Rational) {
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage,
           let r = wordSum(a, b, c, d) { x = r; return }
        x.slowAddAssign(y)
    }

    @inlinable
    public static func -= (x: inout Rational, y: Rational) {
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage,
           let r = wordSum(a, b, -c, d) { x = r; return }
        x.slowSubtractAssign(y)
    }

    @inlinable
    public static func *= (x: inout Rational, y: Rational) {
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage,
           let r = wordProduct(a, b, c, d) { x = r; return }
        x.slowMultiplyAssign(y)
    }

    @inlinable
    public static func /= (x: inout Rational, y: Rational) { x = x / y }

    @inlinable
    public static prefix func - (x: Rational) -> Rational {
        if case .small(let a, let b) = x.storage { return Rational(storage: .small(-a, b)) }
        return slowNegate(x)
    }

    @inlinable
    public mutating func negate() { self = -self }

    /// `1 / self`. Traps when `self` is zero.
    @inlinable
    public var reciprocal: Rational { Rational.one / self }

    /// `-1`, `0` or `1`.
    @inlinable
    public func signum() -> Int {
        if case .small(let a, _) = storage { return a.signum() }
        return slowSignum
    }

    @inlinable
    public var isZero: Bool {
        if case .small(let a, _) = storage { return a == 0 }
        return false
    }

    public var magnitude: Rational { signum() < 0 ? -self : self }

    /// `self` to an integer power; negative powers take the reciprocal.
    /// Traps for `0` to a negative power.
    public func power(_ exponent: Int) -> Rational {
        if exponent < 0 { return reciprocal.power(-exponent) }
        let n = numerator.power(exponent), d = denominator.power(exponent)
        return Rational(n, d)
    }

    /// The largest integer `<= self`.
    public var floor: BigInt { numerator.floorDivided(by: denominator) }

    /// The smallest integer `>= self`.
    public var ceiling: BigInt { numerator.ceilDivided(by: denominator) }
}

extension Rational {
    /// Dyadic bounds `lo ≤ √self ≤ hi` with `hi − lo ≤ 2^(1−bits)`, for
    /// comparing sums of Euclidean norms with arithmetic only. Traps on a
    /// negative value or `bits` outside `0...4096`.
    public func squareRootBounds(bits: Int) -> (lower: Rational, upper: Rational) {
        precondition(signum() >= 0, "Rational.squareRootBounds: negative value \(self)")
        precondition((0...4096).contains(bits), "Rational.squareRootBounds: bits \(bits) out of 0...4096")
        let scale = BigInt(1) * BigInt(2).power(bits)
        let scaled = self * Rational(scale * scale)
        let low = scaled.floor.squareRootFloor
        var high = scaled.ceiling.squareRootFloor
        if high * high < scaled.ceiling { high += 1 }
        return (Rational(low, scale), Rational(high, scale))
    }
}

public func abs(_ x: Rational) -> Rational { x.magnitude }
public func abs(_ x: BigInt) -> BigInt { x.magnitude }

// MARK: - Comparison and hashing

extension Rational: Equatable, Comparable, Hashable {
    @inlinable
    public static func == (x: Rational, y: Rational) -> Bool {
        switch (x.storage, y.storage) {
        case let (.small(a, b), .small(c, d)): return a == c && b == d
        case (.small, .big), (.big, .small): return false  // invariant: big never fits words
        case (.big, .big): return slowCompare(x, y) == 0
        }
    }

    @inlinable
    public static func < (x: Rational, y: Rational) -> Bool {
        if case .small(let a, let b) = x.storage, case .small(let c, let d) = y.storage {
            if b == d { return a < c }
            // Denominators are positive: compare a·d with c·b in 128 bits.
            let l = a.multipliedFullWidth(by: d), r = c.multipliedFullWidth(by: b)
            return l.high < r.high || (l.high == r.high && l.low < r.low)
        }
        return slowCompare(x, y) < 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numerator)
        hasher.combine(denominator)
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: AdditiveArithmetic, Numeric, SignedNumeric {
    public init?<T: BinaryInteger>(exactly source: T) {
        guard let b = BigInt(exactly: source) else { return nil }
        self.init(b)
    }
}
