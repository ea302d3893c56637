public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
import EquilibriumSearch

/// One case of the analysis of a two-good economy on the price line
/// `p = (t, 1 − t)`: a point or an open interval of `t`, and why it holds
/// no equilibrium.
public struct PriceLineCase: Sendable, Hashable {
    public let from: Rational
    public let to: Rational
    public var isPoint: Bool { from == to }
    public let reason: String
}

/// Two nearby prices where a firm's supply switches and a good's excess
/// demand changes sign without passing through zero.
public struct JumpWitness: Sendable, Hashable {
    public let below: Vector
    public let above: Vector
    public let good: Int
    public let excessBelow: Rational
    public let excessAbove: Rational
    public let firm: String
}

/// A proof that a two-good economy has no equilibrium: cases covering
/// `t ∈ [0, 1]`, each with an exact reason.
public struct NonExistenceProof: Sendable, Hashable {
    public let cases: [PriceLineCase]
    public let failedHypothesis: FailedHypothesis?
    public let jump: JumpWitness?
}

public enum TwoGoodAnalysis: Sendable {
    case noEquilibrium(NonExistenceProof)
    /// An exact equilibrium price was met on the way: existence holds.
    case equilibrium(Vector)
    case notApplicable(String)
}


/// **Non-existence of equilibrium in two goods** (`equilibrium`, `none-exists`).
///
/// Hypotheses of the analysis (not of the theorem): two goods; Cobb–Douglas
/// consumers; firms with bounded activities or discrete modes.
/// Conclusion: either an exact equilibrium price, or a proof that none
/// exists: the price line `p = (t, 1 − t)` is cut at every `t` where a
/// firm's best option (an activity, a mode, or inaction) changes, which are
/// roots of linear functions and so rational. On each open piece every
/// firm's supply is fixed, incomes are linear in `t`, and `t·z_1(t) = A + Bt`
/// is linear (Cobb–Douglas spends `α_h1 w_h(t)` on good 1); an interior
/// equilibrium needs `z = 0` (both prices are positive), i.e. the root
/// `−A/B` in the piece. At each cut and at `t = 0, 1` the least equilibrium
/// error over all optimal choices (never mixing discrete modes) is computed
/// by exact LP; an equilibrium there needs it to be 0.
/// Checked: every case, with exact arithmetic. Assumed: nothing else.
/// Notes: proofs-notes/existence.md
public func analyseTwoGoodEconomy(_ e: Economy) -> TwoGoodAnalysis {
    guard e.commodityCount == 2 else { return .notApplicable("not two goods") }
    var alphas: [Rational] = []
    for c in e.consumers {
        guard case .cobbDouglas(let a) = c.utility else { return .notApplicable("consumer \(c.name) is not Cobb–Douglas") }
        alphas.append(a[0] / (a[0] + a[1]))
    }
    var optionsByFirm: [[Vector]] = []
    for f in e.firms {
        switch f.technology {
        case .activities(let acts, let bound?): optionsByFirm.append([Vector.zero(2)] + acts.map { bound * $0 })
        case .discreteModes(let modes): optionsByFirm.append([Vector.zero(2)] + modes)
        default: return .notApplicable("firm \(f.name) is neither bounded activities nor discrete modes")
        }
    }
    // Cuts: where two options of a firm earn the same, v·(t, 1−t) = u·(t, 1−t).
    var cuts: Set<Rational> = [0, 1]
    for options in optionsByFirm {
        for i in options.indices {
            for j in options.indices where j > i {
                let d = options[i] - options[j]  // value difference: d_1 + (d_0 − d_1) t
                let slope = d[0] - d[1]
                if !slope.isZero {
                    let t = -d[1] / slope
                    if t.signum() > 0 && t < 1 { cuts.insert(t) }
                }
            }
        }
    }
    let points = cuts.sorted()
    var cases: [PriceLineCase] = []
    func price(_ t: Rational) -> Vector { [t, 1 - t] }
    // Points: the cuts and the ends.
    for t in points {
        let p = price(t)
        guard let best = e.bestSelection(at: p) else {
            if case .undefined(let who, let u) = e.market(at: p) {
                cases.append(PriceLineCase(from: t, to: t, reason: "\(who): \(u.reason(e.commodities))"))
            }
            continue
        }
        if best.equilibriumError.isZero { return .equilibrium(p) }
        cases.append(PriceLineCase(from: t, to: t, reason:
            "every optimal choice leaves equilibrium error ≥ \(best.equilibriumError) (least at z = \(best.excessDemand))"))
    }
    // Open pieces between cuts.
    var jump: JumpWitness? = nil
    var previousSide: (p: Vector, z: Vector, supplies: [Vector])? = nil
    for (a, b) in zip(points, points.dropFirst()) {
        let mid = (a + b) / 2
        var supplies: [Vector] = []
        for options in optionsByFirm {
            let values = options.map { price(mid).dot($0) }
            supplies.append(options[values.indices.max { values[$0] < values[$1] }!])
        }
        // w_h(t) = c_h + d_h t with ω and supplies fixed on the piece.
        var A = Rational.zero, B = -(e.totalEndowment[0] + supplies.reduce(Rational.zero) { $0 + $1[0] })
        for (h, c) in e.consumers.enumerated() {
            var w0 = c.endowment[0], w1 = c.endowment[1]
            for (f, y) in supplies.enumerated() { w0 += c.shares[f] * y[0]; w1 += c.shares[f] * y[1] }
            // w(t) = w0·t + w1·(1 − t) = w1 + (w0 − w1) t
            A += alphas[h] * w1
            B += alphas[h] * (w0 - w1)
        }
        if B.isZero {
            if A.isZero { return .equilibrium(price(mid)) }
            cases.append(PriceLineCase(from: a, to: b, reason: "t·z_1(t) = \(A) ≠ 0 throughout"))
        } else {
            let root = -A / B
            if root > a && root < b { return .equilibrium(price(root)) }
            let linear = B.signum() < 0 ? "\(A) − \(-B)·t" : "\(A) + \(B)·t"
            cases.append(PriceLineCase(from: a, to: b, reason:
                "t·z_1(t) = \(linear), whose only root \(root) is outside the piece, so z_1 ≠ 0 there"))
        }
        let p = price(mid)
        if case .defined(let state) = e.market(at: p) {
            var z = -e.totalEndowment
            for d in state.demands { z = z + d.bundle }
            for y in supplies { z = z - y }
            if let prev = previousSide, prev.supplies != supplies, jump == nil,
               let g = (0..<2).first(where: { prev.z[$0].signum() * z[$0].signum() < 0 }),
               let f = supplies.indices.first(where: { prev.supplies[$0] != supplies[$0] }) {
                jump = JumpWitness(below: prev.p, above: p, good: g, excessBelow: prev.z[g], excessAbove: z[g],
                                   firm: e.firms[f].name)
            }
            previousSide = (p, z, supplies)
        }
    }
    let nonConvex = e.firms.indices.first { !e.firms[$0].technology.isConvex }
    let failed = nonConvex.map {
        FailedHypothesis(hypothesis: .convexProduction, subject: .firm($0),
                         detail: "has discrete modes: its supply jumps instead of passing through the mixtures that would clear markets")
    }
    return .noEquilibrium(NonExistenceProof(cases: cases.sorted { ($0.from, $0.to) < ($1.from, $1.to) },
                                            failedHypothesis: failed, jump: jump))
}
