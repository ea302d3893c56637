import ArgumentParser
import WalrasAudit
import Harness
import EconomyFormat
import WalrasPlots
import EquilibriumSearch
import EconomyModel
import ExactArithmetic

/// `walras`: exact verdicts on general-equilibrium theorems for finite economies.
///
/// Exit codes: 0 every verdict holds, 1 a counterexample was found,
/// 2 the input was rejected, 3 no counterexample but something is undecided.
struct Walras: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walras",
        abstract: "Exact verdicts on general-equilibrium theorems for finite economies.",
        discussion: "Exit codes: 0 holds, 1 counterexample, 2 rejected input, 3 undecided.",
        subcommands: [Audit.self, Export.self, CheckCertificate.self, Plot.self, Sweep.self, Reproduce.self, Merge.self])

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

    @Option(help: "The equilibrium search refines the price grid to mesh 1/2^N.")
    var meshBits: Int = 24

    @Option(help: "Time budget of the equilibrium search, in seconds.")
    var searchSeconds: Double = 60

    @Option(help: "Pivot budget of the equilibrium search.")
    var searchPivots: Int = 2_000_000

    @Option(help: "Economies with more commodities are not searched (the verdict says undecided).")
    var searchMaxGoods: Int = 24

    @Option(help: "Write the exact equilibrium certificate, when there is one, to this file.")
    var certificateOut: String?

    @Option(help: "The orchestrator's tâtonnement step η (exact: 1/64, 0.015625). Default: Walras chooses.")
    var step: String?

    @Option(help: "Time budget of the contraction certificate search, in seconds.")
    var contractionSeconds: Double = 30

    func validate() throws {
        if let step { _ = try parseStep(step) }
        guard contractionSeconds >= 0 else { throw ValidationError("--contraction-seconds must not be negative") }
        guard (1...62).contains(meshBits) else {
            throw ValidationError("--mesh-bits must be between 1 and 62, found \(meshBits)")
        }
        guard searchSeconds >= 0, searchPivots >= 0 else {
            throw ValidationError("--search-seconds and --search-pivots must not be negative")
        }
        guard samples >= 0, samples <= 1_000_000 else {
            throw ValidationError("--samples must be between 0 and 1000000, found \(samples)")
        }
        guard parseSeed(seed) != nil else {
            throw ValidationError("--seed must be a decimal or 0x-hex 64-bit integer, found \(seed)")
        }
    }

    func run() throws {
        let options = AuditOptions(samples: samples, seed: parseSeed(seed)!, meshBits: meshBits,
                                   searchTimeLimit: searchSeconds, searchPivots: searchPivots, searchMaxGoods: searchMaxGoods,
                                   step: try step.map { try parseStep($0) }, contractionTimeLimit: contractionSeconds)
        let progress = TerminalProgress()
        let result = Auditor.run(path: file, json: json, options: options, certificateOut: certificateOut) { step, stats in
            progress.report("equilibrium search: mesh 1/\(step.mesh), \(stats.pivots) pivots, "
                            + "\(stats.restarts) restarts, \(Int(stats.seconds)) s")
        }
        progress.finish()
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

/// Progress on standard error, only on a terminal and only once a task has
/// run for a second: pipes and CI logs stay clean.
final class TerminalProgress {
    let start = Date()
    let enabled = isatty(2) != 0
    var shown = false

    func report(_ line: String) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

struct CheckCertificate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-certificate",
        abstract: "Run the equilibrium checker alone on a certificate (or on an audit --json report that holds one).",
        discussion: "Exit 0: the certificate proves an equilibrium. 1: it is rejected, with the reason. 2: the file is rejected.")

    @Argument(help: "A walras-certificate/1 file, or a walras-report/1 JSON report.")
    var file: String

    func run() throws {
        let result = Auditor.checkCertificate(path: file)
        print(result.output, terminator: "")
        if result.exitCode.rawValue != 0 { throw ArgumentParser.ExitCode(result.exitCode.rawValue) }
    }
}

struct HarnessOptions: ParsableArguments {
    @Option(help: "The directory of property specs.")
    var properties: String = "properties"

    @Option(help: "Only this property (default: every spec in the directory).")
    var property: String?

    func specs() throws -> [PropertySpec] {
        let all: [PropertySpec]
        do {
            all = try PropertyCatalog.load(directory: properties)
        } catch {
            print("rejected: \(error)")
            throw ArgumentParser.ExitCode(2)
        }
        guard !all.isEmpty else {
            print("rejected: \(properties): expected a directory of property specs (*.json), found none")
            throw ArgumentParser.ExitCode(2)
        }
        guard let property else { return all }
        guard let spec = all.first(where: { $0.name == property }) else {
            print("rejected: --property: expected one of \(all.map(\.name).joined(separator: ", ")), found \(property)")
            throw ArgumentParser.ExitCode(2)
        }
        return [spec]
    }
}

func parseRegime(_ text: String?) throws -> Regime? {
    guard let text else { return nil }
    guard let r = Regime(rawValue: text) else {
        print("rejected: --regime: expected one of \(Regime.allCases.map(\.rawValue).joined(separator: ", ")), found \(text)")
        throw ArgumentParser.ExitCode(2)
    }
    return r
}

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check many seeded economies, per property and regime; write results as JSON lines.",
        discussion: "Economy k of the sweep has seed SEED + k. Exit 1 if any counterexample (a failure where every hypothesis holds).")

    @OptionGroup var harness: HarnessOptions

    @Option(help: "Only this regime.")
    var regime: String?

    @Option(help: "Economies per property and regime (default: each spec's default_count).")
    var count: Int?

    @Option(help: "The first seed (decimal or 0x hex).")
    var seed: String = "0"

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Run only shard i of n (i from 1 to n), e.g. 2/8: economy k goes to shard k mod n + 1.")
    var shard: String = "1/1"

    @Option(help: "Append results to this JSON-lines file; seeds already in it are skipped (resume).")
    var out: String?

    func validate() throws {
        guard Shard(shard) != nil else { throw ValidationError("--shard must be i/n with 1 <= i <= n, found \(shard)") }
        guard parseSeed(seed) != nil else { throw ValidationError("--seed must be a decimal or 0x-hex 64-bit integer, found \(seed)") }
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256, found \(jobs)") }
        if let count { guard count >= 0, count <= 10_000_000 else { throw ValidationError("--count must be between 0 and 10000000") } }
    }

    func run() throws {
        let plan = SweepPlan(specs: try harness.specs(), regime: try parseRegime(regime), count: count,
                             seed: parseSeed(seed)!, shard: Shard(shard)!, jobs: jobs)
        var existing = Set<String>()
        var previous: [SweepRecord] = []
        if let out {
            previous = readRecords([out]).records
            existing = Set(previous.map(\.key))
        }
        let handle: FileHandle? = out.flatMap { path in
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let h = FileHandle(forWritingAtPath: path)
            _ = try? h?.seekToEnd()
            return h
        }
        if out != nil && handle == nil {
            print("rejected: \(out!): expected a writable file")
            throw ArgumentParser.ExitCode(2)
        }
        let total = plan.tasks.filter { !existing.contains($0.key) }.count
        let progress = SweepProgress(total: total)
        let sink = ResultSink(handle: handle)
        let records = runSweep(plan, existing: existing) { record in
            sink.write(record.jsonLine() + "\n")
            progress.tick()
        }
        progress.finish()
        let all = previous + records
        let summary = SweepSummary(all)
        print(summary.table())
        let failures = all.filter { $0.status == .counterexample }
        for f in failures.prefix(10) {
            print("counterexample: \(f.property) \(f.regime.rawValue) seed \(f.seed): \(f.detail)")
            print("  reproduce: \(reproduceCommand(f))")
        }
        if !failures.isEmpty { throw ArgumentParser.ExitCode(1) }
    }
}

/// Appends lines to the results file as they come: an interrupted sweep
/// keeps every finished record.
final class ResultSink: @unchecked Sendable {
    let handle: FileHandle?
    init(handle: FileHandle?) { self.handle = handle }
    func write(_ line: String) { handle?.write(Data(line.utf8)) }
}

/// A progress bar with rate and ETA on standard error, on a terminal only.
final class SweepProgress: @unchecked Sendable {
    let total: Int
    let start = Date()
    var done = 0
    let enabled = isatty(2) != 0
    let lock = NSLock()

    init(total: Int) { self.total = total }

    func tick() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        guard enabled, done % max(1, total / 200) == 0 || done == total else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = Double(total - done) / max(rate, 1e-9)
        let width = 30, filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data(String(format: "\r\u{1B}[K[%@] %d/%d  %.1f/s  ETA %.0f s", bar, done, total, rate, eta).utf8))
    }

    func finish() { if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
}

struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the economy of a seed, rerun the checks, and shrink a failure.",
        discussion: "The same SEED and regime always give the same economy, byte for byte.")

    @Argument(help: "The economy's seed (decimal or 0x hex).")
    var seed: String

    @OptionGroup var harness: HarnessOptions

    @Option(help: "The regime (default: all-hold, where every hypothesis holds).")
    var regime: String = Regime.allHold.rawValue

    @Option(help: "Write the (original) economy file here.")
    var emit: String?

    @Option(help: "Write the shrunk counterexample, when there is one, here (walras audit reproduces it).")
    var emitShrunk: String?

    func validate() throws {
        guard parseSeed(seed) != nil else { throw ValidationError("SEED must be a decimal or 0x-hex 64-bit integer, found \(seed)") }
    }

    func run() throws {
        let s = parseSeed(seed)!
        let r = try parseRegime(regime)!
        let economy = EconomyGenerator.economy(seed: s, regime: r)
        // Agent economies are written in their own format.
        let text = (r == .agents ? AgentEconomyFormat.encode(EconomyGenerator.agentEconomy(seed: s))
                                 : EconomyFormat.encode(economy)).rendered() + "\n"
        if let emit {
            do { try text.write(toFile: emit, atomically: true, encoding: .utf8) } catch {
                print("rejected: \(emit): expected a writable file")
                throw ArgumentParser.ExitCode(2)
            }
        }
        print("economy of seed \(s), regime \(r.rawValue) (size \(EconomyGenerator.size(forSeed: s))):")
        print(text)
        var failed = false
        for spec in try harness.specs() where spec.expectation(in: r) != nil {
            let record = checkOne(spec, regime: r, seed: s)
            print("\(spec.name): \(record.status.rawValue) — \(record.detail)")
            guard record.status == .counterexample || record.status == .hypothesisViolated else { continue }
            failed = failed || record.status == .counterexample
            let shrunkText: String
            let steps: Int
            if r == .agents {
                let result = shrunkAgentCounterexample(spec, seed: s)
                (shrunkText, steps) = (AgentEconomyFormat.encode(result.shrunk).rendered() + "\n", result.steps)
            } else {
                let result = shrunkCounterexample(spec, regime: r, seed: s)
                (shrunkText, steps) = (EconomyFormat.encode(result.shrunk).rendered() + "\n", result.steps)
            }
            print("shrunk in \(steps) steps (still failing \(spec.name), still in regime \(r.rawValue)):")
            print(shrunkText, terminator: "")
            if let emitShrunk {
                do { try shrunkText.write(toFile: emitShrunk, atomically: true, encoding: .utf8) } catch {
                    print("rejected: \(emitShrunk): expected a writable file")
                    throw ArgumentParser.ExitCode(2)
                }
                print("written to \(emitShrunk): walras audit \(emitShrunk)")
            }
        }
        if failed { throw ArgumentParser.ExitCode(1) }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the results of sharded sweeps into one summary.")

    @Argument(help: "Results files (JSON lines) written by walras sweep --out.")
    var files: [String]

    func run() throws {
        let (records, malformed) = readRecords(files)
        let summary = SweepSummary(records)
        print(summary.table())
        if malformed > 0 { print("\(malformed) malformed line(s) skipped") }
        if summary.counterexamples > 0 { throw ArgumentParser.ExitCode(1) }
    }
}

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw pictures of what Walras computes (SVG).",
        subcommands: [Sperner.self, Convergence.self])

    struct Sperner: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the triangulated price simplex of a three-good economy, its labels, the path and the completely labelled simplex.")

        @Argument(help: "A three-good economy file.")
        var file: String

        @Option(help: "Where to write the SVG picture.")
        var out: String

        @Option(help: "The grid: prices k/D for D = this mesh (2 to 96).")
        var mesh: Int = 16

        func validate() throws {
            guard (2...96).contains(mesh) else { throw ValidationError("--mesh must be between 2 and 96, found \(mesh)") }
        }

        func run() throws {
            let economy: Economy
            do {
                switch try Auditor.load(path: file) {
                case .economy(let e): economy = e
                case .agents(let a): economy = a.compiled().economy
                }
            } catch {
                print("rejected: \(error)")
                throw ArgumentParser.ExitCode(2)
            }
            guard economy.commodityCount == 3 else {
                print("rejected: \(file): expected an economy of three goods for the picture, found \(economy.commodityCount)")
                throw ArgumentParser.ExitCode(2)
            }
            let picture: SpernerPicture
            do {
                picture = try SimplicialSearch(economy: economy).picture(mesh: mesh)
            } catch {
                print("undecided: the path stopped: \(error)")
                throw ArgumentParser.ExitCode(3)
            }
            let svg = spernerSVG(picture, commodities: economy.commodities, title: "Sperner search for \(economy.name)")
            do {
                try svg.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                print("rejected: \(out): expected a writable file, found \(error.localizedDescription)")
                throw ArgumentParser.ExitCode(2)
            }
            print("wrote \(out): mesh 1/\(mesh), \(picture.result.pivots) pivots, completely labelled simplex "
                  + picture.result.vertices.map { "(" + $0.map { "\($0)/\(mesh)" }.joined(separator: ", ") + ")" }.joined(separator: " "))
        }
    }
}

/// An exact positive step `η`, at most 64, from its digits (`1/64`, `0.25`).
func parseStep(_ text: String) throws -> Rational {
    let value: Rational
    do {
        value = try Rational(parsing: text)
    } catch {
        throw ValidationError("--step: expected an exact positive number such as 1/64, found \(text): \(error)")
    }
    guard value.signum() > 0, value <= 64 else {
        throw ValidationError("--step: expected a number in (0, 64], found \(text)")
    }
    return value
}

extension Plot {
    struct Convergence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the tâtonnement's distance to the equilibrium per iteration (log scale) with the Banach bound, or the failing orbit on the simplex.")

        @Argument(help: "An economy file.")
        var file: String

        @Option(help: "Where to write the SVG picture.")
        var out: String

        @Option(help: "The orchestrator's step η (exact). Default: Walras chooses.")
        var step: String?

        func validate() throws {
            if let step { _ = try parseStep(step) }
        }

        func run() throws {
            let options = AuditOptions(step: try step.map { try parseStep($0) })
            let result = Auditor.plotConvergence(path: file, out: out, options: options)
            print(result.output, terminator: "")
            if result.exitCode.rawValue != 0 { throw ArgumentParser.ExitCode(result.exitCode.rawValue) }
        }
    }
}

func parseSeed(_ text: String) -> UInt64? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
}

import Foundation
Walras.main()
