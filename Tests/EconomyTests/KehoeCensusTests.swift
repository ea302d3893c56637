import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
import EnclosureCertificates
import TheoremChecks


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


/// Kehoe's four-good economy through the theorem function that
/// `--all-equilibria` calls: exactly three equilibria, `(1, 1, 1, 1)/4`
/// exact (index −1) and two enclosed (index +1), indices summing to +1.
@Suite struct KehoeCensusTests {
    @Test func kehoeHasThreeEquilibriaWithIndicesSummingToOne() throws {
        let e = kehoeEconomy()
        // The example file is the same economy.
        let file = try EconomyFormat.load(path: example("kehoe.json"))
        #expect(file.consumers.map(\.endowment) == e.consumers.map(\.endowment))
        #expect(file.consumers.map(\.utility) == e.consumers.map(\.utility))
        #expect(file.firms.map(\.technology) == e.firms.map(\.technology))

        let census = equilibriumCensus(e, width: Rational(1, 1 << 60))
        #expect(census.complete, "\(census.reason)")
        #expect(census.countIsExact)
        #expect(census.members.count == 3)
        #expect(census.members.map(\.index).sorted() == [-1, 1, 1])
        #expect(census.indexSum == 1 && census.indexTheoremHolds == true)
        #expect(census.uniqueness == .counterexample)
        let exact = census.members.filter { $0.exact != nil }
        #expect(exact.count == 1)
        #expect(exact.first?.exact?.certificate.prices == Vector([Rational(1, 4), Rational(1, 4), Rational(1, 4), Rational(1, 4)]))
        #expect(exact.first?.index == -1)
        // Levels at (1/4, …): clearing g1 and g2 by hand gives 6λ1 − λ2 = 24.3, −λ1 + 3λ2 = 15.5: λ = (26/5, 69/10).
        #expect(exact.first?.exact?.certificate.levels == [[Rational(26, 5), Rational(69, 10)]])
        for m in census.members where m.exact == nil {
            #expect(m.index == 1)
            #expect(m.enclosure.width <= Rational(1, 1 << 60))
            // Not the rational one (all three have p2 = 1/4; the others differ).
            #expect(!m.enclosure.prices.allSatisfy { $0.contains(Rational(1, 4)) })
        }
        // Each box holds the zero of the floating-point reference solver started near the published values.
        let activities: [[Double]] = [[6, -1, -4, -1], [-1, 3, -1, -1]]
        for start in [[0.16, 0.25, 0.04, 0.55, 4.3, 8.1], [0.27, 0.25, 0.31, 0.17, 5.3, 6.5], [0.25, 0.25, 0.25, 0.25, 5.2, 6.9]] {
            let zero = try #require(referenceZero(e, activities: activities, from: start))
            let holding = census.members.filter { m in
                (0..<4).allSatisfy { i in
                    let x = m.enclosure.prices[i]
                    return x.lo.displayDouble - 1e-9 <= zero[i] && zero[i] <= x.hi.displayDouble + 1e-9
                }
            }
            #expect(holding.count == 1, "the reference zero \(zero) is in \(holding.count) boxes")
        }
        // The census certificate, tampered: an enclosed leaf claimed empty, or a regime left out.
        let c = try #require(census.certificate)
        #expect((try? CensusChecker.check(c, for: e).get()) != nil)
        var covers = c.covers
        let k = covers.firstIndex { $0.tree.contains { if case .enclosed = $0 { true } else { false } } }!
        covers[k] = .init(regime: covers[k].regime, tree: covers[k].tree.map { node -> CensusCertificate.Node in
            if case .enclosed = node { return .excluded(preconditioner: nil) }
            return node
        })
        #expect((try? CensusChecker.check(CensusCertificate(covers: covers), for: e).get()) == nil)
        #expect((try? CensusChecker.check(CensusCertificate(covers: Array(c.covers.dropLast())), for: e).get()) == nil)
    }
}
