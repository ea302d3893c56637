import ArgumentParser
import WalrasAudit

extension Plot {
    struct Convergence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the tâtonnement's distance to the equilibrium per iteration (log scale) with the Banach bound, or the failing orbit on the simplex.")

        @Argument(help: "An economy file.")
        var file: String

        @Option(help: "Where to write the SVG picture.")
        var out: String

        @OptionGroup var step: StepOptions

        func run() throws {
            let result = Auditor.plotConvergence(path: file, out: out, options: AuditOptions(step: step.step?.value))
            // "wrote …" is the report; "rejected: …" and "undecided: …" are diagnostics. The library
            // returns one text per exit code, so a picture written while the verdict stays undecided
            // ("wrote …: contraction verdict undecided", exit 3) is announced on standard error too.
            try finish(result.output, result.exitCode,
                       isDiagnostic: result.exitCode == .rejected || result.exitCode == .undecided)
        }
    }
}
