public import ExactArithmetic

/// How a constraint's left side compares with its right side.
public enum Relation: String, Sendable, Hashable, Codable {
    case lessOrEqual = "<="
    case equal = "="
    case greaterOrEqual = ">="
}

/// One linear constraint `coefficients · x (relation) rhs`.
public struct LinearConstraint: Sendable, Hashable {
    public var coefficients: [Rational]
    public var relation: Relation
    public var rhs: Rational

    public init(_ coefficients: [Rational], _ relation: Relation, _ rhs: Rational) {
        self.coefficients = coefficients
        self.relation = relation
        self.rhs = rhs
    }
}

/// A linear program in the one form Walras uses:
///
///     maximize  objective · x   subject to   each constraint,   x ≥ 0.
///
/// Its dual is `minimize b · y` subject to `Aᵀ y ≥ objective`, with
/// `y_i ≥ 0` for a `<=` row, `y_i` free for an `=` row and `y_i ≤ 0` for a
/// `>=` row. A free variable is written as the difference of two.
public struct LinearProgram: Sendable, Hashable {
    public var objective: [Rational]
    public var constraints: [LinearConstraint]

    /// Traps when a constraint's length differs from the objective's.
    public init(maximize objective: [Rational], subjectTo constraints: [LinearConstraint]) {
        for (i, c) in constraints.enumerated() {
            precondition(c.coefficients.count == objective.count,
                         "LinearProgram: constraint \(i) has \(c.coefficients.count) coefficients, expected \(objective.count)")
        }
        self.objective = objective
        self.constraints = constraints
    }

    public var variableCount: Int { objective.count }
}

/// What a solver claims about a linear program, with the evidence for it.
/// `LPCertificateChecker` decides whether the evidence proves the claim.
public enum LPCertificate: Sendable, Hashable {
    /// `primal` is feasible, `dual` is dual-feasible, and their objective
    /// values are equal: both are optimal (weak duality).
    case optimal(primal: [Rational], dual: [Rational])
    /// A Farkas vector `y` with the dual's sign pattern, `Aᵀ y ≥ 0` and
    /// `b · y < 0`: no `x ≥ 0` satisfies the constraints.
    case infeasible(farkas: [Rational])
    /// A feasible `point` and a `ray` `d ≥ 0` that keeps every constraint
    /// (`a_i · d` ≤ 0, = 0 or ≥ 0 by relation) with `objective · d > 0`.
    case unbounded(point: [Rational], ray: [Rational])
}
