public import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
import ContractionCertificates
public import EnclosureCertificates
import Budgets

// Untrusted: looks for every equilibrium of a small economy by subdivision
// with exclusion and Krawczyk inclusion, and writes what it did as a
// `CensusCertificate` for `CensusChecker`.

public struct CensusLimits: Sendable, Hashable {
    /// Leaves over all regimes before the search gives up.
    public var maximumLeaves: Int
    /// Bisections along one path before a box is given up.
    public var maximumDepth: Int
    public init(maximumLeaves: Int = 400_000, maximumDepth: Int = 80) {
        self.maximumLeaves = maximumLeaves
        self.maximumDepth = maximumDepth
    }
}

public enum CensusSearchOutcome: Sendable {
    case certificate(CensusCertificate)
    /// The economy is outside what a census covers, or the search gave up.
    case undecided(String)
}

/// Subdivides each regime's domain (`CensusChecker.domain`): a box is
/// excluded when `EnclosureChecker.excludes` says so; a small box gets a
/// Krawczyk test (centre by two exact Newton steps from its midpoint,
/// preconditioner the inverse Jacobian there), which either encloses its
/// one zero or, failing that, may exclude it; any other box is halved
/// along its widest unknown, relative to the domain.
public func searchCensus(_ e: Economy, limits: CensusLimits = CensusLimits()) -> CensusSearchOutcome {
    guard let regimes = CensusChecker.regimes(e) else {
        return .undecided("a census covers up to 12 goods, constant-returns activities and quadratic-cost outputs together, "
                          + "and no other firm kind")
    }
    var covers: [CensusCertificate.Cover] = []
    var leaves = 0
    let started = ContinuousClock.now
    var clock: Duration { ContinuousClock.now - started }
    for regime in regimes {
        guard let root = CensusChecker.domain(e, regime: regime),
              let system = try? RegimeEquations(economy: e, regime: regime) else {
            return .undecided("regime \(regime): an active activity's level has no bound from the endowments")
        }
        let rootWidths = root.map(\.width)
        var tree: [CensusCertificate.Node] = []
        // A box, its depth, and the enclosure being carved out of it, if any.
        var stack: [(box: [RationalInterval], depth: Int, carve: EnclosureCertificate?)] = [(root, 0, nil)]
        func cut(_ box: [RationalInterval], _ j: Int, at c: Rational) -> (lower: [RationalInterval], upper: [RationalInterval]) {
            tree.append(.split(j, at: c))
            var lower = box, upper = box
            lower[j] = RationalInterval(box[j].lo, c)
            upper[j] = RationalInterval(c, box[j].hi)
            return (lower, upper)
        }
        while let (box, depth, carve) = stack.popLast() {
            leaves += 1
            guard leaves <= limits.maximumLeaves else { return .undecided("the census stopped after \(limits.maximumLeaves) boxes") }
            if leaves % 64 == 0, Budget.current.isExhausted {
                return .undecided("the census stopped at the end of its budget (--stage-seconds census=S)")
            }
            if let target = carve {
                // Cut the box down to the enclosure's box, one face at a time; the rest is searched as usual.
                if let j = box.indices.first(where: { box[$0].lo < target.box[$0].lo }) {
                    let (lower, upper) = cut(box, j, at: target.box[j].lo)
                    stack.append((upper, depth, target))
                    stack.append((lower, depth + 1, nil))
                } else if let j = box.indices.first(where: { box[$0].hi > target.box[$0].hi }) {
                    let (lower, upper) = cut(box, j, at: target.box[j].hi)
                    stack.append((upper, depth + 1, nil))
                    stack.append((lower, depth, target))
                } else {
                    tree.append(.enclosed(centre: target.centre, preconditioner: target.preconditioner))
                }
                continue
            }
            if EnclosureChecker.excludes(box, regime: regime, in: e) != nil {
                tree.append(.excluded(preconditioner: nil))
                continue
            }
            let newton = krawczykLeaf(e, system, regime, box)
            if let node = newton?.node {
                tree.append(node)
                continue
            }
            if let zero = newton?.zero, let target = inflatedEnclosure(e, regime, around: zero, in: box) {
                leaves -= 1
                stack.append((box, depth, target))
                continue
            }
            guard depth < limits.maximumDepth else {
                return .undecided("regime \(regime): a box was still undecided after \(limits.maximumDepth) bisections: \(box)")
            }
            // A price interval reaching 0 blocks every enclosure of demand: split it first.
            // Otherwise the largest smear, width × the largest derivative in that unknown
            // (Kearfott's rule), where demand has an enclosure; else the widest relative to the domain.
            var score = box.indices.map { rootWidths[$0].isZero ? Rational.zero : box[$0].width / rootWidths[$0] }
            if case .success(let enclosure) = system.enclosure(over: box) {
                score = box.indices.map { j in box[j].width * enclosure.jacobian.map { $0[j].magnitude }.max()! }
            }
            let j = (0..<system.priced.count).first { box[$0].lo.isZero } ?? score.indices.max { score[$0] < score[$1] }!
            // Just off the midpoint (at 31/64 of the width), so that simple rational
            // zeros (1/4 in Kehoe's economy) miss every face.
            let (lower, upper) = cut(box, j, at: box[j].lo + box[j].width * Rational(31, 64))
            stack.append((upper, depth + 1, nil))
            stack.append((lower, depth + 1, nil))
        }
        covers.append(.init(regime: regime, tree: tree))
        print("DEBUG regime", regime.freeGoods, regime.activeActivities.map(\.activity), tree.count, leaves, clock)
    }
    return .certificate(CensusCertificate(covers: covers))
}

/// Krawczyk's test on a small box, centred at the zero that Newton's
/// method finds from the box's midpoint (when it stays in the box): an
/// enclosing leaf, an excluding one, or no node (with that zero, if any).
func krawczykLeaf(_ e: Economy, _ system: RegimeEquations, _ regime: RegimeClaim,
                  _ box: [RationalInterval]) -> (node: CensusCertificate.Node?, zero: [Rational]?)? {
    guard box.prefix(system.priced.count).allSatisfy(\.isPositive) else { return nil }
    func jacobian(at x: [Rational]) -> Matrix? {
        guard case .success(let enclosure) = system.enclosure(over: x.map { RationalInterval($0) }) else { return nil }
        return Matrix(rows: enclosure.jacobian.map { $0.map(\.midpoint) })
    }
    var x = box.map(\.midpoint)
    var zero: [Rational]? = nil
    for _ in 0..<6 {
        guard let f = system.value(at: x), let j = jacobian(at: x), let step = j.solve(Vector(f)) else { break }
        let next = zip(x, step.entries).map { dyadic($0 - $1, bits: 64) }
        guard box.indices.allSatisfy({ box[$0].contains(next[$0]) }) else { break }
        x = next
        if box.indices.allSatisfy({ step[$0].magnitude * Rational(1 << 20) <= box[$0].width }) { zero = x; break }
    }
    guard let inverse = jacobian(at: x)?.inverse else { return (nil, zero) }
    let y = (0..<inverse.rowCount).map { i in (0..<inverse.columnCount).map { dyadic(inverse[i, $0], bits: 64) } }
    if zero != nil,
       case .success = EnclosureChecker.check(EnclosureCertificate(regime: regime, centre: x, box: box, preconditioner: y), for: e) {
        return (.enclosed(centre: x, preconditioner: y), zero)
    }
    if EnclosureChecker.excludes(box, regime: regime, in: e, preconditioner: y) != nil { return (.excluded(preconditioner: y), nil) }
    return (nil, zero)
}

/// The largest box `zero ± width/2^k` (k = 3, 4, …) inside `box` whose
/// enclosure certificate the checker accepts: the box is then cut down to it.
func inflatedEnclosure(_ e: Economy, _ regime: RegimeClaim, around zero: [Rational],
                       in box: [RationalInterval]) -> EnclosureCertificate? {
    guard box.indices.allSatisfy({ box[$0].lo < zero[$0] && zero[$0] < box[$0].hi }) else { return nil }
    guard let system = try? RegimeEquations(economy: e, regime: regime),
          case .success(let at) = system.enclosure(over: zero.map { RationalInterval($0) }),
          let inverse = Matrix(rows: at.jacobian.map { $0.map(\.midpoint) }).inverse else { return nil }
    let y = (0..<inverse.rowCount).map { i in (0..<inverse.columnCount).map { dyadic(inverse[i, $0], bits: 64) } }
    var scale = Rational(1, 8)
    for _ in 0..<24 {
        let inner = box.indices.map { j in
            let r = min(box[j].width * scale, zero[j] - box[j].lo, box[j].hi - zero[j]) / 2
            return RationalInterval(dyadic(zero[j] - r, bits: 96), dyadic(zero[j] + r, bits: 96))
        }
        let certificate = EnclosureCertificate(regime: regime, centre: zero, box: inner, preconditioner: y)
        if inner.indices.allSatisfy({ inner[$0].lo >= box[$0].lo && inner[$0].hi <= box[$0].hi }),
           case .success = EnclosureChecker.check(certificate, for: e) { return certificate }
        scale /= 4
    }
    return nil
}
