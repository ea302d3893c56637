import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import EconomyModel
public import AgentEconomy
public import EconomyFormat
public import TheoremChecks

/// Exit codes of `walras audit` (and every other verdict-giving command).
public enum ExitCode: Int32, Sendable {
    case holds = 0
    case counterexample = 1
    case rejected = 2
    case undecided = 3
}

public struct AuditOptions: Sendable {
    /// Interior prices sampled for Walras' law.
    public var samples: Int
    /// Seed of the interior price sample.
    public var seed: UInt64

    public init(samples: Int = 32, seed: UInt64 = 0) {
        self.samples = samples
        self.seed = seed
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
    public let walrasLaw: WalrasLawVerdict

    /// 1 if any verdict is a counterexample; else 3 if any is undecided; else 0.
    public var exitCode: ExitCode {
        let statuses = [walrasLaw.status]
        if statuses.contains(.counterexample) { return .counterexample }
        if statuses.contains(.undecided) { return .undecided }
        return .holds
    }
}

public enum Auditor {
    /// The economy `walras audit` checks when given no file.
    public static let defaultEconomyName = BundledEconomies.defaultFile + " (bundled)"

    public static func audit(_ economy: Economy, file: String, options: AuditOptions = AuditOptions()) -> AuditReport {
        audit(economy, agents: nil, file: file, options: options)
    }

    public static func audit(_ document: EconomyDocument, file: String, options: AuditOptions = AuditOptions()) -> AuditReport {
        switch document {
        case .economy(let e): return audit(e, agents: nil, file: file, options: options)
        case .agents(let a):
            let compiled = a.compiled()
            return audit(compiled.economy, agents: compiled, file: file, options: options)
        }
    }

    static func audit(_ economy: Economy, agents: CompiledAgentEconomy?, file: String, options: AuditOptions) -> AuditReport {
        let prices = walrasLawTestPrices(commodityCount: economy.commodityCount, samples: options.samples, seed: options.seed)
        return AuditReport(file: file, economy: economy, agents: agents, options: options,
                           walrasLaw: checkWalrasLaw(economy, at: prices))
    }

    /// Loads a file of either format, or the bundled default when `path` is nil.
    public static func load(path: String?) throws(InputError) -> EconomyDocument {
        if let path { return try EconomyDocument.load(path: path) }
        let json = try InputFile.parseJSON(Array(BundledEconomies.reviewPipeline.utf8), file: defaultEconomyName)
        return try EconomyDocument.decode(json, file: defaultEconomyName)
    }

    /// The whole `walras audit` command minus process concerns: the text to
    /// print and the exit code. `path == nil` audits the bundled default.
    public static func run(path: String?, json: Bool, options: AuditOptions = AuditOptions())
        -> (output: String, exitCode: ExitCode)
    {
        let document: EconomyDocument
        do {
            document = try load(path: path)
        } catch {
            return (json ? rejectionJSON(error).rendered() + "\n" : "rejected: \(error)\n", .rejected)
        }
        let report = audit(document, file: path ?? defaultEconomyName, options: options)
        return (json ? report.json().rendered() + "\n" : report.humanText(), report.exitCode)
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
