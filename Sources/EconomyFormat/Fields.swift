public import ExactArithmetic
public import ExactLinearAlgebra
public import ExactJSON

/// A JSON value with its place in the file: the building block of every
/// decoder, so that every error names file, path, expected and found.
public struct Field: Sendable {
    public let value: JSONValue
    public let path: JSONPath
    public let file: String

    public init(_ value: JSONValue, path: JSONPath = JSONPath(), file: String) {
        self.value = value
        self.path = path
        self.file = file
    }

    public func fail(expected: String, found: String? = nil) -> InputError {
        InputError(file: file, path: path.description, expected: expected, found: found ?? value.kindDescription)
    }

    public func object(allowing keys: [String]) throws(InputError) -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = value else { throw fail(expected: "an object") }
        for m in members where !keys.contains(m.key) {
            throw InputError(file: file, path: path.key(m.key).description,
                             expected: "one of the members " + keys.map { "\"\($0)\"" }.joined(separator: ", "),
                             found: "an unknown member \"\(m.key)\"")
        }
        return members
    }

    public func member(_ key: String) throws(InputError) -> Field {
        guard let v = value[key] else {
            throw InputError(file: file, path: path.key(key).description, expected: "a member \"\(key)\"", found: "none")
        }
        return Field(v, path: path.key(key), file: file)
    }

    public func optionalMember(_ key: String) -> Field? {
        value[key].map { Field($0, path: path.key(key), file: file) }
    }

    public func string() throws(InputError) -> String {
        guard case .string(let s) = value else { throw fail(expected: "a string") }
        return s
    }

    public func name() throws(InputError) -> String {
        let s = try string()
        guard !s.isEmpty else { throw fail(expected: "a non-empty name") }
        return s
    }

    public func bool() throws(InputError) -> Bool {
        guard case .bool(let b) = value else { throw fail(expected: "true or false") }
        return b
    }

    public func array() throws(InputError) -> [Field] {
        guard case .array(let items) = value else { throw fail(expected: "an array") }
        return items.enumerated().map { Field($1, path: path.index($0), file: file) }
    }

    /// A number: a JSON number literal or a string such as `"p/q"`, `"-0.25"`,
    /// `"1e-3"`, read exactly from its digits.
    public func number() throws(InputError) -> Rational {
        let literal: String
        switch value {
        case .number(let n): literal = n
        case .string(let s): literal = s
        default: throw fail(expected: "a number (a JSON number or a string such as \"3/7\")")
        }
        do {
            return try Rational(parsing: literal)
        } catch {
            throw fail(expected: "a number: \(error.description)", found: value.kindDescription)
        }
    }

    public func number(where condition: (Rational) -> Bool, _ expected: String) throws(InputError) -> Rational {
        let x = try number()
        guard condition(x) else { throw fail(expected: expected, found: "\(x)") }
        return x
    }

    /// A vector of exactly `count` numbers, each satisfying `condition`.
    public func vector(count: Int, where condition: (Rational) -> Bool = { _ in true },
                       _ entryExpected: String = "a number") throws(InputError) -> Vector {
        let items = try array()
        guard items.count == count else {
            throw fail(expected: "an array of \(count) numbers (one per commodity)", found: "an array of \(items.count)")
        }
        var v: [Rational] = []
        for item in items { v.append(try item.number(where: condition, entryExpected)) }
        return Vector(v)
    }
}
