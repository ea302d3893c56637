public import ExactArithmetic
public import ExactLinearAlgebra

/// The Euclidean projection of `v` onto the price simplex `{p ≥ 0, Σp = 1}`,
/// exactly.
///
/// Sort-based (Held, Wolfe & Crowder 1974; Duchi, Shalev-Shwartz, Singer &
/// Chandra 2008): with `u` the entries in decreasing order, `ρ` the largest
/// `j` with `u_j − (Σ_{i≤j} u_i − 1)/j > 0`, and `τ = (Σ_{i≤ρ} u_i − 1)/ρ`,
/// the projection is `max(v_i − τ, 0)`. Everything is rational, so the
/// projection is exact. Traps on an empty vector.
public func projectOntoSimplex(_ v: Vector) -> Vector {
    precondition(!v.isEmpty, "projectOntoSimplex: empty vector")
    let tau = simplexThreshold(v)
    return Vector(v.entries.map { max(.zero, $0 - tau) })
}

/// The threshold `τ` of the projection; `Σ max(v_i − τ, 0) = 1`.
public func simplexThreshold(_ v: Vector) -> Rational {
    let u = v.entries.sorted(by: >)
    var sum = Rational.zero
    var tau = Rational.zero
    for (j, x) in u.enumerated() {
        sum += x
        let candidate = (sum - 1) / Rational(j + 1)
        if x - candidate > .zero { tau = candidate }
    }
    return tau
}

/// `‖x‖²`, exactly: the squared Euclidean norm keeps every comparison rational.
public func squaredNorm(_ x: Vector) -> Rational { x.dot(x) }
