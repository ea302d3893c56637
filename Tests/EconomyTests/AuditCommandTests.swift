import Testing
import Foundation
import ExactJSON

@Suite("walras audit, end to end")
struct AuditCommandTests {
    @Test func defaultAuditPrintsAReportAndSaysWhatItDidNotTry() throws {
        // Its routing technology is polyhedral, so the dynamics jump: not a contraction (exit 1).
        let (status, out) = try runWalras(["audit"])
        #expect(status == 1, "\(out)")
        #expect(out.contains("status: NOT A CONTRACTION"))
        #expect(out.contains("walras_law"))
        #expect(out.contains("status: holds"))
        // 54 commodities exceed the default search size, but one orchestrator makes the
        // planner route exact: both welfare theorems hold, and the planner's optimum is attained.
        #expect(out.contains("the simplicial search was not run: 54 commodities exceed --search-max-goods 24"))
        #expect(out.contains("status: found, certificate: exact"))
        #expect(out.contains("the single orchestrator 'ops': the planner's optimal welfare is (3360/353)^(2)·(1680/353)^(1)"))
        #expect(out.contains("— the optimum, attained exactly"))
        // Two orchestrators: the Pareto optimum that needs no transfer (Negishi), exact and checked.
        let (_, two) = try runWalras(["audit", "examples/agents-two-orchestrators.json"])
        #expect(two.contains("found as the Pareto optimum at which no transfer is needed"))
        #expect(two.contains("task flow on planner>coder>reviewer: product 1890/353, research 840/353"))
    }

    @Test func equilibriumVerdictIsInTheJSONReportAndRecomputable() throws {
        let (status, out) = try runWalras(["audit", "examples/production.json", "--json"])
        #expect(status == 1, "only the contraction verdict fails: \(out)")
        let eq = try JSONReader().parse(out)["verdicts"]?["equilibrium"]
        #expect(eq?["status"] == .string("found"))
        #expect(eq?["certificate"] == .string("exact"))
        #expect(eq?["exact_certificate"]?["format"] == .string("walras-certificate/2"))
        #expect(eq?["prices"] == .array([.string("1/2"), .string("1/4"), .string("1/4")]))
        #expect(eq?["max_excess"] == .string("0"))
        #expect(eq?["levels"]?["farm"] == .array([.string("14/3")]))
        #expect(eq?["allocation"]?["worker"] == .array([.string("0"), .string("5"), .string("15")]))
    }

    @Test(arguments: [
        // smooth-production, irrational, leontief-irrational: irrational equilibria, proved by enclosures (exit 0).
        // scarf-1960, production and kehoe (three equilibria): the tâtonnement is not a contraction (an exact pair; exit 1).
        ("scarf-1960.json", Int32(1)), ("production.json", 1), ("smooth-production.json", 0), ("irrational.json", 0),
        ("leontief-irrational.json", 0), ("kehoe.json", 1),
        ("smooth-contraction.json", 0),
        ("non-convex.json", 1),
        ("satiated.json", 1), ("thick-indifference.json", 1), ("profit-leakage.json", 1),
    ])
    func examplesGiveTheirExpectedExitCodes(_ file: String, _ expected: Int32) throws {
        let (status, out) = try runWalras(["audit", "examples/\(file)", "--json"])
        #expect(status == expected, "\(file): \(out)")
        // The report's shape (docs/report-format.md): five verdicts, each with a known status.
        let report = try JSONReader().parse(out)
        #expect(report["format"] == .string("walras-report/1"))
        #expect(report["exit_code"] == .number(String(expected)))
        let known: [String: Set<String>] = [
            "walras_law": ["holds", "counterexample", "not-applicable", "undecided"],
            "equilibrium": ["found", "none-exists", "approximate", "undecided"],
            "first_welfare": ["holds", "counterexample", "not-applicable", "undecided"],
            "second_welfare": ["holds", "counterexample", "undecided"],
            "contraction": ["contraction", "not-a-contraction", "undecided"],
        ]
        for (name, statuses) in known {
            guard case .string(let s)? = report["verdicts"]?[name]?["status"] else {
                Issue.record("\(file): verdicts.\(name).status missing")
                continue
            }
            #expect(statuses.contains(s), "\(file): verdicts.\(name).status = \(s)")
        }
    }

    @Test func satiatedExampleReportsAnExactWitness() throws {
        let (status, out) = try runWalras(["audit", "examples/satiated.json", "--json"])
        #expect(status == 1)
        let report = try JSONReader().parse(out)
        let law = report["verdicts"]?["walras_law"]
        #expect(law?["status"] == .string("counterexample"))
        #expect(law?["witness"]?["prices"] == .array([.string("1/2"), .string("1/2")]))
        #expect(law?["witness"]?["value"] == .string("-1/2"))
        guard case .array(let failed)? = law?["witness"]?["failed_hypotheses"] else {
            Issue.record("no failed hypotheses in \(out)")
            return
        }
        #expect(failed.first?["id"] == .string("local_non_satiation"))
        #expect(failed.first?["agent"] == .string("consumer 'ascetic'"))
    }

    @Test func rejectedInputExitsTwoWithTheSameMessageInJSON() throws {
        let path = try temporaryFile("""
        { "format": "walras-economy/1", "commodities": ["a"],
          "consumers": [ { "name": "c", "endowment": ["1/0"], "utility": { "kind": "linear", "weights": [1] } } ] }
        """)
        let (status, text) = try runWalras(["audit", path])
        #expect(status == 2)
        #expect(text.contains("consumers[0].endowment[0]"), "\(text)")
        #expect(text.contains("non-zero denominator"), "\(text)")
        let (jsonStatus, json) = try runWalras(["audit", path, "--json"])
        #expect(jsonStatus == 2)
        let report = try JSONReader().parse(json)
        #expect(report["status"] == .string("rejected"))
        #expect(report["path"] == .string("consumers[0].endowment[0]"))
        #expect(report["file"] == .string(path))
    }

    @Test func missingFileAndBadArgumentsExitTwo() throws {
        #expect(try runWalras(["audit", "no/such/file.json"]).status == 2)
        #expect(try runWalras(["audit", "--samples", "-3"]).status == 2)
        #expect(try runWalras(["audit", "--seed", "banana"]).status == 2)
    }

    @Test func seedsMayBeHex() throws {
        let (status, out) = try runWalras(["audit", "examples/smooth-contraction.json", "--seed", "0x2A"])
        #expect(status == 0)
        #expect(out.contains("seed 42"))
    }
}

@Suite("walras check-certificate, end to end")
struct CheckCertificateCommandTests {
    @Test func certificatesFromAuditsCheckAndTamperedOnesDoNot() throws {
        let dir = scratch("walras-cert")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cert = dir.appendingPathComponent("cert.json").path
        let (status, out) = try runWalras(["audit", "examples/production.json", "--certificate-out", cert])
        #expect(status == 1, "only the contraction verdict fails: \(out)")
        #expect(out.contains("certificate: exact"))
        #expect(try runWalras(["check-certificate", cert]).status == 0)
        let text = try String(contentsOfFile: cert, encoding: .utf8)
        let tampered = text.replacingOccurrences(of: "\"14/3\"", with: "\"5\"")
        #expect(tampered != text)
        let bad = dir.appendingPathComponent("bad.json").path
        try tampered.write(toFile: bad, atomically: true, encoding: .utf8)
        let (badStatus, badOut) = try runWalras(["check-certificate", bad])
        #expect(badStatus == 1 && badOut.hasPrefix("invalid:"), "\(badOut)")
        let report = dir.appendingPathComponent("report.json").path
        let (_, json) = try runWalras(["audit", "examples/scarf-1960.json", "--json"])
        try json.write(toFile: report, atomically: true, encoding: .utf8)
        #expect(try runWalras(["check-certificate", report]).status == 0)
        let garbage = dir.appendingPathComponent("garbage.json").path
        try "{ \"format\": \"walras-certificate/1\" }".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect(try runWalras(["check-certificate", garbage]).status == 2)
    }
}

@Suite("walras sweep, reproduce and merge, end to end")
struct HarnessCommandTests {
    @Test func reproduceEmitsTheSameBytesAndAShrunkEconomyTheAuditReproduces() throws {
        let dir = scratch("walras-repro")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        let shrunk = dir.appendingPathComponent("shrunk.json").path
        _ = try runWalras(["reproduce", "0x3", "--regime", "satiation", "--emit", a, "--emit-shrunk", shrunk])
        _ = try runWalras(["reproduce", "3", "--regime", "satiation", "--emit", b])
        #expect(try String(contentsOfFile: a, encoding: .utf8) == String(contentsOfFile: b, encoding: .utf8))
        // The shrunk economy still breaks Walras' law, and the audit says so.
        let (status, out) = try runWalras(["audit", shrunk])
        #expect(status == 1, "\(out)")
        #expect(out.contains("local_non_satiation"))
    }

    @Test func aShardedSweepMergesAndResumes() throws {
        let dir = scratch("walras-sweep")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let one = dir.appendingPathComponent("r1.jsonl").path, two = dir.appendingPathComponent("r2.jsonl").path
        let args = ["sweep", "--property", "walras_law", "--regime", "all-hold", "--count", "10", "--jobs", "1"]
        #expect(try runWalras(args + ["--shard", "1/2", "--out", one]).status == 0)
        #expect(try runWalras(args + ["--shard", "2/2", "--out", two]).status == 0)
        let lines = try String(contentsOfFile: one, encoding: .utf8).split(separator: "\n").count
        #expect(lines == 5)
        // Resuming adds nothing new.
        _ = try runWalras(args + ["--shard", "1/2", "--out", one])
        #expect(try String(contentsOfFile: one, encoding: .utf8).split(separator: "\n").count == lines)
        let (status, merged) = try runWalras(["merge", one, two])
        #expect(status == 0)
        #expect(merged.contains("| walras_law | all-hold | 10 | 10 | 0 | 0 | 0 |"), "\(merged)")
        #expect(try runWalras(["sweep", "--shard", "3/2"]).status == 2)
    }
}
