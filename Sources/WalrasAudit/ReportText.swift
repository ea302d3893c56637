import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import TheoremChecks

extension AuditReport {
    /// The human report: what was checked, each verdict in plain words,
    /// exact witnesses, and the command that reproduces it.
    public func humanText() -> String {
        var out: [String] = []
        let e = economy
        out.append("Walras audit of \"\(e.name)\" (\(file))")
        out.append("  \(e.commodityCount) commodities: \(e.commodities.joined(separator: ", "))")
        out.append("  \(e.consumers.count) consumer(s): " + e.consumers.map { "\($0.name) [\($0.utility.kind)]" }.joined(separator: ", "))
        out.append("  \(e.firms.count) firm(s)" + (e.firms.isEmpty ? "" : ": " + e.firms.map { "\($0.name) [\($0.technology.kind)]" }.joined(separator: ", ")))
        out.append("")
        out.append(contentsOf: walrasLawText())
        out.append("")
        switch exitCode {
        case .holds: out.append("Result: every verdict holds (exit 0).")
        case .counterexample: out.append("Result: counterexample found (exit 1).")
        case .undecided: out.append("Result: no counterexample, but some verdict is undecided (exit 3).")
        case .rejected: out.append("Result: input rejected (exit 2).")
        }
        if exitCode == .counterexample {
            let path = file.hasSuffix("(bundled)") ? "" : " \(file)"
            out.append("Reproduce: walras audit\(path) --samples \(options.samples) --seed \(options.seed)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    func walrasLawText() -> [String] {
        let v = walrasLaw
        let n = economy.commodityCount
        let boundary = n + n * (n - 1) / 2
        var out = ["walras_law — Walras' law: the value of excess demand p·z(p) is exactly 0 at every price"]
        out.append("  status: \(v.status == .counterexample ? "COUNTEREXAMPLE" : v.status.rawValue)")
        out.append("  prices tested: \(v.pricesTested) (\(n) vertices, \(n * (n - 1) / 2) edge midpoints, "
                   + "\(max(0, v.pricesTested - boundary)) interior, seed \(options.seed)); "
                   + "held exactly at \(v.pricesHolding), not applicable at \(v.inapplicable.count)")
        if let first = v.inapplicable.first {
            out.append("  not applicable (demand or supply undefined), e.g. at p = \(first.prices): \(first.agent): \(first.reason)")
        }
        if let w = v.witness {
            out.append("  at prices p = \(w.prices)")
            out.append("  p·z(p) = \(w.value)   (exact; Walras' law requires 0)")
            for f in w.failedHypotheses {
                out.append("  failed hypothesis \(f.hypothesis.id) (\(f.hypothesis.statement)): \(f.agent) \(f.detail)")
            }
            for (h, c) in economy.consumers.enumerated() {
                out.append("  \(c.name): income \(w.state.incomes[h]), bundle \(w.bundles[h]), spends \(w.prices.dot(w.bundles[h]))")
            }
            for (f, firm) in economy.firms.enumerated() {
                out.append("  \(firm.name): production \(w.state.supplies[f].production), profit \(w.state.supplies[f].profit)")
            }
            out.append("  excess demand z(p) = \(w.excessDemand)")
        }
        return out
    }
}
