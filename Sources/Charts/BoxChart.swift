import Foundation

/// A Tukey box plot: one box per `BoxStats`, labelled on a category axis.
///
/// On a log axis a box whose quartiles or upper whisker are <= 0 cannot be drawn; it is shown
/// as "≤ 0" and counted in a footnote. A lower whisker <= 0 is clipped at the axis bottom and
/// outliers <= 0 are left out (also counted).
public struct BoxChart: Sendable {
    public var title: String
    /// Value-axis label with unit.
    public var yLabel: String
    public var boxes: [BoxStats]
    public var logScale: Bool
    public var width: Int
    public var height: Int
    /// Most outliers drawn per box; extremes on both sides are kept.
    public var maxOutliers: Int

    public init(
        title: String, yLabel: String, boxes: [BoxStats], logScale: Bool = false, width: Int = 960,
        height: Int = 540, maxOutliers: Int = 200
    ) {
        self.title = title
        self.yLabel = yLabel
        self.boxes = boxes
        self.logScale = logScale
        self.width = width
        self.height = height
        self.maxOutliers = maxOutliers
    }

    /// Renders the chart and returns the PNG file bytes.
    public func renderPNG() throws -> [UInt8] { try draw().pngBytes() }

    /// The geometry `renderPNG()` uses (plot rectangle, box centres, axis, labels, drawn outliers).
    public func layout() throws -> ChartLayout { try plan(on: Canvas(width: 1, height: 1)).layout }

    /// Renders to pixels (for tests).
    func renderRaster() throws -> RasterImage { try draw().raster() }

    private struct Plan {
        var frame: Frame
        var labels: CategoryLabels
        var layout: ChartLayout
    }

    /// Whether the box can be drawn on this chart's axis.
    private func drawable(_ box: BoxStats) -> Bool {
        let needed = [box.q1, box.median, box.q3, box.whiskerHigh]
        return box.core.allSatisfy(\.isFinite) && (!logScale || needed.allSatisfy { $0 > 0 })
    }

    private func notes(outliers: [[Double]]) -> [String] {
        var notes: [String] = []
        let skipped = boxes.count(where: { !drawable($0) })
        if skipped > 0 { notes.append("\(skipped) box\(skipped == 1 ? "" : "es") not drawn (non-finite or ≤ 0 on log scale)") }
        let total = boxes.filter(drawable).map { $0.outliers.count(where: \.isFinite) }.reduce(0, +)
        let shown = outliers.map(\.count).reduce(0, +)
        if shown < total { notes.append("showing \(shown) of \(total) outliers (extremes plus an even sample)") }
        return notes
    }

    private func plan(on canvas: Canvas) throws -> Plan {
        guard boxes.contains(where: drawable) else {
            throw ChartError.emptyData("box chart \"\(title)\" has no box that can be drawn")
        }
        let outliers = boxes.map { box in
            drawable(box) ? box.cappedOutliers(limit: max(0, maxOutliers)).filter { !logScale || $0 > 0 } : []
        }
        let values = boxes.filter(drawable).flatMap(\.core) + outliers.joined()
        let placed = values.filter { !logScale || $0 > 0 }
        let axis = AxisScale(covering: placed.min() ?? 1, placed.max() ?? 1, log: logScale)
        var labels: CategoryLabels?
        let frame = Frame(
            canvas: canvas, width: width, height: height, title: title, yLabel: yLabel, yAxis: axis,
            legend: [], notes: notes(outliers: outliers)
        ) { plotWidth, _ in
            let slot = plotWidth / Double(boxes.count)
            let fitted = CategoryLabels(canvas: canvas, labels: boxes.map(\.label), slotWidth: slot,
                                        maxHeight: Double(height) * 0.3)
            labels = fitted
            return (fitted.height, Frame.padding + fitted.leftReach - slot / 2)
        }
        let plot = frame.plot
        let slot = plot.width / Double(boxes.count)
        let centers = boxes.indices.map { plot.minX + (Double($0) + 0.5) * slot }
        let layout = ChartLayout(
            width: width, height: height, title: frame.title, plot: plot, yAxis: axis, xAxis: nil,
            categoryCenters: centers, categoryLabelLines: labels!.lines, categoryLabelAngle: labels!.angle,
            barCenters: [centers], barWidth: min(slot * 0.5, 90), legend: [], notes: frame.notes,
            outliersDrawn: outliers)
        return Plan(frame: frame, labels: labels!, layout: layout)
    }

    private func draw() throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let plan = try plan(on: canvas)
        plan.frame.drawGrid(on: canvas)
        canvas.clip(to: plan.layout.plot)
        for (i, box) in boxes.enumerated() {
            drawBox(box, at: plan.layout.categoryCenters[i], outliers: plan.layout.outliersDrawn[i],
                    on: canvas, layout: plan.layout)
        }
        canvas.unclip()
        plan.frame.drawDecorations(on: canvas)
        plan.labels.draw(on: canvas, centers: plan.layout.categoryCenters, axisY: plan.layout.plot.maxY)
        return canvas
    }

    private func drawBox(_ box: BoxStats, at x: Double, outliers: [Double], on canvas: Canvas, layout: ChartLayout) {
        guard drawable(box) else {
            canvas.text("≤ 0", at: Point(x: x, y: layout.plot.maxY - 6), .note, Palette.mutedText, align: 0.5, vertical: .bottom)
            return
        }
        let half = layout.barWidth / 2
        let y = { (v: Double) in logScale && v <= 0 ? layout.plot.maxY : layout.yPixel(for: v) }
        let cap = half * 0.5
        for (from, to) in [(box.whiskerLow, box.q1), (box.q3, box.whiskerHigh)] {
            canvas.line(Point(x: x, y: y(from)), Point(x: x, y: y(to)), Palette.ink, width: 1.5)
        }
        for v in [box.whiskerLow, box.whiskerHigh] where !(logScale && v <= 0) {
            canvas.line(Point(x: x - cap, y: y(v)), Point(x: x + cap, y: y(v)), Palette.ink, width: 1.5)
        }
        let rect = ChartRect(x: x - half, y: y(box.q3), width: 2 * half, height: max(1, y(box.q1) - y(box.q3)))
        canvas.fill(rect, BoxChart.fill)
        canvas.stroke(rect, Palette.ink, width: 1.5)
        canvas.line(Point(x: x - half, y: y(box.median)), Point(x: x + half, y: y(box.median)), Palette.color(3), width: 3)
        for v in outliers {
            canvas.marker(.circle, at: Point(x: x, y: y(v)), radius: 3, Palette.color(0), filled: false)
        }
    }

    /// Box interior colour: Okabe-Ito sky blue, lightened.
    static let fill = Palette.color(5).tinted(0.45)
}
