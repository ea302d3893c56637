import Testing
import ExactArithmetic
import SeededRandom
import _TestSupport

@Suite("BigInt")
struct BigIntTests {
    @Test func ringLawsAndFastPathAgreeWithGMP() {
        var rng = SplitMix64(seed: 0x5EED_0004)
        for i in 0..<scaledIterations(3000) {
            let a = rng.cornerBigInt(), b = rng.cornerBigInt(), c = rng.cornerBigInt()
            let ctx = "iteration \(i), seed 0x5EED0004: a=\(a) b=\(b) c=\(c)"
            #expect(a + b == ReferenceArithmetic.add(a, b), "sum: \(ctx)")
            #expect(a - b == ReferenceArithmetic.subtract(a, b), "difference: \(ctx)")
            #expect(a * b == ReferenceArithmetic.multiply(a, b), "product: \(ctx)")
            #expect((a < b) == (ReferenceArithmetic.compare(a, b) < 0), "order: \(ctx)")
            #expect(a * (b + c) == a * b + a * c, "distributivity: \(ctx)")
            #expect((a + b).isWordSized == ((a + b) <= BigInt(Int.max) && (a + b) >= BigInt(-Int.max)), "invariant: \(ctx)")
            if !b.isZero {
                let (q, r) = a.quotientAndRemainder(dividingBy: b)
                #expect(q * b + r == a && r.magnitude < b.magnitude, "division: \(ctx)")
                #expect(r.isZero || r.signum() == a.signum(), "truncation: \(ctx)")
                #expect((a * b).dividedExactly(by: b) == a, "exact division: \(ctx)")
                let f = a.floorDivided(by: b)
                #expect(f * b <= a || b.signum() < 0, "floor: \(ctx)")
            }
            let g = BigInt.gcd(a, b)
            if !g.isZero {
                #expect(a.quotientAndRemainder(dividingBy: g).remainder.isZero, "gcd divides: \(ctx)")
            }
        }
    }

    @Test func overflowBoundaryPromotesAndDemotes() {
        for x in boundaryInts {
            for y in boundaryInts {
                let bx = BigInt(x), by = BigInt(y)
                let ctx = "x=\(x) y=\(y)"
                #expect(bx + by == ReferenceArithmetic.add(bx, by), "sum: \(ctx)")
                #expect(bx * by == ReferenceArithmetic.multiply(bx, by), "product: \(ctx)")
                #expect(bx - by == ReferenceArithmetic.subtract(bx, by), "difference: \(ctx)")
                #expect((-(bx * by)) + bx * by == .zero, "negation: \(ctx)")
            }
        }
        #expect(ReferenceArithmetic.isBig(BigInt(Int.min)))
        #expect(!ReferenceArithmetic.isBig(BigInt(Int.min) + 1))
        #expect((BigInt(Int.max) + 1).description == "9223372036854775808")
    }
}
