import Foundation

/// One series of a grouped box plot: a box (or nil, not run) per category, drawn in one colour.
public struct BoxSeries: Sendable, Equatable {
    /// Legend name (e.g. "pinned").
    public var name: String
    public var boxes: [BoxStats?]
    public var style: SeriesStyle?
    public init(name: String, boxes: [BoxStats?], style: SeriesStyle? = nil) {
        self.name = name; self.boxes = boxes; self.style = style
    }
}

/// A Tukey box plot: one box per `BoxStats`, labelled on a category axis; or, grouped, one
/// box per series in each category, filled with the series' colour and named in a legend.
///
/// On a log axis a box whose quartiles or upper whisker are <= 0 cannot be drawn; it is shown
/// as "≤ 0" and counted in a footnote. A lower whisker <= 0 is clipped at the axis bottom and
/// outliers <= 0 are left out (also counted).
public struct BoxChart: Sendable, PlannedChart {
    public var title: String
    /// Value-axis label with unit.
    public var yLabel: String
    public var categories: [String]
    public var series: [BoxSeries]
    public var logScale: Bool
    public var width: Int
    public var height: Int
    /// Most outliers drawn per box; extremes on both sides are kept.
    public var maxOutliers: Int

    /// One box per category, labelled with the box's label; no legend.
    public init(
        title: String, yLabel: String, boxes: [BoxStats], logScale: Bool = false, width: Int = 960,
        height: Int = 540, maxOutliers: Int = 200
    ) {
        self.init(title: title, yLabel: yLabel, categories: boxes.map(\.label), series: [BoxSeries(name: "", boxes: boxes)],
                  logScale: logScale, width: width, height: height, maxOutliers: maxOutliers)
    }

    /// Grouped: `series[s].boxes[c]` is series s in category c; a legend names the series.
    public init(
        title: String, yLabel: String, categories: [String], series: [BoxSeries], logScale: Bool = false,
        width: Int = 960, height: Int = 540, maxOutliers: Int = 200
    ) {
        self.title = title
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
        self.logScale = logScale
        self.width = width
        self.height = height
        self.maxOutliers = maxOutliers
    }

    /// Every box in series-major order, nil where a series has none for a category.
    private var boxes: [BoxStats?] {
        series.flatMap { s in categories.indices.map { $0 < s.boxes.count ? s.boxes[$0] : nil } }
    }

    /// How series `index` is drawn: its own style, or (one series) the sky-blue fill.
    func style(_ index: Int) -> SeriesStyle {
        series[index].style ?? (series.count == 1 ? SeriesStyle(color: BoxChart.fill) : .positional(index))
    }

    /// Box interior of series `index`: grouped boxes lighten the series colour so the black
    /// median line stays visible on it.
    func fill(_ index: Int) -> Color {
        series.count == 1 ? style(index).color : style(index).color.tinted(0.35)
    }

    /// Renders the chart and returns the PNG file bytes.
    public func renderPNG() throws -> [UInt8] { try pngBytes() }

    /// The geometry `renderPNG()` uses (plot rectangle, box centres, axis, labels, drawn outliers).
    public func layout() throws -> ChartLayout { try plannedLayout() }

    /// Whether the box can be drawn on this chart's axis.
    private func drawable(_ box: BoxStats) -> Bool {
        let needed = [box.q1, box.median, box.q3, box.whiskerHigh]
        return box.core.allSatisfy(\.isFinite) && (!logScale || needed.allSatisfy { $0 > 0 })
    }

    private func notes(outliers: [[Double]]) -> [String] {
        var notes: [String] = []
        let present = boxes.compactMap { $0 }
        let skipped = present.count(where: { !drawable($0) })
        if skipped > 0 { notes.append("\(skipped) box\(skipped == 1 ? "" : "es") not drawn (non-finite or ≤ 0 on log scale)") }
        let total = present.filter(drawable).map { $0.outliers.count(where: \.isFinite) }.reduce(0, +)
        let shown = outliers.map(\.count).reduce(0, +)
        if shown < total { notes.append("showing \(shown) of \(total) outliers (extremes plus an even sample)") }
        return notes
    }

    func plan(on canvas: Canvas) throws -> ChartPlan {
        let all = boxes
        guard all.contains(where: { $0.map(drawable) ?? false }) else {
            throw ChartError.emptyData("box chart \"\(title)\" has no box that can be drawn")
        }
        let outliers = all.map { box in
            box.flatMap { drawable($0) ? $0.cappedOutliers(limit: max(0, maxOutliers)).filter { !logScale || $0 > 0 } : nil } ?? []
        }
        let values = all.compactMap { $0 }.filter(drawable).flatMap(\.core) + outliers.joined()
        let placed = values.filter { !logScale || $0 > 0 }
        let axis = AxisScale(covering: placed.min() ?? 1, placed.max() ?? 1, log: logScale)
        let legend = series.count > 1
            ? series.indices.map { LegendItem(name: series[$0].name, color: fill($0), swatch: .box) } : []
        var labels: CategoryLabels?
        let frame = Frame(
            canvas: canvas, width: width, height: height, title: title, yLabel: yLabel, yAxis: axis,
            legend: legend, notes: notes(outliers: outliers)
        ) { plotWidth, _ in
            let slot = plotWidth / Double(categories.count)
            let fitted = CategoryLabels(canvas: canvas, labels: categories, slotWidth: slot,
                                        maxHeight: Double(height) * 0.3)
            labels = fitted
            return (fitted.height, Frame.padding + fitted.leftReach - slot / 2)
        }
        let plot = frame.plot
        let slot = plot.width / Double(categories.count)
        let centers = categories.indices.map { plot.minX + (Double($0) + 0.5) * slot }
        let group = series.count == 1 ? slot : slot * 0.84
        let each = group / Double(series.count)
        let boxCenters = series.indices.map { s in centers.map { $0 - group / 2 + (Double(s) + 0.5) * each } }
        let layout = ChartLayout(
            width: width, height: height, title: frame.title, plot: plot, yAxis: axis, xAxis: nil,
            categoryCenters: centers, categoryLabelLines: labels!.lines, categoryLabelAngle: labels!.angle,
            barCenters: boxCenters, barWidth: min(each * (series.count == 1 ? 0.5 : 0.8), 90),
            legend: legend.map(\.name), notes: frame.notes, outliersDrawn: outliers,
            seriesStyles: series.indices.map(style), categoryLabelLineHeight: labels!.lineHeight,
            categoryLabelWidths: labels!.widths)
        return ChartPlan(frame: frame, labels: labels!, layout: layout)
    }

    func drawMarks(_ plan: ChartPlan, on canvas: Canvas) {
        canvas.clip(to: plan.layout.plot)
        for (s, one) in series.enumerated() {
            for c in categories.indices {
                guard c < one.boxes.count, let box = one.boxes[c] else { continue }
                drawBox(box, at: plan.layout.barCenters[s][c], outliers: plan.layout.outliersDrawn[s * categories.count + c],
                        fill: fill(s), outlierColor: series.count == 1 ? Palette.color(0) : style(s).color,
                        on: canvas, layout: plan.layout)
            }
        }
        canvas.unclip()
    }

    private func drawBox(_ box: BoxStats, at x: Double, outliers: [Double], fill: Color, outlierColor: Color,
                         on canvas: Canvas, layout: ChartLayout) {
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
        canvas.fill(rect, fill)
        canvas.stroke(rect, Palette.ink, width: 1.5)
        canvas.line(Point(x: x - half, y: y(box.median)), Point(x: x + half, y: y(box.median)), series.count == 1 ? Palette.color(3) : Palette.ink, width: 3)
        for v in outliers {
            canvas.marker(.circle, at: Point(x: x, y: y(v)), radius: 3, outlierColor, filled: false)
        }
    }

    /// Box interior colour: Okabe-Ito sky blue, lightened.
    static let fill = Palette.color(5).tinted(0.45)
}
