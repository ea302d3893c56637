import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import AgentEconomy
import LPCertificates
import LPSolver
import ExactLPEngine
import WelfareSolvers
import TheoremChecks
import Harness
import SeededRandom
import EquilibriumSearch

/// QSopt_ex behind `ExactLPEngine`, cross-examined: against our own exact
/// simplex (Bland's rule, a different method) on seeded programs, and, as
/// the planner route at any size, against the dense planner route.
@Suite("QSopt_ex, the exact LP engine, against our own simplex")
struct ExactLPEngineTests {
    /// Seeded programs `max c·x, Ax ≤ b (or ≥, =), x ≥ 0` with small
    /// integer and fractional data: the engine and `SimplexSolver` agree on
    /// the status, on the optimal value, and the engine's point is feasible
    /// and attains it (exactly).
    @Test func theEngineAgreesWithOurSimplexOnSeededPrograms() {
        var rng = SplitMix64(seed: 16)
        var optimal = 0, other = 0
        for round in 0..<120 {
            let m = rng.int(in: 1...5), n = rng.int(in: 1...5)
            func q() -> Rational { rng.chance(1, in: 3) ? Rational(rng.int(in: -6...6), rng.int(in: 1...4)) : Rational(rng.int(in: -3...5)) }
            let c = (0..<n).map { _ in q() }
            var sparse = SparseLinearProgram(columns: n, maximise: true, objective: c)
            var dense: [LinearConstraint] = []
            for _ in 0..<m {
                let a = (0..<n).map { _ in rng.chance(1, in: 3) ? Rational.zero : q() }
                let b = Rational(rng.int(in: -2...9))
                let kind = rng.int(in: 0...5)
                let (sense, relation): (SparseLinearProgram.Sense, Relation) =
                    kind == 0 ? (.greaterOrEqual, .greaterOrEqual) : kind == 1 ? (.equal, .equal) : (.lessOrEqual, .lessOrEqual)
                sparse.rows.append(.init(a.indices.filter { !a[$0].isZero }.map { ($0, a[$0]) }, sense, b))
                dense.append(LinearConstraint(a, relation, b))
            }
            let ours = SimplexSolver().solveAndCheck(LinearProgram(maximize: c, subjectTo: dense))
            guard case .checked(let checked) = ours else { Issue.record("round \(round): our simplex undecided"); continue }
            switch (QSoptEx.solve(sparse, seconds: 10), checked.certificate) {
            case (.optimal(let x, _, let value), .optimal):
                optimal += 1
                #expect(value == checked.optimalValue, "round \(round)")
                #expect(zip(c, x).reduce(Rational.zero) { $0 + $1.0 * $1.1 } == value, "round \(round): the point attains the value")
                #expect(x.allSatisfy { $0.signum() >= 0 })
                for (r, row) in dense.enumerated() {
                    let lhs = zip(row.coefficients, x).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
                    switch row.relation {
                    case .lessOrEqual: #expect(lhs <= row.rhs, "round \(round) row \(r)")
                    case .greaterOrEqual: #expect(lhs >= row.rhs, "round \(round) row \(r)")
                    case .equal: #expect(lhs == row.rhs, "round \(round) row \(r)")
                    }
                }
            case (.infeasible, .infeasible), (.unbounded, .unbounded):
                other += 1
            case (let engine, let certificate):
                Issue.record("round \(round): QSopt_ex says \(engine), our simplex \(certificate)")
            }
        }
        print("QSopt_ex against SimplexSolver: \(optimal) optimal, \(other) infeasible or unbounded, all agreeing")
        #expect(optimal >= 20 && other >= 10, "a mix of outcomes: \(optimal) optimal, \(other) other")
    }

    /// The planner route at any size gives the same welfare as the dense
    /// planner route where both run, and the checker proves both.
    @Test func theSparsePlannerMatchesTheDensePlannerOnLeontiefAgentSystems() {
        var compared = 0
        for seed in UInt64(0)..<6 {
            let design = AgentSystemDesign(layers: 2, width: 2, metrics: 2, bins: 2, welfare: .leontief, seed: seed)
            let e = EconomyGenerator.agentSystem(design).compiled().economy
            guard let sparse = sparsePlannerEquilibrium(e, beyond: 0) else {
                Issue.record("seed \(seed): the sparse planner found nothing")
                continue
            }
            #expect(sparse.isWalrasian && sparse.certificate.transfers.allSatisfy(\.isZero))
            guard let dense = plannerEquilibrium(e) else { continue }
            compared += 1
            guard case .leontief(let a) = e.consumers[0].utility else { continue }
            let k = a.entries.firstIndex { $0.signum() > 0 }!
            #expect(sparse.certificate.allocation[0][k] / a[k] == dense.certificate.allocation[0][k] / a[k],
                    "seed \(seed): the same Leontief level")
        }
        #expect(compared >= 3, "the dense route ran on \(compared) seeds")
    }

    /// At about 600 commodities (beyond the dense simplex), a Leontief
    /// orchestrator's system is found exact by the planner LP.
    @Test func aLeontiefAgentSystemOfHundredsOfCommoditiesIsFoundExact() {
        let design = AgentSystemDesign(layers: 4, width: 4, metrics: 3, bins: 12, welfare: .leontief, seed: 2)
        let e = EconomyGenerator.agentSystem(design).compiled().economy
        #expect(e.commodityCount > 580, "beyond the dense planner's 600 variables with its activities")
        let v = checkEquilibrium(e, options: EquilibriumOptions(vectorSearch: VectorSearchLimits(maximumPivots: 0)))
        #expect(v.status == .found && v.route == .plannerLP, "\(v.reason)")
    }
}
