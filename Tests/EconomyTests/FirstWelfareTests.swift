import Testing
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import EconomyFormat
import TheoremChecks
import EquilibriumSearch

@Suite("First Welfare Theorem (first_welfare)")
struct FirstWelfareTests {
    @Test func thickIndifferenceYieldsTheTextbookParetoImprovement() throws {
        let (status, out) = try runWalras(["audit", "examples/thick-indifference.json", "--json"])
        #expect(status == 1)
        let fw = try JSONReader().parse(out)["verdicts"]?["first_welfare"]
        #expect(fw?["status"] == .string("counterexample"))
        #expect(fw?["route"] == .string("pareto-improvement"))
        #expect(fw?["witness"]?["allocation"]?["A"] == .array([.string("1/2"), .string("1/2")]))
        #expect(fw?["witness"]?["allocation"]?["B"] == .array([.string("3/2"), .string("3/2")]))
        #expect(fw?["witness"]?["compared_with_equilibrium"]?["B"] == .string("better"))
        #expect(fw?["witness"]?["failed_hypothesis"]?["id"] == .string("local_non_satiation"))
    }

    @Test(arguments: ["scarf-1960.json", "production.json"])
    func exactEquilibriaOfNonSatiatedEconomiesArePareto(_ name: String) throws {
        let (_, out) = try runWalras(["audit", "examples/\(name)", "--json"])
        let fw = try JSONReader().parse(out)["verdicts"]?["first_welfare"]
        #expect(fw?["status"] == .string("holds"), "\(name)")
        #expect(fw?["route"] == .string("supporting-prices"))
    }

    @Test func noEquilibriumMeansNotApplicableAndApproximateMeansUndecided() throws {
        let (_, lumpy) = try runWalras(["audit", "examples/non-convex.json", "--json"])
        #expect(try JSONReader().parse(lumpy)["verdicts"]?["first_welfare"]?["status"] == .string("not-applicable"))
        let (_, smooth) = try runWalras(["audit", "examples/smooth-production.json", "--json"])
        #expect(try JSONReader().parse(smooth)["verdicts"]?["first_welfare"]?["status"] == .string("undecided"))
    }

    @Test func cobbDouglasUtilitiesAreComparedExactlyWithoutRoots() {
        let u = Utility.cobbDouglas(exponents: [Rational(1, 2), Rational(1, 3)])
        // (4^(1/2))(27^(1/3)) = 6 = (9^(1/2))(8^(1/3)): equal, found by raising both to the 6th power.
        #expect(u.compare([4, 27], [9, 8]) == 0)
        #expect(u.compare([4, 28], [9, 8]) == 1)
        #expect(u.compare([4, 26], [9, 8]) == -1)
        #expect(Utility.cappedLinear(weights: [1, 1], cap: 1).compare([Rational(1, 2), Rational(1, 2)], [1, 1]) == 0)
        #expect(!Utility.cappedLinear(weights: [1, 1], cap: 1).isLocallyNonSatiated(at: [1, 1]))
        #expect(!Utility.satiableQuadratic(bliss: [1, 1], weights: [1, 1]).isLocallyNonSatiated(at: [1, 1]))
    }
}
