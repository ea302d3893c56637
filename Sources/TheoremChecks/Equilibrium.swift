public import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumSearch
public import EquilibriumCertificates
public import EnclosureCertificates
public import ContractionCertificates
public import WelfareSolvers
import Budgets

/// How an exact equilibrium was found (the proof is always the checker's).
public enum EquilibriumRoute: String, Sendable, Hashable {
    /// Exactified from the last zero of the vector-labelled search (Merrill).
    case vectorLabelledSearch = "vector-labelled-search"
    /// Exactified from the simplicial search's completely labelled simplex.
    case simplicialSearch = "simplicial-search"
    /// One consumer: the planner's optimum with a supporting price.
    case plannerOptimum = "planner-optimum"
    /// One Leontief or linear consumer at any size: the planner's sparse LP,
    /// solved by QSopt_ex, its duals as the price.
    case plannerLP = "planner-lp"
    /// Two consumers, one Leontief: the Pareto optimum needing no transfer.
    case negishi
    /// Two goods: met while cutting the price line for a non-existence proof.
    case priceLine = "price-line"
    /// Differentiable excess demand: Newton's method in floating point, exactified.
    case newton
    /// A pure Cobb–Douglas exchange economy: every equilibrium prices every
    /// good, so its regime is known without a search, and its linear system
    /// is solved exactly (`cobbDouglasExchangeEquilibrium`). Tried when the
    /// vector-labelled search did not decide (thousands of goods).
    case closedForm = "closed-form"
    /// An irrational equilibrium enclosed in a box by Krawczyk's operator
    /// (from the regime of an approximate equilibrium, or from the census).
    case krawczyk
}

/// Budgets of the equilibrium check; the audit and the harness each pass
/// one, and nothing else differs between them.
public struct EquilibriumOptions: Sendable, Hashable {
    /// The vector-labelled search, tried first, at any size.
    public var vectorSearch: VectorSearchLimits
    public var search: SearchLimits
    /// Economies with more commodities are not searched simplicially (the
    /// exact planner routes still run).
    public var searchMaxGoods: Int
    /// LPs and variables per LP of the planner and Negishi routes.
    public var plannerPrograms: Int
    public var plannerVariables: Int
    /// Bisection steps of the Negishi route.
    public var negishiIterations: Int
    /// The widest interval of an enclosure (`--enclosure-width`).
    public var enclosureWidth: Rational
    /// Look for every equilibrium (`--all-equilibria`): a census of small economies.
    public var allEquilibria: Bool
    public var census: CensusLimits

    public init(vectorSearch: VectorSearchLimits = VectorSearchLimits(),
                search: SearchLimits = SearchLimits(targetMesh: 1 << 24, maximumPivots: 2_000_000, timeLimit: 60),
                searchMaxGoods: Int = 24, plannerPrograms: Int = 64, plannerVariables: Int = 600, negishiIterations: Int = 40,
                enclosureWidth: Rational = Rational(1, 1 << 60), allEquilibria: Bool = false, census: CensusLimits = CensusLimits()) {
        self.vectorSearch = vectorSearch
        self.search = search
        self.searchMaxGoods = searchMaxGoods
        self.plannerPrograms = plannerPrograms
        self.plannerVariables = plannerVariables
        self.negishiIterations = negishiIterations
        self.enclosureWidth = enclosureWidth
        self.allEquilibria = allEquilibria
        self.census = census
    }

    /// The sweep's budget: small enough for hundreds of economies. Pivots,
    /// not seconds, bound it, so a seed's verdict is the same on every
    /// machine (the time limit is only a safety net).
    public static let sweep = EquilibriumOptions(vectorSearch: VectorSearchLimits(maximumPivots: 30_000, timeLimit: 60),
                                                 search: SearchLimits(targetMesh: 1 << 14, maximumPivots: 30_000, timeLimit: 60))
}

public struct EquilibriumVerdict: TheoremVerdict {
    /// `found` (a checked exact certificate), `none-exists` (a proof),
    /// `approximate` (a price with its exact error; existence itself is
    /// claimed only when `existenceByTheorem`), or `undecided`.
    public enum Status: String, Sendable, Hashable {
        case found, noneExists = "none-exists", approximate, undecided
    }

    public static let theorem = TheoremID.equilibrium
    public let outcome: Outcome
    public let status: Status
    public let hypotheses: [HypothesisCheck]
    /// The point reported: the exact equilibrium when `checked` is present,
    /// else the best approximate one.
    public let equilibrium: ApproximateEquilibrium?
    /// Present when `status == .found` and the equilibrium is exact: what the checker accepted, with no transfer.
    public let checked: CheckedEquilibrium?
    /// Present when `status == .found` and the equilibrium is known by an
    /// enclosure only: what `EnclosureChecker` accepted.
    public var enclosure: CheckedEnclosure? = nil
    /// With `--all-equilibria`: every equilibrium, as far as the census proves.
    public var census: EquilibriumCensus? = nil
    public let route: EquilibriumRoute?
    /// Present exactly when `status == .noneExists`.
    public let proof: NonExistenceProof?
    /// `true` when every hypothesis of Arrow–Debreu's theorem was
    /// established, so an equilibrium exists whether or not one was found.
    public let existenceByTheorem: Bool
    /// For an approximate point: the error below which it is reported as
    /// `approximate` at the mesh reached (`1/√D`), else `undecided`.
    public let tolerance: Rational?
    public let steps: [MeshStep]
    public let statistics: SearchStatistics
    /// The vector-labelled search's work, when it ran.
    public let vectorStatistics: VectorSearchStatistics?
    /// Whether the simplicial search ran (it is skipped above `searchMaxGoods`).
    public let searched: Bool
    public let reason: String

    /// `exact` or `enclosure` when proved, `approximate` for an approximate point, else nil.
    public var certificateKind: String? {
        checked != nil ? "exact" : enclosure != nil ? "enclosure" : (status == .approximate ? "approximate" : nil)
    }

    /// `true` when an equilibrium is proved, exactly or by an enclosure.
    public var isProved: Bool { checked != nil || enclosure != nil }

    public var statusWord: String { status.rawValue }
}

/// **Existence of a Walrasian equilibrium** (`equilibrium`), constructively.
///
/// Hypotheses (Arrow–Debreu 1954, in finite form), each listed with its
/// status: local non-satiation, convex preferences, positive endowments
/// (survival), convex production, bounded production (no output from
/// nothing), complete profit distribution.
/// Conclusion: a price `p*` with `z(p*) ≤ 0` and `p*_i z_i(p*) = 0`.
/// Checked: `found` (certificate `exact`) only for an `EquilibriumCertificate`
/// with no transfer that `EquilibriumChecker` accepted — exactified from the
/// vector-labelled search's last zero or the simplicial search's completely
/// labelled simplex, from Newton's zero, from a Cobb–Douglas exchange
/// economy's linear system, from the planner's optimum, its
/// sparse LP or the Negishi optimum with a supporting price, or met on the
/// price line; `found` (certificate `enclosure`) only for a box that
/// `EnclosureChecker` accepted. `none-exists` only with a non-existence
/// certificate that `NonExistenceChecker` accepted (`proof.checked`).
/// An approximately clearing price is `approximate` (with its exact error)
/// when its error is within `1/√D` at the mesh `1/D` reached, else
/// `undecided`; it is evidence of existence only when every hypothesis
/// holds (`existenceByTheorem`, outcome `holds`), else the outcome is
/// `undecided`. Assumed: nothing else. Notes: proofs-notes/existence.md
public func checkEquilibrium(_ economy: Economy, options: EquilibriumOptions = EquilibriumOptions(),
                             progress: (MeshStep, SearchStatistics) -> Void = { _, _ in }) -> EquilibriumVerdict {
    var verdict = locateEquilibrium(economy, options: options, progress: progress)
    guard options.allEquilibria else { return verdict }
    let census = Budget.current.stage("census").enforce {
        equilibriumCensus(economy, width: options.enclosureWidth, limits: options.census)
    }
    verdict.census = census
    // The census proves existence when the other routes did not.
    if !verdict.isProved, let first = census.members.first {
        let hypotheses = verdict.hypotheses
        if let exact = first.exact {
            let c = exact.certificate
            verdict = EquilibriumVerdict(
                outcome: .holds, status: .found, hypotheses: hypotheses,
                equilibrium: ApproximateEquilibrium(prices: c.prices, allocation: c.allocation, production: c.production,
                                                    levels: c.levels, excessDemand: exact.excessDemand),
                checked: exact, route: .krawczyk, proof: nil, existenceByTheorem: verdict.existenceByTheorem, tolerance: nil,
                steps: verdict.steps, statistics: verdict.statistics, vectorStatistics: verdict.vectorStatistics, searched: verdict.searched,
                reason: "the census of every equilibrium enclosed this one, and a rational point of its box passed the checker; "
                    + "proved a Walrasian equilibrium (no transfer) by the checker")
        } else {
            verdict = EquilibriumVerdict(
                outcome: .holds, status: .found, hypotheses: hypotheses, equilibrium: pointOf(first.enclosure, in: economy),
                checked: nil, route: .krawczyk, proof: nil, existenceByTheorem: verdict.existenceByTheorem, tolerance: nil,
                steps: verdict.steps, statistics: verdict.statistics, vectorStatistics: verdict.vectorStatistics, searched: verdict.searched,
                reason: "the census of every equilibrium: " + enclosureSummary(first.enclosure))
            verdict.enclosure = first.enclosure
        }
        verdict.census = census
    }
    return verdict
}

func locateEquilibrium(_ economy: Economy, options: EquilibriumOptions,
                       progress: (MeshStep, SearchStatistics) -> Void) -> EquilibriumVerdict {
    let hypotheses = existenceHypotheses(economy)
    let byTheorem = hypotheses.allHold
    let n = economy.commodityCount

    var outcome: SearchOutcome? = nil
    var steps: [MeshStep] = [], stats = SearchStatistics()
    var best: ApproximateEquilibrium? = nil
    var searchNote: String
    var stalled = false
    var tolerance: Rational? = nil

    // The vector-labelled search first: it scales, and near a regular
    // equilibrium each refinement costs about n pivots. Untrusted: its last
    // zero is exactified and judged by the checker.
    var vectorStatistics: VectorSearchStatistics? = nil
    var vectorNote = ""
    let budget = Budget.current
    // Where an exact planner route applies, the searches get half of what is
    // left, so that they cannot spend the time of the route that would
    // decide (small agent economies with one Leontief orchestrator). Time
    // the user gave a search by name (--stage-seconds) is kept as given.
    var searches = budget
    if budget.overrides["vector_search"] == nil, budget.overrides["simplicial_search"] == nil,
       economy.consumers.count == 1, economy.firms.indices.allSatisfy({ economy.shareTotal(ofFirm: $0) == 1 }),
       plannerRoutesDecline(economy, maximumVariables: options.plannerVariables) == nil, let left = budget.remainingSeconds {
        searches = budget.stage("searches", limit: .seconds(clamping: left / 2))
    }
    let (vectorBudget, vectorLimits) = searches.stage("vector_search", for: options.vectorSearch)
    switch vectorBudget.enforce({ VectorLabelledSearch(economy: economy, limits: vectorLimits).run() }) {
    case .exact(let checked, let st):
        vectorStatistics = st
        return found(checked, route: .vectorLabelledSearch,
                     note: "Merrill's vector-labelled search: \(st.cycles) cycles to mesh 2^-\(st.meshBitsReached), "
                         + "\(st.pivots) pivots, exactified")
    case .found(let candidate, let st):
        vectorStatistics = st
        vectorNote = "Merrill's vector-labelled search: \(st.cycles) cycles to mesh 2^-\(st.meshBitsReached), "
            + "\(st.pivots) pivots" + (st.stoppedEarly.map { " (stopped: \($0))" } ?? "") + ", not exactified; "
        if let corner = falseCorner(economy, near: candidate.prices,
                                    within: Rational(n, 1 << min(st.meshBitsReached, 30))) {
            vectorNote += "its zero is no equilibrium: " + corner + "; "
        } else if n > options.searchMaxGoods {
            best = candidate
            tolerance = Rational(1, 1 << max(1, min(st.meshBitsReached, 60) / 2))
        }
    case .undecided(let why, let st):
        vectorStatistics = st
        vectorNote = "the vector-labelled search stopped: \(why); "
    case .notApplicable(let why):
        vectorNote = "the vector-labelled search does not apply: \(why); "
    }

    // A Cobb–Douglas exchange economy too large for the search to finish a cycle: its regime (every good
    // priced) needs no search. The exact solve is untrusted; `found` needs the checker's acceptance.
    if let p = searches.stage("closed_form").enforce({ economy.cobbDouglasExchangeEquilibrium() }),
       let checked = economy.checkedEquilibrium(at: p), checked.isWalrasian {
        return found(checked, route: .closedForm, note: vectorNote + "the linear system of a Cobb–Douglas exchange economy, solved exactly")
    }

    // The simplicial search with integer labels, where the size allows it.
    if n <= options.searchMaxGoods {
        let (searchBudget, limits) = searches.stage("simplicial_search", for: options.search)
        outcome = searchBudget.enforce { SimplicialSearch(economy: economy, limits: limits).run(progress: progress) }
    }
    switch outcome {
    case nil:
        searchNote = vectorNote + "the simplicial search was not run: \(n) commodities exceed --search-max-goods \(options.searchMaxGoods)"
    case .found(let b, let s, let st)?:
        steps = s; stats = st; best = b
        searchNote = vectorNote + "a completely labelled simplex at mesh 1/\(st.meshReached)"
        // Completely labelled simplices near an equilibrium have an error that
        // shrinks with the mesh; one that stalls is evidence of nothing.
        if let corner = falseCorner(economy, near: b.prices, within: Rational(n, st.meshReached)) {
            stalled = true
            searchNote = vectorNote + "completely labelled simplices converge to a boundary point that is no equilibrium: " + corner
        } else if !b.equilibriumError.isZero, s.count >= 8 {
            let middle = s[s.count / 2].best?.equilibriumError ?? b.equilibriumError
            if b.equilibriumError * 2 > middle {
                stalled = true
                searchNote = "completely labelled simplices do not converge: the equilibrium error is \(b.equilibriumError) "
                    + "at mesh 1/\(s.last!.mesh) and \(middle) at mesh 1/\(s[s.count / 2].mesh)"
            }
        }
        if !stalled, let checked = economy.exactEquilibrium(near: b, finestMesh: st.meshReached), checked.isWalrasian {
            return found(checked, route: .simplicialSearch, note: searchNote + ", exactified")
        }
    case .undecided(let why, let s, let st)?:
        steps = s; stats = st
        let bestStep = s.filter { $0.best != nil }.min { $0.best!.equilibriumError < $1.best!.equilibriumError }
        best = bestStep?.best
        searchNote = vectorNote + "the simplicial search stopped: \(why)"
        // A search stopped by a limit can stop near a false corner too: its best point is then no evidence.
        if let step = bestStep, let b = step.best, let corner = falseCorner(economy, near: b.prices, within: Rational(n, step.mesh)) {
            stalled = true
            searchNote += "; its simplices converge to a boundary point that is no equilibrium: " + corner
        }
    case .improperLabelling(let v, let l)?:
        // Never expected: the labelling is proper by construction. Say so, never "found".
        searchNote = "internal error: improper label \(l) at \(v)"
    }

    // Differentiable excess demand: Newton's method from the searches' best point, exactified.
    var newtonPrice: Vector? = nil
    if economy.nonDifferentiableAgents.isEmpty, !stalled {
        // Floating point only seeds the untrusted solver; `found` still needs the checker's acceptance.
        let start = best?.prices.entries.allSatisfy({ $0.signum() > 0 }) == true ? best?.prices.entries.map(\.displayDouble) : nil
        let newton = searches.stage("newton")
        if let p = newton.enforce({ newtonEquilibriumPrices(economy, from: start) }) {
            newtonPrice = exactPrice(p, bits: 52)
            if let checked = newton.enforce({ newtonExactEquilibrium(economy, prices: p) }), checked.isWalrasian {
                return found(checked, route: .newton, note: searchNote + "; Newton's method on excess demand, exactified")
            }
        }
    }

    // The exact planner routes (one consumer; two, one of them Leontief).
    let plannerBudget = budget.stage("planner")
    if let checked = plannerBudget.enforce({ plannerEquilibrium(economy, maximumPrograms: options.plannerPrograms,
                                                                maximumVariables: options.plannerVariables) }),
       checked.isWalrasian {
        return found(checked, route: .plannerOptimum, note: searchNote)
    }
    if let checked = plannerBudget.enforce({ twoConsumerEquilibrium(economy, iterations: options.negishiIterations,
                                                                    maximumVariables: options.plannerVariables) }),
       checked.isWalrasian {
        return found(checked, route: .negishi, note: searchNote)
    }
    if let checked = plannerBudget.enforce({ sparsePlannerEquilibrium(economy, beyond: options.plannerVariables) }),
       checked.isWalrasian {
        return found(checked, route: .plannerLP, note: searchNote)
    }
    if plannerBudget.isExhausted {
        searchNote += "; the planner routes stopped at the end of their budget (--stage-seconds planner=S)"
    } else if let why = plannerRoutesDecline(economy, maximumVariables: options.plannerVariables) {
        searchNote += "; the exact planner routes do not apply: " + why
    }

    // An irrational equilibrium: the regime of the best point found, enclosed by Krawczyk's operator.
    // Newton's floating-point price only seeds the untrusted enclosure search; `found` needs
    // `EnclosureChecker`'s acceptance, in exact arithmetic.
    let enclosureBudget = budget.stage("enclosure")
    if !stalled, !enclosureBudget.isExhausted, let start = newtonPrice ?? best?.prices,
       let enclosure = enclosureBudget.enforce({ enclosedEquilibrium(economy, near: start, width: options.enclosureWidth) }) {
        return foundEnclosure(enclosure, note: searchNote + (newtonPrice != nil ? "; Newton's method on excess demand" : ""))
    }

    // Non-existence, by a certificate that `NonExistenceChecker` accepted, and only then.
    var declined: String? = nil
    switch budget.stage("non_existence").enforce({ searchNonExistence(economy) }) {
    case .proved(let proof):
        return EquilibriumVerdict(outcome: .counterexample, status: .noneExists, hypotheses: hypotheses,
                                  equilibrium: best, checked: nil, route: nil, proof: proof, existenceByTheorem: byTheorem,
                                  tolerance: nil, steps: steps, statistics: stats, vectorStatistics: vectorStatistics, searched: outcome != nil,
                                  reason: searchNote + "; no equilibrium exists: " + proof.checked.certificate.summary
                                      + ", a certificate accepted by the non-existence checker")
    case .equilibrium(let checked) where checked.isWalrasian:
        return found(checked, route: .priceLine, note: searchNote)
    case .equilibrium: break
    case .declined(let why): declined = why
    }
    // An approximate point, honestly labelled.
    if stats.meshReached > 0 { tolerance = approximationTolerance(mesh: stats.meshReached) }
    let hypothesisNote = byTheorem
        ? "every hypothesis of Arrow–Debreu's theorem holds, so an equilibrium exists (not located exactly)"
        : "existence is not established: \(describeOpen(hypotheses, economy))"
    if let b = best, !stalled, let tolerance, b.equilibriumError <= tolerance {
        return EquilibriumVerdict(outcome: byTheorem ? .holds : .undecided, status: .approximate, hypotheses: hypotheses,
                                  equilibrium: b, checked: nil, route: nil, proof: nil, existenceByTheorem: byTheorem,
                                  tolerance: tolerance, steps: steps, statistics: stats, vectorStatistics: vectorStatistics, searched: outcome != nil,
                                  reason: searchNote + "; the best price found has equilibrium error \(b.equilibriumError) "
                                      + "(≤ \(tolerance)), not proved exact; " + hypothesisNote)
    }
    var why = searchNote
    if let b = best, let tolerance, b.equilibriumError > tolerance, !stalled {
        why += "; the best price found has equilibrium error \(b.equilibriumError), above the tolerance \(tolerance) of the mesh"
    }
    if stalled, let declined { why += "; non-existence is not proved either: \(declined)" }
    return EquilibriumVerdict(outcome: .undecided, status: .undecided, hypotheses: hypotheses,
                              equilibrium: best, checked: nil, route: nil, proof: nil, existenceByTheorem: byTheorem,
                              tolerance: tolerance, steps: steps, statistics: stats, vectorStatistics: vectorStatistics, searched: outcome != nil,
                              reason: why + "; " + hypothesisNote)

    func foundEnclosure(_ enclosure: CheckedEnclosure, note: String) -> EquilibriumVerdict {
        var v = EquilibriumVerdict(outcome: .holds, status: .found, hypotheses: hypotheses, equilibrium: pointOf(enclosure, in: economy),
                                   checked: nil, route: .krawczyk, proof: nil, existenceByTheorem: byTheorem, tolerance: nil,
                                   steps: steps, statistics: stats, vectorStatistics: vectorStatistics, searched: outcome != nil,
                                   reason: note + "; " + enclosureSummary(enclosure))
        v.enclosure = enclosure
        return v
    }

    func found(_ checked: CheckedEquilibrium, route: EquilibriumRoute, note: String) -> EquilibriumVerdict {
        let c = checked.certificate
        let point = ApproximateEquilibrium(prices: c.prices, allocation: c.allocation, production: c.production,
                                           levels: c.levels, excessDemand: checked.excessDemand)
        let how: String
        switch route {
        case .simplicialSearch, .vectorLabelledSearch, .newton, .krawczyk, .closedForm: how = note
        case .plannerOptimum:
            how = note + "; found as the single consumer's planner optimum (exact LPs) with a supporting price"
        case .plannerLP:
            how = note + "; found as the single consumer's planner optimum: one sparse exact LP (QSopt_ex, untrusted), "
                + "its duals the price"
        case .negishi:
            how = note + "; found as the Pareto optimum at which no transfer is needed (Negishi; exact LPs)"
        case .priceLine:
            how = note + "; found at a cut of the price line, where optimal choices clear exactly"
        }
        return EquilibriumVerdict(outcome: .holds, status: .found, hypotheses: hypotheses, equilibrium: point,
                                  checked: checked, route: route, proof: nil, existenceByTheorem: byTheorem, tolerance: nil,
                                  steps: steps, statistics: stats, vectorStatistics: vectorStatistics, searched: outcome != nil,
                                  reason: how + "; proved a Walrasian equilibrium (no transfer) by the checker")
    }
}

/// `2^-k` with `4^k ≤ D < 4^(k+1)`: about `1/√D`. A completely labelled
/// simplex of mesh `1/D` bounds the error by `L/D` when excess demand is
/// `L`-Lipschitz; an error above `1/√D` means `L > √D` there, which we
/// refuse to call approximately clearing.
public func approximationTolerance(mesh: Int) -> Rational {
    var k = 0
    while k < 31 && (1 << (2 * (k + 1))) <= mesh { k += 1 }
    return Rational(1, 1 << k)
}

/// The hypotheses of Arrow–Debreu's existence theorem, each checked exactly.
public func existenceHypotheses(_ e: Economy) -> [HypothesisCheck] {
    e.localNonSatiationChecks + e.convexPreferenceChecks + e.positiveEndowmentChecks + e.convexProductionChecks
        + boundedProductionChecks(e) + e.profitDistributionChecks
}

/// Bounded production per firm: bounded activities, discrete modes and
/// capped quadratic costs produce a bounded set; a constant-returns cone
/// is not checked (it needs a price `p ≫ 0` at which every activity loses
/// money, which no code here establishes yet).
func boundedProductionChecks(_ e: Economy) -> [HypothesisCheck] {
    e.firms.indices.map { f in
        switch e.firms[f].technology {
        case .activities(let acts, let bound):
            if bound != nil { return HypothesisCheck(.boundedProduction, .firm(f), .holds(evidence: "activity levels are bounded")) }
            if acts.allSatisfy({ a in a.entries.allSatisfy { $0.signum() <= 0 } }) {
                return HypothesisCheck(.boundedProduction, .firm(f), .holds(evidence: "no activity has an output"))
            }
            if let a = acts.first(where: { a in a.entries.allSatisfy { $0.signum() >= 0 } && a.entries.contains { $0.signum() > 0 } }) {
                return HypothesisCheck(.boundedProduction, .firm(f), .fails(witness: "the activity \(a) produces from nothing"))
            }
            return HypothesisCheck(.boundedProduction, .firm(f),
                                   .notChecked(reason: "constant returns to scale: boundedness of the attainable set is not checked"))
        case .discreteModes:
            return HypothesisCheck(.boundedProduction, .firm(f), .holds(evidence: "finitely many modes"))
        case .quadraticCost:
            return HypothesisCheck(.boundedProduction, .firm(f), .holds(evidence: "outputs are capped"))
        }
    }
}

/// `hypothesis 'id' fails for consumer 'c' (witness)`, for the first open hypothesis.
func describeOpen(_ checks: [HypothesisCheck], _ e: Economy) -> String {
    guard let open = checks.firstOpen else { return "every hypothesis holds" }
    let count = checks.filter { !$0.status.holds }.count
    let more = count > 1 ? " (and \(count - 1) more)" : ""
    return "\(open.hypothesis.id) \(open.status.word) for \(e.describe(open.subject)): \(open.status.detail)\(more)"
}


/// Completely labelled simplices exist at every mesh (Sperner), equilibrium
/// or not. Where some consumer's income and wanted goods' prices vanish
/// together, excess demand can tend to a clearing value while, at the limit
/// price itself, that consumer's demand is unbounded: the simplices then
/// converge to a point that is no equilibrium (proofs-notes/existence.md,
/// "False corners"). Returns that point and why, when `p` is within
/// `radius` of such a boundary point: the coordinates at most `radius`
/// set to 0, the rest renormalised, and demand unbounded there.
func falseCorner(_ e: Economy, near p: Vector, within radius: Rational) -> String? {
    let kept = p.entries.map { $0 <= radius ? Rational.zero : $0 }
    let total = kept.reduce(Rational.zero, +)
    guard total.signum() > 0, kept != p.entries else { return nil }
    let corner = Vector(kept.map { $0 / total })
    guard case .undefined(let agent, let u) = e.market(at: corner), u.isDemand else { return nil }
    return "the prices tend to \(corner), where the demand of \(agent) for \(e.commodities[u.good]) is unbounded (\(u.because))"
}

/// Newton's method on excess demand (untrusted, floating point), its zero
/// rounded to the dyadic simplex `2^-52` and exactified
/// (`exactEquilibrium(near:)`: the price itself and the simplest rationals
/// near it, each judged by the checker), else carried past floating point
/// and exactified there (`polishedExactEquilibrium`).
func newtonExactEquilibrium(_ economy: Economy, prices p: [Double]) -> CheckedEquilibrium? {
    guard let price = exactPrice(p, bits: 52), let approximate = economy.bestSelection(at: price) else { return nil }
    return economy.exactEquilibrium(near: approximate, finestMesh: 1 << 48) ?? polishedExactEquilibrium(economy, near: p)
}

/// One line on an enclosure: its width, its regime, and what the checker proved.
func enclosureSummary(_ e: CheckedEnclosure) -> String {
    let regime = e.certificate.regime
    var parts: [String] = []
    if !regime.freeGoods.isEmpty { parts.append("free goods " + regime.freeGoods.map { e.economy.commodities[$0] }.joined(separator: ", ")) }
    if !regime.activeActivities.isEmpty {
        parts.append("active activities " + regime.activeActivities.map { "\(e.economy.firms[$0.firm].name)#\($0.activity)" }.joined(separator: ", "))
    }
    if !regime.cappedOutputs.isEmpty {
        parts.append("capped outputs " + regime.cappedOutputs.map { "\(e.economy.firms[$0.firm].name):\(e.economy.commodities[$0.good])" }
            .joined(separator: ", "))
    }
    return "an equilibrium is enclosed in a box of width ≤ 2^\(widthExponent(e.width)) (regime: "
        + (parts.isEmpty ? "every price positive, no activity, no capacity binding" : parts.joined(separator: "; "))
        + "): Krawczyk's operator maps the box into its interior, so it holds exactly one zero of the regime's system, "
        + "and the regime's inequalities hold on the whole box; proved by the enclosure checker"
}

/// The least `k` with `2^k ≥ w` (w > 0), for reports.
public func widthExponent(_ w: Rational) -> Int {
    var k = 0
    var x = w
    while x < 1 { x *= 2; k -= 1 }
    while x > 1 { x /= 2; k += 1 }
    return k
}

/// The market at the enclosure's centre (the priced goods' prices
/// renormalised): a point for reports and for seeds, never evidence.
func pointOf(_ e: CheckedEnclosure, in economy: Economy) -> ApproximateEquilibrium? {
    let p = Vector(e.prices.map(\.midpoint))
    let total = p.entries.reduce(Rational.zero, +)
    guard total.signum() > 0 else { return nil }
    return economy.bestSelection(at: (1 / total) * p)
}
