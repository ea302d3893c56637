public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import Tatonnement

extension Hypothesis {
    public static let contraction = Hypothesis(
        id: "contraction",
        statement: "the tâtonnement Φ(p) = proj_Δ(p + η z(p)) is a contraction: ‖Φ(p) − Φ(q)‖ < ‖p − q‖ for p ≠ q")
}

public enum ContractionStatus: String, Sendable, Hashable {
    /// A checked `ContractionCertificate` with `L < 1`, and Banach's bounds
    /// held at every step of every orbit iterated.
    case contraction
    /// An exact pair `‖Φ(p) − Φ(q)‖ ≥ ‖p − q‖`.
    case notAContraction = "not-a-contraction"
    /// Neither within the budget.
    case undecided
}

/// An orbit of the rounded dynamics, with its exact squared distances to
/// the equilibrium (or to the best estimate of it).
public struct DivergentOrbit: Sendable, Hashable {
    public let iterates: [Vector]
    public let squaredDistances: [Rational]
    /// What distances are measured to, and whether it is the exact equilibrium.
    public let anchor: Vector
    public let anchorIsExactEquilibrium: Bool
    /// `true` when the segment has more than `minimumSteps` steps and none
    /// brings the orbit closer to the anchor (it is cut at the first that would).
    public let neverApproaches: Bool

    /// Shorter segments (an orbit that leaves the domain at once) are not claimed as evidence.
    public static let minimumSteps = 5

    /// Scarf's invariants of the continuous tâtonnement `ṗ = z(p)`:
    /// `d/dt ‖p‖² = 2 p·z` and `d/dt log Π p_i = Σ z_i / p_i`. `true` when
    /// both are exactly 0 at every iterate (so, wherever they vanish
    /// identically, the continuous orbits are closed curves around `p*`);
    /// `false` when one is not; `nil` when `z` is undefined at an iterate.
    public let conservesScarfInvariants: Bool?
}

/// Whether `p·z(p) = 0` and `Σ z_i(p)/p_i = 0` exactly at every point (all prices positive).
func conservesScarfInvariants(_ e: Economy, at points: [Vector]) -> Bool? {
    for p in points {
        guard p.allSatisfy({ $0.signum() > 0 }), case .defined(let m) = e.market(at: p) else { return nil }
        let z = m.excessDemand
        if !p.dot(z).isZero { return false }
        if !(0..<p.count).reduce(Rational.zero, { $0 + z[$1] / p[$1] }).isZero { return false }
    }
    return true
}

public struct ContractionVerdict: Sendable {
    public let status: ContractionStatus
    /// The norm every bound is stated in.
    public let norm = "euclidean (compared through squares and dyadic square-root bounds)"
    /// `η`, and whether Walras chose it (no `--step` given).
    public let step: Rational
    public let stepWasChosen: Bool
    /// Present when `status == .contraction`: checked by `ContractionChecker`.
    public let certificate: ContractionCertificate?
    /// `‖centre − p*‖ ≤ fixedPointBound`, from the certificate.
    public let fixedPointBound: Rational?
    public let orbits: [BanachOrbitCheck]
    /// The square of the largest observed step ratio over all orbits.
    public let observedRateSquared: Rational?
    /// The search's equilibrium compared with the Banach fixed point.
    public let crossCheck: String?
    public let witness: ExpansionWitness?
    public let divergentOrbit: DivergentOrbit?
    public let failedHypothesis: FailedHypothesis?
    public let reason: String

    /// The certified modulus `L`.
    public var modulus: Rational? { certificate?.modulus }
    /// Steps checked against Banach's bounds, over all orbits.
    public var iterations: Int { orbits.reduce(0) { $0 + $1.stepsChecked } }
}

public struct ContractionOptions: Sendable {
    /// `η`; `nil` lets Walras choose (see `checkContraction`).
    public var step: Rational?
    public var limits: ContractionSearchLimits
    /// Steps per orbit at most, and the dyadic grid `2^-bits` of the iterates.
    public var orbitSteps: Int
    public var orbitBits: Int
    /// Starting points for the Banach checks.
    public var starts: Int

    public init(step: Rational? = nil, limits: ContractionSearchLimits = ContractionSearchLimits(), orbitSteps: Int = 400,
                orbitBits: Int = 40, starts: Int = 4) {
        self.step = step
        self.limits = limits
        self.orbitSteps = orbitSteps
        self.orbitBits = orbitBits
        self.starts = starts
    }

    /// The step used for refutation when none is given and no step makes `Φ` locally contracting.
    public static let refutationStep = Rational(1, 8)
}

/// **Convergence of the orchestrator's tâtonnement** (`contraction`).
///
/// Hypotheses (Banach): on a closed region `R ⊆ Δ`, `Φ(p) = proj_Δ(p + η z(p))`
/// maps `R` into `R` and `‖Φ(p) − Φ(q)‖ ≤ L‖p − q‖` with `L < 1`.
/// Conclusion: `Φ` has a unique fixed point `p*` in `R` (the unique
/// equilibrium there), and from every `p_0 ∈ R` the iterates satisfy
/// `‖p_t − p*‖ ≤ Lᵗ‖p_0 − p*‖` (with rounding: `+ ε(1 − Lᵗ)/(1 − L)`).
///
/// The step: `options.step`, or else, of the `η = 2^-k` (`k = 0…12`), the
/// four with the smallest Euclidean tangent norm `‖P(I + ηDz)P‖` at the
/// candidate are iterated to their fixed points, and the one with the
/// smallest norm there is taken when it is below 1; else `1/8`.
/// `contraction`: a `ContractionCertificate` on a ball around the
/// iterated fixed point, accepted by `ContractionChecker`, and both Banach
/// bounds verified exactly at every step from `options.starts` starts.
/// `not-a-contraction`: an exact expanding pair near the candidate, with an
/// orbit whose distances to the equilibrium are reported (and checked
/// never to decrease when that holds). `undecided` otherwise, with the
/// reason (e.g. excess demand that is not differentiable, with no pair
/// found). Notes: proofs-notes/convergence.md
public func checkContraction(_ economy: Economy, near candidate: Vector?, exactEquilibrium: Vector?,
                             options: ContractionOptions = ContractionOptions()) -> ContractionVerdict {
    let n = economy.commodityCount
    let start = candidate ?? Vector(repeating: Rational(1, n), count: n)
    let smooth = economy.nonDifferentiableAgents.isEmpty && start.entries.allSatisfy { $0.signum() > 0 }
    var step = options.step ?? ContractionOptions.refutationStep
    var pointNorm: Rational? = nil
    var centre: Vector? = nil
    if smooth {
        // The norm that matters is the one at the fixed point of each step's map, so iterate to it first.
        // Iterating is the costly part, so only the four steps most contracting at the candidate are iterated.
        let steps = options.step.map { [$0] } ?? (0...12).map { Rational(1, 1 << $0) }
        let ranked = steps.compactMap { eta in tangentNormUpperBound(of: economy, at: start, step: eta, bits: 12).map { (eta, $0) } }
            .sorted { $0.1 < $1.1 }.prefix(4).map(\.0)
        for eta in ranked {
            let fixed = TatonnementMap(economy: economy, step: eta).approximateFixedPoint(from: start, maximumSteps: 1500)
            guard fixed.entries.allSatisfy({ $0.signum() > 0 }),
                  let norm = tangentNormUpperBound(of: economy, at: fixed, step: eta) else { continue }
            if pointNorm == nil || norm < pointNorm! { pointNorm = norm; step = eta; centre = fixed }
        }
        if options.step == nil, let norm = pointNorm, norm >= 1 { step = ContractionOptions.refutationStep }
    }
    let map = TatonnementMap(economy: economy, step: step)

    if let norm = pointNorm, norm < 1, let centre {
        if let certificate = searchContractionCertificate(economy, step: step, centre: centre, limits: options.limits) {
            switch ContractionChecker.check(certificate, for: economy) {
            case .failure(let why):
                return undecided("the contraction certificate found was rejected by the checker: \(why)")
            case .success:
                return banach(economy, certificate, exactEquilibrium: exactEquilibrium, candidate: candidate,
                              chosen: options.step == nil, options: options)
            }
        }
        return undecided("at the fixed point the tangent norm is about \(norm.displayDouble) < 1, but no certified "
                         + "bound L < 1 was found on a ball around it within the budget "
                         + "(\(options.limits.maximumBoxes) boxes, \(options.limits.timeLimit) s)")
    }

    if let witness = map.expansionWitness(around: start) {
        let anchor = exactEquilibrium ?? start
        // The longest first stretch of the orbit along which the distance to the equilibrium never falls.
        var orbit = map.orbit(from: witness.p, steps: 60, bits: options.orbitBits)
        var distances = orbit.map { squaredNorm($0 - anchor) }
        if let drop = distances.indices.dropLast().first(where: { distances[$0] > distances[$0 + 1] }) {
            orbit = Array(orbit.prefix(drop + 1))
            distances = Array(distances.prefix(drop + 1))
        }
        let never = orbit.count > DivergentOrbit.minimumSteps
        let failed = FailedHypothesis(
            hypothesis: .contraction, agent: "the tâtonnement with η = \(step)",
            detail: "‖Φ(p) − Φ(q)‖² = \(witness.after) ≥ ‖p − q‖² = \(witness.before) at p = \(witness.p), q = \(witness.q)")
        var reason = "Φ does not bring p and q closer, so it is no contraction and Banach's theorem does not apply"
        if let jump = economy.nonDifferentiableAgents.first, case .notDifferentiable(let agent, let kind) = jump {
            reason += "; excess demand is not Lipschitz: the choice of \(agent) (\(kind)) jumps between nearby prices"
        }
        if let norm = pointNorm {
            reason += "; at the equilibrium ‖P(I + ηDz)P‖ ≈ \(norm.displayDouble) ≥ 1 for "
                + (options.step == nil ? "the steps tried (2^-k, k = 0…12, ranked at the candidate)" : "η = \(step)")
        }
        if never { reason += "; along \(orbit.count - 1) steps from p the orbit never gets closer to the equilibrium" }
        let invariants = conservesScarfInvariants(economy, at: orbit)
        if invariants == true {
            reason += "; the continuous tâtonnement ṗ = z(p) keeps ‖p‖² and Π p_i constant (p·z = 0 and Σ z_i/p_i = 0, "
                + "exactly, at all \(orbit.count) orbit points): its orbits circle p* (Scarf 1960)"
        }
        return ContractionVerdict(status: .notAContraction, step: step, stepWasChosen: options.step == nil, certificate: nil,
                                  fixedPointBound: nil, orbits: [], observedRateSquared: nil, crossCheck: nil,
                                  witness: witness,
                                  divergentOrbit: DivergentOrbit(iterates: orbit, squaredDistances: distances, anchor: anchor,
                                                                 anchorIsExactEquilibrium: exactEquilibrium != nil,
                                                                 neverApproaches: never,
                                                                 conservesScarfInvariants: invariants),
                                  failedHypothesis: failed, reason: reason)
    }
    if let failure = economy.nonDifferentiableAgents.first {
        return undecided("no derivative bound: \(failure); and no expanding pair was found near the candidate equilibrium")
    }
    return undecided("the tangent norm at the candidate is not below 1 for any step tried, yet no expanding pair was found")

    func undecided(_ why: String) -> ContractionVerdict {
        ContractionVerdict(status: .undecided, step: step, stepWasChosen: options.step == nil, certificate: nil,
                           fixedPointBound: nil, orbits: [], observedRateSquared: nil, crossCheck: nil, witness: nil,
                           divergentOrbit: nil, failedHypothesis: nil, reason: why)
    }
}

/// Banach's bounds along orbits from several starts in the certified
/// region, and the cross-check against the search's equilibrium.
private func banach(_ economy: Economy, _ c: ContractionCertificate, exactEquilibrium: Vector?, candidate: Vector?,
                    chosen: Bool, options: ContractionOptions) -> ContractionVerdict {
    let n = economy.commodityCount
    let map = TatonnementMap(economy: economy, step: c.step)
    let drift = squaredNorm(map(c.centre)! - c.centre)
    let rho = c.modulus == 1 ? Rational.zero : drift.squareRootBounds(bits: 64).upper / (1 - c.modulus)
    var crossCheck: String? = nil
    var anchor = c.centre, anchorRadius = rho
    if let e = exactEquilibrium {
        if c.regionContains(e) {
            let gap = squaredNorm(e - c.centre)
            crossCheck = gap <= rho * rho
                ? "the exact equilibrium of the search is the Banach fixed point: ‖p_search − centre‖² = \(gap) ≤ ρ² (ρ = \(rho.displayDouble))"
                : "DISAGREES: the exact equilibrium of the search is in the region but ‖p_search − centre‖² = \(gap) > ρ²"
            if gap <= rho * rho { anchor = e; anchorRadius = .zero }
        } else {
            crossCheck = "the search's exact equilibrium \(e) lies outside the certified region (the region's equilibrium is unique; others may exist outside it)"
        }
    } else if let a = candidate, c.regionContains(a), let fa = map(a) {
        let bound = squaredNorm(fa - a).squareRootBounds(bits: 64).upper / (1 - c.modulus)
        crossCheck = "the search's approximate equilibrium is within \(bound.displayDouble) of the Banach fixed point "
            + "(‖Φ(p) − p‖/(1 − L)); the centre is within \(rho.displayDouble)"
    }
    var orbits: [BanachOrbitCheck] = []
    var pairs: [(Int, Int)] = []
    for i in 0..<n { for j in 0..<n where j != i { pairs.append((i, j)) } }
    for (i, j) in pairs.prefix(options.starts) {
        let offset = (c.radius / 2) * (Vector.unit(i, count: n) - Vector.unit(j, count: n))
        let start = roundToDyadicSimplex(c.centre + offset, bits: options.orbitBits)
        orbits.append(c.checkBanachBounds(economy: economy, from: start, anchor: anchor, anchorRadius: anchorRadius,
                                          maximumSteps: options.orbitSteps, bits: options.orbitBits))
    }
    let rate = orbits.compactMap(\.observedRateSquared).max()
    if let failed = orbits.first(where: { !$0.passed }) {
        return ContractionVerdict(status: .undecided, step: c.step, stepWasChosen: chosen, certificate: c, fixedPointBound: rho,
                                  orbits: orbits, observedRateSquared: rate, crossCheck: crossCheck, witness: nil,
                                  divergentOrbit: nil, failedHypothesis: nil,
                                  reason: "a Banach bound failed from \(failed.start): \(failed.failure!) — the certificate and the orbit disagree; please report it")
    }
    let reason = "Φ is a contraction with L = \(c.modulus) (≈ \(c.modulus.displayDouble)) on the ball of radius "
        + "\(c.radius.displayDouble) around the fixed point, which it maps into itself (\(c.boundedBoxCount) boxes checked); "
        + "Banach's bounds held at all \(orbits.reduce(0) { $0 + $1.stepsChecked }) steps from \(orbits.count) starts"
    return ContractionVerdict(status: .contraction, step: c.step, stepWasChosen: chosen, certificate: c, fixedPointBound: rho,
                              orbits: orbits, observedRateSquared: rate, crossCheck: crossCheck, witness: nil,
                              divergentOrbit: nil, failedHypothesis: nil, reason: reason)
}
