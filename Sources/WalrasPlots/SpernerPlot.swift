public import EquilibriumSearch
import Foundation

// Drawing only: coordinates are Doubles, and nothing here decides a verdict.

/// The triangulated price simplex of a three-good economy as SVG: grid
/// points coloured by label, the triangulation, the door-to-door path from
/// the vertex e₁, and the completely labelled simplex where it ends.
public func spernerSVG(_ picture: SpernerPicture, commodities: [String], title: String) -> String {
    precondition(commodities.count == 3, "spernerSVG: three goods, found \(commodities.count)")
    let width = 640.0, height = 620.0, margin = 80.0
    let side = width - 2 * margin
    let top = (width / 2, margin)
    let left = (margin, margin + side * 3.0.squareRoot() / 2)
    let right = (width - margin, margin + side * 3.0.squareRoot() / 2)
    let corners = [top, left, right]
    let m = Double(picture.mesh)
    func point(_ k: [Int]) -> (Double, Double) {
        var x = 0.0, y = 0.0
        for i in 0..<3 {
            x += Double(k[i]) / m * corners[i].0
            y += Double(k[i]) / m * corners[i].1
        }
        return (x, y)
    }
    func f(_ v: Double) -> String { String(format: "%.2f", v) }
    let colours = ["#d62728", "#2ca02c", "#1f77b4"]
    var svg = """
    <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))">
    <rect width="100%" height="100%" fill="white"/>
    <text x="\(f(width / 2))" y="28" font-family="sans-serif" font-size="16" text-anchor="middle">\(escape(title))</text>

    """
    // Triangulation edges.
    svg += "<g stroke=\"#cccccc\" stroke-width=\"0.6\" fill=\"none\">\n"
    for s in allSimplices(dimension: 3, size: picture.mesh) {
        let p = s.map(point)
        svg += "<polygon points=\"\(p.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>\n"
    }
    svg += "</g>\n"
    // The completely labelled simplex.
    let final = picture.result.vertices.map(point)
    svg += "<polygon points=\"\(final.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\" fill=\"#ffd700\" fill-opacity=\"0.7\" stroke=\"black\" stroke-width=\"1.5\"/>\n"
    // The path, through the barycentres of the simplices it visits.
    let centres = picture.result.path.map { s -> (Double, Double) in
        let p = s.map(point)
        return (p.map(\.0).reduce(0, +) / Double(p.count), p.map(\.1).reduce(0, +) / Double(p.count))
    }
    svg += "<polyline points=\"\(centres.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\" fill=\"none\" stroke=\"black\" stroke-width=\"1.8\" stroke-dasharray=\"5,3\"/>\n"
    if let first = centres.first {
        svg += "<circle cx=\"\(f(first.0))\" cy=\"\(f(first.1))\" r=\"6\" fill=\"none\" stroke=\"black\" stroke-width=\"2\"/>\n"
    }
    // Grid points by label, in a fixed order.
    let points = picture.labels.keys.sorted { $0.lexicographicallyPrecedes($1) }
    for k in points {
        let (x, y) = point(k)
        svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(picture.mesh <= 24 ? 4.5 : 2.5)\" fill=\"\(colours[picture.labels[k]!])\"/>\n"
    }
    // Corners and legend.
    let anchors = [(top.0, top.1 - 12, "middle"), (left.0 - 8, left.1 + 22, "start"), (right.0 + 8, right.1 + 22, "end")]
    for i in 0..<3 {
        svg += "<text x=\"\(f(anchors[i].0))\" y=\"\(f(anchors[i].1))\" font-family=\"sans-serif\" font-size=\"13\" text-anchor=\"\(anchors[i].2)\">p(\(escape(commodities[i]))) = 1</text>\n"
    }
    for i in 0..<3 {
        let y = height - 60 + Double(i) * 18
        svg += "<circle cx=\"24\" cy=\"\(f(y - 4))\" r=\"5\" fill=\"\(colours[i])\"/>"
        svg += "<text x=\"36\" y=\"\(f(y))\" font-family=\"sans-serif\" font-size=\"12\">label \(i + 1): \(escape(commodities[i])) not in excess demand</text>\n"
    }
    svg += "<text x=\"\(f(width / 2))\" y=\"48\" font-family=\"sans-serif\" font-size=\"12\" text-anchor=\"middle\">mesh 1/\(picture.mesh), \(picture.result.pivots) pivots; dashed: the path from e₁; gold: completely labelled</text>\n"
    svg += "</svg>\n"
    return svg
}

func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
}
