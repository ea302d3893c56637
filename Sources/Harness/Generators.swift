public import SeededRandom
import ExactArithmetic
import ExactLinearAlgebra
public import EconomyModel
public import AgentEconomy

/// Economies from seeds: the same seed gives the same economy on every
/// platform and release (SplitMix64 and our own bounded sampling; no
/// `Dictionary` or `Set` order reaches generation).
///
/// A seed fixes everything, the size included (`size(forSeed:)`), so that
/// `walras reproduce SEED --regime R` needs nothing else.
public enum EconomyGenerator {
    /// Size 1…4 from the seed: more goods, agents and activities as it grows.
    public static func size(forSeed seed: UInt64) -> Int { Int(seed % 4) + 1 }

    public static func economy(seed: UInt64, regime: Regime) -> Economy {
        if regime.isAgentSystem { return agentEconomy(seed: seed, regime: regime).compiled().economy }
        var rng = SplitMix64(seed: seed ^ 0x5741_4C52_4153_0001)  // "WALRAS" + version of the scheme
        if regime == .smooth { return smoothEconomy(&rng, size: size(forSeed: seed), name: "seed-\(seed)-smooth") }
        if regime == .nonContraction { return scarfEconomy(&rng, name: "seed-\(seed)-non-contraction") }
        return coreEconomy(&rng, size: size(forSeed: seed), regime: regime, name: "seed-\(seed)-\(regime.rawValue)")
    }

    /// The agent economy of a seed in an agent regime (before compiling):
    /// `discrete-agents` takes the `scale` design of the same seed with discrete agents.
    public static func agentEconomy(seed: UInt64, regime: Regime = .agents) -> AgentEconomy {
        if regime == .scale { return agentSystem(scaleDesign(seed: seed)) }
        if regime == .discreteAgents {
            var design = scaleDesign(seed: seed)
            design.discrete = true
            return agentSystem(design)
        }
        var rng = SplitMix64(seed: seed ^ 0x5741_4C52_4153_0001)
        return agentEconomy(&rng, size: size(forSeed: seed), name: "seed-\(seed)-agents")
    }

    /// The `scale` regime's design of a seed: 1–3 layers, 1–2 agents wide,
    /// 1–2 metrics, 1–3 bins, 1–2 resources, 1–2 modes, fan-in up to 2,
    /// 1–2 orchestrators of either welfare or mixed: at most 50
    /// commodities, so a sweep checks hundreds of them in seconds. The
    /// designs are `walras generate agents` designs: larger systems come
    /// from that command, with the same generator.
    public static func scaleDesign(seed: UInt64) -> AgentSystemDesign {
        var rng = SplitMix64(seed: seed ^ 0x5741_4C52_4153_0003)
        let width = rng.int(in: 1...2)
        let kinds = AgentSystemDesign.WelfareKind.allCases
        return AgentSystemDesign(layers: rng.int(in: 1...3), width: width, metrics: rng.int(in: 1...2), bins: rng.int(in: 1...3),
                                 resources: rng.int(in: 1...2), modes: rng.int(in: 1...2), fanIn: rng.int(in: 1...min(2, width)),
                                 orchestrators: rng.int(in: 1...2), welfare: kinds[rng.int(in: 0...(kinds.count - 1))],
                                 seed: rng.next())
    }

    /// A small rational, and now and then a large one (to exercise GMP).
    static func amount(_ rng: inout SplitMix64, max: Int = 5) -> Rational {
        if rng.chance(1, in: 25) {
            return Rational(BigInt(rng.int(in: 1...max)) * BigInt(10).power(18) + BigInt(rng.int(in: 1...999)), BigInt(10).power(18))
        }
        if rng.chance(1, in: 3) { return Rational(rng.int(in: 1...(4 * max)), rng.int(in: 2...4)) }
        return Rational(rng.int(in: 0...max))
    }

    static func direction(_ rng: inout SplitMix64, _ n: Int) -> Vector {
        var v = Vector((0..<n).map { _ in amount(&rng) })
        if v.isZero { v[Int(rng.below(UInt64(n)))] = 1 }
        return v
    }

    /// Cobb–Douglas consumers (positive exponents and endowments) and
    /// sometimes one quadratic-cost firm using good 1 as its input, wholly
    /// owned by the first consumer.
    static func smoothEconomy(_ rng: inout SplitMix64, size: Int, name: String) -> Economy {
        let n = 2 + rng.int(in: 0...min(size, 2))
        var firms: [Firm] = []
        if rng.chance(1, in: 2) {
            var scale = Vector((0..<n).map { _ in Rational(rng.int(in: 0...2)) })
            scale[0] = 0
            if scale.isZero { scale[n - 1] = 1 }
            firms.append(Firm(name: "f1", technology: .quadraticCost(
                inputCommodity: 0, scale: scale, capacity: Vector((0..<n).map { _ in Rational(rng.int(in: 2...8)) }))))
        }
        let consumers = (0..<rng.int(in: 1...min(1 + size, 3))).map { h in
            Consumer(name: "c\(h + 1)", endowment: Vector((0..<n).map { _ in Rational(rng.int(in: 1...6)) }),
                     utility: .cobbDouglas(exponents: Vector((0..<n).map { _ in Rational(rng.int(in: 1...5)) })),
                     shares: firms.map { _ in h == 0 ? 1 : 0 })
        }
        return Economy(name: name, commodities: (0..<n).map { "g\($0 + 1)" }, consumers: consumers, firms: firms)
    }

    /// Scarf (1960): consumer `h` owns `e_h` units of good `h` and wants
    /// goods `h` and `h + 1` (mod 3) one for one.
    static func scarfEconomy(_ rng: inout SplitMix64, name: String) -> Economy {
        let consumers = (0..<3).map { h in
            var a = Vector.zero(3)
            a[h] = 1
            a[(h + 1) % 3] = 1
            let e = Rational(rng.int(in: 1...5))
            return Consumer(name: "c\(h + 1)", endowment: e * Vector.unit(h, count: 3), utility: .leontief(coefficients: a),
                            shares: [])
        }
        return Economy(name: name, commodities: ["g1", "g2", "g3"], consumers: consumers, firms: [])
    }

    static func coreEconomy(_ rng: inout SplitMix64, size: Int, regime: Regime, name: String) -> Economy {
        let n = 2 + rng.int(in: 0...size)
        let firmCount = rng.int(in: (regime == .nonConvex || regime == .profitLeakage ? 1 : 0)...size)
        var firms: [Firm] = []
        for f in 0..<firmCount {
            let activity = { (rng: inout SplitMix64) -> Vector in
                // One input (negative) and one output, so profits switch sign across prices.
                var a = Vector.zero(n)
                let input = Int(rng.below(UInt64(n)))
                var output = Int(rng.below(UInt64(n)))
                if output == input { output = (input + 1) % n }
                a[input] = -Rational(rng.int(in: 1...3))
                a[output] = Rational(rng.int(in: 1...4))
                return a
            }
            let technology: Technology
            if regime == .nonConvex && f == 0 {
                technology = .discreteModes((0..<rng.int(in: 1...2)).map { _ in activity(&rng) })
            } else if rng.chance(1, in: 4) {
                var scale = Vector((0..<n).map { _ in Rational(rng.int(in: 0...2)) })
                scale[0] = 0
                if scale.isZero { scale[1] = 1 }
                technology = .quadraticCost(inputCommodity: 0, scale: scale, capacity: Vector((0..<n).map { _ in Rational(rng.int(in: 1...6)) }))
            } else {
                let acts = (0..<rng.int(in: 1...2)).map { _ in activity(&rng) }
                technology = .activities(acts, bound: Rational(rng.int(in: 1...4)))
            }
            firms.append(Firm(name: "f\(f + 1)", technology: technology))
        }
        let consumerCount = rng.int(in: 1...(1 + size))
        var shares = [[Rational]](repeating: [Rational](repeating: 0, count: firmCount), count: consumerCount)
        for f in 0..<firmCount {
            let weights = (0..<consumerCount).map { _ in rng.int(in: 0...3) }
            let total = weights.reduce(0, +)
            for h in 0..<consumerCount {
                shares[h][f] = total == 0 ? (h == 0 ? 1 : 0) : Rational(weights[h], total)
            }
        }
        if regime == .profitLeakage, firmCount > 0 {
            // Pay out only half of the first firm's profit.
            for h in 0..<consumerCount { shares[h][0] = shares[h][0] / 2 }
        }
        var consumers: [Consumer] = []
        for h in 0..<consumerCount {
            // Strictly positive endowments (Arrow–Debreu's interiority), except in the boundary regime.
            var endowment = Vector((0..<n).map { _ in amount(&rng) + Rational(1, 2) })
            let utility: Utility
            switch regime {
            case .satiation where h == 0:
                utility = rng.chance(1, in: 2)
                    ? .satiableQuadratic(bliss: direction(&rng, n), weights: Vector((0..<n).map { _ in Rational(rng.int(in: 1...3)) }))
                    : .cappedLinear(weights: direction(&rng, n), cap: Rational(rng.int(in: 1...3)))
            case .boundary:
                // Owns one good only; Leontief or linear tastes.
                let only = Int(rng.below(UInt64(n)))
                endowment = Vector.zero(n)
                endowment[only] = Rational(rng.int(in: 1...5))
                utility = rng.chance(1, in: 2) ? .leontief(coefficients: direction(&rng, n)) : .linear(weights: direction(&rng, n))
            default:
                switch rng.below(3) {
                case 0: utility = .leontief(coefficients: direction(&rng, n))
                case 1: utility = .linear(weights: direction(&rng, n))
                default: utility = .cobbDouglas(exponents: direction(&rng, n))
                }
            }
            consumers.append(Consumer(name: "c\(h + 1)", endowment: endowment, utility: utility, shares: shares[h]))
        }
        return Economy(name: name, commodities: (0..<n).map { "g\($0 + 1)" }, consumers: consumers, firms: firms)
    }

    /// A random orchestrated agent economy: a DAG (edges from lower to
    /// higher agents), 1–2 metrics, 1–2 bins, 1–2 modes per agent, one GPU
    /// resource, 1–2 orchestrators with Cobb–Douglas or Leontief welfare.
    public static func agentEconomy(_ rng: inout SplitMix64, size: Int, name: String) -> AgentEconomy {
        let agentCount = 1 + rng.int(in: 1...min(3, size + 1))
        let m = rng.int(in: 1...2), k = rng.int(in: 1...2)
        func trajectory(_ rng: inout SplitMix64, min lo: Int = 0) -> [Rational] { (0..<k).map { _ in Rational(rng.int(in: lo...5)) } }
        var agents: [Agent] = []
        for a in 0..<agentCount {
            let upstream = a == 0 ? [] : (0..<a).filter { _ in rng.chance(1, in: 2) }
            let modes = (0..<rng.int(in: 1...2)).map { i in
                Mode(name: "m\(i + 1)", output: (0..<m).map { _ in trajectory(&rng, min: 1) },
                     uses: [trajectory(&rng, min: 1)], inputs: [])
            }
            agents.append(Agent(name: "a\(a + 1)", upstream: upstream, capacity: Rational(rng.int(in: 1...4)),
                                discrete: false, modes: modes))
        }
        var economy = AgentEconomy(name: name, horizon: Rational(rng.int(in: 1...2)), basis: .piecewiseConstant(bins: k),
                                   metrics: (0..<m).map { "r\($0 + 1)" }, resources: ["gpu"], agents: agents,
                                   task: (0..<m).map { _ in trajectory(&rng, min: 1) }, orchestrators: [])
        let pathCount = economy.paths()!.count
        let orchestratorCount = rng.int(in: 1...2)
        for o in 0..<orchestratorCount {
            let weights = (0..<pathCount).map { _ in Rational(rng.int(in: 1...3)) }
            economy.orchestrators.append(Orchestrator(
                name: "o\(o + 1)", endowment: [(0..<k).map { _ in Rational(rng.int(in: 5...20)) }],
                welfare: rng.chance(1, in: 3) ? .leontief(coefficients: weights) : .cobbDouglas(exponents: weights),
                shares: [Rational](repeating: Rational(1, orchestratorCount), count: agentCount)))
        }
        return economy
    }
}
