public import EconomyModel
import ExactArithmetic
import ExactJSON
public import EconomyFormat
public import AgentEconomy
import Foundation

/// One economy checked for one property: a line of the results file.
public struct SweepRecord: Sendable, Hashable {
    public let property: String
    public let regime: Regime
    public let seed: UInt64
    public let status: PropertyStatus
    public let detail: String
    public let seconds: Double
    /// How often the theory's hypotheses hold in generated economies.
    public let hypotheses: [String: Bool]

    public var key: String { "\(property)|\(regime.rawValue)|\(seed)" }

    public func jsonLine() -> String {
        JSONValue.object([
            ("property", .string(property)), ("regime", .string(regime.rawValue)), ("seed", .string(String(seed))),
            ("status", .string(status.rawValue)), ("detail", .string(detail)),
            ("seconds", .number(String(format: "%.6f", seconds))),
            ("hypotheses", .object(hypotheses.keys.sorted().map { ($0, .bool(hypotheses[$0]!)) })),
        ]).rendered().replacingOccurrences(of: "\n", with: " ")
    }

    public static func parse(_ line: String) -> SweepRecord? {
        guard let v = try? JSONReader().parse(line),
              case .string(let property)? = v["property"], case .string(let r)? = v["regime"], let regime = Regime(rawValue: r),
              case .string(let s)? = v["seed"], let seed = UInt64(s),
              case .string(let st)? = v["status"], let status = PropertyStatus(rawValue: st),
              case .string(let detail)? = v["detail"], case .number(let secs)? = v["seconds"], let seconds = Double(secs)
        else { return nil }
        var hypotheses: [String: Bool] = [:]
        if case .object(let members)? = v["hypotheses"] {
            for m in members { if case .bool(let b) = m.value { hypotheses[m.key] = b } }
        }
        return SweepRecord(property: property, regime: regime, seed: seed, status: status, detail: detail,
                           seconds: seconds, hypotheses: hypotheses)
    }
}

/// Which hypotheses of the theory hold in an economy (for the statistics).
public func hypothesesHolding(_ e: Economy) -> [String: Bool] {
    [
        "local_non_satiation": e.consumers.allSatisfy { $0.utility.isLocallyNonSatiated },
        "complete_profit_distribution": e.firms.indices.allSatisfy { e.shareTotal(ofFirm: $0) == .one },
        "convex_production": e.firms.allSatisfy { $0.technology.isConvex },
    ]
}

public struct Shard: Sendable, Hashable {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        index = i
        count = n
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Seeds are dealt round-robin: economy `k` of a sweep goes to shard `k mod n + 1`.
    public func owns(_ k: Int) -> Bool { k % count == index - 1 }
}

public struct SweepPlan: Sendable {
    public var specs: [PropertySpec]
    public var regime: Regime?
    public var count: Int?
    public var seed: UInt64
    public var shard: Shard
    public var jobs: Int

    public init(specs: [PropertySpec], regime: Regime? = nil, count: Int? = nil, seed: UInt64 = 0,
                shard: Shard = Shard(index: 1, count: 1), jobs: Int = 1) {
        self.specs = specs
        self.regime = regime
        self.count = count
        self.seed = seed
        self.shard = shard
        self.jobs = jobs
    }

    public struct Task: Sendable {
        public let spec: PropertySpec
        public let regime: Regime
        public let expectation: Expectation
        public let seed: UInt64
        public var key: String { "\(spec.name)|\(regime.rawValue)|\(seed)" }
    }

    /// Every (property, regime, seed) of the plan that belongs to its shard, in order.
    public var tasks: [Task] {
        var out: [Task] = []
        for spec in specs {
            for (r, x) in spec.regimes where regime == nil || regime == r {
                for k in 0..<(count ?? spec.defaultCount) where shard.owns(k) {
                    out.append(Task(spec: spec, regime: r, expectation: x, seed: seed &+ UInt64(k)))
                }
            }
        }
        return out
    }
}

/// Checks one generated economy for one property.
public func checkOne(_ spec: PropertySpec, regime: Regime, seed: UInt64) -> SweepRecord {
    let start = Date()
    let economy = EconomyGenerator.economy(seed: seed, regime: regime)
    let finding = PropertyCatalog.run(spec.check, on: economy, seed: seed)
    var hypotheses = hypothesesHolding(economy)
    if spec.check == .equilibrium { hypotheses["rational_equilibrium_certified"] = finding.exactEquilibrium }
    return SweepRecord(property: spec.name, regime: regime, seed: seed,
                       status: PropertyCatalog.classify(finding, spec.expectation(in: regime) ?? spec.impliedExpectation(in: regime)),
                       detail: finding.detail, seconds: Date().timeIntervalSince(start), hypotheses: hypotheses)
}

/// Runs a sweep on `jobs` threads. Records already in `existing` (by key)
/// are skipped, so an interrupted sweep resumes; each new record is handed
/// to `emit` as soon as it is made (under a lock), so none is lost.
public func runSweep(_ plan: SweepPlan, existing: Set<String> = [],
                     emit: @escaping @Sendable (SweepRecord) -> Void) -> [SweepRecord] {
    let tasks = plan.tasks.filter { !existing.contains($0.key) }
    let state = WorkQueue<SweepRecord>()
    DispatchQueue.concurrentPerform(iterations: max(1, plan.jobs)) { _ in
        while let i = state.next(limit: tasks.count) {
            let t = tasks[i]
            let record = checkOne(t.spec, regime: t.regime, seed: t.seed)
            state.add(record, emit)
        }
    }
    return state.records.sorted { $0.key < $1.key }
}

/// Hands out task indices to worker threads and collects their records under one lock.
final class WorkQueue<Record>: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private(set) var records: [Record] = []

    func next(limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < limit else { return nil }
        cursor += 1
        return cursor - 1
    }

    func add(_ r: Record, _ emit: (Record) -> Void) {
        lock.lock(); defer { lock.unlock() }
        records.append(r)
        emit(r)
    }
}

/// The summary of a sweep or of merged shards: one row per property and
/// regime, and how often each hypothesis held.
public struct SweepSummary: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var checked = 0, held = 0, counterexamples = 0, expected = 0, undecided = 0
        public var seconds = 0.0
    }

    public var rows: [String: Row] = [:]
    public var hypothesisCounts: [String: (held: Int, of: Int)] = [:]

    public static func == (a: SweepSummary, b: SweepSummary) -> Bool { a.table(withTimes: false) == b.table(withTimes: false) }
    public func hash(into h: inout Hasher) { h.combine(table(withTimes: false)) }

    public init(_ records: [SweepRecord]) {
        var seen = Set<String>()
        for r in records where seen.insert(r.key).inserted {
            let key = "\(r.property) | \(r.regime.rawValue)"
            var row = rows[key] ?? Row()
            row.checked += 1
            row.seconds += r.seconds
            switch r.status {
            case .holds: row.held += 1
            case .counterexample: row.counterexamples += 1
            case .hypothesisViolated: row.expected += 1
            case .undecided: row.undecided += 1
            }
            rows[key] = row
            for (h, b) in r.hypotheses {
                let c = hypothesisCounts[h] ?? (0, 0)
                hypothesisCounts[h] = (c.held + (b ? 1 : 0), c.of + 1)
            }
        }
    }

    public var counterexamples: Int { rows.values.reduce(0) { $0 + $1.counterexamples } }

    public func table(withTimes: Bool = true) -> String {
        var out = "| property | regime | checked | held | counterexamples | expected failures | undecided |" + (withTimes ? " time (s) |" : "") + "\n"
        out += "|---|---|---:|---:|---:|---:|---:|" + (withTimes ? "---:|" : "") + "\n"
        for key in rows.keys.sorted() {
            let r = rows[key]!
            let parts = key.components(separatedBy: " | ")
            out += "| \(parts[0]) | \(parts[1]) | \(r.checked) | \(r.held) | \(r.counterexamples) | \(r.expected) | \(r.undecided) |"
                + (withTimes ? " \(String(format: "%.2f", r.seconds)) |" : "") + "\n"
        }
        out += "\nHow often each hypothesis held in the generated economies:\n"
        for h in hypothesisCounts.keys.sorted() {
            let c = hypothesisCounts[h]!
            out += "- \(h): \(c.held) of \(c.of) (\(String(format: "%.1f", 100 * Double(c.held) / Double(max(1, c.of))))%)\n"
        }
        return out
    }
}

/// Reads results files (JSON lines); malformed lines are counted, not fatal.
/// A file that is missing, a directory, or not UTF-8 text is rejected by
/// name (a summary of nothing must not pass for one).
public func readRecords(_ paths: [String]) throws(InputError) -> (records: [SweepRecord], malformed: Int) {
    try readJSONLines(paths, kind: "a JSON-lines results file", parse: SweepRecord.parse)
}

/// The records of JSON-lines files, parsed line by line, with the count of lines `parse` refused.
func readJSONLines<Record>(_ paths: [String], kind: String, parse: (String) -> Record?) throws(InputError)
    -> (records: [Record], malformed: Int)
{
    var records: [Record] = [], malformed = 0
    for path in paths {
        let bytes = try InputFile.read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: path, path: "", expected: kind + " (UTF-8 text)", found: "bytes that are not UTF-8")
        }
        for line in text.split(separator: "\n") where !line.isEmpty {
            if let r = parse(String(line)) { records.append(r) } else { malformed += 1 }
        }
    }
    return (records, malformed)
}

/// Makes a results file ready for appending: when its last line was cut
/// short (a sweep killed mid-write), a newline ends it, so the next record
/// starts on a line of its own. The cut line stays, as a malformed line
/// that readers skip, and its seed runs again. True when a newline was added.
@discardableResult
public func endPartialLine(ofResultsFile path: String) throws(InputError) -> Bool {
    guard let handle = FileHandle(forUpdatingAtPath: path) else {
        throw InputError(file: path, path: "", expected: "a writable results file", found: "no such file or no permission")
    }
    defer { try? handle.close() }
    do {
        let size = try handle.seekToEnd()
        guard size > 0 else { return false }
        try handle.seek(toOffset: size - 1)
        guard handle.readData(ofLength: 1) != Data("\n".utf8) else { return false }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
    } catch {
        throw InputError(file: path, path: "", expected: "a writable results file", found: "\(error)")
    }
    return true
}

/// The command that reproduces a record.
public func reproduceCommand(_ r: SweepRecord) -> String {
    "walras reproduce \(r.seed) --property \(r.property) --regime \(r.regime.rawValue)"
}

/// An agent economy of the `agents` regime, shrunk in its own terms while
/// the same check still fails on the compiled economy.
public func shrunkAgentCounterexample(_ spec: PropertySpec, seed: UInt64, regime: Regime = .agents)
    -> (original: AgentEconomy, shrunk: AgentEconomy, steps: Int)
{
    let original = EconomyGenerator.agentEconomy(seed: seed, regime: regime)
    let (shrunk, steps) = AgentShrinker().shrink(original) { a in
        PropertyCatalog.run(spec.check, on: a.compiled().economy, seed: seed).kind == .fail
    }
    return (original, shrunk, steps)
}

/// The failing economy of a record, shrunk while the same check still fails.
public func shrunkCounterexample(_ spec: PropertySpec, regime: Regime, seed: UInt64) -> (original: Economy, shrunk: Economy, steps: Int) {
    let original = EconomyGenerator.economy(seed: seed, regime: regime)
    let (shrunk, steps) = Shrinker().shrink(original, regime: regime) { e in
        PropertyCatalog.run(spec.check, on: e, seed: seed).kind == .fail
    }
    return (original, shrunk, steps)
}
