import Testing
import Foundation
import ExactJSON

/// Reports, tables and JSON go to standard output; "rejected: …",
/// "undecided: …" and argument errors go to standard error.
@Suite("walras diagnostics on standard error")
struct StandardErrorTests {
    @Test(arguments: [
        ["audit", "--seed", "banana"], ["audit", "--step", "0"], ["sweep", "--shard", "3/2"],
        ["sweep", "--regime", "all_hold"], ["reproduce", "-1"], ["plot", "sperner", "x.json", "--out", "x.svg", "--mesh", "1"],
        ["audit", "--no-such-option"], ["no-such-command"],
    ])
    func argumentErrorsExitTwoOnStandardError(_ arguments: [String]) throws {
        let run = try runWalrasSeparately(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty, "\(arguments): \(run.stdout)")
        #expect(run.stderr.hasPrefix("Error: "), "\(arguments): \(run.stderr)")
    }

    @Test(arguments: [
        ["audit", "no/such/file.json"], ["export", "no/such/file.json"], ["check-certificate", "no/such/file.json"],
        ["plot", "sperner", "no/such/file.json", "--out", "x.svg"], ["plot", "convergence", "no/such/file.json", "--out", "x.svg"],
        ["sweep", "--properties", "no/such/dir"], ["reproduce", "1", "--property", "no_such_property"],
    ])
    func rejectedInputIsReportedOnStandardError(_ arguments: [String]) throws {
        let run = try runWalrasSeparately(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.hasPrefix("rejected: "), "\(arguments): \(run.stderr)")
        #expect(!run.stdout.contains("rejected"), "\(arguments): \(run.stdout)")
    }

    @Test func aJSONRejectionIsAReportOnStandardOutput() throws {
        let run = try runWalrasSeparately(["audit", "no/such/file.json", "--json"])
        #expect(run.status == 2)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(try JSONReader().parse(run.stdout)["status"] == .string("rejected"))
    }

    @Test func helpGoesToStandardOutput() throws {
        let run = try runWalrasSeparately(["audit", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: Check an economy file"))
        #expect(run.stderr.isEmpty)
    }

    @Test func aReportGoesToStandardOutputWhateverItsVerdict() throws {
        let run = try runWalrasSeparately(["audit", "examples/scarf-1960.json"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("walras_law"))
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }
}
