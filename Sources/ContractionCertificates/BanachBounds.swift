public import ExactArithmetic
public import ExactLinearAlgebra
public import EconomyModel

/// Banach's bounds checked exactly along one rounded orbit of a certified
/// contraction.
///
/// The orbit is `p_t = round(Φ(p_{t−1}))` on the grid `2^-bits`, so
/// `p_t = Φ(p_{t−1}) + e_t` with `‖e_t‖ ≤ ε` (checked at each step). The fixed
/// point is known through an anchor `a` with `‖a − p*‖ ≤ ρ` (`ρ = 0` when
/// it is known exactly). From `‖Φ(p) − p*‖ ≤ L‖p − p*‖` on the region:
/// - a priori: `‖p_t − p*‖ ≤ Lᵗ‖p_0 − p*‖ + ε(1 − Lᵗ)/(1 − L)`;
/// - a posteriori: `‖p_t − p*‖ ≤ (L‖p_t − p_{t−1}‖ + ε)/(1 − L)`.
/// Norms are square roots of rationals; each check compares a dyadic upper
/// bound of its left side with a dyadic lower bound of its right side, so
/// a pass is a proof of the inequality.
public struct BanachOrbitCheck: Sendable {
    public let start: Vector
    /// `p_0, p_1, …`; stops when a step is within the rounding noise.
    public let iterates: [Vector]
    /// `ε`, the bound on each step's rounding error.
    public let roundingBound: Rational
    /// Steps at which every check held (`1...iterates.count − 1` when all pass).
    public let stepsChecked: Int
    /// The first failed check, or `nil`.
    public let failure: String?
    /// The largest `‖p_{t+1} − p_t‖² / ‖p_t − p_{t−1}‖²` over steps well
    /// above the rounding noise: the square of the observed rate.
    public let observedRateSquared: Rational?
    /// `‖p_t − a‖²` for each iterate, for pictures.
    public let squaredDistancesToAnchor: [Rational]

    public var passed: Bool { failure == nil }
}

extension CheckedContraction {
    /// Iterates from `start` (which must be in the region) and checks both
    /// Banach bounds at every step. `anchor`, `anchorRadius`: `‖a − p*‖ ≤ ρ`.
    public func checkBanachBounds(from start: Vector, anchor: Vector, anchorRadius: Rational,
                                  maximumSteps: Int = 400, bits: Int = 40) -> BanachOrbitCheck {
        checkBanachBounds(from: start, anchor: anchor, anchorRadius: anchorRadius, maximumSteps: maximumSteps, bits: bits,
                          rounding: roundToDyadicSimplex)
    }

    /// The same, with the rounding of each iterate given: the check must
    /// not trust it (tests hand it a faulty one).
    package func checkBanachBounds(from start: Vector, anchor: Vector, anchorRadius: Rational,
                                   maximumSteps: Int, bits: Int, rounding: (Vector, Int) -> Vector) -> BanachOrbitCheck {
        let map = TatonnementMap(economy: economy, step: step)
        let n = economy.commodityCount
        let epsilon: Rational = Rational(n).squareRootBounds(bits: 0).upper / Rational(BigInt(2).power(bits))
        let epsilonSquared: Rational = epsilon * epsilon
        let oneMinusL = 1 - modulus
        func upper(_ x: Rational) -> Rational { x.squareRootBounds(bits: 64).upper }
        func lower(_ x: Rational) -> Rational { x.squareRootBounds(bits: 64).lower }
        let p0 = start
        var iterates = [p0]
        var distances = [squaredNorm(p0 - anchor)]
        let initialLower = max(.zero, lower(distances[0]) - anchorRadius)
        var power = Rational.one
        var rateSquared: Rational? = nil
        var previousStep: Rational? = nil
        let noise: Rational = epsilonSquared * Rational(1 << 20)
        func result(_ failure: String?) -> BanachOrbitCheck {
            let checked = failure == nil ? iterates.count - 1 : iterates.count - 2
            return BanachOrbitCheck(start: start, iterates: iterates, roundingBound: epsilon, stepsChecked: checked,
                                    failure: failure, observedRateSquared: rateSquared, squaredDistancesToAnchor: distances)
        }
        guard regionContains(p0) else { return result("the start \(p0) is outside the region") }
        for t in 1...maximumSteps {
            let previous = iterates[t - 1]
            guard let image = map(previous) else { return result("Φ is undefined at p_\(t - 1)") }
            let p = rounding(image, bits)
            iterates.append(p)
            distances.append(squaredNorm(p - anchor))
            guard squaredNorm(p - image) <= epsilonSquared else {
                return result("step \(t): the rounding error exceeds ε = \(epsilon)")
            }
            guard regionContains(p) else { return result("step \(t): p_\(t) left the region") }
            power *= modulus
            let distanceUpper = upper(distances[t]) + anchorRadius
            let aPriori = power * initialLower + epsilon * (1 - power) / oneMinusL
            guard distanceUpper <= aPriori else {
                return result("step \(t): a-priori bound ‖p_t − p*‖ ≤ Lᵗ‖p_0 − p*‖ + ε(1 − Lᵗ)/(1 − L) not shown "
                              + "(\(distanceUpper.displayDouble) > \(aPriori.displayDouble))")
            }
            let stepSquared = squaredNorm(p - previous)
            let aPosteriori = (modulus * lower(stepSquared) + epsilon) / oneMinusL
            guard distanceUpper <= aPosteriori else {
                return result("step \(t): a-posteriori bound ‖p_t − p*‖ ≤ (L‖p_t − p_{t−1}‖ + ε)/(1 − L) not shown "
                              + "(\(distanceUpper.displayDouble) > \(aPosteriori.displayDouble))")
            }
            if let before = previousStep, before > noise {
                let ratio = stepSquared / before
                rateSquared = max(rateSquared ?? ratio, ratio)
            }
            previousStep = stepSquared
            if stepSquared <= epsilonSquared { break }
        }
        return result(nil)
    }
}
