import Testing
import ExactArithmetic
import LPCertificates
import LPSolver
import SeededRandom
import _TestSupport

func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

@Suite("Exact linear programming with certificates")
struct SimplexTests {
    let solver = SimplexSolver()

    func checked(_ lp: LinearProgram) -> CheckedLPCertificate? {
        guard case .certificate(let cert, _) = solver.solve(lp) else { return nil }
        switch LPCertificateChecker.check(cert, for: lp) {
        case .success(let c): return c
        case .failure(let why):
            Issue.record("checker rejected the solver's certificate: \(why)\n\(lp)")
            return nil
        }
    }

    @Test func textbookOptimumHasEqualPrimalAndDualValues() {
        // max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18: optimum 36 at (2, 6).
        let lp = LinearProgram(maximize: [3, 5], subjectTo: [
            .init([1, 0], .lessOrEqual, 4), .init([0, 2], .lessOrEqual, 12), .init([3, 2], .lessOrEqual, 18),
        ])
        let c = checked(lp)
        #expect(c?.optimalValue == 36)
        #expect(c?.optimalSolution == [2, 6])
        #expect(c?.optimalDual == [0, r(3, 2), 1])
    }

    @Test func equalityAndGreaterRowsWithNegativeRightSides() {
        // max −x − y s.t. x + y ≥ 2, x − y = −1: optimum at (1/2, 3/2), value −2.
        let lp = LinearProgram(maximize: [-1, -1], subjectTo: [
            .init([1, 1], .greaterOrEqual, 2), .init([1, -1], .equal, -1),
        ])
        let c = checked(lp)
        #expect(c?.optimalValue == -2)
    }

    @Test func bealesCyclingExampleTerminates() {
        // Beale (1955): cycles under the textbook most-negative rule.
        let lp = LinearProgram(maximize: [r(3, 4), -150, r(1, 50), -6], subjectTo: [
            .init([r(1, 4), -60, r(-1, 25), 9], .lessOrEqual, 0),
            .init([r(1, 2), -90, r(-1, 50), 3], .lessOrEqual, 0),
            .init([0, 0, 1, 0], .lessOrEqual, 1),
        ])
        let c = checked(lp)
        #expect(c?.optimalValue == r(1, 20))
    }

    @Test func infeasibleProgramGivesAFarkasCertificate() {
        let lp = LinearProgram(maximize: [1, 1], subjectTo: [
            .init([1, 1], .lessOrEqual, 1), .init([1, 1], .greaterOrEqual, 3),
        ])
        guard let c = checked(lp), case .infeasible = c.certificate else {
            Issue.record("expected infeasible")
            return
        }
    }

    @Test func unboundedProgramGivesAPointAndARay() {
        let lp = LinearProgram(maximize: [1, 0], subjectTo: [.init([1, -1], .lessOrEqual, 1)])
        guard let c = checked(lp), case .unbounded = c.certificate else {
            Issue.record("expected unbounded")
            return
        }
    }

    @Test func randomProgramsSatisfyStrongDualityAndEveryCertificatePasses() {
        var rng = SplitMix64(seed: 0x5EED_0201)
        var counts = [0, 0, 0]
        for i in 0..<scaledIterations(300) {
            let n = rng.int(in: 1...6), m = rng.int(in: 1...6)
            let relations: [Relation] = [.lessOrEqual, .lessOrEqual, .equal, .greaterOrEqual]
            let lp = LinearProgram(
                maximize: (0..<n).map { _ in rng.smallRational(maxNumerator: 5, maxDenominator: 3) },
                subjectTo: (0..<m).map { _ in
                    .init((0..<n).map { _ in rng.smallRational(maxNumerator: 4, maxDenominator: 3) },
                          relations[Int(rng.below(4))], rng.smallRational(maxNumerator: 10, maxDenominator: 2))
                })
            guard let c = checked(lp) else {
                Issue.record("iteration \(i), seed 0x5EED0201: no checked certificate")
                continue
            }
            switch c.certificate {
            case .optimal(let x, let y):
                counts[0] += 1
                let bValue = zip(lp.constraints.map(\.rhs), y).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
                #expect(c.optimalValue == bValue, "strong duality, iteration \(i)")
                #expect(x.allSatisfy { $0.signum() >= 0 })
            case .infeasible: counts[1] += 1
            case .unbounded: counts[2] += 1
            }
        }
        // The generator must reach all three outcomes, or this test checks less than it claims.
        #expect(counts.allSatisfy { $0 > 0 }, "outcomes (optimal, infeasible, unbounded) = \(counts)")
    }

    @Test func tamperedCertificatesAreRejected() {
        let lp = LinearProgram(maximize: [3, 5], subjectTo: [
            .init([1, 0], .lessOrEqual, 4), .init([0, 2], .lessOrEqual, 12), .init([3, 2], .lessOrEqual, 18),
        ])
        let good = LPCertificate.optimal(primal: [2, 6], dual: [0, r(3, 2), 1])
        #expect((try? LPCertificateChecker.check(good, for: lp).get()) != nil)
        let tampered: [LPCertificate] = [
            .optimal(primal: [2, 6], dual: [0, r(3, 2), r(11, 10)]),     // a dual with a gap
            .optimal(primal: [2, r(61, 10)], dual: [0, r(3, 2), 1]),     // an infeasible primal
            .optimal(primal: [r(3, 2), 6], dual: [0, r(3, 2), 1]),       // a suboptimal primal
            .optimal(primal: [2, 6], dual: [0, 1, r(3, 2)]),             // dual infeasible
            .optimal(primal: [2, 6], dual: [0, r(3, 2)]),                // wrong length
            .unbounded(point: [0, 0], ray: [1, 0]),                      // ray leaves x ≤ 4
            .infeasible(farkas: [1, 1, 1]),
        ]
        for t in tampered {
            if case .success = LPCertificateChecker.check(t, for: lp) { Issue.record("accepted tampered \(t)") }
        }
        let infeasibleLP = LinearProgram(maximize: [1], subjectTo: [.init([1], .lessOrEqual, 1), .init([1], .greaterOrEqual, 3)])
        #expect((try? LPCertificateChecker.check(.infeasible(farkas: [1, -1]), for: infeasibleLP).get()) != nil)
        for bad: [Rational] in [[1, 1], [-1, -1], [1, -r(1, 3)], [0, 0]] {
            if case .success = LPCertificateChecker.check(.infeasible(farkas: bad), for: infeasibleLP) {
                Issue.record("accepted tampered Farkas vector \(bad)")
            }
        }
    }

    /// Each condition of the LP checker, broken alone: everything else about
    /// the certificate holds, so only that condition can reject it.
    @Test func eachCheckerConditionRejectsAloneWhatItMust() {
        func accepted(_ c: LPCertificate, _ lp: LinearProgram) -> Bool {
            if case .success = LPCertificateChecker.check(c, for: lp) { return true }
            return false
        }
        // max x s.t. x ≤ 1, x ≤ 2: the dual (2, −1/2) is dual-feasible with no gap, but negative on a ≤ row.
        let twoRows = LinearProgram(maximize: [1], subjectTo: [.init([1], .lessOrEqual, 1), .init([1], .lessOrEqual, 2)])
        #expect(accepted(.optimal(primal: [1], dual: [1, 0]), twoRows))
        #expect(!accepted(.optimal(primal: [1], dual: [2, -r(1, 2)]), twoRows), "a negative dual on a ≤ row")
        // max −x s.t. x ≥ 1, x ≥ 1/2: the dual (−2, 2) has no gap, but is positive on a ≥ row.
        let greater = LinearProgram(maximize: [-1], subjectTo: [.init([1], .greaterOrEqual, 1), .init([1], .greaterOrEqual, r(1, 2))])
        #expect(accepted(.optimal(primal: [1], dual: [-1, 0]), greater))
        #expect(!accepted(.optimal(primal: [1], dual: [-2, 2]), greater), "a positive dual on a ≥ row")
        // max −x s.t. x ≤ 1: x = −1 meets the row and the dual 1 closes the gap, but x < 0.
        let one = LinearProgram(maximize: [-1], subjectTo: [.init([1], .lessOrEqual, 1)])
        #expect(!accepted(.optimal(primal: [-1], dual: [1]), one), "a negative primal")
        // Farkas: x ≤ 1 and x ≥ 3; (0, 0) has the right signs and Aᵀy = 0, but b·y = 0.
        let infeasible = LinearProgram(maximize: [1], subjectTo: [.init([1], .lessOrEqual, 1), .init([1], .greaterOrEqual, 3)])
        #expect(!accepted(.infeasible(farkas: [0, 0]), infeasible), "b·y = 0 is no contradiction")
        #expect(!accepted(.infeasible(farkas: [-1, 1]), infeasible), "wrong signs")
        // Unbounded: max x_0 s.t. x_0 − x_1 ≤ 1. The ray (1, 1) keeps the row and improves.
        let open = LinearProgram(maximize: [1, 0], subjectTo: [.init([1, -1], .lessOrEqual, 1)])
        #expect(accepted(.unbounded(point: [0, 0], ray: [1, 1]), open))
        #expect(!accepted(.unbounded(point: [0, 0], ray: [0, 1]), open), "a ray that does not improve")
        #expect(!accepted(.unbounded(point: [2, 0], ray: [1, 1]), open), "an infeasible point")
        #expect(!accepted(.unbounded(point: [0, 0], ray: [1, -1]), open), "a ray with a negative entry")
    }

    @Test func pivotLimitIsReportedAsUndecided() {
        let lp = LinearProgram(maximize: [3, 5], subjectTo: [
            .init([1, 0], .lessOrEqual, 4), .init([0, 2], .lessOrEqual, 12), .init([3, 2], .lessOrEqual, 18),
        ])
        guard case .undecided = SimplexSolver(maximumPivots: 1).solveAndCheck(lp) else {
            Issue.record("expected undecided with a budget of one pivot")
            return
        }
    }
}
