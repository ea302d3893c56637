import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EquilibriumSearch
import EquilibriumCertificates
import SeededRandom
import _TestSupport

func exactOrNil(_ e: Economy, targetMesh: Int = 1 << 40, closedForms: Bool = true) -> CheckedEquilibrium? {
    guard case .found(let best, _, let stats) = SimplicialSearch(economy: e, limits: SearchLimits(targetMesh: targetMesh)).run()
    else { return nil }
    return e.exactEquilibrium(near: best, finestMesh: stats.meshReached, closedForms: closedForms)
}

/// The test's own solve of `p_j Σ_h ω_hj = Σ_h α_hj (p·ω_h)`, `Σp = 1`.
func linearSystemEquilibrium(_ e: Economy) -> Vector? {
    let n = e.commodityCount
    var rows: [[Rational]] = [], rhs: [Rational] = []
    for j in 0..<(n - 1) {
        var row = [Rational](repeating: 0, count: n)
        for (_, c) in e.consumers.enumerated() {
            guard case .cobbDouglas(let a) = c.utility else { return nil }
            let alpha = a[j] / a.entries.reduce(0, +)
            row[j] += c.endowment[j]
            for i in 0..<n { row[i] -= alpha * c.endowment[i] }
        }
        rows.append(row)
        rhs.append(0)
    }
    rows.append([Rational](repeating: 1, count: n))
    rhs.append(1)
    return Matrix(rows: rows).solve(Vector(rhs))
}

@Suite("Exact equilibria and their checker")
struct CertificateTests {
    @Test func scarfIsCertifiedExactAtOneThirdEach() throws {
        let checked = try #require(exactOrNil(try exampleEconomy("scarf-1960.json")))
        #expect(checked.certificate.prices == [q(1, 3), q(1, 3), q(1, 3)])
    }

    @Test func constantReturnsProductionIsCertifiedExact() throws {
        let checked = try #require(exactOrNil(try exampleEconomy("production.json")))
        #expect(checked.certificate.prices == [q(1, 2), q(1, 4), q(1, 4)])
        #expect(checked.certificate.firmDuals[0] == [], "the constant-returns firm's LP has no constraint")
    }

    @Test func thickIndifferenceHasItsTextbookEquilibriumCertified() throws {
        // MWG's First Welfare Theorem failure: at p = (1/2, 1/2), x_A = x_B = (1, 1).
        let checked = try #require(exactOrNil(try exampleEconomy("thick-indifference.json")))
        #expect(checked.certificate.prices == [q(1, 2), q(1, 2)])
        #expect(checked.certificate.allocation == [[1, 1], [1, 1]])
    }

    @Test func cobbDouglasCertifiedEquilibriumEqualsTheLinearSystemSolution() {
        var rng = SplitMix64(seed: 0x5EED_0701)
        var certified = 0
        for i in 0..<scaledIterations(8) {
            let e = cobbDouglasExchange(&rng, goods: 2 + i % 3, consumers: 1 + i % 3)
            let expected = linearSystemEquilibrium(e)
            // Reconstruction from the search alone, without the closed form.
            guard let checked = exactOrNil(e, closedForms: false) else {
                Issue.record("economy \(i), seed 0x5EED0701: not certified; expected \(String(describing: expected))")
                continue
            }
            #expect(checked.certificate.prices == expected, "economy \(i)")
            certified += 1
        }
        #expect(certified > 0)
    }

    @Test func theSmoothEconomyIsNeverCalledExactWithoutAProof() throws {
        let e = try exampleEconomy("smooth-production.json")
        if let checked = exactOrNil(e, targetMesh: 1 << 24) {
            // Only reachable if the checker accepted it, which is a proof.
            #expect(EquilibriumChecker.check(checked.certificate, for: e).isSuccess)
        }
    }

    @Test func everyTamperedCertificateIsRejected() throws {
        let e = try exampleEconomy("production.json")
        let good = try #require(exactOrNil(e)).certificate
        #expect(EquilibriumChecker.check(good, for: e).isSuccess)
        var tampered: [(String, EquilibriumCertificate)] = []
        var c = good; c.prices = [q(1, 2), q(1, 5), q(3, 10)]; tampered.append(("a price (still in the simplex)", c))
        c = good; c.prices = [q(1, 2), q(1, 4), q(1, 5)]; tampered.append(("a price off the simplex", c))
        c = good; c.allocation[0][1] += q(1, 100); tampered.append(("a bundle", c))
        c = good; c.allocation[1][2] -= q(1, 100); tampered.append(("a bundle, downwards", c))
        c = good; c.levels[1] = [q(5)]; tampered.append(("a level", c))
        c = good; c.production[1] = c.production[1] + Vector([0, 0, q(1, 3)]); tampered.append(("a production", c))
        c = good; c.firmDuals[1] = [q(1, 10)]; tampered.append(("a dual", c))
        c = good; c.firmDuals[1] = []; tampered.append(("a missing dual", c))
        c = good; c.allocation.removeLast(); tampered.append(("a missing consumer", c))
        for (what, t) in tampered {
            #expect(!EquilibriumChecker.check(t, for: e).isSuccess, "accepted a tampered \(what)")
        }
    }

    @Test func satiableConsumersAreCheckedByTheirMultiplier() throws {
        // One satiable consumer whose bliss point is not affordable, one Cobb–Douglas.
        let e = Economy(name: "s", commodities: ["a", "b"], consumers: [
            Consumer(name: "s", endowment: [1, 0], utility: .satiableQuadratic(bliss: [3, 3], weights: [1, 1]), shares: []),
            Consumer(name: "c", endowment: [0, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: []),
        ], firms: [])
        let checked = try #require(exactOrNil(e), "the equilibrium is rational: p = (1/3, 2/3)... exactified")
        var c = checked.certificate
        c.consumerMultipliers[0] += 1
        #expect(!EquilibriumChecker.check(c, for: e).isSuccess)
    }
}
