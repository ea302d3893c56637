public import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
import LPCertificates
import LPSolver

extension Economy {
    /// The economy with every constant-returns firm bounded by a level no
    /// attainable allocation reaches, for labelling only.
    ///
    /// Arrow & Debreu (1954) and Debreu (1959, §5.7) truncate production
    /// sets to a cube containing the attainable set: equilibria of the
    /// truncated economy in which no truncation binds are equilibria of the
    /// original. Without it, a profitable constant-returns activity has
    /// excess demand −∞ in its outputs and +∞ in its inputs at once, and no
    /// label reflects both. The attainable level of firm `f` is
    /// `max Σ_k λ_fk` subject to `ω + Σ production ≥ 0` over all firms
    /// (relaxing quadratic-cost firms to free output up to capacity),
    /// solved by an exact LP whose certificate is checked; the bound used
    /// is `2·max + 1`. A firm whose attainable level is unbounded (free
    /// production) keeps constant returns.
    public func truncatedForSearch() -> (economy: Economy, bounds: [Int: Rational]) {
        let crs = firms.indices.filter { if case .activities(_, nil) = firms[$0].technology { return true }; return false }
        guard !crs.isEmpty else { return (self, [:]) }
        // Columns: every activity (or mode) of every polyhedral or discrete firm.
        var columns: [(firm: Int, vector: Vector)] = []
        var capacity = Vector.zero(commodityCount)
        for (f, firm) in firms.enumerated() {
            switch firm.technology {
            case .activities(let acts, _): for a in acts { columns.append((f, a)) }
            case .discreteModes(let modes): for y in modes { columns.append((f, y)) }
            case .quadraticCost(_, let scale, let cap):
                for i in 0..<commodityCount where scale[i].signum() > 0 { capacity[i] += cap[i] }
            }
        }
        let omega = totalEndowment
        var constraints: [LinearConstraint] = (0..<commodityCount).map { i in
            LinearConstraint(columns.map { -$0.vector[i] }, .lessOrEqual, omega[i] + capacity[i])
        }
        for (f, firm) in firms.enumerated() {
            let row = columns.map { $0.firm == f ? Rational.one : .zero }
            switch firm.technology {
            case .activities(_, let bound?): constraints.append(LinearConstraint(row, .lessOrEqual, bound))
            case .discreteModes: constraints.append(LinearConstraint(row, .lessOrEqual, 1))
            default: break
            }
        }
        var result = self
        var bounds: [Int: Rational] = [:]
        for f in crs {
            let lp = LinearProgram(maximize: columns.map { $0.firm == f ? .one : .zero }, subjectTo: constraints)
            guard case .checked(let c) = SimplexSolver().solveAndCheck(lp), let best = c.optimalValue else { continue }
            let bound = 2 * best + 1
            bounds[f] = bound
            if case .activities(let acts, nil) = firms[f].technology {
                result.firms[f].technology = .activities(acts, bound: bound)
            }
        }
        return (result, bounds)
    }
}
