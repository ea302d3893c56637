import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import EconomyModel
public import EquilibriumCertificates

/// `walras-certificate/1`: an equilibrium certificate with the economy it
/// is about, so that `walras check-certificate` needs nothing else.
/// Numbers are exact strings; bundles and productions are keyed by name.
public enum CertificateFormat {
    public static let tag = "walras-certificate/1"

    public static func encode(_ c: EquilibriumCertificate, economy e: Economy) -> JSONValue {
        func strings(_ v: [Rational]) -> JSONValue { .array(v.map { .string($0.description) }) }
        return .object([
            ("format", .string(tag)),
            ("claim", .string("a Walrasian equilibrium with free disposal: every agent optimises at these prices, z ≤ 0, p_i z_i = 0")),
            ("economy", EconomyFormat.encode(e)),
            ("prices", strings(c.prices.entries)),
            ("allocation", .object(e.consumers.enumerated().map { ($1.name, strings(c.allocation[$0].entries)) })),
            ("production", .object(e.firms.enumerated().map { ($1.name, strings(c.production[$0].entries)) })),
            ("levels", .object(e.firms.enumerated().map { ($1.name, strings(c.levels[$0])) })),
            ("firm_duals", .object(e.firms.enumerated().map { ($1.name, strings(c.firmDuals[$0])) })),
            ("consumer_multipliers", .object(e.consumers.enumerated().map { ($1.name, .string(c.consumerMultipliers[$0].description)) })),
        ] + (c.transfers.isEmpty ? [] : [
            ("transfers", .object(e.consumers.enumerated().map { ($1.name, .string(c.transfers[$0].description)) })),
        ]))
    }

    /// Reads a certificate file, or the certificate inside a `walras audit
    /// --json` report (`verdicts.equilibrium.exact_certificate`).
    public static func decode(_ json: JSONValue, file: String) throws(InputError) -> (Economy, EquilibriumCertificate) {
        var root = Field(json, file: file)
        if case .string("walras-report/1")? = json["format"] {
            guard let inner = json["verdicts"]?["equilibrium"]?["exact_certificate"] else {
                throw InputError(file: file, path: "verdicts.equilibrium.exact_certificate",
                                 expected: "an exact equilibrium certificate in the report", found: "none")
            }
            root = Field(inner, path: JSONPath().key("verdicts").key("equilibrium").key("exact_certificate"), file: file)
        }
        _ = try root.object(allowing: ["format", "claim", "economy", "prices", "allocation", "production", "levels",
                                       "firm_duals", "consumer_multipliers", "transfers"])
        let format = try root.member("format")
        guard case .string(tag) = format.value else { throw format.fail(expected: "\"\(tag)\"") }
        let economy = try EconomyFormat.decode(root.member("economy").value, file: file)
        let n = economy.commodityCount
        let prices = try root.member("prices").vector(count: n)
        func byName(_ key: String, _ names: [String], _ read: (Field) throws(InputError) -> [Rational])
            throws(InputError) -> [[Rational]]
        {
            let field = try root.member(key)
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
        let transfers = root.optionalMember("transfers") == nil
            ? [] : try byName("transfers", consumers) { f throws(InputError) in [try f.number()] }.map { $0[0] }
        let certificate = EquilibriumCertificate(
            prices: prices, allocation: allocation.map(Vector.init), production: production.map(Vector.init),
            levels: levels, firmDuals: duals, consumerMultipliers: multipliers.map { $0[0] }, transfers: transfers)
        return (economy, certificate)
    }

    static func numbers(_ f: Field) throws(InputError) -> [Rational] {
        var out: [Rational] = []
        for item in try f.array() { out.append(try item.number()) }
        return out
    }
}
