public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// The trusted checker of non-existence certificates.
///
/// Arithmetic and comparisons only: no search, no solver. Every rule
/// covers **every** optimal choice of every agent (set-valued demand and
/// supply included), never one selection:
/// - a price-line certificate must cover `[0, 1]` with alternating points
///   and open intervals, and each piece's witness must hold;
/// - at a point, a separating direction `λ` must make `λ·z > 0` for every
///   optimal choice: the checker takes, per agent, the least `λ·x_h` over
///   the whole demand set (its vertices, which it enumerates itself per
///   utility kind) and the greatest `λ·y_f` over the whole supply set;
///   tied discrete firms are either covered by that bound or enumerated by
///   how many run each option;
/// - on an open interval, it first proves that every agent's regime (best
///   option, best good, whether a cap is affordable) is the same throughout,
///   by the signs of linear functions of `t` at both ends; then incomes and
///   the value of excess demand `p_g z_g` are linear in `t` (bounded above
///   and below where a satiated consumer's demand is a set), and one sign
///   check at each end proves `z_g ≠ 0` throughout.
/// Notes: proofs-notes/existence.md ("Non-existence, by certificate").
public enum NonExistenceChecker {
    /// Beyond this many combinations of tied discrete firms, a point must
    /// be covered by one direction.
    public static let maximumCombinations = 4096

    public static func check(_ c: NonExistenceCertificate, for economy: Economy)
        -> Result<CheckedNonExistence, NonExistenceRejection>
    {
        do {
            switch c {
            case .priceLine(let pieces): try checkPriceLine(pieces, economy)
            case .reducibleExchange(let traders, let goods, let trader, let good):
                try checkReducible(economy, traders, goods, trader, good)
            case .freeProduction(let firm, let activity, let consumer):
                try checkFreeProduction(economy, firm, activity, consumer)
            }
            return .success(CheckedNonExistence(economy: economy, certificate: c))
        } catch {
            return .failure(error)
        }
    }

    static func reject(_ reason: String) -> NonExistenceRejection { NonExistenceRejection(reason: reason) }

    // MARK: - Two goods, the price line

    static func checkPriceLine(_ pieces: [PriceLinePiece], _ e: Economy) throws(NonExistenceRejection) {
        guard e.commodityCount == 2 else { throw reject("a price-line certificate needs exactly two goods") }
        // Coverage: point 0, (0, t1), t1, …, point 1, in order, without gaps or overlaps.
        guard let first = pieces.first, first.isPoint, first.from.isZero, let last = pieces.last, last.isPoint, last.to == .one,
              pieces.count % 2 == 1
        else { throw reject("the pieces must run point 0, interval, point, …, point 1") }
        for (k, piece) in pieces.enumerated() {
            let wantsPoint = k % 2 == 0
            guard piece.isPoint == wantsPoint else {
                throw reject("piece \(k) must be \(wantsPoint ? "a point" : "an open interval") (points and intervals alternate)")
            }
            // A point has from = to, so an interval, which is no point, is then non-empty.
            guard piece.from <= piece.to else { throw reject("piece \(k) runs backwards, from \(piece.from) to \(piece.to)") }
            if k > 0 {
                guard piece.from == pieces[k - 1].to else {
                    throw reject("piece \(k) starts at \(piece.from), not where piece \(k - 1) ends (\(pieces[k - 1].to))")
                }
            }
            do {
                if piece.isPoint {
                    try checkPoint([piece.from, 1 - piece.from], piece.witness, e)
                } else {
                    try checkInterval(piece.from, piece.to, piece.witness, e)
                }
            } catch {
                throw reject("piece \(k) (\(piece.isPoint ? "t = \(piece.from)" : "\(piece.from) < t < \(piece.to)")): \(error)")
            }
        }
    }

    // MARK: - One price

    /// Checks a witness at the price `p` (any number of goods).
    public static func checkPoint(_ p: Vector, _ witness: PieceWitness, _ e: Economy) throws(NonExistenceRejection) {
        guard p.count == e.commodityCount, p.allSatisfy({ $0.signum() >= 0 }), p.entries.reduce(Rational.zero, +) == .one else {
            throw reject("\(p) is not a price in the simplex")
        }
        switch witness {
        case .unboundedSupply(let f, let k):
            guard let a = constantReturnsActivity(e, f, k) else { throw reject("firm \(f) has no constant-returns activity \(k)") }
            guard p.dot(a).signum() > 0 else { throw reject("activity \(k) of firm \(f) earns \(p.dot(a)), not more than 0") }
        case .unboundedDemand(let h):
            guard e.consumers.indices.contains(h) else { throw reject("no consumer \(h)") }
            let profits = try profits(e, p)
            let w = income(e, h, p, profits)
            guard demandIsUnbounded(e.consumers[h].utility, p, w) else {
                throw reject("consumer \(e.consumers[h].name)'s demand is bounded at this price")
            }
        case .separated(let directions):
            _ = try profits(e, p)  // every supply is defined
            let groups = tiedGroups(e, at: p)
            if directions.count == 1 {
                try separates(directions[0], e, p, fixed: nil)
                return
            }
            var total = 1
            for g in groups {
                total *= DiscreteChoices.count(of: g.firms.count, into: g.options.count, atMost: maximumCombinations + 1)
                guard total <= maximumCombinations else {
                    throw reject("more than \(maximumCombinations) combinations of tied discrete firms: one direction must cover them")
                }
            }
            let combinations = DiscreteChoices.product(groups.map {
                DiscreteChoices.compositions(of: $0.firms.count, into: $0.options.count)
            })
            guard directions.count == combinations.count else {
                throw reject("\(directions.count) directions for \(combinations.count) combinations of tied discrete firms")
            }
            for (c, combination) in combinations.enumerated() {
                do {
                    try separates(directions[c], e, p, fixed: fixedProduction(groups, combination, p.count))
                } catch {
                    throw reject("combination \(c) (\(combination.map { $0.map(String.init).joined(separator: "+") }.joined(separator: "; "))): \(error)")
                }
            }
        case .excess:
            throw reject("an excess witness is for open intervals only")
        }
    }

    /// The tied firms of `groups`, and what they make together when each
    /// group's counts are `combination`.
    static func fixedProduction(_ groups: [(options: [Vector], firms: [Int])], _ combination: [[Int]], _ n: Int)
        -> (firms: Set<Int>, made: Vector)
    {
        var made = Vector.zero(n)
        var firms: Set<Int> = []
        for (g, group) in groups.enumerated() {
            firms.formUnion(group.firms)
            for (o, count) in combination[g].enumerated() { made = made + Rational(count) * group.options[o] }
        }
        return (firms, made)
    }

    /// For searches: whether the checker accepts this witness at `p`.
    public static func accepts(_ witness: PieceWitness, at p: Vector, _ e: Economy) -> Bool {
        do { try checkPoint(p, witness, e); return true } catch { return false }
    }

    /// For searches: whether the checker accepts this piece of the price line.
    public static func accepts(_ piece: PriceLinePiece, _ e: Economy) -> Bool {
        do {
            if piece.isPoint { try checkPoint([piece.from, 1 - piece.from], piece.witness, e) } else {
                try checkInterval(piece.from, piece.to, piece.witness, e)
            }
            return true
        } catch { return false }
    }

    /// For searches: whether `direction` separates combination number `c`
    /// (in the order of `DiscreteChoices.product`) of the tied discrete firms at `p`.
    public static func acceptsCombination(_ c: Int, direction: Vector, at p: Vector, _ e: Economy) -> Bool {
        let groups = tiedGroups(e, at: p)
        let combinations = DiscreteChoices.product(groups.map {
            DiscreteChoices.compositions(of: $0.firms.count, into: $0.options.count)
        })
        guard combinations.indices.contains(c) else { return false }
        do { try separates(direction, e, p, fixed: fixedProduction(groups, combinations[c], p.count)); return true } catch {
            return false
        }
    }

    /// Discrete firms whose best options tie at `p`, grouped by the list of
    /// tied options (inaction first, then modes in order). Firms with the
    /// same options matter only through how many run each one.
    public static func tiedGroups(_ e: Economy, at p: Vector) -> [(options: [Vector], firms: [Int])] {
        var groups: [(options: [Vector], firms: [Int])] = []
        for (f, firm) in e.firms.enumerated() {
            guard case .discreteModes(let modes) = firm.technology else { continue }
            let tied = bestOptions([Vector.zero(p.count)] + modes, p)
            guard tied.count > 1 else { continue }
            if let g = groups.firstIndex(where: { $0.options == tied }) { groups[g].firms.append(f) } else { groups.append((tied, [f])) }
        }
        return groups
    }

    /// `λ·z > 0` for every optimal choice at `p`, where the firms in
    /// `fixed` (if any) together produce exactly `fixed.made`.
    static func separates(_ lambda: Vector, _ e: Economy, _ p: Vector, fixed: (firms: Set<Int>, made: Vector)?)
        throws(NonExistenceRejection)
    {
        guard lambda.count == p.count else { throw reject("a direction has \(lambda.count) entries, not \(p.count)") }
        for i in p.indices where p[i].isZero && lambda[i].signum() < 0 {
            throw reject("the direction is negative on good \(i), whose price is 0: an equilibrium may leave it in surplus")
        }
        let profits = try profits(e, p)
        var least = -lambda.dot(e.totalEndowment)
        for (h, consumer) in e.consumers.enumerated() {
            least += try leastValue(lambda, consumer.utility, p, income(e, h, p, profits), consumer.name)
        }
        if let fixed { least -= lambda.dot(fixed.made) }
        for f in e.firms.indices where !(fixed?.firms.contains(f) ?? false) {
            least -= try greatestValue(lambda, e.firms[f], p)
        }
        guard least.signum() > 0 else {
            throw reject("some optimal choice gives λ·z = \(least) ≤ 0 for λ = \(lambda)")
        }
    }

    /// The least `λ·x` over the consumer's whole demand set at `(p, w)`, for
    /// `λ ≥ 0` on free goods (so free goods, the set's recession
    /// directions, never lower it).
    static func leastValue(_ lambda: Vector, _ u: Utility, _ p: Vector, _ w: Rational, _ name: String)
        throws(NonExistenceRejection) -> Rational
    {
        guard !demandIsUnbounded(u, p, w) else { throw reject("consumer \(name)'s demand is unbounded at this price") }
        let n = p.count
        switch u {
        case .cobbDouglas(let a):
            if w.isZero { return .zero }  // utility 0 on the whole budget set: the free-goods cone
            let total = a.entries.reduce(Rational.zero, +)
            return (0..<n).reduce(Rational.zero) { s, i in a[i].signum() > 0 ? s + lambda[i] * a[i] / total * w / p[i] : s }
        case .leontief(let a):
            return lambda.dot(a) * w / p.dot(a)
        case .linear(let weights):
            if w.isZero { return .zero }
            let priced = (0..<n).filter { p[$0].signum() > 0 }
            let best = priced.map { weights[$0] / p[$0] }.max()!
            return priced.filter { weights[$0] / p[$0] == best }.map { lambda[$0] * w / p[$0] }.min()!
        case .cappedLinear(let weights, let cap):
            // The set {x ≥ 0 : w·x ≥ v, p·x ≤ income}, with v the best attainable value.
            let freeValued = (0..<n).contains { p[$0].isZero && weights[$0].signum() > 0 }
            let best = (0..<n).filter { p[$0].signum() > 0 }.map { weights[$0] / p[$0] }.max() ?? .zero
            let v = freeValued ? cap : min(cap, best * w)
            if v.isZero { return .zero }
            // A vertex has at most two nonzero goods; list them all.
            var least: Rational? = nil
            func consider(_ value: Rational) { least = min(least ?? value, value) }
            for j in 0..<n {
                if weights[j].signum() > 0, p[j] * v / weights[j] <= w { consider(lambda[j] * v / weights[j]) }
                if p[j].signum() > 0, weights[j] * w / p[j] >= v { consider(lambda[j] * w / p[j]) }
                for k in (j + 1)..<n {
                    let det = weights[j] * p[k] - weights[k] * p[j]
                    guard !det.isZero else { continue }
                    let xj = (v * p[k] - weights[k] * w) / det, xk = (weights[j] * w - p[j] * v) / det
                    if xj.signum() > 0, xk.signum() > 0 { consider(lambda[j] * xj + lambda[k] * xk) }
                }
            }
            guard let least else { throw reject("consumer \(name): no optimal bundle found (internal)") }
            return least
        case .satiableQuadratic:
            // Strictly concave: one optimum, the model's closed form.
            guard case .defined(let d) = u.demand(at: p, income: w), d.isSingleValued else {
                throw reject("consumer \(name): satiable demand is not single-valued")
            }
            return lambda.dot(d.bundle)
        }
    }

    /// The greatest `λ·y` over the firm's whole supply set at `p`.
    static func greatestValue(_ lambda: Vector, _ firm: Firm, _ p: Vector) throws(NonExistenceRejection) -> Rational {
        switch firm.technology {
        case .activities(let acts, let bound?):
            return bestOptions([Vector.zero(p.count)] + acts.map { bound * $0 }, p).map { lambda.dot($0) }.max()!
        case .discreteModes(let modes):
            return bestOptions([Vector.zero(p.count)] + modes, p).map { lambda.dot($0) }.max()!
        case .activities(let acts, nil):
            // Every activity earns ≤ 0 (checked by `profits`); the supply set is the cone
            // of those that earn exactly 0.
            for a in acts where p.dot(a).isZero && lambda.dot(a).signum() > 0 {
                throw reject("firm \(firm.name) can run \(a) at zero profit on any scale: λ·y is unbounded")
            }
            return .zero
        case .quadraticCost:
            guard case .defined(let s) = firm.technology.supply(at: p) else { throw reject("firm \(firm.name): no supply") }
            return lambda.dot(s.production)
        }
    }

    /// The options of greatest value `p·v`.
    static func bestOptions(_ options: [Vector], _ p: Vector) -> [Vector] {
        let values = options.map { p.dot($0) }
        let top = values.max()!
        var out: [Vector] = []
        for (k, v) in options.enumerated() where values[k] == top && !out.contains(v) { out.append(v) }
        return out
    }

    /// Each firm's maximal profit at `p`; rejects where one is unbounded.
    static func profits(_ e: Economy, _ p: Vector) throws(NonExistenceRejection) -> [Rational] {
        var out: [Rational] = []
        for firm in e.firms {
            switch firm.technology {
            case .activities(let acts, let bound?): out.append(bound * max(.zero, acts.map { p.dot($0) }.max() ?? .zero))
            case .discreteModes(let modes): out.append(max(.zero, modes.map { p.dot($0) }.max() ?? .zero))
            case .activities(let acts, nil):
                guard acts.allSatisfy({ p.dot($0).signum() <= 0 }) else {
                    throw reject("firm \(firm.name) has an activity that earns money at constant returns: supply is unbounded")
                }
                out.append(.zero)
            case .quadraticCost:
                guard case .defined(let s) = firm.technology.supply(at: p) else { throw reject("firm \(firm.name): no supply") }
                out.append(s.profit)
            }
        }
        return out
    }

    static func income(_ e: Economy, _ h: Int, _ p: Vector, _ profits: [Rational]) -> Rational {
        let c = e.consumers[h]
        return e.firms.indices.reduce(p.dot(c.endowment)) { $0 + c.shares[$1] * profits[$1] }
    }

    /// Utility is unbounded on the budget set `{x ≥ 0 : p·x ≤ w}`.
    static func demandIsUnbounded(_ u: Utility, _ p: Vector, _ w: Rational) -> Bool {
        let free = p.indices.filter { p[$0].isZero }
        switch u {
        case .cobbDouglas(let a):
            // A free valued good, and either income to buy the others or no other.
            let valued = p.indices.filter { a[$0].signum() > 0 }
            return valued.contains { free.contains($0) } && (w.signum() > 0 || valued.allSatisfy { free.contains($0) })
        case .leontief(let a): return p.dot(a).isZero
        case .linear(let weights): return free.contains { weights[$0].signum() > 0 }
        case .cappedLinear, .satiableQuadratic: return false
        }
    }

    static func constantReturnsActivity(_ e: Economy, _ f: Int, _ k: Int) -> Vector? {
        guard e.firms.indices.contains(f), case .activities(let acts, nil) = e.firms[f].technology, acts.indices.contains(k)
        else { return nil }
        return acts[k]
    }
}

// MARK: - Structural certificates (any number of goods)

extension NonExistenceChecker {
    /// A reducible linear exchange economy. Suppose `p` were an equilibrium.
    /// The others never buy a good of `goods` at a positive price (they give
    /// it no weight), so the value `Σ_{g∈G} p_g Ω_g` of those goods, which
    /// clearing says is spent on them, is spent by the traders, whose income
    /// is only `Σ_{g∈G} p_g ω^S_g`. Hence `Σ_{g∈G} p_g ω^others_g ≤ 0`, and
    /// `good` (owned in part by the others) is free; `trader` values it, so
    /// its demand is unbounded. No equilibrium.
    static func checkReducible(_ e: Economy, _ traders: [Int], _ goods: [Int], _ trader: Int, _ good: Int)
        throws(NonExistenceRejection)
    {
        guard e.firms.isEmpty else { throw reject("a reducible-exchange certificate is for exchange economies (no firms)") }
        var weights: [Vector] = []
        for c in e.consumers {
            guard case .linear(let w) = c.utility else { throw reject("consumer \(c.name) is not linear") }
            weights.append(w)
        }
        let n = e.commodityCount
        guard Set(traders).count == traders.count, traders.allSatisfy(e.consumers.indices.contains),
              Set(goods).count == goods.count, goods.allSatisfy((0..<n).contains)
        else { throw reject("traders and goods must be distinct, existing indices") }
        let inS = Set(traders), inG = Set(goods)
        for h in e.consumers.indices where !inS.contains(h) {
            if let g = goods.first(where: { weights[h][$0].signum() > 0 }) {
                throw reject("consumer \(e.consumers[h].name), not among the traders, values good \(e.commodities[g])")
            }
        }
        for h in traders {
            if let i = (0..<n).first(where: { !inG.contains($0) && e.consumers[h].endowment[$0].signum() > 0 }) {
                throw reject("trader \(e.consumers[h].name) owns good \(e.commodities[i]), which is not among the goods")
            }
        }
        guard inS.contains(trader), inG.contains(good), weights[trader][good].signum() > 0 else {
            throw reject("the witness trader must be a trader who values the witness good, one of the goods")
        }
        let othersOwn = e.consumers.indices.filter { !inS.contains($0) }
            .reduce(Rational.zero) { $0 + e.consumers[$1].endowment[good] }
        guard othersOwn.signum() > 0 else {
            throw reject("nobody outside the traders owns good \(e.commodities[good])")
        }
    }

    /// Free production: at an equilibrium `p·a ≤ 0` (else supply is
    /// unbounded), so with `a ≥ 0` every output of `a` is free; `consumer`
    /// values one of them in a way that makes its demand unbounded whatever
    /// its income (a linear weight on it, or every good it values free).
    static func checkFreeProduction(_ e: Economy, _ f: Int, _ k: Int, _ h: Int) throws(NonExistenceRejection) {
        guard let a = constantReturnsActivity(e, f, k) else { throw reject("firm \(f) has no constant-returns activity \(k)") }
        // A zero activity has no outputs, so no consumer below is unbounded by it.
        guard a.allSatisfy({ $0.signum() >= 0 }) else {
            throw reject("activity \(k) of firm \(e.firms[f].name) does not produce from nothing: it has an input")
        }
        guard e.consumers.indices.contains(h) else { throw reject("no consumer \(h)") }
        let outputs = Set(a.indices.filter { a[$0].signum() > 0 })
        let unbounded: Bool
        switch e.consumers[h].utility {
        case .linear(let w): unbounded = outputs.contains { w[$0].signum() > 0 }
        case .cobbDouglas(let v), .leontief(let v):
            let valued = v.indices.filter { v[$0].signum() > 0 }
            unbounded = !valued.isEmpty && valued.allSatisfy(outputs.contains)
        case .cappedLinear, .satiableQuadratic: unbounded = false
        }
        guard unbounded else {
            throw reject("consumer \(e.consumers[h].name)'s demand stays bounded when the outputs of the activity are free")
        }
    }
}
