import Testing
import Foundation
import ExactArithmetic
import ExactJSON
import EconomyModel
import TheoremChecks
import WalrasAudit

/// Verdicts on irrational equilibria, through the audit as a user runs it.
@Suite struct EnclosureVerdictTests {
    /// `examples/irrational.json`: found by an enclosure of width ≤ 2^-60 around
    /// its √2 ratio, and both welfare verdicts decided on it.
    @Test func irrationalExampleIsFoundAndItsWelfareVerdictsDecided() throws {
        let (status, out) = try runWalras(["audit", "examples/irrational.json", "--json"])
        #expect(status == 0, "\(out)")
        let report = try JSONReader().parse(out)
        let eq = report["verdicts"]?["equilibrium"]
        #expect(eq?["status"] == .string("found"))
        #expect(eq?["certificate"] == .string("enclosure"))
        #expect(eq?["route"] == .string("krawczyk"))
        let width = try #require(eq?["enclosure"]?["width"].flatMap { if case .string(let s) = $0 { try? Rational(parsing: s) } else { nil } })
        #expect(width <= Rational(1, 1 << 60))
        // p_food / p_labour = √2: the box's ratio bounds bracket √2 (exact comparison of squares).
        guard case .array(let labour)? = eq?["enclosure"]?["prices"]?["labour"], case .array(let food)? = eq?["enclosure"]?["prices"]?["food"],
              case .string(let l0) = labour[0], case .string(let l1) = labour[1], case .string(let f0) = food[0], case .string(let f1) = food[1],
              let lLo = try? Rational(parsing: l0), let lHi = try? Rational(parsing: l1), let fLo = try? Rational(parsing: f0), let fHi = try? Rational(parsing: f1)
        else { Issue.record("no enclosure box in \(out)"); return }
        let low = fLo / lHi, high = fHi / lLo
        #expect(low * low < 2 && high * high > 2)
        #expect(report["verdicts"]?["first_welfare"]?["status"] == .string("holds"))
        #expect(report["verdicts"]?["second_welfare"]?["status"] == .string("holds"))
        // The contraction's unique fixed point, cross-checked against the enclosure.
        guard case .string(let cross)? = report["verdicts"]?["contraction"]?["cross_check"] else {
            Issue.record("no cross-check in \(out)"); return
        }
        #expect(cross.hasPrefix("the enclosed equilibrium is the Banach fixed point"), "\(cross)")
    }

    /// `--certificate-out` writes the enclosure; `check-certificate` accepts it
    /// and rejects a copy whose box was shrunk past the equilibrium.
    @Test func enclosureCertificatesAreRecheckedFromTheirFile() throws {
        let dir = scratch("walras-enclosure")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cert.json").path
        let (status, _) = try runWalras(["audit", "examples/irrational.json", "--certificate-out", file])
        #expect(status == 0)
        let (valid, text) = try runWalras(["check-certificate", file, "--economy", "examples/irrational.json"])
        #expect(valid == 0, "\(text)")
        #expect(text.hasPrefix("valid:") && text.contains("Walrasian equilibrium"))
        // Tamper: the first price interval cut to its upper half.
        let json = try JSONReader().parse(try String(contentsOfFile: file, encoding: .utf8))
        guard case .object(var fields) = json, let k = fields.firstIndex(where: { $0.key == "box" }),
              case .array(var box) = fields[k].value, case .array(let first) = box[0],
              case .string(let lo) = first[0], case .string(let hi) = first[1], let l = try? Rational(parsing: lo), let h = try? Rational(parsing: hi),
              let c = fields.firstIndex(where: { $0.key == "centre" }), case .array(var centre) = fields[c].value
        else { Issue.record("unexpected certificate shape"); return }
        let cut = l + (h - l) * Rational(3, 4)
        box[0] = .array([.string(cut.description), .string(hi)])
        centre[0] = .string(((cut + h) / 2).description)
        fields[k] = (key: "box", value: .array(box))
        fields[c] = (key: "centre", value: .array(centre))
        let tampered = dir.appendingPathComponent("tampered.json").path
        try (JSONValue.object(fields).rendered() + "\n").write(toFile: tampered, atomically: true, encoding: .utf8)
        let (invalid, why) = try runWalras(["check-certificate", tampered])
        #expect(invalid == 1, "\(why)")
        #expect(why.hasPrefix("invalid:") && why.contains("Krawczyk"))
    }

    /// `--all-equilibria` on the Leontief economy with one irrational
    /// equilibrium: a complete census, one member, index +1, uniqueness holds.
    @Test func allEquilibriaProvesUniqueness() throws {
        let (status, out) = try runWalras(["audit", "examples/leontief-irrational.json", "--all-equilibria", "--json"])
        #expect(status == 0, "\(out)")
        let census = try JSONReader().parse(out)["verdicts"]?["equilibrium"]?["all_equilibria"]
        #expect(census?["complete"] == .bool(true))
        #expect(census?["count"] == .number("1"))
        #expect(census?["index_sum"] == .number("1"))
        #expect(census?["index_theorem"] == .bool(true))
        #expect(census?["uniqueness"] == .string("holds"))
    }

    /// `--enclosure-width` is honoured, and a width out of (0, 1] is refused with exit 2.
    @Test func enclosureWidthOption() throws {
        let (status, out) = try runWalras(["audit", "examples/leontief-irrational.json", "--enclosure-width", "2^-100", "--json"])
        #expect(status == 0)
        let width = try JSONReader().parse(out)["verdicts"]?["equilibrium"]?["enclosure"]?["width"]
        guard case .string(let w)? = width, let value = try? Rational(parsing: w) else { Issue.record("no width in \(out)"); return }
        #expect(value <= Rational(1, BigInt(2).power(100)))
        let (refused, _) = try runWalras(["audit", "examples/leontief-irrational.json", "--enclosure-width", "2"])
        #expect(refused == 2)
    }
}
