public import EconomyModel
import ExactArithmetic
import ExactLinearAlgebra
public import ExactJSON
public import EconomyFormat
import TheoremChecks
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
    /// The built-in check it runs: `walras_law`, `equilibrium`, `first_welfare` or `contraction`.
    public let check: String
    public let theorem: String
    public let hypotheses: [String]
    public let regimes: [(Regime, Expectation)]
    public let defaultCount: Int

    public static func == (a: PropertySpec, b: PropertySpec) -> Bool { a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }

    public func expectation(in regime: Regime) -> Expectation? { regimes.first { $0.0 == regime }?.1 }
}

/// What a check found, before it is classified by regime.
public struct CheckFinding: Sendable {
    public enum Kind: Sendable {
        case pass, fail, undecided
        /// A hypothesis of the theorem is refuted exactly (e.g. an expanding
        /// pair against the contraction condition): the theorem says nothing.
        case hypothesisFails
    }
    public let kind: Kind
    public let detail: String
    /// Exact certificate found (for statistics).
    public var exactEquilibrium = false
}

public enum PropertyCatalog {
    public static let builtInChecks = ["walras_law", "equilibrium", "first_welfare", "contraction"]

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
        let check = try checkField.string()
        guard builtInChecks.contains(check) else {
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

    /// Runs a built-in check on an economy.
    public static func run(_ check: String, on e: Economy, seed: UInt64) -> CheckFinding {
        switch check {
        case "walras_law":
            let v = checkWalrasLaw(e, at: walrasLawTestPrices(commodityCount: e.commodityCount, samples: 8, seed: seed))
            switch v.status {
            case .holds: return CheckFinding(kind: .pass, detail: "held at \(v.pricesHolding) prices")
            case .counterexample:
                let w = v.witness!
                let failed = w.failedHypotheses.isEmpty
                    ? "no hypothesis fails: a bug, or a false theorem"
                    : "failed: " + w.failedHypotheses.map(\.hypothesis.id).joined(separator: ", ")
                return CheckFinding(kind: .fail, detail: "p·z = \(w.value) at p = \(w.prices); \(failed)")
            default: return CheckFinding(kind: .undecided, detail: "no applicable price among \(v.pricesTested)")
            }
        case "equilibrium":
            // A sweep budget: small enough for hundreds of economies; a search that
            // hits it is counted undecided, never held. Pivots, not seconds, bound
            // it, so a seed's verdict is the same on every machine (the time
            // limit is only a safety net).
            let limits = SearchLimits(targetMesh: 1 << 14, maximumPivots: 30_000, timeLimit: 60)
            let v = checkEquilibriumExistence(e, limits: limits)
            switch v.status {
            case .found:
                var f = CheckFinding(kind: .pass, detail: "\(v.certificate?.rawValue ?? "") at p = \(v.equilibrium!.prices)")
                f.exactEquilibrium = v.certificate == .exact
                return f
            case .noneExists: return CheckFinding(kind: .fail, detail: "none exists (proved)")
            case .undecided: return CheckFinding(kind: .undecided, detail: v.reason ?? "")
            }
        case "first_welfare":
            // The sweep's equilibrium budget; only an exact equilibrium is tested.
            let search = checkEquilibriumExistence(e, limits: SearchLimits(targetMesh: 1 << 14, maximumPivots: 30_000, timeLimit: 60))
            let v = checkFirstWelfare(e, search.checked, noEquilibrium: search.status == .noneExists)
            switch v.status {
            case .holds:
                return CheckFinding(kind: .pass, detail: "route \(v.route ?? "")")
            case .counterexample:
                let failed = v.improvement.map { "failed: \($0.failedHypothesis.hypothesis.id)" } ?? ""
                return CheckFinding(kind: .fail, detail: "Pareto improvement of the equilibrium; \(failed)")
            case .notApplicable, .undecided:
                return CheckFinding(kind: .undecided, detail: v.reason)
            }
        case "contraction":
            // Deterministic budgets: boxes, not seconds (the time limit is a safety net). The
            // dynamics find their own fixed point; the audit adds the cross-check with the search.
            let options = ContractionOptions(limits: ContractionSearchLimits(maximumBoxes: 1000, timeLimit: 120),
                                             orbitSteps: 300, starts: 3)
            let v = checkContraction(e, near: nil, exactEquilibrium: nil, options: options)
            switch v.status {
            case .contraction:
                return CheckFinding(kind: .pass, detail: "L = \(v.modulus!) with η = \(v.step); Banach's bounds held at \(v.iterations) steps")
            case .notAContraction:
                return CheckFinding(kind: .hypothesisFails, detail: "not a contraction (η = \(v.step)): \(v.failedHypothesis!.detail)")
            case .undecided:
                // A certificate whose orbit breaks a Banach bound is a bug, never a shrug.
                if v.certificate != nil { return CheckFinding(kind: .fail, detail: v.reason) }
                return CheckFinding(kind: .undecided, detail: v.reason)
            }
        default:
            preconditionFailure("unknown check \(check): the catalog validates names")
        }
    }

    public static func classify(_ f: CheckFinding, _ expectation: Expectation) -> PropertyStatus {
        switch f.kind {
        case .pass: .holds
        case .undecided: .undecided
        case .fail: expectation == .holds ? .counterexample : .hypothesisViolated
        case .hypothesisFails: .hypothesisViolated
        }
    }
}
