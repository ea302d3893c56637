import Testing
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import AgentEconomy
import EconomyFormat
import EquilibriumSearch
import TheoremChecks
import Tatonnement
import ContractionCertificates
import Harness
import WalrasAudit

/// Smooth agents (a quadratic cost paid in a resource profile), budgets,
/// routing folded into Leontief orchestrators, and the paper's Banach claim
/// on them: certified at 121 commodities, refuted where one agent's
/// curvature is too weak or the step too large, and the Galerkin
/// refinement's exact distances.
@Suite("Smooth agents and the structured contraction certificate")
struct SmoothAgentTests {
    static let smooth = """
    {"format": "walras-agent-economy/1", "horizon": 1, "basis": {"kind": "piecewise-constant", "bins": 2},
     "metrics": ["q"], "budgets": ["credits"], "task": {"q": [1, 2]},
     "agents": [{"name": "a", "smooth": {"cost": {"credits": 2}, "scale": {"q": [1, 1]}, "capacity": {"q": [4, 4]}}},
                {"name": "b", "upstream": ["a"], "smooth": {"cost": {"credits": 1}, "scale": {"q": [3, 3]}, "capacity": {"q": [4, 4]}}}],
     "orchestrators": [{"name": "o", "endowment": {"credits": 5}, "welfare": {"kind": "leontief", "coefficients": {"a>b": 1}},
                        "shares": {"a": 1, "b": 1}}]}
    """

    /// The compiled model written from the format's definitions: one
    /// quadratic-cost firm per smooth agent paying in credits, scale per
    /// commodity = scale per unit of time / bin width, no task goods, and
    /// the orchestrator's Leontief bundle = what a unit of task on a>b needs.
    @Test func aSmoothAgentCompilesToAQuadraticCostInItsProfile() throws {
        let a = try decodeAgents(Self.smooth)
        #expect(a.routingIsFolded)
        let c = a.compiled()
        #expect(c.economy.commodities == ["a.q@bin1", "a.q@bin2", "b.q@bin1", "b.q@bin2", "credits"])
        #expect(c.taskGoodCount == 0 && c.economy.firms.count == 2)
        guard case .quadraticCost(let input, let scale, let capacity) = c.economy.firms[0].technology else {
            Issue.record("agent a should be a quadratic cost")
            return
        }
        #expect(input == [0, 0, 0, 0, 2] && scale == [2, 2, 0, 0, 0] && capacity == [4, 4, 0, 0, 0])
        #expect(c.economy.consumers[0].utility == .leontief(coefficients: [1, 2, 1, 2, 0]))
        #expect(c.economy.consumers[0].endowment == [0, 0, 0, 0, 5])
        #expect(c.describe(4) == "credits (a budget over the horizon)")
        // Encoding and decoding give the same economy back.
        let again = try AgentEconomyFormat.decode(AgentEconomyFormat.encode(a), file: "again.json")
        #expect(again == a)
    }

    /// Bad smooth agents are rejected with the JSON path, what was expected and what was found.
    @Test(arguments: [
        (#""smooth": {"cost": {"credits": 2}, "scale": {"q": [1, 1]}, "capacity": {"q": [4, 0]}}"#,
         "agents[0].smooth.capacity.q[1]", "a positive capacity where the scale is positive"),
        (#""smooth": {"cost": {"credits": 0}, "scale": {"q": [1, 1]}, "capacity": {"q": [4, 4]}}"#,
         "agents[0].smooth.cost", "a resource profile that uses some resource or budget"),
        (#""smooth": {"cost": {"cash": 1}, "scale": {"q": [1, 1]}, "capacity": {"q": [4, 4]}}"#,
         "agents[0].smooth.cost.cash", "a resource named in \"resources\""),
        (#""smooth": {"cost": {"credits": 1}, "scale": {"q": [0, 0]}, "capacity": {"q": [4, 4]}}"#,
         "agents[0].smooth.scale", "a positive scale for some metric (what the agent produces)"),
        (#""capacity": 2, "smooth": {"cost": {"credits": 1}, "scale": {"q": [1, 1]}, "capacity": {"q": [4, 4]}}"#,
         "agents[0].capacity", "no \"capacity\" in a smooth agent (its technology is \"smooth\")"),
    ])
    func badSmoothAgentsAreRejected(agent: String, path: String, expected: String) {
        let text = Self.smooth.replacingOccurrences(
            of: #""smooth": {"cost": {"credits": 2}, "scale": {"q": [1, 1]}, "capacity": {"q": [4, 4]}}"#, with: agent)
        #expect(text != Self.smooth)
        do {
            _ = try decodeAgents(text)
            Issue.record("accepted: \(agent)")
        } catch {
            #expect(error.path == path, "\(error)")
            #expect(error.expected == expected, "\(error)")
        }
    }

    @Test func smoothAgentsNeedAPiecewiseConstantBasis() {
        let text = Self.smooth.replacingOccurrences(of: #"{"kind": "piecewise-constant", "bins": 2}"#,
                                                    with: #"{"kind": "monomial", "count": 2}"#)
        do {
            _ = try decodeAgents(text)
            Issue.record("a smooth agent on a monomial basis was accepted")
        } catch {
            #expect(error.path == "agents[0].smooth" && error.found == "a monomial basis", "\(error)")
        }
    }

    /// `walras generate agents --smooth` builds its data backwards from a
    /// price; that price, recomputed here from the file alone
    /// (`q_i = ρ_a c_i q_B` with `ρ_a = b_a / (scale_a·K)`, `c_i = capacity_i / 2`,
    /// `q_B` the credit's price, normalised), is an exact equilibrium that
    /// the checker accepts.
    @Test func theSmoothGeneratorsEquilibriumIsTheDesignedPrice() throws {
        var design = AgentSystemDesign(layers: 2, width: 3, metrics: 2, bins: 2, fanIn: 2, orchestrators: 2, welfare: .leontief, seed: 7)
        design.smooth = true
        let a = EconomyGenerator.agentSystem(design)
        let e = a.compiled().economy
        var q: [Rational] = []
        for agent in a.agents {
            let s = try #require(agent.smooth)
            for r in a.metrics.indices {
                for c in 0..<2 {
                    let rho = s.budgetCost[0] / (s.scale[r][c] * 2)
                    q.append(rho * s.capacity[r][c] / 2)
                }
            }
        }
        q.append(1)
        let total = q.reduce(Rational.zero, +)
        let price = Vector(q.map { $0 / total })
        guard case .defined(let market) = e.market(at: price) else { Issue.record("undefined"); return }
        #expect(market.excessDemand.isZero)
        #expect(e.checkedEquilibrium(at: price) != nil)
        #expect(design.problem == nil)
        var both = design
        both.discrete = true
        #expect(both.problem?.contains("--smooth and --discrete") == true)
    }

    static func contraction(_ file: String, step: Rational?) throws -> (ContractionVerdict, CompiledAgentEconomy) {
        let c = try loadAgents(file).compiled()
        // Debug builds are slow: one start and fifty steps of Banach's bounds, no step range.
        let options = ContractionOptions(step: step, orbitSteps: 50, starts: 1)
        return (checkContraction(c.economy, equilibrium: nil, options: options), c)
    }

    /// The shipped smooth system (121 commodities): a structured certificate
    /// that the checker accepts, `L < 1`, the observed rate within `L`,
    /// Banach's bounds at every step, and the fixed point an equilibrium.
    @Test func theShippedSmoothSystemIsACertifiedContraction() throws {
        let (v, c) = try Self.contraction("agents-smooth.json", step: nil)
        #expect(c.economy.commodityCount == 121)
        #expect(v.status == .contraction, "\(v.reason)")
        let checked = try #require(v.checked)
        #expect(checked.modulus < 1)
        guard case .structured? = checked.certificate.tree.first else { Issue.record("not a structured certificate"); return }
        let rate = try #require(v.observedRateSquared)
        #expect(rate <= checked.modulus * checked.modulus)
        #expect(v.orbits.allSatisfy(\.passed) && v.iterations > 0)
        #expect(v.conclusion == .uniqueEquilibrium)
        // The checker, run again on the certificate alone.
        guard case .success = ContractionChecker.check(checked.certificate, for: c.economy) else {
            Issue.record("the checker rejects the audit's certificate")
            return
        }
    }

    /// One agent 1024 times as responsive, at the step that certifies the
    /// shipped system: refuted by a pair near the equilibrium whose largest
    /// change of choice is that agent's supply; and the shipped system
    /// itself at a step 64 times larger.
    @Test func aWeakCurvatureOrALargeStepIsRefutedInAgentTerms() throws {
        let (weak, c) = try Self.contraction("agents-smooth-weak.json", step: Rational(1, 65536))
        #expect(weak.status == .notAContraction, "\(weak.reason)")
        let w = try #require(weak.witness)
        #expect(w.after >= w.before)
        // Near the equilibrium, in two prices of which one is l2a3's, and l2a3's supply moves most.
        let differ = w.p.indices.filter { w.p[$0] != w.q[$0] }
        #expect(differ.count == 2 && differ.contains { c.describe($0).hasPrefix("l2a3.") }, "\(differ.map(c.describe))")
        #expect(weak.jumps.first?.subject == .firm(try #require(c.source.agents.firstIndex { $0.name == "l2a3" })))
        #expect(w.before < Rational(1, 10_000), "a local pair")
        let (large, _) = try Self.contraction("agents-smooth.json", step: Rational(1, 1024))
        #expect(large.status == .notAContraction, "\(large.reason)")
        // The weak file is the shipped one with l2a3’s scale × 1024 and nothing else.
        var expected = try loadAgents("agents-smooth.json")
        let index = try #require(expected.agents.firstIndex { $0.name == "l2a3" })
        expected.agents[index].smooth!.scale = expected.agents[index].smooth!.scale.map { $0.map { 1024 * $0 } }
        var actual = try loadAgents("agents-smooth-weak.json")
        actual.name = expected.name
        #expect(actual == expected)
    }

    /// `--refine 2,4,8,16` on the smooth refinement example: every
    /// equilibrium exact, the distances pinned, and every price function
    /// equal to the closed form derived here from the file: on `K` bins the
    /// demand level is `ℓ_K = √(m_16 / m_K)` (`m_K` the mean square of the
    /// task's `K`-bin averages) and agent `a`'s price function is
    /// `ρ_a·16·c̄·ℓ_K·q_B` with `c̄` the projected need, normalised with the
    /// credit's price `q_B` so that `Σ∫p + q_B = 1`.
    @Test func theSmoothRefinementIsExactAndMatchesItsClosedForm() throws {
        let a = try loadAgents("agents-smooth-refinement.json")
        let r = galerkinRefinement(a, bins: [2, 4, 8, 16], options: VerdictOptions(), budget: nil)
        #expect(r.steps.map(\.status) == ["found", "found", "found", "found"])
        #expect(r.distancesSquared.map { $0?.description } == [
            "105448601156226853048983232706314477225/53748251732476184515648281710480468911104",
            "360876191775308764857069732417049/764702090553075593095805643776065536",
            "651619497030036079673634689/5635281114447837178458695270400",
        ])
        let tau = a.task[0]
        func averages(_ k: Int) -> [Rational] {
            (0..<k).map { b in tau[(b * 16 / k)..<((b + 1) * 16 / k)].reduce(Rational.zero, +) / Rational(16 / k) }
        }
        func meanSquare(_ k: Int) -> Rational { averages(k).reduce(.zero) { $0 + $1 * $1 } / Rational(k) }
        for (step, k) in zip(r.steps, [2, 4, 8, 16]) {
            let ratio = meanSquare(16) / meanSquare(k)
            let level = try #require(exactSquareRoot(ratio), "m_16 / m_\(k) is a rational square by design")
            var functions: [Rational] = []
            for agent in a.agents {
                let s = try #require(agent.smooth)
                let rho = s.budgetCost[0] / (s.scale[0][0] * 16)
                let weight = s.capacity[0][0] / (2 * tau[0])  // the paths' weight through this agent
                functions += averages(k).map { rho * 16 * weight * $0 * level }
            }
            // Normalise with the credit's price 1: Σ_blocks ∫p = Σ functions / k.
            let total = functions.reduce(Rational.zero, +) / Rational(k) + 1
            let expected = functions.map { $0 / total } + [1 / total]
            #expect(step.functions == Vector(expected), "K = \(k)")
        }
    }

    func exactSquareRoot(_ x: Rational) -> Rational? {
        func root(_ n: BigInt) -> BigInt? {
            let r = Rational(n).squareRootBounds(bits: 4).lower.floor
            return [r, r + 1].first { $0 * $0 == n }
        }
        guard let a = root(x.numerator), let b = root(x.denominator) else { return nil }
        return Rational(a) / Rational(b)
    }
}
