extension Rational: CustomStringConvertible {
    /// `"n"` for integers, `"n/d"` otherwise: the same form `Rational(parsing:)` reads.
    public var description: String {
        if case .small(let n, let d) = storage {
            return d == 1 ? String(n) : "\(n)/\(d)"
        }
        let d = denominator
        return d == .one ? numerator.description : "\(numerator)/\(d)"
    }
}

/// Why a number literal was refused. Each case says what was expected and
/// what was found; the economy parser adds the file and the JSON path.
public enum NumberLiteralError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case malformed(literal: String, expected: String)
    case zeroDenominator(literal: String)
    case exponentOutOfRange(literal: String, limit: Int)
    case tooLong(length: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty:
            return "expected a number, found an empty string"
        case .malformed(let literal, let expected):
            return "expected \(expected), found \"\(literal)\""
        case .zeroDenominator(let literal):
            return "expected a non-zero denominator, found \"\(literal)\""
        case .exponentOutOfRange(let literal, let limit):
            return "expected a decimal exponent between -\(limit) and \(limit), found \"\(literal)\""
        case .tooLong(let length, let limit):
            return "expected a number literal of at most \(limit) characters, found one of \(length)"
        }
    }
}

extension Rational {
    /// The largest `|e|` accepted in `1e<e>`. It bounds the work a hostile
    /// literal can cause: `10^4096` has 13,607 bits.
    public static let maximumDecimalExponent = 4096

    /// The longest literal accepted, in characters.
    public static let maximumLiteralLength = 4096

    /// Reads a number exactly from its digits, never through `Double`.
    ///
    /// Accepted forms: an integer `"7"`, `"-12"`; a fraction `"-3/7"`
    /// (the denominator is unsigned digits and not zero); a decimal
    /// `"0.52"`, `".5"`, `"5."`, `"1e-3"`, `"-2.5E+4"`. A leading `+` is
    /// accepted. `"0.1"` is exactly `1/10`.
    ///
    /// Throws `NumberLiteralError` for a malformed literal, a zero
    /// denominator, an exponent past `maximumDecimalExponent`, or a literal
    /// longer than `maximumLiteralLength`. It never traps.
    public init<S: StringProtocol>(parsing text: S) throws(NumberLiteralError) {
        let literal = String(text)
        guard !literal.isEmpty else { throw .empty }
        guard literal.utf8.count <= Rational.maximumLiteralLength else {
            throw .tooLong(length: literal.utf8.count, limit: Rational.maximumLiteralLength)
        }
        let expected = "an integer, a fraction p/q, or a decimal such as -2.5E+4"
        if let slash = literal.firstIndex(of: "/") {
            let numText = literal[..<slash], denText = literal[literal.index(after: slash)...]
            guard let num = BigInt.parseDigits(numText),
                  !denText.isEmpty, denText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let den = BigInt.parseDigits(denText)
            else { throw .malformed(literal: literal, expected: "a fraction p/q with integer p and unsigned integer q") }
            guard !den.isZero else { throw .zeroDenominator(literal: literal) }
            self.init(num, den)
            return
        }
        self = try Rational.parseDecimal(literal, expected: expected)
    }

    private static func parseDecimal(_ literal: String, expected: String) throws(NumberLiteralError) -> Rational {
        let bytes = Array(literal.utf8)
        var i = 0
        var negative = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        var digits: [UInt8] = []
        var fractionDigits = 0
        while i < bytes.count, isDigit(bytes[i]) { digits.append(bytes[i]); i += 1 }
        let integerDigitCount = digits.count
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, isDigit(bytes[i]) { digits.append(bytes[i]); fractionDigits += 1; i += 1 }
        }
        guard integerDigitCount + fractionDigits > 0 else {
            throw .malformed(literal: literal, expected: expected)
        }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let start = i
            // Accumulate with saturation: a huge exponent is refused by the
            // limit below, never by overflow or by building 10^huge.
            while i < bytes.count, isDigit(bytes[i]) {
                exponent = Swift.min(exponent * 10 + Int(bytes[i] - 48), Int(Int32.max))
                i += 1
            }
            guard i > start else { throw .malformed(literal: literal, expected: expected) }
            if expNegative { exponent = -exponent }
        }
        guard i == bytes.count else { throw .malformed(literal: literal, expected: expected) }
        guard abs(exponent) <= maximumDecimalExponent else {
            throw .exponentOutOfRange(literal: literal, limit: maximumDecimalExponent)
        }
        let mantissa = BigInt.parseDigits(String(decoding: digits, as: UTF8.self))!
        let scale = exponent - fractionDigits
        let ten = BigInt(10)
        let value = scale >= 0
            ? Rational(mantissa * ten.power(scale))
            : Rational(mantissa, ten.power(-scale))
        return negative ? -value : value
    }
}
