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

/// Newton's method in floating point on the regime system of an economy
/// whose firms are constant-returns activities, written from the
/// definitions here (a reference for the census, not the code under test):
/// unknowns p (n) and levels λ, equations z(p) − Aλ = 0 (all n markets),
/// p·a_k = 0, Σp = 1, solved by Gauss–Newton with a numerical Jacobian.
func referenceZero(_ e: Economy, activities: [[Double]], from start: [Double]) -> [Double]? {
    let n = e.commodityCount, b = activities.count
    let shares = e.consumers.map { h -> [Double] in
        guard case .cobbDouglas(let a) = h.utility else { return [] }
        let total = a.entries.reduce(0.0) { $0 + $1.displayDouble }
        return a.entries.map { $0.displayDouble / total }
    }
    func residual(_ v: [Double]) -> [Double] {
        let p = Array(v[0..<n]), l = Array(v[n...])
        var z = [Double](repeating: 0, count: n)
        for (h, c) in e.consumers.enumerated() {
            let income = zip(p, c.endowment.entries).reduce(0.0) { $0 + $1.0 * $1.1.displayDouble }
            for i in 0..<n { z[i] += shares[h][i] * income / p[i] - c.endowment[i].displayDouble }
        }
        for k in 0..<b { for i in 0..<n { z[i] -= activities[k][i] * l[k] } }
        return z + activities.map { a in zip(a, p).reduce(0.0) { $0 + $1.0 * $1.1 } } + [p.reduce(0, +) - 1]
    }
    var v = start
    for _ in 0..<60 {
        let r = residual(v)
        var jac = [[Double]](repeating: [Double](repeating: 0, count: v.count), count: r.count)
        for j in v.indices {
            var w = v; let h = 1e-7 * max(1, abs(v[j])); w[j] += h
            let rw = residual(w)
            for i in r.indices { jac[i][j] = (rw[i] - r[i]) / h }
        }
        // Normal equations JᵀJ δ = Jᵀ r.
        let m = v.count
        var a = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: m)
        for i in 0..<m {
            for j in 0..<m { a[i][j] = r.indices.reduce(0.0) { $0 + jac[$1][i] * jac[$1][j] } }
            a[i][m] = r.indices.reduce(0.0) { $0 + jac[$1][i] * r[$1] }
        }
        for c in 0..<m {
            let p = (c..<m).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            a.swapAt(c, p)
            for i in 0..<m where i != c {
                let f = a[i][c] / a[c][c]
                for k in c...m { a[i][k] -= f * a[c][k] }
            }
        }
        v = v.indices.map { v[$0] - a[$0][m] / a[$0][$0] }
    }
    return residual(v).allSatisfy({ abs($0) < 1e-10 }) ? v : nil
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
                 utility: .cobbDouglas(exponents: Vector(shares[h])), shares: [h == 0 ? 1 : 0])
    }, firms: [Firm(name: "sectors", technology: .activities([[6, -1, -4, -1], [-1, 3, -1, -1]], bound: nil))])
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

    /// Kehoe's economy has exactly three equilibria: (1, 1, 1, 1)/4 (index
    /// −1) and two irrational ones (index +1), found by a census that the
    /// checker accepts; the reference solver, started near each published
    /// value, lands inside each box.
    @Test func kehoeCensusFindsThreeEquilibria() throws {
        let e = kehoeEconomy()
        let outcome = searchCensus(e)
        guard case .certificate(let c) = outcome else { Issue.record("no census: \(outcome)"); return }
        let census = try CensusChecker.check(c, for: e).get()
        #expect(census.enclosures.count == 3)
        #expect(census.countIsExact)
        #expect(census.enclosures.map(\.index).sorted() == [-1, 1, 1])
        #expect(census.enclosures.map(\.index).reduce(0, +) == 1)
        let quarter = census.enclosures.filter { $0.prices.allSatisfy { $0.contains(Rational(1, 4)) } }
        #expect(quarter.count == 1 && quarter.first?.index == -1)
        let activities: [[Double]] = [[6, -1, -4, -1], [-1, 3, -1, -1]]
        for start in [[0.16, 0.25, 0.04, 0.55, 4.3, 8.1], [0.27, 0.25, 0.31, 0.17, 5.3, 6.5], [0.25, 0.25, 0.25, 0.25, 5.2, 6.9]] {
            let zero = try #require(referenceZero(e, activities: activities, from: start))
            let holding = census.enclosures.filter { enclosure in
                (0..<4).allSatisfy { i in
                    let x = enclosure.prices[i]
                    return x.lo.displayDouble - 1e-9 <= zero[i] && zero[i] <= x.hi.displayDouble + 1e-9
                }
            }
            #expect(holding.count == 1, "the reference zero \(zero) is in \(holding.count) boxes")
        }
        // Tampering with the census: a leaf claimed empty that holds an equilibrium.
        var covers = c.covers
        let k = covers.firstIndex { $0.tree.contains { if case .enclosed = $0 { true } else { false } } }!
        let tree = covers[k].tree.map { node -> CensusCertificate.Node in
            if case .enclosed = node { return .excluded(preconditioner: nil) }
            return node
        }
        covers[k] = .init(regime: covers[k].regime, tree: tree)
        #expect((try? CensusChecker.check(CensusCertificate(covers: covers), for: e).get()) == nil)
        // A regime left out.
        #expect((try? CensusChecker.check(CensusCertificate(covers: Array(c.covers.dropLast())), for: e).get()) == nil)
    }
}
