import Testing
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EconomyFormat
import EquilibriumSearch
import SeededRandom

/// The vector-labelled search (Merrill's restart algorithm): its path, its
/// cost per refinement, and what it hands to exactification.
@Suite("Vector-labelled search (Merrill)")
struct VectorSearchTests {
    static func cobbDouglas(goods: Int, consumers: Int, seed: UInt64) -> Economy {
        var rng = SplitMix64(seed: seed)
        return Economy(name: "cd", commodities: (0..<goods).map { "g\($0)" }, consumers: (0..<consumers).map { h in
            Consumer(name: "c\(h)", endowment: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...5)) }),
                     utility: .cobbDouglas(exponents: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...4)) })), shares: [])
        }, firms: [])
    }

    /// A zero of an affine map is found exactly by one cycle's path: the
    /// piecewise-linear interpolation of an affine map is the map itself.
    @Test func anAffineMapsZeroIsFoundInOneCycle() throws {
        // G(x) = A(x − x*) with A nonsingular and not symmetric.
        let a: [[Double]] = [[2, 1, 0], [-1, 3, 1], [0, 1, 4]]
        let star = [0.3, -0.7, 1.1]
        let solver = MerrillHomotopy(dimension: 3)
        let g: ([Double]) -> [Double]? = { x in a.map { row in (0..<3).reduce(0.0) { $0 + row[$1] * (x[$1] - star[$1]) } } }
        guard case .zero(let c) = solver.cycle(from: [0, 0, 0], mesh: 0.5, pivotBudget: 10_000, map: g) else {
            Issue.record("no zero")
            return
        }
        for j in 0..<3 { #expect(abs(c.zero[j] - star[j]) < 1e-9, "coordinate \(j): \(c.zero[j])") }
        // The facet's Jacobian is A itself.
        let jacobian = try #require(c.jacobian)
        for i in 0..<3 { for j in 0..<3 { #expect(abs(jacobian[i][j] - a[i][j]) < 1e-6) } }
        // Started from the zero with A as the bottom matrix, the path goes straight up: N + 1 pivots.
        guard case .zero(let again) = solver.cycle(from: star, mesh: 0.01, bottom: a, pivotBudget: 10_000, map: g) else {
            Issue.record("no second zero")
            return
        }
        #expect(again.pivots == 4, "\(again.pivots) pivots")
    }

    /// The exact fallback follows the same path: on an affine map it ends at
    /// the same zero as the floating-point cycle, after the same pivots.
    /// On a degenerate map (the zero at a vertex of the triangulation, and
    /// labels that tie) it still ends, and at the zero: the lexicographic
    /// rule in exact arithmetic cannot cycle.
    @Test func theExactFallbackFollowsThePathThroughDegeneracy() throws {
        let a: [[Double]] = [[2, 1, 0], [-1, 3, 1], [0, 1, 4]]
        let star = [0.3, -0.7, 1.1]
        let solver = MerrillHomotopy(dimension: 3)
        let g: ([Double]) -> [Double]? = { x in a.map { row in (0..<3).reduce(0.0) { $0 + row[$1] * (x[$1] - star[$1]) } } }
        guard case .zero(let float) = solver.cycle(from: [0, 0, 0], mesh: 0.5, pivotBudget: 10_000, map: g),
              case .zero(let exact) = solver.exactCycle(from: [0, 0, 0], mesh: 0.5, pivotBudget: 10_000, map: g) else {
            Issue.record("no zero")
            return
        }
        #expect(exact.pivots == float.pivots)
        for j in 0..<3 { #expect(abs(exact.zero[j] - star[j]) < 1e-12, "coordinate \(j): \(exact.zero[j])") }
        // Degenerate: G(x) = x − c with c a vertex of the grid around x₀ = 0 at mesh 1/4 (offsets 3/4, 2/4, 1/4),
        // so a label is exactly 0 and ratios tie; and a map constant on half-spaces (many equal labels).
        let c = [0.25 * (1 - 0.75), 0.25 * (2 - 0.5), 0.25 * (0 - 0.25)]
        let h: ([Double]) -> [Double]? = { x in (0..<3).map { x[$0] - c[$0] } }
        guard case .zero(let vertex) = solver.exactCycle(from: [0, 0, 0], mesh: 0.25, pivotBudget: 10_000, map: h) else {
            Issue.record("no zero at the vertex")
            return
        }
        for j in 0..<3 { #expect(abs(vertex.zero[j] - c[j]) < 1e-12) }
        let step: ([Double]) -> [Double]? = { x in (0..<3).map { x[$0] - (x[($0 + 1) % 3] > 0 ? 0.5 : -0.5) } }
        guard case .zero(let kinked) = solver.exactCycle(from: [0.1, 0.1, 0.1], mesh: 0.125, pivotBudget: 10_000, map: step) else {
            Issue.record("no zero of the kinked map")
            return
        }
        // A zero of the piecewise-linear interpolant: within a mesh of a point where 0 is in the convex hull of values.
        #expect(kinked.zero.allSatisfy { abs(abs($0) - 0.5) < 0.5 })
    }

    /// Near a regular equilibrium a refinement costs about `n` pivots: the
    /// restart's bottom labels use the last top facet's Jacobian, so the
    /// path crosses the layer straight up (`N + 1 = n` pivots).
    @Test(arguments: [5, 10, 20])
    func aRefinementCostsAboutNPivots(_ goods: Int) throws {
        let e = Self.cobbDouglas(goods: goods, consumers: 3, seed: 0xB6)
        let limits = VectorSearchLimits(meshBits: 40, exactifyFromBits: 100)  // never exactify: refine to 2^-40
        guard case .found(let a, let s) = VectorLabelledSearch(economy: e, limits: limits).run() else {
            Issue.record("the search did not finish")
            return
        }
        #expect(s.stoppedEarly == nil)
        #expect(s.meshBitsReached == 40)
        let last = s.pivotsPerCycle.suffix(5)
        #expect(last.allSatisfy { $0 <= goods + 2 }, "the last refinements: \(Array(last)) pivots (n = \(goods))")
        #expect(a.equilibriumError.displayDouble < 1e-10, "error \(a.equilibriumError.displayDouble)")
    }

    /// The search stops at the first zero that exactifies, and what it
    /// returns is the checker's.
    @Test func aCobbDouglasEconomyIsExactifiedEarly() {
        let e = Self.cobbDouglas(goods: 10, consumers: 3, seed: 0xB7)
        guard case .exact(let checked, let s) = VectorLabelledSearch(economy: e).run() else {
            Issue.record("not exact")
            return
        }
        #expect(checked.excessDemand.allSatisfy { $0.signum() <= 0 })
        #expect(s.meshBitsReached < 20, "exactified at the first attempt, mesh 2^-\(s.meshBitsReached)")
        #expect(checked.certificate.prices == e.cobbDouglasExchangeEquilibrium())
    }

    /// Kinds the floating-point labels do not cover are declined, never guessed.
    @Test func satiableConsumersAreNotCovered() {
        let e = Economy(name: "sated", commodities: ["a", "b"], consumers: [
            Consumer(name: "s", endowment: [1, 1], utility: .satiableQuadratic(bliss: [1, 1], weights: [1, 1]), shares: []),
        ], firms: [])
        guard case .notApplicable = VectorLabelledSearch(economy: e).run() else {
            Issue.record("covered")
            return
        }
    }
}
