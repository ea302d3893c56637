import Testing
import ExactArithmetic
import ExactLinearAlgebra
import EconomyModel
import _TestSupport

/// Hand-computed textbook cases for the independent reference `ReferenceEquilibrium`.
@Suite struct ReferenceEquilibriumTests {
    typealias R = ReferenceEquilibrium
    static func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }
    static func v(_ xs: Rational...) -> Vector { Vector(xs) }
    let half = Self.v(Self.r(1, 2), Self.r(1, 2))

    func consumer(_ u: Utility, _ p: Vector, _ income: Rational, _ x: Vector) -> Bool {
        R.consumerIsOptimal(u, prices: p, income: income, bundle: x)
    }

    @Test func cobbDouglas() {
        let u = Utility.cobbDouglas(exponents: Self.v(1, 1))
        #expect(consumer(u, half, 1, Self.v(1, 1)))
        #expect(!consumer(u, half, 1, Self.v(2, 0)))
        #expect(!consumer(u, half, 1, Self.v(Self.r(1, 2), Self.r(1, 2))))  // income left unspent
        #expect(consumer(u, half, 0, Self.v(0, 0)))                          // u ≡ 0 on the budget set
        #expect(!consumer(u, Self.v(1, 0), 1, Self.v(1, 5)))                 // a valued good is free
        let one = Utility.cobbDouglas(exponents: Self.v(1, 0))
        #expect(consumer(one, half, 1, Self.v(2, 0)))
        #expect(!consumer(one, half, 1, Self.v(1, 1)))
        #expect(consumer(one, Self.v(1, 0), 1, Self.v(1, 5)))                // unvalued free good: anything
    }

    @Test func linear() {
        let u = Utility.linear(weights: Self.v(1, 1))
        for x in [Self.v(2, 0), Self.v(0, 2), Self.v(1, 1)] { #expect(consumer(u, half, 1, x)) }  // a tie
        #expect(!consumer(u, half, 1, Self.v(1, 0)))
        let tilted = Utility.linear(weights: Self.v(2, 1))
        #expect(consumer(tilted, half, 1, Self.v(2, 0)))
        #expect(!consumer(tilted, half, 1, Self.v(0, 2)))
        #expect(!consumer(u, Self.v(1, 0), 1, Self.v(1, 0)))                 // unbounded
    }

    @Test func cappedLinear() {
        let u = Utility.cappedLinear(weights: Self.v(1, 1), cap: 1)
        #expect(consumer(u, half, 1, Self.v(1, 0)))                          // at the cap
        #expect(consumer(u, half, 1, Self.v(Self.r(1, 2), Self.r(1, 2))))
        #expect(consumer(u, half, 1, Self.v(2, 0)))
        #expect(!consumer(u, half, 1, Self.v(Self.r(1, 2), 0)))              // below the cap
        // A free valued good: the cap is reached for nothing.
        #expect(consumer(u, Self.v(1, 0), 0, Self.v(0, 1)))
        #expect(consumer(u, Self.v(1, 0), 0, Self.v(0, 5)))
        #expect(!consumer(u, Self.v(1, 0), 0, Self.v(0, Self.r(1, 2))))
        // A poor consumer below the cap: the budget binds (V = 1/2 < 1).
        #expect(consumer(u, half, Self.r(1, 4), Self.v(Self.r(1, 2), 0)))
        #expect(!consumer(u, half, Self.r(1, 4), Self.v(Self.r(1, 4), 0)))
    }

    @Test func leontief() {
        let u = Utility.leontief(coefficients: Self.v(1, 2))
        #expect(consumer(u, half, 3, Self.v(2, 4)))
        #expect(!consumer(u, half, 3, Self.v(2, 5)))                         // unaffordable
        #expect(!consumer(u, half, 3, Self.v(3, 3)))
        #expect(consumer(u, Self.v(1, 0), 3, Self.v(3, 100)))                // second good free
        #expect(!consumer(u, Self.v(1, 0), 3, Self.v(2, 6)))
        #expect(!consumer(.leontief(coefficients: Self.v(1, 0)), Self.v(0, 1), 1, Self.v(5, 0)))  // unbounded
    }

    @Test func satiableQuadratic() {
        let u = Utility.satiableQuadratic(bliss: Self.v(1, 1), weights: Self.v(1, 1))
        #expect(consumer(u, half, 2, Self.v(1, 1)))                          // bliss affordable
        #expect(!consumer(u, half, 2, Self.v(2, 2)))
        #expect(consumer(u, half, Self.r(1, 2), Self.v(Self.r(1, 2), Self.r(1, 2))))  // budget binds
        #expect(!consumer(u, half, Self.r(1, 2), Self.v(1, 0)))
        // b = (2, 1), I = 1/4: the second good hits 0 (μ = 3), x = (1/2, 0).
        let w = Utility.satiableQuadratic(bliss: Self.v(2, 1), weights: Self.v(1, 1))
        #expect(consumer(w, half, Self.r(1, 4), Self.v(Self.r(1, 2), 0)))
        #expect(!consumer(w, half, Self.r(1, 4), Self.v(Self.r(3, 8), Self.r(1, 8))))
        #expect(consumer(w, half, Self.r(1, 2), Self.v(1, 0)))               // exactly at the kink
    }

    @Test func activities() {
        let cone = Technology.activities([Self.v(-1, 1)], bound: nil)
        #expect(R.firmIsOptimal(cone, prices: half, production: Self.v(-3, 3)))
        #expect(R.firmIsOptimal(cone, prices: half, production: Self.v(0, 0)))
        #expect(!R.firmIsOptimal(cone, prices: half, production: Self.v(1, 1)))   // not in Y
        #expect(!R.firmIsOptimal(cone, prices: Self.v(Self.r(1, 3), Self.r(2, 3)), production: Self.v(-3, 3)))
        let bounded = Technology.activities([Self.v(-1, 2), Self.v(-1, 1)], bound: 2)
        #expect(R.firmIsOptimal(bounded, prices: half, production: Self.v(-2, 4)))
        #expect(!R.firmIsOptimal(bounded, prices: half, production: Self.v(-2, 3)))
        #expect(!R.firmIsOptimal(bounded, prices: half, production: Self.v(-1, 2)))
        #expect(!R.firmIsOptimal(bounded, prices: half, production: Self.v(-3, 6)))  // beyond the bound
    }

    @Test func discreteModes() {
        let t = Technology.discreteModes([Self.v(-1, 2), Self.v(-2, 1)])
        #expect(R.firmIsOptimal(t, prices: half, production: Self.v(-1, 2)))
        #expect(!R.firmIsOptimal(t, prices: half, production: Self.v(0, 0)))
        let dear = Self.v(Self.r(3, 4), Self.r(1, 4))
        #expect(R.firmIsOptimal(t, prices: dear, production: Self.v(0, 0)))
        #expect(!R.firmIsOptimal(t, prices: dear, production: Self.v(-1, 2)))
        #expect(!R.firmIsOptimal(t, prices: dear, production: Self.v(-1, 1)))      // not in Y
    }

    @Test func quadraticCost() {
        let t = Technology.quadraticCost(inputCommodity: 0, scale: Self.v(0, 1), capacity: Self.v(0, 10))
        #expect(R.firmIsOptimal(t, prices: half, production: Self.v(Self.r(-1, 2), 1)))
        #expect(!R.firmIsOptimal(t, prices: half, production: Self.v(-2, 2)))
        #expect(!R.firmIsOptimal(t, prices: half, production: Self.v(-1, 1)))      // not in Y
        let small = Technology.quadraticCost(inputCommodity: 0, scale: Self.v(0, 1), capacity: Self.v(0, Self.r(1, 2)))
        #expect(R.firmIsOptimal(small, prices: half, production: Self.v(Self.r(-1, 8), Self.r(1, 2))))
        let three = Technology.quadraticCost(inputCommodity: 0, scale: Self.v(0, 1), capacity: Self.v(0, 3))
        #expect(R.firmIsOptimal(three, prices: Self.v(0, 1), production: Self.v(Self.r(-9, 2), 3)))  // free input
        #expect(!R.firmIsOptimal(three, prices: Self.v(0, 1), production: Self.v(-2, 2)))
    }

    func person(_ u: Utility, _ endowment: Vector, shares: [Rational] = []) -> Consumer {
        Consumer(name: "h", endowment: endowment, utility: u, shares: shares)
    }

    @Test func exchangeEconomy() {
        let cd = Utility.cobbDouglas(exponents: Self.v(1, 1))
        let e = Economy(name: "edgeworth", commodities: ["a", "b"],
                        consumers: [person(cd, Self.v(1, 0)), person(cd, Self.v(0, 1))], firms: [])
        let even = [Self.v(Self.r(1, 2), Self.r(1, 2)), Self.v(Self.r(1, 2), Self.r(1, 2))]
        #expect(R.isEquilibrium(e, prices: half, allocation: even, production: [], transfers: []))
        #expect(!R.isEquilibrium(e, prices: Self.v(1, 1), allocation: even, production: [], transfers: []))
        #expect(!R.isEquilibrium(e, prices: half, allocation: [even[0]], production: [], transfers: []))
        // At p = (1/3, 2/3) each demands optimally but the market for a has excess demand 1/2.
        let off = [Self.v(Self.r(1, 2), Self.r(1, 4)), Self.v(1, Self.r(1, 2))]
        #expect(!R.isEquilibrium(e, prices: Self.v(Self.r(1, 3), Self.r(2, 3)), allocation: off, production: [],
                                 transfers: []))
        // Transfers (1/4, −1/4) at p = (1/2, 1/2): incomes 3/4 and 1/4.
        let moved = [Self.v(Self.r(3, 4), Self.r(3, 4)), Self.v(Self.r(1, 4), Self.r(1, 4))]
        #expect(R.isEquilibrium(e, prices: half, allocation: moved, production: [],
                                transfers: [Self.r(1, 4), Self.r(-1, 4)]))
        #expect(!R.isEquilibrium(e, prices: half, allocation: moved, production: [], transfers: [Self.r(1, 4), 0]))
        // Free disposal: good b is free and unwanted, so its surplus is thrown away.
        let lin = Economy(name: "disposal", commodities: ["a", "b"],
                          consumers: [person(.linear(weights: Self.v(1, 0)), Self.v(1, 1))], firms: [])
        #expect(R.isEquilibrium(lin, prices: Self.v(1, 0), allocation: [Self.v(1, 0)], production: [], transfers: []))
        #expect(!R.isEquilibrium(lin, prices: half, allocation: [Self.v(2, 0)], production: [], transfers: []))
    }

    @Test func productionEconomies() {
        // Robinson Crusoe: u = x_a x_b³, ω = (1, 0), y_b ≤ 10 with scale 6/5. At p = (1/2, 1/2):
        // y = (−3/5, 6/5), profit 3/10, income 4/5, x = (2/5, 6/5), markets clear.
        let t = Technology.quadraticCost(inputCommodity: 0, scale: Self.v(0, Self.r(6, 5)), capacity: Self.v(0, 10))
        let e = Economy(name: "crusoe", commodities: ["a", "b"],
                        consumers: [person(.cobbDouglas(exponents: Self.v(1, 3)), Self.v(1, 0), shares: [1])],
                        firms: [Firm(name: "f", technology: t)])
        let y = Self.v(Self.r(-3, 5), Self.r(6, 5))
        #expect(R.isEquilibrium(e, prices: half, allocation: [Self.v(Self.r(2, 5), Self.r(6, 5))], production: [y],
                                transfers: []))
        #expect(!R.isEquilibrium(e, prices: half, allocation: [Self.v(Self.r(2, 5), Self.r(6, 5))],
                                 production: [Self.v(0, 0)], transfers: []))
        // Constant returns: zero profit, any scale; it must be the one that clears markets.
        let crs = Economy(name: "crs", commodities: ["a", "b"],
                          consumers: [person(.cobbDouglas(exponents: Self.v(1, 1)), Self.v(2, 0), shares: [1])],
                          firms: [Firm(name: "f", technology: .activities([Self.v(-1, 1)], bound: nil))])
        #expect(R.isEquilibrium(crs, prices: half, allocation: [Self.v(1, 1)], production: [Self.v(-1, 1)],
                                transfers: []))
        #expect(!R.isEquilibrium(crs, prices: half, allocation: [Self.v(1, 1)], production: [Self.v(0, 0)],
                                 transfers: []))
    }
}
