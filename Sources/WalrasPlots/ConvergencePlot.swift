import Foundation

// Drawing only: coordinates are Doubles, and nothing here decides a verdict.

/// What the convergence picture shows, already reduced to display numbers.
public struct ConvergencePicture: Sendable {
    public var title: String
    public var caption: String
    /// Per orbit, the distance to the equilibrium at each iteration.
    public var distances: [[Double]]
    /// The Banach bound `L` and the largest starting distance, for the line
    /// `Lᵗ·d₀`; absent when there is no certified contraction.
    public var modulus: Double?
    public var initialDistance: Double?
    /// A failing orbit on the price simplex (three goods), and the equilibrium.
    public var simplexOrbit: [[Double]]?
    public var equilibrium: [Double]?
    public var commodities: [String]

    public init(title: String, caption: String, distances: [[Double]], modulus: Double? = nil, initialDistance: Double? = nil,
                simplexOrbit: [[Double]]? = nil, equilibrium: [Double]? = nil, commodities: [String]) {
        self.title = title
        self.caption = caption
        self.distances = distances
        self.modulus = modulus
        self.initialDistance = initialDistance
        self.simplexOrbit = simplexOrbit
        self.equilibrium = equilibrium
        self.commodities = commodities
    }
}

/// Distance to the equilibrium per iteration on a log scale, with the
/// Banach line `Lᵗ·d₀`; beside it, for a failing economy of three goods,
/// the orbit on the price simplex.
public func convergenceSVG(_ picture: ConvergencePicture) -> String {
    let showSimplex = picture.simplexOrbit != nil && picture.commodities.count == 3
    let width = showSimplex ? 1000.0 : 640.0, height = 520.0
    func f(_ v: Double) -> String { String(format: "%.2f", v) }
    var svg = """
    <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))">
    <rect width="100%" height="100%" fill="white"/>
    <text x="\(f(width / 2))" y="28" font-family="sans-serif" font-size="16" text-anchor="middle">\(escape(picture.title))</text>
    <text x="\(f(width / 2))" y="48" font-family="sans-serif" font-size="12" text-anchor="middle">\(escape(picture.caption))</text>

    """
    // The log-scale panel.
    let (x0, y0, w, h) = (80.0, 80.0, 500.0, 360.0)
    let steps = max(1, picture.distances.map { $0.count - 1 }.max() ?? 1)
    let positive = picture.distances.flatMap { $0 }.filter { $0 > 0 }
    var lowest = log10(positive.min() ?? 1e-12), highest = log10(positive.max() ?? 1)
    if let d0 = picture.initialDistance, d0 > 0 { highest = max(highest, log10(d0)) }
    lowest = floor(lowest) - (highest - lowest < 1 ? 1 : 0)
    highest = ceil(highest)
    if highest <= lowest { highest = lowest + 1 }
    func px(_ t: Double) -> Double { x0 + t / Double(steps) * w }
    func py(_ d: Double) -> Double { y0 + h - (log10(max(d, 1e-300)) - lowest) / (highest - lowest) * h }
    svg += "<rect x=\"\(f(x0))\" y=\"\(f(y0))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"none\" stroke=\"black\"/>\n"
    for e in stride(from: Int(lowest), through: Int(highest), by: max(1, Int((highest - lowest) / 8))) {
        let y = py(pow(10, Double(e)))
        svg += "<line x1=\"\(f(x0))\" y1=\"\(f(y))\" x2=\"\(f(x0 + w))\" y2=\"\(f(y))\" stroke=\"#eeeeee\"/>"
        svg += "<text x=\"\(f(x0 - 6))\" y=\"\(f(y + 4))\" font-family=\"sans-serif\" font-size=\"11\" text-anchor=\"end\">1e\(e)</text>\n"
    }
    for k in 0...4 {
        let t = Double(steps) * Double(k) / 4
        svg += "<text x=\"\(f(px(t)))\" y=\"\(f(y0 + h + 16))\" font-family=\"sans-serif\" font-size=\"11\" text-anchor=\"middle\">\(Int(t))</text>\n"
    }
    svg += "<text x=\"\(f(x0 + w / 2))\" y=\"\(f(y0 + h + 36))\" font-family=\"sans-serif\" font-size=\"12\" text-anchor=\"middle\">iteration t</text>\n"
    svg += "<text x=\"20\" y=\"\(f(y0 + h / 2))\" font-family=\"sans-serif\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(f(y0 + h / 2)))\">‖p_t − p*‖ (log scale)</text>\n"
    let colours = ["#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    for (k, series) in picture.distances.enumerated() {
        let points = series.enumerated().filter { $0.element > 0 }.map { "\(f(px(Double($0.offset)))),\(f(py($0.element)))" }
        svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colours[k % colours.count])\" stroke-width=\"1.6\"/>\n"
    }
    if let l = picture.modulus, let d0 = picture.initialDistance {
        let points = (0...steps).map { t in "\(f(px(Double(t)))),\(f(py(d0 * pow(l, Double(t)))))" }
        svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"6,4\"/>\n"
        svg += "<text x=\"\(f(x0 + w - 8))\" y=\"\(f(y0 + 18))\" font-family=\"sans-serif\" font-size=\"12\" text-anchor=\"end\" fill=\"#d62728\">dashed: Banach bound Lᵗ·d₀, L = \(String(format: "%.4f", l))</text>\n"
    }
    // The simplex panel.
    if showSimplex, let orbit = picture.simplexOrbit {
        let side = 340.0, left = (620.0, 420.0), right = (620.0 + side, 420.0), top = (620.0 + side / 2, 420.0 - side * 3.0.squareRoot() / 2)
        let corners = [top, left, right]
        func point(_ p: [Double]) -> (Double, Double) {
            (0..<3).reduce((0.0, 0.0)) { ($0.0 + p[$1] * corners[$1].0, $0.1 + p[$1] * corners[$1].1) }
        }
        svg += "<polygon points=\"\(corners.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\" fill=\"#fafafa\" stroke=\"black\"/>\n"
        let path = orbit.map(point)
        svg += "<polyline points=\"\(path.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.4\"/>\n"
        if let first = path.first {
            svg += "<circle cx=\"\(f(first.0))\" cy=\"\(f(first.1))\" r=\"4\" fill=\"#1f77b4\"/>\n"
        }
        if let e = picture.equilibrium {
            let q = point(e)
            svg += "<circle cx=\"\(f(q.0))\" cy=\"\(f(q.1))\" r=\"5\" fill=\"#d62728\"/>"
            svg += "<text x=\"\(f(q.0 + 8))\" y=\"\(f(q.1 + 4))\" font-family=\"sans-serif\" font-size=\"12\">p*</text>\n"
        }
        let labels = [(top.0, top.1 - 10, "middle"), (left.0, left.1 + 20, "start"), (right.0, right.1 + 20, "end")]
        for i in 0..<3 {
            svg += "<text x=\"\(f(labels[i].0))\" y=\"\(f(labels[i].1))\" font-family=\"sans-serif\" font-size=\"12\" text-anchor=\"\(labels[i].2)\">p(\(escape(picture.commodities[i]))) = 1</text>\n"
        }
        svg += "<text x=\"\(f(620 + side / 2))\" y=\"470\" font-family=\"sans-serif\" font-size=\"12\" text-anchor=\"middle\">the orbit on the price simplex (dot: start)</text>\n"
    }
    svg += "</svg>\n"
    return svg
}
