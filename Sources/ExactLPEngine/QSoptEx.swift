public import ExactArithmetic
import Budgets
import CQSoptEx
#if canImport(Glibc)
import Glibc
#endif

/// A linear program kept sparse: one row per constraint, holding only its
/// nonzero coefficients, over variables `x ≥ 0`. For programs of thousands
/// of rows and columns, where a dense `LinearProgram` would not fit.
public struct SparseLinearProgram: Sendable {
    public enum Sense: UInt8, Sendable {
        case lessOrEqual = 0x4C  // "L"
        case greaterOrEqual = 0x47  // "G"
        case equal = 0x45  // "E"
    }

    public struct Row: Sendable {
        public var entries: [(column: Int, value: Rational)]
        public var sense: Sense
        public var rhs: Rational

        public init(_ entries: [(column: Int, value: Rational)], _ sense: Sense, _ rhs: Rational) {
            self.entries = entries
            self.sense = sense
            self.rhs = rhs
        }
    }

    public var columns: Int
    public var maximise: Bool
    /// One coefficient per column.
    public var objective: [Rational]
    public var rows: [Row]

    public init(columns: Int, maximise: Bool, objective: [Rational], rows: [Row] = []) {
        precondition(objective.count == columns, "objective has \(objective.count) coefficients for \(columns) columns")
        self.columns = columns
        self.maximise = maximise
        self.objective = objective
        self.rows = rows
    }

    public var nonzeros: Int { rows.reduce(0) { $0 + $1.entries.count } }
}

/// What the engine answered. Untrusted: a candidate until a checker accepts
/// what is built from it.
public enum ExactLPSolution: Sendable {
    /// An optimal vertex, its row duals (`y_r`, with the engine's sign
    /// convention: for a maximisation, `y ≥ 0` on `≤` rows), and the value.
    case optimal(primal: [Rational], dual: [Rational], value: Rational)
    case infeasible
    case unbounded
    /// Not solved: a time limit, a numerical failure, or an error (the engine's status).
    case unsolved(String)
}

/// QSopt_ex (Applegate, Cook, Dash and Espinoza, "Exact solutions to linear
/// programming problems", Operations Research Letters 35(6), 2007): the
/// simplex method in double precision, then in growing extended precision,
/// until a basis is proved optimal in rational arithmetic. Debian
/// `libqsopt-ex-dev`, behind `CQSoptEx`'s narrow C interface (rationals
/// cross as decimal strings). One problem at a time (the library keeps
/// global state); the time limit comes from `Budget.current`.
public enum QSoptEx {
    public static func solve(_ lp: SparseLinearProgram, seconds: Double? = nil) -> ExactLPSolution {
        let limit = seconds ?? Budget.current.cap(3600)
        guard limit > 0 else { return .unsolved("no time left in the budget") }
        var rowStart: [Int32] = [0]
        var columnIndex: [Int32] = []
        var values: [String] = []
        values.reserveCapacity(lp.nonzeros)
        for row in lp.rows {
            for (column, value) in row.entries where !value.isZero {
                precondition((0..<lp.columns).contains(column), "column \(column) outside 0..<\(lp.columns)")
                columnIndex.append(Int32(column))
                values.append(value.description)
            }
            rowStart.append(Int32(columnIndex.count))
        }
        let sense = lp.rows.map { CChar(bitPattern: $0.sense.rawValue) }
        let objective = lp.objective.map(\.description)
        let rhs = lp.rows.map(\.rhs.description)
        var result = walras_qsopt_result()
        let error = withCStrings(objective) { obj in
            withCStrings(values) { vals in
                withCStrings(rhs) { r in
                    walras_qsopt_solve(Int32(lp.rows.count), Int32(lp.columns), lp.maximise ? 1 : 0, obj, rowStart, columnIndex, vals,
                                       sense, r, limit, &result)
                }
            }
        }
        defer { walras_qsopt_free(&result) }
        guard error == 0 else { return .unsolved("QSopt_ex returned error \(error)") }
        switch result.status {
        case 1:
            func read(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int) -> [Rational]? {
                guard let array else { return count == 0 ? [] : nil }
                var out: [Rational] = []
                out.reserveCapacity(count)
                for i in 0..<count {
                    guard let s = array[i], let q = try? Rational(parsing: String(cString: s)) else { return nil }
                    out.append(q)
                }
                return out
            }
            guard let x = read(result.x, lp.columns), let y = read(result.y, lp.rows.count), let text = result.objective,
                  let value = try? Rational(parsing: String(cString: text)) else {
                return .unsolved("QSopt_ex's answer could not be read")
            }
            return .optimal(primal: x, dual: y, value: value)
        case 2: return .infeasible
        case 3: return .unbounded
        case 5: return .unsolved("QSopt_ex reached its time limit of \(limit) s")
        default: return .unsolved("QSopt_ex status \(result.status)")
        }
    }
}

/// Runs `body` with `strings` as an array of C strings, valid for the call.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer<CChar>($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 1)!) }
}
