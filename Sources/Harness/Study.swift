public import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
public import EconomyModel
public import EconomyFormat
public import AgentEconomy
import ContractionCertificates
public import TheoremChecks
import Tatonnement
import Budgets
import Foundation

// `walras study`: every theorem on seeded economies of every regime, and
// what the answers say about the theory's hypotheses. Untrusted and
// descriptive: every verdict it counts comes from `checkTheorems`.

/// The documented design of a study (docs/study.md): which regimes, how
/// many economies of each, and the dynamics measured on top of the verdicts.
///
/// Economy `k` of a regime has seed `seed + k`, as in `walras sweep`, so
/// every economy of a study is `walras reproduce SEED --regime R`.
public struct StudyDesign: Sendable, Hashable {
    public enum Size: String, Sendable, Hashable, CaseIterable {
        /// A few economies per regime: the test suite's design.
        case tiny
        /// The default: finishes in minutes on a 2-core laptop (docs/study/).
        case laptop
        /// Ten times the laptop design, for job runners (CI/).
        case large
    }

    public var size: Size
    public var seed: UInt64
    public var regimes: [Regime]
    /// Economies per regime.
    public var economiesPerRegime: Int
    /// The steps `η` at which every differentiable economy's tâtonnement is
    /// certified or refuted separately (the "contracts by step" table).
    public var steps: [Rational]
    /// Steps of the observed tâtonnement from the uniform price.
    public var orbitSteps: Int
    /// Step and check budgets of each exemplar's shrinking (counts, so the
    /// exemplars are the same on every machine).
    public var shrinkSteps: Int
    public var shrinkChecks: Int

    public init(size: Size = .laptop, seed: UInt64 = 0) {
        self.size = size
        self.seed = seed
        regimes = Regime.allCases
        switch size {
        case .tiny:
            economiesPerRegime = 1
            steps = [Rational(1, 2), Rational(1, 8)]
            orbitSteps = 60
            shrinkSteps = 4
            shrinkChecks = 12
        case .laptop:
            economiesPerRegime = 100
            steps = (0...5).map { Rational(1, 1 << $0) }
            orbitSteps = 300
            shrinkSteps = 60
            shrinkChecks = 150
        case .large:
            economiesPerRegime = 1000
            steps = (0...7).map { Rational(1, 1 << $0) }
            orbitSteps = 400
            shrinkSteps = 200
            shrinkChecks = 600
        }
    }

    /// One economy of the design.
    public struct Task: Sendable, Hashable {
        public let regime: Regime
        public let seed: UInt64
        public var key: String { "\(regime.rawValue)|\(seed)" }
    }

    /// Every economy of the design that belongs to `shard`, regime by regime.
    public func tasks(shard: Shard = Shard(index: 1, count: 1)) -> [Task] {
        regimes.flatMap { r in
            (0..<economiesPerRegime).filter(shard.owns).map { Task(regime: r, seed: seed &+ UInt64($0)) }
        }
    }

    /// The command that runs this design.
    public var command: String {
        "walras study --design \(size.rawValue) --seed \(seed)"
    }
}

/// How one verdict counts in the study.
public enum StudyClass: String, Sendable, Hashable, CaseIterable {
    /// The conclusion is proved.
    case held
    /// The conclusion is refuted or the theorem does not apply, and a
    /// hypothesis of the theorem fails in this economy: what the theory allows.
    case expected = "failed-as-expected"
    /// Refuted although every hypothesis holds, or two of our own results
    /// disagree: a bug or a false theorem (with its `walras reproduce` command).
    case unexpected = "failed-unexpectedly"
    case undecided
}

/// One theorem's verdict on one economy, as the study keeps it.
public struct StudyVerdict: Sendable, Hashable {
    /// The theorem's own word (`found`, `not-a-contraction`, …).
    public var status: String
    public var outcome: Outcome
    public var kind: StudyClass
    /// The hypotheses of the verdict found false, by identifier.
    public var failedHypotheses: [String]
    public var reason: String

    public init(_ v: any TheoremVerdict) {
        status = v.statusWord
        outcome = v.outcome
        // The first clause says why; the rest (figures, prices) is in the audit's own report.
        let clause = v.reason.range(of: "; ").map { String(v.reason[..<$0.lowerBound]) } ?? v.reason
        reason = clause.count > 160 ? String(clause.prefix(160)) + "…" : clause
        var failed: [String] = []
        for h in v.hypotheses where h.status.fails && !failed.contains(h.hypothesis.id) { failed.append(h.hypothesis.id) }
        failedHypotheses = failed
        if v.inconsistency != nil {
            kind = .unexpected
        } else {
            switch v.outcome {
            case .holds: kind = .held
            case .counterexample: kind = v.refutesHypothesisOnly || !failed.isEmpty ? .expected : .unexpected
            case .notApplicable: kind = failed.isEmpty ? .undecided : .expected
            case .undecided: kind = .undecided
            }
        }
    }

    init(status: String, outcome: Outcome, kind: StudyClass, failedHypotheses: [String], reason: String) {
        self.status = status
        self.outcome = outcome
        self.kind = kind
        self.failedHypotheses = failedHypotheses
        self.reason = reason
    }
}

/// What the agent format says about an agent economy (agent regimes only).
public struct AgentFacts: Sendable, Hashable {
    public var agents: Int
    public var discreteAgents: Int
    /// Modes over all agents.
    public var modes: Int
    public var orchestrators: Int
    public var paths: Int

    public init(_ a: AgentEconomy) {
        agents = a.agents.count
        discreteAgents = a.agents.filter(\.discrete).count
        modes = a.agents.reduce(0) { $0 + $1.modes.count }
        orchestrators = a.orchestrators.count
        paths = a.paths()?.count ?? 0
    }

    init(agents: Int, discreteAgents: Int, modes: Int, orchestrators: Int, paths: Int) {
        self.agents = agents
        self.discreteAgents = discreteAgents
        self.modes = modes
        self.orchestrators = orchestrators
        self.paths = paths
    }
}

/// The observed tâtonnement from the uniform price: iterates of `Φ` rounded
/// to the grid `2^-40`. Observed, not proved: it says whether the orbit
/// settled, never that it converges.
public enum ObservedTatonnement: Sendable, Hashable {
    /// `‖p_{t+1} − p_t‖ ≤ 2^-30` first at step `t`.
    case settled(after: Int)
    case didNotSettle(steps: Int)
    /// `Φ` is undefined at an iterate (unbounded demand or supply).
    case undefined(atStep: Int)

    public var settled: Bool { if case .settled = self { true } else { false } }
}

/// One economy of a study: a line of `records.jsonl`.
public struct StudyRecord: Sendable, Hashable {
    public var regime: Regime
    public var seed: UInt64
    public var commodities: Int
    public var consumers: Int
    public var firms: Int
    public var agents: AgentFacts?
    /// The economy's hypotheses, by identifier: `local_non_satiation`,
    /// `complete_profit_distribution`, `convex_production`,
    /// `differentiable` (excess demand has a derivative enclosure), and
    /// `contraction` when the contraction verdict decided it.
    public var hypotheses: [String: Bool]
    public var verdicts: [TheoremID: StudyVerdict]
    /// The contraction verdict's step, certified modulus and the square of the largest observed step ratio.
    public var step: Rational?
    public var modulus: Rational?
    public var observedRateSquared: Rational?
    public var tatonnement: ObservedTatonnement
    /// Per step of the design (differentiable economies only): the contraction status there, and `L` when certified.
    public var stepSweep: [(step: Rational, status: String, modulus: Rational?)]
    /// Machine-dependent: the only fields a rerun may change.
    public var seconds: Double
    public var stageSeconds: [(stage: String, seconds: Double)]

    public var key: String { "\(regime.rawValue)|\(seed)" }

    public static func == (a: StudyRecord, b: StudyRecord) -> Bool { a.jsonLine(withTimes: false) == b.jsonLine(withTimes: false) }
    public func hash(into h: inout Hasher) { h.combine(jsonLine(withTimes: false)) }

    public func jsonLine(withTimes: Bool = true) -> String {
        func rational(_ x: Rational?) -> JSONValue { x.map { .string($0.description) } ?? .null }
        var members: [(key: String, value: JSONValue)] = [
            ("regime", .string(regime.rawValue)), ("seed", .string(String(seed))),
            ("commodities", .number(String(commodities))), ("consumers", .number(String(consumers))),
            ("firms", .number(String(firms))),
        ]
        if let a = agents {
            members.append(("agents", .object([
                ("agents", .number(String(a.agents))), ("discrete_agents", .number(String(a.discreteAgents))),
                ("modes", .number(String(a.modes))), ("orchestrators", .number(String(a.orchestrators))),
                ("paths", .number(String(a.paths))),
            ])))
        }
        members.append(("hypotheses", .object(hypotheses.keys.sorted().map { ($0, .bool(hypotheses[$0]!)) })))
        members.append(("verdicts", .object(TheoremID.allCases.compactMap { id in
            verdicts[id].map { v in
                (id.rawValue, .object([
                    ("status", .string(v.status)), ("outcome", .string(v.outcome.rawValue)), ("class", .string(v.kind.rawValue)),
                    ("failed_hypotheses", .array(v.failedHypotheses.map { .string($0) })), ("reason", .string(v.reason)),
                ]))
            }
        })))
        members.append(("step", rational(step)))
        members.append(("modulus", rational(modulus)))
        members.append(("observed_rate_squared", rational(observedRateSquared)))
        let orbit: JSONValue = switch tatonnement {
        case .settled(let t): .object([("settled_after", .number(String(t)))])
        case .didNotSettle(let t): .object([("did_not_settle", .number(String(t)))])
        case .undefined(let t): .object([("undefined_at", .number(String(t)))])
        }
        members.append(("tatonnement", orbit))
        members.append(("step_sweep", .array(stepSweep.map {
            .object([("step", .string($0.step.description)), ("status", .string($0.status)), ("modulus", rational($0.modulus))])
        })))
        if withTimes {
            members.append(("seconds", .number(String(format: "%.6f", seconds))))
            members.append(("stage_seconds", .object(stageSeconds.map { ($0.stage, .number(String(format: "%.6f", $0.seconds))) })))
        }
        return JSONValue.object(members).rendered().replacingOccurrences(of: "\n", with: " ")
    }

    /// A record from its line; nil for a malformed line.
    public static func parse(_ line: String) -> StudyRecord? {
        guard let v = try? JSONReader().parse(line),
              case .string(let r)? = v["regime"], let regime = Regime(rawValue: r),
              case .string(let s)? = v["seed"], let seed = UInt64(s),
              let commodities = int(v["commodities"]), let consumers = int(v["consumers"]), let firms = int(v["firms"]),
              case .object(let hs)? = v["hypotheses"], case .object(let vs)? = v["verdicts"],
              case .object(let orbit)? = v["tatonnement"], let (orbitKey, orbitValue) = orbit.first.map({ ($0.key, $0.value) }),
              let orbitSteps = int(orbitValue), case .array(let sweep)? = v["step_sweep"]
        else { return nil }
        func rational(_ value: JSONValue?) -> Rational?? {
            switch value {
            case .null?, nil: return .some(nil)
            case .string(let text)?: return (try? Rational(parsing: text)).map { .some($0) }
            default: return nil
            }
        }
        var hypotheses: [String: Bool] = [:]
        for m in hs { guard case .bool(let b) = m.value else { return nil }; hypotheses[m.key] = b }
        var verdicts: [TheoremID: StudyVerdict] = [:]
        for m in vs {
            guard let id = TheoremID(rawValue: m.key), case .string(let status)? = m.value["status"],
                  case .string(let o)? = m.value["outcome"], let outcome = Outcome(rawValue: o),
                  case .string(let c)? = m.value["class"], let kind = StudyClass(rawValue: c),
                  case .array(let failed)? = m.value["failed_hypotheses"], case .string(let reason)? = m.value["reason"]
            else { return nil }
            let names = failed.compactMap { if case .string(let s) = $0 { s } else { nil } }
            verdicts[id] = StudyVerdict(status: status, outcome: outcome, kind: kind, failedHypotheses: names, reason: reason)
        }
        let tatonnement: ObservedTatonnement
        switch orbitKey {
        case "settled_after": tatonnement = .settled(after: orbitSteps)
        case "did_not_settle": tatonnement = .didNotSettle(steps: orbitSteps)
        case "undefined_at": tatonnement = .undefined(atStep: orbitSteps)
        default: return nil
        }
        var stepSweep: [(step: Rational, status: String, modulus: Rational?)] = []
        for item in sweep {
            guard case .string(let text)? = item["step"], let eta = try? Rational(parsing: text),
                  case .string(let status)? = item["status"], let l = rational(item["modulus"]) else { return nil }
            stepSweep.append((eta, status, l))
        }
        guard let step = rational(v["step"]), let modulus = rational(v["modulus"]),
              let rate = rational(v["observed_rate_squared"]), modulus == nil || step != nil else { return nil }
        var agents: AgentFacts? = nil
        if let a = v["agents"] {
            guard let n = int(a["agents"]), let d = int(a["discrete_agents"]), let m = int(a["modes"]),
                  let o = int(a["orchestrators"]), let p = int(a["paths"]) else { return nil }
            agents = AgentFacts(agents: n, discreteAgents: d, modes: m, orchestrators: o, paths: p)
        }
        var stageSeconds: [(stage: String, seconds: Double)] = []
        if case .object(let stages)? = v["stage_seconds"] {
            for m in stages { if case .number(let t) = m.value, let d = Double(t), d.isFinite { stageSeconds.append((m.key, d)) } }
        }
        var seconds = 0.0
        if case .number(let t)? = v["seconds"] { seconds = Double(t) ?? 0 }
        guard seconds.isFinite, seconds >= 0 else { return nil }
        return StudyRecord(regime: regime, seed: seed, commodities: commodities, consumers: consumers, firms: firms,
                           agents: agents, hypotheses: hypotheses, verdicts: verdicts, step: step, modulus: modulus,
                           observedRateSquared: rate, tatonnement: tatonnement, stepSweep: stepSweep, seconds: seconds,
                           stageSeconds: stageSeconds)
    }

    private static func int(_ v: JSONValue?) -> Int? {
        if case .number(let t)? = v { return Int(t) }
        return nil
    }
}

/// Checks every theorem on one economy of a study: the verdicts of
/// `checkTheorems` with the sweep's count budgets, the observed
/// tâtonnement, and (differentiable economies) the contraction at every
/// step of the design.
public func studyRecord(_ task: StudyDesign.Task, design: StudyDesign) -> StudyRecord {
    let began = Date()
    let economy = EconomyGenerator.economy(seed: task.seed, regime: task.regime)
    let facts = task.regime.isAgentSystem ? AgentFacts(EconomyGenerator.agentEconomy(seed: task.seed, regime: task.regime)) : nil
    let options = VerdictOptions.sweep(seed: task.seed)
    let verdicts = checkTheorems(economy, options: options)
    var hypotheses = hypothesesHolding(economy)
    hypotheses["differentiable"] = economy.nonDifferentiableAgents.isEmpty
    var byTheorem: [TheoremID: StudyVerdict] = [:]
    for v in verdicts.all { byTheorem[v.theorem] = StudyVerdict(v) }
    let contraction = verdicts.contraction
    switch contraction?.status {
    case .contraction?: hypotheses["contraction"] = true
    case .notAContraction?: hypotheses["contraction"] = false
    default: break
    }
    let step = contraction?.step ?? ContractionOptions.refutationStep
    let tatonnement = observeTatonnement(economy, step: step, steps: design.orbitSteps)

    var sweep: [(step: Rational, status: String, modulus: Rational?)] = []
    if economy.nonDifferentiableAgents.isEmpty && economy.commodityCount <= options.contraction.maximumDenseGoods {
        for eta in design.steps {
            var o = options.contraction
            o.step = eta
            let v = checkContraction(economy, equilibrium: verdicts.equilibrium, options: o)
            sweep.append((eta, v.statusWord, v.modulus))
        }
    }
    return StudyRecord(regime: task.regime, seed: task.seed, commodities: economy.commodityCount,
                       consumers: economy.consumers.count, firms: economy.firms.count, agents: facts,
                       hypotheses: hypotheses, verdicts: byTheorem, step: contraction?.step,
                       modulus: contraction?.status == .contraction ? contraction?.modulus : nil,
                       observedRateSquared: contraction?.observedRateSquared, tatonnement: tatonnement, stepSweep: sweep,
                       seconds: Date().timeIntervalSince(began),
                       stageSeconds: verdicts.stages.map { ($0.stage, $0.seconds) })
}

/// The orbit of `Φ` from the uniform price, rounded to `2^-40`, until
/// successive iterates are within `2^-30` (squared: `2^-60`).
func observeTatonnement(_ e: Economy, step: Rational, steps: Int) -> ObservedTatonnement {
    let n = e.commodityCount
    let map = TatonnementMap(economy: e, step: step)
    var p = roundToDyadicSimplex(Vector(repeating: Rational(1, n), count: n), bits: 40)
    let tolerance = Rational(1, BigInt(2).power(60))
    for t in 0..<steps {
        guard let next = map(p) else { return .undefined(atStep: t) }
        let rounded = roundToDyadicSimplex(next, bits: 40)
        if squaredNorm(rounded - p) <= tolerance { return .settled(after: t) }
        p = rounded
    }
    return .didNotSettle(steps: steps)
}

/// Runs a study's economies on `jobs` threads. Economies already in
/// `existing` (by key) are skipped, so an interrupted study resumes; each
/// new record is handed to `emit` as soon as it is made.
public func runStudy(_ design: StudyDesign, shard: Shard = Shard(index: 1, count: 1), jobs: Int = 1,
                     existing: Set<String> = [], emit: @escaping @Sendable (StudyRecord) -> Void) -> [StudyRecord] {
    let tasks = design.tasks(shard: shard).filter { !existing.contains($0.key) }
    let state = WorkQueue<StudyRecord>()
    DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { _ in
        while let i = state.next(limit: tasks.count) {
            state.add(studyRecord(tasks[i], design: design), emit)
        }
    }
    return state.records.sorted { $0.key < $1.key }
}

/// Reads study records files; a missing file, a directory or a file that
/// is not UTF-8 is rejected by name; malformed lines are counted.
public func readStudyRecords(_ paths: [String]) throws(InputError) -> (records: [StudyRecord], malformed: Int) {
    try readJSONLines(paths, kind: "a JSON-lines study records file", parse: StudyRecord.parse)
}
