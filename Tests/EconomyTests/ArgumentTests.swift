import Testing
import ArgumentParser
import ExactArithmetic
import Harness
import WalrasAudit
@testable import walras

/// The argument types of `walras`: each value is parsed once, by
/// ArgumentParser, and a refused value is a validation error (exit 2).
@Suite("walras arguments")
struct ArgumentTests {
    /// The message ArgumentParser prints for `arguments`, or nil when they parse.
    func refusal<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) -> String? {
        do {
            _ = try C.parse(arguments)
            return nil
        } catch {
            #expect(C.exitCode(for: error) == .validationFailure, "walras exits with 2 for it")
            return C.message(for: error)
        }
    }

    @Test(arguments: [("0", UInt64(0)), ("42", 42), ("0x10", 16), ("0X2a", 42),
                      ("18446744073709551615", .max), ("0xFFFFFFFFFFFFFFFF", .max)])
    func seedsAreDecimalOrHex(_ text: String, _ value: UInt64) throws {
        #expect(try Audit.parse(["--seed", text]).seed.value == value)
        #expect(try Sweep.parse(["--seed", text]).seed.value == value)
        #expect(try Reproduce.parse([text]).seed.value == value)
    }

    @Test(arguments: ["-1", "banana", "0x", "0xG", "1.5", "18446744073709551616", "0x10000000000000000"])
    func seedParsingRejectsWhatIsNotAUInt64(_ text: String) {
        let message = refusal(Audit.self, ["--seed=\(text)"])
        #expect(message?.contains("The value '\(text)' is invalid for '--seed <seed>'") == true, "\(message ?? "parsed")")
        #expect(refusal(Reproduce.self, [text]) != nil)
    }

    @Test func aNegativeSeedIsNotTakenForAnOption() {
        #expect(refusal(Audit.self, ["--seed", "-1"]) != nil)
    }

    @Test(arguments: [("1/64", "1/64"), ("0.015625", "1/64"), ("1e-3", "1/1000"), ("64", "64"), ("+2.5E-1", "1/4")])
    func stepsAreExactRationals(_ text: String, _ exact: String) throws {
        let expected = try Rational(parsing: exact)
        #expect(try Audit.parse(["--step", text]).step.step?.value == expected)
        #expect(try Plot.Convergence.parse(["x.json", "--out", "x.svg", "--step", text]).step.step?.value == expected)
    }

    @Test(arguments: ["0", "-1/64", "0/5", "64.000001", "65", "1/0", "banana", "1e999999", "0.1.2"])
    func stepParsingRejectsWhatIsNotInZeroToSixtyFour(_ text: String) {
        let message = refusal(Audit.self, ["--step=\(text)"])
        #expect(message?.contains("The value '\(text)' is invalid for '--step <step>'") == true, "\(message ?? "parsed")")
    }

    @Test func anyExactRationalParsesAsAnArgument() {
        #expect(Rational(argument: "-3/7") == Rational(-3, 7))
        #expect(Rational(argument: "0.1") == Rational(1, 10))
        #expect(Rational(argument: "0.1f") == nil)
    }

    @Test(arguments: [("1/1", 1, 1), ("2/8", 2, 8), ("8/8", 8, 8)])
    func shardsAreIOfN(_ text: String, _ index: Int, _ count: Int) throws {
        #expect(try Sweep.parse(["--shard", text]).shard == Shard(index: index, count: count))
    }

    @Test(arguments: ["3/2", "0/2", "1/0", "1", "1/2/3", "a/b", "-1/2"])
    func shardParsingRejectsIndicesOutsideOneToN(_ text: String) {
        let message = refusal(Sweep.self, ["--shard=\(text)"])
        #expect(message?.contains("The value '\(text)' is invalid for '--shard <shard>'") == true, "\(message ?? "parsed")")
    }

    @Test func everyRegimeParsesByItsName() throws {
        for regime in Regime.allCases {
            #expect(try Sweep.parse(["--regime", regime.rawValue]).regime == regime)
            #expect(try Reproduce.parse(["1", "--regime", regime.rawValue]).regime == regime)
        }
        #expect(Regime.allValueStrings == Regime.allCases.map(\.rawValue))
    }

    @Test func anUnknownRegimeIsRejectedWithTheListOfRegimes() {
        let message = refusal(Sweep.self, ["--regime", "all_hold"]) ?? "parsed"
        #expect(message.contains("The value 'all_hold' is invalid for '--regime <regime>'"), "\(message)")
        for regime in Regime.allCases {
            #expect(message.contains("  - \(regime.rawValue)\n") || message.hasSuffix("  - \(regime.rawValue)"), "\(message)")
        }
    }

    @Test func auditDefaultsAreTheLibrarysDefaults() throws {
        let audit = try Audit.parse([]), defaults = AuditOptions.defaults
        #expect(audit.samples == defaults.samples)
        #expect(audit.seed.value == defaults.seed)
        #expect(audit.meshBits == defaults.meshBits)
        #expect(audit.searchSeconds == defaults.searchTimeLimit)
        #expect(audit.searchPivots == defaults.searchPivots)
        #expect(audit.searchMaxGoods == defaults.searchMaxGoods)
        #expect(audit.step.step?.value == defaults.step)
        #expect(audit.contractionSeconds == defaults.contractionTimeLimit)
    }

    @Test func sweepDefaultsAreTheLibrarysDefaults() throws {
        let sweep = try Sweep.parse([]), defaults = SweepPlan(specs: [])
        #expect(sweep.seed.value == defaults.seed)
        #expect(sweep.shard == defaults.shard)
        #expect(sweep.jobs == nil, "the number of cores, chosen at run time")
        #expect(sweep.count == nil, "each spec's default_count")
    }
}
