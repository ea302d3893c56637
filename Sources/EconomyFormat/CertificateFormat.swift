import ExactArithmetic
public import ExactLinearAlgebra
public import ExactJSON
public import EconomyModel
public import EquilibriumCertificates
public import NonExistenceCertificates
public import EnclosureCertificates
import ContractionCertificates

/// What a certificate claims; the checker proves it or rejects it.
public enum CertificateClaim: String, Sendable, Hashable, CaseIterable {
    /// An equilibrium with no transfer.
    case walrasianEquilibrium = "walrasian-equilibrium"
    /// An equilibrium once the listed lump-sum transfers are made (the
    /// second welfare theorem's kind). Not a Walrasian equilibrium unless
    /// every transfer is 0.
    case equilibriumWithTransfers = "equilibrium-with-transfers"
    /// No equilibrium exists.
    case noneExists = "none-exists"
    /// A Walrasian equilibrium lies in a box, the only one of its regime
    /// there (an enclosure: typically an irrational equilibrium).
    case enclosedEquilibrium = "enclosed-equilibrium"
}

/// The evidence of a certificate file.
public enum CertificateEvidence: Sendable, Hashable {
    case equilibrium(EquilibriumCertificate, claim: CertificateClaim)
    case nonExistence(NonExistenceCertificate)
    case enclosure(EnclosureCertificate)
}

/// A decoded certificate: the economy it carries, the digest it records,
/// and its evidence.
public struct CertificateDocument: Sendable {
    public var economy: Economy
    public var digest: String
    public var evidence: CertificateEvidence
}

/// `walras-certificate/2`: a certificate with the economy it is about and
/// that economy's digest (`sha256:` of its canonical encoding), so that
/// `walras check-certificate` needs nothing else and `--economy FILE` can
/// tell whether it is about the user's own economy. The claim is a word the
/// checker compares with what it proves. Numbers are exact strings; agents,
/// goods and bundles are keyed by name, and unknown names are rejected.
public enum CertificateFormat {
    public static let tag = "walras-certificate/2"

    /// `sha256:<hex>` of the economy's canonical `walras-economy/1` encoding.
    public static func digest(_ e: Economy) -> String {
        "sha256:" + SHA256.hex(EconomyFormat.encode(e).rendered())
    }

    public static func encode(_ c: EquilibriumCertificate, economy e: Economy) -> JSONValue {
        func strings(_ v: [Rational]) -> JSONValue { .array(v.map { .string($0.description) }) }
        let claim: CertificateClaim = c.transfers.allSatisfy(\.isZero) ? .walrasianEquilibrium : .equilibriumWithTransfers
        return .object(head(claim, e) + [
            ("prices", strings(c.prices.entries)),
            ("allocation", .object(e.consumers.enumerated().map { ($1.name, strings(c.allocation[$0].entries)) })),
            ("production", .object(e.firms.enumerated().map { ($1.name, strings(c.production[$0].entries)) })),
            ("levels", .object(e.firms.enumerated().map { ($1.name, strings(c.levels[$0])) })),
            ("firm_duals", .object(e.firms.enumerated().map { ($1.name, strings(c.firmDuals[$0])) })),
            ("consumer_multipliers", .object(e.consumers.enumerated().map { ($1.name, .string(c.consumerMultipliers[$0].description)) })),
        ] + (claim == .walrasianEquilibrium ? [] : [
            ("transfers", .object(e.consumers.enumerated().map { ($1.name, .string(c.transfers[$0].description)) })),
        ]))
    }

    /// The unknowns are the prices of the goods not free (in order), then
    /// the active activities' levels (in the regime's order).
    public static func encode(_ c: EnclosureCertificate, economy e: Economy) -> JSONValue {
        func strings(_ v: [Rational]) -> JSONValue { .array(v.map { .string($0.description) }) }
        let r = c.regime
        let regime: JSONValue = .object([
            ("free_goods", .array(r.freeGoods.map { .string(e.commodities[$0]) })),
            ("active_activities", .array(r.activeActivities.map {
                .object([("firm", .string(e.firms[$0.firm].name)), ("activity", .number(String($0.activity)))])
            })),
            ("capped_outputs", .array(r.cappedOutputs.map {
                .object([("firm", .string(e.firms[$0.firm].name)), ("good", .string(e.commodities[$0.good]))])
            })),
        ])
        return .object(head(.enclosedEquilibrium, e) + [
            ("regime", regime),
            ("centre", strings(c.centre)),
            ("box", .array(c.box.map { strings([$0.lo, $0.hi]) })),
            ("preconditioner", .array(c.preconditioner.map(strings))),
        ])
    }

    static func decodeEnclosure(_ root: Field, _ e: Economy) throws(InputError) -> EnclosureCertificate {
        _ = try root.object(allowing: ["format", "claim", "economy_digest", "economy", "regime", "centre", "box", "preconditioner"])
        let regimeField = try root.member("regime")
        _ = try regimeField.object(allowing: ["free_goods", "active_activities", "capped_outputs"])
        func index(_ f: Field, in names: [String], _ what: String) throws(InputError) -> Int {
            let name = try f.string()
            guard let i = names.firstIndex(of: name) else { throw f.fail(expected: "the name of a \(what)", found: name) }
            return i
        }
        var free: [Int] = []
        for f in try regimeField.member("free_goods").array() { free.append(try index(f, in: e.commodities, "commodity")) }
        var active: [RegimeClaim.Activity] = []
        for f in try regimeField.member("active_activities").array() {
            _ = try f.object(allowing: ["firm", "activity"])
            let firm = try index(f.member("firm"), in: e.firms.map(\.name), "firm")
            let activityField = try f.member("activity")
            let k = try activityField.number()
            guard k.isInteger, k.signum() >= 0, let activity = Int(k.description) else {
                throw activityField.fail(expected: "an activity index", found: k.description)
            }
            active.append(.init(firm: firm, activity: activity))
        }
        var capped: [RegimeClaim.Output] = []
        for f in try regimeField.member("capped_outputs").array() {
            _ = try f.object(allowing: ["firm", "good"])
            capped.append(.init(firm: try index(f.member("firm"), in: e.firms.map(\.name), "firm"),
                                good: try index(f.member("good"), in: e.commodities, "commodity")))
        }
        let centre = try numbers(root.member("centre"))
        var box: [RationalInterval] = []
        for f in try root.member("box").array() {
            let pair = try numbers(f)
            guard pair.count == 2, pair[0] <= pair[1] else { throw f.fail(expected: "[lo, hi] with lo ≤ hi", found: "\(f.value)") }
            box.append(RationalInterval(pair[0], pair[1]))
        }
        var y: [[Rational]] = []
        for f in try root.member("preconditioner").array() { y.append(try numbers(f)) }
        return EnclosureCertificate(regime: RegimeClaim(freeGoods: free, activeActivities: active, cappedOutputs: capped),
                                    centre: centre, box: box, preconditioner: y)
    }

    public static func encode(_ c: NonExistenceCertificate, economy e: Economy) -> JSONValue {
        .object(head(.noneExists, e) + [("proof", encodeProof(c, e))])
    }

    static func head(_ claim: CertificateClaim, _ e: Economy) -> [(key: String, value: JSONValue)] {
        [("format", .string(tag)), ("claim", .string(claim.rawValue)), ("economy_digest", .string(digest(e))),
         ("economy", EconomyFormat.encode(e))]
    }

    static func encodeProof(_ c: NonExistenceCertificate, _ e: Economy) -> JSONValue {
        let goods = e.commodities, consumers = e.consumers.map(\.name), firms = e.firms.map(\.name)
        switch c {
        case .priceLine(let pieces):
            return .object([("kind", .string("price-line")), ("pieces", .array(pieces.map { piece in
                let witness: [(key: String, value: JSONValue)]
                switch piece.witness {
                case .unboundedDemand(let h): witness = [("kind", .string("unbounded-demand")), ("consumer", .string(consumers[h]))]
                case .unboundedSupply(let f, let k):
                    witness = [("kind", .string("unbounded-supply")), ("firm", .string(firms[f])), ("activity", .number(String(k)))]
                case .separated(let directions):
                    witness = [("kind", .string("separated")),
                               ("directions", .array(directions.map { .array($0.entries.map { .string($0.description) }) }))]
                case .excess(let g, let s):
                    witness = [("kind", .string("excess")), ("good", .string(goods[g])), ("sign", .number(String(s)))]
                }
                return .object([("from", .string(piece.from.description)), ("to", .string(piece.to.description)),
                                ("witness", .object(witness))])
            }))])
        case .reducibleExchange(let traders, let set, let h, let g):
            return .object([("kind", .string("reducible-exchange")), ("traders", .array(traders.map { .string(consumers[$0]) })),
                            ("goods", .array(set.map { .string(goods[$0]) })), ("trader", .string(consumers[h])),
                            ("good", .string(goods[g]))])
        case .freeProduction(let f, let k, let h):
            return .object([("kind", .string("free-production")), ("firm", .string(firms[f])), ("activity", .number(String(k))),
                            ("consumer", .string(consumers[h]))])
        }
    }

    /// Reads a certificate file, or the certificate inside a `walras audit
    /// --json` report (`verdicts.equilibrium.exact_certificate` or
    /// `verdicts.equilibrium.non_existence_certificate`).
    public static func decode(_ json: JSONValue, file: String) throws(InputError) -> CertificateDocument {
        var root = Field(json, file: file)
        if case .string("walras-report/1")? = json["format"] {
            let eq = JSONPath().key("verdicts").key("equilibrium")
            if let inner = json["verdicts"]?["equilibrium"]?["exact_certificate"] {
                root = Field(inner, path: eq.key("exact_certificate"), file: file)
            } else if let inner = json["verdicts"]?["equilibrium"]?["non_existence_certificate"] {
                root = Field(inner, path: eq.key("non_existence_certificate"), file: file)
            } else if let inner = json["verdicts"]?["equilibrium"]?["enclosure_certificate"] {
                root = Field(inner, path: eq.key("enclosure_certificate"), file: file)
            } else {
                throw InputError(file: file, path: eq.description,
                                 expected: "an exact_certificate, enclosure_certificate or non_existence_certificate in the report",
                                 found: "none of them")
            }
        }
        let format = try root.member("format")
        if case .string("walras-certificate/1") = format.value {
            throw format.fail(expected: "\"\(tag)\" (version 1 certificates carry no economy digest and no checked claim: "
                              + "write a new one with `walras audit FILE --certificate-out CERT`)")
        }
        guard case .string(tag) = format.value else { throw format.fail(expected: "\"\(tag)\"") }
        let claimField = try root.member("claim")
        guard let claim = CertificateClaim(rawValue: try claimField.string()) else {
            throw claimField.fail(expected: "one of " + CertificateClaim.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
                                  found: "\(claimField.value)")
        }
        let digestField = try root.member("economy_digest")
        let digest = try digestField.string()
        guard digest.hasPrefix("sha256:"), digest.count == 71 else {
            throw digestField.fail(expected: "\"sha256:\" and 64 hexadecimal digits", found: digest)
        }
        let economy = try EconomyFormat.decode(root.member("economy").value, file: file)
        if claim == .enclosedEquilibrium {
            return CertificateDocument(economy: economy, digest: digest, evidence: .enclosure(try decodeEnclosure(root, economy)))
        }
        if claim == .noneExists {
            _ = try root.object(allowing: ["format", "claim", "economy_digest", "economy", "proof"])
            let proof = try decodeProof(root.member("proof"), economy)
            return CertificateDocument(economy: economy, digest: digest, evidence: .nonExistence(proof))
        }
        _ = try root.object(allowing: ["format", "claim", "economy_digest", "economy", "prices", "allocation", "production",
                                       "levels", "firm_duals", "consumer_multipliers", "transfers"])
        let n = economy.commodityCount
        let prices = try root.member("prices").vector(count: n)
        func byName(_ key: String, _ names: [String], _ read: (Field) throws(InputError) -> [Rational])
            throws(InputError) -> [[Rational]]
        {
            let field = try root.member(key)
            _ = try field.object(allowing: names)  // unknown names are rejected, with their path
            var out: [[Rational]] = []
            for name in names { out.append(try read(field.member(name))) }
            return out
        }
        let consumers = economy.consumers.map(\.name), firms = economy.firms.map(\.name)
        let allocation = try byName("allocation", consumers) { f throws(InputError) in try f.vector(count: n).entries }
        let production = try byName("production", firms) { f throws(InputError) in try f.vector(count: n).entries }
        let levels = try byName("levels", firms) { f throws(InputError) in try numbers(f) }
        let duals = try byName("firm_duals", firms) { f throws(InputError) in try numbers(f) }
        let multipliers = try byName("consumer_multipliers", consumers) { f throws(InputError) in [try f.number()] }
        let transfersField = root.optionalMember("transfers")
        switch (claim, transfersField) {
        case (.walrasianEquilibrium, let f?):
            throw f.fail(expected: "no transfers: the claim \"walrasian-equilibrium\" means no transfer "
                         + "(claim \"equilibrium-with-transfers\" to list them)", found: "transfers")
        case (.equilibriumWithTransfers, nil):
            throw InputError(file: file, path: root.path.key("transfers").description,
                             expected: "the transfers of the claim \"equilibrium-with-transfers\"", found: "none")
        default: break
        }
        let transfers = transfersField == nil
            ? [] : try byName("transfers", consumers) { f throws(InputError) in [try f.number()] }.map { $0[0] }
        let certificate = EquilibriumCertificate(
            prices: prices, allocation: allocation.map(Vector.init), production: production.map(Vector.init),
            levels: levels, firmDuals: duals, consumerMultipliers: multipliers.map { $0[0] }, transfers: transfers)
        return CertificateDocument(economy: economy, digest: digest, evidence: .equilibrium(certificate, claim: claim))
    }

    static func decodeProof(_ field: Field, _ e: Economy) throws(InputError) -> NonExistenceCertificate {
        let goods = e.commodities, consumers = e.consumers.map(\.name), firms = e.firms.map(\.name)
        func index(_ f: Field, in names: [String], _ what: String) throws(InputError) -> Int {
            let name = try f.string()
            guard let i = names.firstIndex(of: name) else {
                throw f.fail(expected: "the name of a \(what) of the economy", found: "\"\(name)\"")
            }
            return i
        }
        func activity(_ f: Field, firm: Int) throws(InputError) -> Int {
            let k = try f.number()
            guard k.isInteger, k.signum() >= 0, case .activities(let acts, _) = e.firms[firm].technology,
                  k < Rational(acts.count) else { throw f.fail(expected: "the index of one of the firm's activities", found: "\(k)") }
            return Int(k.description)!
        }
        let kind = try field.member("kind")
        switch try kind.string() {
        case "price-line":
            _ = try field.object(allowing: ["kind", "pieces"])
            var pieces: [PriceLinePiece] = []
            for item in try field.member("pieces").array() {
                _ = try item.object(allowing: ["from", "to", "witness"])
                let w = try item.member("witness")
                let witness: PieceWitness
                let wkind = try w.member("kind")
                switch try wkind.string() {
                case "unbounded-demand":
                    _ = try w.object(allowing: ["kind", "consumer"])
                    witness = .unboundedDemand(consumer: try index(w.member("consumer"), in: consumers, "consumer"))
                case "unbounded-supply":
                    _ = try w.object(allowing: ["kind", "firm", "activity"])
                    let f = try index(w.member("firm"), in: firms, "firm")
                    witness = .unboundedSupply(firm: f, activity: try activity(w.member("activity"), firm: f))
                case "separated":
                    _ = try w.object(allowing: ["kind", "directions"])
                    var directions: [Vector] = []
                    for d in try w.member("directions").array() { directions.append(try d.vector(count: goods.count)) }
                    witness = .separated(directions)
                case "excess":
                    _ = try w.object(allowing: ["kind", "good", "sign"])
                    let s = try w.member("sign").number(where: { $0 == 1 || $0 == -1 }, "1 or -1")
                    witness = .excess(good: try index(w.member("good"), in: goods, "good"), sign: s == 1 ? 1 : -1)
                default:
                    throw wkind.fail(expected: "\"unbounded-demand\", \"unbounded-supply\", \"separated\" or \"excess\"",
                                     found: "\(wkind.value)")
                }
                pieces.append(PriceLinePiece(from: try item.member("from").number(), to: try item.member("to").number(),
                                             witness: witness))
            }
            return .priceLine(pieces)
        case "reducible-exchange":
            _ = try field.object(allowing: ["kind", "traders", "goods", "trader", "good"])
            var traders: [Int] = [], set: [Int] = []
            for t in try field.member("traders").array() { traders.append(try index(t, in: consumers, "consumer")) }
            for g in try field.member("goods").array() { set.append(try index(g, in: goods, "good")) }
            return .reducibleExchange(traders: traders, goods: set, trader: try index(field.member("trader"), in: consumers, "consumer"),
                                      good: try index(field.member("good"), in: goods, "good"))
        case "free-production":
            _ = try field.object(allowing: ["kind", "firm", "activity", "consumer"])
            let f = try index(field.member("firm"), in: firms, "firm")
            return .freeProduction(firm: f, activity: try activity(field.member("activity"), firm: f),
                                   consumer: try index(field.member("consumer"), in: consumers, "consumer"))
        default:
            throw kind.fail(expected: "\"price-line\", \"reducible-exchange\" or \"free-production\"", found: "\(kind.value)")
        }
    }

    static func numbers(_ f: Field) throws(InputError) -> [Rational] {
        var out: [Rational] = []
        for item in try f.array() { out.append(try item.number()) }
        return out
    }

    /// The first place where two economies' canonical encodings differ, as
    /// a JSON path with both values; nil when they are the same economy.
    public static func firstDifference(_ a: Economy, _ b: Economy) -> (path: String, first: String, second: String)? {
        func describe(_ v: JSONValue?) -> String { v.map { $0.rendered() } ?? "nothing" }
        func walk(_ x: JSONValue?, _ y: JSONValue?, _ path: JSONPath) -> (String, String, String)? {
            switch (x, y) {
            case (.object(let m)?, .object(let n)?):
                for key in m.map(\.key) + n.map(\.key) where x?[key] != y?[key] {
                    return walk(x?[key], y?[key], path.key(key))
                }
                return nil
            case (.array(let s)?, .array(let t)?):
                for i in 0..<max(s.count, t.count) where (i < s.count ? s[i] : nil) != (i < t.count ? t[i] : nil) {
                    return walk(i < s.count ? s[i] : nil, i < t.count ? t[i] : nil, path.index(i))
                }
                return nil
            default:
                return x == y ? nil : (path.description, describe(x), describe(y))
            }
        }
        return walk(EconomyFormat.encode(a), EconomyFormat.encode(b), JSONPath().key("economy"))
    }
}
