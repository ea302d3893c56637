import Testing
import ExactArithmetic
import SeededRandom
import _TestSupport

@Suite("Exact parsing of number literals")
struct ParsingTests {
    @Test(arguments: [
        ("7", "7"), ("-3/7", "-3/7"), ("6/4", "3/2"), ("0.52", "13/25"), ("1e-3", "1/1000"),
        ("-2.5E+4", "-25000"), ("0.1", "1/10"), (".5", "1/2"), ("5.", "5"), ("+4", "4"), ("-0", "0"),
        ("0/5", "0"), ("00012", "12"), ("1.250e2", "125"), ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("-9223372036854775808", "-9223372036854775808"), ("3/-0", "malformed"),
    ])
    func parsingReadsDigitsExactly(_ literal: String, _ expected: String) {
        if expected == "malformed" {
            #expect(throws: NumberLiteralError.self) { try Rational(parsing: literal) }
        } else {
            #expect((try? Rational(parsing: literal))?.description == expected, "\(literal)")
        }
    }

    @Test func parsingRejectsZeroDenominator() {
        #expect(throws: NumberLiteralError.zeroDenominator(literal: "3/0")) { try Rational(parsing: "3/0") }
        #expect(throws: NumberLiteralError.zeroDenominator(literal: "3/000")) { try Rational(parsing: "3/000") }
    }

    @Test(arguments: ["", "abc", "1/", "/2", "1//2", "1.2.3", "e5", "1e", "1e+", "--1", "1 ", " 1", "0x10", "1/2.5", "1/+2", "NaN", "inf", "1,5", "٣"])
    func parsingRejectsMalformedLiterals(_ literal: String) {
        #expect(throws: NumberLiteralError.self, "\(literal)") { try Rational(parsing: literal) }
    }

    @Test func parsingRefusesAbsurdExponentsByTheStatedLimit() {
        #expect(throws: NumberLiteralError.exponentOutOfRange(literal: "1e999999999", limit: Rational.maximumDecimalExponent)) {
            try Rational(parsing: "1e999999999")
        }
        #expect(throws: NumberLiteralError.self) { try Rational(parsing: "1e-99999999999999999999999999") }
        let atLimit = try? Rational(parsing: "1e\(Rational.maximumDecimalExponent)")
        #expect(atLimit?.numerator.description.count == Rational.maximumDecimalExponent + 1)
        let tooLong = String(repeating: "1", count: Rational.maximumLiteralLength + 1)
        #expect(throws: NumberLiteralError.tooLong(length: tooLong.count, limit: Rational.maximumLiteralLength)) {
            try Rational(parsing: tooLong)
        }
    }

    @Test func errorMessagesSayWhatWasExpectedAndFound() {
        do {
            _ = try Rational(parsing: "1/0")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "expected a non-zero denominator, found \"1/0\"")
        }
    }

    @Test func printThenParseRoundTrips() {
        var rng = SplitMix64(seed: 0x5EED_0003)
        for i in 0..<scaledIterations(2000) {
            let x = rng.cornerRational()
            #expect((try? Rational(parsing: x.description)) == x, "iteration \(i): \(x)")
            let n = rng.cornerBigInt()
            #expect(BigInt(n.description) == n, "iteration \(i): \(n)")
        }
    }
}
