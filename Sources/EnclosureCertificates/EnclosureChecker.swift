public import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import ContractionCertificates
public import LPCertificates

/// The trusted checker of enclosure certificates, and of the exclusion of
/// boxes, for irrational equilibria (proofs-notes/existence.md,
/// "Enclosures").
///
/// Arithmetic and comparisons only. For the regime's square system `F`
/// (`RegimeEquations`), a box `X`, a point `x̃ ∈ X` and a matrix `Y`:
/// 1. `J(X)` encloses the Jacobian of `F` over `X` (interval arithmetic,
///    rounded outward), `F` being continuously differentiable there: every
///    divisor interval is away from 0 and no capacity is crossed (3);
/// 2. `K(X) = x̃ − Y F(x̃) + (I − Y J(X))(X − x̃)` is computed with `F(x̃)`
///    exact and every other operation exact on the intervals' endpoints,
///    and `K(X) ⊂ int X` is checked. Then `F` has exactly one zero in `X`,
///    and every matrix in `J(X)` is nonsingular (Krawczyk 1969; Moore 1977;
///    the proof is in the notes);
/// 3. the regime's inequalities hold on all of `X`: positive prices,
///    non-negative levels, idle activities earn at most 0, free goods are
///    not in excess demand, each output on its claimed side of its
///    capacity. So the zero is a Walrasian equilibrium of the economy:
///    consumers choose their closed-form demands, firms maximise profit,
///    markets clear (the last one by Walras' law).
public enum EnclosureChecker {
    public static func check(_ c: EnclosureCertificate, for economy: Economy)
        -> Result<CheckedEnclosure, CertificateRejection>
    {
        do { return .success(try verify(c, economy)) } catch { return .failure(error) }
    }

    static func reject(_ s: String) -> CertificateRejection { CertificateRejection(reason: s) }

    static func verify(_ c: EnclosureCertificate, _ e: Economy) throws(CertificateRejection) -> CheckedEnclosure {
        let system = try RegimeEquations(economy: e, regime: c.regime)
        let d = system.unknownCount
        guard c.centre.count == d, c.box.count == d, c.preconditioner.count == d,
              c.preconditioner.allSatisfy({ $0.count == d })
        else { throw reject("the regime has \(d) unknowns; the centre, box and preconditioner must match") }
        for k in 0..<d where !c.box[k].contains(c.centre[k]) {
            throw reject("unknown \(k): the centre \(c.centre[k]) is outside its interval \(c.box[k])")
        }
        let enclosure: RegimeEquations.Enclosure
        switch system.enclosure(over: c.box) {
        case .success(let s): enclosure = s
        case .failure(let why): throw reject("no derivative enclosure over the box: \(why)")
        }
        let conditions = system.conditions(over: c.box, balance: enclosure.balance)
        if let open = conditions.unproved { throw reject("the regime is not proved on the whole box: " + open) }
        guard let f = system.value(at: c.centre) else { throw reject("excess demand is undefined at the centre") }
        let k = krawczyk(centre: c.centre, value: f, jacobian: enclosure.jacobian, preconditioner: c.preconditioner, box: c.box)
        for i in 0..<d where !(k[i].lo > c.box[i].lo && k[i].hi < c.box[i].hi) {
            throw reject("Krawczyk's operator is not inside the box: unknown \(i) has K = \(k[i]) against X = \(c.box[i])")
        }
        // Every member of J(X) is nonsingular (K(X) ⊂ int X), and J(X) is
        // convex: one member's determinant gives the sign of all.
        let middle = Matrix(rows: enclosure.jacobian.map { $0.map(\.midpoint) })
        let sign = middle.determinant.signum()
        guard sign != 0 else { throw reject("the Jacobian's midpoint is singular, against K(X) ⊂ int X") }
        let m = system.priced.count
        return CheckedEnclosure(economy: e, certificate: c, prices: system.priceBox(c.box), levels: Array(c.box[m...]),
                                krawczyk: k, jacobianSign: sign, isStrict: conditions.strict)
    }

    /// `x̃ − Y F(x̃) + (I − Y J)(X − x̃)`, exact on the endpoints: `Y` and
    /// `F(x̃)` are points, so each product with an interval is two products.
    static func krawczyk(centre: [Rational], value f: [Rational], jacobian: [[RationalInterval]],
                         preconditioner y: [[Rational]], box: [RationalInterval]) -> [RationalInterval] {
        let d = centre.count
        let offsets = (0..<d).map { (lo: box[$0].lo - centre[$0], hi: box[$0].hi - centre[$0]) }
        return (0..<d).map { i in
            var lo = centre[i], hi = centre[i]
            for k in 0..<d where !y[i][k].isZero {
                lo -= y[i][k] * f[k]
                hi -= y[i][k] * f[k]
            }
            for j in 0..<d {
                // M_ij = δ_ij − Σ_k Y_ik J_kj, an interval.
                var mLo: Rational = i == j ? .one : .zero, mHi = mLo
                for k in 0..<d where !y[i][k].isZero {
                    let a = y[i][k] * jacobian[k][j].lo, b = y[i][k] * jacobian[k][j].hi
                    if a <= b { mLo -= b; mHi -= a } else { mLo -= a; mHi -= b }
                }
                let products = [mLo * offsets[j].lo, mLo * offsets[j].hi, mHi * offsets[j].lo, mHi * offsets[j].hi]
                lo += products.min()!
                hi += products.max()!
            }
            return RationalInterval(lo, hi)
        }
    }

    /// Proves that the box holds no equilibrium of this regime, or returns
    /// nil. Each rule is an interval bound over the whole box:
    /// - some equation of `F`, or the last market, excludes 0 (natural and
    ///   mean-value enclosures, intersected);
    /// - some inequality of the regime fails everywhere;
    /// - a free good that a Cobb–Douglas consumer values, while that
    ///   consumer's endowment is worth more than 0 (its demand is unbounded);
    /// - a price too low for Cobb–Douglas consumers' spending: at an
    ///   equilibrium `p_i x_hi = κ_hi I_h ≥ κ_hi (p·ω_h + Σ_f θ_hf π_f)`
    ///   (`κ` the exponent shares; each quadratic-cost profit `π_f` at least
    ///   what producing at capacity earns, and at least 0), while
    ///   `Σ_h p_i x_hi ≤ p_i (ω_i + y_i)` and `y_i` is at most the active
    ///   activities' outputs at the box's levels plus the capacities; with
    ///   `Σ_{j≠i} p_j ≥ 1 − sup p_i` on the simplex, or term by term, this
    ///   bounds `p_i` below. The rule divides by
    ///   nothing, so it decides boxes that reach price 0;
    /// - with a preconditioner: `K(X) ∩ X = ∅` (every zero in `X` lies in `K(X)`).
    public static func excludes(_ box: [RationalInterval], regime: RegimeClaim, in economy: Economy,
                                preconditioner: [[Rational]]? = nil) -> String? {
        guard let system = try? RegimeEquations(economy: economy, regime: regime), box.count == system.unknownCount else { return nil }
        let pBox = system.priceBox(box)
        let m = system.priced.count
        func misses(_ x: RationalInterval) -> Bool { x.lo.signum() > 0 || x.hi.signum() < 0 }
        // Prices must sum to 1: a cheap test first.
        let total = system.priced.reduce(RationalInterval(-.one)) { $0 + pBox[$1] }
        if misses(total) { return "prices cannot sum to 1" }
        // A lower bound of each quadratic-cost firm's profit over the box: at
        // least what producing at capacity earns, and at least 0 (inaction).
        var profitFloor = [Rational](repeating: .zero, count: economy.firms.count)
        for f in system.quadraticFirms {
            guard case .quadraticCost(let b, let scale, let cap) = economy.firms[f].technology else { continue }
            var revenue = Rational.zero, cost = Rational.zero
            for i in scale.indices where scale[i].signum() > 0 {
                revenue += cap[i] * pBox[i].lo
                cost += cap[i] * cap[i] / (2 * scale[i])
            }
            profitFloor[f] = max(.zero, revenue - cost * system.dot(b, pBox).hi)
        }
        var spending: [(share: Vector, endowment: Vector, profits: Rational)] = []
        for h in economy.consumers {
            guard case .cobbDouglas(let a) = h.utility else { continue }
            let wealth = system.dot(h.endowment, pBox)
            let profits = system.quadraticFirms.reduce(Rational.zero) { $0 + h.shares[$1] * profitFloor[$1] }
            for i in regime.freeGoods where a[i].signum() > 0 && (wealth.lo + profits).signum() > 0 {
                return "\(h.name) values the free good \(economy.commodities[i]) and has income"
            }
            spending.append((a.entries.reduce(Rational.zero, +).reciprocal * a, h.endowment, profits))
        }
        for i in system.priced {
            // Σ_h κ_hi p·ω_h ≤ p_i (ω_i + y_i): with c = sup(ω_i + y_i) − Σ_h κ_hi ω_hi
            // and w = min over priced j ≠ i of Σ_h κ_hi ω_hj, on the simplex
            // (Σ_{j≠i} p_j = 1 − p_i) this says p_i (c + w) ≥ w.
            var supply = economy.totalEndowment[i]
            for (k, v) in system.active.enumerated() where v[i].signum() > 0 { supply += v[i] * box[m + k].hi }
            for f in system.quadraticFirms {
                if case .quadraticCost(_, let scale, let cap) = economy.firms[f].technology, scale[i].signum() > 0 { supply += cap[i] }
            }
            let own = spending.reduce(Rational.zero) { $0 + $1.share[i] * $1.endowment[i] }
            let others = system.priced.filter { $0 != i }
            let weights = others.map { j in spending.reduce(Rational.zero) { $0 + $1.share[i] * $1.endowment[j] } }
            let price = box[system.priced.firstIndex(of: i)!]
            // Two lower bounds of Σ_{j≠i} w_j p_j: term by term, and through the simplex.
            let termwise = zip(others, weights).reduce(Rational.zero) { $0 + $1.1 * pBox[$1.0].lo }
            let simplex = (weights.min() ?? .zero) * max(.zero, .one - price.hi)
            let spent = max(termwise, simplex) + spending.reduce(Rational.zero) { $0 + $1.share[i] * $1.profits }
            if spent.signum() > 0, price.hi * max(.zero, supply - own) < spent {
                return "the price of \(economy.commodities[i]) is too low for what consumers spend on it"
            }
        }
        let conditions = system.conditions(over: box, balance: nil)
        if let why = conditions.contradicted { return why }
        // Break-even rows are linear: decided even where demand cannot be enclosed.
        for a in system.active where misses(system.dot(a, pBox)) { return "an active activity cannot break even" }
        guard case .success(let enclosure) = system.enclosure(over: box) else { return nil }
        if let why = system.conditions(over: box, balance: enclosure.balance).contradicted { return why }
        if let last = system.priced.last, misses(enclosure.balance[last]) { return "the market for \(economy.commodities[last]) cannot clear" }
        let centre = box.map(\.midpoint)
        guard let f = system.value(at: centre) else {
            return enclosure.value.contains(where: misses) ? "some equation of the regime cannot hold" : nil
        }
        for (k, v) in enclosure.value.enumerated() {
            // Mean-value form: F(X) ⊂ F(x̃) + J(X)(X − x̃).
            var lo = f[k], hi = f[k]
            for j in box.indices {
                let offset = (lo: box[j].lo - centre[j], hi: box[j].hi - centre[j])
                let g = enclosure.jacobian[k][j]
                let products = [g.lo * offset.lo, g.lo * offset.hi, g.hi * offset.lo, g.hi * offset.hi]
                lo += products.min()!
                hi += products.max()!
            }
            if misses(v) || lo.signum() > 0 || hi.signum() < 0 { return "some equation of the regime cannot hold" }
        }
        if let y = preconditioner, y.count == box.count, y.allSatisfy({ $0.count == box.count }) {
            let k = krawczyk(centre: centre, value: f, jacobian: enclosure.jacobian, preconditioner: y, box: box)
            if box.indices.contains(where: { k[$0].hi < box[$0].lo || k[$0].lo > box[$0].hi }) {
                return "Krawczyk's operator misses the box"
            }
        }
        return nil
    }
}
