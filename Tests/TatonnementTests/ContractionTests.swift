import Testing
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
import Tatonnement
import ContractionCertificates
import TheoremChecks
import Harness
import SeededRandom
import _TestSupport

@Suite("Contraction: exact bounds, certificates, Banach per step")
struct ContractionTests {
    @Test func squareRootBoundsBracketTheRoot() {
        var rng = SplitMix64(seed: 0x5EED_0811)
        for _ in 0..<scaledIterations(300) {
            let q = rng.smallRational(maxNumerator: 1000, maxDenominator: 97).magnitude
            let bits = rng.int(in: 0...80)
            let (lo, hi) = q.squareRootBounds(bits: bits)
            #expect(lo * lo <= q && q <= hi * hi, "√\(q) in [\(lo), \(hi)]")
            #expect(hi - lo <= Rational(BigInt(2), BigInt(2).power(bits)), "width at \(bits) bits")
        }
        #expect(Rational(49, 4).squareRootBounds(bits: 3) == (Rational(7, 2), Rational(7, 2)))
    }

    /// Sylvester's criterion, with determinants by cofactors, is the oracle.
    @Test func positiveDefinitenessAgreesWithLeadingMinors() {
        var rng = SplitMix64(seed: 0x5EED_0812)
        var seen = (definite: 0, not: 0)
        for _ in 0..<scaledIterations(200) {
            let n = rng.int(in: 1...4)
            let b = rng.smallMatrix(n, n)
            let shift = Rational(rng.int(in: -6...6))
            let s = Matrix(rows: (0..<n).map { i in (0..<n).map { j in
                (0..<n).reduce(Rational.zero) { $0 + b[$1, i] * b[$1, j] } + (i == j ? shift : .zero)
            } })
            let minors = (1...n).map { k in cofactorDeterminant(Matrix(rows: (0..<k).map { i in (0..<k).map { s[i, $0] } })) }
            let expected = minors.allSatisfy { $0.signum() > 0 }
            #expect(s.isPositiveDefinite == expected, "\(s)")
            if expected { seen.definite += 1 } else { seen.not += 1 }
        }
        #expect(seen.definite > 10 && seen.not > 10, "both outcomes exercised: \(seen)")
        #expect(!Matrix(rows: [[1, 2], [0, 1]]).isPositiveDefinite, "not symmetric")
    }

    @Test func spectralNormTestMatchesKnownNorms() {
        // A permuted diagonal has norm max |d_i|; a rotation by (3/5, 4/5) has norm 1.
        let a: [[Rational]] = [[0, 3, 0], [0, 0, Rational(-1, 2)], [2, 0, 0]]
        #expect(spectralNormIsBelow(Rational(3) + Rational(1, 1000), a))
        #expect(!spectralNormIsBelow(3, a))
        let r: [[Rational]] = [[Rational(3, 5), Rational(-4, 5)], [Rational(4, 5), Rational(3, 5)]]
        #expect(!spectralNormIsBelow(1, r) && spectralNormIsBelow(Rational(1_000_001, 1_000_000), r))
    }

    /// The mean-value inclusion the certificate rests on:
    /// `z(p) − z(q) ∈ J(box)·(p − q)` for `p, q` in the box, exactly.
    @Test(arguments: [Regime.smooth, .nonContraction])
    func jacobianEnclosuresContainEveryDifferenceQuotient(_ regime: Regime) throws {
        var rng = SplitMix64(seed: 0x5EED_0813)
        for seed in 0..<UInt64(scaledIterations(20)) {
            let e = EconomyGenerator.economy(seed: seed, regime: regime)
            let n = e.commodityCount
            let centre = rng.interiorPrice(n)
            let radius = Rational(1, 4) * centre.entries.min()!
            let box = centre.entries.map { RationalInterval($0 - radius, $0 + radius) }
            guard case .success(let enclosure) = e.excessDemandJacobian(over: box) else {
                Issue.record("seed \(seed): no enclosure")
                continue
            }
            func inside() -> Vector {
                Vector(box.map { $0.lo + $0.width * Rational(rng.int(in: 0...64), 64) })
            }
            for _ in 0..<5 {
                let p = inside(), q = inside()
                guard case .defined(let mp) = e.market(at: p), case .defined(let mq) = e.market(at: q) else {
                    Issue.record("seed \(seed): z undefined inside the box")
                    continue
                }
                for i in 0..<n {
                    #expect(enclosure.value[i].contains(mp.excessDemand[i]), "seed \(seed): z_\(i)(p) outside its enclosure")
                    let change = (0..<n).reduce(RationalInterval.zero) { $0 + enclosure.jacobian[i][$1] * RationalInterval(p[$1] - q[$1]) }
                    #expect(change.contains(mp.excessDemand[i] - mq.excessDemand[i]),
                            "seed \(seed) (\(regime)): z_\(i)(p) − z_\(i)(q) outside J·(p − q)")
                }
            }
        }
    }

    @Test func theCheckerRejectsTamperedCertificates() throws {
        let e = try EconomyFormat.load(path: repository.appendingPathComponent("examples/smooth-contraction.json").path)
        let third = Rational(1, 3)
        let centre: Vector = [third, third, third]
        let step = Rational(1, 32)
        let c = try #require(searchContractionCertificate(e, step: step, centre: centre,
                                                         limits: ContractionSearchLimits(maximumBoxes: 3000)))
        #expect(ContractionChecker.check(c, for: e).isSuccess)
        func variant(step: Rational? = nil, radius: Rational? = nil, modulus: Rational? = nil,
                     tree: [ContractionCertificate.Node]? = nil, centre: Vector? = nil) -> ContractionCertificate {
            ContractionCertificate(step: step ?? c.step, centre: centre ?? c.centre, radius: radius ?? c.radius,
                                   modulus: modulus ?? c.modulus, tree: tree ?? c.tree)
        }
        #expect(!ContractionChecker.check(variant(modulus: Rational(1, 2)), for: e).isSuccess, "L below the tangent norm")
        #expect(!ContractionChecker.check(variant(modulus: 1), for: e).isSuccess, "L = 1 proves nothing")
        #expect(!ContractionChecker.check(variant(tree: Array(c.tree.dropLast())), for: e).isSuccess, "truncated tree")
        #expect(!ContractionChecker.check(variant(tree: c.tree + [.bounded]), for: e).isSuccess, "nodes left over")
        let lie = c.tree.map { $0 == .bounded ? ContractionCertificate.Node.outside : $0 }
        #expect(!ContractionChecker.check(variant(tree: lie), for: e).isSuccess, "boxes that meet the region marked outside")
        #expect(!ContractionChecker.check(variant(step: 1), for: e).isSuccess, "a step too large to contract")
        #expect(!ContractionChecker.check(variant(radius: third), for: e).isSuccess, "a box reaching price 0")
        // A region of radius 0 (or less) is the centre alone: everything else still checks
        // (its tree is conservative), so only the positivity of the radius refuses it.
        #expect(!ContractionChecker.check(variant(radius: 0), for: e).isSuccess, "a ball of radius 0")
        #expect(!ContractionChecker.check(variant(radius: -c.radius), for: e).isSuccess, "a negative radius")
        #expect(!ContractionChecker.check(variant(step: 0), for: e).isSuccess, "a step of 0 moves nothing")
        #expect(!ContractionChecker.check(variant(centre: [third, third, third, 0]), for: e).isSuccess,
                "a centre with a coordinate too many")
        #expect(!ContractionChecker.check(variant(modulus: -c.modulus), for: e).isSuccess, "a negative modulus")
        #expect(!ContractionChecker.check(variant(centre: [Rational(1, 2), Rational(1, 4), Rational(1, 4)]), for: e).isSuccess,
                "a centre far from the fixed point: not invariant")
        // Each malformed field refused by its own rule, not by a later one that happens to fail too.
        func reason(_ v: ContractionCertificate) -> String {
            if case .failure(let why) = ContractionChecker.check(v, for: e) { return why.reason }
            return "accepted"
        }
        #expect(reason(variant(step: 0)).contains("step η = 0 is not positive"))
        #expect(reason(variant(step: -c.step)).contains("is not positive"))
        #expect(reason(variant(centre: [third, third, third, 0])).contains("is not a price vector of the simplex"))
        #expect(reason(variant(centre: [third, third, third + third])).contains("is not a price vector of the simplex"))
        #expect(reason(variant(modulus: 1)).contains("is not in [0, 1)"))
        #expect(reason(variant(modulus: -c.modulus)).contains("is not in [0, 1)"))
        #expect(reason(variant(modulus: 0)).contains("is not proved"), "L = 0 is a legal claim, refused only as unproved")
        #expect(reason(variant(radius: third)).contains("reaches a zero price"))
    }

    /// The region is the closed ball: a point at distance exactly `r` is in it.
    @Test func theRegionIsTheClosedBall() {
        let q = Rational(1, 4), d = Rational(1, 16)
        let c = ContractionCertificate(step: 1, centre: [q, q, q, q], radius: Rational(1, 8), modulus: Rational(1, 2), tree: [])
        let sphere: Vector = [q + d, q + d, q - d, q - d]  // ‖·‖ = 2d = r
        #expect(c.regionContains(sphere))
        #expect(c.regionContains(c.centre))
        let beyond: Vector = [q + d + Rational(1, 1 << 20), q + d, q - d, q - d - Rational(1, 1 << 20)]
        #expect(!c.regionContains(beyond))
        #expect(!c.regionContains([q + d, q + d, q - d, q - d + Rational(1, 1 << 20)]), "off the simplex")
        let wide = ContractionCertificate(step: 1, centre: c.centre, radius: Rational(1, 2), modulus: Rational(1, 2), tree: [])
        #expect(wide.regionContains([Rational(1, 2), Rational(1, 2), 0, 0]), "a zero price on the sphere")
        #expect(!wide.regionContains([Rational(3, 4), Rational(1, 2), -Rational(1, 4), 0]), "a negative price")
    }

    /// Banach's bounds are checked, not assumed: an anchor that is not the
    /// fixed point is caught by the a-priori bound at the first step, and a
    /// rounding that errs by more than `ε` is caught as such.
    @Test func banachBoundsCatchAWrongAnchorAndAFaultyRounding() throws {
        let e = try EconomyFormat.load(path: repository.appendingPathComponent("examples/smooth-contraction.json").path)
        let third = Rational(1, 3)
        let c = try #require(searchContractionCertificate(e, step: Rational(1, 32), centre: [third, third, third],
                                                         limits: ContractionSearchLimits(maximumBoxes: 3000)))
        guard case .success(let checked) = ContractionChecker.check(c, for: e) else { Issue.record("not certified"); return }
        let offset = c.radius / 4
        let start: Vector = [third + offset, third - offset, third]
        let honest = checked.checkBanachBounds(from: start, anchor: c.centre, anchorRadius: checked.fixedPointDistanceBound)
        #expect(honest.passed, "\(honest.failure ?? "")")
        let wrong = checked.checkBanachBounds(from: start, anchor: start, anchorRadius: 0)
        #expect(wrong.failure?.contains("step 1: a-priori bound") == true, "\(wrong.failure ?? "passed")")
        let nudge = Rational(1, 1 << 30)
        let faulty = checked.checkBanachBounds(from: start, anchor: c.centre, anchorRadius: checked.fixedPointDistanceBound,
                                               maximumSteps: 400, bits: 40) { p, bits in
            roundToDyadicSimplex(p, bits: bits) + Vector([nudge, -nudge, 0])
        }
        #expect(faulty.failure?.contains("step 1: the rounding error exceeds") == true, "\(faulty.failure ?? "passed")")
        // A weaker claim, L = 9/10, is still a valid certificate (the fixed point is the centre).
        // Its steps shrink faster than 0.9ᵗ, so with an anchor off the fixed point by 2⁻²⁰ the
        // a-posteriori bound, which follows the steps, fails long before the a-priori one.
        let weak = ContractionCertificate(step: c.step, centre: c.centre, radius: c.radius, modulus: Rational(9, 10), tree: c.tree)
        guard case .success(let weaker) = ContractionChecker.check(weak, for: e) else { Issue.record("L = 9/10 not certified"); return }
        let off = Rational(1, 1 << 20)
        let drifted = weaker.checkBanachBounds(from: start, anchor: [third + off, third - off, third], anchorRadius: 0)
        #expect(drifted.failure?.contains("a-posteriori") == true, "\(drifted.failure ?? "passed")")
    }

    /// Interval division is defined only when the divisor excludes 0, even
    /// at one end: `[1, 2] / [0, 1]` is unbounded.
    @Test func intervalDivisionRefusesADivisorTouchingZero() {
        let a = RationalInterval(1, 2)
        #expect(a / RationalInterval(0, 1) == nil)
        #expect(a / RationalInterval(-1, 0) == nil)
        #expect(a / RationalInterval(-1, 1) == nil)
        let q = a / RationalInterval(Rational(1, 2), 1)
        #expect(q.map { $0.lo <= 1 && $0.hi >= 4 } == true, "contains [1, 4], outward-rounded")
        let r = a / RationalInterval(-1, Rational(-1, 2))
        #expect(r.map { $0.lo <= -4 && $0.hi >= -1 } == true)
    }

    /// A box meets the region when its coordinates can sum to exactly 1,
    /// even at a single corner: `[0, 1/2]²` touches the simplex only at
    /// `(1/2, 1/2)`, the centre itself, so it does not miss the ball.
    @Test func aBoxTouchingTheSimplexAtOneCornerMeetsTheRegion() {
        let half = Rational(1, 2)
        let c = ContractionCertificate(step: 1, centre: [half, half], radius: Rational(1, 8), modulus: half, tree: [])
        #expect(!boxMissesRegion([RationalInterval(0, half), RationalInterval(0, half)], c))
        #expect(!boxMissesRegion([RationalInterval(half, 1), RationalInterval(half, 1)], c), "the low corner sums to 1")
        #expect(boxMissesRegion([RationalInterval(0, Rational(1, 4)), RationalInterval(0, half)], c), "sums below 1")
        // Within r of the centre, but every point sums to more than 1: off the simplex.
        #expect(boxMissesRegion([RationalInterval(Rational(9, 16), Rational(5, 8)), RationalInterval(half, Rational(9, 16))], c),
                "sums above 1")
        #expect(boxMissesRegion([RationalInterval(Rational(3, 4), 1), RationalInterval(Rational(1, 4), half)], c),
                "on the simplex, but farther than r from the centre")
    }

    /// Invariance alone: a certificate centred just off the fixed point is
    /// valid; claiming a modulus just below 1 (a weaker Lipschitz bound, so
    /// the tree still holds) leaves the slack `(1 − L)·r` smaller than the
    /// centre's drift `‖Φ(c) − c‖`, which is still below `r`. Only the
    /// invariance condition, with its factor `1 − L`, can reject it.
    @Test func invarianceNeedsTheSlackOneMinusL() throws {
        let e = try EconomyFormat.load(path: repository.appendingPathComponent("examples/smooth-contraction.json").path)
        let third = Rational(1, 3), delta = Rational(1, 1_000_000)
        let c = try #require(searchContractionCertificate(e, step: Rational(1, 32), centre: [third + delta, third - delta, third],
                                                         limits: ContractionSearchLimits(maximumBoxes: 3000)))
        #expect(ContractionChecker.check(c, for: e).isSuccess)
        let weaker = ContractionCertificate(step: c.step, centre: c.centre, radius: c.radius,
                                            modulus: 1 - Rational(1, 1 << 40), tree: c.tree)
        #expect(!ContractionChecker.check(weaker, for: e).isSuccess, "drift above (1 − L)·r, below r")
    }

    /// The seeded family that satisfies the condition: every smooth economy
    /// certified, every Banach bound held at every step, and the
    /// certificate's claim `‖Φ(p) − Φ(q)‖ ≤ L‖p − q‖` re-checked on random
    /// pairs of the region, exactly.
    @Test func smoothFamilyIsCertifiedAndPassesEveryPerStepBound() throws {
        var rng = SplitMix64(seed: 0x5EED_0814)
        let options = ContractionOptions(limits: ContractionSearchLimits(maximumBoxes: 3000, timeLimit: 120), orbitSteps: 300, starts: 3)
        for seed in 0..<UInt64(scaledIterations(5)) {
            let e = EconomyGenerator.economy(seed: seed, regime: .smooth)
            let v = checkContraction(e, equilibrium: nil, options: options)
            #expect(v.statusWord == "contraction" && v.outcome == .holds, "seed \(seed): \(v.reason)")
            guard let c = v.certificate else { continue }
            #expect(c.modulus < 1 && ContractionChecker.check(c, for: e).isSuccess)
            let n = e.commodityCount
            #expect(v.orbits.count == min(3, n * (n - 1)) && v.orbits.allSatisfy { $0.passed } && v.iterations >= 3 * v.orbits.count,
                    "seed \(seed): \(v.iterations) steps, L = \(c.modulus.displayDouble)")
            let rate = try #require(v.observedRateSquared)
            #expect(rate <= c.modulus * c.modulus, "the observed rate never beats the certified L")
            let phi = TatonnementMap(economy: e, step: c.step)
            var tested = 0
            while tested < 20 {
                let offsets = (0..<2).map { _ in (0..<n).map { _ in Rational(rng.int(in: -100...100), 100) * c.radius / Rational(n) } }
                let pair = offsets.map { o -> Vector in
                    let mean = o.reduce(.zero, +) / Rational(n)
                    return c.centre + Vector(o.map { $0 - mean })
                }
                guard pair.allSatisfy(c.regionContains), pair[0] != pair[1] else { continue }
                tested += 1
                let before = squaredNorm(pair[0] - pair[1]), after = squaredNorm(phi(pair[0])! - phi(pair[1])!)
                #expect(after <= c.modulus * c.modulus * before, "seed \(seed): the certified L fails on a pair")
                #expect(c.regionContains(phi(pair[0])!), "seed \(seed): Φ leaves the certified region")
            }
        }
    }

    @Test func scarfIsNotAContractionWithAnExactPairAndAnOrbitThatNeverApproaches() throws {
        let e = try EconomyFormat.load(path: repository.appendingPathComponent("examples/scarf-1960.json").path)
        let third = Rational(1, 3)
        let star: Vector = [third, third, third]
        let v = checkContraction(e, equilibrium: checkEquilibrium(e))
        #expect(v.statusWord == "not-a-contraction" && v.outcome == .counterexample)
        #expect(v.failedHypothesis?.hypothesis == .contraction)
        let w = try #require(v.witness)
        let phi = TatonnementMap(economy: e, step: v.step)
        #expect(squaredNorm(phi(w.p)! - phi(w.q)!) >= squaredNorm(w.p - w.q), "recomputed exactly")
        let orbit = try #require(v.divergentOrbit)
        #expect(orbit.anchorIsExactEquilibrium && orbit.anchor == star && orbit.neverApproaches)
        // Scarf's invariants of ṗ = z(p): ‖p‖² and Π p_i, exactly at every orbit point.
        #expect(orbit.conservesScarfInvariants == true)
        for p in orbit.iterates {
            guard case .defined(let m) = e.market(at: p) else { Issue.record("z undefined on the orbit"); continue }
            #expect(p.dot(m.excessDemand).isZero)
            #expect((0..<3).reduce(Rational.zero) { $0 + m.excessDemand[$1] / p[$1] }.isZero)
        }
        #expect(orbit.iterates.count > 10)
        for t in 1..<orbit.iterates.count {
            #expect(orbit.iterates[t] == roundToDyadicSimplex(phi(orbit.iterates[t - 1])!, bits: 40), "step \(t) is Φ, rounded")
            #expect(squaredNorm(orbit.iterates[t] - star) >= squaredNorm(orbit.iterates[t - 1] - star), "step \(t)")
        }
    }

    /// With unequal endowments Π p_i is no longer conserved: the report must not claim it.
    @Test func scarfsInvariantIsClaimedOnlyWhereItHolds() throws {
        let e = Economy(name: "uneven ring", commodities: ["g1", "g2", "g3"], consumers: (0..<3).map { h in
            var a = Vector.zero(3)
            a[h] = 1
            a[(h + 1) % 3] = 1
            return Consumer(name: "c\(h + 1)", endowment: Rational(h + 1) * Vector.unit(h, count: 3),
                            utility: .leontief(coefficients: a), shares: [])
        }, firms: [])
        let v = checkContraction(e, equilibrium: nil)
        if let orbit = v.divergentOrbit { #expect(orbit.conservesScarfInvariants != true) }
        #expect(!v.reason.contains("keeps ‖p‖² and Π p_i constant"))
    }

    @Test func scarfTypeRegimeIsNeverAContraction() {
        for seed in 0..<UInt64(scaledIterations(8)) {
            let e = EconomyGenerator.economy(seed: seed, regime: .nonContraction)
            let finding = PropertyCatalog.run(.contraction, on: e, seed: seed)
            #expect(finding.kind == .hypothesisFails, "seed \(seed): \(finding.detail)")
        }
    }

    @Test func nonSmoothEconomiesGetNoBoundButAPairAcrossTheJump() throws {
        let e = try EconomyFormat.load(path: repository.appendingPathComponent("examples/production.json").path)
        #expect(!e.nonDifferentiableAgents.isEmpty)
        let v = checkContraction(e, equilibrium: checkEquilibrium(e))
        #expect(v.certificate == nil, "a polyhedral technology has no derivative bound")
        // The supply jumps, so a pair across the jump is found (deterministically: seeded search).
        #expect(v.statusWord == "not-a-contraction" && v.outcome == .counterexample)
        let w = try #require(v.witness)
        let phi = TatonnementMap(economy: e, step: v.step)
        #expect(squaredNorm(phi(w.p)! - phi(w.q)!) >= squaredNorm(w.p - w.q))
        #expect(v.reason.contains("not Lipschitz"))
    }
}
