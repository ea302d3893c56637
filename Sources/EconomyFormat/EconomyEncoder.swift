public import ExactArithmetic
public import ExactLinearAlgebra
public import ExactJSON
public import EconomyModel

extension JSONValue {
    /// An exact rational: a JSON integer when whole, else a `"p/q"` string.
    public static func exact(_ x: Rational) -> JSONValue {
        x.isInteger ? .number(x.description) : .string(x.description)
    }

    public static func exact(_ v: Vector) -> JSONValue { .array(v.entries.map { exact($0) }) }
    public static func exact(_ v: [Rational]) -> JSONValue { .array(v.map { exact($0) }) }
}

extension EconomyFormat {
    /// The economy as a `walras-economy/1` document; `decode(encode(e))`
    /// gives `e` back (names, order and exact values).
    public static func encode(_ e: Economy) -> JSONValue {
        var root: [(key: String, value: JSONValue)] = [
            ("format", .string(tag)),
            ("name", .string(e.name)),
            ("commodities", .array(e.commodities.map { .string($0) })),
        ]
        if e.firms.indices.contains(where: { e.shareTotal(ofFirm: $0) != .one }) {
            root.append(("allow_incomplete_shares", .bool(true)))
        }
        root.append(("consumers", .array(e.consumers.map { c in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(c.name)), ("endowment", .exact(c.endowment)), ("utility", encode(c.utility)),
            ]
            let owned = e.firms.indices.filter { !c.shares[$0].isZero }
            if !owned.isEmpty {
                members.append(("shares", .object(owned.map { (e.firms[$0].name, .exact(c.shares[$0])) })))
            }
            return .object(members)
        })))
        if !e.firms.isEmpty {
            root.append(("firms", .array(e.firms.map { f in
                .object([("name", .string(f.name)), ("technology", encode(f.technology, e.commodities))])
            })))
        }
        return .object(root)
    }

    static func encode(_ u: Utility) -> JSONValue {
        switch u {
        case .cobbDouglas(let a): return .object([("kind", .string(u.kind)), ("exponents", .exact(a))])
        case .leontief(let a): return .object([("kind", .string(u.kind)), ("coefficients", .exact(a))])
        case .linear(let w): return .object([("kind", .string(u.kind)), ("weights", .exact(w))])
        case .satiableQuadratic(let b, let w):
            return .object([("kind", .string(u.kind)), ("bliss", .exact(b)), ("weights", .exact(w))])
        case .cappedLinear(let w, let cap):
            return .object([("kind", .string(u.kind)), ("weights", .exact(w)), ("cap", .exact(cap))])
        }
    }

    static func encode(_ t: Technology, _ commodities: [String]) -> JSONValue {
        switch t {
        case .activities(let a, let bound):
            var m: [(key: String, value: JSONValue)] = [("kind", .string(t.kind)), ("activities", .array(a.map { .exact($0) }))]
            if let bound { m.append(("bound", .exact(bound))) }
            return .object(m)
        case .discreteModes(let modes):
            return .object([("kind", .string(t.kind)), ("modes", .array(modes.map { .exact($0) }))])
        case .quadraticCost(let input, let scale, let capacity):
            let support = input.indices.filter { !input[$0].isZero }
            let written: JSONValue = support.count == 1 && input[support[0]] == .one
                ? .string(commodities[support[0]])
                : .object(support.map { (commodities[$0], .exact(input[$0])) })
            return .object([("kind", .string(t.kind)), ("input", written),
                            ("scale", .exact(scale)), ("capacity", .exact(capacity))])
        }
    }
}
