import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
import EquilibriumSearch
import SeededRandom
import _TestSupport
import Foundation

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func exampleEconomy(_ name: String) throws -> Economy {
    try EconomyFormat.load(path: repositoryRoot.appendingPathComponent("examples/\(name)").path)
}

func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

/// A seeded Cobb–Douglas exchange economy: every consumer owns something
/// of every good, so the equilibrium is interior.
func cobbDouglasExchange(_ rng: inout SplitMix64, goods n: Int, consumers h: Int) -> Economy {
    Economy(name: "cd", commodities: (0..<n).map { "g\($0)" }, consumers: (0..<h).map { c in
        Consumer(name: "c\(c)", endowment: Vector((0..<n).map { _ in q(rng.int(in: 1...5)) }),
                 utility: .cobbDouglas(exponents: Vector((0..<n).map { _ in q(rng.int(in: 1...4)) })), shares: [])
    }, firms: [])
}

/// `z` recomputed from the report's own numbers: the check anyone can make.
func recomputedExcess(_ e: Economy, _ a: ApproximateEquilibrium) -> Vector {
    var z = -e.totalEndowment
    for x in a.allocation { z = z + x }
    for y in a.production { z = z - y }
    return z
}

func found(_ outcome: SearchOutcome, _ context: String) -> (ApproximateEquilibrium, [MeshStep], SearchStatistics)? {
    switch outcome {
    case .found(let best, let steps, let stats): return (best, steps, stats)
    case .undecided(let reason, _, _): Issue.record("\(context): undecided: \(reason)")
    case .improperLabelling(let v, let l): Issue.record("\(context): improper label \(l) at \(v)")
    }
    return nil
}

@Suite("Simplicial search for equilibria")
struct SearchTests {
    @Test func scarfsEconomyGivesOneThirdEachExactly() throws {
        let e = try exampleEconomy("scarf-1960.json")
        guard let (best, steps, _) = found(SimplicialSearch(economy: e).run(), "scarf") else { return }
        #expect(best.prices == [q(1, 3), q(1, 3), q(1, 3)])
        #expect(best.maxExcess == 0)
        #expect(isCompletelyLabelled(steps.last!.labels, dimension: 3))
    }

    @Test func constantReturnsProductionFindsItsEquilibrium() throws {
        let e = try exampleEconomy("production.json")
        guard let (best, steps, _) = found(SimplicialSearch(economy: e).run(), "production") else { return }
        // Found by hand: the bakery runs at zero profit, level 16/3; the farm at 14/3.
        #expect(best.prices == [q(1, 2), q(1, 4), q(1, 4)])
        #expect(best.maxExcess == 0)
        #expect(best.levels[0] == [q(14, 3)] && best.levels[1] == [q(16, 3)])
        #expect(recomputedExcess(e, best) == best.excessDemand)
        let excesses = steps.compactMap { $0.best?.maxExcess }
        #expect(zip(excesses, excesses.dropFirst()).allSatisfy { $1 <= $0 }, "max_excess never grows: \(excesses)")
    }

    @Test func maxExcessShrinksAsTheMeshHalvesOnCobbDouglasEconomies() {
        var rng = SplitMix64(seed: 0x5EED_0601)
        for i in 0..<scaledIterations(6) {
            let e = cobbDouglasExchange(&rng, goods: 2 + i % 4, consumers: 1 + i % 3)
            let context = "economy \(i), seed 0x5EED0601"
            guard let (best, steps, _) = found(SimplicialSearch(economy: e, limits: SearchLimits(targetMesh: 1 << 24)).run(),
                                               context) else { continue }
            #expect(recomputedExcess(e, best) == best.excessDemand, "\(context)")
            for s in steps { #expect(isCompletelyLabelled(s.labels, dimension: e.commodityCount), "\(context)") }
            // O(mesh): max_excess · D stays below a constant fixed by the coarse
            // meshes, so halving the mesh halves the bound on the error. (Single
            // steps wobble with how the grid meets the equilibrium.)
            let scaled = steps.map { $0.best!.maxExcess * Rational($0.mesh) }
            let envelope = 8 * scaled.prefix(6).max()! + 8
            for (k, s) in steps.enumerated().dropFirst(6) {
                #expect(scaled[k] <= envelope, "\(context): mesh \(s.mesh): max_excess·D = \(scaled[k]) > \(envelope)")
            }
            #expect(steps.last!.best!.maxExcess * 1000 < steps[2].best!.maxExcess, "\(context): no 1000-fold shrink")
            #expect(best.maxExcess < q(1, 10_000), "\(context): final \(best.maxExcess)")
        }
    }

    @Test func smoothProductionConverges() throws {
        let e = try exampleEconomy("smooth-production.json")
        guard let (best, _, _) = found(SimplicialSearch(economy: e, limits: SearchLimits(targetMesh: 1 << 22)).run(), "smooth")
        else { return }
        #expect(best.maxExcess < q(1, 100_000))
        #expect(recomputedExcess(e, best) == best.excessDemand)
    }

    @Test func linearUtilitiesWithSetValuedDemandFindAnEquilibrium() {
        // Two linear consumers: equilibrium prices make the first indifferent.
        let e = Economy(name: "linear", commodities: ["a", "b"], consumers: [
            Consumer(name: "x", endowment: [1, 0], utility: .linear(weights: [1, 2]), shares: []),
            Consumer(name: "y", endowment: [0, 1], utility: .cobbDouglas(exponents: [1, 1]), shares: []),
        ], firms: [])
        guard let (best, _, _) = found(SimplicialSearch(economy: e, limits: SearchLimits(targetMesh: 1 << 16)).run(), "linear")
        else { return }
        #expect(best.maxExcess < q(1, 100), "\(best.maxExcess) at \(best.prices)")
    }

    @Test func aSearchStoppedByALimitIsUndecidedNeverFound() throws {
        let e = try exampleEconomy("smooth-production.json")
        switch SimplicialSearch(economy: e, limits: SearchLimits(targetMesh: 1 << 30, maximumPivots: 20)).run() {
        case .undecided(let reason, _, _): #expect(reason.contains("pivot limit"))
        default: Issue.record("a search with 20 pivots must be undecided")
        }
        switch SimplicialSearch(economy: e, limits: SearchLimits(targetMesh: 1 << 30, timeLimit: 0)).run() {
        case .undecided(let reason, _, _): #expect(reason.contains("time limit"))
        default: Issue.record("a search with no time must be undecided")
        }
    }
}

