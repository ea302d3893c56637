// Generators and oracles for tests. Not API: names may change at any time.
public import SeededRandom
public import ExactArithmetic
public import ExactLinearAlgebra
public import Foundation

/// Iteration counts scale with `WALRAS_TEST_SCALE` (a positive integer,
/// default 1) for long runs: `WALRAS_TEST_SCALE=50 swift test`.
public func scaledIterations(_ base: Int) -> Int {
    let scale = ProcessInfo.processInfo.environment["WALRAS_TEST_SCALE"].flatMap(Int.init) ?? 1
    return base * max(1, scale)
}

/// Word values at and around the overflow boundaries.
public let boundaryInts: [Int] = [
    0, 1, -1, 2, -2, Int.max, Int.max - 1, -Int.max, Int.min, Int.min + 1, Int.min + 2,
    Int(Int32.max), Int(Int32.max) + 1, 1 << 31, 1 << 32, -(1 << 32), 3_037_000_499, 3_037_000_500,
    -3_037_000_500, 1 << 62, -(1 << 62),
]

extension SplitMix64 {
    /// An integer that favours corner cases: zero, ±1, word boundaries,
    /// small values, and occasionally values of several limbs.
    public mutating func cornerBigInt() -> BigInt {
        switch below(10) {
        case 0: return BigInt(boundaryInts[Int(below(UInt64(boundaryInts.count)))])
        case 1: // a multi-limb value
            var v = BigInt(int(in: -1000...1000))
            for _ in 0..<Int(below(4)) { v = v * BigInt(Int.max) + BigInt(int(in: 0...Int.max)) }
            return v
        case 2: return BigInt(int(in: -(1 << 40)...(1 << 40)))
        case 3: return BigInt(int(in: -(1 << 20)...(1 << 20)))  // products of two still fit a word
        case 4, 5: return BigInt(int(in: -5000...5000))
        default: return BigInt(int(in: -20...20))
        }
    }

    /// A rational favouring corner cases, on both sides of the word boundary.
    public mutating func cornerRational() -> Rational {
        let n = cornerBigInt()
        var d = cornerBigInt().magnitude
        if d.isZero { d = .one }
        return Rational(n, d)
    }

    /// A small rational: numerator in `-maxNumerator...maxNumerator`, denominator in `1...maxDenominator`.
    public mutating func smallRational(maxNumerator: Int = 20, maxDenominator: Int = 10) -> Rational {
        Rational(int(in: -maxNumerator...maxNumerator), int(in: 1...maxDenominator))
    }

    public mutating func smallMatrix(_ rows: Int, _ columns: Int, maxNumerator: Int = 9, maxDenominator: Int = 4) -> Matrix {
        Matrix(rows: (0..<rows).map { _ in
            (0..<columns).map { _ in smallRational(maxNumerator: maxNumerator, maxDenominator: maxDenominator) }
        })
    }
}

/// The determinant by cofactor expansion along the first row: the naive
/// oracle that Bareiss is checked against (small matrices only).
public func cofactorDeterminant(_ m: Matrix) -> Rational {
    precondition(m.isSquare)
    let n = m.rowCount
    if n == 0 { return .one }
    if n == 1 { return m[0, 0] }
    var det = Rational.zero
    for j in 0..<n {
        let minor = Matrix(rows: (1..<n).map { i in (0..<n).filter { $0 != j }.map { m[i, $0] } })
        let term = m[0, j] * cofactorDeterminant(minor)
        det += j % 2 == 0 ? term : -term
    }
    return det
}

extension SplitMix64 {
    /// A small non-negative vector with at least one positive entry.
    public mutating func positiveDirection(_ n: Int, max: Int = 5) -> Vector {
        var v = Vector((0..<n).map { _ in Rational(int(in: 0...max)) })
        if v.isZero { v[Int(below(UInt64(n)))] = 1 }
        return v
    }

    /// An interior price in the simplex with small denominators.
    public mutating func interiorPrice(_ n: Int) -> Vector {
        let k = (0..<n).map { _ in int(in: 1...30) }
        let total = k.reduce(0, +)
        return Vector(k.map { Rational($0, total) })
    }
}

extension Result {
    /// `true` for `.success`: lets tests say `#expect(check(...).isSuccess)`.
    public var isSuccess: Bool { if case .success = self { true } else { false } }
}

/// `rsvg-convert`, where it is installed (CI installs librsvg2-bin).
public let rsvgConvert = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert", "/opt/homebrew/bin/rsvg-convert"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Renders an SVG file to PNG with `rsvg-convert` and returns the PNG's
/// bytes, or `nil` when the converter fails or is missing.
public func renderPNG(svgAt svg: URL) throws -> Data? {
    guard let converter = rsvgConvert else { return nil }
    let png = svg.deletingPathExtension().appendingPathExtension("png")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: converter)
    process.arguments = ["-o", png.path, svg.path]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? try Data(contentsOf: png) : nil
}

/// The eight bytes every PNG file starts with.
public let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
