import ExactArithmetic
import Foundation
import EquilibriumSearch
import ExactLinearAlgebra
import EconomyModel
import AgentEconomy
import TheoremChecks
import ContractionCertificates
import EnclosureCertificates
import WelfareSolvers
import NonExistenceCertificates

extension AuditReport {
    /// The human report: what was checked, each verdict in plain words,
    /// exact witnesses, and the command that reproduces it.
    public func humanText() -> String {
        var out: [String] = []
        let e = economy
        if let agents {
            out.append(contentsOf: agentHeader(agents))
        } else {
            out.append("Walras audit of \"\(e.name)\" (\(file))")
            out.append("  \(e.commodityCount) commodities: \(e.commodities.joined(separator: ", "))")
            out.append("  \(e.consumers.count) consumer(s): " + e.consumers.map { "\($0.name) [\($0.utility.kind)]" }.joined(separator: ", "))
            out.append("  \(e.firms.count) firm(s)" + (e.firms.isEmpty ? "" : ": " + e.firms.map { "\($0.name) [\($0.technology.kind)]" }.joined(separator: ", ")))
        }
        for id in TheoremID.allCases {
            out.append("")
            switch id {
            case .walrasLaw: out.append(contentsOf: walrasLawText())
            case .equilibrium: out.append(contentsOf: equilibriumText())
            case .firstWelfare: out.append(contentsOf: firstWelfareText())
            case .secondWelfare: out.append(contentsOf: secondWelfareText())
            case .contraction: out.append(contentsOf: contractionText())
            }
            if let line = budgetText(id) { out.append(line) }
        }
        if let refinement {
            out.append("")
            out.append(contentsOf: refinement.text())
        }
        out.append("")
        switch exitCode {
        case .holds: out.append("Result: every verdict holds (exit 0).")
        case .counterexample: out.append("Result: counterexample found (exit 1).")
        case .undecided: out.append("Result: no counterexample, but some verdict is undecided (exit 3).")
        case .rejected: out.append("Result: input rejected (exit 2).")
        }
        if exitCode == .counterexample {
            let path = file == Auditor.defaultEconomyName ? "" : " \(file)"  // the bundled default needs no path
            out.append("Reproduce: walras audit\(path) --samples \(options.samples) --seed \(options.seed)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A theorem whose stage did not run: its status and why.
    func notRunText(_ id: TheoremID) -> [String] {
        ["\(id.rawValue)", "  status: \(notRunStatus(id))", "  \(notRun[id] ?? "")"]
    }

    /// One line when the theorem's stage ran out of its budget (or was
    /// interrupted): what it was given and how to give it more.
    func budgetText(_ id: TheoremID) -> String? {
        guard let r = stage(id), r.exhausted else { return nil }
        if r.interrupted { return "  budget: the \(id.rawValue) stage was interrupted after \(seconds(r.seconds)) s" }
        return "  budget: the \(id.rawValue) stage used its \(seconds(r.allowed ?? r.seconds)) s and stopped there; "
            + "--stage-seconds \(id.rawValue)=S or --budget S gives it more"
    }

    /// Seconds for people: one decimal.
    func seconds(_ s: Double) -> String { String(format: "%.1f", s) }

    /// Who a hypothesis speaks of, in the economy's own terms (agents and
    /// orchestrators for a compiled agent economy).
    func name(_ s: Subject) -> String { economy.describe(s) }

    /// `hypotheses: …` in one line per theorem, then one line per hypothesis
    /// that does not hold (with its witness or reason).
    func hypothesesText(_ checks: [HypothesisCheck]) -> [String] {
        var ids: [String] = []
        for c in checks where !ids.contains(c.hypothesis.id) { ids.append(c.hypothesis.id) }
        let summary = ids.map { id -> String in
            let group = checks.filter { $0.hypothesis.id == id }
            let word = group.contains { $0.status.fails } ? "fails" : group.allSatisfy { $0.status.holds } ? "holds" : "not checked"
            return "\(id) \(word)"
        }
        var out = ["  hypotheses: " + summary.joined(separator: "; ")]
        for c in checks where !c.status.holds {
            out.append("    \(c.hypothesis.id) \(c.status.word) for \(name(c.subject)): \(c.status.detail)")
        }
        return Array(out.prefix(6)) + (out.count > 6 ? ["    … \(out.count - 6) more in --json"] : [])
    }

    func failedText(_ f: FailedHypothesis) -> String {
        "  failed hypothesis \(f.hypothesis.id) (\(f.hypothesis.statement)): \(name(f.subject)) \(f.detail)"
    }

    func contractionText() -> [String] {
        guard let v = contraction else { return notRunText(.contraction) }
        let who = agents == nil ? "tâtonnement" : "orchestrators' price dynamics"
        var out = ["contraction — the \(who) Φ(p) = proj_Δ(p + η z(p)) converges geometrically to the unique equilibrium (Banach)"]
        let status = v.status == .notAContraction ? "NOT A CONTRACTION" : v.statusWord
        out.append("  status: \(status); step η = \(v.step)\(v.stepWasChosen ? " (chosen by Walras; set it with --step)" : ""); "
                   + "norm: Euclidean")
        out.append("  \(v.reason)")
        out.append(contentsOf: hypothesesText(v.hypotheses))
        if let c = v.certificate {
            out.append("  certified L = \(c.modulus) ≈ \(String(format: "%.4f", c.modulus.displayDouble))"
                       + (v.observedRateSquared.map { ", observed rate ≈ \(String(format: "%.4f", $0.displayDouble.squareRoot()))" } ?? ""))
            // Beyond a dozen prices a point is named by its first ones; every coordinate is in --json.
            func point(_ p: Vector, _ format: String) -> String {
                let shown = p.entries.prefix(12).map { String(format: format, $0.displayDouble) }.joined(separator: ", ")
                return p.count <= 12 ? shown : shown + ", … (\(p.count) prices, all in --json)"
            }
            out.append("  region: the prices within \(c.radius) ≈ \(String(format: "%.4g", c.radius.displayDouble)) of "
                       + "\(point(c.centre, "%.6f")) (Euclidean)")
            if case .structured(let mu, let kappa, _)? = c.tree.first {
                out.append("  bound: structured (one box, linear in the economy): on the tangent space, curvature μ = "
                           + "\(String(format: "%.4g", mu.displayDouble)) ≤ −wᵀDz·w/‖w‖² ≤ stiffness κ = "
                           + "\(String(format: "%.4g", kappa.displayDouble)), so L = max(1 − ημ, ηκ − 1) + η·‖skew part‖")
            }
            for o in v.orbits {
                out.append("    from \(point(o.start, "%.4f")): "
                           + "\(o.stepsChecked) steps, a-priori and a-posteriori bounds (with rounding ε = \(o.roundingBound)) held exactly")
            }
        }
        if !v.stepRange.isEmpty { out.append("  " + stepRangeText(v.stepRange)) }
        if let c = v.crossCheck { out.append("  cross-check: \(crossCheckText(c))") }
        if let w = v.witness {
            if let f = v.failedHypothesis {
                out.append("  failed hypothesis \(f.hypothesis.id) (\(f.hypothesis.statement))")
            }
            if economy.commodityCount <= 6 {
                out.append("    p = \(w.p), q = \(w.q)")
            } else {
                // The few coordinates that differ most, by name; every coordinate is in --json.
                let differ = w.p.indices.filter { w.p[$0] != w.q[$0] }
                    .sorted { (w.p[$0] - w.q[$0]).magnitude > (w.p[$1] - w.q[$1]).magnitude }
                let shown = differ.prefix(6)
                out.append("    p and q differ in \(differ.count) of \(economy.commodityCount) prices: " + shown.map { i in
                    "\(agents?.describe(i) ?? economy.commodities[i]): \(w.p[i].readable()) vs \(w.q[i].readable())" }.joined(separator: "; ")
                    + (differ.count > shown.count ? "; and \(differ.count - shown.count) more (--json)" : "")
                    + (differ.count < economy.commodityCount ? "; every other price is the same in both" : ""))
            }
            let exact = w.before.description.count <= 24 && w.after.description.count <= 24
            out.append("    ‖p − q‖² = \(w.before.readable()), ‖Φ(p) − Φ(q)‖² = \(w.after.readable())"
                       + (exact ? "   (exact)" : "   (exact in --json)"))
            for jump in v.jumps.prefix(4) { out.append("    " + jumpText(jump)) }
            if v.jumps.count > 4 { out.append("    and \(v.jumps.count - 4) more choices change (--json)") }
        }
        if let o = v.divergentOrbit, o.neverApproaches {
            let to = o.anchorIsExactEquilibrium ? "the equilibrium \(o.anchor)" : "the candidate equilibrium"
            out.append("  no contraction, no convergence from p: the orbit (rounded to 2^-\(options.contractionOptions.orbitBits)) moves away from \(to):")
            let shown = o.squaredDistances.count <= 8 ? Array(o.squaredDistances.indices)
                : Array(o.squaredDistances.indices.prefix(4)) + Array(o.squaredDistances.indices.suffix(3))
            for t in shown {
                out.append("    t = \(t): ‖p_t − p*‖² ≈ \(String(format: "%.6g", o.squaredDistances[t].displayDouble))")
            }
            out.append("    (exact values in --json; plot it: walras plot convergence \(file == Auditor.defaultEconomyName ? "FILE" : file) --out conv.svg)")
        }
        return out
    }

    func secondWelfareText() -> [String] {
        guard let v = secondWelfare else { return notRunText(.secondWelfare) }
        var out = ["second_welfare — Second Welfare Theorem: every Pareto optimum is an equilibrium with lump-sum transfers"]
        out.append("  status: \(v.outcome == .counterexample ? "COUNTEREXAMPLE" : v.statusWord)")
        out.append("  \(v.reason)")
        out.append(contentsOf: hypothesesText(v.hypotheses))
        for o in v.skipped.prefix(4) { out.append("    undecided optimum (\(o.construction)): \(o.reason)") }
        for (o, checked) in v.supported.prefix(4) {
            let c = checked.certificate
            if agents != nil {
                out.append("    \(o.construction):")
                out.append("      supporting shadow values: \(bundle(c.prices))")
                for (h, name) in economy.consumers.map(\.name).enumerated() {
                    out.append("      orchestrator '\(name)': \(bundle(c.allocation[h])), lump-sum transfer \(c.transfer(h))")
                }
            } else {
                out.append("    \(o.construction): prices \(c.prices), transfers "
                           + economy.consumers.indices.map { "\(economy.consumers[$0].name) \(c.transfer($0))" }.joined(separator: ", "))
            }
        }
        if let u = v.unsupported {
            if let f = u.failedHypothesis { out.append(failedText(f)) }
            out.append("    the optimum: " + economy.consumers.indices.map { "\(economy.consumers[$0].name) \(u.optimum.allocation[$0])" }.joined(separator: ", ")
                       + (u.optimum.production.isEmpty ? "" : "; production " + u.optimum.production.map(\.description).joined(separator: ", ")))
            if case .infeasible(let y) = u.farkas.certificate {
                out.append("    Farkas certificate (checked): y = (\(y.map(\.description).joined(separator: ", "))) with Aᵀy ≥ 0 and b·y < 0 for the supporting-price LP")
            }
        }
        return out
    }

    func firstWelfareText() -> [String] {
        guard let v = firstWelfare else { return notRunText(.firstWelfare) }
        var out = ["first_welfare — First Welfare Theorem: every equilibrium allocation is Pareto optimal"]
        out.append("  status: \(v.outcome == .counterexample ? "COUNTEREXAMPLE" : v.statusWord)"
                   + (v.route.map { " (route: \($0.rawValue))" } ?? ""))
        out.append("  \(v.reason)")
        out.append(contentsOf: hypothesesText(v.hypotheses))
        if let search = v.paretoSearch, v.route != .both, v.route != .paretoLP {
            out.append("  route (b), a price-free search for a Pareto improvement: \(search.word) — \(search.detail)")
        }
        if let plan = v.planner {
            let who = agents.map { "the single orchestrator '\($0.source.orchestrators[0].name)'" } ?? "one consumer"
            let welfare: String, verdict: String
            switch plan.plannerWelfare {
            case .value(let x): welfare = x; verdict = plan.attained ? " — the optimum, attained exactly" : " — below the optimum"
            case .between(let lo, let hi): welfare = "between \(lo) and \(hi) (proved bounds)"; verdict = ""
            case .unbounded: welfare = "unbounded"; verdict = " — below the optimum"
            }
            out.append("  \(who): the planner's optimal welfare is \(welfare); the equilibrium gives \(plan.equilibriumWelfare)"
                       + verdict + " (\(plan.how))")
        }
        if let i = v.improvement {
            if let f = i.failedHypothesis { out.append(failedText(f)) }
            for (h, c) in economy.consumers.enumerated() {
                let word = i.comparisons[h] > 0 ? "strictly better off than" : "exactly as well off as"
                out.append("    \(agents == nil ? "" : "orchestrator ")\(c.name): \(bundle(i.allocation[h])) — \(word) at the equilibrium (utilities compared exactly)")
            }
            if let y = i.production {
                out.append("    feasible with production " + economy.firms.indices.map { "\(economy.firms[$0].name) \(y[$0])" }.joined(separator: ", "))
            } else {
                out.append("    feasible: the same goods as the equilibrium allocation, redistributed")
            }
        }
        return out
    }

    /// The box of an enclosure, a price (and level) per line, each with
    /// its first 20 decimals (the exact endpoints are in the JSON report).
    func enclosureText(_ e: CheckedEnclosure, indent: String) -> [String] {
        var out = ["\(indent)enclosure (a box holding exactly one equilibrium, of width ≤ 2^\(widthExponent(e.width))):"]
        for (i, p) in e.prices.enumerated() {
            out.append("\(indent)  p(\(economy.commodities[i])) " + (p == .zero ? "= 0 (free)" : "∈ " + interval(p)))
        }
        for (k, a) in e.certificate.regime.activeActivities.enumerated() {
            out.append("\(indent)  level of \(economy.firms[a.firm].name) activity \(a.activity) ∈ " + interval(e.levels[k]))
        }
        return out
    }

    func interval(_ x: RationalInterval) -> String {
        "[\(decimalDigits(x.lo, digits: 20)), \(decimalDigits(x.hi, digits: 20))]"
    }

    func censusText(_ c: EquilibriumCensus) -> [String] {
        var out: [String] = []
        guard c.complete else {
            out.append("  all equilibria: not decided: " + c.reason)
            return out
        }
        let count = c.members.count
        out.append("  all equilibria: \(count) found by a census of every regime (\(c.reason)), checked by the census checker"
                   + (c.countIsExact ? "" : "; some are not strict, so the count is an upper bound"))
        for (k, m) in c.members.enumerated() {
            let kind = m.exact != nil ? "exact" : "enclosure"
            out.append("  equilibrium \(k + 1) of \(count) (\(kind)), index \(m.index > 0 ? "+1" : "-1"):")
            if let exact = m.exact {
                out.append("    p = \(exact.certificate.prices)")
            } else {
                out.append(contentsOf: enclosureText(m.enclosure, indent: "    "))
            }
        }
        if let holds = c.indexTheoremHolds {
            out.append("  index theorem (Dierker 1972, Kehoe 1980): the indices sum to \(c.indexSum)"
                       + (holds ? ", as it must for a regular economy" : ", not +1: an irregular economy or a bug"))
        }
        let uniqueness = c.uniqueness
        out.append("  uniqueness: " + (uniqueness == .holds ? "holds (the census covers every regime and found one equilibrium)"
            : uniqueness == .counterexample ? "fails (\(count) distinct equilibria, each proved)"
            : count == 0 ? "undecided (the census excluded every box: no equilibrium of a covered regime)" : "undecided"))
        return out
    }

    func equilibriumText() -> [String] {
        guard let v = equilibrium else { return notRunText(.equilibrium) }
        var out = ["equilibrium — existence (Brouwer, constructively by Sperner's lemma): a price with z(p) ≤ 0 and p_i·z_i(p) = 0"]
        out.append("  status: \(v.statusWord)" + (v.certificateKind.map { ", certificate: \($0)" } ?? "")
                   + (v.route.map { " (route: \($0.rawValue))" } ?? ""))
        out.append("  \(v.reason)")
        out.append(contentsOf: hypothesesText(v.hypotheses))
        if let proof = v.proof {
            if let f = proof.failedHypothesis { out.append(failedText(f)) }
            out.append("  proof (a certificate the non-existence checker accepted): \(proof.checked.certificate.summary)")
            if case .priceLine(let pieces) = proof.checked.certificate {
                out.append("  on the price line p = (t, 1 − t) with t the price of \(economy.commodities[0]):")
                for c in pieces {
                    out.append("    " + (c.isPoint ? "t = \(c.from)" : "\(c.from) < t < \(c.to)") + ": \(describe(c.witness))")
                }
            }
            if let j = proof.jump {
                out.append("  the jump: \(j.firm) switches between p = \(j.below) and p = \(j.above), where the excess demand for "
                           + "\(economy.commodities[j.good]) goes from \(j.excessBelow) to \(j.excessAbove) without passing through 0")
            }
            return out
        }
        if let vs = v.vectorStatistics {
            out.append("  vector-labelled search (Merrill): \(vs.cycles) cycles, \(vs.pivots) pivots "
                       + "(\(String(format: "%.1f", vs.pivotsPerRefinement)) per refinement after the first), "
                       + "\(vs.labelEvaluations) labels, " + String(format: "%.2f s", vs.seconds)
                       + (vs.exactFallbacks > 0 ? "; \(vs.exactFallbacks) cycle(s) redone in exact arithmetic after a degenerate pivot" : ""))
        }
        let s = v.statistics
        if !v.steps.isEmpty {
            out.append("  search: completely labelled simplex at mesh 1/\(s.meshReached), \(s.pivots) pivots, "
                       + "\(s.restarts) restarts, \(s.enlargements) region enlargements, \(s.labelEvaluations) labels, "
                       + String(format: "%.2f s", s.seconds))
        }
        if let census = v.census { out.append(contentsOf: censusText(census)) }
        if let enclosure = v.enclosure {
            out.append(contentsOf: enclosureText(enclosure, indent: "  "))
            return out
        }
        guard let e = v.equilibrium else { return out }
        out.append("  prices p = \(e.prices)")
        out.append("  max |z_i| = \(e.maxExcess)" + (e.maxExcess.isZero ? "   (exact: every market clears)" : ""))
        out.append("  equilibrium error max(z_i⁺, p_i·z_i⁻) = \(e.equilibriumError)"
                   + (e.equilibriumError.isZero ? "   (exact equilibrium with free disposal)" : ""))
        if let agents {
            let a = agents.source
            let functions = agents.priceFunctions(fromDual: e.prices)
            let valued = economy.commodities.indices.filter { !functions[$0].isZero && $0 < agents.meanings.count }
            for i in valued.prefix(48) {
                out.append("    shadow value \(agents.describe(i)): \(functions[i])  (per unit of \(economy.commodities[i]))")
            }
            if valued.count > 48 { out.append("    … and \(valued.count - 48) more shadow values (all in --json)") }
            for (j, path) in agents.paths.enumerated() {
                let good = economy.commodityCount - agents.paths.count + j
                // Folded routing: a Leontief orchestrator's flow on path j is w_j times its level.
                let flows = a.orchestrators.indices.map { h in
                    let flow = agents.taskGoodCount == 0 ? a.orchestrators[h].welfare.weights[j] * leontiefLevel(h, e.allocation[h])
                        : e.allocation[h][good]
                    return "\(a.orchestrators[h].name) \(flow)"
                }
                out.append("    task flow on \(a.pathName(path)): " + flows.joined(separator: ", "))
            }
            for (f, agent) in a.agents.enumerated() where agent.smooth != nil {
                out.append("    \(agent.name) (smooth) produces: " + bundle(Vector(e.production[f].map { max($0, .zero) })))
            }
            for (f, agent) in a.agents.enumerated() where agent.smooth == nil {
                let modes = agent.modes.indices.map { "\(agent.modes[$0].name) \(e.levels[f].indices.contains($0) ? e.levels[f][$0] : .zero)" }
                out.append("    \(agent.name) runs modes: " + modes.joined(separator: ", "))
            }
            return out
        }
        for (h, c) in economy.consumers.enumerated() { out.append("    \(c.name) consumes \(e.allocation[h])") }
        for (f, firm) in economy.firms.enumerated() {
            let levels = e.levels[f].isEmpty ? "" : " at levels \(e.levels[f].map(\.description).joined(separator: ", "))"
            out.append("    \(firm.name) produces \(e.production[f])\(levels)")
        }
        out.append("    excess demand z(p) = \(e.excessDemand)")
        return out
    }

    /// `min_i x_i / a_i` over the goods a Leontief consumer needs.
    func leontiefLevel(_ h: Int, _ x: Vector) -> Rational {
        guard case .leontief(let a) = economy.consumers[h].utility else { return .zero }
        return a.indices.filter { a[$0].signum() > 0 }.map { x[$0] / a[$0] }.min() ?? .zero
    }

    /// The agent economy in its own terms: time, metrics, agents, paths, orchestrators.
    func agentHeader(_ c: CompiledAgentEconomy) -> [String] {
        let a = c.source
        var out = ["Walras audit of agent economy \"\(a.name)\" (\(file))"]
        let basis: String = switch a.basis {
        case .piecewiseConstant(let bins): "piecewise-constant on \(bins) bins of width \(a.horizon / Rational(bins))"
        case .monomial(let count): "polynomials of degree < \(count)"
        }
        out.append("  horizon [0, \(a.horizon)], prices and trajectories in V_K: \(basis)")
        out.append("  metrics: \(a.metrics.joined(separator: ", "))" + (a.resources.isEmpty ? "" : "; resources: \(a.resources.joined(separator: ", "))"))
        out.append("  agents (firms):")
        for agent in a.agents {
            let feeds = a.agents.filter { $0.upstream.contains(a.agents.firstIndex(of: agent)!) }.map(\.name)
            if agent.smooth != nil {
                out.append("    \(agent.name): smooth (quadratic cost in its resource profile)"
                           + (feeds.isEmpty ? "" : " → \(feeds.joined(separator: ", "))"))
                continue
            }
            let capacity = agent.capacity.map { "capacity \($0)" } ?? "constant returns"
            out.append("    \(agent.name): \(agent.modes.count) mode(s) [\(agent.modes.map(\.name).joined(separator: ", "))], \(capacity)"
                       + (agent.discrete ? ", discrete (one mode or idle)" : "")
                       + (feeds.isEmpty ? "" : " → \(feeds.joined(separator: ", "))"))
        }
        out.append("  paths (source to sink): " + c.paths.map { a.pathName($0) }.joined(separator: ", "))
        out.append("  orchestrators (consumers):")
        for o in a.orchestrators {
            let owned = a.agents.indices.filter { !o.shares[$0].isZero }.map { "\(a.agents[$0].name) \(o.shares[$0])" }
            out.append("    \(o.name): \(o.welfare.kind) welfare over paths \(o.welfare.weights.map(\.description).joined(separator: ":")), owns "
                       + (owned.isEmpty ? "no agent" : owned.joined(separator: ", ")))
        }
        out.append("  compiled: \(a.agents.count) agents × \(a.metrics.count) metrics × \(a.basis.count) coefficients"
                   + " + \(a.resources.count) resource(s) × \(a.basis.count) + \(c.taskGoodCount) path task goods"
                   + (a.routingIsFolded ? " (routing folded into the Leontief orchestrators)" : "")
                   + " = \(economy.commodityCount) commodities (see `walras export`)")
        return out
    }

    /// A bundle (or price) in words: for an agent economy its nonzero
    /// entries by agent, metric, time and path; else the vector.
    func bundle(_ x: Vector) -> String {
        guard let agents else { return "\(x)" }
        let nonzero = x.indices.filter { !x[$0].isZero }
        if nonzero.isEmpty { return "nothing" }
        return nonzero.map { "\(agents.describe($0)) \(x[$0])" }.joined(separator: ", ")
    }

    /// A price in words: its nonzero entries when few, else a summary.
    func describePrice(_ p: Vector) -> String {
        guard let agents else { return "p = \(p)" }
        let nonzero = p.indices.filter { !p[$0].isZero }
        if nonzero.count <= 3 {
            return "the price with " + nonzero.map { "\(agents.describe($0)) = \(p[$0])" }.joined(separator: ", ")
                + (nonzero.count < p.count ? " and every other shadow value 0" : "")
        }
        return "an interior price (\(nonzero.count) positive shadow values; see --json)"
    }

    func walrasLawText() -> [String] {
        guard let v = walrasLaw else { return notRunText(.walrasLaw) }
        let n = economy.commodityCount
        var out = [agents == nil
            ? "walras_law — Walras' law: the value of excess demand p·z(p) is exactly 0 at every price"
            : "walras_law — functional Walras' law: ⟨p, z(p)⟩ = Σ_{a,r} ∫ p_{a,r}(t) z_{a,r}(t) dt + … is exactly 0 at every price"]
        out.append("  status: \(v.outcome == .counterexample ? "COUNTEREXAMPLE" : v.statusWord)")
        out.append("  \(v.reason)")
        out.append(contentsOf: hypothesesText(v.hypotheses))
        let sample = walrasLawTestPrices(commodityCount: n, samples: options.samples, seed: options.seed)
        let boundaryTested = sample.interiorFirst ? max(0, v.pricesTested - options.samples)
            : min(v.pricesTested, sample.vertexCount + sample.edgeCount)
        let interior = v.pricesTested - boundaryTested
        let vertices = min(boundaryTested, n)
        let edges = boundaryTested - vertices
        out.append("  prices tested: \(v.pricesTested) of \(v.pricesPlanned) (\(interior) interior, seed \(options.seed); "
                   + "\(vertices) of \(n) vertices; \(edges) of \(n * (n - 1) / 2) edge midpoints); "
                   + "held exactly at \(v.pricesHolding), not applicable at \(v.inapplicableCount)")
        if let first = v.inapplicable.first {
            out.append("  not applicable (demand or supply undefined), e.g. at \(describePrice(first.prices)): \(first.agent): \(first.reason)")
        }
        if let w = v.witness, let agents {
            let functions = agents.priceFunctions(fromDual: w.prices)
            out.append("  at \(describePrice(w.prices))")
            out.append("  ⟨p, z(p)⟩ = pᵀ G z = \(agents.pairing(functions: functions, w.excessDemand))   (exact; the law requires 0)")
            for f in w.failedHypotheses { out.append(failedText(f)) }
        } else if let w = v.witness {
            out.append("  at prices p = \(w.prices)")
            out.append("  p·z(p) = \(w.value)   (exact; Walras' law requires 0)")
            for f in w.failedHypotheses { out.append(failedText(f)) }
            for (h, c) in economy.consumers.enumerated() {
                out.append("  \(c.name): income \(w.state.incomes[h]), bundle \(w.bundles[h]), spends \(w.prices.dot(w.bundles[h]))")
            }
            for (f, firm) in economy.firms.enumerated() {
                out.append("  \(firm.name): production \(w.state.supplies[f].production), profit \(w.state.supplies[f].profit)")
            }
            out.append("  excess demand z(p) = \(w.excessDemand)")
        }
        return out
    }
}

extension AuditReport {
    /// The cross-check of a certified contraction against the search, in words.
    func crossCheckText(_ c: ContractionCrossCheck) -> String {
        switch c {
        case .exactEquilibriumIsFixedPoint(let gap, let rho):
            "the exact equilibrium of the search is the Banach fixed point: ‖p_search − centre‖² = \(gap) ≤ ρ² (ρ = \(rho.displayDouble))"
        case .disagrees(let gap, let rho):
            "the exact equilibrium of the search is in the region but ‖p_search − centre‖² = \(gap) > ρ² (ρ = \(rho.displayDouble)): "
                + "our results disagree; please report it"
        case .exactEquilibriumOutside(let e):
            "the search's exact equilibrium \(e) lies outside the certified region (the region's fixed point is unique; "
                + "others may exist outside it)"
        case .approximateWithin(let bound, let rho):
            "the search's approximate equilibrium is within \(bound.displayDouble) of the Banach fixed point "
                + "(‖Φ(p) − p‖/(1 − L)); the centre is within \(rho.displayDouble)"
        case .enclosureIsFixedPoint(let farthest, let rho):
            "the enclosed equilibrium is the Banach fixed point: its whole box lies in the ball (within "
                + "\(farthest.squareRootBounds(bits: 100).upper.displayDouble) of the centre), where the fixed point is the unique "
                + "equilibrium, and meets the ball of radius ρ = \(rho.displayDouble) where it was located"
        case .enclosureDisagrees(let nearest, let rho):
            "the enclosed equilibrium's box lies in the region but ‖p − centre‖² ≥ \(nearest) > ρ² (ρ = \(rho.displayDouble)): "
                + "our results disagree; please report it"
        case .enclosureOutside:
            "the enclosed equilibrium's box is not inside the certified region (the region's fixed point is unique; "
                + "others may exist outside it)"
        }
    }
}

extension AuditReport {
    /// Where the condition holds: the steps `2^-k` grouped by what was proved at each.
    func stepRangeText(_ range: [StepCheck]) -> String {
        func steps(_ s: [StepCheck]) -> String { s.map { "\($0.step)" }.joined(separator: ", ") }
        var parts: [String] = []
        let certified = range.filter { $0.status == .contraction }
        if !certified.isEmpty {
            let moduli = certified.compactMap(\.modulus)
            parts.append("a certified contraction for η ∈ {\(steps(certified))}"
                         + (moduli.isEmpty ? "" : String(format: " (L from %.4f to %.4f)", moduli.min()!.displayDouble, moduli.max()!.displayDouble)))
        }
        let refuted = range.filter { $0.status == .notAContraction }
        if !refuted.isEmpty { parts.append("not a contraction for η ∈ {\(steps(refuted))} (an exact expanding pair at each)") }
        let open = range.filter { $0.status == .undecided }
        if !open.isEmpty { parts.append("undecided for η ∈ {\(steps(open))}") }
        return "where it holds, step by step (2^-k, k = 0…8): " + parts.joined(separator: "; ")
    }

    /// Who jumps between the two prices of a refuting pair, in the economy's
    /// own terms: an agent's modes by name, a firm's activities by number.
    func jumpText(_ j: ChoiceJump) -> String {
        func modes(_ levels: [Rational], _ names: [String]?) -> String {
            let active = levels.indices.filter { levels[$0].signum() > 0 }
            if active.isEmpty { return "idles" }
            return active.map { k in
                let name = names.map { "mode '\($0[k])'" } ?? "activity \(k + 1)"
                return "\(name) at level \(levels[k])"
            }.joined(separator: " and ")
        }
        let isConsumer = if case .consumer = j.subject { true } else { false }
        let size = "its \(isConsumer ? "demand" : "supply") moves by ‖Δ‖² ≈ \(String(format: "%.4g", j.changeSquared.displayDouble)) (exact in --json)"
        guard case .firm(let f) = j.subject, !j.levelsAtP.isEmpty || !j.levelsAtQ.isEmpty else {
            return "\(economy.describe(j.subject)): \(size)"
        }
        let names = agents.flatMap { a in f < a.agentFirmCount ? a.source.agents[f].modes.map(\.name) : nil }
        return "\(economy.describe(j.subject)) \(modes(j.levelsAtP, names)) at p, \(modes(j.levelsAtQ, names)) at q: \(size)"
    }

    /// A price-line witness in words, naming agents and goods.
    func describe(_ w: PieceWitness) -> String {
        let goods = economy.commodities
        switch w {
        case .unboundedDemand(let h): return "the demand of \(economy.describe(.consumer(h))) is unbounded"
        case .unboundedSupply(let f, let k):
            return "activity \(k) of \(economy.describe(.firm(f))) earns a positive profit at constant returns: supply is unbounded"
        case .separated(let directions):
            func one(_ d: Vector) -> String {
                if let i = d.indices.first(where: { !d[$0].isZero }), d.entries.filter({ !$0.isZero }).count == 1 {
                    return d[i].signum() > 0 ? "\(goods[i]) is in excess demand" : "\(goods[i]) is in excess supply at a positive price"
                }
                return "λ·z > 0 for λ = \(d)"
            }
            if directions.count == 1 { return "for every optimal choice, \(one(directions[0]))" }
            return "for each of the \(directions.count) ways the tied lumpy firms can split between their options, "
                + Set(directions.map(one)).sorted().joined(separator: " or ")
        case .excess(let g, let s):
            return "for every optimal choice, \(goods[g]) is in excess \(s > 0 ? "demand" : "supply") throughout"
        }
    }
}

/// `x` truncated to `digits` decimals (toward −∞), for text only.
func decimalDigits(_ x: Rational, digits: Int) -> String {
    let scaled = (x * Rational(BigInt(10).power(digits))).floor
    let negative = scaled.signum() < 0
    var text = String(String(describing: negative ? -scaled : scaled))
    while text.count <= digits { text = "0" + text }
    let cut = text.index(text.endIndex, offsetBy: -digits)
    return (negative ? "-" : "") + text[..<cut] + "." + text[cut...]
}
