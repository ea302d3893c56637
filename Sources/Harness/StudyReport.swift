public import ExactArithmetic
public import ExactJSON
public import EconomyModel
import AgentEconomy
import EconomyFormat
public import TheoremChecks
import WalrasPlots
import Foundation

/// The smallest economy found for one kind of failure, shrunk while the
/// same theorem still fails the same way.
public struct StudyExemplar: Sendable, Hashable {
    public var theorem: TheoremID
    public var regime: Regime
    public var kind: StudyClass
    public var seed: UInt64
    /// Commodities, consumers and firms before and after shrinking.
    public var before: String
    public var after: String
    public var shrinkSteps: Int
    /// The shrunk economy, in its own file format.
    public var fileName: String
    public var text: String

    public var reproduce: String {
        "walras reproduce \(seed) --regime \(regime.rawValue) --property \(theorem.rawValue)"
    }
}

/// What a study's records say, as Markdown, SVG figures and JSON. Every
/// count and rate is exact (integers, and rates as fractions); only
/// `cost.md` and its figure depend on the machine.
public struct StudyReport: Sendable {
    public let design: StudyDesign
    /// One per economy, in design order (regime, then seed).
    public let records: [StudyRecord]
    /// Economies the design has (all shards).
    public let planned: Int
    public var exemplars: [StudyExemplar] = []

    /// Records of economies outside the design (another seed, regime or size) that were left out.
    public let foreign: Int

    /// The design's records, each once; records of other economies are counted in `foreign`, never in the report.
    public init(design: StudyDesign, records: [StudyRecord]) {
        self.design = design
        let keys = Set(design.tasks().map(\.key))
        var seen = Set<String>()
        let order = Dictionary(uniqueKeysWithValues: design.regimes.enumerated().map { ($1, $0) })
        let mine = records.filter { keys.contains($0.key) }
        foreign = records.filter { !keys.contains($0.key) }.count
        self.records = mine.filter { seen.insert($0.key).inserted }
            .sorted { (order[$0.regime] ?? 99, $0.seed) < (order[$1.regime] ?? 99, $1.seed) }
        planned = keys.count
    }

    static let colours: [StudyClass: String] = [.held: "#2ca02c", .expected: "#1f77b4", .unexpected: "#d62728", .undecided: "#bbbbbb"]

    // MARK: - The numbers

    /// Per theorem and regime, how many verdicts fell in each class.
    public func outcomes(_ theorem: TheoremID, _ regime: Regime) -> [StudyClass: Int] {
        var counts: [StudyClass: Int] = [:]
        for r in records where r.regime == regime { if let v = r.verdicts[theorem] { counts[v.kind, default: 0] += 1 } }
        return counts
    }

    /// One conclusion tested where one hypothesis fails.
    public struct Despite: Sendable, Hashable {
        public var hypothesis: String
        public var conclusion: String
        /// The figure's label.
        public var short: String
        public var failing: Int
        public var heldAnyway: Int
        public var refuted: Int
        public var undecided: Int
    }

    /// "Conclusion despite failed hypothesis": for each pair, over every economy of the study.
    public var despite: [Despite] {
        typealias Pair = (hypothesis: String, fails: (StudyRecord) -> Bool, conclusion: String, short: String,
                          result: (StudyRecord) -> Bool?)
        func verdict(_ id: TheoremID) -> (StudyRecord) -> Bool? {
            { r in
                guard let v = r.verdicts[id] else { return nil }
                switch v.outcome {
                case .holds: return true
                case .counterexample: return false
                case .notApplicable, .undecided: return nil
                }
            }
        }
        func fails(_ h: String) -> (StudyRecord) -> Bool { { $0.hypotheses[h] == false } }
        // An orbit that left the domain of Φ neither settled nor failed to: it counts as undecided.
        let settles: (StudyRecord) -> Bool? = { r in
            switch r.tatonnement {
            case .settled: true
            case .didNotSettle: false
            case .undefined: nil
            }
        }
        let pairs: [Pair] = [
            ("convex_production", fails("convex_production"), "an equilibrium exists (equilibrium: found)", "not convex ⇒ equilibrium exists", verdict(.equilibrium)),
            ("convex_production", fails("convex_production"), "the equilibrium allocation is Pareto optimal (first_welfare)", "not convex ⇒ first welfare", verdict(.firstWelfare)),
            ("convex_production", fails("convex_production"), "optima are supported by prices (second_welfare)", "not convex ⇒ second welfare", verdict(.secondWelfare)),
            ("local_non_satiation", fails("local_non_satiation"), "the equilibrium allocation is Pareto optimal (first_welfare)", "satiated ⇒ first welfare", verdict(.firstWelfare)),
            ("local_non_satiation", fails("local_non_satiation"), "Walras' law p·z(p) = 0 (walras_law)", "satiated ⇒ Walras' law", verdict(.walrasLaw)),
            ("local_non_satiation", fails("local_non_satiation"), "an equilibrium exists (equilibrium: found)", "satiated ⇒ equilibrium exists", verdict(.equilibrium)),
            ("complete_profit_distribution", fails("complete_profit_distribution"), "Walras' law p·z(p) = 0 (walras_law)", "profit leaks ⇒ Walras' law", verdict(.walrasLaw)),
            ("complete_profit_distribution", fails("complete_profit_distribution"), "an equilibrium exists (equilibrium: found)", "profit leaks ⇒ equilibrium exists", verdict(.equilibrium)),
            ("contraction (refuted)", fails("contraction"), "the tâtonnement settles (observed, to 2^-30)",
             "no contraction ⇒ tâtonnement settles", settles),
            ("contraction (not certified)", { $0.hypotheses["contraction"] != true }, "the tâtonnement settles (observed, to 2^-30)",
             "not certified ⇒ tâtonnement settles", settles),
        ]
        return pairs.map { pair in
            var d = Despite(hypothesis: pair.hypothesis, conclusion: pair.conclusion, short: pair.short, failing: 0, heldAnyway: 0, refuted: 0, undecided: 0)
            for r in records where pair.fails(r) {
                d.failing += 1
                switch pair.result(r) {
                case true?: d.heldAnyway += 1
                case false?: d.refuted += 1
                case nil: d.undecided += 1
                }
            }
            return d
        }
    }

    /// Agent systems grouped by one parameter.
    struct AgentGroup {
        var label: String
        var records: [StudyRecord]
    }

    var agentRecords: [StudyRecord] { records.filter { $0.agents != nil } }

    static let agentHypotheses = ["convex_production", "local_non_satiation", "complete_profit_distribution", "differentiable"]

    func agentGroups() -> [(parameter: String, groups: [AgentGroup])] {
        let agents = agentRecords
        func group(_ key: (StudyRecord) -> Int, _ label: (Int) -> String) -> [AgentGroup] {
            let keys = Set(agents.map(key)).sorted()
            return keys.map { k in AgentGroup(label: label(k), records: agents.filter { key($0) == k }) }
        }
        func bucket(_ n: Int) -> Int { n <= 2 ? n : (n <= 4 ? 4 : (n <= 8 ? 8 : (n <= 16 ? 16 : 17))) }
        func label(_ b: Int) -> String {
            switch b {
            case 1: "1 agent"
            case 2: "2 agents"
            case 17: "more than 16 agents"
            default: "\(b / 2 + 1) to \(b) agents"
            }
        }
        return [
            ("agents", group({ bucket($0.agents!.agents) }, label)),
            ("discrete modes", group({ $0.agents!.discreteAgents > 0 ? 1 : 0 }, { $0 == 1 ? "discrete agents" : "no discrete agent" })),
            ("modes per agent", group({ ($0.agents!.modes + $0.agents!.agents - 1) / max(1, $0.agents!.agents) },
                                      { "\($0) mode\($0 == 1 ? "" : "s") per agent" })),
            ("orchestrators", group({ $0.agents!.orchestrators }, { "\($0) orchestrator\($0 == 1 ? "" : "s")" })),
        ]
    }

    /// Certified moduli, bucketed, over the contraction verdicts and the step sweep.
    static let modulusBuckets: [(label: String, upper: Rational)] = [
        ("L < 1/2", Rational(1, 2)), ("1/2 ≤ L < 3/4", Rational(3, 4)), ("3/4 ≤ L < 9/10", Rational(9, 10)),
        ("9/10 ≤ L < 99/100", Rational(99, 100)), ("99/100 ≤ L < 1", Rational(1)),
        // Never a certified L; an observed rate could land here, and would be shown.
        ("1 ≤ L", Rational(BigInt(10).power(40))),
    ]

    func modulusHistogram(_ moduli: [Rational]) -> [Int] {
        modulusHistogram(squared: moduli.map { $0 * $0 })
    }

    /// The same buckets for values known by their squares (observed rates are kept squared, exactly).
    func modulusHistogram(squared values: [Rational]) -> [Int] {
        let bounds = Self.modulusBuckets.map { $0.upper * $0.upper }
        return bounds.indices.map { k in
            values.filter { v in v < bounds[k] && (k == 0 || v >= bounds[k - 1]) }.count
        }
    }

    /// Per step of the design: economies certified, refuted, undecided.
    func stepTable() -> [(step: Rational, certified: Int, refuted: Int, undecided: Int, moduli: [Rational])] {
        design.steps.map { eta in
            var c = 0, r = 0, u = 0
            var moduli: [Rational] = []
            for rec in records {
                guard let s = rec.stepSweep.first(where: { $0.step == eta }) else { continue }
                switch s.status {
                case "contraction": c += 1; if let l = s.modulus { moduli.append(l) }
                case "not-a-contraction": r += 1
                default: u += 1
                }
            }
            return (eta, c, r, u, moduli)
        }
    }

    // MARK: - Text

    /// The exact rate `k/n`, with its percentage to one decimal (rounded
    /// half up, in integer arithmetic).
    public static func rateText(_ k: Int, _ n: Int) -> String {
        guard n > 0 else { return "—" }
        let permille = (1000 * k + n / 2) / n
        return "\(k)/\(n) (\(permille / 10).\(permille % 10)%)"
    }

    /// A reason's first clause with its figures and asides removed, so
    /// that reasons differing only in numbers are counted together.
    static func reasonKey(_ reason: String) -> String {
        var s = reason
        if let cut = s.range(of: "; ") { s = String(s[..<cut.lowerBound]) }
        s = s.replacingOccurrences(of: " ?\\([^()]*\\)", with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "[0-9][0-9.,/e+-]*", with: "N", options: .regularExpression)
        return s.count > 120 ? String(s.prefix(120)) + "…" : s
    }

    /// The table that `walras study` prints and `study.md` opens with.
    public var outcomeTable: String {
        var out = "| theorem | regime | economies | held | failed as expected | failed unexpectedly | undecided | held rate |\n"
        out += "|---|---|---:|---:|---:|---:|---:|---:|\n"
        for id in TheoremID.allCases {
            for regime in design.regimes {
                let c = outcomes(id, regime)
                let n = c.values.reduce(0, +)
                guard n > 0 else { continue }
                out += "| \(id.rawValue) | \(regime.rawValue) | \(n) | \(c[.held] ?? 0) | \(c[.expected] ?? 0) | "
                    + "\(c[.unexpected] ?? 0) | \(c[.undecided] ?? 0) | \(Self.rateText(c[.held] ?? 0, n)) |\n"
            }
        }
        return out
    }

    public var despiteTable: String {
        var out = "| hypothesis that fails | conclusion | economies where it fails | held anyway | refuted (tâtonnement: did not settle) | undecided | rate held anyway |\n"
        out += "|---|---|---:|---:|---:|---:|---:|\n"
        for d in despite {
            out += "| \(d.hypothesis) | \(d.conclusion) | \(d.failing) | \(d.heldAnyway) | \(d.refuted) | \(d.undecided) | "
                + "\(Self.rateText(d.heldAnyway, d.failing)) |\n"
        }
        return out
    }

    /// The unexpected failures, each with its one-line reproduce command.
    public var unexpectedFailures: [(record: StudyRecord, theorem: TheoremID)] {
        records.flatMap { r in TheoremID.allCases.filter { r.verdicts[$0]?.kind == .unexpected }.map { (r, $0) } }
    }

    /// What `walras study` prints: the outcome table, the rates that
    /// answer the study's questions, and every unexpected failure.
    public var summary: String {
        var out = "study (\(design.size.rawValue), seed \(design.seed)): \(records.count) of \(planned) economies\n\n"
        out += outcomeTable + "\n" + despiteTable
        let failures = unexpectedFailures
        out += "\nfailed unexpectedly: \(failures.count)\n"
        for (r, id) in failures {
            out += "  walras reproduce \(r.seed) --regime \(r.regime.rawValue) --property \(id.rawValue)\n"
        }
        return out
    }

    public func markdown() -> String {
        var md = "# Walras study: the theory's hypotheses on generated economies\n\n"
        md += "Design `\(design.size.rawValue)`, seed \(design.seed): \(design.economiesPerRegime) economies in each of "
            + "\(design.regimes.count) regimes; \(records.count) of \(planned) economies checked.\n"
        md += "Regenerate with `\(design.command) --out DIR`; economy `k` of a regime is `walras reproduce "
            + "\(design.seed)+k --regime R`.\n\n"
        if foreign > 0 {
            md += "\(foreign) records of economies outside this design (another seed, regime or design) were left out.\n\n"
        }
        if records.count < planned {
            md += "**Incomplete:** \(planned - records.count) economies of the design have no record yet "
                + "(a shard not merged, or an interrupted run: rerun the same command to resume).\n\n"
        }
        md += """
        Every verdict is `checkTheorems`' own, with the sweep's count budgets (`VerdictOptions.sweep`): what \
        `walras audit` would print for the economy, read through its outcome. A verdict *held* when its conclusion \
        is proved; it *failed as expected* when it is refuted or does not apply and one of its hypotheses fails in that \
        economy; it *failed unexpectedly* when it is refuted although every hypothesis holds (a bug or a false \
        theorem); otherwise it is *undecided*. Rates are exact fractions. See docs/study.md for the design and how \
        to extend it.

        ## 1. Each theorem in each regime

        ![outcomes](figures/outcomes.svg)


        """
        md += outcomeTable
        md += "\n### Why verdicts were undecided\n\n"
        for id in TheoremID.allCases {
            var reasons: [String: Int] = [:]
            for r in records { if let v = r.verdicts[id], v.kind == .undecided { reasons[Self.reasonKey(v.reason), default: 0] += 1 } }
            guard !reasons.isEmpty else { continue }
            md += "- `\(id.rawValue)`:\n"
            for (reason, n) in reasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(5) {
                md += "  - \(n) × \(reason)\n"
            }
        }
        md += "\n### Failed unexpectedly\n\n"
        let failures = unexpectedFailures
        if failures.isEmpty {
            md += "None: no theorem was refuted where its hypotheses hold.\n"
        } else {
            for (r, id) in failures {
                md += "- `\(id.rawValue)` in `\(r.regime.rawValue)`, seed \(r.seed): \(r.verdicts[id]!.reason)  \n"
                md += "  `walras reproduce \(r.seed) --regime \(r.regime.rawValue) --property \(id.rawValue)`\n"
            }
        }

        md += "\n## 2. How often each hypothesis holds in agent systems\n\n"
        md += "Agent regimes (`agents`, `scale`, `discrete-agents`): \(agentRecords.count) systems, compiled to the core model.\n\n"
        md += "![hypotheses](figures/agent-hypotheses.svg)\n\n"
        for (parameter, groups) in agentGroups() {
            md += "By \(parameter):\n\n| \(parameter) | systems | " + Self.agentHypotheses.joined(separator: " | ")
                + " | contraction certified | contraction refuted | equilibrium found |\n"
            md += "|---|---:|" + String(repeating: "---:|", count: Self.agentHypotheses.count + 3) + "\n"
            for g in groups {
                let n = g.records.count
                md += "| \(g.label) | \(n) | "
                md += Self.agentHypotheses.map { h in Self.rateText(g.records.filter { $0.hypotheses[h] == true }.count, n) }
                    .joined(separator: " | ")
                md += " | \(Self.rateText(g.records.filter { $0.hypotheses["contraction"] == true }.count, n))"
                md += " | \(Self.rateText(g.records.filter { $0.hypotheses["contraction"] == false }.count, n))"
                md += " | \(Self.rateText(g.records.filter { $0.verdicts[.equilibrium]?.outcome == .holds }.count, n)) |\n"
            }
            md += "\n"
        }

        md += "## 3. When a hypothesis fails, does the conclusion hold anyway?\n\n"
        md += "![despite](figures/despite.svg)\n\n"
        md += despiteTable
        md += "\nThe tâtonnement rows are observations, not proofs: the orbit of `Φ(p) = proj(p + ηz(p))` from the "
            + "uniform price, rounded to `2^-40`, with the contraction verdict's step, for at most \(design.orbitSteps) steps; "
            + "an orbit that leaves the domain of Φ (unbounded demand or supply at an iterate) counts as undecided.\n"

        md += "\n## 4. The dynamics\n\n"
        let certified = records.filter { $0.modulus != nil && $0.verdicts[.contraction]?.status == "contraction" }
        let moduli = certified.compactMap(\.modulus)
        md += "Certified contractions: \(Self.rateText(certified.count, records.count)) of the economies. "
        let observedWithin = certified.filter { r in r.observedRateSquared.map { $0 <= r.modulus! * r.modulus! } ?? false }.count
        md += "Observed rate ≤ certified L on \(observedWithin) of \(certified.count).\n\n"
        md += "| modulus | certified L (at the chosen step) | certified L (step sweep, economy-steps) | observed rate (largest step ratio of the Banach orbits) |\n|---|---:|---:|---:|\n"
        let sweepModuli = stepTable().flatMap(\.moduli)
        let rates = modulusHistogram(squared: certified.compactMap(\.observedRateSquared))
        for (k, (c, s)) in zip(modulusHistogram(moduli), modulusHistogram(sweepModuli)).enumerated() {
            md += "| \(Self.modulusBuckets[k].label) | \(c) | \(s) | \(rates[k]) |\n"
        }
        md += "\nThe observed tâtonnement from the uniform price (the contraction verdict's step):\n\n"
        md += "| regime | economies | settled | did not settle | left the domain of Φ |\n|---|---:|---:|---:|---:|\n"
        for regime in design.regimes {
            let rs = records.filter { $0.regime == regime }
            guard !rs.isEmpty else { continue }
            let settled = rs.filter { $0.tatonnement.settled }.count
            let undefined = rs.filter { if case .undefined = $0.tatonnement { true } else { false } }.count
            md += "| \(regime.rawValue) | \(rs.count) | \(Self.rateText(settled, rs.count)) | \(rs.count - settled - undefined) | \(undefined) |\n"
        }
        md += "\n\"Left the domain\": at an iterate some demand or supply is unbounded (a constant-returns firm with positive "
            + "profit, or a price of 0 for a good someone wants), so Φ is undefined there.\n"
        md += "\nContraction by step size, over the \(records.filter { !$0.stepSweep.isEmpty }.count) differentiable economies "
            + "(each step certified or refuted on its own):\n\n"
        md += "![steps](figures/contraction-by-step.svg)\n![moduli](figures/modulus-by-step.svg)\n\n"
        md += "| step η | certified | refuted | undecided | certified rate | smallest L | largest L |\n|---|---:|---:|---:|---:|---:|---:|\n"
        for row in stepTable() {
            let n = row.certified + row.refuted + row.undecided
            md += "| \(row.step) | \(row.certified) | \(row.refuted) | \(row.undecided) | \(Self.rateText(row.certified, n)) | "
                + "\(row.moduli.min().map { decimal($0) } ?? "—") | \(row.moduli.max().map { decimal($0) } ?? "—") |\n"
        }

        md += "\n## 5. Cost\n\nTimes depend on the machine, so they are in [cost.md](cost.md) "
            + "(![cost](figures/cost.svg)), apart from this file, which is the same bytes on every run of the same design.\n"
        md += "Sizes: \(sizeLine).\n"

        md += "\n## 6. Smallest exemplars of each failure\n\n"
        if exemplars.isEmpty {
            md += "No failures.\n"
        } else {
            md += "For each theorem, regime and kind of failure, the smallest failing economy of the study (fewest "
                + "commodities, then agents, then seed), shrunk while the theorem still fails the same way "
                + "(at most \(design.shrinkSteps) steps and \(design.shrinkChecks) candidate checks).\n\n"
            md += "| theorem | regime | failure | seed | size (commodities, consumers, firms) | shrunk to | file | reproduce |\n"
            md += "|---|---|---|---:|---|---|---|---|\n"
            for x in exemplars {
                md += "| \(x.theorem.rawValue) | \(x.regime.rawValue) | \(x.kind.rawValue) | \(x.seed) | \(x.before) | \(x.after) | "
                    + "[\(x.fileName)](exemplars/\(x.fileName)) | `\(x.reproduce)` |\n"
            }
        }
        return md
    }

    var sizeLine: String {
        guard let small = records.map(\.commodities).min(), let large = records.map(\.commodities).max() else { return "none" }
        return "\(small) to \(large) commodities"
    }

    /// Time per economy against size, and the share of each stage: the only machine-dependent part of a study.
    public func costMarkdown() -> String {
        var md = "# Cost of the study (this machine)\n\n"
        md += "Wall-clock seconds per economy (all five theorems, the observed tâtonnement and the step sweep), "
            + "by commodity count. Machine-dependent: a rerun changes these numbers and nothing else.\n\n"
        md += "![cost](figures/cost.svg)\n\n| commodities | economies | mean s | max s |\n|---|---:|---:|---:|\n"
        let buckets = [2, 4, 8, 16, 32, 64, 128, Int.max]
        var lower = 0
        for upper in buckets {
            let rs = records.filter { $0.commodities > lower && $0.commodities <= upper }
            defer { lower = upper }
            guard !rs.isEmpty else { continue }
            let total = rs.reduce(0) { $0 + $1.seconds }
            md += "| \(lower + 1)–\(upper == Int.max ? "" : String(upper)) | \(rs.count) | "
                + String(format: "%.3f", total / Double(rs.count)) + " | " + String(format: "%.3f", rs.map(\.seconds).max()!) + " |\n"
        }
        var stages: [String: Double] = [:]
        for r in records { for s in r.stageSeconds { stages[s.stage, default: 0] += s.seconds } }
        let all = stages.values.reduce(0, +)
        md += "\nShare of each stage of `checkTheorems` (over \(String(format: "%.1f", all)) s):\n\n| stage | seconds | share |\n|---|---:|---:|\n"
        for (stage, s) in stages.sorted(by: { $0.value > $1.value }) {
            md += "| \(stage) | " + String(format: "%.2f", s) + " | " + String(format: "%.1f%%", all > 0 ? 100 * s / all : 0) + " |\n"
        }
        return md
    }

    // MARK: - Figures

    /// The deterministic figures, by file name.
    public func figures() -> [(name: String, svg: String)] {
        let legend = StudyClass.allCases.map { ($0.rawValue, Self.colours[$0]!) }
        var rows: [StackedBars.Row] = []
        for id in TheoremID.allCases {
            var first = true
            for regime in design.regimes {
                let c = outcomes(id, regime)
                let n = c.values.reduce(0, +)
                guard n > 0 else { continue }
                rows.append(StackedBars.Row(label: regime.rawValue,
                                            segments: StudyClass.allCases.map { StackedBars.Segment(c[$0] ?? 0, Self.colours[$0]!) },
                                            note: "\(c[.held] ?? 0)/\(n) held", heading: first ? id.rawValue : nil))
                first = false
            }
        }
        let outcomes = stackedBarsSVG(StackedBars(title: "Each theorem in each regime",
                                                  caption: "share of economies by outcome (\(records.count) economies, design \(design.size.rawValue), seed \(design.seed))",
                                                  rows: rows, legend: legend))

        var hypothesisRows: [StackedBars.Row] = []
        for (parameter, groups) in agentGroups() where parameter == "agents" || parameter == "discrete modes" {
            var first = true
            for g in groups {
                for h in Self.agentHypotheses + ["contraction"] {
                    let holds = g.records.filter { $0.hypotheses[h] == true }.count
                    hypothesisRows.append(StackedBars.Row(
                        label: "\(g.label): \(h)",
                        segments: [StackedBars.Segment(holds, "#2ca02c"), StackedBars.Segment(g.records.count - holds, "#dddddd")],
                        note: "\(holds)/\(g.records.count)", heading: first ? "by \(parameter)" : nil))
                    first = false
                }
            }
        }
        let hypotheses = stackedBarsSVG(StackedBars(title: "Hypotheses in generated agent systems",
                                                    caption: "share of systems where each hypothesis holds (contraction: certified)",
                                                    rows: hypothesisRows, legend: [("holds", "#2ca02c"), ("fails or not established", "#dddddd")]))

        // Proved (green), refuted (red), undecided (grey): the segments of both three-way charts.
        func threeWay(_ held: Int, _ refuted: Int, _ undecided: Int) -> [StackedBars.Segment] {
            [StackedBars.Segment(held, "#2ca02c"), StackedBars.Segment(refuted, "#d62728"), StackedBars.Segment(undecided, "#bbbbbb")]
        }
        let despiteRows = despite.map { d in
            StackedBars.Row(label: d.short,
                            segments: threeWay(d.heldAnyway, d.refuted, d.undecided),
                            note: "\(d.heldAnyway)/\(d.failing) anyway")
        }
        let despiteSVG = stackedBarsSVG(StackedBars(title: "When a hypothesis fails",
                                                    caption: "economies where the hypothesis fails: does the conclusion hold anyway?",
                                                    rows: despiteRows,
                                                    legend: [("holds anyway", "#2ca02c"), ("refuted (tâtonnement: did not settle)", "#d62728"),
                                                             ("undecided", "#bbbbbb")]))

        let table = stepTable()
        let stepRows = table.map { row in
            StackedBars.Row(label: "η = \(row.step)",
                            segments: threeWay(row.certified, row.refuted, row.undecided),
                            note: "\(row.certified)/\(row.certified + row.refuted + row.undecided) certified")
        }
        let steps = stackedBarsSVG(StackedBars(title: "Contraction by step size",
                                               caption: "differentiable economies whose tâtonnement is a certified contraction at each step η",
                                               rows: stepRows,
                                               legend: [("certified", "#2ca02c"), ("refuted", "#d62728"), ("undecided", "#bbbbbb")]))
        // The steps are powers of two: plot k for η = 2^-k.
        func k(_ eta: Rational) -> Double { -log2(eta.displayDouble) }
        let points = table.flatMap { row in row.moduli.map { (x: k(row.step), y: $0.displayDouble) } }
        let chosen = records.compactMap { r in r.modulus.map { (x: k(r.step!), y: $0.displayDouble) } }
        let moduli = scatterSVG(Scatter(title: "Certified modulus against step",
                                        caption: "each point: one economy at one step, L certified by ContractionChecker",
                                        xLabel: "k, for the step η = 2^-k", yLabel: "certified modulus L",
                                        series: [Scatter.Series(label: "step sweep", colour: "#1f77b4", points: points),
                                                 Scatter.Series(label: "step chosen by the audit", colour: "#ff7f0e", points: chosen)],
                                        references: [(1, "L = 1")], yRange: 0...1.05))
        return [("outcomes.svg", outcomes), ("agent-hypotheses.svg", hypotheses), ("despite.svg", despiteSVG),
                ("contraction-by-step.svg", steps), ("modulus-by-step.svg", moduli)]
    }

    /// The machine-dependent figure: seconds per economy against its size.
    public func costFigure() -> String {
        let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        let series = design.regimes.enumerated().map { k, regime in
            Scatter.Series(label: regime.rawValue, colour: colours[k % colours.count],
                           points: records.filter { $0.regime == regime }.map { (Double($0.commodities), max($0.seconds, 1e-4)) })
        }
        return scatterSVG(Scatter(title: "Cost against size", caption: "wall-clock seconds per economy (this machine)",
                                  xLabel: "commodities (log scale)", yLabel: "seconds (log scale)", logX: true, logY: true,
                                  series: series))
    }

    // MARK: - JSON

    /// The study's numbers, for other tools: the same bytes on every run.
    public func json() -> JSONValue {
        func n(_ k: Int) -> JSONValue { .number(String(k)) }
        var outcomeRows: [JSONValue] = []
        for id in TheoremID.allCases {
            for regime in design.regimes {
                let c = outcomes(id, regime)
                guard !c.isEmpty else { continue }
                outcomeRows.append(.object([("theorem", .string(id.rawValue)), ("regime", .string(regime.rawValue))]
                                           + StudyClass.allCases.map { ($0.rawValue, n(c[$0] ?? 0)) }))
            }
        }
        return .object([
            ("format", .string("walras-study/1")), ("design", .string(design.size.rawValue)), ("seed", .string(String(design.seed))),
            ("economies", n(records.count)), ("planned", n(planned)),
            ("outcomes", .array(outcomeRows)),
            ("despite", .array(despite.map { d in
                .object([("hypothesis", .string(d.hypothesis)), ("conclusion", .string(d.conclusion)), ("failing", n(d.failing)),
                         ("held_anyway", n(d.heldAnyway)), ("refuted", n(d.refuted)), ("undecided", n(d.undecided))])
            })),
            ("steps", .array(stepTable().map { row in
                .object([("step", .string(row.step.description)), ("certified", n(row.certified)), ("refuted", n(row.refuted)),
                         ("undecided", n(row.undecided)), ("moduli", .array(row.moduli.map { .string($0.description) }))])
            })),
            ("exemplars", .array(exemplars.map { x in
                .object([("theorem", .string(x.theorem.rawValue)), ("regime", .string(x.regime.rawValue)),
                         ("class", .string(x.kind.rawValue)), ("seed", .string(String(x.seed))), ("file", .string(x.fileName)),
                         ("reproduce", .string(x.reproduce))])
            })),
        ])
    }

    // MARK: - Exemplars

    /// For each theorem, regime and failure class, the smallest failing
    /// economy of the records, shrunk with count budgets only.
    public mutating func findExemplars() {
        var chosen: [String: (StudyRecord, TheoremID, StudyClass)] = [:]
        var order: [String] = []
        for r in records {
            for id in TheoremID.allCases {
                guard let v = r.verdicts[id], v.kind == .expected || v.kind == .unexpected else { continue }
                let key = "\(id.rawValue)-\(r.regime.rawValue)-\(v.kind.rawValue)"
                if let (best, _, _) = chosen[key] {
                    let size = { (x: StudyRecord) in (x.commodities, x.agents?.agents ?? x.consumers + x.firms, x.seed) }
                    if size(r) < size(best) { chosen[key] = (r, id, v.kind) }
                } else {
                    chosen[key] = (r, id, v.kind)
                    order.append(key)
                }
            }
        }
        exemplars = order.sorted().map { key in
            let (r, id, kind) = chosen[key]!
            return exemplar(r, id, kind, fileName: key + ".json")
        }
    }

    private func exemplar(_ r: StudyRecord, _ id: TheoremID, _ kind: StudyClass, fileName: String) -> StudyExemplar {
        // A shrink step is kept only while the verdict is classified as the exemplar is filed: the same
        // class and the same word, from the same verdict function the study used.
        let classified: (Economy) -> StudyVerdict = { e in
            StudyVerdict(checkTheorems(e, options: .sweep(seed: r.seed), only: [id])[id]!)
        }
        let first = classified(EconomyGenerator.economy(seed: r.seed, regime: r.regime))
        func same(_ v: StudyVerdict) -> Bool { v.kind == first.kind && v.status == first.status && v.kind == kind }
        func describe(_ e: Economy) -> String { "\(e.commodityCount), \(e.consumers.count), \(e.firms.count)" }
        if r.regime.isAgentSystem {
            let original = EconomyGenerator.agentEconomy(seed: r.seed, regime: r.regime)
            var shrinker = AgentShrinker()
            shrinker.maximumSteps = design.shrinkSteps
            shrinker.maximumChecks = design.shrinkChecks
            shrinker.timeLimit = 1e9
            let (shrunk, steps) = shrinker.shrink(original) { same(classified($0.compiled().economy)) }
            return StudyExemplar(theorem: id, regime: r.regime, kind: kind, seed: r.seed, before: describe(original.compiled().economy),
                                 after: describe(shrunk.compiled().economy), shrinkSteps: steps, fileName: fileName,
                                 text: AgentEconomyFormat.encode(shrunk).rendered() + "\n")
        }
        let original = EconomyGenerator.economy(seed: r.seed, regime: r.regime)
        var shrinker = Shrinker()
        shrinker.maximumSteps = design.shrinkSteps
        shrinker.maximumChecks = design.shrinkChecks
        shrinker.timeLimit = 1e9
        let (shrunk, steps) = shrinker.shrink(original, regime: r.regime) { same(classified($0)) }
        return StudyExemplar(theorem: id, regime: r.regime, kind: kind, seed: r.seed, before: describe(original),
                             after: describe(shrunk), shrinkSteps: steps, fileName: fileName,
                             text: EconomyFormat.encode(shrunk).rendered() + "\n")
    }
}

/// Four significant digits, for display.
private func decimal(_ x: Rational) -> String { String(format: "%.4f", x.displayDouble) }

extension StudyReport {
    /// Writes `study.md`, `study.json`, `cost.md`, `figures/` and `exemplars/` into `directory`.
    public func write(to directory: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory + "/figures", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: directory + "/exemplars", withIntermediateDirectories: true)
        func put(_ name: String, _ text: String) throws { try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        try put("study.md", markdown())
        try put("study.json", json().rendered() + "\n")
        try put("cost.md", costMarkdown())
        for (name, svg) in figures() { try put("figures/" + name, svg) }
        try put("figures/cost.svg", costFigure())
        for x in exemplars { try put("exemplars/" + x.fileName, x.text) }
    }
}
