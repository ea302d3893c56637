import ArgumentParser
import EconomyFormat
import Foundation
import Harness
import WalrasAudit

struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the economy of a seed, rerun the checks, and shrink a failure.",
        discussion: "The same SEED and regime always give the same economy, byte for byte.")

    @Argument(help: "The economy's seed (decimal or 0x hex).")
    var seed: Seed

    @OptionGroup var harness: HarnessOptions

    @Option(help: "The regime (all-hold: every hypothesis holds).")
    var regime: Regime = .allHold

    @Option(help: "Write the (original) economy file here.")
    var emit: String?

    @Option(help: "Write the shrunk counterexample, when there is one, here (walras audit reproduces it).")
    var emitShrunk: String?

    func run() throws {
        let s = seed.value, r = regime
        let specs = try harness.specs()  // a bad --property is rejected before anything is printed
        let economy = EconomyGenerator.economy(seed: s, regime: r)
        // Agent economies are written in their own format.
        let text = (r.isAgentSystem ? AgentEconomyFormat.encode(EconomyGenerator.agentEconomy(seed: s, regime: r))
                                 : EconomyFormat.encode(economy)).rendered() + "\n"
        if let emit {
            do { try text.write(toFile: emit, atomically: true, encoding: .utf8) } catch {
                throw rejection("\(emit): expected a writable file")
            }
        }
        print("economy of seed \(s), regime \(r.rawValue) (size \(EconomyGenerator.size(forSeed: s))):")
        print(text)
        var failed = false
        // A property named with --property runs in any regime (the study prints such commands); otherwise
        // every property whose spec lists the regime.
        for spec in specs where spec.expectation(in: r) != nil || harness.property != nil {
            let record = checkOne(spec, regime: r, seed: s)
            print("\(spec.name): \(record.status.rawValue) — \(record.detail)")
            guard record.status == .counterexample || record.status == .hypothesisViolated else { continue }
            failed = failed || record.status == .counterexample
            let shrunkText: String
            let steps: Int
            if r.isAgentSystem {
                let result = shrunkAgentCounterexample(spec, seed: s, regime: r)
                (shrunkText, steps) = (AgentEconomyFormat.encode(result.shrunk).rendered() + "\n", result.steps)
            } else {
                let result = shrunkCounterexample(spec, regime: r, seed: s)
                (shrunkText, steps) = (EconomyFormat.encode(result.shrunk).rendered() + "\n", result.steps)
            }
            print("shrunk in \(steps) steps (still failing \(spec.name), still in regime \(r.rawValue)):")
            print(shrunkText, terminator: "")
            if let emitShrunk {
                do { try shrunkText.write(toFile: emitShrunk, atomically: true, encoding: .utf8) } catch {
                    throw rejection("\(emitShrunk): expected a writable file")
                }
                print("written to \(emitShrunk): walras audit \(emitShrunk)")
            }
        }
        if failed { try finish(.counterexample) }
    }
}
