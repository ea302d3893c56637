import Testing
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
import Tatonnement
import ContractionCertificates
import SeededRandom
import _TestSupport

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Tâtonnement: exact projection, refutation pairs, orbits")
struct TatonnementTests {
    @Test func theProjectionSatisfiesItsOptimalityConditionsExactly() {
        var rng = SplitMix64(seed: 0x5EED_0801)
        for i in 0..<scaledIterations(300) {
            let n = rng.int(in: 1...6)
            let v = Vector((0..<n).map { _ in rng.smallRational(maxNumerator: 30, maxDenominator: 7) })
            let x = projectOntoSimplex(v)
            let tau = simplexThreshold(v)
            #expect(x.entries.reduce(0, +) == 1 && x.allSatisfy { $0.signum() >= 0 }, "iteration \(i): \(v)")
            // KKT: x_i = v_i − τ where positive, and v_i ≤ τ where zero.
            for k in 0..<n {
                if x[k].signum() > 0 { #expect(x[k] == v[k] - tau, "iteration \(i)") } else { #expect(v[k] <= tau, "iteration \(i)") }
            }
            #expect(projectOntoSimplex(x) == x, "the projection of a simplex point is itself")
        }
    }

    @Test func scarfsDynamicsAreNotAContraction() throws {
        let e = try EconomyFormat.load(path: repository.appendingPathComponent("examples/scarf-1960.json").path)
        let third = Rational(1, 3)
        let phi = TatonnementMap(economy: e, step: Rational(1, 2))
        #expect(phi([third, third, third]) == [third, third, third], "the equilibrium is a fixed point")
        let w = try #require(phi.expansionWitness(around: [third, third, third]))
        #expect(w.after >= w.before, "‖Φ(p) − Φ(q)‖² ≥ ‖p − q‖², exactly")
        #expect(squaredNorm(phi(w.p)! - phi(w.q)!) == w.after)
    }

    @Test func scarfsOrbitDoesNotApproachTheEquilibrium() throws {
        let e = try EconomyFormat.load(path: repository.appendingPathComponent("examples/scarf-1960.json").path)
        let third = Rational(1, 3)
        let star: Vector = [third, third, third]
        let orbit = TatonnementMap(economy: e, step: Rational(1, 10)).orbit(from: [Rational(2, 5), Rational(1, 3), Rational(4, 15)], steps: 60)
        let distances = orbit.map { squaredNorm($0 - star) }
        // Classical tâtonnement spirals outward on Scarf's economy (Scarf 1960):
        // after 60 steps the orbit is no closer than where it started.
        #expect(orbit.count == 61)
        #expect(distances.last! >= distances.first!, "distances: \(distances.first!) → \(distances.last!)")
    }

    @Test func dyadicRoundingStaysOnTheSimplex() {
        var rng = SplitMix64(seed: 0x5EED_0802)
        for _ in 0..<100 {
            let n = rng.int(in: 2...6)
            let k = (0..<n).map { _ in rng.int(in: 1...97) }
            let p = Vector(k.map { Rational($0, k.reduce(0, +)) })
            let r = roundToDyadicSimplex(p, bits: 20)
            #expect(r.entries.reduce(0, +) == 1 && r.allSatisfy { $0.signum() >= 0 })
            #expect((r - p).maxNorm <= Rational(1, 1 << 20))
        }
    }
}
