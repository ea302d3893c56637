public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// A claim that the tâtonnement `Φ(p) = proj_Δ(p + η z(p))` is a
/// contraction with modulus `L < 1` in the Euclidean norm on the region
/// `R = {p ∈ Δ : ‖p − centre‖ ≤ radius}`, and maps `R` into itself.
///
/// The evidence is a bisection tree over the box `∏[centre_i − r, centre_i + r]`:
/// every leaf either misses `R` or carries, through the interval Jacobian of
/// excess demand, the bound `‖P(I + ηDz)P‖₂ ≤ L` (`P` the projection onto
/// the tangent space `Σv = 0`). `ContractionChecker` verifies it.
public struct ContractionCertificate: Sendable, Hashable {
    /// One node of the bisection tree, in preorder.
    public enum Node: Sendable, Hashable {
        /// The box is halved at the midpoint of this coordinate; the lower
        /// half's subtree follows, then the upper half's.
        case split(Int)
        /// The box is checked: its Jacobian enclosure gives the bound.
        case bounded
        /// The box does not meet the region.
        case outside
        /// The box is checked with the structured bound
        /// (`structuredTangentNormIsAtMost`): on it, for `Σw = 0`,
        /// `curvature·‖w‖² ≤ −wᵀJw ≤ stiffness·‖w‖²`, each shown through a
        /// positive definite matrix with the shift `shift·11ᵀ`.
        case structured(curvature: Rational, stiffness: Rational, shift: Rational)
    }

    public let step: Rational
    public let centre: Vector
    public let radius: Rational
    /// The Lipschitz modulus claimed, `0 ≤ L < 1`.
    public let modulus: Rational
    public let tree: [Node]

    public init(step: Rational, centre: Vector, radius: Rational, modulus: Rational, tree: [Node]) {
        self.step = step
        self.centre = centre
        self.radius = radius
        self.modulus = modulus
        self.tree = tree
    }

    public var rootBox: [RationalInterval] {
        centre.entries.map { RationalInterval($0 - radius, $0 + radius) }
    }

    /// Boxes checked with a Jacobian bound.
    public var boundedBoxCount: Int {
        tree.filter { if case .split = $0 { false } else { $0 != .outside } }.count
    }

    /// `‖p − centre‖² ≤ radius²` and `p ∈ Δ`: membership of the region.
    public func regionContains(_ p: Vector) -> Bool {
        p.entries.allSatisfy { $0.signum() >= 0 } && p.entries.reduce(.zero, +) == 1
            && squaredNorm(p - centre) <= radius * radius
    }
}

