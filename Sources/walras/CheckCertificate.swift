import ArgumentParser
import WalrasAudit

struct CheckCertificate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-certificate",
        abstract: "Run the equilibrium checker alone on a certificate (or on an audit --json report that holds one).",
        discussion: "Exit 0: the certificate proves an equilibrium. 1: it is rejected, with the reason. 2: the file is rejected.")

    @Argument(help: "A walras-certificate/1 file, or a walras-report/1 JSON report.")
    var file: String

    func run() throws {
        let result = Auditor.checkCertificate(path: file)
        // "valid: …" and "invalid: …" are the verdict (standard output); a rejected file is a diagnostic.
        try finish(result.output, result.exitCode, isDiagnostic: result.exitCode == .rejected)
    }
}
