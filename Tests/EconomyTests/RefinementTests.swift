import Testing
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import AgentEconomy
import EconomyFormat
import EconomyModel
import TheoremChecks
import Tatonnement
import ContractionCertificates
import WalrasAudit

/// `walras audit --refine`: the Galerkin refinement of an agent economy.
@Suite("Galerkin refinement and readable refutations")
struct RefinementTests {
    /// The distances between successive exact equilibria of
    /// `examples/agents-refinement.json` at K = 2, 4, 8, 16, pinned; each
    /// recomputed here from the printed price functions by evaluating both
    /// step functions on the 16-bin grid (not through the Gram matrix).
    @Test func theRefinementDistancesArePinnedAndRecomputed() throws {
        let (status, out) = try runWalras(["audit", "examples/agents-refinement.json", "--refine", "2,4,8,16", "--json"])
        #expect(status == 3, "contraction undecided on polyhedral agents; every equilibrium found: \(out.prefix(300))")
        let r = try #require(try JSONReader().parse(out)["refinement"])
        #expect(r["distances_squared"] == .array(["43/96", "17/12", "583/144"].map { .string($0) }))
        guard case .array(let steps)? = r["steps"] else { Issue.record("no steps"); return }
        #expect(steps.count == 4)
        func rational(_ v: JSONValue) -> Rational? { if case .string(let s) = v { try? Rational(parsing: s) } else { nil } }
        let functions: [[Rational]] = steps.map { step in
            guard case .array(let items)? = step["price_functions"] else { return [] }
            return items.compactMap(rational)
        }
        let bins = [2, 4, 8, 16]
        // Two trajectory blocks (planner and coder throughput), one resource (gpu), then one task good.
        let blocks = 3
        for i in 0..<3 {
            let (a, b) = (functions[i], functions[i + 1])
            #expect(a.count == blocks * bins[i] + 1 && b.count == blocks * bins[i + 1] + 1)
            var d2 = Rational.zero
            for block in 0..<blocks {
                for t in 0..<16 {  // the value of each step function on fine bin t of [0, 1)
                    let f = a[block * bins[i] + t * bins[i] / 16], g = b[block * bins[i + 1] + t * bins[i + 1] / 16]
                    d2 += Rational(1, 16) * (f - g) * (f - g)
                }
            }
            d2 += (a.last! - b.last!) * (a.last! - b.last!)
            #expect(r["distances_squared"].flatMap { if case .array(let x) = $0 { rational(x[i]) } else { nil } } == d2,
                    "K = \(bins[i]) → \(bins[i + 1])")
        }
        // Every equilibrium normalised alike: Σ_blocks ∫p + π = 1 at every K.
        for (k, f) in zip(bins, functions) {
            let integral = f.dropLast().reduce(Rational.zero, +) / Rational(k) + f.last!
            #expect(integral == 1, "K = \(k)")
        }
    }

    @Test func projectionAveragesAndKeepsTheFinestGrid() throws {
        let a = try loadAgents("agents-refinement.json")
        #expect(a.projected(toBins: 16) == a)
        #expect(a.projected(toBins: 3) == nil && a.projected(toBins: 0) == nil)
        let four = try #require(a.projected(toBins: 4))
        // gpu endowment 2,3,4,5 | 6,6,5,4 | 3,2,2,3 | 4,5,4,3 averages to 7/2, 21/4, 5/2, 4.
        #expect(four.orchestrators[0].endowment[0] == [Rational(7, 2), Rational(21, 4), Rational(5, 2), 4])
        #expect(four.basis == .piecewiseConstant(bins: 4) && four.horizon == a.horizon)
        // Projection then refinement is the step function of the projection: values repeat.
        #expect(four.refined()!.orchestrators[0].endowment[0].prefix(2) == [Rational(7, 2), Rational(7, 2)])
    }

    @Test func badRefineRequestsAreRejected() throws {
        let plain = try runWalrasSeparately(["audit", "examples/scarf-1960.json", "--refine", "2,4"])
        #expect(plain.status == 2 && plain.stderr.contains("--refine needs a walras-agent-economy/1 file"))
        let divisor = try runWalrasSeparately(["audit", "examples/agents-refinement.json", "--refine", "3,16"])
        #expect(divisor.status == 2 && divisor.stderr.contains("--refine 3: expected a divisor of the file's 16 bins"))
        var twelve = try loadAgents("agents-refinement.json")
        twelve.basis = .piecewiseConstant(bins: 12)
        #expect(refinementProblem(twelve, bins: [4, 6])?.contains("divide the next") == true, "V_4 is not inside V_6")
        #expect(refinementProblem(twelve, bins: [3, 6, 12]) == nil)
        for bad in ["4", "4,2", "0,4", "2,x", "2,,4"] {
            let run = try runWalrasSeparately(["audit", "examples/agents-refinement.json", "--refine", bad])
            #expect(run.status == 2, "--refine \(bad)")
        }
    }

    /// The refuting pair of the bundled agent system differs in two prices,
    /// still refutes exactly (recomputed here), and the report names them
    /// and who moves, in agent terms.
    @Test func theRefutingPairIsLocalizedAndNamed() throws {
        let document = try Auditor.load(path: nil)
        guard case .agents(let a) = document else { Issue.record("the default is an agent economy"); return }
        let e = a.compiled().economy
        let v = checkTheorems(e, only: [.contraction]).contraction!
        let w = try #require(v.witness)
        let differ = w.p.indices.filter { w.p[$0] != w.q[$0] }
        #expect(differ.count <= 2)
        let map = TatonnementMap(economy: e, step: v.step)
        let fp = try #require(map(w.p)), fq = try #require(map(w.q))
        let before = (w.p - w.q).entries.reduce(Rational.zero) { $0 + $1 * $1 }
        let after = (fp - fq).entries.reduce(Rational.zero) { $0 + $1 * $1 }
        #expect(after >= before && before == w.before && after == w.after)
        #expect(!v.jumps.isEmpty)
        let (_, text) = try runWalras(["audit"])
        #expect(text.contains("p and q differ in \(differ.count) of \(e.commodityCount) prices"))
        #expect(text.contains("its demand moves by") || text.contains("its supply moves by"))
        #expect(!text.contains("at p = ("), "no 54-coordinate vectors in the text")
    }

    /// Where supply jumps, the jump is named with its modes or activities.
    @Test func aFirmThatSwitchesIsNamed() throws {
        let (status, text) = try runWalras(["audit", "examples/seven-lumpy-firms.json"])
        #expect(status == 1)
        #expect(text.contains("idles at p, activity 1 at level 1 at q") || text.contains("activity 1 at level 1 at p, idles at q"))
    }
}
