import ArgumentParser
import Foundation
import TheoremChecks
import WalrasAudit

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an economy file against every theorem Walras knows.",
        discussion: "FILE is a walras-economy/1 or walras-agent-economy/1 file. Without FILE, audits \(Auditor.defaultEconomyName).")

    /// The defaults of every option below; they are written once, in `AuditOptions.init`.
    private static let defaults = AuditOptions.defaults
    static let meshBitsRange = 1...62
    static let samplesRange = 0...1_000_000
    /// Budgets in seconds: up to about 31 years (`Duration.longestLimit`).
    static let secondsRange = 0.0...1e9

    @Argument(help: "An economy JSON file. Omit it to audit the bundled default economy.")
    var file: String?

    @Flag(help: "Write the machine-readable JSON report instead of the human one.")
    var json = false

    @Option(help: "Interior prices sampled for Walras' law.")
    var samples: Int = defaults.samples

    @Option(help: "Seed of the interior price sample (decimal or 0x hex).")
    var seed = Seed(defaults.seed)

    @Option(help: "The equilibrium search refines the price grid to mesh 1/2^N.")
    var meshBits: Int = defaults.meshBits

    @Option(help: "Time budget of the equilibrium search, in seconds.")
    var searchSeconds: Double = defaults.searchTimeLimit

    @Option(help: "Pivot budget of the equilibrium search.")
    var searchPivots: Int = defaults.searchPivots

    @Option(help: "Economies with more commodities are not searched (the verdict says undecided).")
    var searchMaxGoods: Int = defaults.searchMaxGoods

    @Option(help: "Write the exact equilibrium certificate, when there is one, to this file.")
    var certificateOut: String?

    @OptionGroup var step: StepOptions

    @Option(help: "Time budget of the contraction certificate search, in seconds.")
    var contractionSeconds: Double = defaults.contractionTimeLimit

    @Option(help: "Seconds for the whole audit, shared by its stages; a stage that runs out says undecided and names itself.")
    var budget: Double = defaults.budget

    @Option(parsing: .singleValue,
            help: ArgumentHelp("Seconds for one stage, overriding its share of --budget (repeatable).",
                               discussion: "Stages: \(TheoremChecks.stageNames.joined(separator: ", ")).",
                               valueName: "stage=seconds"))
    var stageSeconds: [StageSeconds] = []

    @Option(help: ArgumentHelp("Galerkin refinement of an agent economy: its equilibrium with the data projected onto each number of bins, and the exact L² distances between successive ones.",
                               valueName: "K1,K2,…"))
    var refine: BinList?

    @Option(help: ArgumentHelp("The widest interval of an enclosure of an irrational equilibrium: an exact number in (0, 1] such as 2^-60 or 1/1024.",
                               valueName: "width"))
    var enclosureWidth: EnclosureWidth = EnclosureWidth(AuditOptions.defaults.enclosureWidth)

    @Flag(help: ArgumentHelp("Look for every equilibrium (small economies: up to 12 goods, activities and quadratic outputs together), each exact or enclosed, with its index, and decide uniqueness."))
    var allEquilibria = false

    func validate() throws {
        guard contractionSeconds >= 0 else { throw ValidationError("--contraction-seconds must not be negative") }
        guard Audit.secondsRange.contains(budget) else {
            throw ValidationError("--budget: expected seconds from 0 to 1e9, found \(budget)")
        }
        for s in stageSeconds {
            guard TheoremChecks.stageNames.contains(s.stage) else {
                throw ValidationError("--stage-seconds: expected one of \(TheoremChecks.stageNames.joined(separator: ", ")), found \(s.stage)")
            }
            guard Audit.secondsRange.contains(s.seconds) else {
                throw ValidationError("--stage-seconds \(s.stage): expected seconds from 0 to 1e9, found \(s.seconds)")
            }
        }
        guard Audit.meshBitsRange.contains(meshBits) else {
            throw ValidationError("--mesh-bits must be between \(Audit.meshBitsRange.lowerBound) and "
                                  + "\(Audit.meshBitsRange.upperBound), found \(meshBits)")
        }
        guard searchSeconds >= 0, searchPivots >= 0 else {
            throw ValidationError("--search-seconds and --search-pivots must not be negative")
        }
        guard Audit.samplesRange.contains(samples) else {
            throw ValidationError("--samples must be between \(Audit.samplesRange.lowerBound) and "
                                  + "\(Audit.samplesRange.upperBound), found \(samples)")
        }
    }

    func run() throws {
        let guardian = InterruptionGuard(file: file ?? Auditor.defaultEconomyName, json: json)
        let configured = AuditOptions(samples: samples, seed: seed.value, meshBits: meshBits,
                                   searchTimeLimit: searchSeconds, searchPivots: searchPivots, searchMaxGoods: searchMaxGoods,
                                   step: step.step?.value, contractionTimeLimit: contractionSeconds, budget: budget,
                                   stageSeconds: Dictionary(stageSeconds.map { ($0.stage, $0.seconds) }, uniquingKeysWith: { $1 }),
                                   cancellation: guardian.cancellation)
        var options = configured
        options.refine = refine?.bins ?? []
        options.enclosureWidth = enclosureWidth.value
        options.allEquilibria = allEquilibria
        let progress = TerminalProgress()
        let result = Auditor.run(path: file, json: json, options: options, certificateOut: certificateOut,
                                 progress: { step, stats in
                                     progress.report("equilibrium search: mesh 1/\(step.mesh), \(stats.pivots) pivots, "
                                                     + "\(stats.restarts) restarts, \(Int(stats.seconds)) s")
                                 },
                                 started: { stage, deadline in progress.stage(stage, until: deadline) },
                                 partial: { guardian.keep($0) })
        progress.finish()
        // With --json, a rejection is itself a JSON report (walras-report/1): it stays on standard output.
        let isDiagnostic = result.exitCode == .rejected && !json
        guard guardian.write({ if isDiagnostic { printDiagnostic(result.output, terminator: "") } else { print(result.output, terminator: "") } })
        else { Thread.sleep(forTimeInterval: 3600); return }  // the interruption wrote the report and exits
        try finish(result.exitCode)
    }
}
