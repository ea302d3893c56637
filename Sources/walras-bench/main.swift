// Walras benchmarks: `swift run -c release walras-bench`.
//
// Each workload runs in Swift over ExactArithmetic and in C directly over
// GMP's mpq_t (the floor), in the same process, on the same inputs drawn
// from SplitMix64. Times are the best of several repetitions; the table
// prints the ratio Swift/C against the bar set in issue 2. Checksums
// confirm that both sides computed the same exact result.
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import EquilibriumSearch
import Harness
import GMPBaseline
import Tatonnement
import EconomyFormat
import TheoremChecks
import AgentEconomy
import EquilibriumCertificates
import ContractionCertificates
import EnclosureCertificates
import WelfareSolvers
import ExactLPEngine
import Budgets
import SeededRandom
import FlintLinearAlgebra
import Foundation

/// `walras-bench [SECTION …]`: arithmetic, search, race, sweep, contraction,
/// agents, scale; all of them when none is named.
let requestedSections = Set(CommandLine.arguments.dropFirst())
func wants(_ section: String) -> Bool { requestedSections.isEmpty || requestedSections.contains(section) }

struct NashMap {
    let a: [[Double]], b: [[Double]], m1: Int, m2: Int
    /// The payoffs as given (integers), for the exact support solve.
    let exactA: [[Rational]], exactB: [[Rational]]

    init(a: [[Double]], b: [[Double]]) {
        exactA = a.map { $0.map { Rational(Int($0.rounded())) } }
        exactB = b.map { $0.map { Rational(Int($0.rounded())) } }
        // Payoffs scaled to [0, 1] (the range of 0…99), so gains and probabilities are comparable.
        self.a = a.map { $0.map { $0 / 99 } }
        self.b = b.map { $0.map { $0 / 99 } }
        m1 = a.count
        m2 = a[0].count
    }

    func profile(_ x: [Double]) -> ([Double], [Double]) {
        var s1 = Array(x[0..<(m1 - 1)]), s2 = Array(x[(m1 - 1)...])
        s1.append(1 - s1.reduce(0, +))
        s2.append(1 - s2.reduce(0, +))
        return (projectOntoSimplex(s1), projectOntoSimplex(s2))
    }

    func payoffs(_ s1: [Double], _ s2: [Double]) -> ([Double], Double, [Double], Double) {
        let u1 = (0..<m1).map { i in (0..<m2).reduce(0.0) { $0 + a[i][$1] * s2[$1] } }
        let u2 = (0..<m2).map { j in (0..<m1).reduce(0.0) { $0 + b[$1][j] * s1[$1] } }
        return (u1, zip(s1, u1).reduce(0) { $0 + $1.0 * $1.1 }, u2, zip(s2, u2).reduce(0) { $0 + $1.0 * $1.1 })
    }

    func residual(_ x: [Double]) -> [Double] {
        let (s1, s2) = profile(x)
        let (u1, v1, u2, v2) = payoffs(s1, s2)
        let g1 = u1.map { max(0, $0 - v1) }, g2 = u2.map { max(0, $0 - v2) }
        let t1 = 1 + g1.reduce(0, +), t2 = 1 + g2.reduce(0, +)
        let f = (0..<(m1 - 1)).map { (s1[$0] + g1[$0]) / t1 } + (0..<(m2 - 1)).map { (s2[$0] + g2[$0]) / t2 }
        return zip(x, f).map { $0 - $1 }
    }

    /// The exact Nash equilibrium on the supports of the approximate profile
    /// `x` (the path's last facet tells which strategies are played): each
    /// player's mix makes the other indifferent on its support, solved in
    /// rationals, and accepted only when both mixes are ≥ 0 and no strategy
    /// gains (regret exactly 0). The game's analogue of solving an economy's
    /// regime exactly. Nil when the supports give no such equilibrium.
    func supportEquilibrium(near x: [Double]) -> (s1: [Rational], s2: [Rational])? {
        let (p1, p2) = profile(x)
        // Supports: the strategies above a threshold, else the k most played of each (a rough
        // zero, from a path stopped at a coarse mesh, still ranks the strategies it plays).
        var candidates: [([Int], [Int])] = [1e-6, 1e-9, 1e-3].map { t in
            ((0..<m1).filter { p1[$0] > t }, (0..<m2).filter { p2[$0] > t })
        }
        // Ranked by probability, and by payoff against the other's mix (a support is among the best responses).
        let (u1, _, u2, _) = payoffs(p1, p2)
        let byMix1 = (0..<m1).sorted { p1[$0] > p1[$1] }, byMix2 = (0..<m2).sorted { p2[$0] > p2[$1] }
        let byPay1 = (0..<m1).sorted { u1[$0] > u1[$1] }, byPay2 = (0..<m2).sorted { u2[$0] > u2[$1] }
        for k in 1...min(m1, m2) {
            for (r1, r2) in [(byMix1, byMix2), (byPay1, byPay2), (byMix1, byPay2), (byPay1, byMix2)] {
                let candidate = (Array(r1.prefix(k)).sorted(), Array(r2.prefix(k)).sorted())
                if !candidates.contains(where: { $0 == candidate }) { candidates.append(candidate) }
            }
        }
        for (support1, support2) in candidates {
            guard support1.count == support2.count, !support1.isEmpty else { continue }
            // y on support2 with (A y)_i = v for i in support1, Σy = 1; x on support1 likewise with B.
            func mix(_ payoff: (Int, Int) -> Rational, rows: [Int], columns: [Int]) -> [Rational]? {
                let k = columns.count
                var m = rows.map { i in columns.map { payoff(i, $0) } + [-1] }
                m.append([Rational](repeating: 1, count: k) + [0])
                guard let solution = Matrix(rows: m).solve(Vector([Rational](repeating: 0, count: k) + [1])) else { return nil }
                return Array(solution.entries.prefix(k))
            }
            guard let y = mix({ exactA[$0][$1] }, rows: support1, columns: support2),
                  let xs = mix({ exactB[$1][$0] }, rows: support2, columns: support1),
                  y.allSatisfy({ $0.signum() >= 0 }), xs.allSatisfy({ $0.signum() >= 0 }) else { continue }
            var s1 = [Rational](repeating: 0, count: m1), s2 = [Rational](repeating: 0, count: m2)
            for (k, i) in support1.enumerated() { s1[i] = xs[k] }
            for (k, j) in support2.enumerated() { s2[j] = y[k] }
            let u1 = (0..<m1).map { i in (0..<m2).reduce(Rational.zero) { $0 + exactA[i][$1] * s2[$1] } }
            let u2 = (0..<m2).map { j in (0..<m1).reduce(Rational.zero) { $0 + exactB[$1][j] * s1[$1] } }
            let v1 = zip(s1, u1).reduce(Rational.zero) { $0 + $1.0 * $1.1 }, v2 = zip(s2, u2).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
            if u1.allSatisfy({ $0 <= v1 }), u2.allSatisfy({ $0 <= v2 }) { return (s1, s2) }
        }
        return nil
    }

    /// Maximum regret, as a fraction of the payoff range.
    func regret(_ x: [Double]) -> Double {
        let (s1, s2) = profile(x)
        let (u1, v1, u2, v2) = payoffs(s1, s2)
        return max(u1.max()! - v1, u2.max()! - v2)
    }
}

func nanoseconds(_ body: () -> Void) -> Int64 {
    let start = ContinuousClock.now
    body()
    let d = ContinuousClock.now - start
    return d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
}

func best(_ repetitions: Int, _ body: () -> Void) -> Int64 {
    (0..<repetitions).map { _ in nanoseconds(body) }.min()!
}

func cChecksum(_ run: (UnsafeMutablePointer<CChar>, Int) -> Int64) -> (Int64, String) {
    var buffer = [CChar](repeating: 0, count: 1 << 16)
    let t = buffer.withUnsafeMutableBufferPointer { run($0.baseAddress!, $0.count) }
    let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    return (t, text)
}

struct Row {
    let name: String, what: String, swift: Int64, c: Int64, bar: Double, agree: Bool
    var ratio: Double { Double(swift) / Double(c) }
}

var rows: [Row] = []

// W1 and W1s: dot products.
func dotWorkload(name: String, what: String, maxDenominator: Int, seed: UInt64, bar: Double) -> Row {
    var rng = SplitMix64(seed: seed)
    let n = 10_000
    var an = [Int](), ad = [Int](), bn = [Int](), bd = [Int]()
    for _ in 0..<n {
        an.append(rng.int(in: 1...1000)); ad.append(rng.int(in: 1...maxDenominator))
        bn.append(rng.int(in: 1...1000)); bd.append(rng.int(in: 1...maxDenominator))
    }
    let a = Vector((0..<n).map { Rational(an[$0], ad[$0]) })
    let b = Vector((0..<n).map { Rational(bn[$0], bd[$0]) })
    var result = Rational.zero
    let swiftTime = best(7) { result = a.dot(b) }
    let (cTime, cResult) = cChecksum { buf, len in
        baseline_dot(an, ad, bn, bd, Int32(n), 7, buf, len)
    }
    return Row(name: name, what: what, swift: swiftTime, c: cTime, bar: bar, agree: result.description == cResult)
}

func ms(_ ns: Int64) -> String {
    let v = Double(ns) / 1e6
    return v < 10 ? String(format3(v)) : String(Int(v.rounded()))
}

func format3(_ v: Double) -> String {
    let scaled = (v * 1000).rounded() / 1000
    return "\(scaled)"
}

if wants("arithmetic") {
rows.append(dotWorkload(name: "W1", what: "dot product, 10,000 rationals, num/den in 1..1000", maxDenominator: 1000,
            seed: 0xB1, bar: 1.2))
rows.append(dotWorkload(name: "W1s", what: "dot product, 10,000 rationals, den in 1..10", maxDenominator: 10,
            seed: 0xB2, bar: 0.5))

// W2: dense solve.
do {
    var rng = SplitMix64(seed: 0xB3)
    let n = 60
    let entries = (0..<(n * n)).map { _ in rng.int(in: -9...9) }
    let rhs = (0..<n).map { _ in rng.int(in: -9...9) }
    let a = Matrix(rows: (0..<n).map { i in (0..<n).map { Rational(entries[i * n + $0]) } })
    let b = Vector(rhs.map { Rational($0) })
    var x: Vector? = nil
    let swiftTime = best(3) { x = a.solve(b) }
    let (cTime, cResult) = cChecksum { buf, len in baseline_solve(entries, rhs, Int32(n), 3, buf, len) }
    rows.append(Row(name: "W2", what: "solve a dense 60×60 system, integer entries in -9..9", swift: swiftTime,
                    c: cTime, bar: 0.2, agree: x?[0].description == cResult))
}

// W3: Cobb–Douglas excess demand and Walras' law.
do {
    var rng = SplitMix64(seed: 0xB4)
    let goods = 10, consumers = 3, pool = 1000, evaluations = 100_000
    var expNum = [Int](), expDen = [Int](), endowment = [Int](), priceNum = [Int](), priceDen = [Int]()
    for _ in 0..<consumers {
        let w = (0..<goods).map { _ in rng.int(in: 1...5) }
        expNum += w
        expDen.append(w.reduce(0, +))
        endowment += (0..<goods).map { _ in rng.int(in: 1...5) }
    }
    for _ in 0..<(pool * goods) {
        priceNum.append(rng.int(in: 1...20))
        priceDen.append(rng.int(in: 1...6))
    }
    let exponents = (0..<consumers).map { h in (0..<goods).map { Rational(expNum[h * goods + $0], expDen[h]) } }
    let omega = (0..<consumers).map { h in (0..<goods).map { Rational(endowment[h * goods + $0]) } }
    let negativeTotal = (0..<goods).map { i in -(0..<consumers).reduce(Rational.zero) { $0 + omega[$1][i] } }
    let prices = (0..<pool).map { k in (0..<goods).map { Rational(priceNum[k * goods + $0], priceDen[k * goods + $0]) } }
    var failures = 0
    let swiftTime = best(3) {
        failures = 0
        for e in 0..<evaluations {
            let p = prices[e % pool]
            var z = negativeTotal
            for h in 0..<consumers {
                var income = Rational.zero
                for i in 0..<goods { income += p[i] * omega[h][i] }
                for i in 0..<goods { z[i] += exponents[h][i] * income / p[i] }
            }
            var value = Rational.zero
            for i in 0..<goods { value += p[i] * z[i] }
            if !value.isZero { failures += 1 }
        }
    }
    let (cTime, cResult) = cChecksum { buf, len in
        baseline_excess_demand(expNum, expDen, endowment, priceNum, priceDen, Int32(goods), Int32(consumers),
                               Int32(pool), Int32(evaluations), 3, buf, len)
    }
    rows.append(Row(name: "W3", what: "100,000 Cobb–Douglas z(p), 10 goods × 3 consumers, check p·z = 0",
                    swift: swiftTime, c: cTime, bar: 0.5, agree: String(failures) == cResult && failures == 0))
}



print("| workload | what | Swift (ms) | C/mpq_t (ms) | Swift/C | bar | meets bar | same result |")
print("|---|---|---:|---:|---:|---:|---|---|")
for r in rows {
    let ratio = (r.ratio * 1000).rounded() / 1000
    print("| \(r.name) | \(r.what) | \(ms(r.swift)) | \(ms(r.c)) | \(ratio)× | ≤ \(r.bar)× | \(r.ratio <= r.bar ? "yes" : "NO") | \(r.agree ? "yes" : "NO") |")
}
}

// MARK: - Simplicial search (issue 5)

// A 10-good, 3-consumer Cobb–Douglas exchange economy per seed, searched
// to mesh 2^-40 with restarts; the peer is Gambit's exact simplicial
// subdivision on random games of the same dimension, run in this same
// invocation by Benchmarks/simpdiv_peer.py.
if wants("search") {
print("")
print("| search | economies | mean time (ms) | max time (ms) | mean pivots | pivots/s | mean final max |z_i| |")
print("|---|---:|---:|---:|---:|---:|---|")
do {
    let economies = 10
    var times: [Double] = [], pivots: [Int] = [], errors: [Double] = []
    for seed in 0..<economies {
        var rng = SplitMix64(seed: 0xB6 + UInt64(seed))
        let e = Economy(name: "cd", commodities: (0..<10).map { "g\($0)" }, consumers: (0..<3).map { h in
            Consumer(name: "c\(h)", endowment: Vector((0..<10).map { _ in Rational(rng.int(in: 1...5)) }),
                     utility: .cobbDouglas(exponents: Vector((0..<10).map { _ in Rational(rng.int(in: 1...4)) })), shares: [])
        }, firms: [])
        var outcome: SearchOutcome? = nil
        let ns = nanoseconds {
            outcome = SimplicialSearch(economy: e, limits: SearchLimits(targetMesh: 1 << 40, maximumPivots: 10_000_000,
                                                                         timeLimit: 600)).run()
        }
        guard case .found(let best, _, let stats)? = outcome else { fatalError("benchmark search did not finish: \(String(describing: outcome))") }
        times.append(Double(ns) / 1e6)
        pivots.append(stats.pivots)
        errors.append(best.maxExcess.displayDouble)
    }
    let totalSeconds = times.reduce(0, +) / 1000
    let meanPivots = Double(pivots.reduce(0, +)) / Double(economies)
    let meanMs = times.reduce(0, +) / Double(economies)
    print("| Walras, 10 goods × 3 consumers, mesh 2^-40 | \(economies) | \(format3(meanMs)) | \(format3(times.max()!)) | \(Int(meanPivots)) | \(Int(Double(pivots.reduce(0, +)) / totalSeconds)) | \(String(format: "%.2e", errors.reduce(0, +) / Double(economies))) |")

    // The peer, in the same run.
    let peer = Process()
    peer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/simpdiv_peer.py").path
    peer.arguments = ["python3", script, "10"]
    let pipe = Pipe()
    peer.standardOutput = pipe
    var peerLine = ""
    if (try? peer.run()) != nil {
        peerLine = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        peer.waitUntilExit()
    }
    if let data = peerLine.data(using: .utf8),
       let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["available"] as? Bool == true,
       let mean = object["mean_seconds"] as? Double, let worst = object["max_seconds"] as? Double {
        print("| pygambit \(object["version"] ?? "?") simpdiv_solve, 5×6 games (dimension 9), regret 2^-40 | \(object["games"] ?? 0) | \(format3(mean * 1000)) | \(format3(worst * 1000)) | – | – | – |")
        print("")
        print("Walras/pygambit mean time ratio: \(format3(meanMs / (mean * 1000)))× (same run)")
    } else {
        print("| pygambit simpdiv_solve | – | not run: \(peerLine.isEmpty ? "python3 or the script is missing" : peerLine.trimmingCharacters(in: .whitespacesAndNewlines)) | | | | |")
    }
}
}

// MARK: - The vector-labelled search against Gambit (issue 18)

// Merrill's restart algorithm (vector labels, floating point) on problems of
// dimension d = 5, 10, 20, 40, in one run with Gambit's simpdiv_solve:
// - Walras on Cobb–Douglas exchange economies with d + 1 goods (3 consumers):
//   the search alone to mesh 2^-40, and the whole way to an exact equilibrium
//   the checker accepted;
// - Gambit on random two-player games with (m1 − 1) + (m2 − 1) = d, to
//   maximum regret 2^-40 of the payoff range;
// - Walras's same search on Gambit's very games: zeros of G(x) = x − f(x),
//   f Nash's (1951) map on the product of simplices, to mesh 2^-40.

if wants("race") {
print("")
print("| d | problem | solver | runs | mean time (ms) | max time (ms) | mean pivots | pivots per refinement | label evaluations | accuracy reached |")
print("|---:|---|---|---:|---:|---:|---:|---:|---:|---|")
var raceRatios: [String] = []
for (d, games) in [(5, 10), (10, 10), (20, 10), (40, 3)] {
    // Walras on economies.
    var searchMs: [Double] = [], exactMs: [Double] = [], pivots: [Int] = [], perRefinement: [Double] = [], labels: [Int] = []
    var worstError = 0.0, allExact = true, economyStops: [String] = []
    for seed in 0..<10 {
        var rng = SplitMix64(seed: 0x18_00 + UInt64(d * 100 + seed))
        let e = Economy(name: "cd", commodities: (0...d).map { "g\($0)" }, consumers: (0..<3).map { h in
            Consumer(name: "c\(h)", endowment: Vector((0...d).map { _ in Rational(rng.int(in: 1...5)) }),
                     utility: .cobbDouglas(exponents: Vector((0...d).map { _ in Rational(rng.int(in: 1...4)) })), shares: [])
        }, firms: [])
        var outcome: VectorSearchOutcome? = nil
        let ns = best(3) { outcome = VectorLabelledSearch(economy: e, limits: VectorSearchLimits(exactifyFromBits: 100)).run() }
        guard case .found(let a, let st)? = outcome else { fatalError("d = \(d): the search found no zero") }
        if let why = st.stoppedEarly { economyStops.append(why) }
        searchMs.append(Double(ns) / 1e6)
        pivots.append(st.pivots)
        perRefinement.append(st.pivotsPerRefinement)
        labels.append(st.labelEvaluations)
        worstError = max(worstError, a.equilibriumError.displayDouble)
        var exact: VectorSearchOutcome? = nil
        exactMs.append(Double(best(3) { exact = VectorLabelledSearch(economy: e).run() }) / 1e6)
        if case .exact? = exact {} else { allExact = false }
    }
    func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    print("| \(d) | Cobb–Douglas, \(d + 1) goods × 3 consumers | Walras, search to mesh 2^-40 | 10 | \(format3(mean(searchMs))) | \(format3(searchMs.max()!)) | \(pivots.reduce(0, +) / 10) | \(String(format: "%.1f", mean(perRefinement))) | \(labels.reduce(0, +) / 10) | equilibrium error ≤ \(String(format: "%.1e", worstError))\(economyStops.isEmpty ? "" : "; \(economyStops.count) stopped early (\(economyStops[0]))") |")
    print("| \(d) | Cobb–Douglas, \(d + 1) goods × 3 consumers | Walras, search + exactification + checker | 10 | \(format3(mean(exactMs))) | \(format3(exactMs.max()!)) | – | – | – | \(allExact ? "exact, checked (10 of 10)" : "NOT all exact") |")

    // Gambit, in the same run, then Walras on Gambit's games.
    let peer = Process()
    peer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/simpdiv_peer.py").path
    peer.arguments = ["python3", script, String(games), String(d), "60"]
    let pipe = Pipe()
    peer.standardOutput = pipe
    var peerOutput = ""
    if (try? peer.run()) != nil {
        peerOutput = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        peer.waitUntilExit()
    }
    guard let data = peerOutput.data(using: .utf8),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["available"] as? Bool == true,
          let list = object["games"] as? [[String: Any]], let strategies = object["strategies"] as? [Int]
    else {
        print("| \(d) | games | pygambit simpdiv_solve | – | not run: \(peerOutput.isEmpty ? "python3 or the script is missing" : peerOutput.trimmingCharacters(in: .whitespacesAndNewlines)) | | | | | |")
        continue
    }
    let gambitMs = list.compactMap { ($0["seconds"] as? Double).map { $0 * 1000 } }
    let timeouts = list.count - gambitMs.count
    let shape = "\(strategies[0])×\(strategies[1]) games"
    if gambitMs.isEmpty {
        print("| \(d) | \(shape) | pygambit \(object["version"] ?? "?") simpdiv_solve | \(list.count) | every game past 60 s | | | | | |")
    } else {
        print("| \(d) | \(shape) | pygambit \(object["version"] ?? "?") simpdiv_solve | \(gambitMs.count) | \(format3(mean(gambitMs))) | \(format3(gambitMs.max()!)) | – | – | – | regret ≤ 2^-40\(timeouts > 0 ? "; \(timeouts) more past 60 s, left out of the mean" : "") |")
    }
    var gameMs: [Double] = [], gameMsWhereGambitFinished: [Double] = [], gamePivots: [Int] = [], gameRefinement: [Double] = []
    var gameLabels: [Int] = [], worstRegret = 0.0, gameStops: [String] = [], gamesExact = 0
    for g in list {
        guard let a = g["a"] as? [[Double]], let b = g["b"] as? [[Double]] else { gameStops.append("unreadable payoffs"); continue }
        let map = NashMap(a: a, b: b)
        let start = [Double](repeating: 1 / Double(map.m1), count: map.m1 - 1) + [Double](repeating: 1 / Double(map.m2), count: map.m2 - 1)
        // Halving the mesh (not quartering it) keeps each restart close to its zero across Nash's kinks;
        // a cycle may take 1000 (d + 1) pivots before the run ends with its last zero.
        let plan = MerrillHomotopy.Restarts(firstMesh: pow(2, -(log2(Double(d + 1))).rounded(.up)), finestMesh: pow(2, -40),
                                            refinement: 0.5, maximumPivots: 10_000_000, cyclePivots: 1000 * (d + 1), timeLimit: 60)
        var run: MerrillHomotopy.Run? = nil
        var exact: (s1: [Rational], s2: [Rational])? = nil
        // Timed together: the path, and after each cycle its supports solved exactly (regret 0 when they hold),
        // as an economy's search exactifies its zero after each refinement.
        let ns = best(3) {
            exact = nil
            run = MerrillHomotopy(dimension: d).restarts(from: start, plan, map: map.residual) { cycle in
                exact = map.supportEquilibrium(near: cycle.zero)
                return exact != nil
            }
        }
        // Every game counts in the time, solved or not, as Gambit's finished games do in its mean.
        gameMs.append(Double(ns) / 1e6)
        if g["seconds"] is Double { gameMsWhereGambitFinished.append(Double(ns) / 1e6) }
        guard let run, let zero = run.zero else { gameStops.append("no zero: \(run?.failure ?? "?")"); continue }
        if exact != nil { gamesExact += 1 } else if let why = run.failure { gameStops.append(why) }
        gamePivots.append(run.pivots)
        let cycles = run.cycles.map(\.pivots)
        gameRefinement.append(cycles.count > 1 ? Double(cycles.dropFirst().reduce(0, +)) / Double(cycles.count - 1) : 0)
        gameLabels.append(run.evaluations)
        if exact == nil { worstRegret = max(worstRegret, map.regret(zero)) }
    }
    let stopNote = gameStops.isEmpty ? "" : "; \(gameStops.count) stopped early (\(gameStops[0]))"
    let accuracy = gamesExact == list.count ? "regret 0 exactly: every game's supports solved (\(gamesExact) of \(list.count))"
        : "regret 0 exactly for \(gamesExact) of \(list.count); the others ≤ \(String(format: "%.1e", worstRegret))\(stopNote)"
    print("| \(d) | the same games | Walras, Merrill on Nash's map, the supports solved exactly after each cycle | \(gameMs.count) | \(format3(mean(gameMs))) | \(format3(gameMs.max() ?? 0)) | \(gamePivots.reduce(0, +) / max(1, gamePivots.count)) | \(String(format: "%.1f", mean(gameRefinement))) | \(gameLabels.reduce(0, +) / max(1, gameLabels.count)) | \(accuracy) |")
    if gambitMs.isEmpty {
        raceRatios.append("d = \(d): Gambit finished no game within 60 s; Walras's mean time \(format3(mean(gameMs))) ms on those games")
    } else {
        raceRatios.append("d = \(d): Walras/Gambit mean time \(format3(mean(searchMs) / mean(gambitMs)))× on economies (search to 2^-40), "
                          + "\(format3(mean(exactMs) / mean(gambitMs)))× to an exact checked equilibrium, "
                          + "\(format3(mean(gameMsWhereGambitFinished) / mean(gambitMs)))× on Gambit's own games (those Gambit finished)")
    }
}
print("")
for line in raceRatios { print("- " + line) }
}

// MARK: - Sweep throughput (issue 9)

// Economies checked per second per property, on one worker and on two, for
// the default regime; the bar is a 2-core rate of at least 1.8× the 1-core rate.
if wants("sweep") {
print("")
print("| property (regime all-hold) | economies | 1 core (economies/s) | 2 cores (economies/s) | speed-up | bar | meets bar |")
print("|---|---:|---:|---:|---:|---:|---|")
do {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let specs = try PropertyCatalog.load(directory: root.appendingPathComponent("properties").path)
    for spec in specs where spec.expectation(in: .allHold) != nil {
        let count = spec.check == .equilibrium ? 120 : spec.check == .firstWelfare ? 400 : 4000
        var rates: [Double] = []
        for jobs in [1, 2] {
            let plan = SweepPlan(specs: [spec], regime: .allHold, count: count, seed: 1000, jobs: jobs)
            let ns = nanoseconds { _ = runSweep(plan) { _ in } }
            rates.append(Double(count) / (Double(ns) / 1e9))
        }
        let ratio = rates[1] / rates[0]
        print("| \(spec.name) | \(count) | \(Int(rates[0])) | \(Int(rates[1])) | \(format3(ratio))× | ≥ 1.8× | \(ratio >= 1.8 ? "yes" : "NO") |")
    }
} catch {
    print("| sweep | – | not run: \(error) | | | | |")
}
}

// MARK: - Contraction certificates (issue 8)

// Certifying the tâtonnement a contraction: the untrusted search (fixed
// point, step choice, branch and bound) against the trusted checker that
// re-derives every leaf's Jacobian bound, on the smooth examples and twenty
// seeds of the `smooth` regime. No external peer computes such
// certificates; the in-run reference is the checker.
if wants("contraction") {
print("")
print("| economy | η | L | boxes | search (ms) | check (ms) | boxes/s (check) |")
print("|---|---|---|---:|---:|---:|---:|")
do {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var economies: [Economy] = []
    for name in ["smooth-contraction", "smooth-production"] {
        economies.append(try EconomyFormat.load(path: root.appendingPathComponent("examples/\(name).json").path))
    }
    for seed in UInt64(0)..<20 { economies.append(EconomyGenerator.economy(seed: seed, regime: .smooth)) }
    var totals = (search: 0.0, check: 0.0, boxes: 0)
    for (k, e) in economies.enumerated() {
        let n = e.commodityCount
        var found: ContractionCertificate? = nil
        let searchNs = nanoseconds {
            var bestNorm: Rational? = nil
            var choice: (Rational, Vector)? = nil
            for j in 0...8 {
                let eta = Rational(1, 1 << j)
                let c = TatonnementMap(economy: e, step: eta).approximateFixedPoint(from: Vector(repeating: Rational(1, n), count: n),
                                                                                   maximumSteps: 1500)
                guard c.entries.allSatisfy({ $0.signum() > 0 }), let norm = tangentNormUpperBound(of: e, at: c, step: eta) else { continue }
                if bestNorm == nil || norm < bestNorm! { bestNorm = norm; choice = (eta, c) }
            }
            if let (eta, c) = choice { found = searchContractionCertificate(e, step: eta, centre: c) }
        }
        guard let certificate = found else {
            print("| \(e.name) | – | none | – | \(format3(Double(searchNs) / 1e6)) | – | – |")
            continue
        }
        let checkNs = best(3) { _ = ContractionChecker.check(certificate, for: e) }
        let boxes = certificate.boundedBoxCount
        totals.search += Double(searchNs) / 1e6
        totals.check += Double(checkNs) / 1e6
        totals.boxes += boxes
        if k < 2 || k % 5 == 0 {
            print("| \(e.name) | \(certificate.step) | \(format3(certificate.modulus.displayDouble)) | \(boxes) | "
                  + "\(format3(Double(searchNs) / 1e6)) | \(format3(Double(checkNs) / 1e6)) | \(Int(Double(boxes) / (Double(checkNs) / 1e9))) |")
        }
    }
    print("| all \(economies.count) | | | \(totals.boxes) | \(format3(totals.search)) | \(format3(totals.check)) | "
          + "\(Int(Double(totals.boxes) / (totals.check / 1e3))) |")
} catch {
    print("| contraction | not run: \(error) | | | | | |")
}
}

// MARK: - Exact equilibria of agent economies: planner and Negishi routes (issue 7)

// The in-run baseline is the simplicial search (which finds the same
// equilibrium where it finishes); the routes solve LPs instead.
if wants("agents") {
print("")
print("| economy | commodities | route | route (ms) | simplicial search (ms) | same prices |")
print("|---|---:|---|---:|---:|---|")
do {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for name in ["agents-two-tenants-small", "agents-review-pipeline", "agents-two-orchestrators"] {
        let document = try EconomyDocument.load(path: root.appendingPathComponent("examples/\(name).json").path)
        guard case .agents(let a) = document else { continue }
        let e = a.compiled().economy
        var routed: CheckedEquilibrium? = nil
        var route = "planner"
        let routeNs = best(3) {
            routed = plannerEquilibrium(e)
            if routed == nil { route = "Negishi"; routed = twoConsumerEquilibrium(e) }
        }
        var searchCell = "not run (\(e.commodityCount) goods; 15 s reach only mesh 1/64)"
        var same = "–"
        if e.commodityCount <= 24 {
            var verdict: EquilibriumVerdict? = nil
            let searchNs = nanoseconds {
                // The simplicial search alone: the planner routes are what this row compares it with.
                var options = EquilibriumOptions(search: SearchLimits(targetMesh: 1 << 24, maximumPivots: 2_000_000, timeLimit: 120))
                options.plannerPrograms = 0
                options.negishiIterations = 0
                verdict = checkEquilibrium(e, options: options)
            }
            searchCell = format3(Double(searchNs) / 1e6)
            if let p = verdict?.checked?.certificate.prices, let q = routed?.certificate.prices { same = p == q ? "yes" : "NO" }
        }
        print("| \(name) | \(e.commodityCount) | \(routed == nil ? "none" : route) | \(format3(Double(routeNs) / 1e6)) | \(searchCell) | \(same) |")
    }
} catch {
    print("| agent economies | not run: \(error) | | | | |")
}
}

// MARK: - Scale: time and peak memory of whole audits against size

/// One `walras audit FILE --json --budget B` in a child process (the binary
/// beside this one): wall seconds, the child's peak RSS from `wait4`, its
/// exit code, and the report's per-stage seconds and equilibrium status.
struct AuditRun {
    var seconds = 0.0, peakMiB = 0.0, exit: Int32 = -1
    var stages: [(String, String)] = []
    var equilibrium = "?", reportValid = false
}

func auditInChild(_ file: String, budget: Int) -> AuditRun {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("walras").path
    let out = file + ".report.json"
    var run = AuditRun()
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let args = [binary, "audit", file, "--json", "--budget", String(budget)]
    var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = ContinuousClock.now
    guard posix_spawn(&pid, binary, &actions, nil, &argv, environ) == 0 else { return run }
    // The child's own high-water mark, read from /proc while it runs: wait4's ru_maxrss
    // also counts this process's memory at the spawn, which is not the audit's.
    var status: Int32 = 0
    var peakKiB = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
            peakKiB = max(peakKiB, kib)
        }
        usleep(5_000)
    }
    let d = start.duration(to: .now)
    run.seconds = d.inSeconds
    run.peakMiB = Double(peakKiB) / 1024
    run.exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    posix_spawn_file_actions_destroy(&actions)
    if let bytes = try? Data(contentsOf: URL(fileURLWithPath: out)),
       let json = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] {
        run.reportValid = json["format"] as? String == "walras-report/1"
        if let verdicts = json["verdicts"] as? [String: Any], let e = verdicts["equilibrium"] as? [String: Any] {
            run.equilibrium = e["status"] as? String ?? "?"
        }
        if let budget = json["budget"] as? [String: Any], let stages = budget["stages"] as? [[String: Any]] {
            run.stages = stages.map { ($0["stage"] as? String ?? "?", String(format: "%.1f", $0["seconds"] as? Double ?? 0)) }
        }
    }
    return run
}

/// Cobb–Douglas exchange: `consumers` consumers on `goods` goods, from SplitMix64.
func exchangeEconomy(goods: Int, consumers: Int, seed: UInt64) -> Economy {
    var rng = SplitMix64(seed: seed)
    let cs = (0..<consumers).map { h in
        Consumer(name: "h\(h + 1)", endowment: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...9)) }),
                 utility: .cobbDouglas(exponents: Vector((0..<goods).map { _ in Rational(rng.int(in: 1...5)) })), shares: [])
    }
    return Economy(name: "exchange-\(goods)x\(consumers)", commodities: (0..<goods).map { "g\($0 + 1)" }, consumers: cs, firms: [])
}

if wants("scale") {
    let budget = 60
    print("\n## Scale: whole audits against size (`--budget \(budget)`, one child process each)\n")
    print("| economy | commodities | consumers | wall (s) | peak RSS (MiB) | exit | report | equilibrium | stages (s) |")
    print("|---|---:|---:|---:|---:|---:|---|---|---|")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("walras-scale-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var cases: [(String, Int, Int, String)] = []
    let agentDesigns: [AgentSystemDesign] = [
        AgentSystemDesign(layers: 2, width: 2, metrics: 3, bins: 4, seed: 1),
        AgentSystemDesign(layers: 3, width: 3, metrics: 3, bins: 7, seed: 1),
        AgentSystemDesign(layers: 4, width: 4, metrics: 3, bins: 16, fanIn: 2, seed: 1),
        AgentSystemDesign(layers: 4, width: 4, metrics: 3, bins: 16, fanIn: 2, orchestrators: 3, welfare: .mixed, seed: 1),
        AgentSystemDesign(layers: 4, width: 6, metrics: 4, bins: 16, fanIn: 2, seed: 1),
        AgentSystemDesign(layers: 5, width: 6, metrics: 4, bins: 24, fanIn: 2, seed: 1),
        AgentSystemDesign(layers: 5, width: 10, metrics: 4, bins: 48, fanIn: 2, seed: 1),
        AgentSystemDesign(layers: 3, width: 3, metrics: 3, bins: 7, welfare: .leontief, seed: 1),
        AgentSystemDesign(layers: 4, width: 4, metrics: 3, bins: 16, fanIn: 2, welfare: .leontief, seed: 1),
        AgentSystemDesign(layers: 4, width: 6, metrics: 4, bins: 16, fanIn: 2, welfare: .leontief, seed: 1),
        AgentSystemDesign(layers: 5, width: 6, metrics: 4, bins: 24, fanIn: 2, welfare: .leontief, seed: 1),
        AgentSystemDesign(layers: 5, width: 10, metrics: 4, bins: 48, fanIn: 2, welfare: .leontief, seed: 1),
    ]
    for (i, d) in agentDesigns.enumerated() {
        let a = EconomyGenerator.agentSystem(d)
        let path = dir.appendingPathComponent("agents-\(i).json").path
        try? (AgentEconomyFormat.encode(a).rendered() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let n = a.compiled().economy.commodityCount
        cases.append(("agents \(d.layers)×\(d.width)×\(d.metrics)×\(d.bins), fan-in \(d.fanIn), \(d.orchestrators) \(d.welfare.rawValue)",
                      n, d.orchestrators, path))
    }
    for (goods, consumers) in [(10, 2), (100, 2), (500, 2), (2000, 2), (5000, 2), (3, 5000)] {
        let e = exchangeEconomy(goods: goods, consumers: consumers, seed: 7)
        let path = dir.appendingPathComponent("exchange-\(goods)x\(consumers).json").path
        try? (EconomyFormat.encode(e).rendered() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        cases.append(("Cobb–Douglas exchange", goods, consumers, path))
    }
    for (name, n, consumers, path) in cases {
        let r = auditInChild(path, budget: budget)
        let stages = r.stages.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        print("| \(name) | \(n) | \(consumers) | \(format3(r.seconds)) | \(String(format: "%.0f", r.peakMiB)) | \(r.exit) | "
              + "\(r.reportValid ? "valid" : "MISSING") | \(r.equilibrium) | \(stages) |")
    }
    try? FileManager.default.removeItem(at: dir)

    // The planner route against the engine run alone on the same LP: the route adds building
    // the LP, reading the answer back as rationals, and the equilibrium checker.
    print("\n### The exact LP route against QSopt_ex alone (Leontief orchestrator, best of 3)\n")
    print("| commodities | LP rows × columns (nonzeros) | QSopt_ex alone (ms) | planner LP route, checker included (ms) | ratio | found |")
    print("|---:|---|---:|---:|---:|---|")
    for d in agentDesigns where d.welfare == .leontief {
        let e = EconomyGenerator.agentSystem(d).compiled().economy
        guard let lp = sparsePlannerProgram(e) else { continue }
        var solved = false, found = false
        let alone = best(3) { if case .optimal = QSoptEx.solve(lp, seconds: 120) { solved = true } }
        let route = best(3) { found = sparsePlannerEquilibrium(e, beyond: 0) != nil }
        print("| \(e.commodityCount) | \(lp.rows.count) × \(lp.columns) (\(lp.nonzeros)) | \(format3(Double(alone) / 1e6))\(solved ? "" : " (unsolved)") | "
              + "\(format3(Double(route) / 1e6)) | \(format3(Double(route) / Double(max(alone, 1)))) | \(found ? "exact, checked" : "no") |")
    }
}

if wants("smooth-agents") || wants("smooth-large") {
print("\n## Smooth agent systems: the structured contraction certificate\n")
print("`walras generate agents --smooth --layers L --width W --metrics M --bins K --fan-in 2 --seed 1`; Newton's method")
print("(floating point, untrusted) for the centre; the structured search (curvature and stiffness by exact")
print("positive-definiteness tests, then the box); the trusted check of the certificate. Baseline in the same run: the")
print("dense bound (`tangentNormIsAtMost`, an exact n × n Gram matrix and its Cholesky test) on the same certificate's")
print("box, where it finishes within 120 s.\n")
print("| commodities | Newton (s) | search incl. Newton (s) | check (s) | η | L | μ | κ | dense check (s) |")
print("|---:|---:|---:|---:|---|---:|---:|---:|---:|")
for (layers, width, metrics, bins) in CommandLine.arguments.contains("smooth-large") ? [(4, 8, 2, 8), (4, 8, 4, 8)]
    : [(2, 3, 2, 2), (3, 5, 2, 4), (4, 6, 2, 4), (4, 8, 2, 8), (4, 8, 4, 8)] {
    var design = AgentSystemDesign(layers: layers, width: width, metrics: metrics, bins: bins, fanIn: 2, welfare: .leontief, seed: 1)
    design.smooth = true
    let e = EconomyGenerator.agentSystem(design).compiled().economy
    let n = e.commodityCount
    var newton: [Double]? = nil
    let newtonNs = nanoseconds { newton = newtonEquilibriumPrices(e) }
    var outcome: StructuredSearchOutcome? = nil
    let searchNs = nanoseconds {
        outcome = newtonCentre(e, from: nil).map { searchStructuredContractionCertificate(e, step: nil, centre: $0) }
    }
    guard newton != nil, case .certificate(let c)? = outcome, case .structured(let mu, let kappa, _) = c.tree[0] else {
        let why = if case .none(let reason)? = outcome { reason } else { "Newton's method failed" }
        print("| \(n) | \(format3(Double(newtonNs) / 1e9)) | \(format3(Double(searchNs) / 1e9)) | none: \(why) | | | | | |")
        continue
    }
    var accepted = false
    let checkNs = nanoseconds { if case .success = ContractionChecker.check(c, for: e) { accepted = true } }
    var dense = "not run (n > 64)"
    if n <= 64, case .success(let enclosure) = e.excessDemandJacobian(over: c.rootBox) {
        var held = false
        let denseNs = nanoseconds { held = tangentNormIsAtMost(c.modulus, jacobian: enclosure.jacobian, step: c.step) }
        dense = format3(Double(denseNs) / 1e9) + (held ? "" : " (not proved)")
    }
    print("| \(n) | \(format3(Double(newtonNs) / 1e9)) | \(format3(Double(searchNs) / 1e9)) | "
          + "\(format3(Double(checkNs) / 1e9))\(accepted ? "" : " REJECTED") | \(c.step) | \(String(format: "%.6f", c.modulus.displayDouble)) | "
          + "\(format3(mu.displayDouble)) | \(format3(kappa.displayDouble)) | \(dense) |")
}
}

if wants("census") {
print("\n## Enclosures and the census of all equilibria (issue 17)\n")
print("Each row: one economy of `examples/`, its enclosure found and checked (width 2^-60), and, for the census, the")
print("untrusted subdivision search and the trusted `CensusChecker` timed apart. Release build, one run each.\n")
print("| economy | unknowns | enclosure search (ms) | enclosure check (ms) | census search (s) | census check (s) | boxes | equilibria | indices |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for name in ["irrational.json", "leontief-irrational.json", "kehoe.json"] {
    let e = try! EconomyFormat.load(path: "examples/" + name)
    let approximate = checkEquilibrium(e, options: .sweep).equilibrium?.prices
    var found: CheckedEnclosure? = nil
    let searchNs = nanoseconds { found = approximate.flatMap { enclosedEquilibrium(e, near: $0, width: Rational(1, 1 << 60)) } }
    let checkNs = found.map { f in nanoseconds { _ = EnclosureChecker.check(f.certificate, for: e) } } ?? 0
    var certificate: CensusCertificate? = nil
    let censusNs = nanoseconds { if case .certificate(let c) = searchCensus(e) { certificate = c } }
    var checked: CheckedCensus? = nil
    let censusCheckNs = nanoseconds { checked = certificate.flatMap { try? CensusChecker.check($0, for: e).get() } }
    let indices = checked.map { $0.enclosures.map { $0.index > 0 ? "+1" : "−1" }.joined(separator: ", ") } ?? "—"
    print("| \(name) | \(found?.certificate.centre.count ?? 0) | " + String(format: "%.2f", Double(searchNs) / 1e6) + " | "
          + String(format: "%.2f", Double(checkNs) / 1e6) + " | " + String(format: "%.2f", Double(censusNs) / 1e9) + " | "
          + String(format: "%.2f", Double(censusCheckNs) / 1e9) + " | \(checked?.leaves ?? 0) | \(checked?.enclosures.count ?? 0) | \(indices) |")
}
}

if wants("flint") {
print("\n## Exact dense solves: Bareiss, C over GMP, FLINT (issue 17, part 4)\n")
print("`A x = b`, `A` n×n with integer entries in -9..9 (seeded), best of 3 (one run at n = 500). Bareiss: our")
print("fraction-free elimination (`Matrix.solve`). C/mpq: `baseline_solve`, Gaussian elimination over `mpq_t`.")
print("FLINT direct: `fmpq_mat_solve` alone on matrices already converted. FLINT in Walras:")
print("`FlintLinearAlgebra.verifiedSolve` (conversion both ways, FLINT’s solve, and the exact check `A x = b` in our")
print("own arithmetic). Every solution is compared with every other.\n")
print("Times in milliseconds; at n = 60 each is the best of 20 runs. The last two columns are the verified FLINT")
print("solve against C/mpq (bar at 60: ≤ 0.05×) and against FLINT alone (bar at 500: ≤ 1.5×).\n")
print("| n | Bareiss (ms) | C/mpq (ms) | FLINT direct (ms) | FLINT in Walras, verified (ms) | of which the check (ms) | agree | verified / C | verified / FLINT |")
print("|---:|---:|---:|---:|---:|---:|---|---:|---:|")
func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1e3) }
for n in [60, 200, 500] {
    var rng = SplitMix64(seed: 0xB3 ^ UInt64(n))
    let entries = (0..<(n * n)).map { _ in rng.int(in: -9...9) }
    let rhs = (0..<n).map { _ in rng.int(in: -9...9) }
    let a = Matrix(rows: (0..<n).map { i in (0..<n).map { Rational(entries[i * n + $0]) } })
    let b = Vector(rhs.map { Rational($0) })
    let runs = n >= 500 ? 1 : n <= 60 ? 20 : 3
    var bareiss: Vector? = nil
    let bareissTime: String = n <= 200 ? ms(Double(best(runs) { bareiss = a.solve(b) }) / 1e9) : "not run"
    var cTime = "not run", cResult = "", cSeconds: Double? = nil
    if n <= 200 {
        let (t, r) = cChecksum { buf, len in baseline_solve(entries, rhs, Int32(n), Int32(runs), buf, len) }
        cSeconds = Double(t) / 1e9
        cTime = ms(Double(t) / 1e9)
        cResult = r
    }
    let direct = FlintLinearAlgebra.directSolveSeconds(a, b, runs: runs)
    var verified: Vector? = nil
    let walrasNs = best(runs) { verified = FlintLinearAlgebra.verifiedSolve(a, b) }
    let checkNs = best(runs) { if let x = verified { _ = FlintLinearAlgebra.satisfies(a, x, b) } }
    let agree = verified != nil && (bareiss == nil || bareiss == verified) && (cResult.isEmpty || verified?[0].description == cResult)
    let walras = Double(walrasNs) / 1e9
    print("| \(n) | \(bareissTime) | \(cTime) | \(ms(direct)) | \(ms(walras)) | "
          + "\(ms(Double(checkNs) / 1e9)) | \(agree ? "yes" : "NO") | "
          + (cSeconds.map { String(format: "%.3f×", walras / $0) } ?? "—") + " | " + String(format: "%.2f×", walras / direct) + " |")
}
}

