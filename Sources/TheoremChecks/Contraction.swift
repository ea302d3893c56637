public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
import Budgets
import EquilibriumSearch
public import Tatonnement
public import ContractionCertificates

/// What a certified contraction proves about its fixed point.
public enum ContractionConclusion: Sendable, Hashable {
    /// The unique fixed point of `Φ` in the region is the unique equilibrium there.
    case uniqueEquilibrium
    /// `Φ` has a unique fixed point in the region; it is not claimed to be an
    /// equilibrium, because this hypothesis fails or is not established.
    case uniqueFixedPointOnly(HypothesisCheck)
}

/// The search's equilibrium compared with the Banach fixed point.
public enum ContractionCrossCheck: Sendable, Hashable {
    /// The search's exact equilibrium lies in the region within `ρ` of the
    /// centre: it is the unique fixed point (`gapSquared = ‖p − centre‖²`).
    case exactEquilibriumIsFixedPoint(gapSquared: Rational, rho: Rational)
    /// The exact equilibrium is in the region but farther than `ρ`: our results disagree.
    case disagrees(gapSquared: Rational, rho: Rational)
    /// The exact equilibrium lies outside the region (others may exist outside it).
    case exactEquilibriumOutside(Vector)
    /// The approximate equilibrium is within `bound` of the fixed point.
    case approximateWithin(bound: Rational, rho: Rational)
    /// The enclosed equilibrium's box lies in the region (every point of it
    /// within `√farthestSquared` of the centre, `≤ radius`): the enclosed
    /// equilibrium is the region's unique fixed point, and its box meets the
    /// ball of radius `ρ` where the fixed point was proved to be.
    case enclosureIsFixedPoint(farthestSquared: Rational, rho: Rational)
    /// The box lies in the region but misses the ball of radius `ρ`: our results disagree.
    case enclosureDisagrees(nearestSquared: Rational, rho: Rational)
    /// The box is not inside the region: no conclusion (other equilibria may lie outside it).
    case enclosureOutside
}

/// A consumer or firm whose choice differs at the two prices of a refuting
/// pair: what makes `Φ` jump there. The canonical selections are compared.
public struct ChoiceJump: Sendable, Hashable {
    public let subject: Subject
    /// A firm's activity or mode levels at `p` and at `q` (empty for other technologies and consumers).
    public let levelsAtP: [Rational]
    public let levelsAtQ: [Rational]
    /// `‖choice(p) − choice(q)‖²`: production for a firm, the bundle for a consumer.
    public let changeSquared: Rational
}

/// The consumers and firms whose choices differ between `p` and `q`, the largest change first.
func choiceJumps(_ e: Economy, _ p: Vector, _ q: Vector) -> [ChoiceJump] {
    guard case .defined(let a) = e.market(at: p), case .defined(let b) = e.market(at: q) else { return [] }
    var jumps: [ChoiceJump] = []
    for f in e.firms.indices {
        let change = squaredNorm(a.supplies[f].production - b.supplies[f].production)
        if !change.isZero {
            jumps.append(ChoiceJump(subject: .firm(f), levelsAtP: a.supplies[f].levels.first ?? [],
                                    levelsAtQ: b.supplies[f].levels.first ?? [], changeSquared: change))
        }
    }
    for h in e.consumers.indices {
        let change = squaredNorm(a.demands[h].bundle - b.demands[h].bundle)
        if !change.isZero { jumps.append(ChoiceJump(subject: .consumer(h), levelsAtP: [], levelsAtQ: [], changeSquared: change)) }
    }
    return jumps.sorted { $0.changeSquared > $1.changeSquared }
}

/// The contraction condition at one step `η`, where the audit looked at
/// the steps besides its own (`ContractionOptions.stepRange`).
public struct StepCheck: Sendable, Hashable {
    public let step: Rational
    /// `contraction` (a certificate passed `ContractionChecker`), `not-a-contraction` (an exact expanding pair), or `undecided`.
    public let status: ContractionVerdict.Status
    /// The certified `L` at this step.
    public let modulus: Rational?
}

/// The steps `2^-k`, `k = 0…8`, each certified (a certificate found and
/// checked) or refuted (an exact expanding pair near `centre`) on its own,
/// while the budget lasts. `known` is the step already decided.
func stepRange(_ economy: Economy, centre: Vector, known: StepCheck, options: ContractionOptions) -> [StepCheck] {
    var out: [StepCheck] = []
    let budget = Budget.current
    for k in 0...8 {
        let eta = Rational(1, 1 << k)
        if eta == known.step { out.append(known); continue }
        if budget.isExhausted { out.append(StepCheck(step: eta, status: .undecided, modulus: nil)); continue }
        let norm = tangentNormUpperBound(of: economy, at: centre, step: eta, bits: 12)
        if let norm, norm < 1 {
            var limits = options.limits
            limits.maximumBoxes = min(limits.maximumBoxes, 400)
            if let c = searchContractionCertificate(economy, step: eta, centre: centre, limits: limits),
               case .success(let checked) = ContractionChecker.check(c, for: economy) {
                out.append(StepCheck(step: eta, status: .contraction, modulus: checked.modulus))
                continue
            }
        } else if TatonnementMap(economy: economy, step: eta).expansionWitness(around: centre, randomPairs: 50, maximumPairs: 300) != nil {
            out.append(StepCheck(step: eta, status: .notAContraction, modulus: nil))
            continue
        }
        out.append(StepCheck(step: eta, status: .undecided, modulus: nil))
    }
    if !out.contains(known) { out.append(known) }
    return out
}

/// The steps `2^-k`, `k = 0…8`, on the ball of a structured certificate:
/// the same box, curvature, stiffness and shift prove
/// `L(η) = max(1 − ημ, ηκ − 1) + ησ` for every `η < 2/(κ + σ)` (when
/// `σ < μ`); each step's certificate is checked on its own (the
/// invariance `‖Φ_η(c) − c‖ ≤ (1 − L(η)) r` depends on `η`). Steps where the
/// bound reaches 1 are `undecided` unless an expanding pair is found.
func structuredStepRange(_ economy: Economy, _ checked: CheckedContraction, status: ContractionVerdict.Status) -> [StepCheck] {
    let c = checked.certificate
    guard c.tree.count == 1, case .structured(let curvature, let stiffness, _) = c.tree[0],
          case .success(let enclosure) = economy.structuredExcessDemandJacobian(over: c.rootBox) else { return [] }
    let skew = structuredBounds(enclosure).skew
    var out: [StepCheck] = []
    let budget = Budget.current
    var steps = (0...8).map { Rational(1, 1 << $0) }
    if !steps.contains(c.step) { steps.append(c.step) }
    for eta in steps {
        if eta == c.step { out.append(StepCheck(step: eta, status: status, modulus: c.modulus)); continue }
        if budget.isExhausted { out.append(StepCheck(step: eta, status: .undecided, modulus: nil)); continue }
        let bound = max(1 - eta * curvature, eta * stiffness - 1) + eta * skew
        if bound < 1 {
            let candidate = ContractionCertificate(step: eta, centre: c.centre, radius: c.radius,
                                                   modulus: dyadicCeiling(bound, bits: 60), tree: c.tree)
            if candidate.modulus < 1, case .success(let ok) = ContractionChecker.check(candidate, for: economy) {
                out.append(StepCheck(step: eta, status: .contraction, modulus: ok.modulus))
                continue
            }
        } else if TatonnementMap(economy: economy, step: eta).expansionWitness(around: c.centre, randomPairs: 50, maximumPairs: 300) != nil {
            out.append(StepCheck(step: eta, status: .notAContraction, modulus: nil))
            continue
        }
        out.append(StepCheck(step: eta, status: .undecided, modulus: nil))
    }
    return out
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

public struct ContractionVerdict: TheoremVerdict {
    public static let theorem = TheoremID.contraction
    public let outcome: Outcome
    public enum Status: String, Sendable, Hashable {
        case contraction, notAContraction = "not-a-contraction", undecided
    }

    public let status: Status
    public var statusWord: String { status.rawValue }
    /// The contraction condition, then the hypotheses that make its fixed
    /// point an equilibrium (Walras' law: local non-satiation, complete
    /// profit distribution).
    public let hypotheses: [HypothesisCheck]
    /// The norm every bound is stated in.
    public let norm = "euclidean (compared through squares and dyadic square-root bounds)"
    /// `η`, and whether Walras chose it (no `--step` given).
    public let step: Rational
    public let stepWasChosen: Bool
    /// Present when the certificate passed `ContractionChecker`.
    public let checked: CheckedContraction?
    public let conclusion: ContractionConclusion?
    public let orbits: [BanachOrbitCheck]
    /// The square of the largest observed step ratio over all orbits.
    public let observedRateSquared: Rational?
    public let crossCheck: ContractionCrossCheck?
    public let witness: ExpansionWitness?
    /// With `ContractionOptions.stepRange`, on differentiable economies: the
    /// condition at every step `2^-k`, `k = 0…8`, this verdict's own included (and the step chosen, if smaller).
    public var stepRange: [StepCheck] = []
    /// Who changes its choice between the witness's two prices (largest change first).
    public var jumps: [ChoiceJump] = []
    public let divergentOrbit: DivergentOrbit?
    public let failedHypothesis: FailedHypothesis?
    public let reason: String

    /// The certified modulus `L`.
    public var modulus: Rational? { checked?.modulus }
    public var certificate: ContractionCertificate? { checked?.certificate }
    /// `‖centre − p*‖ ≤ fixedPointBound`, from the checked certificate.
    public var fixedPointBound: Rational? { checked?.fixedPointDistanceBound }
    /// Steps checked against Banach's bounds, over all orbits.
    public var iterations: Int { orbits.reduce(0) { $0 + $1.stepsChecked } }
    /// `not-a-contraction` refutes the contraction condition, which is what users ask about.
    public var refutesHypothesisOnly: Bool { status == .notAContraction }
    public var inconsistency: String? {
        if let failed = orbits.first(where: { !$0.passed }) {
            return "a certified contraction whose orbit breaks a Banach bound: \(failed.failure!)"
        }
        if case .disagrees = crossCheck { return "the search's exact equilibrium is in the region but not the Banach fixed point" }
        if case .enclosureDisagrees = crossCheck { return "the enclosed equilibrium is in the region but not the Banach fixed point" }
        return nil
    }
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
    /// Above this many commodities the dense tangent-norm path (an exact
    /// `n × n` matrix and its Cholesky tests, `O(n³)`) is not attempted; the
    /// structured bound (one box, linear in the economy) is used instead.
    public var maximumDenseGoods: Int
    /// Also decide the other steps `2^-k` (`k = 0…8`) on differentiable
    /// economies, within the stage's budget: where the condition holds (the audit).
    public var stepRange = false

    public init(step: Rational? = nil, limits: ContractionSearchLimits = ContractionSearchLimits(), orbitSteps: Int = 400,
                orbitBits: Int = 40, starts: Int = 4, maximumDenseGoods: Int = 40) {
        self.maximumDenseGoods = maximumDenseGoods
        self.step = step
        self.limits = limits
        self.orbitSteps = orbitSteps
        self.orbitBits = orbitBits
        self.starts = starts
    }

    /// The time the other steps get by default (`--stage-seconds step_range=S` overrides it).
    public static let stepRangeSeconds = Duration.seconds(10)

    /// The step used for refutation when none is given and no step makes `Φ` locally contracting.
    public static let refutationStep = Rational(1, 8)
}

/// **Convergence of the orchestrator's tâtonnement** (`contraction`).
///
/// Hypotheses: `contraction` (Banach): on a closed ball `R ⊆ Δ`,
/// `Φ(p) = proj_Δ(p + η z(p))` maps `R` into `R` and
/// `‖Φ(p) − Φ(q)‖ ≤ L‖p − q‖` with `L < 1`; and, for the fixed point to be
/// an equilibrium, Walras' law's hypotheses: `local_non_satiation` of every
/// consumer and `complete_profit_distribution` of every firm (a fixed
/// point has `z(p*) = λ·1` on its support and `z ≤ λ·1` off it, and
/// `p*·z(p*) = λ`, so `λ = 0` exactly where `p·z = 0`).
/// Conclusion: `Φ` has a unique fixed point `p*` in `R`, and from every
/// `p_0 ∈ R` the iterates satisfy `‖p_t − p*‖ ≤ Lᵗ‖p_0 − p*‖` (with
/// rounding: `+ ε(1 − Lᵗ)/(1 − L)`); `p*` is the unique equilibrium in `R`
/// only when Walras' law's hypotheses hold or the search's exact
/// equilibrium lies in `R` (then it is `p*`). Otherwise the outcome is
/// `not-applicable` and the report says what is proved: a unique fixed
/// point, not an equilibrium.
///
/// The step: `options.step`, or else, of the `η = 2^-k` (`k = 0…12`), the
/// four with the smallest Euclidean tangent norm `‖P(I + ηDz)P‖` at the
/// candidate are iterated to their fixed points, and the one with the
/// smallest norm there is taken when it is below 1; else `1/8`.
/// `contraction`: a certificate accepted by `ContractionChecker` (a
/// `CheckedContraction`), and both Banach bounds verified exactly at every
/// step from `options.starts` starts. `not-a-contraction`: an exact
/// expanding pair near the candidate (the contraction condition is
/// refuted). `undecided` otherwise, with the reason.
/// Notes: proofs-notes/convergence.md
public func checkContraction(_ economy: Economy, equilibrium: EquilibriumVerdict?,
                             options: ContractionOptions = ContractionOptions()) -> ContractionVerdict {
    let candidate = equilibrium?.equilibrium?.prices
    let exactEquilibrium = equilibrium?.checked?.certificate.prices
    let enclosedPrices = equilibrium?.enclosure?.prices
    let n = economy.commodityCount
    let walrasLaw = economy.localNonSatiationChecks + economy.profitDistributionChecks
    let start = candidate ?? Vector(repeating: Rational(1, n), count: n)
    let smooth = economy.nonDifferentiableAgents.isEmpty && start.entries.allSatisfy { $0.signum() > 0 }
    let dense = n <= options.maximumDenseGoods
    var step = options.step ?? ContractionOptions.refutationStep
    var pointNorm: Rational? = nil
    var centre: Vector? = nil
    let budget = Budget.current
    if smooth && dense {
        // The norm that matters is the one at the fixed point of each step's map, so iterate to it first.
        // Iterating is the costly part, so only the four steps most contracting at the candidate are iterated.
        let steps = options.step.map { [$0] } ?? (0...12).map { Rational(1, 1 << $0) }
        let ranked = budget.stage("step_selection").enforce {
            steps.compactMap { eta in
                Budget.current.isExhausted ? nil : tangentNormUpperBound(of: economy, at: start, step: eta, bits: 12).map { (eta, $0) }
            }
        }.sorted { $0.1 < $1.1 }.prefix(4).map(\.0)
        for eta in ranked where !budget.isExhausted {
            let fixed = budget.stage("orbits").enforce {
                TatonnementMap(economy: economy, step: eta).approximateFixedPoint(from: start, maximumSteps: 1500)
            }
            guard fixed.entries.allSatisfy({ $0.signum() > 0 }),
                  let norm = tangentNormUpperBound(of: economy, at: fixed, step: eta) else { continue }
            if pointNorm == nil || norm < pointNorm! { pointNorm = norm; step = eta; centre = fixed }
        }
        if options.step == nil, let norm = pointNorm, norm >= 1 { step = ContractionOptions.refutationStep }
    }
    var structuredReason: String? = nil
    var refutationCentre = start
    if smooth && !dense {
        // Too large for the dense bound: one structured box, in work linear in the economy, centred at
        // Newton's equilibrium (also where a refuting pair is looked for: what breaks a contraction of a
        // differentiable map is local).
        let outcome: StructuredSearchOutcome = budget.stage("contraction_certificate").enforce {
            // An exact equilibrium already proved is the best centre; Newton's otherwise (it declines above
            // `newtonMaximumGoods` commodities).
            let proved = exactEquilibrium.flatMap { $0.entries.allSatisfy({ $0.signum() > 0 }) ? $0 : nil }
            guard let centre = proved ?? newtonCentre(economy, from: candidate) else {
                return .none(reason: n > newtonMaximumGoods
                    ? "no equilibrium with every price positive to centre a ball on (Newton's method declines above \(newtonMaximumGoods) commodities)"
                    : "Newton's method found no equilibrium with every price positive to centre a ball on")
            }
            refutationCentre = centre
            return searchStructuredContractionCertificate(economy, step: options.step, centre: centre)
        }
        switch outcome {
        case .certificate(let certificate):
            return certified(certificate, "the structured contraction certificate") { structuredStepRange(economy, $0, status: $1) }
        case .none(let why):
            // Without a step of the user's, a pair that expands at some arbitrary step would refute nothing asked.
            guard let given = options.step else {
                return undecided("the structured contraction bound was not established: \(why)")
            }
            structuredReason = why
            step = given
        }
    }
    let map = TatonnementMap(economy: economy, step: step)

    if let norm = pointNorm, norm < 1, let centre {
        let (certificateBudget, limits) = budget.stage("contraction_certificate", for: options.limits)
        if let certificate = certificateBudget.enforce({ searchContractionCertificate(economy, step: step, centre: centre, limits: limits) }) {
            return certified(certificate, "the contraction certificate") { checked, status in
                stepRange(economy, centre: checked.centre,
                          known: StepCheck(step: step, status: status, modulus: checked.modulus), options: options)
            }
        }
        return undecided("at the fixed point the tangent norm is about \(norm.displayDouble) < 1, but no certified "
                         + "bound L < 1 was found on a ball around it within the budget "
                         + "(\(options.limits.maximumBoxes) boxes, \(options.limits.timeLimit) s)")
    }

    if let found = budget.stage("orbits").enforce({ map.expansionWitness(around: refutationCentre, localFirst: smooth && !dense) }) {
        // A pair that differs in two coordinates names what breaks the contraction; the search's pair may differ in all.
        let witness = budget.stage("orbits").enforce { map.localized(found) }
        let jumps = choiceJumps(economy, witness.p, witness.q)
        let anchor = exactEquilibrium ?? start
        // The longest first stretch of the orbit along which the distance to the equilibrium never falls.
        var orbit = map.orbit(from: witness.p, steps: 60, bits: options.orbitBits)
        var distances = orbit.map { squaredNorm($0 - anchor) }
        if let drop = distances.indices.dropLast().first(where: { distances[$0] > distances[$0 + 1] }) {
            orbit = Array(orbit.prefix(drop + 1))
            distances = Array(distances.prefix(drop + 1))
        }
        let never = orbit.count > DivergentOrbit.minimumSteps
        let differ = witness.p.indices.filter { witness.p[$0] != witness.q[$0] }
        let pair = n <= 6 ? "at p = \(witness.p), q = \(witness.q)"
            : "at prices p, q that differ in \(differ.count) of \(n) coordinates (listed below; both in full in --json)"
        let detail = "‖Φ(p) − Φ(q)‖² = \(witness.after.readable()) ≥ ‖p − q‖² = \(witness.before.readable()) " + pair
        let failed = FailedHypothesis(hypothesis: .contraction, subject: .economy, detail: "with η = \(step): " + detail)
        var reason = "Φ does not bring p and q closer, so it is no contraction and Banach's theorem does not apply"
        if let jump = economy.nonDifferentiableAgents.first, case .notDifferentiable(let agent, let kind) = jump {
            reason += "; excess demand is not Lipschitz: the choice of \(agent) (\(kind)) jumps between nearby prices"
        }
        if let jump = jumps.first {
            reason += "; between p and q the choice that moves most is that of \(economy.describe(jump.subject))"
                + (jumps.count > 1 ? " (and \(jumps.count - 1) other choice\(jumps.count == 2 ? " changes" : "s change"))" : "")
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
        var verdict = ContractionVerdict(outcome: .counterexample, status: .notAContraction,
                                  hypotheses: [HypothesisCheck(.contraction, .economy, .fails(witness: failed.detail))] + walrasLaw,
                                  step: step, stepWasChosen: options.step == nil, checked: nil, conclusion: nil,
                                  orbits: [], observedRateSquared: nil, crossCheck: nil, witness: witness,
                                  divergentOrbit: DivergentOrbit(iterates: orbit, squaredDistances: distances, anchor: anchor,
                                                                 anchorIsExactEquilibrium: exactEquilibrium != nil,
                                                                 neverApproaches: never,
                                                                 conservesScarfInvariants: invariants),
                                  failedHypothesis: failed, reason: reason)
        verdict.jumps = jumps
        if options.stepRange && smooth && dense {
            verdict.stepRange = budget.stage("step_range", limit: ContractionOptions.stepRangeSeconds).enforce {
                stepRange(economy, centre: centre ?? start, known: StepCheck(step: step, status: .notAContraction, modulus: nil),
                          options: options)
            }
        }
        return verdict
    }
    if let failure = economy.nonDifferentiableAgents.first {
        return undecided("no derivative bound: \(failure); and no expanding pair was found near the candidate equilibrium")
    }
    if let structuredReason {
        return undecided("the structured contraction bound was not established: \(structuredReason); "
                         + "and no expanding pair was found near the candidate equilibrium")
    }
    if smooth && !dense {
        return undecided("the tangent-norm bound needs an exact \(n) × \(n) matrix, and the dense bound is attempted only up to "
                         + "\(options.maximumDenseGoods) goods; no expanding pair was found near the candidate equilibrium")
    }
    return undecided("the tangent norm at the candidate is not below 1 for any step tried, yet no expanding pair was found")

    /// The verdict on a certificate: checked, then Banach's bounds and, in the audit, the step range.
    func certified(_ certificate: ContractionCertificate, _ what: String,
                   stepRange: (CheckedContraction, ContractionVerdict.Status) -> [StepCheck]) -> ContractionVerdict {
        switch ContractionChecker.check(certificate, for: economy) {
        case .failure(let why):
            return undecided("\(what) found was rejected by the checker: \(why)")
        case .success(let checked):
            var verdict = banach(economy, checked, walrasLaw: walrasLaw, exactEquilibrium: exactEquilibrium, enclosure: enclosedPrices,
                                 candidate: candidate, chosen: options.step == nil, options: options)
            if options.stepRange {
                verdict.stepRange = budget.stage("step_range", limit: ContractionOptions.stepRangeSeconds).enforce {
                    stepRange(checked, verdict.status)
                }
            }
            return verdict
        }
    }

    func undecided(_ why: String) -> ContractionVerdict {
        ContractionVerdict(outcome: .undecided, status: .undecided,
                           hypotheses: [HypothesisCheck(.contraction, .economy, .notChecked(reason: why))] + walrasLaw,
                           step: step, stepWasChosen: options.step == nil, checked: nil, conclusion: nil, orbits: [],
                           observedRateSquared: nil, crossCheck: nil, witness: nil, divergentOrbit: nil, failedHypothesis: nil,
                           reason: why)
    }
}

/// Banach's bounds along orbits from several starts in the certified
/// region, the cross-check against the search's equilibrium, and what the
/// fixed point is proved to be.
private func banach(_ economy: Economy, _ c: CheckedContraction, walrasLaw: [HypothesisCheck], exactEquilibrium: Vector?,
                    enclosure: [RationalInterval]? = nil, candidate: Vector?, chosen: Bool, options: ContractionOptions) -> ContractionVerdict {
    let n = economy.commodityCount
    let map = TatonnementMap(economy: economy, step: c.step)
    let rho = c.fixedPointDistanceBound
    var crossCheck: ContractionCrossCheck? = nil
    var anchor = c.centre, anchorRadius = rho
    var equilibriumInRegion = false
    if let e = exactEquilibrium {
        if c.regionContains(e) {
            let gap = squaredNorm(e - c.centre)
            if gap <= rho * rho {
                crossCheck = .exactEquilibriumIsFixedPoint(gapSquared: gap, rho: rho)
                anchor = e; anchorRadius = .zero
                equilibriumInRegion = true
            } else {
                crossCheck = .disagrees(gapSquared: gap, rho: rho)
            }
        } else {
            crossCheck = .exactEquilibriumOutside(e)
        }
    } else if let box = enclosure {
        // The farthest and nearest points of the box from the centre, coordinate by coordinate.
        var farthest = Rational.zero, nearest = Rational.zero
        for (x, m) in zip(box, c.centre.entries) {
            let (a, b) = ((x.lo - m).magnitude, (x.hi - m).magnitude)
            farthest += max(a, b) * max(a, b)
            if !x.contains(m) { nearest += min(a, b) * min(a, b) }
        }
        if farthest <= c.radius * c.radius {
            crossCheck = nearest <= rho * rho ? .enclosureIsFixedPoint(farthestSquared: farthest, rho: rho)
                : .enclosureDisagrees(nearestSquared: nearest, rho: rho)
        } else {
            crossCheck = .enclosureOutside
        }
    } else if let a = candidate, c.regionContains(a), let fa = map(a) {
        let bound = squaredNorm(fa - a).squareRootBounds(bits: 64).upper / (1 - c.modulus)
        crossCheck = .approximateWithin(bound: bound, rho: rho)
    }
    var orbits: [BanachOrbitCheck] = []
    // The grid of the iterates: fine enough that the rounding ε = √n·2^-bits stays 2^-12 below the
    // contraction's own step (1 − L)·r, so that rates are observed above the noise (small balls, large n).
    var bits = options.orbitBits
    while bits < 60, Rational(n) * Rational(BigInt(4).power(12)) > (1 - c.modulus) * (1 - c.modulus) * c.radius * c.radius * Rational(BigInt(4).power(bits)) {
        bits += 1
    }
    // The first `starts` ordered pairs (i, j), i ≠ j, generated rather than listed: n² of them would not fit.
    let pairs = (0..<n).lazy.flatMap { i in (0..<n).lazy.filter { $0 != i }.map { (i, $0) } }
    for (i, j) in pairs.prefix(options.starts) {
        let offset = (c.radius / 2) * (Vector.unit(i, count: n) - Vector.unit(j, count: n))
        let start = roundToDyadicSimplex(c.centre + offset, bits: bits)
        orbits.append(c.checkBanachBounds(from: start, anchor: anchor, anchorRadius: anchorRadius,
                                          maximumSteps: options.orbitSteps, bits: bits))
    }
    let rate = orbits.compactMap(\.observedRateSquared).max()
    let condition = HypothesisCheck(.contraction, .economy,
                                    .holds(evidence: "L = \(c.modulus) on the ball of radius \(c.radius) around the fixed "
                                           + "point, invariant; checked by ContractionChecker"))
    let hypotheses = [condition] + walrasLaw
    if let failed = orbits.first(where: { !$0.passed }) {
        return ContractionVerdict(outcome: .undecided, status: .undecided, hypotheses: hypotheses, step: c.step,
                                  stepWasChosen: chosen, checked: c, conclusion: nil, orbits: orbits, observedRateSquared: rate,
                                  crossCheck: crossCheck, witness: nil, divergentOrbit: nil, failedHypothesis: nil,
                                  reason: "a Banach bound failed from \(failed.start): \(failed.failure!) — the certificate "
                                      + "and the orbit disagree; please report it")
    }
    let proved = "Φ is a contraction with L = \(c.modulus) (≈ \(c.modulus.displayDouble)) on the ball of radius "
        + "\(c.radius.displayDouble) around its fixed point, which it maps into itself (\(c.certificate.boundedBoxCount) boxes "
        + "checked); Banach's bounds held at all \(orbits.reduce(0) { $0 + $1.stepsChecked }) steps from \(orbits.count) starts"
    if walrasLaw.allHold || equilibriumInRegion {
        let why = equilibriumInRegion ? "the search's exact equilibrium lies in the ball, so it is the fixed point"
            : "Walras' law holds (every consumer locally non-satiated, every firm's profit fully distributed), so the fixed point is an equilibrium"
        return ContractionVerdict(outcome: .holds, status: .contraction, hypotheses: hypotheses, step: c.step,
                                  stepWasChosen: chosen, checked: c, conclusion: .uniqueEquilibrium, orbits: orbits,
                                  observedRateSquared: rate, crossCheck: crossCheck, witness: nil, divergentOrbit: nil,
                                  failedHypothesis: nil,
                                  reason: proved + "; the tâtonnement converges geometrically to the unique equilibrium in "
                                      + "the ball: " + why)
    }
    let open = walrasLaw.firstOpen!
    return ContractionVerdict(outcome: .notApplicable, status: .contraction, hypotheses: hypotheses, step: c.step,
                              stepWasChosen: chosen, checked: c, conclusion: .uniqueFixedPointOnly(open), orbits: orbits,
                              observedRateSquared: rate, crossCheck: crossCheck, witness: nil, divergentOrbit: nil,
                              failedHypothesis: open.status.fails
                                  ? FailedHypothesis(hypothesis: open.hypothesis, subject: open.subject, detail: open.status.detail)
                                  : nil,
                              reason: proved + "; Φ has a unique fixed point in this ball, but it is not claimed to be an "
                                  + "equilibrium, because \(open.hypothesis.id) \(open.status.word) for "
                                  + "\(economy.describe(open.subject)): \(open.status.detail)")
}
