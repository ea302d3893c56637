public import ExactJSON
import ExactArithmetic
import Foundation
import EquilibriumSearch
import ExactLinearAlgebra
import EconomyModel
import AgentEconomy
import EconomyFormat
import TheoremChecks
import Tatonnement
import ContractionCertificates
import WelfareSolvers
import NonExistenceCertificates
import EnclosureCertificates

extension AuditReport {
    /// The machine report. `verdicts` is keyed by theorem identifier; every
    /// number that matters is an exact rational (integer or `"p/q"`).
    public func json() -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("format", .string("walras-report/1")),
            ("file", .string(file)),
            ("economy", .string(economy.name)),
            ("status", .string(exitCode == .counterexample ? "counterexample" : exitCode == .undecided ? "undecided" : "holds")),
            ("exit_code", .number(String(exitCode.rawValue))),
        ]
        if let agents { members.append(("agent_economy", agentJSON(agents))) }
        members.append(("verdicts", .object([("walras_law", walrasLawJSON()), ("equilibrium", equilibriumJSON()),
                                             ("first_welfare", firstWelfareJSON()), ("second_welfare", secondWelfareJSON()),
                                             ("contraction", contractionJSON())])))
        members.append(("budget", .object([
            ("seconds", .number(String(options.budget))),
            ("stages", .array(stages.map { r in
                var m: [(key: String, value: JSONValue)] = [("stage", .string(r.stage)), ("seconds", .number(decimal(r.seconds)))]
                if let a = r.allowed { m.append(("allowed", .number(decimal(a)))) }
                m.append(("exhausted", .bool(r.exhausted)))
                m.append(("interrupted", .bool(r.interrupted)))
                return .object(m)
            })),
        ])))
        if let refinement { members.append(("refinement", refinement.json())) }
        return .object(members)
    }

    /// A wall-clock figure, to the millisecond (never a verdict's input).
    func decimal(_ s: Double) -> String { String(format: "%.3f", s) }

    /// A theorem whose stage did not run: `not-run` or `interrupted`,
    /// outcome `undecided`, and why; no other member.
    func notRunJSON(_ id: TheoremID) -> JSONValue {
        .object([("status", .string(notRunStatus(id))), ("outcome", .string(Outcome.undecided.rawValue)),
                 ("reason", .string(notRun[id] ?? "")), ("hypotheses", .array([]))])
    }

    /// A failed hypothesis: its identifier, who breaks it (in agent terms for
    /// an agent economy) and the exact figures.
    func failedJSON(_ f: FailedHypothesis) -> JSONValue {
        .object([("id", .string(f.hypothesis.id)), ("agent", .string(name(f.subject))), ("detail", .string(f.detail))])
    }

    /// `hypotheses`: every hypothesis of the theorem, per agent, with its status.
    func hypothesesJSON(_ checks: [HypothesisCheck]) -> JSONValue {
        .array(checks.map { c in
            var m: [(key: String, value: JSONValue)] = [("id", .string(c.hypothesis.id)), ("agent", .string(name(c.subject))),
                                                        ("status", .string(c.status.word))]
            switch c.status {
            case .holds(let e): m.append(("evidence", .string(e)))
            case .fails(let w): m.append(("witness", .string(w)))
            case .notChecked(let r): m.append(("reason", .string(r)))
            }
            return .object(m)
        })
    }

    /// The members every verdict starts with: status, outcome, reason, hypotheses.
    func head(_ v: any TheoremVerdict) -> [(key: String, value: JSONValue)] {
        [("status", .string(v.statusWord)), ("outcome", .string(v.outcome.rawValue)), ("reason", .string(v.reason)),
         ("hypotheses", hypothesesJSON(v.hypotheses))]
    }

    /// The agent economy and the meaning of every compiled commodity.
    func agentJSON(_ c: CompiledAgentEconomy) -> JSONValue {
        let a = c.source
        return .object([
            ("horizon", .exact(a.horizon)),
            ("basis", .object([("kind", .string(a.basis.kind)), ("count", .number(String(a.basis.count)))])),
            ("gram", .array(c.gram.rows.map { .exact($0) })),
            ("metrics", .array(a.metrics.map { .string($0) })),
            ("resources", .array(a.resources.map { .string($0) })),
            ("agents", .array(a.agents.map { .string($0.name) })),
            ("paths", .array(c.paths.map { .string(a.pathName($0)) })),
            ("orchestrators", .array(a.orchestrators.map { .string($0.name) })),
            ("commodities", .array(economy.commodities.indices.map { i in
                .object([("name", .string(economy.commodities[i])), ("meaning", .string(c.describe(i)))])
            })),
        ])
    }

    /// `verdicts.equilibrium`: every figure exact; prices as exact strings
    /// (summing to 1); bundles and productions are actual demands and
    /// profit-maximising supplies at `prices`, so `max_excess` can be
    /// recomputed from the report alone.
    func equilibriumJSON() -> JSONValue {
        guard let v = equilibrium else { return notRunJSON(.equilibrium) }
        let s = v.statistics
        func strings(_ x: Vector) -> JSONValue { .array(x.entries.map { .string($0.description) }) }
        var m = head(v)
        if let c = v.certificateKind { m.append(("certificate", .string(c))) } else if v.proof != nil {
            m.append(("certificate", .string("non-existence")))
        }
        if let r = v.route { m.append(("route", .string(r.rawValue))) }
        m.append(("existence_by_theorem", .bool(v.existenceByTheorem)))
        if let t = v.tolerance { m.append(("tolerance", .string(t.description))) }
        if let proof = v.proof {
            var p: [(key: String, value: JSONValue)] = [("summary", .string(proof.checked.certificate.summary))]
            if case .priceLine(let pieces) = proof.checked.certificate {
                p.append(("price_line", .string("p = (t, 1 - t)")))
                p.append(("cases", .array(pieces.map { c in
                    .object([("from", .string(c.from.description)), ("to", .string(c.to.description)),
                             ("reason", .string(describe(c.witness)))])
                })))
            }
            if let f = proof.failedHypothesis { p.append(("failed_hypothesis", failedJSON(f))) }
            if let j = proof.jump {
                p.append(("jump", .object([
                    ("firm", .string(j.firm)), ("good", .string(economy.commodities[j.good])),
                    ("below", strings(j.below)), ("above", strings(j.above)),
                    ("excess_below", .string(j.excessBelow.description)), ("excess_above", .string(j.excessAbove.description)),
                ])))
            }
            m.append(("proof", .object(p)))
            m.append(("non_existence_certificate", CertificateFormat.encode(proof.checked.certificate, economy: economy)))
            m.append(("statistics", .object([("mesh", .string("1/\(v.statistics.meshReached)")),
                                             ("pivots", .number(String(v.statistics.pivots)))])))
            return .object(m)
        }
        if let e = v.equilibrium {
            m.append(("prices", strings(e.prices)))
            m.append(("allocation", .object(economy.consumers.enumerated().map { ($1.name, strings(e.allocation[$0])) })))
            m.append(("production", .object(economy.firms.enumerated().map { ($1.name, strings(e.production[$0])) })))
            m.append(("levels", .object(economy.firms.enumerated().map { ($1.name, .array(e.levels[$0].map { .string($0.description) })) })))
            m.append(("excess_demand", strings(e.excessDemand)))
            m.append(("max_excess", .string(e.maxExcess.description)))
            m.append(("equilibrium_error", .string(e.equilibriumError.description)))
            if let agents {
                m.append(("price_functions", strings(agents.priceFunctions(fromDual: e.prices))))
            }
            if let checked = v.checked {
                m.append(("exact_certificate", CertificateFormat.encode(checked.certificate, economy: economy)))
            }
            if let enclosure = v.enclosure {
                m.append(("enclosure", enclosureJSON(enclosure)))
                m.append(("enclosure_certificate", CertificateFormat.encode(enclosure.certificate, economy: economy)))
            }
        }
        if let c = v.census { m.append(("all_equilibria", censusJSON(c))) }
        m.append(("statistics", .object([
            ("mesh", .string("1/\(s.meshReached)")),
            ("target_mesh", .string("1/\(options.searchLimits.targetMesh)")),
            ("pivots", .number(String(s.pivots))),
            ("restarts", .number(String(s.restarts))),
            ("enlargements", .number(String(s.enlargements))),
            ("label_evaluations", .number(String(s.labelEvaluations))),
            ("seconds", .number(String(format: "%.3f", s.seconds))),
        ])))
        if let vs = v.vectorStatistics {
            m.append(("vector_search", .object([
                ("cycles", .number(String(vs.cycles))),
                ("pivots", .number(String(vs.pivots))),
                ("pivots_per_cycle", .array(vs.pivotsPerCycle.map { .number(String($0)) })),
                ("label_evaluations", .number(String(vs.labelEvaluations))),
                ("exact_fallbacks", .number(String(vs.exactFallbacks))),
                ("mesh", .string("2^-\(vs.meshBitsReached)")),
                ("seconds", .number(String(format: "%.3f", vs.seconds))),
            ])))
        }
        if let last = v.steps.last {
            m.append(("simplex", .array(last.simplex.map { strings($0) })))
            m.append(("labels", .array(last.labels.map { .number(String($0)) })))
        }
        return .object(m)
    }

    /// `verdicts.contraction`: the norm, the step, the certified modulus `L`
    /// (exact), the observed rate, the Banach steps checked, and the
    /// witness pair and orbit when it fails.
    func contractionJSON() -> JSONValue {
        guard let v = contraction else { return notRunJSON(.contraction) }
        func strings(_ x: Vector) -> JSONValue { .array(x.entries.map { .string($0.description) }) }
        var m = head(v) + [
            ("norm", .string(v.norm)),
            ("step", .string(v.step.description)),
            ("step_chosen_by_walras", .bool(v.stepWasChosen)),
        ]
        if let c = v.certificate {
            m.append(("L", .string(c.modulus.description)))
            m.append(("region", .object([("centre", strings(c.centre)), ("radius", .string(c.radius.description))])))
            var certificate: [(key: String, value: JSONValue)] = [("boxes_bounded", .number(String(c.boundedBoxCount))),
                                                                  ("tree_nodes", .number(String(c.tree.count))),
                                                                  ("checked", .bool(true))]
            if case .structured(let mu, let kappa, let gamma)? = c.tree.first {
                certificate.append(("bound", .string("structured")))
                certificate.append(("curvature", .string(mu.description)))
                certificate.append(("stiffness", .string(kappa.description)))
                certificate.append(("shift", .string(gamma.description)))
            } else {
                certificate.append(("bound", .string("dense")))
            }
            m.append(("certificate", .object(certificate)))
        }
        if let rho = v.fixedPointBound { m.append(("fixed_point_within", .string(rho.description))) }
        if let r = v.observedRateSquared {
            m.append(("observed_rate_squared", .string(r.description)))
            m.append(("observed_rate", .number(String(format: "%.6f", r.displayDouble.squareRoot()))))
        }
        if !v.orbits.isEmpty {
            m.append(("iterations", .number(String(v.iterations))))
            m.append(("orbits", .array(v.orbits.map { o in
                .object([("start", strings(o.start)), ("steps_checked", .number(String(o.stepsChecked))),
                         ("rounding_bound", .string(o.roundingBound.description)), ("passed", .bool(o.passed))]
                        + (o.failure.map { [("failure", JSONValue.string($0))] } ?? []))
            })))
        }
        switch v.conclusion {
        case .uniqueEquilibrium?: m.append(("conclusion", .string("unique-equilibrium")))
        case .uniqueFixedPointOnly?: m.append(("conclusion", .string("unique-fixed-point")))
        case nil: break
        }
        if !v.stepRange.isEmpty {
            m.append(("step_range", .array(v.stepRange.map { c in
                .object([("step", .string(c.step.description)), ("status", .string(c.status.rawValue)),
                         ("L", c.modulus.map { .string($0.description) } ?? .null)])
            })))
        }
        if let c = v.crossCheck { m.append(("cross_check", .string(crossCheckText(c)))) }
        if let w = v.witness {
            m.append(("witness", .object([("p", strings(w.p)), ("q", strings(w.q)),
                                          ("distance_squared", .string(w.before.description)),
                                          ("image_distance_squared", .string(w.after.description)),
                                          ("differing_prices", .array(w.p.indices.filter { w.p[$0] != w.q[$0] }
                                              .map { .string(economy.commodities[$0]) })),
                                          ("jumps", .array(v.jumps.map { j in
                                              .object([("who", .string(economy.describe(j.subject))),
                                                       ("levels_at_p", .array(j.levelsAtP.map { .string($0.description) })),
                                                       ("levels_at_q", .array(j.levelsAtQ.map { .string($0.description) })),
                                                       ("change_squared", .string(j.changeSquared.description))])
                                          }))])))
        }
        if let o = v.divergentOrbit {
            m.append(("orbit", .object([
                ("anchor", strings(o.anchor)), ("anchor_is_exact_equilibrium", .bool(o.anchorIsExactEquilibrium)),
                ("never_approaches", .bool(o.neverApproaches)),
                ("conserves_scarf_invariants", o.conservesScarfInvariants.map { .bool($0) } ?? .null),
                ("iterates", .array(o.iterates.map(strings))),
                ("squared_distances", .array(o.squaredDistances.map { .string($0.description) })),
            ])))
        }
        if let f = v.failedHypothesis { m.append(("failed_hypothesis", failedJSON(f))) }
        return .object(m)
    }

    func secondWelfareJSON() -> JSONValue {
        guard let v = secondWelfare else { return notRunJSON(.secondWelfare) }
        func strings(_ x: Vector) -> JSONValue { .array(x.entries.map { .string($0.description) }) }
        var m = head(v)
        // The route: supporting prices by LP, each optimum re-checked as an equilibrium with
        // transfers; or a checked Farkas certificate that no price supports an optimum.
        if v.unsupported != nil {
            m.append(("route", .string("farkas")))
        } else if !v.supported.isEmpty {
            m.append(("route", .string("supporting-price-lp+equilibrium-checker")))
        }
        m.append(("supported", .array(v.supported.map { o, checked in
            .object([("construction", .string(o.construction)),
                     ("certificate", CertificateFormat.encode(checked.certificate, economy: economy))])
        })))
        if !v.skipped.isEmpty {
            m.append(("undecided_optima", .array(v.skipped.map {
                .object([("construction", .string($0.construction)), ("reason", .string($0.reason))])
            })))
        }
        if let u = v.unsupported {
            var w: [(key: String, value: JSONValue)] = [
                ("construction", .string(u.optimum.construction)),
                ("allocation", .object(economy.consumers.enumerated().map { ($1.name, strings(u.optimum.allocation[$0])) })),
                ("production", .object(economy.firms.enumerated().map {
                    ($1.name, u.optimum.production.isEmpty ? .null : strings(u.optimum.production[$0]))
                })),
            ]
            if case .infeasible(let y) = u.farkas.certificate {
                w.append(("farkas", .array(y.map { .string($0.description) })))
            }
            if let f = u.failedHypothesis { w.append(("failed_hypothesis", failedJSON(f))) }
            m.append(("unsupported_optimum", .object(w)))
        }
        return .object(m)
    }

    func firstWelfareJSON() -> JSONValue {
        guard let v = firstWelfare else { return notRunJSON(.firstWelfare) }
        var m = head(v)
        if let r = v.route { m.append(("route", .string(r.rawValue))) }
        if let search = v.paretoSearch {
            m.append(("pareto_search", .object([("outcome", .string(search.word)), ("detail", .string(search.detail)),
                                                ("programs", .number(String(search.programs)))])))
        }
        if let plan = v.planner {
            let welfare: JSONValue = switch plan.plannerWelfare {
            case .value(let x): .string(x)
            case .between(let lo, let hi): .object([("lower", .string(lo)), ("upper", .string(hi))])
            case .unbounded: .string("unbounded")
            }
            m.append(("planner", .object([("planner_welfare", welfare),
                                          ("equilibrium_welfare", .string(plan.equilibriumWelfare)),
                                          ("attained", .bool(plan.attained)), ("how", .string(plan.how))])))
        }
        if let i = v.improvement {
            m.append(("witness", .object([
                ("allocation", .object(economy.consumers.enumerated().map {
                    ($1.name, .array(i.allocation[$0].entries.map { .string($0.description) }))
                })),
                ("compared_with_equilibrium", .object(economy.consumers.enumerated().map {
                    ($1.name, .string(i.comparisons[$0] > 0 ? "better" : "same"))
                })),
                ("failed_hypothesis", i.failedHypothesis.map(failedJSON) ?? .null),
            ])))
        }
        return .object(m)
    }

    func walrasLawJSON() -> JSONValue {
        guard let v = walrasLaw else { return notRunJSON(.walrasLaw) }
        var m = head(v) + [
            ("theorem", .string("p·z(p) = 0 at every price tested")),
            ("prices_tested", .number(String(v.pricesTested))),
            ("prices_holding", .number(String(v.pricesHolding))),
            ("prices_planned", .number(String(v.pricesPlanned))),
            ("not_applicable", .number(String(v.inapplicableCount))),
            ("sample_seed", .number(String(options.seed))),
            ("interior_samples", .number(String(options.samples))),
        ]
        if !v.inapplicable.isEmpty {
            m.append(("not_applicable_examples", .array(v.inapplicable.prefix(5).map { a in
                .object([("prices", .exact(a.prices)), ("agent", .string(a.agent)), ("reason", .string(a.reason))])
            })))
        }
        if let w = v.witness {
            var extra: [(key: String, value: JSONValue)] = []
            if let agents {
                let functions = agents.priceFunctions(fromDual: w.prices)
                extra.append(("price_functions", .exact(functions)))
                extra.append(("functional_value", .exact(agents.pairing(functions: functions, w.excessDemand))))
            }
            m.append(("witness", .object(extra + [
                ("prices", .exact(w.prices)),
                ("value", .exact(w.value)),
                ("excess_demand", .exact(w.excessDemand)),
                ("failed_hypotheses", .array(w.failedHypotheses.map { f in
                    failedJSON(f)
                })),
                ("incomes", .object(economy.consumers.enumerated().map { ($1.name, .exact(w.state.incomes[$0])) })),
                ("allocation", .object(economy.consumers.enumerated().map { ($1.name, .exact(w.bundles[$0])) })),
                ("production", .object(economy.firms.enumerated().map { ($1.name, .exact(w.state.supplies[$0].production)) })),
                ("profits", .object(economy.firms.enumerated().map { ($1.name, .exact(w.state.supplies[$0].profit)) })),
            ])))
        }
        return .object(m)
    }
}

extension AuditReport {
    /// The box of an enclosure, exactly: per commodity `[lo, hi]` (a free good `[0, 0]`), per active activity its level.
    func enclosureJSON(_ e: CheckedEnclosure) -> JSONValue {
        func pair(_ x: RationalInterval) -> JSONValue { .array([.string(x.lo.description), .string(x.hi.description)]) }
        return .object([
            ("width", .string(e.width.description)),
            ("prices", .object(economy.commodities.enumerated().map { ($1, pair(e.prices[$0])) })),
            ("levels", .array(e.certificate.regime.activeActivities.enumerated().map { k, a in
                .object([("firm", .string(economy.firms[a.firm].name)), ("activity", .number(String(a.activity))),
                         ("level", pair(e.levels[k]))])
            })),
            ("index", .number(String(e.index))),
            ("strict", .bool(e.isStrict)),
        ])
    }

    func censusJSON(_ c: EquilibriumCensus) -> JSONValue {
        var m: [(key: String, value: JSONValue)] = [("complete", .bool(c.complete)), ("reason", .string(c.reason))]
        guard c.complete else { return .object(m) }
        m.append(("count", .number(String(c.members.count))))
        m.append(("count_is_exact", .bool(c.countIsExact)))
        m.append(("boxes", .number(String(c.leaves))))
        m.append(("equilibria", .array(c.members.map { member in
            var e: [(key: String, value: JSONValue)] = [("kind", .string(member.exact != nil ? "exact" : "enclosure")),
                                                        ("index", .number(String(member.index)))]
            if let exact = member.exact { e.append(("prices", .array(exact.certificate.prices.entries.map { .string($0.description) }))) }
            e.append(("enclosure", enclosureJSON(member.enclosure)))
            return .object(e)
        })))
        m.append(("index_sum", .number(String(c.indexSum))))
        if let holds = c.indexTheoremHolds { m.append(("index_theorem", .bool(holds))) }
        m.append(("uniqueness", .string(c.uniqueness.rawValue)))
        return .object(m)
    }
}
