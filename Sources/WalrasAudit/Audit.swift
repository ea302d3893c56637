public import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import EconomyModel
public import AgentEconomy
public import EconomyFormat
public import TheoremChecks
import Tatonnement
import Foundation
public import EquilibriumSearch
import EquilibriumCertificates
import NonExistenceCertificates
import EnclosureCertificates
public import Budgets

/// Exit codes of `walras audit` (and every other verdict-giving command).
public enum ExitCode: Int32, Sendable {
    case holds = 0
    case counterexample = 1
    case rejected = 2
    case undecided = 3
}

public struct AuditOptions: Sendable {
    /// Every option at its default: the one place a default is written is
    /// `init`'s parameter list, and the CLI reads its defaults from here.
    public static let defaults = AuditOptions()

    /// Interior prices sampled for Walras' law.
    public var samples: Int
    /// Seed of the interior price sample.
    public var seed: UInt64

    /// The equilibrium search refines the mesh to `1/2^meshBits`.
    public var meshBits: Int
    /// Wall-clock budget of the search, in seconds.
    public var searchTimeLimit: Double
    /// Pivot budget of the search.
    public var searchPivots: Int
    /// Economies with more commodities are not searched (the verdict is
    /// `undecided`, with the reason): path lengths grow fast with dimension.
    public var searchMaxGoods: Int
    /// The orchestrator's step `η` for the tâtonnement; `nil` lets Walras choose.
    public var step: Rational?
    /// Wall-clock budget of the contraction certificate search, in seconds.
    public var contractionTimeLimit: Double
    /// Seconds for the whole audit, shared by its stages (`AuditClock`).
    public var budget: Double
    /// Seconds for named stages, overriding their share (`--stage-seconds name=S`).
    public var stageSeconds: [String: Double]
    /// Set on SIGINT or SIGTERM: every stage stops at its next check.
    public var cancellation: Cancellation?
    /// `--refine K1,K2,…`: bin counts for the Galerkin refinement of an
    /// agent economy (empty: none); each `K` gets `budget / count` seconds more.
    public var refine: [Int] = []
    /// `--enclosure-width`: the widest interval of an enclosure certificate.
    public var enclosureWidth: Rational = Rational(1, 1 << 60)
    /// `--all-equilibria`: a census of every equilibrium (small economies).
    public var allEquilibria = false

    public init(samples: Int = 32, seed: UInt64 = 0, meshBits: Int = 24, searchTimeLimit: Double = 60,
                searchPivots: Int = 2_000_000, searchMaxGoods: Int = 24, step: Rational? = nil,
                contractionTimeLimit: Double = 30, budget: Double = 600, stageSeconds: [String: Double] = [:],
                cancellation: Cancellation? = nil) {
        self.budget = budget
        self.stageSeconds = stageSeconds
        self.cancellation = cancellation
        self.step = step
        self.contractionTimeLimit = contractionTimeLimit
        self.samples = samples
        self.seed = seed
        self.meshBits = meshBits
        self.searchTimeLimit = searchTimeLimit
        self.searchPivots = searchPivots
        self.searchMaxGoods = searchMaxGoods
    }

    public var contractionOptions: ContractionOptions {
        var o = ContractionOptions(step: step, limits: ContractionSearchLimits(timeLimit: contractionTimeLimit))
        o.stepRange = true
        return o
    }

    public var searchLimits: SearchLimits {
        SearchLimits(targetMesh: 1 << meshBits, maximumPivots: searchPivots, timeLimit: searchTimeLimit)
    }

    /// The budgets of every theorem check, as `checkTheorems` takes them.
    public var verdictOptions: VerdictOptions {
        var e = EquilibriumOptions()
        e.search = searchLimits
        e.searchMaxGoods = searchMaxGoods
        e.enclosureWidth = enclosureWidth
        e.allEquilibria = allEquilibria
        return VerdictOptions(walrasLawSamples: samples, seed: seed, equilibrium: e, contraction: contractionOptions,
                              budget: .seconds(clamping: budget), stageLimits: stageSeconds.mapValues { .seconds(clamping: $0) },
                              cancellation: cancellation)
    }
}

/// Every verdict Walras gives for one economy.
public struct AuditReport: Sendable {
    public let file: String
    /// The economy the theorems are checked on (compiled, for an agent economy).
    public let economy: Economy
    /// The agent economy it was compiled from, to report in its terms.
    public let agents: CompiledAgentEconomy?
    public let options: AuditOptions
    /// Each verdict, or nil when its stage did not run (`notRun` says why).
    public let walrasLaw: WalrasLawVerdict?
    public let equilibrium: EquilibriumVerdict?
    public let firstWelfare: FirstWelfareVerdict?
    public let secondWelfare: SecondWelfareVerdict?
    public let contraction: ContractionVerdict?
    /// Why each missing verdict is missing: its stage was not reached within
    /// the budget, or the audit was interrupted.
    public let notRun: [TheoremID: String]
    /// How each stage went: its seconds, its budget, whether that ran out.
    public let stages: [StageRecord]
    /// The Galerkin refinement, when `--refine` asked for one.
    public var refinement: RefinementReport? = nil

    public init(file: String, economy: Economy, agents: CompiledAgentEconomy?, options: AuditOptions, verdicts v: Verdicts) {
        self.file = file
        self.economy = economy
        self.agents = agents
        self.options = options
        walrasLaw = v.walrasLaw
        equilibrium = v.equilibrium
        firstWelfare = v.firstWelfare
        secondWelfare = v.secondWelfare
        contraction = v.contraction
        stages = v.stages
        var missing = v.notRun
        for id in TheoremID.allCases where v[id] == nil && missing[id] == nil {
            missing[id] = "interrupted (SIGINT or SIGTERM) before this stage finished"
        }
        notRun = missing
    }

    /// Every verdict computed, in the order of `TheoremID.allCases`.
    public var verdicts: [any TheoremVerdict] {
        let all: [(any TheoremVerdict)?] = [walrasLaw, equilibrium, firstWelfare, secondWelfare, contraction]
        return all.compactMap { $0 }
    }

    /// `interrupted` or `not-run`, for a theorem with no verdict.
    public func notRunStatus(_ id: TheoremID) -> String {
        (notRun[id] ?? "").contains("interrupted") ? "interrupted" : "not-run"
    }

    /// The record of a theorem's stage, when it ran.
    public func stage(_ id: TheoremID) -> StageRecord? { stages.first { $0.stage == id.rawValue } }

    /// 1 if any verdict is a counterexample (`not-a-contraction` counts as
    /// one: an exact pair refutes the contraction condition); else 3 if any
    /// is undecided or did not run; else 0. Read off the shared outcomes only.
    public var exitCode: ExitCode {
        ExitCode(rawValue: exitStatus(of: verdicts.map(\.outcome) + (notRun.isEmpty ? [] : [.undecided])))!
    }
}

public enum Auditor {
    /// The economy `walras audit` checks when given no file.
    public static let defaultEconomyName = BundledEconomies.defaultFile + " (bundled)"

    public static func audit(_ economy: Economy, file: String, options: AuditOptions = AuditOptions()) -> AuditReport {
        audit(economy, agents: nil, file: file, options: options)
    }

    /// `partial` receives the report so far after each stage (the CLI keeps
    /// the last one, to write on SIGTERM).
    public static func audit(_ document: EconomyDocument, file: String, options: AuditOptions = AuditOptions(),
                             progress: (MeshStep, SearchStatistics) -> Void = { _, _ in },
                             started: (_ stage: String, _ deadline: ContinuousClock.Instant?) -> Void = { _, _ in },
                             partial: (AuditReport) -> Void = { _ in }) -> AuditReport {
        switch document {
        case .economy(let e):
            return audit(e, agents: nil, file: file, options: options, progress: progress, started: started, partial: partial)
        case .agents(let a):
            let compiled = a.compiled()
            return audit(compiled.economy, agents: compiled, file: file, options: options, progress: progress,
                         started: started, partial: partial)
        }
    }

    static func audit(_ economy: Economy, agents: CompiledAgentEconomy?, file: String, options: AuditOptions,
                      progress: (MeshStep, SearchStatistics) -> Void = { _, _ in },
                      started: (_ stage: String, _ deadline: ContinuousClock.Instant?) -> Void = { _, _ in },
                      partial: (AuditReport) -> Void = { _ in }) -> AuditReport {
        let v = checkTheorems(economy, options: options.verdictOptions, progress: progress, started: started) { v in
            partial(AuditReport(file: file, economy: economy, agents: agents, options: options, verdicts: v))
        }
        return AuditReport(file: file, economy: economy, agents: agents, options: options, verdicts: v)
    }

    /// Loads a file of either format, or the bundled default when `path` is nil.
    public static func load(path: String?) throws(InputError) -> EconomyDocument {
        if let path { return try EconomyDocument.load(path: path) }
        let json = try InputFile.parseJSON(Array(BundledEconomies.reviewPipeline.utf8), file: defaultEconomyName)
        return try EconomyDocument.decode(json, file: defaultEconomyName)
    }

    /// The whole `walras audit` command minus process concerns: the text to
    /// print and the exit code. `path == nil` audits the bundled default.
    /// With `certificateOut`, an exact equilibrium certificate (when there
    /// is one) is also written there, for `walras check-certificate`.
    public static func run(path: String?, json: Bool, options: AuditOptions = AuditOptions(), certificateOut: String? = nil,
                           progress: (MeshStep, SearchStatistics) -> Void = { _, _ in },
                           started: (_ stage: String, _ deadline: ContinuousClock.Instant?) -> Void = { _, _ in },
                           partial: (AuditReport) -> Void = { _ in })
        -> (output: String, exitCode: ExitCode)
    {
        let document: EconomyDocument
        do {
            document = try load(path: path)
        } catch {
            return (json ? rejectionJSON(error).rendered() + "\n" : "rejected: \(error)\n", .rejected)
        }
        var refined: AgentEconomy? = nil
        if !options.refine.isEmpty {
            let file = path ?? defaultEconomyName
            guard case .agents(let a) = document else {
                let why = "\(file): --refine needs a walras-agent-economy/1 file (trajectories on time bins), found a walras-economy/1 file"
                return (json ? rejectionJSON(InputError(file: file, path: "$", expected: "an agent economy for --refine",
                                                        found: "a walras-economy/1 file")).rendered() + "\n" : "rejected: \(why)\n", .rejected)
            }
            if let why = refinementProblem(a, bins: options.refine) {
                return (json ? rejectionJSON(InputError(file: file, path: "$.basis", expected: "a basis --refine can project",
                                                        found: why)).rendered() + "\n" : "rejected: \(file): \(why)\n", .rejected)
            }
            refined = a
        }
        var report = audit(document, file: path ?? defaultEconomyName, options: options, progress: progress, started: started,
                           partial: partial)
        if let refined {
            report.refinement = galerkinRefinement(refined, bins: options.refine, options: options.verdictOptions,
                                                   budget: .seconds(clamping: options.budget))
        }
        var text = render(report, json: json)
        if let certificateOut {
            let certificate: JSONValue?
            if let checked = report.equilibrium?.checked {
                certificate = CertificateFormat.encode(checked.certificate, economy: report.economy)
            } else if let enclosure = report.equilibrium?.enclosure {
                certificate = CertificateFormat.encode(enclosure.certificate, economy: report.economy)
            } else if let proof = report.equilibrium?.proof {
                certificate = CertificateFormat.encode(proof.checked.certificate, economy: report.economy)
            } else {
                certificate = nil
            }
            if let certificate {
                do {
                    try (certificate.rendered() + "\n").write(toFile: certificateOut, atomically: true, encoding: .utf8)
                    if !json { text += "Certificate written to \(certificateOut) (check it: walras check-certificate \(certificateOut)).\n" }
                } catch {
                    return ("rejected: \(certificateOut): expected a writable file, found \(error)\n", .rejected)
                }
            } else if !json {
                text += "No exact certificate to write to \(certificateOut).\n"
            }
        }
        return (text, report.exitCode)
    }

    /// The report of an audit stopped before its economy was read (SIGINT
    /// or SIGTERM while reading or compiling a large file): every theorem
    /// `interrupted`, exit 3.
    public static func interruptedBeforeReading(file: String, json: Bool) -> String {
        let reason = "interrupted (SIGINT or SIGTERM) before the economy was read"
        guard json else {
            return "Walras audit of \(file)\n\n" + TheoremID.allCases.map { "\($0.rawValue)\n  status: interrupted\n  \(reason)\n" }
                .joined(separator: "\n") + "\nResult: interrupted before any verdict (exit 3).\n"
        }
        let verdict = JSONValue.object([("status", .string("interrupted")), ("outcome", .string(Outcome.undecided.rawValue)),
                                        ("reason", .string(reason)), ("hypotheses", .array([]))])
        return JSONValue.object([
            ("format", .string("walras-report/1")), ("file", .string(file)), ("status", .string("undecided")),
            ("exit_code", .number(String(ExitCode.undecided.rawValue))),
            ("verdicts", .object(TheoremID.allCases.map { ($0.rawValue, verdict) })),
        ]).rendered() + "\n"
    }

    /// The report as `walras audit` prints it.
    public static func render(_ report: AuditReport, json: Bool) -> String {
        json ? report.json().rendered() + "\n" : report.humanText()
    }

    /// `walras check-certificate`: the checker alone on a certificate file
    /// (or on an audit report that contains one). The certificate must be
    /// about the economy it carries (its digest), and, with `economyPath`,
    /// about the user's own economy file (compiled first if it is an agent
    /// economy): a mismatch names the first difference. Exit 0 when the
    /// checker proves the claim, 1 when it is rejected (the reason says
    /// why), 2 when a file itself is rejected.
    public static func checkCertificate(path: String, economyPath: String? = nil) -> (output: String, exitCode: ExitCode) {
        let document: CertificateDocument
        let economy: Economy
        do {
            document = try CertificateFormat.decode(InputFile.parseJSON(InputFile.read(path), file: path), file: path)
            if let economyPath {
                switch try EconomyDocument.load(path: economyPath) {
                case .economy(let e): economy = e
                case .agents(let a): economy = a.compiled().economy
                }
            } else {
                economy = document.economy
            }
        } catch {
            return ("rejected: \(error)\n", .rejected)
        }
        let carried = CertificateFormat.digest(document.economy)
        guard document.digest == carried else {
            return ("invalid: \(path): economy_digest is \(document.digest), but the economy it carries has digest \(carried)\n",
                    .counterexample)
        }
        if let economyPath {
            let theirs = CertificateFormat.digest(economy)
            if theirs != document.digest {
                let where_ = CertificateFormat.firstDifference(document.economy, economy).map {
                    "; first difference at \($0.path): the certificate has \($0.first), \(economyPath) has \($0.second)"
                } ?? ""
                return ("invalid: \(path) is about another economy: its digest is \(document.digest), "
                        + "\(economyPath) has \(theirs)\(where_)\n", .counterexample)
            }
        }
        let about = economyPath.map { "\"\(economy.name)\" of \($0)" } ?? "\"\(economy.name)\" (the economy the certificate carries)"
        switch document.evidence {
        case .equilibrium(let certificate, let claim):
            switch EquilibriumChecker.check(certificate, for: economy) {
            case .failure(let why):
                return ("invalid: \(path): \(why)\n", .counterexample)
            case .success(let checked):
                if checked.isWalrasian {
                    let note = claim == .equilibriumWithTransfers ? " (the claim lists transfers, but every one is 0)" : ""
                    return ("valid: \(path) proves that p = \(certificate.prices) is a Walrasian equilibrium of \(about)\(note) "
                            + "(every agent optimises, z ≤ 0, p_i z_i = 0, no transfer; checked with exact arithmetic)\n", .holds)
                }
                let transfers = zip(economy.consumers, certificate.transfers).filter { !$0.1.isZero }
                    .map { "\($0.0.name) \($0.1.signum() > 0 ? "+" : "")\($0.1)" }.joined(separator: ", ")
                return ("valid: \(path) proves that p = \(certificate.prices) is an equilibrium with lump-sum transfers "
                        + "(\(transfers)) of \(about): every agent optimises given its transfer, transfers sum to 0, z ≤ 0, "
                        + "p_i z_i = 0 (checked with exact arithmetic); without the transfers nothing is proved\n",
                        .holds)
            }
        case .enclosure(let certificate):
            switch EnclosureChecker.check(certificate, for: economy) {
            case .failure(let why):
                return ("invalid: \(path): \(why)\n", .counterexample)
            case .success(let checked):
                let box = zip(economy.commodities, checked.prices).map { "\($0) ∈ [\($1.lo), \($1.hi)]" }.joined(separator: ", ")
                return ("valid: \(path) proves that \(about) has a Walrasian equilibrium with \(box), the only zero of its regime's "
                        + "system in the box (Krawczyk's operator maps the box into its interior; the regime's inequalities hold "
                        + "on the whole box; checked with exact arithmetic)\n", .holds)
            }
        case .nonExistence(let certificate):
            switch NonExistenceChecker.check(certificate, for: economy) {
            case .failure(let why):
                return ("invalid: \(path): \(why)\n", .counterexample)
            case .success:
                return ("valid: \(path) proves that \(about) has no Walrasian equilibrium: \(certificate.summary) "
                        + "(checked with exact arithmetic)\n", .holds)
            }
        }
    }

    /// `walras export`: the file compiled to `walras-economy/1` (an agent
    /// economy) or re-encoded in canonical form (a core economy).
    public static func export(path: String?) -> (output: String, exitCode: ExitCode) {
        do {
            let economy: Economy
            switch try load(path: path) {
            case .economy(let e): economy = e
            case .agents(let a): economy = a.compiled().economy
            }
            return (EconomyFormat.encode(economy).rendered() + "\n", .holds)
        } catch {
            return ("rejected: \(error)\n", .rejected)
        }
    }

    public static func rejectionJSON(_ error: InputError) -> JSONValue {
        .object([
            ("status", .string("rejected")),
            ("exit_code", .number(String(ExitCode.rejected.rawValue))),
            ("file", .string(error.file)),
            ("path", .string(error.path)),
            ("expected", .string(error.expected)),
            ("found", .string(error.found)),
            ("message", .string(error.description)),
        ])
    }
}
