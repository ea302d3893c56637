import Foundation

// Drawing only: coordinates are Doubles, and nothing here decides a verdict.
// Every number is printed with a fixed format, so the same data gives the
// same bytes (the study's figures are compared byte for byte).

/// Rows of horizontal bars, each split into coloured segments (counts);
/// every bar is scaled to the row's total, so rows compare as shares.
public struct StackedBars: Sendable {
    public struct Segment: Sendable {
        public var count: Int
        public var colour: String
        public init(_ count: Int, _ colour: String) {
            self.count = count
            self.colour = colour
        }
    }

    public struct Row: Sendable {
        public var label: String
        public var segments: [Segment]
        /// Printed right of the bar (e.g. "17/24 held").
        public var note: String
        /// A gap and this heading before the row.
        public var heading: String?
        public init(label: String, segments: [Segment], note: String, heading: String? = nil) {
            self.label = label
            self.segments = segments
            self.note = note
            self.heading = heading
        }
    }

    public var title: String
    public var caption: String
    public var rows: [Row]
    /// What each colour means, in legend order.
    public var legend: [(label: String, colour: String)]

    public init(title: String, caption: String, rows: [Row], legend: [(label: String, colour: String)]) {
        self.title = title
        self.caption = caption
        self.rows = rows
        self.legend = legend
    }
}

public func stackedBarsSVG(_ chart: StackedBars) -> String {
    // Labels are never cut: the label column is as wide as the longest one needs.
    let longest = chart.rows.map(\.label.count).max() ?? 10
    let labelWidth = max(160.0, Double(longest) * 6.4 + 24), barWidth = 420.0, noteWidth = 200.0, rowHeight = 20.0, top = 96.0
    let headings = chart.rows.filter { $0.heading != nil }.count
    let width = labelWidth + barWidth + noteWidth + 40
    let height = top + Double(chart.rows.count) * rowHeight + Double(headings) * 26 + 30
    var svg = header(width: width, height: height, title: chart.title, caption: chart.caption)
    // Legend.
    var x = 20.0
    for item in chart.legend {
        svg += "<rect x=\"\(f(x))\" y=\"62\" width=\"12\" height=\"12\" fill=\"\(item.colour)\"/>"
        svg += "<text x=\"\(f(x + 16))\" y=\"72\" \(font(11))>\(escape(item.label))</text>\n"
        x += 24 + Double(item.label.count) * 6.2
    }
    var y = top
    for row in chart.rows {
        if let h = row.heading {
            y += 8
            svg += "<text x=\"20\" y=\"\(f(y + 10))\" \(font(12)) font-weight=\"bold\">\(escape(h))</text>\n"
            y += 18
        }
        svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 14))\" \(font(11)) text-anchor=\"end\">\(escape(row.label))</text>"
        let total = row.segments.reduce(0) { $0 + $1.count }
        var left = labelWidth
        if total == 0 {
            svg += "<rect x=\"\(f(left))\" y=\"\(f(y + 3))\" width=\"\(f(barWidth))\" height=\"\(f(rowHeight - 6))\" fill=\"none\" stroke=\"#cccccc\"/>"
        } else {
            for s in row.segments where s.count > 0 {
                let w = barWidth * Double(s.count) / Double(total)
                svg += "<rect x=\"\(f(left))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 6))\" fill=\"\(s.colour)\"/>"
                left += w
            }
        }
        svg += "<text x=\"\(f(labelWidth + barWidth + 8))\" y=\"\(f(y + 14))\" \(font(11))>\(escape(row.note))</text>\n"
        y += rowHeight
    }
    return svg + "</svg>\n"
}

/// Points on two axes, each axis linear or logarithmic.
public struct Scatter: Sendable {
    public struct Series: Sendable {
        public var label: String
        public var colour: String
        public var points: [(x: Double, y: Double)]
        public init(label: String, colour: String, points: [(x: Double, y: Double)]) {
            self.label = label
            self.colour = colour
            self.points = points
        }
    }

    public var title: String
    public var caption: String
    public var xLabel: String
    public var yLabel: String
    public var logX: Bool
    public var logY: Bool
    public var series: [Series]
    /// Horizontal reference lines (e.g. `L = 1`), with their labels.
    public var references: [(y: Double, label: String)]
    /// Fixed axis ranges (in axis units: powers of ten on a log axis); nil fits the data.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?

    public init(title: String, caption: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false,
                series: [Series], references: [(y: Double, label: String)] = [], xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil) {
        self.xRange = xRange
        self.yRange = yRange
        self.title = title
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logX = logX
        self.logY = logY
        self.series = series
        self.references = references
    }
}

public func scatterSVG(_ chart: Scatter) -> String {
    let rowsOfLegend = Double((chart.series.count + 2) / 3)
    let width = 720.0, height = 500.0 + 18 * rowsOfLegend, (x0, y0, w, h) = (90.0, 70.0, 560.0, 340.0)
    var svg = header(width: width, height: height, title: chart.title, caption: chart.caption)
    func t(_ v: Double, _ log: Bool) -> Double { log ? log10(max(v, 1e-300)) : v }
    let xs = chart.series.flatMap { $0.points.map { t($0.x, chart.logX) } }
    let ys = chart.series.flatMap { $0.points.map { t($0.y, chart.logY) } } + chart.references.map { t($0.y, chart.logY) }
    func range(_ v: [Double], _ log: Bool) -> (Double, Double) {
        guard var lo = v.min(), var hi = v.max() else { return (0, 1) }
        if log { lo = floor(lo); hi = ceil(hi) }
        if hi - lo < 1e-12 { lo -= log ? 1 : max(0.5, abs(lo) * 0.1); hi += log ? 1 : max(0.5, abs(hi) * 0.1) }
        if !log { let pad = (hi - lo) * 0.05; lo -= pad; hi += pad }
        return (lo, hi)
    }
    let (xlo, xhi) = chart.xRange.map { ($0.lowerBound, $0.upperBound) } ?? range(xs, chart.logX)
    let (ylo, yhi) = chart.yRange.map { ($0.lowerBound, $0.upperBound) } ?? range(ys, chart.logY)
    func px(_ v: Double) -> Double { x0 + (t(v, chart.logX) - xlo) / (xhi - xlo) * w }
    func py(_ v: Double) -> Double { y0 + h - (t(v, chart.logY) - ylo) / (yhi - ylo) * h }
    svg += "<rect x=\"\(f(x0))\" y=\"\(f(y0))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"none\" stroke=\"black\"/>\n"
    // Ticks: five on a linear axis, the whole powers of ten on a log axis.
    func ticks(_ lo: Double, _ hi: Double, _ log: Bool) -> [Double] {
        guard log else { return (0...4).map { lo + (hi - lo) * Double($0) / 4 } }
        let first = Int(ceil(lo - 1e-9)), last = Int(floor(hi + 1e-9))
        let stride = max(1, (last - first) / 8)
        return Swift.stride(from: first, through: last, by: stride).map(Double.init)
    }
    func label(_ v: Double, _ log: Bool) -> String { log ? "1e\(Int(v.rounded()))" : g(v) }
    for xv in ticks(xlo, xhi, chart.logX) {
        let xp = x0 + (xv - xlo) / (xhi - xlo) * w
        svg += "<line x1=\"\(f(xp))\" y1=\"\(f(y0))\" x2=\"\(f(xp))\" y2=\"\(f(y0 + h))\" stroke=\"#eeeeee\"/>"
        svg += "<text x=\"\(f(xp))\" y=\"\(f(y0 + h + 16))\" \(font(11)) text-anchor=\"middle\">\(label(xv, chart.logX))</text>\n"
    }
    for yv in ticks(ylo, yhi, chart.logY) {
        let yp = y0 + h - (yv - ylo) / (yhi - ylo) * h
        svg += "<line x1=\"\(f(x0))\" y1=\"\(f(yp))\" x2=\"\(f(x0 + w))\" y2=\"\(f(yp))\" stroke=\"#eeeeee\"/>"
        svg += "<text x=\"\(f(x0 - 6))\" y=\"\(f(yp + 4))\" \(font(11)) text-anchor=\"end\">\(label(yv, chart.logY))</text>\n"
    }
    svg += "<text x=\"\(f(x0 + w / 2))\" y=\"\(f(y0 + h + 40))\" \(font(12)) text-anchor=\"middle\">\(escape(chart.xLabel))</text>\n"
    svg += "<text x=\"24\" y=\"\(f(y0 + h / 2))\" \(font(12)) text-anchor=\"middle\" transform=\"rotate(-90 24 \(f(y0 + h / 2)))\">\(escape(chart.yLabel))</text>\n"
    for r in chart.references {
        svg += "<line x1=\"\(f(x0))\" y1=\"\(f(py(r.y)))\" x2=\"\(f(x0 + w))\" y2=\"\(f(py(r.y)))\" stroke=\"#d62728\" stroke-dasharray=\"6,4\"/>"
        svg += "<text x=\"\(f(x0 + w - 4))\" y=\"\(f(py(r.y) - 4))\" \(font(11)) text-anchor=\"end\" fill=\"#d62728\">\(escape(r.label))</text>\n"
    }
    for (k, s) in chart.series.enumerated() {
        for p in s.points {
            svg += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3.5\" fill=\"\(s.colour)\" fill-opacity=\"0.75\"/>"
        }
        // The legend sits under the axis title, clear of the data.
        let lx = x0 + 200 * Double(k % 3), ly = y0 + h + 56 + 18 * Double(k / 3)
        svg += "\n<rect x=\"\(f(lx))\" y=\"\(f(ly))\" width=\"10\" height=\"10\" fill=\"\(s.colour)\"/>"
        svg += "<text x=\"\(f(lx + 16))\" y=\"\(f(ly + 9))\" \(font(11))>\(escape(s.label)) (\(s.points.count))</text>\n"
    }
    return svg + "</svg>\n"
}

private func header(width: Double, height: Double, title: String, caption: String) -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))">
    <rect width="100%" height="100%" fill="white"/>
    <text x="\(f(width / 2))" y="28" \(font(16)) text-anchor="middle">\(escape(title))</text>
    <text x="\(f(width / 2))" y="48" \(font(12)) text-anchor="middle">\(escape(caption))</text>

    """
}

private func font(_ size: Int) -> String { "font-family=\"sans-serif\" font-size=\"\(size)\"" }
private func f(_ v: Double) -> String { String(format: "%.2f", v) }
/// Axis labels: at most three significant digits.
private func g(_ v: Double) -> String { String(format: "%.3g", v) }
