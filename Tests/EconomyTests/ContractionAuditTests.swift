import Testing
import Foundation
import ExactJSON
import _TestSupport

@Suite("verdicts.contraction and the convergence picture, end to end")
struct ContractionAuditTests {
    @Test func theSmoothExampleIsACertifiedContraction() throws {
        let (status, out) = try runWalras(["audit", "examples/smooth-contraction.json", "--json"])
        #expect(status == 0, "\(out)")
        let v = try JSONReader().parse(out)["verdicts"]?["contraction"]
        #expect(v?["status"] == .string("contraction"))
        #expect(v?["norm"] != nil && v?["step"] == .string("1/32"))
        guard case .string(let l)? = v?["L"], case .string(let rate)? = v?["observed_rate_squared"],
              case .number(let iterations)? = v?["iterations"] else {
            Issue.record("L, observed rate or iterations missing: \(out)")
            return
        }
        // L is an exact rational below 1; the observed rate is below it.
        let parts = l.split(separator: "/").compactMap { Int($0) }
        #expect(parts.count == 2 && parts[0] < parts[1], "L = \(l)")
        #expect(!rate.isEmpty && Int(iterations)! > 50)
        #expect(v?["cross_check"].map { "\($0)".contains("is the Banach fixed point") } == true)
        // Where the condition holds: every step 2^-k (k = 0…8) decided on its own, the chosen one with
        // its own L; the certified steps are exactly the small ones, the refuted ones the large ones.
        guard case .array(let range)? = v?["step_range"] else { Issue.record("no step_range: \(out)"); return }
        #expect(range.count == 9)
        let byStep = Dictionary(uniqueKeysWithValues: range.compactMap { c -> (String, String)? in
            guard case .string(let s)? = c["step"], case .string(let t)? = c["status"] else { return nil }
            return (s, t)
        })
        #expect(byStep["1/32"] == "contraction" && byStep["1"] == "not-a-contraction")
        #expect(range.first { $0["step"] == .string("1/32") }?["L"] == .string(l))
        let certified = range.filter { $0["status"] == .string("contraction") }.count
        let order = range.map { $0["status"] == .string("contraction") }
        #expect(order == Array(repeating: false, count: 9 - certified) + Array(repeating: true, count: certified),
                "certified exactly for the steps below some threshold: \(byStep)")
    }

    /// A step too large for the contraction: refuted, and the report still says where it holds.
    @Test func aLargerStepIsRefutedAndTheRangeIsStated() throws {
        let (status, out) = try runWalras(["audit", "examples/smooth-contraction.json", "--step", "1/2"])
        #expect(status == 1)
        #expect(out.contains("status: NOT A CONTRACTION; step η = 1/2"))
        #expect(out.contains("a certified contraction for η ∈ {1/16, 1/32"))
    }

    @Test func scarfReportsThePairAndTheOrbitInPlainWords() throws {
        let (status, out) = try runWalras(["audit", "examples/scarf-1960.json"])
        #expect(status == 1)
        #expect(out.contains("status: NOT A CONTRACTION"))
        #expect(out.contains("failed hypothesis contraction"))
        #expect(out.contains("no contraction, no convergence"))
        let (_, json) = try runWalras(["audit", "examples/scarf-1960.json", "--json"])
        let v = try JSONReader().parse(json)["verdicts"]?["contraction"]
        #expect(v?["witness"]?["p"] != nil && v?["orbit"]?["never_approaches"] == .bool(true))
        #expect(v?["orbit"]?["anchor"] == .array([.string("1/3"), .string("1/3"), .string("1/3")]))
    }

    @Test func aStepMustBeExactAndPositive() throws {
        #expect(try runWalras(["audit", "examples/scarf-1960.json", "--step", "0"]).status == 2)
        #expect(try runWalras(["audit", "examples/scarf-1960.json", "--step", "banana"]).status == 2)
        #expect(try runWalras(["audit", "examples/scarf-1960.json", "--step", "1e999999"]).status == 2)
        let (status, out) = try runWalras(["audit", "examples/scarf-1960.json", "--step", "1/4"])
        #expect(status == 1 && out.contains("step η = 1/4"), "\(out)")
    }

    @Test(arguments: ["smooth-contraction.json", "scarf-1960.json"])
    func theConvergencePictureIsWrittenAndRenders(_ file: String) throws {
        let dir = scratch("walras-conv")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let svg = dir.appendingPathComponent("conv.svg")
        let (status, out) = try runWalras(["plot", "convergence", "examples/\(file)", "--out", svg.path])
        #expect(status == (file.hasPrefix("scarf") ? 1 : 0), "\(out)")
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.hasPrefix("<svg") && text.contains("<polyline"))
        if file.hasPrefix("scarf") {
            #expect(text.contains("the orbit on the price simplex") && text.contains("p*"))
        } else {
            #expect(text.contains("Banach bound"))
        }
        guard rsvgConvert != nil else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "rsvg-convert is missing: apt-get install librsvg2-bin")
            return
        }
        let data = try #require(try renderPNG(svgAt: svg), "rsvg-convert failed")
        #expect(data.prefix(8) == pngSignature, "PNG signature")
        #expect(data.count > 10_000, "a picture with content")
    }

    @Test func plotConvergenceRejectsBadInput() throws {
        #expect(try runWalras(["plot", "convergence", "no/such.json", "--out", "/tmp/x.svg"]).status == 2)
        #expect(try runWalras(["plot", "convergence", "examples/scarf-1960.json", "--out", "/no/such/dir/x.svg"]).status == 2)
    }

    /// Exponents whose common denominator is huge would need powers of a
    /// million to compare exactly: declined with a reason, never a trap.
    @Test func hostileCobbDouglasExponentsAreAuditedWithoutATrap() throws {
        let path = try temporaryFile("""
        { "format": "walras-economy/1", "name": "hostile", "commodities": ["a", "b"],
          "consumers": [
            { "name": "c", "endowment": [1, 2], "utility": { "kind": "cobb-douglas", "exponents": ["1/999983", "2/999979"] } },
            { "name": "d", "endowment": [2, 1], "utility": { "kind": "capped-linear", "weights": [1, 1], "cap": 1 } } ] }
        """)
        let (status, out) = try runWalras(["audit", path])
        // d is satiated at its cap: Walras' law fails exactly (exit 1); first welfare cannot
        // compare the huge exponents and says so instead of trapping.
        #expect(status == 1, "\(out)")
        #expect(out.contains("p·z = -1 at p = (1/2, 1/2); failed: local_non_satiation"))
        #expect(out.contains("a Cobb–Douglas exponent has too large a denominator to compare utilities exactly"))
    }
}
