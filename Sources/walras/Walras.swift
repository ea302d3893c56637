import ArgumentParser
import Foundation
import WalrasAudit

/// `walras`: exact verdicts on general-equilibrium theorems for finite economies.
///
/// Exit codes: 0 every verdict holds, 1 a counterexample was found,
/// 2 the input was rejected, 3 no counterexample but something is undecided.
@main
struct Walras: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walras",
        abstract: "Exact verdicts on general-equilibrium theorems for finite economies.",
        discussion: "Exit codes: 0 holds, 1 counterexample, 2 rejected input, 3 undecided.",
        subcommands: [Audit.self, Export.self, Generate.self, CheckCertificate.self, Plot.self, Sweep.self, Reproduce.self, Merge.self,
                      Study.self])

    /// Argument errors are rejected input: exit 2, not ArgumentParser's 64,
    /// with the message on standard error. Help (`--help`, exit 0) still goes
    /// to standard output, and a command's own exit code passes through.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printDiagnostic(fullMessage(for: error))
                Foundation.exit(WalrasAudit.ExitCode.rejected.rawValue)
            }
            exit(withError: error)
        }
    }
}
