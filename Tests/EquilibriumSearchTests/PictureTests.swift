import Testing
import Foundation
import EconomyModel
import EquilibriumSearch
import WalrasPlots
import _TestSupport


@Suite("The Sperner picture")
struct PictureTests {
    @Test func theSVGShowsLabelsPathAndTheCompletelyLabelledSimplex() throws {
        let e = try exampleEconomy("scarf-1960.json")
        let picture = try SimplicialSearch(economy: e).picture(mesh: 12)
        #expect(picture.labels.count == 13 * 14 / 2, "every grid point is labelled")
        #expect(isCompletelyLabelled(picture.result.vertices.map { picture.labels[$0]! }, dimension: 3))
        #expect(picture.result.path.count > 3 && picture.result.path.first == [[12, 0, 0]])
        let svg = spernerSVG(picture, commodities: e.commodities, title: "Scarf")
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("fill=\"#ffd700\"") && svg.contains("<polyline"))
    }

    /// CI installs rsvg-convert (librsvg2-bin); elsewhere the test says it is missing.
    @Test(.enabled(if: rsvgConvert != nil || ProcessInfo.processInfo.environment["CI"] != nil))
    func theSVGRendersToAValidPNG() throws {
        let e = try exampleEconomy("scarf-1960.json")
        let svg = spernerSVG(try SimplicialSearch(economy: e).picture(mesh: 16), commodities: e.commodities, title: "Scarf")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("walras-picture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svgURL = dir.appendingPathComponent("sperner.svg")
        try svg.write(to: svgURL, atomically: true, encoding: .utf8)
        let png = try #require(try renderPNG(svgAt: svgURL), "rsvg-convert is missing or failed: apt-get install librsvg2-bin")
        #expect(png.prefix(8) == pngSignature, "PNG signature")
        // IHDR: width and height, big-endian, at bytes 16–23.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 640 && height == 620)
        #expect(png.count > 10_000, "a picture with content, not a blank page")
    }
}
