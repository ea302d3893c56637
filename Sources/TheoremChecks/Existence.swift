import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumSearch
public import EquilibriumCertificates

/// What the existence check found.
public enum EquilibriumStatus: String, Sendable, Hashable {
    /// A completely labelled simplex and an (approximate or exact) equilibrium near it.
    case found
    /// Proved that no equilibrium exists (existence part 2).
    case noneExists = "none-exists"
    /// The search stopped on a limit.
    case undecided
}

/// How strong the evidence is.
public enum EquilibriumCertificateKind: String, Sendable, Hashable {
    /// An `EquilibriumCertificate` that `EquilibriumChecker` accepted: a proof.
    case exact
    /// A rational price with the actual demands and supplies there and an
    /// exactly computed `max |z_i|`; not a proof that an equilibrium exists nearby.
    case approximate
}

public struct EquilibriumVerdict: Sendable {
    public let status: EquilibriumStatus
    public let certificate: EquilibriumCertificateKind?
    public let equilibrium: ApproximateEquilibrium?
    /// Present exactly when `certificate == .exact`: what the checker accepted.
    public let checked: CheckedEquilibrium?
    public let steps: [MeshStep]
    public let statistics: SearchStatistics
    public let reason: String?
    /// Present exactly when `status == .noneExists`.
    public let proof: NonExistenceProof?

    public init(status: EquilibriumStatus, certificate: EquilibriumCertificateKind?, equilibrium: ApproximateEquilibrium?,
                checked: CheckedEquilibrium? = nil, steps: [MeshStep], statistics: SearchStatistics, reason: String?,
                proof: NonExistenceProof? = nil) {
        self.status = status
        self.certificate = certificate
        self.equilibrium = equilibrium
        self.checked = checked
        self.steps = steps
        self.statistics = statistics
        self.reason = reason
        self.proof = proof
    }
}

/// **Existence of a Walrasian equilibrium** (`equilibrium`), constructively.
///
/// Hypotheses (Arrow–Debreu, in finite form): excess demand continuous, or
/// upper hemicontinuous with convex values, on the relative interior of the
/// price simplex, unbounded near the boundary where a wanted good is free;
/// convex production sets; Walras' law.
/// Conclusion: a price `p*` with `z(p*) ≤ 0` and `p*_i z_i(p*) = 0`.
/// Checked: a completely labelled simplex of a proper (Sperner) labelling
/// exists at every mesh and is found by path following; the reported price
/// carries actual demands and profit-maximising supplies and its exact
/// `max |z_i|` and equilibrium error. A search whose error stalls between
/// the middle and the last mesh is `undecided`, never `found`. The
/// certificate is `exact` only when an `EquilibriumCertificate` passed
/// `EquilibriumChecker` (then the price is a proved equilibrium), else
/// `approximate` (then nothing is claimed beyond the figures reported).
/// Notes: proofs-notes/existence.md
public func checkEquilibriumExistence(_ economy: Economy, limits: SearchLimits,
                                      progress: (MeshStep, SearchStatistics) -> Void = { _, _ in }) -> EquilibriumVerdict {
    switch SimplicialSearch(economy: economy, limits: limits).run(progress: progress) {
    case .found(let best, let steps, let stats):
        // Completely labelled simplices near an equilibrium have an error that
        // shrinks with the mesh; one that stalls is evidence of nothing.
        if !best.equilibriumError.isZero, steps.count >= 8 {
            let middle = steps[steps.count / 2].best?.equilibriumError ?? best.equilibriumError
            if best.equilibriumError * 2 > middle {
                let stall = "completely labelled simplices do not converge: the equilibrium error is \(best.equilibriumError) at mesh "
                    + "1/\(steps.last!.mesh) and \(middle) at mesh 1/\(steps[steps.count / 2].mesh)"
                if case .noEquilibrium(let proof) = analyseTwoGoodEconomy(economy) {
                    return EquilibriumVerdict(status: .noneExists, certificate: nil, equilibrium: best, steps: steps,
                                              statistics: stats, reason: stall + "; and no equilibrium exists, proved by "
                                                  + "exact case analysis of the price line", proof: proof)
                }
                return EquilibriumVerdict(status: .undecided, certificate: nil, equilibrium: best, steps: steps,
                                          statistics: stats, reason: stall + "; a hypothesis of existence may fail (see walras_law)")
            }
        }
        if let checked = economy.exactEquilibrium(near: best, finestMesh: stats.meshReached) {
            let c = checked.certificate
            let exact = ApproximateEquilibrium(prices: c.prices, allocation: c.allocation, production: c.production,
                                               levels: c.levels, excessDemand: checked.excessDemand)
            return EquilibriumVerdict(status: .found, certificate: .exact, equilibrium: exact, checked: checked,
                                      steps: steps, statistics: stats, reason: nil)
        }
        return EquilibriumVerdict(status: .found, certificate: .approximate, equilibrium: best, steps: steps,
                                  statistics: stats, reason: nil)
    case .undecided(let reason, let steps, let stats):
        return EquilibriumVerdict(status: .undecided, certificate: nil, equilibrium: steps.compactMap(\.best).min { $0.equilibriumError < $1.equilibriumError },
                                  steps: steps, statistics: stats, reason: reason)
    case .improperLabelling(let v, let l):
        // Never expected: the labelling is proper by construction. Say so, never "found".
        return EquilibriumVerdict(status: .undecided, certificate: nil, equilibrium: nil, steps: [],
                                  statistics: SearchStatistics(), reason: "internal error: improper label \(l) at \(v)")
    }
}
