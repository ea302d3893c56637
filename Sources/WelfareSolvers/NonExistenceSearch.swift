public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel
public import EquilibriumCertificates
public import NonExistenceCertificates
import EquilibriumSearch

/// Two nearby prices where a firm's supply switches and a good's excess
/// demand changes sign without passing through zero: the picture of why
/// lumpy firms break existence. Narrative only; the proof is the certificate.
public struct JumpWitness: Sendable, Hashable {
    public let below: Vector
    public let above: Vector
    public let good: Int
    public let excessBelow: Rational
    public let excessAbove: Rational
    public let firm: String
}

/// A checked proof that no equilibrium exists, with what it says about the
/// hypotheses: the one whose failure lets it happen, and for lumpy firms
/// the jump in supply that skips over clearing.
public struct NonExistenceProof: Sendable, Hashable {
    public let checked: CheckedNonExistence
    public let failedHypothesis: FailedHypothesis?
    public let jump: JumpWitness?
}

public enum NonExistenceSearchResult: Sendable {
    /// A certificate that `NonExistenceChecker` accepted.
    case proved(NonExistenceProof)
    /// An equilibrium met on the way, accepted by `EquilibriumChecker`.
    case equilibrium(CheckedEquilibrium)
    /// No proof: why not.
    case declined(String)
}

/// **Non-existence of equilibrium, by certificate** (untrusted search; the
/// verdict comes from `NonExistenceChecker`).
///
/// Tries, in order: an activity that produces from nothing against a
/// consumer whose demand is then unbounded; a reducible linear exchange
/// economy; for two goods, a partition of the price line `p = (t, 1 − t)`.
/// The partition cuts `[0, 1]` wherever an agent's regime can change (two
/// options of a firm earn the same, an activity's profit crosses 0, a
/// linear consumer's best good switches, a capped consumer's cap becomes
/// affordable); each point and each open piece between cuts then gets a
/// witness that the checker can verify, or, where the value of excess
/// demand crosses 0 inside a piece, the crossing is tried as an
/// equilibrium. Where no witness is found (or tied discrete firms have too
/// many combinations), the search declines: never a proof it cannot check.
/// Notes: proofs-notes/existence.md
public func searchNonExistence(_ e: Economy) -> NonExistenceSearchResult {
    if let c = freeProductionCertificate(e), case .success(let checked) = NonExistenceChecker.check(c, for: e),
       case .freeProduction(let f, _, _) = c {
        return .proved(NonExistenceProof(checked: checked, failedHypothesis: FailedHypothesis(
            hypothesis: .boundedProduction, subject: .firm(f), detail: "produces from nothing at constant returns"), jump: nil))
    }
    if let c = reducibleExchangeCertificate(e), case .success(let checked) = NonExistenceChecker.check(c, for: e),
       case .reducibleExchange(_, _, let h, _) = c {
        return .proved(NonExistenceProof(checked: checked, failedHypothesis: FailedHypothesis(
            hypothesis: .positiveEndowment, subject: .consumer(h),
            detail: "owns, with the other traders of its group, only goods that nobody outside the group values"), jump: nil))
    }
    guard e.commodityCount == 2 else {
        return .declined("no structural proof applies, and the price-line analysis needs two goods")
    }
    switch priceLinePieces(e) {
    case .failure(.equilibrium(let checked)): return .equilibrium(checked)
    case .failure(.declined(let why)): return .declined(why)
    case .success(let pieces):
        switch NonExistenceChecker.check(.priceLine(pieces), for: e) {
        case .failure(let why): return .declined("the price-line certificate was rejected: \(why)")
        case .success(let checked):
            let nonConvex = e.firms.indices.first { !e.firms[$0].technology.isConvex }
            let failed = nonConvex.map {
                FailedHypothesis(hypothesis: .convexProduction, subject: .firm($0),
                                 detail: "has discrete modes: its supply jumps instead of passing through the mixtures that would clear markets")
            }
            return .proved(NonExistenceProof(checked: checked, failedHypothesis: failed, jump: jumpWitness(e, pieces)))
        }
    }
}

enum PriceLineStop: Error {
    case equilibrium(CheckedEquilibrium)
    case declined(String)
}

func price(_ t: Rational) -> Vector { [t, 1 - t] }

/// The pieces of the price line with their witnesses.
func priceLinePieces(_ e: Economy) -> Result<[PriceLinePiece], PriceLineStop> {
    var cuts: Set<Rational> = [0, 1]
    func cut(_ v: Vector) {  // where v·(t, 1 − t) = v_1 + (v_0 − v_1) t is 0
        let slope = v[0] - v[1]
        guard !slope.isZero else { return }
        let t = -v[1] / slope
        if t.signum() > 0 && t < 1 { cuts.insert(t) }
    }
    for f in e.firms {
        switch f.technology {
        case .activities(let acts, let bound?):
            let options = [Vector.zero(2)] + acts.map { bound * $0 }
            for i in options.indices { for j in options.indices where j > i { cut(options[i] - options[j]) } }
        case .discreteModes(let modes):
            let options = [Vector.zero(2)] + modes
            for i in options.indices { for j in options.indices where j > i { cut(options[i] - options[j]) } }
        case .activities(let acts, nil):
            for a in acts { cut(a) }
        case .quadraticCost:
            return .failure(.declined("firm \(f.name) has a quadratic cost: not covered by the price-line analysis"))
        }
    }
    for c in e.consumers {
        switch c.utility {
        case .linear(let w), .cappedLinear(let w, _): cut([-w[1], w[0]])  // w_0 (1 − t) = w_1 t
        case .cobbDouglas: break
        case .leontief, .satiableQuadratic:
            return .failure(.declined("consumer \(c.name) is \(c.utility.kind): not covered by the price-line analysis"))
        }
    }
    // Where a capped consumer's cap becomes affordable: linear in t once firms' choices are fixed.
    let firstCuts = cuts.sorted()
    for (a, b) in zip(firstCuts, firstCuts.dropFirst()) {
        let t1 = a + (b - a) / 3, t2 = a + 2 * (b - a) / 3
        guard case .defined(let s1) = e.market(at: price(t1)), case .defined(let s2) = e.market(at: price(t2)) else { continue }
        for (h, c) in e.consumers.enumerated() {
            guard case .cappedLinear(let w, let cap) = c.utility else { continue }
            // Income I(t) through its two samples; the cap costs cap·p_b(t)/w_b for the best good b.
            let slope = (s2.incomes[h] - s1.incomes[h]) / (t2 - t1)
            let income = [s1.incomes[h] + slope * (1 - t1), s1.incomes[h] - slope * t1]  // I(1), I(0)
            let mid = (a + b) / 2
            let best = w[0] * (1 - mid) > w[1] * mid ? 0 : 1
            var capCost = Vector.zero(2)
            capCost[best] = cap / w[best]  // cap·p_b / w_b as a value vector
            cut(capCost - Vector(income))
            // Where good i alone reaches the cap: w_i I(t) = cap·p_i(t).
            for i in 0..<2 {
                var capValue = Vector.zero(2)
                capValue[i] = cap
                cut(w[i] * Vector(income) - capValue)
            }
        }
    }
    let points = cuts.sorted()
    var pieces: [PriceLinePiece] = []
    for (k, t) in points.enumerated() {
        switch pointWitness(e, price(t)) {
        case .success(let w): pieces.append(PriceLinePiece(from: t, to: t, witness: w))
        case .failure(let stop): return .failure(stop)
        }
        guard k + 1 < points.count else { break }
        switch intervalPieces(e, t, points[k + 1], depth: 0) {
        case .success(let inner): pieces += inner
        case .failure(let stop): return .failure(stop)
        }
    }
    return .success(pieces)
}

/// Pieces covering the open interval `(a, b)`: one with its witness, or,
/// where none is found, the interval cut where the value of excess demand
/// crosses 0 (an equilibrium there ends the search) or in half, a few times.
func intervalPieces(_ e: Economy, _ a: Rational, _ b: Rational, depth: Int) -> Result<[PriceLinePiece], PriceLineStop> {
    let stop: PriceLineStop
    switch intervalWitness(e, a, b) {
    case .success(let w): return .success([PriceLinePiece(from: a, to: b, witness: w)])
    case .failure(.equilibrium(let checked)): return .failure(.equilibrium(checked))
    case .failure(let other): stop = other
    }
    guard depth < 6 else { return .failure(stop) }
    let cutAt = crossing(e, a, b) ?? (a + b) / 2
    var pieces: [PriceLinePiece] = []
    switch intervalPieces(e, a, cutAt, depth: depth + 1) {
    case .success(let left): pieces += left
    case .failure(let s): return .failure(s)
    }
    switch pointWitness(e, price(cutAt)) {
    case .success(let w): pieces.append(PriceLinePiece(from: cutAt, to: cutAt, witness: w))
    case .failure(let s): return .failure(s)
    }
    switch intervalPieces(e, cutAt, b, depth: depth + 1) {
    case .success(let right): pieces += right
    case .failure(let s): return .failure(s)
    }
    return .success(pieces)
}

/// Where `t·z_0(t)` crosses 0 inside `(a, b)`, by the line through two
/// samples (exact where every choice is single-valued there), if it does.
func crossing(_ e: Economy, _ a: Rational, _ b: Rational) -> Rational? {
    let t1 = a + (b - a) / 3, t2 = a + 2 * (b - a) / 3
    guard let s1 = e.bestSelection(at: price(t1)), let s2 = e.bestSelection(at: price(t2)) else { return nil }
    let v1 = t1 * s1.excessDemand[0], v2 = t2 * s2.excessDemand[0]
    guard v1 != v2 else { return nil }
    let root = t1 - v1 * (t2 - t1) / (v2 - v1)
    return root > a && root < b ? root : nil
}

/// A witness at one price, or the equilibrium that is there.
func pointWitness(_ e: Economy, _ p: Vector) -> Result<PieceWitness, PriceLineStop> {
    var candidates: [PieceWitness] = []
    for (f, firm) in e.firms.enumerated() {
        if case .activities(let acts, nil) = firm.technology {
            for k in acts.indices where p.dot(acts[k]).signum() > 0 { candidates.append(.unboundedSupply(firm: f, activity: k)) }
        }
    }
    candidates += e.consumers.indices.map { .unboundedDemand(consumer: $0) }
    for w in candidates where NonExistenceChecker.accepts(w, at: p, e) { return .success(w) }
    guard case .defined = e.market(at: p) else {
        return .failure(.declined("at \(p) demand or supply is undefined in a way no witness covers"))
    }
    if let checked = e.checkedEquilibrium(at: p) { return .failure(.equilibrium(checked)) }
    let directions = (0..<p.count).flatMap { i -> [Vector] in
        let up = Vector.unit(i, count: p.count)
        return p[i].isZero ? [up] : [up, -up]
    }
    for d in directions where NonExistenceChecker.accepts(.separated([d]), at: p, e) { return .success(.separated([d])) }
    // Tied discrete firms: one direction per combination of counts.
    let groups = NonExistenceChecker.tiedGroups(e, at: p)
    guard !groups.isEmpty else { return .failure(.declined("at \(p) no single good separates every choice from clearing")) }
    var total = 1
    for g in groups {
        total *= DiscreteChoices.count(of: g.firms.count, into: g.options.count, atMost: NonExistenceChecker.maximumCombinations + 1)
        if total > NonExistenceChecker.maximumCombinations {
            return .failure(.declined("at \(p) tied discrete firms have more than \(NonExistenceChecker.maximumCombinations) combinations"))
        }
    }
    let combinations = DiscreteChoices.product(groups.map { DiscreteChoices.compositions(of: $0.firms.count, into: $0.options.count) })
    var chosen: [Vector] = []
    for (c, _) in combinations.enumerated() {
        // Find a direction for this combination alone: a one-combination certificate is not
        // valid, so test it inside a full list padded with the same direction.
        guard let d = directions.first(where: { d in
            NonExistenceChecker.acceptsCombination(c, direction: d, at: p, e)
        }) else {
            return .failure(.declined("at \(p) combination \(c) of tied discrete firms is separated by no single good"))
        }
        chosen.append(d)
    }
    return .success(.separated(chosen))
}

/// A witness on the open interval `(a, b)`, or the equilibrium inside it.
func intervalWitness(_ e: Economy, _ a: Rational, _ b: Rational) -> Result<PieceWitness, PriceLineStop> {
    var candidates: [PieceWitness] = []
    for (f, firm) in e.firms.enumerated() {
        if case .activities(let acts, nil) = firm.technology {
            candidates += acts.indices.map { .unboundedSupply(firm: f, activity: $0) }
        }
    }
    candidates += [.excess(good: 0, sign: 1), .excess(good: 0, sign: -1), .excess(good: 1, sign: 1), .excess(good: 1, sign: -1)]
    let piece = { (w: PieceWitness) in PriceLinePiece(from: a, to: b, witness: w) }
    for w in candidates where NonExistenceChecker.accepts(piece(w), e) { return .success(w) }
    // The value of excess demand for good 0 is linear on the piece when every choice is
    // single-valued: where it crosses 0 may be an equilibrium.
    if let root = crossing(e, a, b), let checked = e.checkedEquilibrium(at: price(root)) {
        return .failure(.equilibrium(checked))
    }
    // A continuum of equilibria (excess demand 0 on the whole piece) has no crossing: try inside.
    for t in [(a + b) / 2, a + (b - a) / 3] {
        if let checked = e.checkedEquilibrium(at: price(t)) { return .failure(.equilibrium(checked)) }
    }
    return .failure(.declined("no witness for the piece \(a) < t < \(b), and no equilibrium found in it"))
}

/// A jump witness from consecutive open pieces whose supplies differ.
func jumpWitness(_ e: Economy, _ pieces: [PriceLinePiece]) -> JumpWitness? {
    var previous: (p: Vector, z: Vector, supplies: [Vector])? = nil
    for piece in pieces where !piece.isPoint {
        let p = price((piece.from + piece.to) / 2)
        guard let s = e.bestSelection(at: p) else { previous = nil; continue }
        if let prev = previous, prev.supplies != s.production,
           let g = (0..<2).first(where: { prev.z[$0].signum() * s.excessDemand[$0].signum() < 0 }),
           let f = s.production.indices.first(where: { prev.supplies[$0] != s.production[$0] }) {
            return JumpWitness(below: prev.p, above: p, good: g, excessBelow: prev.z[g], excessAbove: s.excessDemand[g],
                               firm: e.firms[f].name)
        }
        previous = (p, s.excessDemand, s.production)
    }
    return nil
}

/// A constant-returns activity `a ≥ 0`, `a ≠ 0`, and a consumer the checker agrees it starves of prices.
func freeProductionCertificate(_ e: Economy) -> NonExistenceCertificate? {
    for (f, firm) in e.firms.enumerated() {
        guard case .activities(let acts, nil) = firm.technology else { continue }
        for (k, a) in acts.enumerated() where a.allSatisfy({ $0.signum() >= 0 }) && !a.isZero {
            for h in e.consumers.indices {
                let c = NonExistenceCertificate.freeProduction(firm: f, activity: k, consumer: h)
                if case .success = NonExistenceChecker.check(c, for: e) { return c }
            }
        }
    }
    return nil
}

/// For each good, the smallest group closed under "who values our goods
/// trades with us" and "our goods are what we own"; a proof when someone
/// outside the group owns a good that a trader in it values.
func reducibleExchangeCertificate(_ e: Economy) -> NonExistenceCertificate? {
    guard e.firms.isEmpty else { return nil }
    var weights: [Vector] = []
    for c in e.consumers {
        guard case .linear(let w) = c.utility else { return nil }
        weights.append(w)
    }
    let n = e.commodityCount
    for seed in 0..<n {
        var goods: Set<Int> = [seed], traders: Set<Int> = []
        while true {
            let valuers = Set(e.consumers.indices.filter { h in goods.contains { weights[h][$0].signum() > 0 } })
            let owned = Set(valuers.flatMap { h in (0..<n).filter { e.consumers[h].endowment[$0].signum() > 0 } })
            if valuers == traders && owned.isSubset(of: goods) { break }
            traders = valuers
            goods.formUnion(owned)
        }
        for h in traders.sorted() {
            for g in goods.sorted() where weights[h][g].signum() > 0 {
                let c = NonExistenceCertificate.reducibleExchange(traders: traders.sorted(), goods: goods.sorted(), trader: h, good: g)
                if case .success = NonExistenceChecker.check(c, for: e) { return c }
            }
        }
    }
    return nil
}
