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
import WelfareSolvers
import SeededRandom
import Foundation

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

func ms(_ ns: Int64) -> String {
    let v = Double(ns) / 1e6
    return v < 10 ? String(format3(v)) : String(Int(v.rounded()))
}

func format3(_ v: Double) -> String {
    let scaled = (v * 1000).rounded() / 1000
    return "\(scaled)"
}

print("| workload | what | Swift (ms) | C/mpq_t (ms) | Swift/C | bar | meets bar | same result |")
print("|---|---|---:|---:|---:|---:|---|---|")
for r in rows {
    let ratio = (r.ratio * 1000).rounded() / 1000
    print("| \(r.name) | \(r.what) | \(ms(r.swift)) | \(ms(r.c)) | \(ratio)× | ≤ \(r.bar)× | \(r.ratio <= r.bar ? "yes" : "NO") | \(r.agree ? "yes" : "NO") |")
}

// MARK: - Simplicial search (issue 5)

// A 10-good, 3-consumer Cobb–Douglas exchange economy per seed, searched
// to mesh 2^-40 with restarts; the peer is Gambit's exact simplicial
// subdivision on random games of the same dimension, run in this same
// invocation by Benchmarks/simpdiv_peer.py.
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

// MARK: - Sweep throughput (issue 9)

// Economies checked per second per property, on one worker and on two, for
// the default regime; the bar is a 2-core rate of at least 1.8× the 1-core rate.
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

// MARK: - Contraction certificates (issue 8)

// Certifying the tâtonnement a contraction: the untrusted search (fixed
// point, step choice, branch and bound) against the trusted checker that
// re-derives every leaf's Jacobian bound, on the smooth examples and twenty
// seeds of the `smooth` regime. No external peer computes such
// certificates; the in-run reference is the checker.
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

// MARK: - Exact equilibria of agent economies: planner and Negishi routes (issue 7)

// The in-run baseline is the simplicial search (which finds the same
// equilibrium where it finishes); the routes solve LPs instead.
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
