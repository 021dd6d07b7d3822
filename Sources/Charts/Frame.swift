import Foundation

/// How a legend entry's swatch is drawn.
enum LegendSwatch: Sendable, Equatable {
    /// A filled square (bar charts).
    case box
    /// A marker, optionally over a short (dashed) line (XY charts).
    case marker(MarkerShape, withLine: Bool, dashed: Bool = false)
    /// A dashed line (reference lines).
    case dashedLine
}

/// One legend entry.
struct LegendItem: Sendable {
    var name: String
    var color: Color
    var swatch: LegendSwatch
}

/// The parts every chart shares: title, legend row(s), value axis with grid and label,
/// footnotes, and the plot rectangle left over for data.
struct Frame {
    static let padding = 14.0
    static let tickLength = 5.0
    static let legendRowHeight = 22.0
    static let swatchWidth = 22.0

    let width: Int
    let height: Int
    let title: String
    let yLabel: String
    let yAxis: AxisScale
    let legend: [LegendItem]
    let notes: [String]
    private(set) var legendOrigins: [Point] = []
    private(set) var plot = ChartRect(x: 0, y: 0, width: 1, height: 1)

    /// Lays out the frame. `bottom` receives the plot rectangle's width and left edge and returns
    /// the height needed under the plot plus the smallest left edge its labels need.
    init(
        canvas: Canvas, width: Int, height: Int, title: String, yLabel: String, yAxis: AxisScale,
        legend: [LegendItem], notes: [String], right: Double = Frame.padding + 8,
        bottom: (_ plotWidth: Double, _ left: Double) -> (height: Double, minLeft: Double)
    ) {
        let pad = Frame.padding
        let w = Double(width)
        self.width = width
        self.height = height
        self.title = canvas.truncate(title, .title, toWidth: w - 2 * pad)
        self.yLabel = yLabel
        self.yAxis = yAxis
        self.legend = legend
        self.notes = notes
        var top = pad + canvas.measure(self.title, .title).height
        if !legend.isEmpty {
            let (origins, rows) = Frame.layoutLegend(canvas: canvas, items: legend, width: w, top: top + 8)
            legendOrigins = origins
            top += 8 + Double(rows) * Frame.legendRowHeight
        }
        top += 14
        let tickWidth = yAxis.tickLabels.map { canvas.measure($0, .tick).width }.max() ?? 0
        var left = pad + canvas.measure(yLabel, .axisLabel).height + 8 + tickWidth + Frame.tickLength + 4
        let notesHeight = notes.isEmpty ? 0 : 6 + Double(notes.count) * canvas.measure("Ag", .note).height
        var needs = bottom(max(1, w - left - right), left)
        if needs.minLeft > left {
            left = needs.minLeft
            needs = bottom(max(1, w - left - right), left)
        }
        let plotBottom = Double(height) - pad - notesHeight - needs.height
        plot = ChartRect(x: left, y: top, width: max(1, w - left - right), height: max(1, plotBottom - top))
    }

    /// Places legend items in centred rows; returns each item's swatch origin (left, row centre)
    /// and the number of rows.
    private static func layoutLegend(canvas: Canvas, items: [LegendItem], width: Double, top: Double) -> ([Point], Int) {
        let gap = 24.0
        let maxRow = width - 2 * padding
        let widths = items.map { swatchWidth + 6 + canvas.measure($0.name, .legend).width }
        var rows: [[Int]] = [[]]
        var rowWidth = 0.0
        for (i, itemWidth) in widths.enumerated() {
            let extra = rows[rows.count - 1].isEmpty ? itemWidth : gap + itemWidth
            if rowWidth + extra > maxRow, !rows[rows.count - 1].isEmpty {
                rows.append([i])
                rowWidth = itemWidth
            } else {
                rows[rows.count - 1].append(i)
                rowWidth += extra
            }
        }
        var origins = [Point](repeating: Point(x: 0, y: 0), count: items.count)
        for (r, row) in rows.enumerated() {
            let total = row.map { widths[$0] }.reduce(0, +) + gap * Double(row.count - 1)
            var x = (width - total) / 2
            for i in row {
                origins[i] = Point(x: x, y: top + (Double(r) + 0.5) * legendRowHeight)
                x += widths[i] + gap
            }
        }
        return (origins, rows.count)
    }

    /// The vertical pixel of a y value.
    func yPixel(_ value: Double) -> Double {
        plot.maxY - yAxis.fraction(of: value) * plot.height
    }

    /// Draws horizontal grid lines (minor ones lighter) behind the data.
    func drawGrid(on canvas: Canvas) {
        for v in yAxis.minorTicks {
            let y = (yPixel(v)).rounded() + 0.5
            canvas.line(Point(x: plot.minX, y: y), Point(x: plot.maxX, y: y), Palette.minorGrid, width: 1)
        }
        for v in yAxis.ticks {
            let y = (yPixel(v)).rounded() + 0.5
            canvas.line(Point(x: plot.minX, y: y), Point(x: plot.maxX, y: y), Palette.grid, width: 1)
        }
    }

    /// Draws axis lines, y ticks and labels, title, legend and footnotes over the data.
    func drawDecorations(on canvas: Canvas) {
        let pad = Frame.padding
        let axisX = plot.minX.rounded() - 0.5
        let axisY = plot.maxY.rounded() + 0.5
        canvas.line(Point(x: axisX, y: plot.minY), Point(x: axisX, y: axisY), Palette.axis, width: 1)
        canvas.line(Point(x: axisX, y: axisY), Point(x: plot.maxX, y: axisY), Palette.axis, width: 1)
        for (v, label) in zip(yAxis.ticks, yAxis.tickLabels) {
            let y = (yPixel(v)).rounded() + 0.5
            canvas.line(Point(x: axisX - Frame.tickLength, y: y), Point(x: axisX, y: y), Palette.axis, width: 1)
            canvas.text(label, at: Point(x: axisX - Frame.tickLength - 4, y: y), .tick, Palette.text,
                        align: 1, vertical: .middle)
        }
        let label = canvas.truncate(yLabel, .axisLabel, toWidth: plot.height)
        canvas.text(label, at: Point(x: pad, y: plot.midY), .axisLabel, Palette.text,
                    align: 0.5, vertical: .top, angle: -Double.pi / 2)
        canvas.text(title, at: Point(x: Double(width) / 2, y: pad), .title, Palette.text, align: 0.5, vertical: .top)
        drawLegend(on: canvas)
        let lineHeight = canvas.measure("Ag", .note).height
        for (i, note) in notes.reversed().enumerated() {
            let y = Double(height) - pad - Double(i) * lineHeight
            canvas.text(note, at: Point(x: Double(width) - pad, y: y), .note, Palette.mutedText, align: 1, vertical: .bottom)
        }
    }

    private func drawLegend(on canvas: Canvas) {
        for (item, origin) in zip(legend, legendOrigins) {
            let mid = Point(x: origin.x + Frame.swatchWidth / 2, y: origin.y)
            switch item.swatch {
            case .box:
                canvas.fill(ChartRect(x: origin.x + 3, y: origin.y - 8, width: 16, height: 16), item.color)
            case .dashedLine:
                canvas.line(Point(x: origin.x, y: origin.y), Point(x: origin.x + Frame.swatchWidth, y: origin.y),
                            item.color, width: 1.5, dash: [5, 3])
            case .marker(let shape, let withLine, let dashed):
                if withLine {
                    canvas.line(Point(x: origin.x, y: origin.y), Point(x: origin.x + Frame.swatchWidth, y: origin.y),
                                item.color, width: 2, dash: dashed ? [4, 3] : [])
                }
                canvas.marker(shape, at: mid, radius: 4.5, item.color)
            }
            canvas.text(item.name, at: Point(x: origin.x + Frame.swatchWidth + 6, y: origin.y), .legend, Palette.text,
                        vertical: .middle)
        }
    }
}
