public import ExactArithmetic
public import ExactLinearAlgebra
public import ExactJSON
public import AgentEconomy
import EconomyModel
import WelfareSolvers
public import TheoremChecks
import ContractionCertificates
import Foundation

/// One `V_K` of a Galerkin refinement: the agent economy's data projected
/// onto `K` bins, and its equilibrium.
public struct RefinementStep: Sendable {
    public let bins: Int
    public let commodities: Int
    /// The equilibrium verdict's word (`found`, `approximate`, …).
    public let status: String
    /// Basis coefficients of the equilibrium price functions, block by block
    /// (every agent-metric and resource trajectory, then the task goods'
    /// prices), when the equilibrium is exact; nil otherwise.
    public let functions: Vector?
    /// The equilibrium verdict's reason, shown when it is not exact.
    public let reason: String
    public let seconds: Double
}

/// `walras audit --refine K1,K2,…`: is the equilibrium converging as `K` grows?
///
/// Each `K` gets the file's data projected onto `K` bins (averages: the
/// L²-orthogonal projection onto `V_K`) and its own equilibrium verdict;
/// where an exact planner route applies, that route alone decides, so the
/// equilibrium compared is the same on every machine.
/// Prices are normalised on the simplex of commodity prices, which for
/// price functions reads `Σ_blocks ∫_0^T p(t) dt + Σ_budgets π_b + Σ_paths π_path = 1`: the
/// same normalisation at every `K`, so successive equilibria compare.
/// Between successive exact equilibria the distance is
/// `d² = Σ_blocks ∫_0^T (p_K(t) − p_K'(t))² dt + Σ_scalars (π_K − π_K')²` (budgets, task goods),
/// exactly: `p_K` is written on the `K'` grid (its step values repeated,
/// since `V_K ⊂ V_K'`) and `∫ f² = cᵀ G_K' c` with the Gram matrix of `V_K'`.
public struct RefinementReport: Sendable {
    public let steps: [RefinementStep]
    /// `d²` between step `i` and step `i + 1`; nil unless both equilibria are exact.
    public let distancesSquared: [Rational?]

    /// `d_{i+1}² / d_i²`, the square of the observed rate, where both are known and `d_i > 0`.
    public var rateSquared: [Rational?] {
        zip(distancesSquared, distancesSquared.dropFirst()).map { a, b in
            guard let a, let b, a.signum() > 0 else { return nil }
            return b / a
        }
    }
}

/// Why `--refine` cannot run on a document, or nil when it can.
public func refinementProblem(_ a: AgentEconomy, bins: [Int]) -> String? {
    guard case .piecewiseConstant(let k) = a.basis else {
        return "--refine needs a piecewise-constant basis; \"\(a.name)\" has a \(a.basis.kind) basis"
    }
    for b in bins where b < 1 || k % b != 0 {
        return "--refine \(b): expected a divisor of the file's \(k) bins (the data are projected onto coarser bins)"
    }
    for (a, b) in zip(bins, bins.dropFirst()) where b % a != 0 {
        return "--refine \(a),\(b): expected each number of bins to divide the next (V_\(a) ⊂ V_\(b))"
    }
    return nil
}

/// The equilibrium of each projection `V_K` of an agent economy, and the
/// exact L² distances between successive ones (see `RefinementReport`).
/// Each `K` has `budget` (split evenly); call only when `refinementProblem` is nil.
public func galerkinRefinement(_ a: AgentEconomy, bins: [Int], options: VerdictOptions, budget: Duration?) -> RefinementReport {
    var steps: [RefinementStep] = []
    var compiledSteps: [CompiledAgentEconomy] = []
    for k in bins {
        let began = Date()
        let compiled = a.projected(toBins: k)!.compiled()
        var o = options
        o.budget = budget.map { $0 / bins.count }
        // The whole of each K's share goes to its equilibrium stage (the only one run).
        if let share = o.budget { o.stageLimits[TheoremID.equilibrium.rawValue] = share }
        // Equilibria of polyhedral economies need not be unique, and which one a time-limited search
        // reaches can depend on the machine. With one orchestrator who owns every agent, the exact
        // planner route is tried alone first, so that the equilibria compared are the same on every
        // machine; the whole pipeline runs where it does not decide.
        var verdict: EquilibriumVerdict? = nil
        let e = compiled.economy
        // Smooth economies likewise: Newton's route alone first (no search whose end depends on the clock;
        // Newton's own iterations are counted, so only an exhausted budget can change its result).
        if e.consumers.count == 1, e.firms.indices.allSatisfy({ e.shareTotal(ofFirm: $0) == 1 }),
           plannerRoutesDecline(e, maximumVariables: o.equilibrium.plannerVariables) == nil || e.nonDifferentiableAgents.isEmpty {
            var plannerOnly = o
            plannerOnly.equilibrium.searchMaxGoods = 0
            plannerOnly.equilibrium.vectorSearch.maximumPivots = 0
            verdict = checkTheorems(e, options: plannerOnly, only: [.equilibrium]).equilibrium
        }
        if verdict?.checked == nil {
            verdict = checkTheorems(e, options: o, only: [.equilibrium]).equilibrium
        }
        let prices = verdict?.checked?.certificate.prices
        steps.append(RefinementStep(bins: k, commodities: compiled.economy.commodityCount,
                                    status: verdict?.statusWord ?? "not-run",
                                    functions: prices.map { compiled.priceFunctions(fromDual: $0) },
                                    reason: verdict?.reason ?? "its stage did not run", seconds: Date().timeIntervalSince(began)))
        compiledSteps.append(compiled)
    }
    var distances: [Rational?] = []
    for i in steps.indices.dropLast() {
        guard let coarse = steps[i].functions, let fine = steps[i + 1].functions else { distances.append(nil); continue }
        distances.append(l2DistanceSquared(coarse, bins: steps[i].bins, fine, on: compiledSteps[i + 1]))
    }
    return RefinementReport(steps: steps, distancesSquared: distances)
}

/// `Σ_blocks (c↑ − c')ᵀ G (c↑ − c') + Σ_scalars (π − π')²` (budgets, task goods), where `c↑` repeats each of the
/// `coarseBins` step values `K'/K` times.
func l2DistanceSquared(_ coarse: Vector, bins coarseBins: Int, _ fine: Vector, on compiled: CompiledAgentEconomy) -> Rational {
    let k = compiled.source.basis.count, repeatCount = k / coarseBins
    let blocks = compiled.source.agents.count * compiled.source.metrics.count + compiled.source.resources.count
    var total = Rational.zero
    for b in 0..<blocks {
        let difference = Vector((0..<k).map { c in coarse[b * coarseBins + c / repeatCount] - fine[b * k + c] })
        total += difference.dot(compiled.gram * difference)
    }
    // Budgets and task goods are scalars, the same commodities at every K.
    for j in 0..<(compiled.source.budgets.count + compiled.taskGoodCount) {
        let d = coarse[blocks * coarseBins + j] - fine[blocks * k + j]
        total += d * d
    }
    return total
}

extension RefinementReport {
    public func text() -> [String] {
        var out = ["Galerkin refinement (--refine \(steps.map { String($0.bins) }.joined(separator: ","))): the data projected "
                   + "onto K bins (bin averages), the equilibrium on each V_K"]
        for s in steps {
            out.append("  K = \(s.bins): \(s.commodities) commodities, equilibrium \(s.status)"
                       + (s.functions == nil ? " (not exact: no exact distance from it)" : " (exact)")
                       + String(format: ", %.1f s", s.seconds))
            if s.functions == nil { out.append("    \(s.reason)") }
        }
        for (i, d) in distancesSquared.enumerated() {
            let a = steps[i].bins, b = steps[i + 1].bins
            guard let d else { out.append("  ‖p_\(b) − p_\(a)‖²: not known exactly (an equilibrium is not exact)"); continue }
            out.append("  ‖p_\(b) − p_\(a)‖² = \(d) ≈ \(String(format: "%.6g", d.displayDouble))   (exact, L²([0,T]) plus task prices)")
        }
        for (i, r) in rateSquared.enumerated() {
            guard let r else { continue }
            out.append("  observed rate ‖p_\(steps[i + 2].bins) − p_\(steps[i + 1].bins)‖ / ‖p_\(steps[i + 1].bins) − p_\(steps[i].bins)‖ ≈ "
                       + String(format: "%.4f", r.displayDouble.squareRoot())
                       + (r > 1 ? "   (the distance grew)" : ""))
        }
        return out
    }

    public func json() -> JSONValue {
        .object([
            ("bins", .array(steps.map { .number(String($0.bins)) })),
            ("steps", .array(steps.map { s in
                .object([("bins", .number(String(s.bins))), ("commodities", .number(String(s.commodities))),
                         ("equilibrium", .string(s.status)),
                         ("price_functions", s.functions.map { .array($0.entries.map { .string($0.description) }) } ?? .null),
                         ("seconds", .number(String(format: "%.3f", s.seconds)))])
            })),
            ("distances_squared", .array(distancesSquared.map { $0.map { .string($0.description) } ?? .null })),
            ("rates_squared", .array(rateSquared.map { $0.map { .string($0.description) } ?? .null })),
        ])
    }
}
