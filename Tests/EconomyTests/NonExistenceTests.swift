import Testing
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import EconomyFormat
import TheoremChecks
import WelfareSolvers
import EquilibriumSearch

@Suite("Proofs of non-existence, and irrational equilibria")
struct NonExistenceTests {
    @Test func aLumpyTwoGoodEconomyHasNoEquilibriumWithAProof() throws {
        let e = try EconomyFormat.load(path: example("non-convex.json"))
        guard case .proved(let proof) = searchNonExistence(e), case .priceLine(let pieces) = proof.checked.certificate else {
            Issue.record("expected a checked price-line proof of non-existence")
            return
        }
        // The pieces cover [0, 1]: point, piece, point, …, point.
        #expect(pieces.first?.from == 0 && pieces.last?.to == 1)
        for (c, d) in zip(pieces, pieces.dropFirst()) { #expect(c.to == d.from, "gap between \(c) and \(d)") }
        #expect(pieces.filter { $0.isPoint }.map { $0.from } == [0, Rational(1, 2), 1])
        #expect(proof.failedHypothesis?.hypothesis == .convexProduction)
        let jump = try #require(proof.jump)
        #expect(jump.excessBelow.signum() * jump.excessAbove.signum() < 0, "the jump changes sign")
        #expect(jump.firm == "oven")
    }

    @Test func theConvexifiedEconomyHasItsEquilibrium() throws {
        var e = try EconomyFormat.load(path: example("non-convex.json"))
        e.firms[0].technology = .activities([[-2, 2]], bound: 1)  // a divisible oven
        guard case .equilibrium(let checked) = searchNonExistence(e) else {
            Issue.record("a convex economy has an equilibrium")
            return
        }
        #expect(checked.certificate.prices == [Rational(1, 2), Rational(1, 2)])
        #expect(checked.isWalrasian)
    }

    @Test func theAuditSaysNoneExistsAndExitsOne() throws {
        let (status, out) = try runWalras(["audit", "examples/non-convex.json", "--json"])
        #expect(status == 1, "\(out)")
        let eq = try JSONReader().parse(out)["verdicts"]?["equilibrium"]
        #expect(eq?["status"] == .string("none-exists"))
        #expect(eq?["proof"]?["failed_hypothesis"]?["id"] == .string("convex_production"))
    }

    @Test func anIrrationalEquilibriumIsEnclosedNeverExact() throws {
        // q = p_food / p_labour = √2 at the only equilibrium (examples/irrational.json).
        let (status, out) = try runWalras(["audit", "examples/irrational.json", "--json"])
        #expect(status == 0, "an enclosure proves it, and both welfare verdicts follow: \(out)")
        let eq = try JSONReader().parse(out)["verdicts"]?["equilibrium"]
        #expect(eq?["status"] == .string("found"), "found means proved: here by an enclosure")
        #expect(eq?["certificate"] == .string("enclosure"), "an irrational equilibrium can never be certified exact")
        #expect(eq?["exact_certificate"] == nil)
        #expect(eq?["outcome"] == .string("holds"))
        guard case .array(let prices)? = eq?["prices"], case .string(let a) = prices[0], case .string(let b) = prices[1] else {
            Issue.record("no prices")
            return
        }
        // The reported point (the box's centre) brackets √2 to within 1e-15: q² − 2 is tiny, never 0.
        let q = try Rational(parsing: b) / Rational(parsing: a)
        #expect((q * q - 2).magnitude < Rational(1, 1_000_000_000_000_000))
        #expect(!(q * q - 2).isZero)
    }
}
