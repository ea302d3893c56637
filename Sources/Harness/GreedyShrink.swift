import ExactArithmetic
import Foundation

/// Greedy, first-improvement shrinking shared by both shrinkers: take the
/// first candidate that is acceptable, strictly smaller, and still fails;
/// repeat until none is, or the step, check or time budget is spent. The
/// count budgets make a shrink the same on every machine (`walras study`);
/// the time limit is a safety net.
func greedyShrink<T>(_ start: T, maximumSteps: Int, maximumChecks: Int = .max, timeLimit: Double, candidates: (T) -> [T],
                     acceptable: (T) -> Bool, size: (T) -> Rational, stillFails: (T) -> Bool) -> (T, Int) {
    var current = start, steps = 0, checks = 0
    let began = Date()
    outer: while steps < maximumSteps && checks < maximumChecks && Date().timeIntervalSince(began) < timeLimit {
        let currentSize = size(current)
        for c in candidates(current) where acceptable(c) && size(c) < currentSize {
            guard checks < maximumChecks else { break outer }
            checks += 1
            guard stillFails(c) else { continue }
            current = c
            steps += 1
            continue outer
        }
        break
    }
    return (current, steps)
}

/// The cost of a number for shrinking: `|numerator| + denominator`.
func shrinkCost(_ x: Rational) -> Rational { Rational(x.numerator.magnitude + x.denominator) }

/// Simpler replacements for one number: 0, 1, its floor and ceiling, its
/// half — those that cost less and keep the sign of a non-negative number.
func simplerValues(_ x: Rational) -> [Rational] {
    var out: [Rational] = []
    for y in [Rational.zero, .one, Rational(x.floor), Rational(x.ceiling), x / 2]
        where shrinkCost(y) < shrinkCost(x) && (y.signum() >= 0 || x.signum() < 0) && !out.contains(y) {
        out.append(y)
    }
    return out
}
