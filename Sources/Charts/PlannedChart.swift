/// What BarChart, BoxChart and XYChart share: a chart is planned on a canvas (its fonts
/// measure the text; a 1x1 canvas serves `layout()`), then drawn in one order: grid, the
/// chart's own marks, frame decorations (title, y axis, legend, notes), category labels, and
/// whatever the chart draws over them.
protocol PlannedChart {
    var width: Int { get }
    var height: Int { get }
    /// The frame, the category labels (nil on a numeric x axis) and the geometry on `canvas`.
    func plan(on canvas: Canvas) throws -> ChartPlan
    /// The chart's own marks (bars, boxes, lines), between the grid and the decorations.
    func drawMarks(_ plan: ChartPlan, on canvas: Canvas)
    /// Drawn last, over the decorations (XYChart's x axis); nothing by default.
    func drawOverlay(_ plan: ChartPlan, on canvas: Canvas)
}

/// A chart's plan: its frame, its category labels (bar and box charts) and its geometry.
struct ChartPlan {
    var frame: Frame
    var labels: CategoryLabels?
    var layout: ChartLayout
}

extension PlannedChart {
    func drawOverlay(_ plan: ChartPlan, on canvas: Canvas) {}

    /// The geometry the PNG is drawn with (plot rectangle, axes, centres, labels).
    func plannedLayout() throws -> ChartLayout { try plan(on: Canvas(width: 1, height: 1)).layout }

    /// The PNG file bytes.
    func pngBytes() throws -> [UInt8] { try draw().pngBytes() }

    /// Renders to pixels (for tests).
    func renderRaster() throws -> RasterImage { try draw().raster() }

    /// The geometry and the pixels drawn with it (for tests that check a pixel at a computed point).
    func rendered() throws -> (layout: ChartLayout, image: RasterImage) { (try plannedLayout(), try renderRaster()) }

    func draw() throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let plan = try plan(on: canvas)
        plan.frame.drawGrid(on: canvas)
        drawMarks(plan, on: canvas)
        plan.frame.drawDecorations(on: canvas)
        plan.labels?.draw(on: canvas, centers: plan.layout.categoryCenters, axisY: plan.layout.plot.maxY)
        drawOverlay(plan, on: canvas)
        return canvas
    }
}
