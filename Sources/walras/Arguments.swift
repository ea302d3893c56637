// A conformance of a public type to a public protocol is public, so these
// three imports are too; the executable exports nothing else.
public import ArgumentParser
public import ExactArithmetic
public import Harness

// Argument types: each value is parsed once, by ArgumentParser, and a value
// it refuses is reported with its standard error ("The value 'x' is invalid
// for '--seed <seed>'") and exit 2.

/// A 64-bit seed, written in decimal (`42`) or in hexadecimal after `0x` (`0x2A`).
struct Seed: ExpressibleByArgument, Hashable, Sendable {
    let value: UInt64

    init(_ value: UInt64) { self.value = value }

    /// Nil for anything `UInt64(_:radix:)` refuses, in base 10 or, after
    /// `0x`/`0X`, base 16: a minus sign, an overflow, other text.
    init?(argument: String) {
        let parsed = argument.hasPrefix("0x") || argument.hasPrefix("0X")
            ? UInt64(argument.dropFirst(2), radix: 16) : UInt64(argument)
        guard let parsed else { return nil }
        value = parsed
    }

    var defaultValueDescription: String { String(value) }
}

/// Any exact rational, read by `Rational(parsing:)`, never through `Double`:
/// `7`, `-3/7`, `0.015625`, `1e-3`. Nil for whatever that parser refuses.
extension Rational: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? Rational(parsing: argument) else { return nil }
        self = value
    }
}

/// The orchestrator's tâtonnement step `η`: an exact rational in `(0, 64]`.
struct Step: ExpressibleByArgument, Hashable, Sendable {
    /// The largest step accepted.
    static let maximum: Rational = 64

    let value: Rational

    /// Nil for a malformed number, a step that is not positive, or one above `maximum`.
    init?(argument: String) {
        guard let value = Rational(argument: argument), value.signum() > 0, value <= Step.maximum else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { value.description }
}

/// An enclosure's widest interval: `2^-k` (written `2^-60`) or an exact
/// number, in `(0, 1]`.
struct EnclosureWidth: ExpressibleByArgument, Hashable, Sendable {
    let value: Rational

    init(_ value: Rational) { self.value = value }

    /// Nil for a malformed number or one outside `(0, 1]`.
    init?(argument: String) {
        if argument.hasPrefix("2^-"), let k = Int(argument.dropFirst(3)), (1...4096).contains(k) {
            value = Rational(.one, BigInt(2).power(k))
            return
        }
        guard let value = Rational(argument: argument), value.signum() > 0, value <= 1 else { return nil }
        self.value = value
    }

    var defaultValueDescription: String {
        var k = 0, x = value
        while x < 1 { x *= 2; k += 1 }
        return x == 1 ? "2^-\(k)" : value.description
    }
}

/// `i/n`, with `1 <= i <= n`: the sweep's shard `i` of `n` (`Shard.init?(_:)` reads it).
extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    public var defaultValueDescription: String { "\(index)/\(count)" }
}

/// A regime by its name (`all-hold`, `non-convex`, …); `--help` and the
/// error for an unknown name list every regime.
extension Regime: ExpressibleByArgument {}

/// A study design by its name (`tiny`, `laptop`, `large`).
extension StudyDesign.Size: ExpressibleByArgument {}

/// `name=S`: seconds for one stage of the audit (`--stage-seconds`); the
/// name must be one of `TheoremChecks.stageNames`, checked in `validate()`.
struct StageSeconds: ExpressibleByArgument, Hashable, Sendable {
    let stage: String
    let seconds: Double

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let s = Double(parts[1]), s.isFinite, s >= 0 else { return nil }
        stage = parts[0]
        seconds = s
    }
}

/// `K1,K2,…` for `--refine`: bin counts from 1 to 512, strictly increasing, at least two
/// (that each divides the next and the file's bins is checked against the file).
struct BinList: ExpressibleByArgument, Sendable {
    let bins: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count >= 2, parts.allSatisfy({ $0.map { (1...512).contains($0) } ?? false }) else { return nil }
        let bins = parts.map { $0! }
        guard zip(bins, bins.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.bins = bins
    }
}
