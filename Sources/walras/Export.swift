import ArgumentParser
import Foundation
import WalrasAudit

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an economy as a walras-economy/1 file (agent economies are compiled).",
        discussion: "Agents become firms, each source-to-sink path a constant-returns routing firm and a task good (none where routing is folded: smooth agents with Leontief orchestrators), orchestrators consumers. Without --out, writes to standard output.")

    @Argument(help: "A walras-agent-economy/1 or walras-economy/1 JSON file. Omit it to export the bundled default.")
    var file: String?

    @Option(help: "Write the economy to this file instead of standard output.")
    var out: String?

    func run() throws {
        let result = Auditor.export(path: file)
        if result.exitCode == .holds, let out {
            do {
                try result.output.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw rejection("\(out): expected a writable file, found \(error.localizedDescription)")
            }
            return
        }
        try finish(result.output, result.exitCode, isDiagnostic: result.exitCode == .rejected)
    }
}
