public import EconomyModel
import ExactArithmetic

/// A family of generated economies: one where every hypothesis holds, and
/// one per dropped hypothesis. A failure in a regime that drops a
/// hypothesis is expected (`hypothesis-violated`); in `all-hold` it is a
/// counterexample — a bug, or a false theorem.
public enum Regime: String, Sendable, Hashable, CaseIterable, Codable {
    case allHold = "all-hold"
    case nonConvex = "non-convex"
    case satiation
    case profitLeakage = "profit-leakage"
    /// Consumers who own only some goods and Leontief/linear tastes: demand
    /// jumps or is unbounded at the boundary of the simplex.
    case boundary
    /// Random orchestrated agent economies, compiled to the core model.
    case agents
    /// Layered agent systems from `walras generate agents` designs drawn
    /// from the seed (`EconomyGenerator.scaleDesign`): layered, with fan-in,
    /// several resources and mixed orchestrators, up to 50 commodities.
    case scale
    /// The `scale` regime's designs with discrete agents: each runs exactly
    /// one mode at full capacity or idles, so production is not convex.
    case discreteAgents = "discrete-agents"
    /// Differentiable economies: Cobb–Douglas consumers with positive
    /// endowments, quadratic-cost firms. Excess demand is smooth inside the
    /// simplex, so the contraction condition can be certified.
    case smooth
    /// Scarf-type economies (1960): three Leontief consumers in a ring,
    /// each owning one good and wanting it with the next; the tâtonnement
    /// circles the equilibrium instead of converging.
    case nonContraction = "non-contraction"

    /// The hypothesis this regime drops, by its identifier (nil: none).
    /// Whether the regime's economies are agent systems (reproduced and
    /// shrunk in the agent format).
    public var isAgentSystem: Bool { self == .agents || self == .scale || self == .discreteAgents }

    public var droppedHypothesis: String? {
        switch self {
        case .allHold, .agents, .scale, .smooth: nil
        case .nonContraction: "contraction"
        case .nonConvex, .discreteAgents: "convex_production"
        case .satiation: "local_non_satiation"
        case .profitLeakage: "complete_profit_distribution"
        case .boundary: "continuous_demand_at_the_boundary"
        }
    }

    /// Whether `e` still belongs to this regime (shrinking keeps it there).
    public func accepts(_ e: Economy) -> Bool {
        guard e.isWellFormed else { return false }
        let satiable = e.consumers.contains { !$0.utility.isLocallyNonSatiated }
        let nonConvex = e.firms.contains { !$0.technology.isConvex }
        let leaky = e.firms.indices.contains { e.shareTotal(ofFirm: $0) != .one }
        switch self {
        case .allHold, .agents, .scale, .boundary: return !satiable && !nonConvex && !leaky
        case .smooth:
            return !leaky && e.consumers.allSatisfy {
                guard case .cobbDouglas(let a) = $0.utility else { return false }
                return a.allSatisfy { $0.signum() > 0 } && $0.endowment.allSatisfy { $0.signum() > 0 }
            } && e.firms.allSatisfy { if case .quadraticCost = $0.technology { true } else { false } }
        case .nonContraction:
            return e.firms.isEmpty && e.consumers.allSatisfy { if case .leontief = $0.utility { true } else { false } }
        case .nonConvex, .discreteAgents: return !satiable && nonConvex && !leaky
        case .satiation: return satiable && !nonConvex && !leaky
        case .profitLeakage: return !satiable && !nonConvex && leaky
        }
    }
}

extension Economy {
    /// The rules of the file format, so that a shrunk economy can be
    /// written and audited: sizes match, no negative endowment, no utility
    /// without a positive weight, shares in [0, 1].
    public var isWellFormed: Bool {
        let n = commodityCount
        guard n >= 1, !consumers.isEmpty else { return false }
        for c in consumers {
            guard c.endowment.count == n, c.endowment.allSatisfy({ $0.signum() >= 0 }), c.shares.count == firms.count,
                  c.shares.allSatisfy({ $0.signum() >= 0 && $0 <= 1 }) else { return false }
            switch c.utility {
            case .cobbDouglas(let a), .leontief(let a), .linear(let a):
                guard a.count == n, a.allSatisfy({ $0.signum() >= 0 }), !a.isZero else { return false }
            case .satiableQuadratic(let b, let w):
                guard b.count == n, w.count == n, b.allSatisfy({ $0.signum() >= 0 }), w.allSatisfy({ $0.signum() > 0 }) else { return false }
            case .cappedLinear(let w, let cap):
                guard w.count == n, w.allSatisfy({ $0.signum() >= 0 }), !w.isZero, cap.signum() > 0 else { return false }
            }
        }
        for f in firms {
            switch f.technology {
            case .activities(let acts, let bound):
                guard !acts.isEmpty, acts.allSatisfy({ $0.count == n }), bound.map({ $0.signum() > 0 }) ?? true else { return false }
            case .discreteModes(let modes):
                guard !modes.isEmpty, modes.allSatisfy({ $0.count == n }) else { return false }
            case .quadraticCost(let input, let scale, let capacity):
                guard input.count == n, input.allSatisfy({ $0.signum() >= 0 }), !input.isZero,
                      (0..<n).allSatisfy({ input[$0].isZero || scale[$0].isZero }), scale.count == n, capacity.count == n,
                      scale.allSatisfy({ $0.signum() >= 0 }), !scale.isZero,
                      (0..<n).allSatisfy({ scale[$0].isZero || capacity[$0].signum() > 0 }) else { return false }
            }
        }
        return true
    }
}
