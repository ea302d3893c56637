import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import EconomyModel

/// The `walras-economy/1` file format. See docs/economy-format.md and
/// docs/walras-economy-1.schema.json.
public enum EconomyFormat {
    public static let tag = "walras-economy/1"

    /// Reads and validates an economy file.
    public static func load(path: String) throws(InputError) -> Economy {
        let bytes = try InputFile.read(path)
        return try decode(InputFile.parseJSON(bytes, file: path), file: path)
    }

    /// Validates a parsed document. Shares of each firm must sum to 1 over
    /// consumers unless the file sets `"allow_incomplete_shares": true`
    /// (for studying the failure of Walras' law; the audit names it).
    public static func decode(_ json: JSONValue, file: String) throws(InputError) -> Economy {
        let root = Field(json, file: file)
        _ = try root.object(allowing: ["format", "name", "description", "commodities", "consumers", "firms",
                                       "allow_incomplete_shares"])
        let format = try root.member("format")
        guard case .string(tag) = format.value else { throw format.fail(expected: "\"\(tag)\"") }
        let name = try root.optionalMember("name")?.name() ?? file
        if let d = root.optionalMember("description") { _ = try d.string() }
        let allowIncomplete = try root.optionalMember("allow_incomplete_shares")?.bool() ?? false

        let commoditiesField = try root.member("commodities")
        let commodities = try uniqueNames(commoditiesField.array(), what: "commodity")
        guard !commodities.isEmpty else {
            throw commoditiesField.fail(expected: "at least one commodity", found: "an empty array")
        }
        let n = commodities.count

        let firmFields = try root.optionalMember("firms")?.array() ?? []
        var firms: [Firm] = []
        var firmNames: [String] = []
        for f in firmFields {
            _ = try f.object(allowing: ["name", "technology"])
            let nameField = try f.member("name")
            let firmName = try nameField.name()
            if firmNames.contains(firmName) { throw nameField.fail(expected: "a firm name not used before") }
            firmNames.append(firmName)
            firms.append(Firm(name: firmName, technology: try technology(f.member("technology"), commodities)))
        }

        let consumersField = try root.member("consumers")
        let consumerFields = try consumersField.array()
        guard !consumerFields.isEmpty else {
            throw consumersField.fail(expected: "at least one consumer", found: "an empty array")
        }
        var consumers: [Consumer] = []
        for c in consumerFields {
            _ = try c.object(allowing: ["name", "endowment", "utility", "shares"])
            let nameField = try c.member("name")
            let consumerName = try nameField.name()
            if consumers.contains(where: { $0.name == consumerName }) {
                throw nameField.fail(expected: "a consumer name not used before")
            }
            let endowment = try c.member("endowment").vector(count: n, where: { $0.signum() >= 0 }, "a non-negative amount")
            let u = try utility(c.member("utility"), n)
            var shares = [Rational](repeating: .zero, count: firms.count)
            if let s = c.optionalMember("shares") {
                guard case .object(let members) = s.value else { throw s.fail(expected: "an object from firm names to shares") }
                for m in members {
                    let shareField = Field(m.value, path: s.path.key(m.key), file: file)
                    guard let f = firmNames.firstIndex(of: m.key) else {
                        throw shareField.fail(expected: "a share in a firm named in \"firms\"",
                                              found: "an unknown firm \"\(m.key)\"")
                    }
                    shares[f] = try shareField.number(where: { $0.signum() >= 0 && $0 <= 1 }, "a share between 0 and 1")
                }
            }
            consumers.append(Consumer(name: consumerName, endowment: endowment, utility: u, shares: shares))
        }
        let economy = Economy(name: name, commodities: commodities, consumers: consumers, firms: firms)
        if !allowIncomplete {
            for f in firms.indices {
                let total = economy.shareTotal(ofFirm: f)
                guard total == .one else {
                    throw InputError(file: file, path: "firms[\(f)]",
                                     expected: "shares of firm \"\(firms[f].name)\" summing to 1 over consumers (or \"allow_incomplete_shares\": true)",
                                     found: "shares summing to \(total)")
                }
            }
        }
        return economy
    }

    static func uniqueNames(_ fields: [Field], what: String) throws(InputError) -> [String] {
        var names: [String] = []
        for f in fields {
            let s = try f.name()
            if names.contains(s) { throw f.fail(expected: "a \(what) name not used before") }
            names.append(s)
        }
        return names
    }

    static func nonNegativeNotAllZero(_ field: Field, _ n: Int) throws(InputError) -> Vector {
        let v = try field.vector(count: n, where: { $0.signum() >= 0 }, "a non-negative number")
        guard !v.isZero else { throw field.fail(expected: "at least one positive entry", found: "all zeros") }
        return v
    }

    static func utility(_ field: Field, _ n: Int) throws(InputError) -> Utility {
        let kindField = try field.member("kind")
        let kind = try kindField.string()
        switch kind {
        case "cobb-douglas":
            _ = try field.object(allowing: ["kind", "exponents"])
            return .cobbDouglas(exponents: try nonNegativeNotAllZero(field.member("exponents"), n))
        case "leontief":
            _ = try field.object(allowing: ["kind", "coefficients"])
            return .leontief(coefficients: try nonNegativeNotAllZero(field.member("coefficients"), n))
        case "linear":
            _ = try field.object(allowing: ["kind", "weights"])
            return .linear(weights: try nonNegativeNotAllZero(field.member("weights"), n))
        case "satiable-quadratic":
            _ = try field.object(allowing: ["kind", "bliss", "weights"])
            return .satiableQuadratic(
                bliss: try field.member("bliss").vector(count: n, where: { $0.signum() >= 0 }, "a non-negative number"),
                weights: try field.member("weights").vector(count: n, where: { $0.signum() > 0 }, "a positive number"))
        case "capped-linear":
            _ = try field.object(allowing: ["kind", "weights", "cap"])
            return .cappedLinear(weights: try nonNegativeNotAllZero(field.member("weights"), n),
                                 cap: try field.member("cap").number(where: { $0.signum() > 0 }, "a positive cap"))
        default:
            throw kindField.fail(expected: "a utility kind: \"cobb-douglas\", \"leontief\", \"linear\", \"satiable-quadratic\" or \"capped-linear\"")
        }
    }

    static func technology(_ field: Field, _ commodities: [String]) throws(InputError) -> Technology {
        let n = commodities.count
        let kindField = try field.member("kind")
        let kind = try kindField.string()
        switch kind {
        case "activities":
            _ = try field.object(allowing: ["kind", "activities", "bound"])
            let list = try field.member("activities")
            let items = try list.array()
            guard !items.isEmpty else { throw list.fail(expected: "at least one activity", found: "an empty array") }
            var activities: [Vector] = []
            for item in items { activities.append(try item.vector(count: n)) }
            let bound = try field.optionalMember("bound")?.number(where: { $0.signum() > 0 }, "a positive bound")
            return .activities(activities, bound: bound)
        case "discrete-modes":
            _ = try field.object(allowing: ["kind", "modes"])
            let list = try field.member("modes")
            let items = try list.array()
            guard !items.isEmpty else { throw list.fail(expected: "at least one mode", found: "an empty array") }
            var modes: [Vector] = []
            for item in items { modes.append(try item.vector(count: n)) }
            return .discreteModes(modes)
        case "quadratic-cost":
            _ = try field.object(allowing: ["kind", "input", "scale", "capacity"])
            // The input: one commodity's name, or a bundle {name: amount} paid per unit of cost.
            let inputField = try field.member("input")
            var input = Vector.zero(n)
            if case .string(let inputName) = inputField.value {
                guard let k = commodities.firstIndex(of: inputName) else {
                    throw inputField.fail(expected: "the name of a commodity")
                }
                input[k] = 1
            } else {
                guard case .object(let members) = inputField.value, !members.isEmpty else {
                    throw inputField.fail(expected: "a commodity name, or a non-empty object {commodity: amount} (a bundle)")
                }
                for m in members {
                    let amount = Field(m.value, path: inputField.path.key(m.key), file: field.file)
                    guard let k = commodities.firstIndex(of: m.key) else {
                        throw amount.fail(expected: "a member named after a commodity", found: "\"\(m.key)\"")
                    }
                    input[k] = try amount.number(where: { $0.signum() > 0 }, "a positive amount of \(m.key) per unit of cost")
                }
            }
            let scaleField = try field.member("scale")
            let scale = try nonNegativeNotAllZero(scaleField, n)
            for k in 0..<n where !input[k].isZero && !scale[k].isZero {
                throw Field(.number(scale[k].description), path: scaleField.path.index(k), file: field.file)
                    .fail(expected: "0 (\(commodities[k]) is an input, not an output)", found: "\(scale[k])")
            }
            let capacityField = try field.member("capacity")
            let capacity = try capacityField.vector(count: n, where: { $0.signum() >= 0 }, "a non-negative capacity")
            for i in 0..<n where scale[i].signum() > 0 && capacity[i].isZero {
                throw Field(.number("0"), path: capacityField.path.index(i), file: field.file)
                    .fail(expected: "a positive capacity for an output (scale > 0)", found: "0")
            }
            return .quadraticCost(input: input, scale: scale, capacity: capacity)
        default:
            throw kindField.fail(expected: "a technology kind: \"activities\", \"discrete-modes\" or \"quadratic-cost\"")
        }
    }
}
