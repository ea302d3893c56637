public import ExactArithmetic
import Budgets
import Foundation
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
/// `libqsopt-ex-dev`.
///
/// It runs in a process of its own, `walras-lp-engine` (beside the running
/// executable): QSopt_ex replaces GMP's memory functions and keeps global
/// state, which must not touch Walras' own exact arithmetic; and a process
/// can be killed when `Budget.current` runs out, or crash, without taking
/// the audit with it. The program crosses as text (`walras-lp/1`).
public enum QSoptEx {
    /// The helper executable, beside the running one (the CLI, the test
    /// bundle, the benchmark); nil when it is not there.
    public static var helper: String? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("walras-lp-engine").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    public static func solve(_ lp: SparseLinearProgram, seconds: Double? = nil) -> ExactLPSolution {
        let budget = Budget.current
        let limit = seconds ?? budget.cap(3600)
        guard limit > 0 else { return .unsolved("no time left in the budget") }
        guard let helper else {
            return .unsolved("the helper walras-lp-engine was not found beside \(CommandLine.arguments[0]) "
                             + "(build it: swift build --product walras-lp-engine, with libqsopt-ex-dev installed)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("walras-lp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            return .unsolved("no temporary directory: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("lp.txt").path, output = dir.appendingPathComponent("solution.txt").path
        var text = "walras-lp/1 \(lp.columns) \(lp.rows.count) \(lp.maximise ? 1 : 0) \(limit)\n"
        text += lp.objective.map(\.description).joined(separator: " ") + "\n"
        for row in lp.rows {
            let entries = row.entries.filter { !$0.value.isZero }
            for (column, _) in entries { precondition((0..<lp.columns).contains(column), "column \(column) outside 0..<\(lp.columns)") }
            text += "\(Character(UnicodeScalar(row.sense.rawValue))) \(row.rhs) \(entries.count)"
            for (column, value) in entries { text += " \(column) \(value)" }
            text += "\n"
        }
        guard FileManager.default.createFile(atPath: input, contents: Data(text.utf8)) else {
            return .unsolved("could not write \(input)")
        }
        var pid: pid_t = 0
        let args = [helper, input, output]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        guard posix_spawn(&pid, helper, &actions, nil, &argv, environ) == 0 else { return .unsolved("could not start \(helper)") }
        // Wait, and kill it when the budget (or the given seconds, plus a margin) ends.
        let deadline = ContinuousClock.now + .seconds(limit + 1)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 { return .unsolved("lost the helper process") }
            if budget.isExhausted || ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return .unsolved(budget.isCancelled ? "interrupted" : "stopped at the end of its budget (\(limit) s)")
            }
            usleep(2_000)
        }
        guard (status & 0x7f) == 0, (status >> 8) & 0xff == 0 else { return .unsolved("the helper failed (wait status \(status))") }
        guard let data = FileManager.default.contents(atPath: output), let answer = String(data: data, encoding: .utf8) else {
            return .unsolved("the helper wrote no answer")
        }
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let head = lines.first?.split(separator: " ").map(String.init) ?? []
        switch head.first {
        case "optimal":
            guard head.count == 2, let value = try? Rational(parsing: head[1]), lines.count >= 1 + lp.columns + lp.rows.count else {
                return .unsolved("the helper's answer could not be read")
            }
            var numbers: [Rational] = []
            numbers.reserveCapacity(lp.columns + lp.rows.count)
            for line in lines[1...(lp.columns + lp.rows.count)] {
                guard let q = try? Rational(parsing: line) else { return .unsolved("the helper's answer could not be read") }
                numbers.append(q)
            }
            return .optimal(primal: Array(numbers[0..<lp.columns]), dual: Array(numbers[lp.columns...]), value: value)
        case "infeasible": return .infeasible
        case "unbounded": return .unbounded
        default: return .unsolved("QSopt_ex: \(lines.first ?? "")")
        }
    }
}
