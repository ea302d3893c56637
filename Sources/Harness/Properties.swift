public import EconomyModel
import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import EconomyFormat
public import TheoremChecks
import Tatonnement
import EquilibriumSearch
import Foundation

/// What a property is expected to do in a regime.
public enum Expectation: String, Sendable, Hashable {
    /// Every hypothesis holds: a failure is a counterexample.
    case holds
    /// A hypothesis is dropped: a failure is expected and counted apart.
    case mayFail = "may-fail"
}

/// The result of one property on one economy.
public enum PropertyStatus: String, Sendable, Hashable, CaseIterable {
    case holds
    /// The conclusion failed where every hypothesis held.
    case counterexample
    /// The conclusion failed where the regime drops a hypothesis: expected.
    case hypothesisViolated = "hypothesis-violated"
    case undecided
}

/// One property of the catalog (`properties/*.json`): a built-in check, the
/// theorem it tests, and what to expect in each regime.
public struct PropertySpec: Sendable, Hashable {
    public let name: String
    /// The theorem whose verdict it reads.
    public let check: TheoremID
    public let theorem: String
    public let hypotheses: [String]
    public let regimes: [(Regime, Expectation)]
    public let defaultCount: Int

    public static func == (a: PropertySpec, b: PropertySpec) -> Bool { a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }

    public func expectation(in regime: Regime) -> Expectation? { regimes.first { $0.0 == regime }?.1 }

    /// For a regime the spec does not list (`walras reproduce --property`
    /// asked for it): `may-fail` when the regime drops one of the
    /// property's hypotheses, else `holds`.
    public func impliedExpectation(in regime: Regime) -> Expectation {
        regime.droppedHypothesis.map(hypotheses.contains) == true ? .mayFail : .holds
    }
}

/// What a check found, before it is classified by regime.
public struct CheckFinding: Sendable {
    public enum Kind: Sendable {
        case pass, fail, undecided
        /// A hypothesis of the theorem is refuted exactly (e.g. an expanding
        /// pair against the contraction condition): the theorem says nothing.
        case hypothesisFails
        /// Two of our own results contradict each other: a bug, in any regime.
        case inconsistent
    }
    public let kind: Kind
    public let detail: String
    /// Exact certificate found (for statistics).
    public var exactEquilibrium = false
}

public enum PropertyCatalog {
    public static let builtInChecks = TheoremID.allCases.map(\.rawValue)

    /// Every `*.json` spec in `directory`, in file-name order.
    public static func load(directory: String) throws(InputError) -> [PropertySpec] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        var specs: [PropertySpec] = []
        for name in names {
            let path = directory + "/" + name
            specs.append(try decode(InputFile.parseJSON(InputFile.read(path), file: path), file: path))
        }
        return specs
    }

    public static func decode(_ json: JSONValue, file: String) throws(InputError) -> PropertySpec {
        let root = Field(json, file: file)
        _ = try root.object(allowing: ["name", "check", "theorem", "hypotheses", "regimes", "default_count"])
        let checkField = try root.member("check")
        guard let check = TheoremID(rawValue: try checkField.string()) else {
            throw checkField.fail(expected: "a built-in check: " + builtInChecks.joined(separator: ", "))
        }
        var hypotheses: [String] = []
        for h in try root.member("hypotheses").array() { hypotheses.append(try h.string()) }
        let regimesField = try root.member("regimes")
        guard case .object(let members) = regimesField.value else { throw regimesField.fail(expected: "an object from regimes to expectations") }
        var regimes: [(Regime, Expectation)] = []
        for m in members {
            let f = Field(m.value, path: regimesField.path.key(m.key), file: file)
            guard let r = Regime(rawValue: m.key) else {
                throw f.fail(expected: "a regime: " + Regime.allCases.map(\.rawValue).joined(separator: ", "), found: "\"\(m.key)\"")
            }
            guard let x = Expectation(rawValue: try f.string()) else { throw f.fail(expected: "\"holds\" or \"may-fail\"") }
            regimes.append((r, x))
        }
        let count = try root.member("default_count").number(where: { $0.isInteger && $0 >= 1 && $0 <= 1_000_000 }, "a count from 1 to 1000000")
        return PropertySpec(name: try root.member("name").name(), check: check, theorem: try root.member("theorem").string(),
                            hypotheses: hypotheses, regimes: regimes, defaultCount: count.numerator.asInt!)
    }

    /// Runs a built-in check on an economy: the theorem's one verdict
    /// function (`checkTheorems`, as the audit calls it) with the sweep's
    /// budgets, read through its outcome only.
    public static func run(_ id: TheoremID, on e: Economy, seed: UInt64) -> CheckFinding {
        let verdicts = checkTheorems(e, options: .sweep(seed: seed), only: [id])
        var f = finding(verdicts[id]!)
        f.exactEquilibrium = verdicts.equilibrium?.checked != nil
        return f
    }

    /// How the harness reads a verdict: its outcome, whether it refutes a
    /// hypothesis the user asks about, and whether our own results contradict
    /// each other.
    public static func finding(_ v: any TheoremVerdict) -> CheckFinding {
        if let bug = v.inconsistency { return CheckFinding(kind: .inconsistent, detail: bug + "; " + v.reason) }
        let detail = "\(v.statusWord): \(v.reason)"
        switch v.outcome {
        case .holds: return CheckFinding(kind: .pass, detail: detail)
        case .counterexample: return CheckFinding(kind: v.refutesHypothesisOnly ? .hypothesisFails : .fail, detail: detail)
        case .notApplicable:
            return CheckFinding(kind: v.hypotheses.contains { $0.status.fails } ? .hypothesisFails : .undecided, detail: detail)
        case .undecided: return CheckFinding(kind: .undecided, detail: detail)
        }
    }

    public static func classify(_ f: CheckFinding, _ expectation: Expectation) -> PropertyStatus {
        switch f.kind {
        case .pass: .holds
        case .undecided: .undecided
        case .fail: expectation == .holds ? .counterexample : .hypothesisViolated
        case .hypothesisFails: .hypothesisViolated
        case .inconsistent: .counterexample
        }
    }
}
