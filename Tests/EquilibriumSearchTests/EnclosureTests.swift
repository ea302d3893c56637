import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EquilibriumSearch
import EnclosureCertificates
import ContractionCertificates

/// `c·√k + d ∈ x`, decided exactly (c ≠ 0): `√k` between `(lo − d)/c` and `(hi − d)/c`.
func contains(_ x: RationalInterval, root k: Rational, times c: Rational, plus d: Rational) -> Bool {
    var lo = (x.lo - d) / c, hi = (x.hi - d) / c
    if c.signum() < 0 { swap(&lo, &hi) }
    return (lo.signum() <= 0 || lo * lo <= k) && hi.signum() >= 0 && hi * hi >= k
}

@Suite struct EnclosureTests {
    /// `examples/irrational.json`: clearing food needs `q = p_food/p_labour = √2`, so
    /// `p = (√2 − 1, 2 − √2)`. The enclosure holds that closed form, within 2^-60.
    @Test func irrationalExampleIsEnclosedAroundItsClosedForm() throws {
        let e = try exampleEconomy("irrational.json")
        let p = try #require(exactPrice([0.4142135623730951, 0.5857864376269049], bits: 52))
        let checked = try #require(enclosedEquilibrium(e, near: p, width: Rational(1, 1 << 60)))
        #expect(checked.width <= Rational(1, 1 << 60))
        #expect(contains(checked.prices[0], root: 2, times: 1, plus: -1))
        #expect(contains(checked.prices[1], root: 2, times: -1, plus: 2))
        // A neighbouring rational is outside: the box is tight, not the whole simplex.
        #expect(!checked.prices[0].contains(Rational(41421356237, 100_000_000_000)))
    }

    /// The Leontief exchange economy of `examples/leontief-irrational.json`:
    /// with q = p_x/p_y, `Σ_h a_hx (q ω_hx + ω_hy)/(q a_hx + a_hy) = Σ_h ω_hx`
    /// reduces to `2q² + 2q − 1 = 0`: `p = (2 − √3, √3 − 1)`.
    @Test func leontiefIrrationalEquilibriumIsEnclosed() throws {
        let e = try exampleEconomy("leontief-irrational.json")
        let p = try #require(exactPrice([0.2679491924311227, 0.7320508075688773], bits: 52))
        let checked = try #require(enclosedEquilibrium(e, near: p, width: Rational(1, 1 << 60)))
        #expect(contains(checked.prices[0], root: 3, times: -1, plus: 2))
        #expect(contains(checked.prices[1], root: 3, times: 1, plus: -1))
        #expect(checked.isStrict)
    }

    /// Each tampering of a valid certificate is rejected, for its own reason.
    @Test func tamperedEnclosuresAreRejected() throws {
        let e = try exampleEconomy("irrational.json")
        let p = try #require(exactPrice([0.4142135623730951, 0.5857864376269049], bits: 52))
        let valid = try #require(enclosedEquilibrium(e, near: p, width: Rational(1, 1 << 60))).certificate
        #expect((try? EnclosureChecker.check(valid, for: e).get()) != nil)
        func rejected(_ c: EnclosureCertificate) -> String? {
            if case .failure(let why) = EnclosureChecker.check(c, for: e) { return why.reason }
            return nil
        }
        // The box shrunk around the centre, to far below the centre's own error: no zero inside.
        var shrunk = valid
        shrunk.box = valid.centre.map { RationalInterval($0 - Rational(1, BigInt(2).power(200)), $0 + Rational(1, BigInt(2).power(200))) }
        #expect(rejected(shrunk)?.contains("Krawczyk") == true)
        // The box shrunk on one side, past the zero.
        var cut = valid
        cut.box[0] = RationalInterval(valid.centre[0] + valid.box[0].width / 4, valid.box[0].hi)
        cut.centre[0] = cut.box[0].midpoint
        #expect(rejected(cut)?.contains("Krawczyk") == true)
        // The preconditioner altered: doubled, or a row swapped.
        var doubled = valid
        doubled.preconditioner = valid.preconditioner.map { $0.map { 2 * $0 } }
        #expect(rejected(doubled) != nil)
        var swapped = valid
        swapped.preconditioner = valid.preconditioner.reversed()
        #expect(rejected(swapped) != nil)
        // A regime claim changed: the farm's output claimed at its capacity (100), or food free.
        var capped = valid
        capped.regime.cappedOutputs = [.init(firm: 0, good: 1)]
        #expect(rejected(capped)?.contains("capacity") == true)
        var free = valid
        free.regime.freeGoods = [1]
        #expect(rejected(free) != nil)
        // The centre outside its box.
        var outside = valid
        outside.centre[0] = valid.box[0].hi + 1
        #expect(rejected(outside)?.contains("outside") == true)
    }

    /// An economy built in code that breaks the model's invariants (which the
    /// file decoder enforces) is refused by the checker, never proved: shares
    /// (2, −1) summing to 1, or Cobb–Douglas exponents all 0.
    @Test func theCheckerEnforcesTheModelsInvariants() throws {
        let e = try exampleEconomy("irrational.json")
        let p = try #require(exactPrice([0.4142135623730951, 0.5857864376269049], bits: 52))
        let valid = try #require(enclosedEquilibrium(e, near: p, width: Rational(1, 1 << 60))).certificate
        var twoOwners = e
        twoOwners.consumers = [e.consumers[0], e.consumers[0]]
        twoOwners.consumers[0].shares = [2]
        twoOwners.consumers[1].shares = [-1]
        twoOwners.consumers[1].endowment = Vector.zero(2)
        guard case .failure(let why) = EnclosureChecker.check(valid, for: twoOwners) else { Issue.record("accepted"); return }
        #expect(why.reason.contains("shares"))
        var indifferent = e
        indifferent.consumers[0].utility = .cobbDouglas(exponents: [0, 0])
        guard case .failure(let none) = EnclosureChecker.check(valid, for: indifferent) else { Issue.record("accepted"); return }
        #expect(none.reason.contains("not all 0"))
        #expect(EnclosureChecker.excludes(valid.box, regime: valid.regime, in: indifferent) == nil)
    }

    /// A wrong claim of exclusion is refused: the leaf that holds the equilibrium.
    @Test func theBoxOfAnEquilibriumIsNeverExcluded() throws {
        let e = try exampleEconomy("irrational.json")
        let p = try #require(exactPrice([0.4142135623730951, 0.5857864376269049], bits: 52))
        let c = try #require(enclosedEquilibrium(e, near: p, width: Rational(1, 1 << 60))).certificate
        #expect(EnclosureChecker.excludes(c.box, regime: c.regime, in: e) == nil)
        let wide = c.centre.map { RationalInterval($0 - Rational(1, 64), $0 + Rational(1, 64)) }
        #expect(EnclosureChecker.excludes(wide, regime: c.regime, in: e, preconditioner: c.preconditioner) == nil)
        // Far from it, boxes are excluded: off the simplex, and on it, by the market for labour.
        let off = [RationalInterval(Rational(1, 10), Rational(1, 5)), RationalInterval(Rational(1, 2), Rational(3, 5))]
        #expect(EnclosureChecker.excludes(off, regime: c.regime, in: e) == "prices cannot sum to 1")
        let far = [RationalInterval(Rational(1, 10), Rational(3, 20)), RationalInterval(Rational(17, 20), Rational(9, 10))]
        #expect(EnclosureChecker.excludes(far, regime: c.regime, in: e, preconditioner: c.preconditioner) != nil)
    }

    /// Three Leontief consumers, a = (2, 1), (2, 3), (2, 4), ω = (1, 0), (1, 1),
    /// (1, 4): clearing x at q = p_x/p_y gives 2q² + 2q − 1 = 0 again (the
    /// interior equilibrium (2 − √3, √3 − 1)), and at either vertex the free
    /// good is in excess supply while the other market clears (by hand:
    /// at (0, 1) demands of x are 0, 2/3, 2 ≤ 3; at (1, 0) demands of y are
    /// 1/2, 3/2, 2 ≤ 5). Three equilibria, two with a free good; the
    /// indices still sum to +1.
    @Test func censusFindsBoundaryEquilibriaWithFreeGoods() throws {
        let e = Economy(name: "leontief-three", commodities: ["x", "y"], consumers: [
            Consumer(name: "a", endowment: [1, 0], utility: .leontief(coefficients: [2, 1]), shares: []),
            Consumer(name: "b", endowment: [1, 1], utility: .leontief(coefficients: [2, 3]), shares: []),
            Consumer(name: "c", endowment: [1, 4], utility: .leontief(coefficients: [2, 4]), shares: []),
        ], firms: [])
        guard case .certificate(let c) = searchCensus(e) else { Issue.record("no census"); return }
        let census = try CensusChecker.check(c, for: e).get()
        #expect(census.enclosures.count == 3)
        #expect(census.countIsExact)
        #expect(census.enclosures.map(\.index).reduce(0, +) == 1)
        #expect(census.enclosures.contains { contains($0.prices[0], root: 3, times: -1, plus: 2) && $0.index == -1 })
        #expect(census.enclosures.contains { $0.certificate.regime.freeGoods == [0] && $0.prices[1].contains(1) })
        #expect(census.enclosures.contains { $0.certificate.regime.freeGoods == [1] && $0.prices[0].contains(1) })
    }
}
