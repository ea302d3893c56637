public import ExactArithmetic

/// A closed interval `[lo, hi]` of rationals, for enclosing a function's
/// values and derivatives over a box of prices.
///
/// Every operation returns an interval that contains every value of the
/// operation on members of its operands (inclusion isotonicity), so an
/// enclosure computed from enclosures is an enclosure. Results whose
/// endpoints no longer fit a machine word are rounded outward to the dyadic
/// grid `2^-precision` so denominators stay bounded along long
/// computations; outward rounding only widens, so it is sound, and
/// word-sized endpoints (any rational with word-sized numerator and
/// denominator) are kept exactly.
public struct RationalInterval: Sendable, Hashable, CustomStringConvertible {
    public let lo: Rational
    public let hi: Rational

    /// The grid results are rounded outward to (bits after the binary point).
    public static let precision = 64

    public init(_ lo: Rational, _ hi: Rational) {
        precondition(lo <= hi, "RationalInterval: \(lo) > \(hi)")
        self.lo = lo
        self.hi = hi
    }

    public init(_ point: Rational) { self.init(point, point) }

    public static let zero = RationalInterval(.zero)

    public var width: Rational { hi - lo }
    public var midpoint: Rational { (lo + hi) / 2 }
    /// `max |x|` over the interval.
    public var magnitude: Rational { max(lo.magnitude, hi.magnitude) }
    public func contains(_ x: Rational) -> Bool { lo <= x && x <= hi }
    /// `true` when every member is positive.
    public var isPositive: Bool { lo.signum() > 0 }

    public var description: String { "[\(lo), \(hi)]" }

    /// The interval widened to the grid `2^-precision` (endpoints that fit a
    /// machine word are kept as they are).
    var roundedOutward: RationalInterval {
        let scale = Rational(BigInt(2).power(RationalInterval.precision))
        // A word-sized value is kept exactly: rounding is only there to bound sizes.
        func down(_ x: Rational) -> Rational { x.isWordSized || x.isInteger ? x : Rational((x * scale).floor) / scale }
        func up(_ x: Rational) -> Rational { x.isWordSized || x.isInteger ? x : Rational((x * scale).ceiling) / scale }
        return RationalInterval(down(lo), up(hi))
    }

    public static func + (a: RationalInterval, b: RationalInterval) -> RationalInterval {
        RationalInterval(a.lo + b.lo, a.hi + b.hi).roundedOutward
    }

    public static func - (a: RationalInterval, b: RationalInterval) -> RationalInterval {
        RationalInterval(a.lo - b.hi, a.hi - b.lo).roundedOutward
    }

    public static prefix func - (a: RationalInterval) -> RationalInterval { RationalInterval(-a.hi, -a.lo) }

    public static func * (a: RationalInterval, b: RationalInterval) -> RationalInterval {
        let products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
        return RationalInterval(products.min()!, products.max()!).roundedOutward
    }

    public static func * (c: Rational, a: RationalInterval) -> RationalInterval {
        (c.signum() >= 0 ? RationalInterval(c * a.lo, c * a.hi) : RationalInterval(c * a.hi, c * a.lo)).roundedOutward
    }

    /// `a / b` for `b` not containing zero; `nil` otherwise (the quotient is unbounded).
    public static func / (a: RationalInterval, b: RationalInterval) -> RationalInterval? {
        guard b.lo.signum() > 0 || b.hi.signum() < 0 else { return nil }
        return a * RationalInterval(b.hi.reciprocal, b.lo.reciprocal)
    }

    /// The smallest interval containing both.
    public func hull(_ other: RationalInterval) -> RationalInterval {
        RationalInterval(min(lo, other.lo), max(hi, other.hi))
    }
}
