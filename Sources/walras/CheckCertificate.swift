import ArgumentParser
import WalrasAudit

struct CheckCertificate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-certificate",
        abstract: "Run a checker alone on a certificate: of an equilibrium, or that none exists (or on an audit --json report that holds one).",
        discussion: """
            The certificate claims a Walrasian equilibrium, an equilibrium with transfers, or that none exists; \
            the output states exactly what the checker proved. \
            Exit 0: the claim is proved. 1: it is rejected, with the reason. 2: a file is rejected.
            """)

    @Argument(help: "A walras-certificate/2 file, or a walras-report/1 JSON report.")
    var file: String

    @Option(name: .customLong("economy"),
            help: "Your economy file (core or agent format): the certificate must be about exactly this economy.")
    var economy: String?

    func run() throws {
        let result = Auditor.checkCertificate(path: file, economyPath: economy)
        // "valid: …" and "invalid: …" are the verdict (standard output); a rejected file is a diagnostic.
        try finish(result.output, result.exitCode, isDiagnostic: result.exitCode == .rejected)
    }
}
