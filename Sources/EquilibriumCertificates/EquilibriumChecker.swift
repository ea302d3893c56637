import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import LPCertificates

/// The trusted checker for equilibrium certificates.
///
/// Arithmetic and comparisons only: no search, no solver. It proves, for
/// the economy given:
/// 1. prices are in the simplex;
/// 2. each firm's production is feasible and profit-maximising — for
///    activities by an LP dual certificate checked by `LPCertificateChecker`
///    (weak duality), for discrete modes by comparing with every mode and
///    inaction, for quadratic cost by the closed-form first-order conditions;
/// 3. each consumer's income is `p·ω_h + Σ_f θ_hf π_f` (plus its transfer,
///    when the certificate carries transfers that sum to 0) and its bundle
///    is utility-maximising on its budget set, by the optimality conditions
///    of its utility kind (below);
/// 4. markets clear with free disposal: `z ≤ 0` and `p_i z_i = 0`.
/// Together these are the definition of a Walrasian equilibrium.
public enum EquilibriumChecker {
    public static func check(_ c: EquilibriumCertificate, for economy: Economy)
        -> Result<CheckedEquilibrium, CertificateRejection>
    {
        do {
            return .success(try verify(c, economy))
        } catch {
            return .failure(error)
        }
    }

    static func reject(_ reason: String) -> CertificateRejection { CertificateRejection(reason: reason) }

    static func verify(_ c: EquilibriumCertificate, _ e: Economy) throws(CertificateRejection) -> CheckedEquilibrium {
        let n = e.commodityCount
        let p = c.prices
        guard p.count == n, c.allocation.count == e.consumers.count, c.production.count == e.firms.count,
              c.levels.count == e.firms.count, c.firmDuals.count == e.firms.count,
              c.consumerMultipliers.count == e.consumers.count,
              c.transfers.isEmpty || c.transfers.count == e.consumers.count,
              c.allocation.allSatisfy({ $0.count == n }), c.production.allSatisfy({ $0.count == n })
        else { throw reject("certificate sizes do not match the economy") }
        // 1. The simplex.
        guard p.allSatisfy({ $0.signum() >= 0 }), p.entries.reduce(Rational.zero, +) == .one else {
            throw reject("prices \(p) are not in the simplex")
        }
        // 2. Firms.
        var profits: [Rational] = []
        for (f, firm) in e.firms.enumerated() {
            profits.append(try checkFirm(firm, p, c.production[f], c.levels[f], c.firmDuals[f]))
        }
        // 3. Consumers (with lump-sum transfers, which balance).
        guard c.transfers.reduce(Rational.zero, +).isZero else {
            throw reject("transfers sum to \(c.transfers.reduce(Rational.zero, +)), not 0")
        }
        for (h, consumer) in e.consumers.enumerated() {
            // A multiplier means something only for a satiable consumer whose budget binds
            // (its sign is checked with the consumer's KKT conditions).
            let multiplier = c.consumerMultipliers[h]
            var shortOfBliss = false
            if case .satiableQuadratic(let bliss, _) = consumer.utility { shortOfBliss = c.allocation[h] != bliss }
            guard multiplier.isZero || shortOfBliss else {
                throw reject("consumer \(consumer.name): budget multiplier \(multiplier) must be 0: only a satiable consumer "
                             + "short of its bliss point has one")
            }
            var income = p.dot(consumer.endowment) + (c.transfers.isEmpty ? .zero : c.transfers[h])
            for f in e.firms.indices { income += consumer.shares[f] * profits[f] }
            try checkConsumer(consumer, p, income, c.allocation[h], c.consumerMultipliers[h])
        }
        // 4. Clearing with free disposal.
        var z = -e.totalEndowment
        for x in c.allocation { z = z + x }
        for y in c.production { z = z - y }
        for i in 0..<n {
            guard z[i].signum() <= 0 else { throw reject("good \(e.commodities[i]) is in excess demand: z = \(z[i])") }
            guard (p[i] * z[i]).isZero else {
                throw reject("good \(e.commodities[i]) has price \(p[i]) but excess supply \(-z[i])")
            }
        }
        return CheckedEquilibrium(economy: e, certificate: c, excessDemand: z)
    }

    /// Returns the profit after proving the production profit-maximising.
    static func checkFirm(_ firm: Firm, _ p: Vector, _ y: Vector, _ levels: [Rational], _ dual: [Rational])
        throws(CertificateRejection) -> Rational
    {
        let name = firm.name
        switch firm.technology {
        case .activities(let acts, let bound):
            guard levels.count == acts.count, levels.allSatisfy({ $0.signum() >= 0 }) else {
                throw reject("firm \(name): levels must be one non-negative number per activity")
            }
            var made = Vector.zero(p.count)
            for (k, a) in acts.enumerated() { made = made + levels[k] * a }
            guard made == y else { throw reject("firm \(name): production \(y) is not A·levels = \(made)") }
            // max (p·A) λ subject to Σλ ≤ bound (if any), λ ≥ 0; the checker of LPs decides.
            let objective = acts.map { p.dot($0) }
            let constraints = bound.map { [LinearConstraint([Rational](repeating: 1, count: acts.count), .lessOrEqual, $0)] } ?? []
            let lp = LinearProgram(maximize: objective, subjectTo: constraints)
            switch LPCertificateChecker.check(.optimal(primal: levels, dual: dual), for: lp) {
            case .success: return p.dot(y)
            case .failure(let why): throw reject("firm \(name): profit maximisation not proved: \(why)")
            }
        case .discreteModes(let modes):
            let profit = p.dot(y)
            // Levels say which mode runs: all 0 (inaction) or one 1 (that mode).
            guard dual.isEmpty, levels.count == modes.count, levels.allSatisfy({ $0.isZero || $0 == .one }),
                  levels.filter({ $0 == .one }).count <= 1
            else { throw reject("firm \(name): levels must be one 0 or 1 per mode, at most one 1, and firm_duals empty") }
            let chosen = levels.firstIndex(of: .one).map { modes[$0] } ?? Vector.zero(p.count)
            guard chosen == y else { throw reject("firm \(name): production \(y) is not the mode its levels choose, \(chosen)") }
            for (k, m) in modes.enumerated() where p.dot(m) > profit {
                throw reject("firm \(name): mode \(k) earns \(p.dot(m)) > \(profit)")
            }
            guard profit.signum() >= 0 else { throw reject("firm \(name): inaction earns 0 > \(profit)") }
            return profit
        case .quadraticCost:
            // Strictly concave profit on a box: the unique optimum is the
            // clipped first-order condition, recomputed here.
            guard levels.isEmpty, dual.isEmpty else { throw reject("firm \(name): levels and firm_duals must be empty") }
            guard case .defined(let s) = firm.technology.supply(at: p), s.production == y else {
                throw reject("firm \(name): \(y) is not the quadratic-cost supply y_i = min(capacity, scale·p_i/p·input)")
            }
            return s.profit
        }
    }

    static func checkConsumer(_ c: Consumer, _ p: Vector, _ w: Rational, _ x: Vector, _ multiplier: Rational)
        throws(CertificateRejection)
    {
        let name = c.name
        guard x.allSatisfy({ $0.signum() >= 0 }) else { throw reject("consumer \(name): negative bundle \(x)") }
        let spent = p.dot(x)
        guard spent <= w else { throw reject("consumer \(name): spends \(spent) > income \(w)") }
        switch c.utility {
        case .cobbDouglas(let a):
            let valued = x.indices.filter { a[$0].signum() > 0 }
            if w.isZero {
                // Utility Π x_i^{a_i} is 0 on the whole budget set as soon as one valued
                // good costs something (none of it is affordable): every affordable bundle
                // is optimal. If every valued good is free, utility is unbounded.
                guard valued.contains(where: { p[$0].signum() > 0 }) else {
                    throw reject("consumer \(name): every good it values is free: demand is unbounded")
                }
                return
            }
            // Positive income: the unique optimum is x_i = (a_i / Σa) w / p_i where a_i > 0.
            let total = a.entries.reduce(Rational.zero, +)
            for i in x.indices {
                if a[i].signum() > 0 {
                    guard p[i].signum() > 0, x[i] == a[i] / total * w / p[i] else {
                        throw reject("consumer \(name): good \(i) is not the Cobb–Douglas demand a_i w / (Σa p_i)")
                    }
                } else if !x[i].isZero && p[i].signum() > 0 {
                    throw reject("consumer \(name): buys good \(i), which it does not value")
                }
            }
        case .leontief(let a):
            // Optimal iff x ≥ t·a with t = w / (p·a) on the goods it needs, and p·x = w.
            let cost = p.dot(a)
            guard cost.signum() > 0 else { throw reject("consumer \(name): its goods are free: demand is unbounded") }
            let t = w / cost
            for i in x.indices where a[i].signum() > 0 && x[i] < t * a[i] {
                throw reject("consumer \(name): good \(i) below the Leontief bundle")
            }
            guard spent == w else { throw reject("consumer \(name): does not spend its income") }
        case .linear(let weights):
            // Optimal iff all income is spent, only on goods of greatest weight per unit of money.
            guard !p.indices.contains(where: { p[$0].isZero && weights[$0].signum() > 0 }) else {
                throw reject("consumer \(name): a valued good is free: demand is unbounded")
            }
            let priced = p.indices.filter { p[$0].signum() > 0 }
            let best = priced.map { weights[$0] / p[$0] }.max() ?? .zero
            for i in priced where !x[i].isZero && weights[i] / p[i] != best {
                throw reject("consumer \(name): buys good \(i) below the best weight per unit of money")
            }
            guard spent == w else { throw reject("consumer \(name): does not spend its income") }
        case .cappedLinear(let weights, let cap):
            // Utility min(w·x, cap). The best attainable is the cap if a valued good is
            // free (take it), else min(cap, r·income) with r the best weight per unit of
            // money. Optimal iff the bundle attains it.
            let attainable: Rational
            if p.indices.contains(where: { p[$0].isZero && weights[$0].signum() > 0 }) {
                attainable = cap
            } else {
                let best = p.indices.filter { p[$0].signum() > 0 }.map { weights[$0] / p[$0] }.max() ?? .zero
                attainable = min(cap, best * w)
            }
            guard weights.dot(x) >= attainable else {
                throw reject("consumer \(name): its bundle gives w·x = \(weights.dot(x)), but \(attainable) is affordable")
            }
        case .satiableQuadratic(let b, let weights):
            // Strictly concave: the KKT point is the unique optimum.
            if x == b { return }  // bliss, affordable (checked above)
            guard multiplier.signum() >= 0, spent == w else {
                throw reject("consumer \(name): not at bliss, so the budget must bind with a multiplier ≥ 0")
            }
            for i in x.indices {
                let target = p[i].isZero ? b[i] : max(.zero, b[i] - multiplier * p[i] / (2 * weights[i]))
                guard x[i] == target else {
                    throw reject("consumer \(name): good \(i) is not max(0, b_i − λ p_i / (2 w_i)) for λ = \(multiplier)")
                }
            }
        }
    }
}
