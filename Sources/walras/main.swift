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
        subcommands: [Audit.self])

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
        discussion: "Without FILE, audits the bundled default economy (examples/production.json).")

    @Argument(help: "A walras-economy/1 JSON file. Omit it to audit the bundled default economy.")
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

func parseSeed(_ text: String) -> UInt64? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
}

import Foundation
Walras.main()
