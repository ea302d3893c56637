import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EquilibriumSearch
import EnclosureCertificates
import ContractionCertificates

/// `√2 ∈ [lo, hi]`, decided exactly (`lo, hi ≥ 0`).
func holdsRootOfTwo(_ x: RationalInterval, times c: Rational = 1, plus d: Rational = 0) -> Bool {
    // x ∋ c√2 + d  ⇔  (x.lo − d)/c ≤ √2 ≤ (x.hi − d)/c for c > 0.
    let lo = (x.lo - d) / c, hi = (x.hi - d) / c
    return (lo.signum() <= 0 || lo * lo <= 2) && hi.signum() >= 0 && hi * hi >= 2
}

@Suite struct EnclosureTests {
    @Test func irrationalExampleIsEnclosed() throws {
        let e = try exampleEconomy("irrational.json")
        let p = try #require(exactPrice([0.4142135623730951, 0.5857864376269049], bits: 52))
        let checked = try #require(enclosedEquilibrium(e, near: p, width: Rational(1, 1 << 60)))
        #expect(checked.width <= Rational(1, 1 << 60))
        print(checked.prices, checked.index)
    }
}

/// Kehoe's four-good economy (Kehoe 1985, "A numerical investigation of
/// multiplicity of equilibria", Math. Programming Study 23; the GAMS
/// model KEHOMGE): four Cobb–Douglas consumers, consumer h owning only
/// good h (5, 5, 40, 40), and two constant-returns activities
/// (6, −1, −4, −1) and (−1, 3, −1, −1).
func kehoeEconomy() -> Economy {
    let shares: [[Rational]] = [[q(52, 100), q(40, 100), q(4, 100), q(4, 100)],
                                [q(86, 100), q(10, 100), q(2, 100), q(2, 100)],
                                [q(50, 100), q(20, 100), q(2975, 10000), q(25, 10000)],
                                [q(6, 100), q(25, 100), q(25, 10000), q(6875, 10000)]]
    let owned: [Rational] = [5, 5, 40, 40]
    return Economy(name: "kehoe", commodities: ["g1", "g2", "g3", "g4"], consumers: (0..<4).map { h in
        Consumer(name: "c\(h + 1)", endowment: Vector((0..<4).map { $0 == h ? owned[h] : .zero }),
                 utility: .cobbDouglas(exponents: Vector(shares[h])), shares: [])
    }, firms: [Firm(name: "sectors", technology: .activities([[6, -1, -4, -1], [-1, 3, -1, -1]], bound: nil))])
}

extension EnclosureTests {
    @Test func kehoeCensus() throws {
        let e = kehoeEconomy()
        let outcome = searchCensus(e, limits: CensusLimits(maximumLeaves: 30000))
        guard case .certificate(let c) = outcome else { Issue.record("no census: \(outcome)"); return }
        print(c.covers.map(\.tree.count).reduce(0, +))
        let t0 = ContinuousClock.now
        let checked = try CensusChecker.check(c, for: e).get()
        print("DEBUG check", ContinuousClock.now - t0)
        print(checked.enclosures.map { ($0.prices.map(\.midpoint.displayDouble), $0.index, $0.isStrict) }, checked.leaves)
    }
}
