internal import CGMP

/// The naive reference arithmetic: every operation through GMP, with no
/// word path. Tests compare the fast path against it on both sides of the
/// overflow boundary (as FLINT tests each function against GMP). Not API.
package enum ReferenceArithmetic {
    package static func add(_ x: Rational, _ y: Rational) -> Rational { Rational.slowAdd(x, y) }
    package static func subtract(_ x: Rational, _ y: Rational) -> Rational { Rational.slowSubtract(x, y) }
    package static func multiply(_ x: Rational, _ y: Rational) -> Rational { Rational.slowMultiply(x, y) }
    package static func divide(_ x: Rational, _ y: Rational) -> Rational { Rational.slowDivide(x, y) }
    package static func compare(_ x: Rational, _ y: Rational) -> Int { Rational.slowCompare(x, y) }
    package static func add(_ x: BigInt, _ y: BigInt) -> BigInt { BigInt.slowAdd(x, y) }
    package static func subtract(_ x: BigInt, _ y: BigInt) -> BigInt { BigInt.slowSubtract(x, y) }
    package static func multiply(_ x: BigInt, _ y: BigInt) -> BigInt { BigInt.slowMultiply(x, y) }
    package static func compare(_ x: BigInt, _ y: BigInt) -> Int { BigInt.slowCompare(x, y) }

    /// `true` when the value is held as GMP storage (for the invariant tests).
    package static func isBig(_ x: Rational) -> Bool { !x.isWordSized }
    package static func isBig(_ x: BigInt) -> Bool { !x.isWordSized }
}
