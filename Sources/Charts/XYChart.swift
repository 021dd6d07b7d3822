import Foundation

/// A scatter / line chart with numeric x and y axes, each linear or logarithmic.
///
/// Points that cannot be placed (non-finite, or <= 0 on a log axis) are omitted and counted in
/// a footnote; error-bar ends <= 0 on a log y axis are clipped at the bottom of the plot.
public struct XYChart: Sendable, PlannedChart {
    public var title: String
    /// Horizontal axis label with unit, e.g. "tasks (N)".
    public var xLabel: String
    /// Vertical axis label with unit, e.g. "RSS (MB)".
    public var yLabel: String
    public var series: [XYSeries]
    public var logX: Bool
    public var logY: Bool
    public var width: Int
    public var height: Int

    public init(
        title: String, xLabel: String, yLabel: String, series: [XYSeries], logX: Bool = false, logY: Bool = false,
        width: Int = 960, height: Int = 540
    ) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
        self.logX = logX; self.logY = logY; self.width = width; self.height = height
    }

    /// Renders the chart and returns the PNG file bytes.
    public func renderPNG() throws -> [UInt8] { try pngBytes() }

    /// The geometry `renderPNG()` uses (plot rectangle, both axes, legend, notes).
    public func layout() throws -> ChartLayout { try plannedLayout() }

    /// Whether a point can be placed on axes with these log settings.
    private func placeable(_ p: XYPoint) -> Bool {
        p.x.isFinite && p.y.isFinite && (!logX || p.x > 0) && (!logY || p.y > 0)
    }

    /// Axis covering `values`; a linear axis of non-negative data starts at 0 when that wastes
    /// at most half of it.
    private static func axis(_ values: [Double], log: Bool) -> AxisScale {
        let low = values.min() ?? 1
        let high = values.max() ?? 1
        let start = !log && low >= 0 && low <= high / 2 ? 0 : low
        return AxisScale(covering: start, high, log: log)
    }

    func plan(on canvas: Canvas) throws -> ChartPlan {
        let kept = series.map { $0.points.filter(placeable) + $0.line.filter(placeable) }.joined()
        guard !kept.isEmpty else {
            throw ChartError.emptyData("XY chart \"\(title)\" has no points that can be drawn")
        }
        let dropped = series.map { $0.points.count(where: { !placeable($0) }) }.reduce(0, +)
        let ys = kept.flatMap { [$0.y, $0.lower, $0.upper].compactMap { $0 } }.filter { $0.isFinite && (!logY || $0 > 0) }
        let xAxis = XYChart.axis(kept.map(\.x), log: logX)
        let yAxis = XYChart.axis(ys, log: logY)
        let notes = dropped > 0
            ? ["\(dropped) point\(dropped == 1 ? "" : "s") not drawn (non-finite\(logX || logY ? " or ≤ 0 on a log axis" : ""))"]
            : []
        let legend: [LegendItem] = series.contains(where: { !$0.name.isEmpty })
            ? series.indices.map { i -> LegendItem in
                let s = series[i], style = self.style(i)
                return LegendItem(name: s.name, color: style.color,
                                  swatch: .marker(style.marker, withLine: !s.line.isEmpty || s.connectPoints, dashed: style.dashed))
            } : []
        let tickHeight = canvas.measure("0", .tick).height
        let lastTick = xAxis.tickLabels.last.map { canvas.measure($0, .tick).width } ?? 0
        let bottom = Frame.tickLength + 4 + tickHeight + 8 + canvas.measure(xLabel, .axisLabel).height
        let frame = Frame(
            canvas: canvas, width: width, height: height, title: title, yLabel: yLabel, yAxis: yAxis,
            legend: legend, notes: notes, right: Frame.padding + max(8, lastTick / 2)
        ) { _, _ in (bottom, 0) }
        let layout = ChartLayout(
            width: width, height: height, title: frame.title, plot: frame.plot, yAxis: yAxis, xAxis: xAxis,
            categoryCenters: [], categoryLabelLines: [], categoryLabelAngle: 0, barCenters: [], barWidth: 0,
            legend: legend.map(\.name), notes: notes, outliersDrawn: [], seriesStyles: series.indices.map(style))
        return ChartPlan(frame: frame, labels: nil, layout: layout)
    }

    /// How series `index` is drawn: its own style, or the palette's by position.
    func style(_ index: Int) -> SeriesStyle { series[index].style ?? .positional(index) }

    func drawMarks(_ plan: ChartPlan, on canvas: Canvas) {
        let layout = plan.layout
        drawXGrid(on: canvas, layout: layout)
        canvas.clip(to: layout.plot)
        for (i, s) in series.enumerated() { drawLines(s, style: style(i), on: canvas, layout: layout) }
        canvas.unclip()
        // Markers lie inside the axes by construction; unclipped so edge markers stay whole.
        for (i, s) in series.enumerated() { drawPoints(s, index: i, on: canvas, layout: layout) }
    }

    func drawOverlay(_ plan: ChartPlan, on canvas: Canvas) { drawXAxis(on: canvas, layout: plan.layout) }

    private func pixel(_ p: XYPoint, _ layout: ChartLayout) -> Point {
        Point(x: layout.xPixel(for: p.x) ?? layout.plot.minX, y: layout.yPixel(for: p.y))
    }

    private func drawLines(_ s: XYSeries, style: SeriesStyle, on canvas: Canvas, layout: ChartLayout) {
        let dash = style.dashed ? SeriesStyle.dash : []
        canvas.polyline(densified(s.line.filter(placeable)).map { pixel($0, layout) }, style.color, width: 2.2, dash: dash)
        if s.connectPoints {
            canvas.polyline(s.points.filter(placeable).map { pixel($0, layout) }, style.color, width: 1.5, dash: dash)
        }
    }

    /// On a log axis a straight data-space segment is a curve: split each segment into 48
    /// pieces, interpolated linearly in data space, so fitted lines are drawn correctly.
    private func densified(_ points: [XYPoint]) -> [XYPoint] {
        guard logX || logY, points.count > 1 else { return points }
        var result = [points[0]]
        for (a, b) in zip(points, points.dropFirst()) {
            for k in 1...48 {
                let t = Double(k) / 48
                result.append(XYPoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
            }
        }
        return result
    }

    private func drawPoints(_ s: XYSeries, index: Int, on canvas: Canvas, layout: ChartLayout) {
        let color = style(index).color
        for p in s.points where placeable(p) {
            let center = pixel(p, layout)
            if p.lower != nil || p.upper != nil {
                let low = p.lower.map { logY && $0 <= 0 ? layout.plot.maxY : layout.yPixel(for: $0) } ?? center.y
                let high = p.upper.map { layout.yPixel(for: $0) } ?? center.y
                canvas.line(Point(x: center.x, y: low), Point(x: center.x, y: high), color, width: 1.5)
                for y in [low, high] where y != center.y {
                    canvas.line(Point(x: center.x - 4, y: y), Point(x: center.x + 4, y: y), color, width: 1.5)
                }
            }
            canvas.marker(style(index).marker, at: center, radius: 4.5, color)
        }
    }

    private func drawXGrid(on canvas: Canvas, layout: ChartLayout) {
        guard let xAxis = layout.xAxis else { return }
        let plot = layout.plot
        for (values, color) in [(xAxis.minorTicks, Palette.minorGrid), (xAxis.ticks, Palette.grid)] {
            for v in values {
                let x = (layout.xPixel(for: v) ?? plot.minX).rounded() + 0.5
                canvas.line(Point(x: x, y: plot.minY), Point(x: x, y: plot.maxY), color, width: 1)
            }
        }
    }

    /// X tick marks, tick labels and the axis label under the plot.
    private func drawXAxis(on canvas: Canvas, layout: ChartLayout) {
        guard let xAxis = layout.xAxis else { return }
        let axisY = layout.plot.maxY.rounded() + 0.5
        for (v, label) in zip(xAxis.ticks, xAxis.tickLabels) {
            let x = (layout.xPixel(for: v) ?? layout.plot.minX).rounded() + 0.5
            canvas.line(Point(x: x, y: axisY), Point(x: x, y: axisY + Frame.tickLength), Palette.axis, width: 1)
            canvas.text(label, at: Point(x: x, y: axisY + Frame.tickLength + 4), .tick, Palette.text,
                        align: 0.5, vertical: .top)
        }
        let label = canvas.truncate(xLabel, .axisLabel, toWidth: layout.plot.width)
        let y = axisY + Frame.tickLength + 4 + canvas.measure("0", .tick).height + 8
        canvas.text(label, at: Point(x: layout.plot.midX, y: y), .axisLabel, Palette.text, align: 0.5, vertical: .top)
    }
}
