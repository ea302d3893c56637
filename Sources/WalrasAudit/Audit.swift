import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import EconomyModel
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
    public let economy: Economy
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
    public static let defaultEconomyName = "examples/production.json (bundled)"

    public static func audit(_ economy: Economy, file: String, options: AuditOptions = AuditOptions()) -> AuditReport {
        let prices = walrasLawTestPrices(commodityCount: economy.commodityCount, samples: options.samples, seed: options.seed)
        return AuditReport(file: file, economy: economy, options: options,
                           walrasLaw: checkWalrasLaw(economy, at: prices))
    }

    /// The whole `walras audit` command minus process concerns: the text to
    /// print and the exit code. `path == nil` audits the bundled default.
    public static func run(path: String?, json: Bool, options: AuditOptions = AuditOptions())
        -> (output: String, exitCode: ExitCode)
    {
        let economy: Economy
        let file = path ?? defaultEconomyName
        do {
            if let path {
                economy = try EconomyFormat.load(path: path)
            } else {
                economy = try EconomyFormat.decode(InputFile.parseJSON(Array(BundledEconomies.production.utf8), file: file),
                                                   file: file)
            }
        } catch {
            return (json ? rejectionJSON(error).rendered() + "\n" : "rejected: \(error)\n", .rejected)
        }
        let report = audit(economy, file: file, options: options)
        return (json ? report.json().rendered() + "\n" : report.humanText(), report.exitCode)
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
