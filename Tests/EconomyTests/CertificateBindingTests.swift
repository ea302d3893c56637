import Testing
import Foundation
import ExactArithmetic
import ExactJSON
import EconomyModel
import EconomyFormat
import TheoremChecks

/// Certificates are bound to their economy, say exactly what they claim,
/// and reject what they do not understand.
@Suite("Certificates bound to their economy")
struct CertificateBindingTests {
    /// The exact certificate of an example, as JSON.
    func certificate(of file: String) throws -> JSONValue {
        let out = try temporaryFile("", name: "cert.json")
        let (status, text) = try runWalras(["audit", file, "--certificate-out", out])
        #expect(status != 2, "\(text)")
        return try JSONReader().parse(String(contentsOfFile: out, encoding: .utf8))
    }

    func edited(_ v: JSONValue, _ path: [String], _ change: (JSONValue?) -> JSONValue?) -> JSONValue {
        guard let key = path.first else { return change(v) ?? .null }
        guard case .object(var members) = v else { return v }
        if path.count == 1 {
            let new = change(v[key])
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let new { members[i].value = new } else { members.remove(at: i) }
            } else if let new {
                members.append((key, new))
            }
            return .object(members)
        }
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = edited(members[i].value, Array(path.dropFirst()), change) }
        return .object(members)
    }

    func check(_ json: JSONValue, economy: String? = nil) throws -> (status: Int32, out: String) {
        let path = try temporaryFile(json.rendered(), name: "cert.json")
        let r = try runWalrasSeparately(["check-certificate", path] + (economy.map { ["--economy", $0] } ?? []))
        return (r.status, r.stdout + r.stderr)
    }

    @Test func aCertificateRecordsTheDigestOfItsEconomy() throws {
        let cert = try certificate(of: "examples/production.json")
        #expect(cert["format"] == .string("walras-certificate/2"))
        #expect(cert["claim"] == .string("walrasian-equilibrium"))
        guard case .string(let digest)? = cert["economy_digest"] else { Issue.record("no digest"); return }
        let economy = try EconomyFormat.load(path: example("production.json"))
        #expect(digest == CertificateFormat.digest(economy))
        #expect(digest == "sha256:" + SHA256.hex(EconomyFormat.encode(economy).rendered()))
        let (status, out) = try check(cert, economy: "examples/production.json")
        #expect(status == 0, "\(out)")
        #expect(out.contains("Walrasian equilibrium of \"grain-and-bread\" of examples/production.json"))
    }

    /// Another economy with the same name: rejected, naming the first difference.
    @Test func theEconomyOptionRejectsACertificateOfAnotherEconomy() throws {
        let cert = try certificate(of: "examples/production.json")
        var text = try String(contentsOfFile: example("production.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"endowment\": [10, 0, 0]", with: "\"endowment\": [11, 0, 0]")
        let other = try temporaryFile(text, name: "same-name.json")
        let (status, out) = try check(cert, economy: other)
        #expect(status == 1, "\(out)")
        #expect(out.contains("is about another economy"))
        #expect(out.contains("economy.consumers[0].endowment[0]"), "\(out)")
        #expect(out.contains("10") && out.contains("11"))
    }

    /// Agent files are compiled, then compared.
    @Test func anAgentFileIsCompiledThenCompared() throws {
        let cert = try certificate(of: "examples/agents-two-tenants-small.json")
        guard cert["format"] != nil else { Issue.record("no certificate for the small agent example"); return }
        let (status, out) = try check(cert, economy: "examples/agents-two-tenants-small.json")
        #expect(status == 0, "\(out)")
        let (other, _) = try check(cert, economy: "examples/agents-review-pipeline.json")
        #expect(other == 1)
    }

    @Test func aTamperedDigestOrEconomyIsRejected() throws {
        let cert = try certificate(of: "examples/production.json")
        let badDigest = edited(cert, ["economy_digest"]) { _ in .string("sha256:" + String(repeating: "0", count: 64)) }
        #expect(try check(badDigest).status == 1)
        // Edit the embedded economy without updating the digest.
        let badEconomy = edited(cert, ["economy", "name"]) { _ in .string("grain-and-cake") }
        let (status, out) = try check(badEconomy)
        #expect(status == 1 && out.contains("economy_digest"), "\(out)")
    }

    @Test(arguments: [
        (["allocation", "ghost"], "allocation.ghost"),
        (["production", "phantom"], "production.phantom"),
        (["levels", "phantom"], "levels.phantom"),
        (["consumer_multipliers", "ghost"], "consumer_multipliers.ghost"),
        (["surprise"], "surprise"),
    ])
    func unknownNamesAndMembersAreRejectedWithTheirPath(_ path: [String], _ shown: String) throws {
        let cert = try certificate(of: "examples/production.json")
        let forged = edited(cert, path) { _ in .array([.string("0"), .string("0"), .string("0")]) }
        let (status, out) = try check(forged)
        #expect(status == 2, "\(out)")
        #expect(out.contains(shown) && out.contains("unknown member"), "\(out)")
    }

    @Test func aMeaninglessMultiplierIsRejected() throws {
        let cert = try certificate(of: "examples/production.json")
        for value in ["-1", "1000000"] {
            let forged = edited(cert, ["consumer_multipliers", "worker"]) { _ in .string(value) }
            let (status, out) = try check(forged)
            #expect(status == 1, "\(value): \(out)")
            #expect(out.contains("multiplier"), "\(out)")
        }
    }

    @Test func theClaimIsAWordTheCheckerCompares() throws {
        let cert = try certificate(of: "examples/production.json")
        let free = edited(cert, ["claim"]) { _ in .string("a Walrasian equilibrium, trust me") }
        let (status, out) = try check(free)
        #expect(status == 2 && out.contains("walrasian-equilibrium"), "\(out)")
        // Claiming transfers without listing them, or listing them under the Walrasian claim.
        let missing = edited(cert, ["claim"]) { _ in .string("equilibrium-with-transfers") }
        #expect(try check(missing).status == 2)
        let zeros = JSONValue.object([("worker", .string("0")), ("landlord", .string("0"))])
        let hidden = edited(cert, ["transfers"]) { _ in zeros }
        #expect(try check(hidden).status == 2)
        // Transfers that are all 0 under the transfers claim: proved Walrasian, and said so.
        let trivial = edited(edited(cert, ["claim"]) { _ in .string("equilibrium-with-transfers") }, ["transfers"]) { _ in zeros }
        let (ok, text) = try check(trivial)
        #expect(ok == 0 && text.contains("Walrasian equilibrium") && text.contains("every one is 0"), "\(text)")
        let v1 = edited(cert, ["format"]) { _ in .string("walras-certificate/1") }
        let (old, oldText) = try check(v1)
        #expect(old == 2 && oldText.contains("walras-certificate/2"), "\(oldText)")
    }

    /// A certificate that balances only through transfers is never called Walrasian.
    @Test func aCertificateWithTransfersIsNeverCalledWalrasian() throws {
        let (_, out) = try runWalras(["audit", "examples/agents-two-orchestrators.json", "--json"])
        let report = try JSONReader().parse(out)
        guard case .array(let supported)? = report["verdicts"]?["second_welfare"]?["supported"] else {
            Issue.record("no supported optima")
            return
        }
        var withTransfers = 0
        for optimum in supported {
            guard let cert = optimum["certificate"], cert["claim"] == .string("equilibrium-with-transfers") else { continue }
            withTransfers += 1
            let (status, text) = try check(cert)
            #expect(status == 0, "\(text)")
            #expect(!text.contains("Walrasian equilibrium"), "\(text)")
            #expect(text.contains("equilibrium with lump-sum transfers"))
            // Relabel it Walrasian: the reader refuses the listed transfers.
            let relabelled = edited(cert, ["claim"]) { _ in .string("walrasian-equilibrium") }
            #expect(try check(relabelled).status == 2)
            // Drop the transfers and claim Walrasian: the checker refuses the budgets.
            let dropped = edited(relabelled, ["transfers"]) { _ in nil }
            #expect(try check(dropped).status == 1)
        }
        #expect(withTransfers > 0)
    }

    /// Every `none-exists` in the examples comes with a certificate that
    /// `check-certificate` re-verifies against the example file itself.
    @Test func everyNoneExistsInTheExamplesIsReverified() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: example("")).filter { $0.hasSuffix(".json") }.sorted()
        var proofs: [String] = []
        for name in names {
            let economy: Economy
            switch try EconomyDocument.load(path: example(name)) {
            case .economy(let e): economy = e
            case .agents(let a): economy = a.compiled().economy
            }
            let v = checkEquilibrium(economy, options: .sweep)
            guard v.status == .noneExists else { continue }
            let proof = try #require(v.proof, "\(name): none-exists without a proof")
            proofs.append(name)
            let file = try temporaryFile(CertificateFormat.encode(proof.checked.certificate, economy: economy).rendered(),
                                         name: "none-exists.json")
            let (status, text) = try runWalras(["check-certificate", file, "--economy", "examples/\(name)"])
            #expect(status == 0, "\(name): \(text)")
            #expect(text.contains("has no Walrasian equilibrium"))
        }
        #expect(Set(proofs).isSuperset(of: ["non-convex.json", "reducible-exchange.json", "free-production.json"]), "\(proofs)")
        // And from a report: the certificate inside `walras audit --json` is found and re-verified.
        let (_, out) = try runWalras(["audit", "examples/non-convex.json", "--json"])
        let report = try temporaryFile(out, name: "report.json")
        let (status, text) = try runWalras(["check-certificate", report, "--economy", "examples/non-convex.json"])
        #expect(status == 0 && text.contains("has no Walrasian equilibrium"), "\(text)")
    }

    @Test func aTamperedNonExistenceFileIsRejected() throws {
        let cert = try certificate(of: "examples/non-convex.json")
        #expect(cert["claim"] == .string("none-exists"))
        #expect(try check(cert, economy: "examples/non-convex.json").status == 0)
        guard case .array(let pieces)? = cert["proof"]?["pieces"] else { Issue.record("no pieces"); return }
        let dropped = edited(cert, ["proof", "pieces"]) { _ in .array(Array(pieces.dropLast())) }
        #expect(try check(dropped).status == 1)
        var flipped = pieces
        flipped[1] = edited(flipped[1], ["witness", "sign"]) { v in v == .number("1") ? .number("-1") : .number("1") }
        let (status, out) = try check(edited(cert, ["proof", "pieces"]) { _ in .array(flipped) })
        #expect(status == 1 && out.contains("piece 1"), "\(out)")
        let ghost = edited(flipped[0], ["witness", "consumer"]) { _ in .string("ghost") }
        #expect(try check(edited(cert, ["proof", "pieces"]) { _ in .array([ghost] + pieces.dropFirst()) }).status == 2)
    }
}
