package import ExactArithmetic
package import ExactLinearAlgebra
package import EconomyModel
package import ContractionCertificates
package import LPCertificates

/// The square system `F(x) = 0` of an equilibrium in a fixed regime.
///
/// Unknowns `x`: the price of every good that is not free (`priced`, in
/// order), then the level of each active activity. Equations, in order:
/// - market clearing `z_i(p) − (A_B λ)_i = 0` for every priced good but the
///   last (Walras' law gives the last one, below);
/// - break-even `p·a_k = 0` for every active activity;
/// - `Σ p − 1 = 0`.
///
/// `z` is the excess demand of the economy without its constant-returns
/// firms (`reduced`): consumers' incomes leave out those firms' profits,
/// which are 0 at any zero of `F`. At a zero, every consumer spends its
/// income (Cobb–Douglas and Leontief) and every quadratic-cost firm's
/// profit is paid out in full (checked), so `p·(z − A_B λ) = 0`; free goods
/// have price 0 and the other markets clear, so `p_last (z − A_B λ)_last = 0`
/// with `p_last > 0` on the box: the last market clears too.
package struct RegimeEquations {
    package let economy: Economy
    package let regime: RegimeClaim
    package let priced: [Int]
    package let reduced: Economy
    /// Active activities' vectors, in the regime's order.
    package let active: [Vector]
    /// Idle constant-returns activities.
    package let idle: [(RegimeClaim.Activity, Vector)]
    /// Quadratic-cost firms, by their index in `economy`.
    package let quadraticFirms: [Int]

    package var unknownCount: Int { priced.count + active.count }
    var equationCount: Int { unknownCount }

    static func reject(_ s: String) -> CertificateRejection { CertificateRejection(reason: s) }

    package init(economy e: Economy, regime r: RegimeClaim) throws(CertificateRejection) {
        let n = e.commodityCount
        guard r.freeGoods.allSatisfy({ (0..<n).contains($0) }), Set(r.freeGoods).count == r.freeGoods.count else {
            throw Self.reject("regime: free goods must be distinct commodity indices")
        }
        // The model's invariants, which the file decoder enforces but an economy built in code
        // may not: the proof (Walras' law for the last market, income bounds) needs them.
        for h in e.consumers {
            guard h.endowment.count == n, h.endowment.allSatisfy({ $0.signum() >= 0 }),
                  h.shares.count == e.firms.count, h.shares.allSatisfy({ $0.signum() >= 0 && $0 <= .one }) else {
                throw Self.reject("consumer \(h.name): endowments must be ≥ 0 and shares in [0, 1]")
            }
            switch h.utility {
            case .cobbDouglas(let a), .leontief(let a):
                guard a.count == n, a.allSatisfy({ $0.signum() >= 0 }), a.contains(where: { $0.signum() > 0 }) else {
                    throw Self.reject("consumer \(h.name): exponents or coefficients must be ≥ 0 and not all 0")
                }
            default: break  // refused below, as not differentiable
            }
        }
        for f in e.firms {
            guard case .quadraticCost(let b, let scale, let capacity) = f.technology else { continue }
            guard b.allSatisfy({ $0.signum() >= 0 }), b.contains(where: { $0.signum() > 0 }),
                  scale.allSatisfy({ $0.signum() >= 0 }), capacity.allSatisfy({ $0.signum() >= 0 }) else {
                throw Self.reject("firm \(f.name): the input bundle must be ≥ 0 and not 0, scales and capacities ≥ 0")
            }
        }
        let free = Set(r.freeGoods)
        priced = (0..<n).filter { !free.contains($0) }
        guard !priced.isEmpty else { throw Self.reject("regime: every good is free, so no price is in the simplex") }
        guard Set(r.activeActivities).count == r.activeActivities.count, Set(r.cappedOutputs).count == r.cappedOutputs.count else {
            throw Self.reject("regime: an active activity or capped output is listed twice")
        }
        var active: [Vector] = [], idle: [(RegimeClaim.Activity, Vector)] = []
        var quadratic: [Int] = []
        for (f, firm) in e.firms.enumerated() {
            switch firm.technology {
            case .activities(let acts, nil):
                for (k, a) in acts.enumerated() {
                    let ref = RegimeClaim.Activity(firm: f, activity: k)
                    if !r.activeActivities.contains(ref) { idle.append((ref, a)) }
                }
            case .quadraticCost:
                guard e.shareTotal(ofFirm: f) == .one else {
                    throw Self.reject("firm \(firm.name): its shares sum to \(e.shareTotal(ofFirm: f)), not 1, so Walras' law "
                                      + "does not give the last market")
                }
                quadratic.append(f)
            default:
                throw Self.reject("firm \(firm.name): enclosure certificates cover constant-returns activities and "
                                  + "quadratic-cost firms, not \(firm.technology.kind) with a bound or modes")
            }
        }
        for ref in r.activeActivities {
            guard e.firms.indices.contains(ref.firm), case .activities(let acts, nil) = e.firms[ref.firm].technology,
                  acts.indices.contains(ref.activity)
            else { throw Self.reject("regime: active activity \(ref.activity) of firm \(ref.firm) is no constant-returns activity") }
            active.append(acts[ref.activity])
        }
        for out in r.cappedOutputs {
            guard e.firms.indices.contains(out.firm), case .quadraticCost(_, let scale, _) = e.firms[out.firm].technology,
                  (0..<n).contains(out.good), scale[out.good].signum() > 0
            else { throw Self.reject("regime: capped output \(out.good) of firm \(out.firm) is no quadratic-cost output") }
        }
        let consumers = e.consumers.map { h in
            Consumer(name: h.name, endowment: h.endowment, utility: h.utility, shares: quadratic.map { h.shares[$0] })
        }
        reduced = Economy(name: e.name, commodities: e.commodities, consumers: consumers, firms: quadratic.map { e.firms[$0] })
        if let failure = reduced.nonDifferentiableAgents.first { throw Self.reject(failure.description) }
        self.economy = e
        self.regime = r
        self.active = active
        self.idle = idle
        self.quadraticFirms = quadratic
    }

    /// All `n` prices from the unknowns (free goods at 0).
    package func prices(_ x: [Rational]) -> Vector {
        var p = Vector.zero(economy.commodityCount)
        for (k, i) in priced.enumerated() { p.entries[i] = x[k] }
        return p
    }

    package func priceBox(_ box: [RationalInterval]) -> [RationalInterval] {
        var p = [RationalInterval](repeating: .zero, count: economy.commodityCount)
        for (k, i) in priced.enumerated() { p[i] = box[k] }
        return p
    }

    /// `F(x)`, exactly; nil where demand or supply is undefined.
    package func value(at x: [Rational]) -> [Rational]? {
        let p = prices(x)
        guard p.allSatisfy({ $0.signum() >= 0 }), case .defined(let market) = reduced.market(at: p) else { return nil }
        let levels = Array(x[priced.count...])
        var f: [Rational] = []
        for i in priced.dropLast() {
            var v = market.excessDemand[i]
            for (k, a) in active.enumerated() { v -= a[i] * levels[k] }
            f.append(v)
        }
        for a in active { f.append(p.dot(a)) }
        f.append(p.entries.reduce(Rational.zero, +) - .one)
        return f
    }

    /// Enclosures over the box: `F(X)` (natural), `J(X)` (the Jacobian of
    /// `F` in the unknowns), and the excess supply balance `z − A_B λ` of
    /// every good.
    package struct Enclosure {
        package var value: [RationalInterval]
        package var jacobian: [[RationalInterval]]
        package var balance: [RationalInterval]
    }

    package func enclosure(over box: [RationalInterval]) -> Result<Enclosure, EnclosureFailure> {
        let pBox = priceBox(box)
        let structured: StructuredJacobian
        switch reduced.structuredExcessDemandJacobian(over: pBox, freeGoodsAllowed: true) {
        case .success(let s): structured = s
        case .failure(let why): return .failure(why)
        }
        let n = economy.commodityCount, m = priced.count
        let levels = Array(box[m...])
        var balance = structured.value
        for (k, a) in active.enumerated() {
            for i in 0..<n where !a[i].isZero { balance[i] = balance[i] - a[i] * levels[k] }
        }
        let dense = structured.dense
        var value: [RationalInterval] = [], jacobian: [[RationalInterval]] = []
        for i in priced.dropLast() {
            value.append(balance[i])
            jacobian.append(priced.map { dense[i][$0] } + active.map { RationalInterval(-$0[i]) })
        }
        for a in active {
            value.append(dot(a, pBox))
            jacobian.append(priced.map { RationalInterval(a[$0]) } + active.map { _ in .zero })
        }
        value.append(priced.reduce(RationalInterval(-.one)) { $0 + pBox[$1] })
        jacobian.append(priced.map { _ in RationalInterval(.one) } + active.map { _ in .zero })
        return .success(Enclosure(value: value, jacobian: jacobian, balance: balance))
    }

    package func dot(_ a: Vector, _ box: [RationalInterval]) -> RationalInterval {
        a.indices.reduce(RationalInterval.zero) { a[$1].isZero ? $0 : $0 + a[$1] * box[$1] }
    }

    /// The regime's inequalities over the box, each decided with interval
    /// bounds: which ones fail everywhere (`contradicted`: no equilibrium of
    /// this regime in the box), which are not proved everywhere
    /// (`unproved`), and whether all hold strictly.
    package struct Conditions {
        package var contradicted: String? = nil
        package var unproved: String? = nil
        package var strict = true
    }

    package func conditions(over box: [RationalInterval], balance: [RationalInterval]?) -> Conditions {
        var c = Conditions()
        let pBox = priceBox(box)
        let m = priced.count
        func note(_ holds: Bool, _ strict: Bool, _ fails: Bool, _ what: String) {
            if fails, c.contradicted == nil { c.contradicted = what }
            if !holds, c.unproved == nil { c.unproved = what }
            if !strict { c.strict = false }
        }
        for (k, i) in priced.enumerated() {
            note(box[k].lo.signum() > 0, true, box[k].hi.signum() <= 0, "the price of \(economy.commodities[i]) is not positive")
        }
        for (k, ref) in regime.activeActivities.enumerated() {
            let l = box[m + k]
            note(l.lo.signum() >= 0, l.lo.signum() > 0, l.hi.signum() < 0,
                 "the level of activity \(ref.activity) of \(economy.firms[ref.firm].name) is not non-negative")
        }
        for (ref, a) in idle {
            let profit = dot(a, pBox)
            note(profit.hi.signum() <= 0, profit.hi.signum() < 0, profit.lo.signum() > 0,
                 "idle activity \(ref.activity) of \(economy.firms[ref.firm].name) earns a profit")
        }
        for i in regime.freeGoods {
            if let b = balance?[i] {
                note(b.hi.signum() <= 0, b.hi.signum() < 0, b.lo.signum() > 0, "free good \(economy.commodities[i]) is in excess demand")
            } else {
                note(false, false, false, "free good \(economy.commodities[i]): excess demand not enclosed")
            }
        }
        for f in quadraticFirms {
            guard case .quadraticCost(let b, let scale, let capacity) = economy.firms[f].technology else { continue }
            let price = dot(b, pBox)
            guard let inverse = RationalInterval(.one) / price else {
                note(false, false, false, "firm \(economy.firms[f].name): its input bundle may cost 0")
                continue
            }
            for i in scale.indices where scale[i].signum() > 0 {
                let unclipped = scale[i] * (pBox[i] * inverse)
                let cap = capacity[i]
                if regime.cappedOutputs.contains(.init(firm: f, good: i)) {
                    note(unclipped.lo >= cap, unclipped.lo > cap, unclipped.hi < cap,
                         "output \(economy.commodities[i]) of \(economy.firms[f].name) is claimed at its capacity")
                } else {
                    note(unclipped.hi <= cap, unclipped.hi < cap, unclipped.lo > cap,
                         "output \(economy.commodities[i]) of \(economy.firms[f].name) is claimed below its capacity")
                }
            }
        }
        return c
    }
}
