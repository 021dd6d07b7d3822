import Foundation

/// A grouped bar chart: categories along x, one bar per series in each group, optional CI
/// whiskers, an optional dashed reference line (named in the legend), and a linear or log value
/// axis. The legend lists the series when there is more than one.
///
/// On a log axis bars grow from the bottom of the axis; values <= 0 cannot be placed, so they
/// are drawn as "≤ 0" instead of a bar and counted in a footnote, and whisker ends <= 0 are
/// clipped at the axis bottom (drawn without a cap).
public struct BarChart: Sendable, PlannedChart {
    public var title: String
    /// Value-axis label including the unit, e.g. "per hop (µs)".
    public var yLabel: String
    public var categories: [String]
    public var series: [BarSeries]
    public var logScale: Bool
    public var referenceLine: ReferenceLine?
    public var width: Int
    public var height: Int

    public init(
        title: String, yLabel: String, categories: [String], series: [BarSeries], logScale: Bool = false,
        referenceLine: ReferenceLine? = nil, width: Int = 960, height: Int = 540
    ) {
        self.title = title; self.yLabel = yLabel; self.categories = categories; self.series = series
        self.logScale = logScale; self.referenceLine = referenceLine; self.width = width; self.height = height
    }

    /// Renders the chart and returns the PNG file bytes.
    public func renderPNG() throws -> [UInt8] { try pngBytes() }

    /// The geometry `renderPNG()` uses (plot rectangle, bar centres, axis, labels).
    public func layout() throws -> ChartLayout { try plannedLayout() }

    /// Every value (bar, whisker end, reference) that should fit on the axis.
    private func axisValues() -> (values: [Double], dropped: Int) {
        var all: [Double] = []
        var dropped = 0
        for s in series {
            for c in categories.indices {
                if let v = s.value(c) {
                    if logScale && v <= 0 { dropped += 1 } else { all.append(v) }
                }
                all += [s.low(c), s.high(c)].compactMap { $0 }
            }
        }
        if let ref = referenceLine, ref.value.isFinite { all.append(ref.value) }
        return (logScale ? all.filter { $0 > 0 } : all + [0], dropped)
    }

    func plan(on canvas: Canvas) throws -> ChartPlan {
        guard !categories.isEmpty else { throw ChartError.emptyData("bar chart \"\(title)\" has no categories") }
        guard !series.isEmpty else { throw ChartError.emptyData("bar chart \"\(title)\" has no series") }
        guard series.contains(where: { s in categories.indices.contains { s.value($0) != nil } }) else {
            throw ChartError.emptyData("bar chart \"\(title)\" has no values")
        }
        let (values, dropped) = axisValues()
        guard let low = values.min(), let high = values.max() else {
            throw ChartError.emptyData("bar chart \"\(title)\" has no positive values for its log scale")
        }
        let axis = AxisScale(covering: low, high, log: logScale)
        let notes = dropped > 0 ? ["\(dropped) value\(dropped == 1 ? "" : "s") ≤ 0 not drawn (log scale)"] : []
        var legend = series.count > 1
            ? series.enumerated().map { LegendItem(name: $1.name, color: Palette.color($0), swatch: .box) } : []
        if let ref = referenceLine, axis.accepts(ref.value) {
            legend.append(LegendItem(name: ref.label, color: Palette.reference, swatch: .dashedLine))
        }
        var labels: CategoryLabels?
        let frame = Frame(
            canvas: canvas, width: width, height: height, title: title, yLabel: yLabel, yAxis: axis,
            legend: legend, notes: notes
        ) { plotWidth, left in
            let slot = plotWidth / Double(categories.count)
            let fitted = CategoryLabels(canvas: canvas, labels: categories, slotWidth: slot, maxHeight: Double(height) * 0.3)
            labels = fitted
            return (fitted.height, Frame.padding + fitted.leftReach - slot / 2)
        }
        return ChartPlan(frame: frame, labels: labels!, layout: makeLayout(frame: frame, labels: labels!))
    }

    private func makeLayout(frame: Frame, labels: CategoryLabels) -> ChartLayout {
        let plot = frame.plot
        let slot = plot.width / Double(categories.count)
        let group = slot * 0.78
        let barWidth = group / Double(series.count)
        let centers = categories.indices.map { plot.minX + (Double($0) + 0.5) * slot }
        let barCenters = series.indices.map { s in
            centers.map { $0 - group / 2 + (Double(s) + 0.5) * barWidth }
        }
        return ChartLayout(
            width: width, height: height, title: frame.title, plot: plot, yAxis: frame.yAxis, xAxis: nil,
            categoryCenters: centers, categoryLabelLines: labels.lines, categoryLabelAngle: labels.angle,
            barCenters: barCenters, barWidth: barWidth, legend: frame.legend.map(\.name), notes: frame.notes,
            outliersDrawn: [], seriesStyles: series.indices.map(SeriesStyle.positional),
            categoryLabelLineHeight: labels.lineHeight, categoryLabelWidths: labels.widths)
    }

    func drawMarks(_ plan: ChartPlan, on canvas: Canvas) {
        drawBars(on: canvas, layout: plan.layout)
        if let ref = referenceLine, plan.layout.yAxis.accepts(ref.value) {
            drawReference(ref, on: canvas, layout: plan.layout)
        }
    }

    private func drawBars(on canvas: Canvas, layout: ChartLayout) {
        let plot = layout.plot
        let base = logScale ? plot.maxY : min(max(layout.yPixel(for: 0), plot.minY), plot.maxY)
        let inset = layout.barWidth > 10 ? 1.0 : 0
        for (s, bars) in series.enumerated() {
            for (c, x) in layout.barCenters[s].enumerated() {
                guard let v = bars.value(c), !(logScale && v <= 0) else {
                    let text = bars.value(c) == nil ? "not run" : "≤ 0"
                    canvas.text(text, at: Point(x: x, y: plot.maxY - 6), .note, Palette.mutedText,
                                vertical: .middle, angle: -Double.pi / 2)
                    continue
                }
                let top = layout.yPixel(for: v)
                let rect = ChartRect(x: x - layout.barWidth / 2 + inset, y: min(top, base),
                                     width: layout.barWidth - 2 * inset, height: abs(base - top))
                canvas.fill(rect, Palette.color(s))
                drawWhisker(on: canvas, layout: layout, x: x, value: v, low: bars.low(c), high: bars.high(c))
            }
        }
    }

    /// A vertical whisker with caps from `low` to `high` (either may be absent).
    private func drawWhisker(on canvas: Canvas, layout: ChartLayout, x: Double, value: Double, low: Double?, high: Double?) {
        guard low != nil || high != nil else { return }
        let cap = min(layout.barWidth * 0.5, 14) / 2
        let lowClipped = logScale && (low ?? value) <= 0
        let yLow = lowClipped ? layout.plot.maxY : layout.yPixel(for: low ?? value)
        let yHigh = layout.yPixel(for: high ?? value)
        canvas.line(Point(x: x, y: yLow), Point(x: x, y: yHigh), Palette.ink, width: 1.5)
        if high != nil {
            canvas.line(Point(x: x - cap, y: yHigh), Point(x: x + cap, y: yHigh), Palette.ink, width: 1.5)
        }
        if low != nil && !lowClipped {
            canvas.line(Point(x: x - cap, y: yLow), Point(x: x + cap, y: yLow), Palette.ink, width: 1.5)
        }
    }

    /// The dashed reference line. It always has a legend entry; its label is also drawn next to
    /// the line where it overlaps no bar (right end first), and left out when no such place exists.
    private func drawReference(_ ref: ReferenceLine, on canvas: Canvas, layout: ChartLayout) {
        let plot = layout.plot
        let y = layout.yPixel(for: ref.value)
        canvas.line(Point(x: plot.minX, y: y), Point(x: plot.maxX, y: y), Palette.reference, width: 1.5, dash: [7, 4])
        let label = canvas.truncate(ref.label, .note, toWidth: plot.width - 12)
        let size = canvas.measure(label, .note)
        let slot = plot.width / Double(categories.count)
        let rights = [plot.maxX - 5] + categories.indices.reversed().map { plot.minX + Double($0) * slot - 2 }
        let obstacles = barRects(layout: layout)
        var chosen: ChartRect?
        for above in [true, false] {
            let top = above ? y - 4 - size.height : y + 4
            guard top >= plot.minY, top + size.height <= plot.maxY else { continue }
            for right in rights where right - size.width - 3 >= plot.minX {
                let box = ChartRect(x: right - size.width - 3, y: top - 1, width: size.width + 6, height: size.height + 2)
                if !obstacles.contains(where: { $0.intersects(box) }) { chosen = box; break }
            }
            if chosen != nil { break }
        }
        guard let patch = chosen else { return }  // the legend still names the line
        canvas.fill(patch, Palette.background)
        canvas.text(label, at: Point(x: patch.maxX - 3, y: patch.minY + 1), .note, Palette.text, align: 1, vertical: .top)
    }

    /// Rectangles covered by bars and their whiskers.
    private func barRects(layout: ChartLayout) -> [ChartRect] {
        let base = logScale ? layout.plot.maxY : layout.yPixel(for: 0)
        var rects: [ChartRect] = []
        for (s, bars) in series.enumerated() {
            for (c, x) in layout.barCenters[s].enumerated() {
                guard let v = bars.value(c) else { continue }
                let top = layout.yPixel(for: max(v, bars.high(c) ?? v))
                rects.append(ChartRect(x: x - layout.barWidth / 2, y: min(top, base), width: layout.barWidth,
                                       height: abs(base - top)))
            }
        }
        return rects
    }
}
