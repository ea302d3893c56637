// Overflow-checked word arithmetic behind the fast paths.
//
// Word-sized values keep magnitudes in `0...Int.max`: `Int.min` is stored
// as a big value, so negation and `abs` never overflow on the fast path.

/// Greatest common divisor of two magnitudes. `gcd(0, b) == b`.
///
/// One Euclidean step by hardware division first, then Stein's binary
/// algorithm. The operands are often lopsided (a running sum's numerator
/// against a small denominator), where binary gcd alone would spend one
/// iteration per bit of the larger one.
@inlinable @inline(__always)
func wordGCD(_ x: UInt, _ y: UInt) -> UInt {
    var a = x < y ? x : y, b = x < y ? y : x
    if a == 0 { return b }
    b %= a
    if b == 0 { return a }
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
        b >>= b.trailingZeroBitCount
        if a > b { swap(&a, &b) }
        b -= a
    } while b != 0
    return a << shift
}

@inlinable @inline(__always)
func wordGCD(_ a: Int, _ b: Int) -> Int {
    Int(bitPattern: wordGCD(a.magnitude, b.magnitude))
}

/// `true` when `x` may be stored on the fast path (`|x| <= Int.max`).
@inlinable @inline(__always)
func isWord(_ x: Int) -> Bool { x != .min }
