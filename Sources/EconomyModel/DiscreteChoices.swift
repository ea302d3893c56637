/// Counting the discrete choices of groups of firms that tie between the same options.
public enum DiscreteChoices {
    /// Every way to split `size` firms among `parts` options, as counts per
    /// option, in lexicographic order (most firms on the first option first).
    public static func compositions(of size: Int, into parts: Int) -> [[Int]] {
        guard parts > 1 else { return [[size]] }
        var out: [[Int]] = []
        for first in stride(from: size, through: 0, by: -1) {
            for rest in compositions(of: size - first, into: parts - 1) { out.append([first] + rest) }
        }
        return out
    }

    /// How many compositions there are, `C(size + parts − 1, parts − 1)`,
    /// or `atMost` if there are at least that many (no overflow).
    public static func count(of size: Int, into parts: Int, atMost limit: Int) -> Int {
        guard parts > 1 else { return 1 }
        var c = 1
        for k in 1..<parts {
            // C(size + k, k) = C(size + k − 1, k − 1) · (size + k) / k, exact at every step.
            let (m, overflow) = c.multipliedReportingOverflow(by: size + k)
            if overflow || m / k >= limit { return limit }
            c = m / k
        }
        return c
    }

    /// The Cartesian product of per-group choices, in lexicographic order.
    public static func product(_ choices: [[[Int]]]) -> [[[Int]]] {
        choices.reduce([[]]) { partial, options in partial.flatMap { p in options.map { p + [$0] } } }
    }
}
