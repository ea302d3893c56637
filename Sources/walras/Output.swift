import ArgumentParser
import Foundation
import WalrasAudit

// Where text goes: reports, tables and JSON to standard output; diagnostics
// ("rejected: …", "undecided: …", argument errors) to standard error, so that
// `walras audit --json > report.json` holds the report and nothing else.

/// Writes `text` to standard error.
func printDiagnostic(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

/// Writes a command's text from the library to standard output, or to
/// standard error when it is a diagnostic, then ends with its exit code.
func finish(_ text: String, _ code: WalrasAudit.ExitCode, isDiagnostic: Bool) throws {
    if isDiagnostic {
        printDiagnostic(text, terminator: "")
    } else {
        print(text, terminator: "")
    }
    try finish(code)
}

/// Ends a command with `code`: returns for `.holds` (exit 0), throws otherwise.
func finish(_ code: WalrasAudit.ExitCode) throws {
    if code != .holds { throw ArgumentParser.ExitCode(code.rawValue) }
}

/// Says why the input was rejected, on standard error; throw the result to exit 2.
func rejection(_ reason: String) -> ArgumentParser.ExitCode {
    printDiagnostic("rejected: \(reason)")
    return ArgumentParser.ExitCode(WalrasAudit.ExitCode.rejected.rawValue)
}

/// Says why the command could not decide, on standard error; throw the result to exit 3.
func undecided(_ reason: String) -> ArgumentParser.ExitCode {
    printDiagnostic("undecided: \(reason)")
    return ArgumentParser.ExitCode(WalrasAudit.ExitCode.undecided.rawValue)
}
