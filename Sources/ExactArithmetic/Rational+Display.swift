internal import CGMP

// Floating-point views, for display and plots only. No verdict may depend
// on these: they round.
extension Rational {
    /// The nearest `Double` (GMP truncates towards zero). For display only.
    public var displayDouble: Double { withMPQ { cgmp_q_get_d($0) } }
}

extension BigInt {
    /// A `Double` approximation (truncated). For display only.
    public var displayDouble: Double { withMPZ { cgmp_z_get_d($0) } }
}
