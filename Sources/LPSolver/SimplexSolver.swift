import ExactArithmetic
import Budgets
public import LPCertificates

/// What the simplex method returns: a certificate to be checked, or the
/// admission that its pivot budget (or `Budget.current`) ran out.
public enum SimplexResult: Sendable {
    case certificate(LPCertificate, pivots: Int)
    case pivotLimitReached(pivots: Int)
    /// The dense tableau would exceed `SimplexSolver.maximumTableauEntries`; nothing was allocated.
    case tooLarge(entries: Int)
}

/// A solved linear program whose certificate passed `LPCertificateChecker`,
/// or `undecided` when the pivot budget ran out.
public enum CheckedLPOutcome: Sendable {
    case checked(CheckedLPCertificate)
    case undecided(pivots: Int)
    /// Not attempted: see `SimplexResult.tooLarge`.
    case tooLarge(entries: Int)
}

/// The two-phase simplex method over exact rationals, with Bland's rule.
///
/// Untrusted: its answers are certificates for `LPCertificateChecker`.
/// Bland, "New finite pivoting rules for the simplex method", Mathematics
/// of Operations Research 2(2), 1977: entering and leaving variables of
/// smallest index, which cannot cycle, so degenerate programs (Beale's)
/// terminate.
///
/// Phase 1 gives every row an artificial variable and minimises their sum;
/// a positive minimum yields the Farkas vector as the phase-1 dual. Phase 2
/// keeps the artificial columns (never entering) because they hold `B⁻¹`,
/// from which the dual `y = c_B B⁻¹` is read.
public struct SimplexSolver: Sendable {
    /// Pivots allowed over both phases before the result is `pivotLimitReached`.
    public var maximumPivots: Int

    public init(maximumPivots: Int = 1_000_000) { self.maximumPivots = maximumPivots }

    /// The largest dense tableau (rows × columns, slacks and artificials
    /// included) this solver builds: about 4·10⁶ exact entries, a few
    /// hundred MB at worst. Larger programs are refused before anything is
    /// allocated, so memory stays bounded whatever the input.
    public static let maximumTableauEntries = 4_000_000

    /// The tableau entries of a program with `rows` constraints over
    /// `variables` variables (at most: every row may add a slack and an artificial).
    public static func tableauEntries(rows: Int, variables: Int) -> Int {
        let (columns, o1) = variables.addingReportingOverflow(2 * rows + 1)
        let (entries, o2) = rows.multipliedReportingOverflow(by: columns)
        return o1 || o2 ? Int.max : entries
    }

    /// Whether a program of this size is within `maximumTableauEntries`;
    /// builders of large programs ask before building them.
    public static func admits(rows: Int, variables: Int) -> Bool {
        tableauEntries(rows: rows, variables: variables) <= maximumTableauEntries
    }

    /// Why a program of this size is not attempted, for a verdict's reason.
    public static func refusal(rows: Int, variables: Int) -> String {
        "the LP (\(rows) rows × \(variables) variables) would need \(tableauEntries(rows: rows, variables: variables)) dense "
            + "exact tableau entries, above the \(maximumTableauEntries) of the exact simplex"
    }

    /// Solves, then checks the certificate. A certificate that the checker
    /// rejects is a bug in this solver, and traps with the reason.
    public func solveAndCheck(_ program: LinearProgram) -> CheckedLPOutcome {
        switch solve(program) {
        case .pivotLimitReached(let pivots):
            return .undecided(pivots: pivots)
        case .tooLarge(let entries):
            return .tooLarge(entries: entries)
        case .certificate(let certificate, _):
            switch LPCertificateChecker.check(certificate, for: program) {
            case .success(let checked): return .checked(checked)
            case .failure(let rejection):
                preconditionFailure("SimplexSolver produced a certificate the checker rejects: \(rejection)")
            }
        }
    }

    public func solve(_ program: LinearProgram) -> SimplexResult {
        guard Self.admits(rows: program.constraints.count, variables: program.variableCount) else {
            return .tooLarge(entries: Self.tableauEntries(rows: program.constraints.count, variables: program.variableCount))
        }
        var t = Tableau(program)
        // Phase 1: maximise −Σ artificials.
        var cost = [Rational](repeating: .zero, count: t.columnCount)
        for k in 0..<t.rowCount { cost[t.artificialStart + k] = -1 }
        t.setObjective(cost)
        guard t.optimise(allowedColumns: t.artificialStart, budget: maximumPivots) != .budgetExhausted else {
            return .pivotLimitReached(pivots: t.pivots)
        }
        if t.objectiveValue.signum() < 0 {
            // Phase-1 dual y = c_B B⁻¹: reduced cost of artificial k is y_k − (−1).
            let y = (0..<t.rowCount).map { t.reducedCost(t.artificialStart + $0) - 1 }
            return .certificate(.infeasible(farkas: t.toOriginalRows(y)), pivots: t.pivots)
        }
        t.driveOutArtificials()

        // Phase 2: the real objective; artificial columns never enter.
        cost = [Rational](repeating: .zero, count: t.columnCount)
        for j in 0..<program.variableCount { cost[j] = program.objective[j] }
        t.setObjective(cost)
        switch t.optimise(allowedColumns: t.artificialStart, budget: maximumPivots) {
        case .budgetExhausted:
            return .pivotLimitReached(pivots: t.pivots)
        case .unbounded(let column):
            let point = t.basicSolution(program.variableCount)
            var ray = [Rational](repeating: .zero, count: program.variableCount)
            if column < program.variableCount { ray[column] = .one }
            for i in 0..<t.rowCount where t.basis[i] < program.variableCount {
                ray[t.basis[i]] = -t[i, column]
            }
            return .certificate(.unbounded(point: point, ray: ray), pivots: t.pivots)
        case .optimal:
            let y = (0..<t.rowCount).map { t.reducedCost(t.artificialStart + $0) }
            return .certificate(.optimal(primal: t.basicSolution(program.variableCount), dual: t.toOriginalRows(y)),
                                pivots: t.pivots)
        }
    }
}

/// A dense simplex tableau for `A' x' + a = b'`, `x', a ≥ 0`, where `x'`
/// is the original variables then one slack per inequality, rows are
/// negated where needed so that `b' ≥ 0`, and `a` are the artificials.
struct Tableau {
    let rowCount: Int
    let columnCount: Int
    let artificialStart: Int
    /// Row signs applied so that `b' ≥ 0` (±1 per original row).
    let rowSigns: [Int]
    var rows: [[Rational]]          // rowCount × (columnCount + 1), last entry is the rhs
    /// Reduced costs `z_j − c_j` of the current basis; the current basis
    /// is optimal when none is negative.
    var objective: [Rational]
    /// The objective value `c_B · x_B` of the current basic solution.
    var value: Rational = .zero
    var basis: [Int]
    var pivots = 0

    enum Outcome: Equatable { case optimal, unbounded(Int), budgetExhausted }

    init(_ lp: LinearProgram) {
        let n = lp.variableCount, m = lp.constraints.count
        let slackCount = lp.constraints.filter { $0.relation != .equal }.count
        rowCount = m
        artificialStart = n + slackCount
        columnCount = artificialStart + m
        var signs: [Int] = []
        var rows: [[Rational]] = []
        var slack = n
        for (i, c) in lp.constraints.enumerated() {
            var row = [Rational](repeating: .zero, count: columnCount + 1)
            for j in 0..<n { row[j] = c.coefficients[j] }
            switch c.relation {
            case .lessOrEqual: row[slack] = 1; slack += 1
            case .greaterOrEqual: row[slack] = -1; slack += 1
            case .equal: break
            }
            row[columnCount] = c.rhs
            let sign = c.rhs.signum() < 0 ? -1 : 1
            if sign < 0 { for j in 0...columnCount { row[j] = -row[j] } }
            row[artificialStart + i] = 1
            signs.append(sign)
            rows.append(row)
        }
        self.rows = rows
        rowSigns = signs
        objective = [Rational](repeating: .zero, count: columnCount)
        basis = (0..<m).map { n + slackCount + $0 }
    }

    subscript(i: Int, j: Int) -> Rational { rows[i][j] }

    var objectiveValue: Rational { value }

    func reducedCost(_ j: Int) -> Rational { objective[j] }

    /// Sets the objective to maximise `cost · x`, expressed in the current basis.
    mutating func setObjective(_ cost: [Rational]) {
        for j in 0..<columnCount {
            var z = Rational.zero
            for i in 0..<rowCount where !rows[i][j].isZero { z += cost[basis[i]] * rows[i][j] }
            objective[j] = z - cost[j]
        }
        var v = Rational.zero
        for i in 0..<rowCount { v += cost[basis[i]] * rows[i][columnCount] }
        value = v
    }

    /// Bland's rule over columns `0..<allowedColumns`.
    mutating func optimise(allowedColumns: Int, budget: Int) -> Outcome {
        while true {
            guard let entering = (0..<allowedColumns).first(where: { objective[$0].signum() < 0 }) else {
                return .optimal
            }
            var leaving: Int? = nil
            var best = Rational.zero
            for i in 0..<rowCount where rows[i][entering].signum() > 0 {
                let ratio = rows[i][columnCount] / rows[i][entering]
                if let l = leaving {
                    if ratio < best || (ratio == best && basis[i] < basis[l]) { leaving = i; best = ratio }
                } else {
                    leaving = i
                    best = ratio
                }
            }
            guard let row = leaving else { return .unbounded(entering) }
            // The pivot count, and the audit's clock (`Budget.current`): an LP cut short is only undecided.
            guard pivots < budget, pivots % 16 != 15 || !Budget.current.isExhausted else { return .budgetExhausted }
            pivot(row: row, column: entering)
        }
    }

    mutating func pivot(row r: Int, column c: Int) {
        pivots += 1
        let inv = rows[r][c].reciprocal
        for j in 0...columnCount where !rows[r][j].isZero { rows[r][j] *= inv }
        let pivotRow = rows[r]
        let nonzero = (0...columnCount).filter { !pivotRow[$0].isZero }
        for i in 0..<rowCount where i != r {
            let f = rows[i][c]
            if f.isZero { continue }
            for j in nonzero { rows[i][j] -= f * pivotRow[j] }
        }
        let f = objective[c]
        if !f.isZero {
            for j in nonzero where j < columnCount { objective[j] -= f * pivotRow[j] }
            value -= f * pivotRow[columnCount]
        }
        basis[r] = c
    }

    /// After a feasible phase 1, pivots every artificial still basic (at
    /// zero) out of the basis where a non-artificial column allows; a row
    /// where none does is redundant and stays, all zero outside artificials.
    mutating func driveOutArtificials() {
        for i in 0..<rowCount where basis[i] >= artificialStart {
            if let j = (0..<artificialStart).first(where: { !rows[i][$0].isZero }) {
                pivot(row: i, column: j)
            }
        }
    }

    func basicSolution(_ n: Int) -> [Rational] {
        var x = [Rational](repeating: .zero, count: n)
        for i in 0..<rowCount where basis[i] < n { x[basis[i]] = rows[i][columnCount] }
        return x
    }

    /// A vector on the sign-normalised rows, expressed on the original rows.
    func toOriginalRows(_ y: [Rational]) -> [Rational] {
        (0..<rowCount).map { rowSigns[$0] < 0 ? -y[$0] : y[$0] }
    }
}
