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
