import Testing
import ExactArithmetic
import SeededRandom
import _TestSupport

@Suite("Rational")
struct RationalTests {
    /// Every generated value must satisfy the representation invariant.
    func assertCanonical(_ x: Rational, _ context: @autoclosure () -> String) {
        #expect(x.denominator.signum() > 0, "denominator not positive: \(context())")
        #expect(BigInt.gcd(x.numerator, x.denominator) == .one || x.isZero, "not reduced: \(context())")
        if x.isZero { #expect(x.denominator == .one, "zero not 0/1: \(context())") }
        let fits = x.numerator.isWordSized && x.denominator.isWordSized
        #expect(fits == x.isWordSized, "representation does not match size: \(x) \(context())")
    }

    @Test func fieldAxiomsHoldOnRandomRationals() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        for i in 0..<scaledIterations(3000) {
            let a = rng.cornerRational(), b = rng.cornerRational(), c = rng.cornerRational()
            let ctx = "iteration \(i), seed 0x5EED0001: a=\(a) b=\(b) c=\(c)"
            #expect(a + b == b + a, "commutativity of +: \(ctx)")
            #expect(a * b == b * a, "commutativity of *: \(ctx)")
            #expect((a + b) + c == a + (b + c), "associativity of +: \(ctx)")
            #expect((a * b) * c == a * (b * c), "associativity of *: \(ctx)")
            #expect(a * (b + c) == a * b + a * c, "distributivity: \(ctx)")
            #expect(a + .zero == a && a * .one == a, "identities: \(ctx)")
            #expect(a + (-a) == .zero, "additive inverse: \(ctx)")
            #expect(a - b == a + (-b), "subtraction: \(ctx)")
            if !a.isZero {
                #expect(a * a.reciprocal == .one, "multiplicative inverse: \(ctx)")
                #expect(b / a * a == b, "division: \(ctx)")
            }
            for v in [a + b, a - b, a * b] { assertCanonical(v, ctx) }
        }
    }

    @Test func orderIsTotalAndCompatibleWithArithmetic() {
        var rng = SplitMix64(seed: 0x5EED_0002)
        for i in 0..<scaledIterations(3000) {
            let a = rng.cornerRational(), b = rng.cornerRational(), c = rng.cornerRational()
            let ctx = "iteration \(i): a=\(a) b=\(b) c=\(c)"
            #expect([a < b, a == b, b < a].filter { $0 }.count == 1, "trichotomy: \(ctx)")
            if a < b && b < c { #expect(a < c, "transitivity: \(ctx)") }
            if a < b { #expect(a + c < b + c, "translation: \(ctx)") }
            if a < b && c.signum() > 0 { #expect(a * c < b * c, "positive scaling: \(ctx)") }
            #expect((a < b) == ((b - a).signum() > 0), "order vs sign of difference: \(ctx)")
            #expect((a == b) == (a.hashValue == b.hashValue) || a != b, "hash consistency: \(ctx)")
        }
    }

    @Test func fastPathAgreesWithGMPAcrossTheOverflowBoundary() {
        let values: [Rational] = boundaryInts.flatMap { n in
            [Rational(n), Rational(BigInt(n), BigInt(Int.max)), Rational(BigInt(n), BigInt(3_037_000_499))]
        }
        for x in values {
            for y in values {
                let ctx = "x=\(x) y=\(y)"
                #expect(x + y == ReferenceArithmetic.add(x, y), "sum: \(ctx)")
                #expect(x - y == ReferenceArithmetic.subtract(x, y), "difference: \(ctx)")
                #expect(x * y == ReferenceArithmetic.multiply(x, y), "product: \(ctx)")
                if !y.isZero { #expect(x / y == ReferenceArithmetic.divide(x, y), "quotient: \(ctx)") }
                #expect((x < y) == (ReferenceArithmetic.compare(x, y) < 0), "order: \(ctx)")
                for v in [x + y, x - y, x * y] { assertCanonical(v, ctx) }
                var acc = x
                acc += y
                #expect(acc == x + y, "+= matches +: \(ctx)")
                acc = x
                acc *= y
                #expect(acc == x * y, "*= matches *: \(ctx)")
            }
        }
    }

    @Test func intMinIsStoredAsBigAndNegatesExactly() {
        let m = Rational(Int.min)
        #expect(ReferenceArithmetic.isBig(m))
        #expect((-m).description == "9223372036854775808")
        #expect(-(-m) == m)
        #expect(Rational(Int.max) + 1 == -m)
        #expect(!ReferenceArithmetic.isBig(m + 1), "Int.min + 1 fits a word again and must be demoted")
    }

    @Test func valueSemanticsHoldForGMPBoxes() {
        // A big value shares its box with a copy until one of them mutates.
        let big = Rational(BigInt(Int.max) * BigInt(Int.max), BigInt(7))
        #expect(ReferenceArithmetic.isBig(big))
        var copy = big
        copy += Rational(1)
        #expect(copy != big)
        #expect(big == Rational(BigInt(Int.max) * BigInt(Int.max), BigInt(7)), "original changed by mutating a copy")
        var copy2 = big
        copy2 *= Rational(2)
        copy2 -= big
        #expect(copy2 == big)
        var selfAdd = big
        selfAdd += selfAdd
        #expect(selfAdd == big * 2)

        let i = BigInt(Int.max) * BigInt(Int.max)
        let original = i
        var j = i
        j += BigInt(1)
        #expect(i == original && j == original + 1)
        var row = [i, j]
        BigInt.formBareissRow(&row, pivotRow: [0, 0], pivot: 2, left: 1, previousPivot: 1, columns: 0..<1)
        #expect(row[0] == original * 2 && i == original && j == original + 1, "row update changed a copy")
    }

    @Test func powersFloorsAndCeilings() {
        #expect(Rational(2, 3).power(3) == Rational(8, 27))
        #expect(Rational(2, 3).power(-2) == Rational(9, 4))
        #expect(Rational(-7, 2).floor == -4)
        #expect(Rational(-7, 2).ceiling == -3)
        #expect(Rational(7, 2).floor == 3)
        #expect(Rational(6).floor == 6)
        #expect(Rational(10).power(30).description == "1" + String(repeating: "0", count: 30))
    }

    @Test func divisionByZeroTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Rational(1) / Rational(0)
        }
    }
}
