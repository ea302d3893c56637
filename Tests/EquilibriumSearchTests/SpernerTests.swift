import Testing
import EquilibriumSearch
import SeededRandom
import _TestSupport

/// A random proper labelling: each grid point gets a coordinate of its support, seeded by the point.
func randomProperLabel(seed: UInt64) -> ([Int]) -> Int {
    { k in
        var h = SplitMix64(seed: seed)
        for x in k { h = SplitMix64(seed: h.next() ^ UInt64(bitPattern: Int64(x))) }
        let support = k.indices.filter { k[$0] > 0 }
        return support[Int(h.below(UInt64(support.count)))]
    }
}

@Suite("Sperner's lemma and the nested-face path")
struct SpernerTests {
    @Test func theTriangulationHasTheRightNumberOfSimplices() {
        // Freudenthal's triangulation of the m-scaled (n−1)-simplex has m^(n−1) simplices.
        for n in 1...4 {
            for m in 1...5 {
                #expect(allSimplices(dimension: n, size: m).count == Int(pow(Double(m), Double(n - 1))), "n=\(n) m=\(m)")
            }
        }
    }

    @Test func spernerParityHoldsForRandomProperLabellings() {
        var seeds = SplitMix64(seed: 0x5EED_0501)
        var checked = 0
        for i in 0..<scaledIterations(60) {
            let n = 2 + i % 3, m = 1 + Int(seeds.below(7))
            let seed = seeds.next()
            switch spernerCount(dimension: n, size: m, label: randomProperLabel(seed: seed)) {
            case .proper(_, let complete):
                #expect(complete % 2 == 1, "n=\(n) m=\(m) seed=\(seed): \(complete) completely labelled simplices")
                checked += 1
            case .improper(let v, let l):
                Issue.record("a proper labelling was called improper at \(v) label \(l)")
            }
        }
        #expect(checked > 0)
    }

    @Test func anImproperLabellingIsReportedNotCounted() {
        // Label 2 at a point whose third coordinate is 0.
        let improper: ([Int]) -> Int = { k in k == [2, 1, 0] ? 2 : k.indices.first { k[$0] > 0 }! }
        #expect(spernerCount(dimension: 3, size: 3, label: improper) == .improper(vertex: [2, 1, 0], label: 2))
    }

    @Test func thePathEndsAtACompletelyLabelledSimplexOfTheTriangulation() throws {
        var seeds = SplitMix64(seed: 0x5EED_0502)
        for i in 0..<scaledIterations(200) {
            let n = 1 + i % 5, m = 1 + Int(seeds.below(12))
            let seed = seeds.next()
            let label = randomProperLabel(seed: seed)
            let s = try completelyLabelledSimplex(dimension: n, size: m, label: label)
            #expect(isCompletelyLabelled(s.vertices.map(label), dimension: n), "n=\(n) m=\(m) seed=\(seed)")
            #expect(s.labels == s.vertices.map(label))
            if n <= 4 && m <= 6 {
                let all = Set(allSimplices(dimension: n, size: m).map { Set($0) })
                #expect(all.contains(Set(s.vertices)), "n=\(n) m=\(m) seed=\(seed): not a simplex of the triangulation")
            }
        }
    }

    @Test func thePathRejectsAnImproperLabelling() {
        #expect(throws: PathFailure.self) {
            try completelyLabelledSimplex(dimension: 3, size: 4) { _ in 2 }
        }
    }
}

import Foundation
