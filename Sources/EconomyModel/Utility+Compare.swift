import ExactArithmetic
public import ExactLinearAlgebra

extension Utility {
    /// Compares `u(x)` with `u(y)` exactly: `-1`, `0` or `1`.
    ///
    /// Cobb–Douglas utilities with rational exponents are compared without
    /// roots or logarithms: both sides are raised to the least common
    /// denominator `D` of the exponents, `Π x_i^{D a_i}` against
    /// `Π y_i^{D a_i}`, integer powers of rationals.
    ///
    /// Traps when a power `D·a_i` exceeds `2^16` (a hostile file can ask for
    /// that); callers that face files use `compareWithinBudget`.
    public func compare(_ x: Vector, _ y: Vector) -> Int {
        guard let c = compareWithinBudget(x, y) else {
            preconditionFailure("Cobb–Douglas exponents \(self) too large to compare exactly")
        }
        return c
    }

    /// `compare`, or `nil` when a Cobb–Douglas power `D·a_i` exceeds `2^16`
    /// (the exact comparison would cost too much; the caller says so).
    public func compareWithinBudget(_ x: Vector, _ y: Vector) -> Int? {
        switch self {
        case .cobbDouglas(let a):
            var d = BigInt.one
            for e in a.entries where !e.isZero { d = BigInt.lcm(d, e.denominator) }
            var powers: [Int: Int] = [:]
            for i in a.indices where a[i].signum() > 0 {
                // D·a_i is a whole number by the choice of D.
                guard let k = (a[i] * Rational(d)).numerator.asInt, k <= 1 << 16 else { return nil }
                powers[i] = k
            }
            func raised(_ v: Vector) -> Rational {
                powers.keys.sorted().reduce(Rational.one) { $0 * v[$1].power(powers[$1]!) }
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
