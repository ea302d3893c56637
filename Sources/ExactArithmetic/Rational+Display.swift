internal import CGMP
import Foundation

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

extension Rational {
    /// The exact value when it is short (at most `characters`), else about six
    /// significant digits marked `≈`: for text meant to be read; the exact
    /// value belongs in the JSON report.
    public func readable(characters: Int = 24) -> String {
        let exact = description
        return exact.count <= characters ? exact : "≈ " + String(format: "%.6g", displayDouble)
    }
}
