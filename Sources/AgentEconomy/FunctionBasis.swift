public import ExactArithmetic
public import ExactLinearAlgebra

/// A basis of the finite-dimensional subspace `V_K ⊂ L²([0, T])` in which
/// metric trajectories and price functions live.
///
/// A trajectory is written by its `K` coefficients `c`, `x(t) = Σ_k c_k φ_k(t)`.
/// The pairing `∫_0^T p(t) x(t) dt = pᵀ G c` uses the exact Gram matrix
/// `G_jk = ∫_0^T φ_j φ_k dt`.
public enum FunctionBasis: Sendable, Hashable {
    /// `φ_k` is the indicator of the bin `[kT/K, (k+1)T/K)`: `G = (T/K)·I`.
    case piecewiseConstant(bins: Int)
    /// `φ_k(t) = t^k` for `k < count`: `G_jk = T^{j+k+1} / (j+k+1)`.
    case monomial(count: Int)

    public var count: Int {
        switch self {
        case .piecewiseConstant(let bins): bins
        case .monomial(let count): count
        }
    }

    public var kind: String {
        switch self {
        case .piecewiseConstant: "piecewise-constant"
        case .monomial: "monomial"
        }
    }

    public func gram(horizon t: Rational) -> Matrix {
        switch self {
        case .piecewiseConstant(let bins):
            var g = Matrix(rowCount: bins, columnCount: bins)
            let width = t / Rational(bins)
            for k in 0..<bins { g[k, k] = width }
            return g
        case .monomial(let count):
            var g = Matrix(rowCount: count, columnCount: count)
            for j in 0..<count {
                for k in 0..<count { g[j, k] = t.power(j + k + 1) / Rational(j + k + 1) }
            }
            return g
        }
    }

    /// A short label for coefficient `k`, used in compiled commodity names.
    public func label(_ k: Int) -> String {
        switch self {
        case .piecewiseConstant: "bin\(k + 1)"
        case .monomial: k == 0 ? "t^0" : "t^\(k)"
        }
    }

    /// Where coefficient `k` lives, in words: the time interval of a bin.
    public func describe(_ k: Int, horizon t: Rational) -> String {
        switch self {
        case .piecewiseConstant(let bins):
            let w = t / Rational(bins)
            return "t ∈ [\(w * Rational(k)), \(w * Rational(k + 1)))"
        case .monomial:
            return "coefficient of t^\(k)"
        }
    }
}
