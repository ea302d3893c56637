import Testing
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import ExactJSON
import EconomyModel
import EconomyFormat
import WalrasAudit

/// A valid base document; each bad-input case changes one thing.
let validEconomy = """
{ "format": "walras-economy/1", "name": "example",
  "commodities": ["g1", "g2", "g3"],
  "consumers": [ { "name": "c1", "endowment": [1, 0, "1/2"],
                   "utility": { "kind": "cobb-douglas", "exponents": ["0.5", "1/4", "1/4"] },
                   "shares": { "f1": 1 } },
                 { "name": "c2", "endowment": [0, 2, 0],
                   "utility": { "kind": "leontief", "coefficients": [1, 1, 0] } } ],
  "firms": [ { "name": "f1",
               "technology": { "kind": "activities", "activities": [[-1, 2, 0]], "bound": 10 } } ] }
"""

func decode(_ text: String) throws(InputError) -> Economy {
    try EconomyFormat.decode(InputFile.parseJSON(Array(text.utf8), file: "test.json"), file: "test.json")
}

func rejection(_ text: String) -> InputError? {
    do {
        _ = try decode(text)
        return nil
    } catch {
        return error
    }
}

@Suite("The walras-economy/1 file format")
struct EconomyFormatTests {
    @Test func theIssueExampleDecodesExactly() throws {
        let e = try decode(validEconomy)
        #expect(e.commodities == ["g1", "g2", "g3"])
        #expect(e.consumers[0].endowment == [1, 0, Rational(1, 2)])
        #expect(e.consumers[0].utility == .cobbDouglas(exponents: [Rational(1, 2), Rational(1, 4), Rational(1, 4)]))
        #expect(e.consumers[0].shares == [1])
        #expect(e.consumers[1].shares == [0], "a consumer with no shares owns nothing")
        #expect(e.firms[0].technology == .activities([[-1, 2, 0]], bound: 10))
    }

    @Test func decimalLiteralsMeanExactlyTheirDigits() throws {
        let e = try decode(validEconomy.replacingOccurrences(of: "[1, 0, \"1/2\"]", with: "[0.1, 1e-3, 2.5E+1]"))
        #expect(e.consumers[0].endowment == [Rational(1, 10), Rational(1, 1000), 25])
    }

    @Test func encodeThenDecodeRoundTrips() throws {
        for name in ["scarf-1960.json", "production.json", "satiated.json", "thick-indifference.json",
                     "smooth-production.json", "profit-leakage.json"] {
            let e = try EconomyFormat.load(path: example(name))
            let again = try EconomyFormat.decode(EconomyFormat.encode(e), file: name)
            #expect(again == e, "\(name)")
            let reparsed = try JSONReader().parse(EconomyFormat.encode(e).rendered())
            #expect(reparsed == EconomyFormat.encode(e), "\(name): rendered JSON reads back identically")
        }
    }

    /// Each bad input: the change, and the path and words the message must contain.
    @Test(arguments: [
        ("malformed JSON", "{ \"format\": ", "", "valid JSON"),
        ("trailing garbage", validEconomy + "x", "", "the end of the text"),
        ("unknown format", "\"walras-economy/1\"|\"walras-economy/9\"", "format", "\"walras-economy/1\""),
        ("unknown utility kind", "\"kind\": \"cobb-douglas\"|\"kind\": \"cobb-dooglas\"", "consumers[0].utility.kind", "a utility kind"),
        ("unknown technology kind", "\"kind\": \"activities\"|\"kind\": \"factories\"", "firms[0].technology.kind", "a technology kind"),
        ("vector of the wrong length", "[1, 0, \"1/2\"]|[1, 0]", "consumers[0].endowment", "an array of 3 numbers"),
        ("negative endowment", "[0, 2, 0]|[0, -2, 0]", "consumers[1].endowment[1]", "a non-negative amount"),
        ("shares not summing to 1", "{ \"f1\": 1 }|{ \"f1\": \"3/4\" }", "firms[0]", "summing to 1"),
        ("share in an unknown firm", "{ \"f1\": 1 }|{ \"f9\": 1 }", "consumers[0].shares.f9", "unknown firm \"f9\""),
        ("duplicate consumer names", "\"name\": \"c2\"|\"name\": \"c1\"", "consumers[1].name", "not used before"),
        ("duplicate commodity names", "[\"g1\", \"g2\", \"g3\"]|[\"g1\", \"g2\", \"g1\"]", "commodities[2]", "not used before"),
        ("duplicate JSON member", "\"name\": \"example\",|\"name\": \"example\", \"name\": \"again\",", "", "repeated"),
        ("zero denominator", "\"1/4\", \"1/4\"|\"1/0\", \"1/4\"", "consumers[0].utility.exponents[1]", "non-zero denominator"),
        ("all-zero exponents", "[\"0.5\", \"1/4\", \"1/4\"]|[0, \"0/3\", 0.0]", "consumers[0].utility.exponents", "at least one positive"),
        ("empty commodity list", "[\"g1\", \"g2\", \"g3\"]|[]", "commodities", "at least one commodity"),
        ("absurd exponent", "\"bound\": 10|\"bound\": 1e999999999", "firms[0].technology.bound", "exponent between -4096 and 4096"),
        ("absurd exponent in a string", "\"bound\": 10|\"bound\": \"1e-999999999\"", "firms[0].technology.bound", "exponent"),
        ("unknown member", "\"shares\"|\"sharez\"", "consumers[0].sharez", "unknown member"),
        ("number as boolean", "\"bound\": 10|\"bound\": true", "firms[0].technology.bound", "a number"),
        ("non-positive bound", "\"bound\": 10|\"bound\": 0", "firms[0].technology.bound", "a positive bound"),
        ("missing endowment", "\"endowment\": [0, 2, 0],|", "consumers[1].endowment", "a member \"endowment\""),
    ])
    func parsingRejectsBadInputWithPathExpectedAndFound(_ label: String, _ change: String, _ path: String, _ words: String) {
        let text: String
        if change.contains("|") {
            let parts = change.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            #expect(validEconomy.contains(parts[0]), "test setup: \(label)")
            text = validEconomy.replacingOccurrences(of: parts[0], with: parts[1])
        } else {
            text = change
        }
        guard let error = rejection(text) else {
            Issue.record("\(label): accepted")
            return
        }
        #expect(error.file == "test.json", "\(label)")
        #expect(error.path == path, "\(label): \(error)")
        #expect(error.description.contains(words), "\(label): \(error)")
        #expect(error.description.contains("found"), "\(label): \(error)")
    }

    @Test func allowIncompleteSharesIsAnExplicitOptIn() throws {
        let leaky = validEconomy.replacingOccurrences(of: "{ \"f1\": 1 }", with: "{ \"f1\": \"3/4\" }")
            .replacingOccurrences(of: "\"name\": \"example\",", with: "\"name\": \"example\", \"allow_incomplete_shares\": true,")
        let e = try decode(leaky)
        #expect(e.shareTotal(ofFirm: 0) == Rational(3, 4))
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONReader().parse(deep) }
    }

    @Test func aHundredMegabyteFileIsRefusedByItsSize() throws {
        let path = try temporaryFile("")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 100_000_000)  // sparse: costs no disk
        try handle.close()
        #expect(throws: InputError.self) { try EconomyFormat.load(path: path) }
        do {
            _ = try EconomyFormat.load(path: path)
        } catch {
            #expect(error.description.contains("at most 16777216 bytes"), "\(error)")
            #expect(error.description.contains("100000000 bytes"), "\(error)")
        }
    }

    @Test func theBundledDefaultIsTheReviewPipelineExample() throws {
        // The embedded copy and the example file must not drift apart.
        let (fromFile, code) = Auditor.run(path: example("agents-review-pipeline.json"), json: true)
        let (bundled, bundledCode) = Auditor.run(path: nil, json: true)
        #expect(code == .counterexample && bundledCode == .counterexample, "not a contraction: polyhedral routing")
        // Everything but the file name and the seconds taken (which vary from run to run).
        let strip = { (s: String) in
            s.split(separator: "\n").filter { line in ["\"file\"", "\"seconds\"", "\"allowed\""].allSatisfy { !line.contains($0) } }
                .joined(separator: "\n")
        }
        #expect(strip(fromFile) == strip(bundled))
        #expect(bundled.contains("\"economy\": \"review-pipeline\""))
    }
}
