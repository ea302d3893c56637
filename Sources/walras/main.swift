import ArgumentParser
import WalrasAudit

/// `walras`: exact verdicts on general-equilibrium theorems for finite economies.
///
/// Exit codes: 0 every verdict holds, 1 a counterexample was found,
/// 2 the input was rejected, 3 no counterexample but something is undecided.
struct Walras: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walras",
        abstract: "Exact verdicts on general-equilibrium theorems for finite economies.",
        discussion: "Exit codes: 0 holds, 1 counterexample, 2 rejected input, 3 undecided.",
        subcommands: [Audit.self, Export.self])

    /// Argument errors are rejected input: exit 2, not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                print(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an economy file against every theorem Walras knows.",
        discussion: "FILE is a walras-economy/1 or walras-agent-economy/1 file. Without FILE, audits the bundled default (examples/agents-review-pipeline.json).")

    @Argument(help: "An economy JSON file. Omit it to audit the bundled default economy.")
    var file: String?

    @Flag(help: "Write the machine-readable JSON report instead of the human one.")
    var json = false

    @Option(help: "Interior prices sampled for Walras' law.")
    var samples: Int = 32

    @Option(help: "Seed of the interior price sample (decimal or 0x hex).")
    var seed: String = "0"

    func validate() throws {
        guard samples >= 0, samples <= 1_000_000 else {
            throw ValidationError("--samples must be between 0 and 1000000, found \(samples)")
        }
        guard parseSeed(seed) != nil else {
            throw ValidationError("--seed must be a decimal or 0x-hex 64-bit integer, found \(seed)")
        }
    }

    func run() throws {
        let result = Auditor.run(path: file, json: json,
                                 options: AuditOptions(samples: samples, seed: parseSeed(seed)!))
        print(result.output, terminator: "")
        if result.exitCode.rawValue != 0 { throw ArgumentParser.ExitCode(result.exitCode.rawValue) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an economy as a walras-economy/1 file (agent economies are compiled).",
        discussion: "Agents become firms, each source-to-sink path a constant-returns routing firm and a task good, orchestrators consumers. Without --out, writes to standard output.")

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
                print("rejected: \(out): expected a writable file, found \(error.localizedDescription)")
                throw ArgumentParser.ExitCode(2)
            }
        } else {
            print(result.output, terminator: "")
        }
        if result.exitCode.rawValue != 0 { throw ArgumentParser.ExitCode(result.exitCode.rawValue) }
    }
}

func parseSeed(_ text: String) -> UInt64? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
}

import Foundation
Walras.main()
