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
    var debugBoundary = 0, debugInterior = 0
    for regime in regimes {
        let system: RegimeEquations
        do { system = try RegimeEquations(economy: e, regime: regime) } catch { return .undecided(error.reason) }
        guard let root = CensusChecker.domain(e, regime: regime) else {
            return .undecided("an active activity's level has no bound from the endowments (no good that only active "
                              + "activities use)")
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
            // One exclusion test per box, with Krawczyk's when the Jacobian is enclosed.
            let enclosure: RegimeEquations.Enclosure? =
                if case .success(let x) = system.enclosure(over: box) { x } else { nil }
            let y = enclosure.flatMap { floatingInverse($0.jacobian.map { $0.map(\.midpoint.displayDouble) }) }
            if EnclosureChecker.excludes(box, regime: regime, in: e, preconditioner: y) != nil {
                tree.append(.excluded(preconditioner: y))
                continue
            }
            let newton = y.map { krawczykLeaf(e, system, regime, box, preconditioner: $0) }
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
            // Where a price interval reaching 0 blocks the enclosure of demand, split it first.
            // Otherwise the largest smear, width × the largest derivative in that unknown
            // (Kearfott's rule), where demand has an enclosure; else the widest relative to the domain.
            var score = box.indices.map { rootWidths[$0].isZero ? Rational.zero : box[$0].width / rootWidths[$0] }
            if let enclosure {
                score = box.indices.map { j in box[j].width * enclosure.jacobian.map { $0[j].magnitude }.max()! }
            }
            let touching = enclosure == nil ? (0..<system.priced.count).filter { box[$0].lo.isZero } : []
            let j = touching.max { score[$0] < score[$1] } ?? score.indices.max { score[$0] < score[$1] }!
            // Just off the midpoint (at 31/64 of the width), so that simple rational
            // zeros (1/4 in Kehoe's economy) miss every face.
            let (lower, upper) = cut(box, j, at: box[j].lo + box[j].width * Rational(31, 64))
            stack.append((upper, depth + 1, nil))
            stack.append((lower, depth + 1, nil))
        }
        covers.append(.init(regime: regime, tree: tree))
    }
    return .certificate(CensusCertificate(covers: covers))
}

/// Krawczyk's test on a box, with the inverse `y` of its Jacobian
/// enclosure's midpoint, centred at the zero that the chord method
/// (floating point: a seed only) finds from the box's midpoint when it
/// stays in the box: an enclosing leaf, or no node (with that zero, if any).
func krawczykLeaf(_ e: Economy, _ system: RegimeEquations, _ regime: RegimeClaim, _ box: [RationalInterval],
                  preconditioner y: [[Rational]]) -> (node: CensusCertificate.Node?, zero: [Rational]?) {
    let yd = y.map { $0.map(\.displayDouble) }
    var x = box.map(\.midpoint)
    for _ in 0..<12 {
        guard let f = system.value(at: x) else { break }
        let step = yd.map { row in zip(row, f).reduce(0.0) { $0 + $1.0 * $1.1.displayDouble } }
        let next = zip(x, step).map { dyadic($0 - exactRational($1), bits: 64) }
        guard box.indices.allSatisfy({ box[$0].contains(next[$0]) }) else { break }
        x = next
        if box.indices.allSatisfy({ abs(step[$0]) * 1048576 <= box[$0].width.displayDouble }) {
            let certificate = EnclosureCertificate(regime: regime, centre: x, box: box, preconditioner: y)
            if case .success = EnclosureChecker.check(certificate, for: e) { return (.enclosed(centre: x, preconditioner: y), x) }
            return (nil, x)
        }
    }
    return (nil, nil)
}

/// The inverse of a floating-point matrix, each entry an exact dyadic
/// rational: a preconditioner needs only to be close to the inverse.
func floatingInverse(_ a: [[Double]]?) -> [[Rational]]? {
    guard let a else { return nil }
    let n = a.count
    var columns: [[Double]] = []
    for c in 0..<n {
        var flat = a.flatMap { $0 }
        guard let column = solveDense(&flat, (0..<n).map { $0 == c ? 1 : 0 }, n) else { return nil }
        columns.append(column)
    }
    return (0..<n).map { i in (0..<n).map { dyadic(exactRational(columns[$0][i]), bits: 64) } }
}

/// The largest box `zero ± width/2^k` (k = 3, 4, …) inside `box` whose
/// enclosure certificate the checker accepts: the box is then cut down to it.
func inflatedEnclosure(_ e: Economy, _ regime: RegimeClaim, around zero: [Rational],
                       in box: [RationalInterval]) -> EnclosureCertificate? {
    guard box.indices.allSatisfy({ box[$0].lo < zero[$0] && zero[$0] < box[$0].hi }) else { return nil }
    guard let system = try? RegimeEquations(economy: e, regime: regime),
          case .success(let at) = system.enclosure(over: zero.map { RationalInterval($0) }),
          let y = floatingInverse(at.jacobian.map { $0.map(\.midpoint.displayDouble) }) else { return nil }
    var scale = Rational(1, 8)
    for _ in 0..<6 {
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
