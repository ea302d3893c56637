import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import AgentEconomy
import EconomyFormat
import EquilibriumCertificates
import NonExistenceCertificates
import EnclosureCertificates

/// The readers under fuzzing: each takes arbitrary bytes and must either
/// accept them or reject them with an `InputError`, never trap, and what it
/// accepts must survive a round trip. libFuzzer drives them
/// (`fuzz/run.sh`), and `swift test` replays the corpus in `fuzz/corpus`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The strict JSON reader, and its writer on what it read.
    case json
    /// `walras-economy/1`: decode, encode, decode again to the same economy.
    case economy
    /// `walras-agent-economy/1`: decode, compile, encode the compiled economy, decode it back.
    case agents
    /// `walras-certificate/2`: decode, then run the checker the claim calls for.
    case certificate

    /// Runs one input. Traps (a failed `precondition`) exactly on a bug.
    public func run(_ bytes: [UInt8]) {
        let file = "fuzz-input"
        switch self {
        case .json:
            guard let value = try? JSONReader().parse(bytes) else { return }
            let again = try? JSONReader().parse(value.rendered())
            precondition(again == value, "the JSON writer's output does not read back to the same value")
        case .economy:
            guard let json = try? InputFile.parseJSON(bytes, file: file),
                  let e = try? EconomyFormat.decode(json, file: file) else { return }
            roundTrip(e)
        case .agents:
            guard let json = try? InputFile.parseJSON(bytes, file: file),
                  let a = try? AgentEconomyFormat.decode(json, file: file) else { return }
            // Keep compiled sizes modest: the fuzzer is after crashes, not big economies.
            guard a.agents.count <= 16 else { return }
            roundTrip(a.compiled().economy)
        case .certificate:
            guard let json = try? InputFile.parseJSON(bytes, file: file),
                  let document = try? CertificateFormat.decode(json, file: file) else { return }
            guard document.economy.commodityCount <= 16, document.economy.consumers.count <= 16,
                  document.economy.firms.count <= 16 else { return }
            switch document.evidence {
            case .equilibrium(let c, _):
                if case .success(let checked) = EquilibriumChecker.check(c, for: document.economy) {
                    precondition(checked.excessDemand.allSatisfy { $0.signum() <= 0 }, "accepted with excess demand")
                }
            case .nonExistence(let c):
                _ = NonExistenceChecker.check(c, for: document.economy)
            case .enclosure(let c):
                guard c.box.count <= 16 else { return }
                if case .success(let checked) = EnclosureChecker.check(c, for: document.economy) {
                    precondition(zip(checked.krawczyk, c.box).allSatisfy { $0.lo > $1.lo && $0.hi < $1.hi },
                                 "accepted with Krawczyk's operator outside the box")
                }
            }
        }
    }

    func roundTrip(_ e: Economy) {
        let text = EconomyFormat.encode(e).rendered()
        guard let json = try? InputFile.parseJSON(Array(text.utf8), file: "round-trip"),
              let back = try? EconomyFormat.decode(json, file: "round-trip") else {
            preconditionFailure("an economy that was read cannot be read back from its encoding")
        }
        precondition(back == e, "the economy changed in a round trip through its encoding")
    }
}
