/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014), as fixed by Vigna's reference code.
///
/// Walras uses its own generator, never the system one: the standard
/// library's generator and its sampling algorithms may change between
/// releases, and a seed must name the same economy on every platform and
/// every release. The stream for a seed is part of the file format of a
/// reproduction command, so this algorithm and its constants never change.
///
/// State update: `s += 0x9E3779B97F4A7C15`; output: the 64-bit finaliser
/// `z = (s ^ (s >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB; z ^ (z >> 31)`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`, by rejection (no modulo bias).
    ///
    /// Our own bounded sampling, so that the numbers drawn for a seed do not
    /// depend on the standard library's `random(in:)` algorithm.
    /// Traps when `bound == 0`.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "SplitMix64.below: bound must be positive, got 0")
        // Largest multiple of bound that fits; values past it are rejected.
        let limit = UInt64.max - (UInt64.max % bound)
        while true {
            let x = next()
            if x < limit { return x % bound }
        }
    }

    /// A uniform integer in the closed range, by `below`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        if width == UInt64.max { return Int(bitPattern: UInt(next())) }
        return range.lowerBound &+ Int(bitPattern: UInt(below(width &+ 1)))
    }

    /// `true` with probability `numerator / denominator`.
    public mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool {
        below(denominator) < numerator
    }

    /// An independent generator derived from this one (for per-item streams).
    public mutating func split() -> SplitMix64 { SplitMix64(seed: next()) }
}
