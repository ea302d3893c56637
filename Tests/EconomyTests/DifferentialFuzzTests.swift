import Testing
import SeededRandom
import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EquilibriumCertificates
import _TestSupport

/// The trusted equilibrium checker against an independent reference
/// (`ReferenceEquilibrium`, written from the definitions alone: exact LPs
/// for linear and capped consumers and for activity firms, closed forms for
/// Cobb–Douglas and Leontief, KKT breakpoints for satiable consumers,
/// recomputed clearing). On every generated certificate both must give the
/// same verdict.
///
/// Certificates are built at or next to an equilibrium, biased to where
/// bugs live: zero prices and zero incomes, ties of best goods and modes,
/// caps and bliss points, free goods, identical firms, numbers near 2⁶³
/// and 2⁶⁴, and one field moved by 2⁻⁶⁴. `swift test` runs
/// `DifferentialFuzz.defaultCount` cases; any number runs with
/// `WALRAS_DIFFERENTIAL_COUNT=100000 swift test --filter DifferentialFuzz`
/// (and `WALRAS_DIFFERENTIAL_SEED` to start elsewhere).
@Suite("Differential fuzz: the equilibrium checker against an independent reference")
struct DifferentialFuzz {
    static let defaultCount = 3000

    @Test func theCheckerAndTheReferenceAgreeOnEveryCertificate() {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["WALRAS_DIFFERENTIAL_COUNT"].flatMap(Int.init) ?? Self.defaultCount
        let start = environment["WALRAS_DIFFERENTIAL_SEED"].flatMap(UInt64.init) ?? 1
        var accepted = 0, rejected = 0, disagreements: [String] = []
        for seed in start..<(start + UInt64(count)) {
            let (economy, certificate, story) = FuzzCase.make(seed: seed)
            let checker: Bool
            switch EquilibriumChecker.check(certificate, for: economy) {
            case .success: checker = true
            case .failure: checker = false
            }
            let reference = ReferenceEquilibrium.isEquilibrium(
                economy, prices: certificate.prices, allocation: certificate.allocation,
                production: certificate.production, transfers: certificate.transfers)
            if checker { accepted += 1 } else { rejected += 1 }
            if checker != reference {
                let why: String
                if case .failure(let r) = EquilibriumChecker.check(certificate, for: economy) { why = r.reason } else { why = "" }
                disagreements.append("seed \(seed): checker \(checker ? "accepts" : "rejects") (\(why)), reference "
                                     + "\(reference ? "accepts" : "rejects") [\(story)] \(economy.consumers.map { "\($0.utility) ω=\($0.endowment)" }) "
                                     + "\(economy.firms.map { "\($0.technology)" }) p=\(certificate.prices) x=\(certificate.allocation) y=\(certificate.production)")
            }
        }
        print("differential fuzz: \(count) certificates from seed \(start), \(accepted) accepted, \(rejected) rejected, "
              + "\(disagreements.count) disagreements")
        for d in disagreements.prefix(12) { print("DISAGREE", d) }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements; first: \(disagreements.prefix(3))")
        // Neither verdict may dominate, or the comparison says little.
        #expect(accepted * 5 > count && rejected * 5 > count, "\(accepted) accepted, \(rejected) rejected")
    }
}

/// One generated economy and certificate, from a seed.
enum FuzzCase {
    static func make(seed: UInt64) -> (Economy, EquilibriumCertificate, String) {
        var r = CornerRandom(seed: seed)
        let n = r.pick([2, 2, 3])
        let p = r.prices(n)
        var story: [String] = []

        // Firms, at an optimal production (any of the tied ones); an identical copy sometimes.
        var firms: [Firm] = []
        var production: [Vector] = [], levels: [[Rational]] = []
        var attempts = 0
        while firms.count < r.pick([0, 1, 1, 2, 3]) && attempts < 12 {
            attempts += 1
            let t = r.technology(n)
            guard case .defined(let s) = t.supply(at: p) else { continue }
            let k = r.int(s.selections.count)
            for _ in 0..<(r.chance(5) ? 2 : 1) {
                firms.append(Firm(name: "f\(firms.count)", technology: t))
                production.append(s.selections[k])
                levels.append(k < s.levels.count ? s.levels[k] : [])
            }
        }
        // Consumers, each at one optimal bundle (or a mixture of two) for an income drawn first.
        var consumers: [Consumer] = []
        var allocation: [Vector] = []
        attempts = 0
        while consumers.count < r.pick([1, 2, 2, 3]) && attempts < 12 {
            attempts += 1
            let u = r.utility(n)
            let income = r.income()
            guard case .defined(let d) = u.demand(at: p, income: income) else { continue }
            var x = d.selections[r.int(d.selections.count)]
            if d.selections.count > 1, r.chance(2) {
                let other = d.selections[r.int(d.selections.count)]
                let mix = Rational(r.int(5), 4) / Rational(1)  // 0, 1/4, …, 1
                x = mix * x + (1 - mix) * other
            }
            consumers.append(Consumer(name: "c\(consumers.count)", endowment: .zero(n), utility: u, shares: []))
            allocation.append(x)
        }
        if consumers.isEmpty {
            consumers.append(Consumer(name: "c0", endowment: .zero(n), utility: .linear(weights: Vector(Array(repeating: 1, count: n))), shares: []))
            allocation.append(.zero(n))
        }
        // Shares: the first consumer owns everything, or the first two half each.
        let split = consumers.count > 1 && r.chance(2)
        for h in consumers.indices {
            consumers[h].shares = firms.map { _ in h == 0 ? (split ? Rational(1, 2) : 1) : (h == 1 && split ? Rational(1, 2) : 0) }
        }
        // Endowments: each consumer owns its bundle less its share of production, so that
        // income is p·x and markets clear exactly; where that is negative, 0 (markets then fail).
        for h in consumers.indices {
            var w = allocation[h]
            for f in firms.indices { w = w - consumers[h].shares[f] * production[f] }
            consumers[h].endowment = Vector(w.entries.map { max($0, .zero) })
            if w.entries.contains(where: { $0.signum() < 0 }) { story.append("clamped endowment") }
        }
        var transfers: [Rational] = []
        var prices = p
        // One perturbation, sometimes.
        switch r.int(10) {
        case 0 where n > 1:
            let (i, j) = (r.int(n), r.int(n))
            if i != j, prices[j] >= epsilon { prices[i] += epsilon; prices[j] -= epsilon; story.append("price moved") }
        case 1:
            let h = r.int(allocation.count), i = r.int(n)
            let delta = r.chance(2) ? epsilon : -epsilon
            if allocation[h][i] + delta >= 0 { allocation[h][i] += delta; story.append("bundle moved") }
        case 2:
            let h = r.int(consumers.count), i = r.int(n)
            consumers[h].endowment[i] += epsilon
            story.append("endowment moved")
        case 3 where consumers.count > 1:
            let t = r.pick([epsilon, Rational(1, 3), Rational(1 << 62)])
            transfers = consumers.indices.map { $0 == 0 ? t : ($0 == 1 ? -t : .zero) }
            story.append("transfers")
        case 4 where consumers.count > 1:
            // Transfers that keep the equilibrium: move endowment value and transfer it back.
            let i = (0..<n).first { prices[$0].signum() > 0 && consumers[0].endowment[$0].signum() > 0 }
            if let i {
                let q = consumers[0].endowment[i] / 2
                consumers[0].endowment[i] -= q
                consumers[1].endowment[i] += q
                transfers = consumers.indices.map { $0 == 0 ? prices[i] * q : ($0 == 1 ? -prices[i] * q : .zero) }
                story.append("balanced transfers")
            }
        case 6 where n > 1:
            // Trade one unit of a good for its worth in another, spending unchanged (a bundle may go negative).
            let h = r.int(allocation.count), i = r.int(n), j = (i + 1 + r.int(n - 1)) % n
            if prices[j].signum() > 0 {
                allocation[h][i] -= 1
                allocation[h][j] += prices[i] / prices[j]
                story.append("spending moved between goods")
            }
        case 5 where !firms.isEmpty:
            // Another optimal choice of a tied firm (levels follow), or another mode.
            let f = r.int(firms.count)
            if case .defined(let s) = firms[f].technology.supply(at: prices) {
                let k = r.int(s.selections.count)
                production[f] = s.selections[k]
                levels[f] = k < s.levels.count ? s.levels[k] : []
                story.append("firm reselected")
            }
        default: break
        }
        let economy = Economy(name: "fuzz-\(seed)", commodities: (0..<n).map { "g\($0)" }, consumers: consumers, firms: firms)
        let duals = EquilibriumCertificate.profitDuals(economy, prices: prices)
        let multipliers = consumers.indices.map { h -> Rational in
            guard case .satiableQuadratic(let b, let w) = consumers[h].utility, allocation[h] != b else { return .zero }
            let x = allocation[h]
            if let i = (0..<n).first(where: { prices[$0].signum() > 0 && x[$0].signum() > 0 }) {
                return 2 * w[i] * (b[i] - x[i]) / prices[i]
            }
            // Nothing priced is bought (no income): λ must push every priced good to 0.
            return (0..<n).filter { prices[$0].signum() > 0 }.map { 2 * w[$0] * b[$0] / prices[$0] }.max() ?? .zero
        }
        let certificate = EquilibriumCertificate(prices: prices, allocation: allocation, production: production, levels: levels,
                                                 firmDuals: duals, consumerMultipliers: multipliers, transfers: transfers)
        return (economy, certificate, story.joined(separator: ", "))
    }

    static let epsilon = Rational(1, 1 << 62) / 4  // 2⁻⁶⁴
}

/// The project's SplitMix64, drawing values that prefer the corners.
struct CornerRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D) }

    mutating func next() -> UInt64 { generator.next() }
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ oneIn: Int) -> Bool { int(oneIn) == 0 }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }

    /// Non-negative: often 0, small, a simple fraction, or near 2⁶³ or 2⁶⁴.
    mutating func magnitude() -> Rational {
        let big = Rational(1 << 62) * 4  // 2⁶⁴
        switch int(10) {
        case 0, 1: return .zero
        case 2: return Rational(1 << 62) * 2 + Rational(pick([-1, 0, 1]))  // 2⁶³ ± 1
        case 3: return big + Rational(pick([-1, 0, 1]))
        case 4: return Rational(1 + int(3), 1 + int(4))
        default: return Rational(1 + int(5))
        }
    }

    mutating func positive() -> Rational {
        let m = magnitude()
        return m.isZero ? 1 : m
    }

    mutating func vector(_ n: Int, notAllZero: Bool = true) -> Vector {
        var v = Vector((0..<n).map { _ in magnitude() })
        if notAllZero && v.isZero { v[int(n)] = positive() }
        return v
    }

    /// A price in the simplex: a vertex (zero prices), the barycentre (ties), or random.
    mutating func prices(_ n: Int) -> Vector {
        switch int(6) {
        case 0: return .unit(int(n), count: n)
        case 1: return Vector((0..<n).map { _ in Rational(1, n) })
        case 2 where n > 2:
            var v = Vector((0..<n).map { _ in Rational(1 + int(3)) })
            v[int(n)] = .zero
            return Vector(v.entries.map { $0 / v.entries.reduce(Rational.zero, +) })
        default:
            let v = (0..<n).map { _ in Rational(1 + int(6)) * (chance(4) ? Rational(1 << 62) : 1) }
            let total = v.reduce(Rational.zero, +)
            return Vector(v.map { $0 / total })
        }
    }

    mutating func income() -> Rational {
        switch int(5) {
        case 0: return .zero
        case 1: return Rational(1 << 62) * 4 + 1
        default: return Rational(1 + int(4), 1 + int(2))
        }
    }

    mutating func utility(_ n: Int) -> Utility {
        switch int(5) {
        case 0: return .cobbDouglas(exponents: vector(n))
        case 1: return .leontief(coefficients: vector(n))
        case 2: return .linear(weights: chance(3) ? Vector((0..<n).map { _ in 1 }) : vector(n))
        case 3: return .cappedLinear(weights: vector(n), cap: positive())
        default: return .satiableQuadratic(bliss: vector(n, notAllZero: false), weights: Vector((0..<n).map { _ in positive() }))
        }
    }

    /// Activities (bounded or constant returns), modes, or a quadratic cost.
    mutating func technology(_ n: Int) -> Technology {
        func activity() -> Vector {
            var a = Vector((0..<n).map { _ in Rational(int(5)) - 2 })
            if a.isZero { a[0] = 1 }
            return a
        }
        switch int(4) {
        case 0: return .activities((0..<(1 + int(2))).map { _ in activity() }, bound: positive())
        case 1: return .activities((0..<(1 + int(2))).map { _ in activity() }, bound: nil)
        case 2: return .discreteModes((0..<(1 + int(2))).map { _ in activity() })
        default:
            // One input commodity, or (one time in three) a bundle of two.
            var input = Vector.unit(int(n), count: n)
            let second = int(n)
            if chance(3), input[second].isZero { input[second] = positive() }
            var scale = Vector.zero(n), capacity = Vector.zero(n)
            for i in 0..<n where input[i].isZero {
                scale[i] = chance(3) ? .zero : positive()
                capacity[i] = positive()
            }
            return .quadraticCost(input: input, scale: scale, capacity: capacity)
        }
    }
}
