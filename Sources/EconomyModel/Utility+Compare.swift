public import ExactArithmetic
public import ExactLinearAlgebra

extension Utility {
    /// Compares `u(x)` with `u(y)` exactly: `-1`, `0` or `1`.
    ///
    /// Cobb–Douglas utilities with rational exponents are compared without
    /// roots or logarithms: both sides are raised to the least common
    /// denominator `D` of the exponents, `Π x_i^{D a_i}` against
    /// `Π y_i^{D a_i}`, integer powers of rationals.
    public func compare(_ x: Vector, _ y: Vector) -> Int {
        switch self {
        case .cobbDouglas(let a):
            var d = BigInt.one
            for e in a.entries where !e.isZero { d = BigInt.lcm(d, e.denominator) }
            func raised(_ v: Vector) -> Rational {
                var product = Rational.one
                for i in a.indices where a[i].signum() > 0 {
                    // D·a_i is a whole number by the choice of D.
                    let power = (a[i] * Rational(d)).numerator
                    guard let k = power.asInt, k <= 1 << 16 else { preconditionFailure("Cobb–Douglas exponent \(a[i]) too large to compare") }
                    product *= v[i].power(k)
                }
                return product
            }
            return sign(raised(x) - raised(y))
        case .leontief(let a):
            func level(_ v: Vector) -> Rational { a.indices.filter { a[$0].signum() > 0 }.map { v[$0] / a[$0] }.min()! }
            return sign(level(x) - level(y))
        case .linear(let w):
            return sign(w.dot(x) - w.dot(y))
        case .satiableQuadratic(let b, let w):
            func value(_ v: Vector) -> Rational { -b.indices.reduce(Rational.zero) { $0 + w[$1] * (v[$1] - b[$1]) * (v[$1] - b[$1]) } }
            return sign(value(x) - value(y))
        case .cappedLinear(let w, let cap):
            return sign(min(w.dot(x), cap) - min(w.dot(y), cap))
        }
    }

    /// Local non-satiation at `x`: every neighbourhood of `x` holds a
    /// strictly preferred bundle. It fails exactly at a satiable consumer's
    /// bliss point and where a capped-linear consumer has reached its cap.
    public func isLocallyNonSatiated(at x: Vector) -> Bool {
        switch self {
        case .cobbDouglas, .leontief, .linear: true
        case .satiableQuadratic(let b, _): x != b
        case .cappedLinear(let w, let cap): w.dot(x) < cap
        }
    }
}

private func sign(_ r: Rational) -> Int { r.signum() }
