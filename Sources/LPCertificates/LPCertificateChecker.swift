public import ExactArithmetic

/// Why a certificate was rejected: the first condition that failed.
public struct CertificateRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
    public init(reason: String) { self.reason = reason }
}

/// Evidence that a certificate was checked: only the checker makes one.
/// Carries the conclusions the certificate proves.
public struct CheckedLPCertificate: Sendable, Hashable {
    public let program: LinearProgram
    public let certificate: LPCertificate

    fileprivate init(program: LinearProgram, certificate: LPCertificate) {
        self.program = program
        self.certificate = certificate
    }

    /// The optimal value, when the certificate proves optimality.
    public var optimalValue: Rational? {
        guard case .optimal(let x, _) = certificate else { return nil }
        return dot(program.objective, x)
    }

    /// An optimal solution, when the certificate proves optimality.
    public var optimalSolution: [Rational]? {
        guard case .optimal(let x, _) = certificate else { return nil }
        return x
    }

    /// An optimal dual solution (shadow prices), when optimality is proved.
    public var optimalDual: [Rational]? {
        guard case .optimal(_, let y) = certificate else { return nil }
        return y
    }
}

/// The trusted checker for linear-programming certificates.
///
/// It uses arithmetic and comparisons only: no search, no pivoting, no
/// solver. Each branch is the textbook proof of the claim, written out:
/// - optimal: `c·x ≤ (Aᵀy)·x = y·(Ax) ≤ y·b` for every feasible `x` and
///   dual-feasible `y` (weak duality), so equality proves both optimal;
/// - infeasible: for any `x ≥ 0` with `Ax (rel) b`, `0 ≤ (Aᵀy)·x = y·(Ax) ≤ y·b < 0`;
/// - unbounded: `x + t·d` is feasible for every `t ≥ 0` and its value grows
///   as `c·x + t·(c·d)` with `c·d > 0`.
public enum LPCertificateChecker {
    public static func check(_ certificate: LPCertificate, for program: LinearProgram)
        -> Result<CheckedLPCertificate, CertificateRejection>
    {
        do {
            try verify(certificate, program)
            return .success(CheckedLPCertificate(program: program, certificate: certificate))
        } catch {
            return .failure(error)
        }
    }

    private static func verify(_ certificate: LPCertificate, _ lp: LinearProgram) throws(CertificateRejection) {
        let n = lp.variableCount, m = lp.constraints.count
        switch certificate {
        case .optimal(let x, let y):
            try requireLength(x, n, "primal solution")
            try requireLength(y, m, "dual solution")
            try requirePrimalFeasible(x, lp)
            try requireDualSigns(y, lp, "dual solution")
            let aty = transposeProduct(lp, y)
            for j in 0..<n where aty[j] < lp.objective[j] {
                throw reject("dual constraint \(j) violated: (Aᵀy)_\(j) = \(aty[j]) < c_\(j) = \(lp.objective[j])")
            }
            let primalValue = dot(lp.objective, x)
            let dualValue = dot(lp.constraints.map(\.rhs), y)
            guard primalValue == dualValue else {
                throw reject("duality gap: c·x = \(primalValue), b·y = \(dualValue)")
            }
        case .infeasible(let y):
            try requireLength(y, m, "Farkas vector")
            try requireDualSigns(y, lp, "Farkas vector")
            let aty = transposeProduct(lp, y)
            for j in 0..<n where aty[j].signum() < 0 {
                throw reject("Farkas condition (Aᵀy)_\(j) ≥ 0 fails: \(aty[j])")
            }
            let by = dot(lp.constraints.map(\.rhs), y)
            guard by.signum() < 0 else { throw reject("Farkas condition b·y < 0 fails: b·y = \(by)") }
        case .unbounded(let x, let d):
            try requireLength(x, n, "feasible point")
            try requireLength(d, n, "ray")
            try requirePrimalFeasible(x, lp)
            for j in 0..<n where d[j].signum() < 0 { throw reject("ray entry \(j) is negative: \(d[j])") }
            for (i, c) in lp.constraints.enumerated() {
                let s = dot(c.coefficients, d).signum()
                let keeps = switch c.relation {
                case .lessOrEqual: s <= 0
                case .equal: s == 0
                case .greaterOrEqual: s >= 0
                }
                guard keeps else { throw reject("ray leaves constraint \(i): a·d has sign \(s) for relation \(c.relation.rawValue)") }
            }
            let cd = dot(lp.objective, d)
            guard cd.signum() > 0 else { throw reject("ray does not improve the objective: c·d = \(cd)") }
        }
    }

    private static func reject(_ reason: String) -> CertificateRejection { CertificateRejection(reason: reason) }

    private static func requireLength(_ v: [Rational], _ n: Int, _ what: String) throws(CertificateRejection) {
        guard v.count == n else { throw reject("\(what) has \(v.count) entries, expected \(n)") }
    }

    private static func requirePrimalFeasible(_ x: [Rational], _ lp: LinearProgram) throws(CertificateRejection) {
        for j in 0..<x.count where x[j].signum() < 0 { throw reject("x_\(j) = \(x[j]) is negative") }
        for (i, c) in lp.constraints.enumerated() {
            let lhs = dot(c.coefficients, x)
            let holds = switch c.relation {
            case .lessOrEqual: lhs <= c.rhs
            case .equal: lhs == c.rhs
            case .greaterOrEqual: lhs >= c.rhs
            }
            guard holds else { throw reject("constraint \(i) violated: \(lhs) \(c.relation.rawValue) \(c.rhs) is false") }
        }
    }

    private static func requireDualSigns(_ y: [Rational], _ lp: LinearProgram, _ what: String) throws(CertificateRejection) {
        for (i, c) in lp.constraints.enumerated() {
            let ok = switch c.relation {
            case .lessOrEqual: y[i].signum() >= 0
            case .equal: true
            case .greaterOrEqual: y[i].signum() <= 0
            }
            guard ok else { throw reject("\(what) entry \(i) = \(y[i]) has the wrong sign for relation \(c.relation.rawValue)") }
        }
    }

    private static func transposeProduct(_ lp: LinearProgram, _ y: [Rational]) -> [Rational] {
        var result = [Rational](repeating: .zero, count: lp.variableCount)
        for (i, c) in lp.constraints.enumerated() where !y[i].isZero {
            for j in 0..<lp.variableCount { result[j] += c.coefficients[j] * y[i] }
        }
        return result
    }
}

func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
    var s = Rational.zero
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}
