/// The computed geometry of a chart, for tests and callers that want to probe the image.
///
/// Pixel coordinates have their origin at the top-left corner, y growing downwards.
public struct ChartLayout: Sendable {
    /// Image size in pixels.
    public let width: Int
    public let height: Int
    /// The title as drawn (possibly truncated with "…").
    public let title: String
    /// The rectangle where data is drawn, inside the axes.
    public let plot: ChartRect
    /// The value (vertical) axis.
    public let yAxis: AxisScale
    /// The horizontal value axis of an XY chart; `nil` for category charts.
    public let xAxis: AxisScale?
    /// X centre of each category (bar group or box), left to right; empty for XY charts.
    public let categoryCenters: [Double]
    /// Category labels as drawn: one or more lines each (wrapped at "-", "_" or spaces).
    public let categoryLabelLines: [[String]]
    /// Rotation of the category labels in radians (0 = horizontal, negative = rising).
    public let categoryLabelAngle: Double
    /// X centre of each bar, indexed `[series][category]` (box charts: `[0][box]`).
    public let barCenters: [[Double]]
    /// Width of one bar or box in pixels.
    public let barWidth: Double
    /// Legend entries in drawing order; empty when no legend is drawn.
    public let legend: [String]
    /// Footnotes drawn under the plot (e.g. values dropped from a log axis).
    public let notes: [String]
    /// Box charts: the outlier values actually drawn for each box (after capping), indexed
    /// `[series * categories + category]` (one series: `[box]`).
    public let outliersDrawn: [[Double]]
    /// How each series is drawn (colour, marker, dash), in series order.
    public internal(set) var seriesStyles: [SeriesStyle] = []
    /// Height of one line of category label text, pixels (0 without category labels).
    public internal(set) var categoryLabelLineHeight: Double = 0
    /// Width in pixels of each line of `categoryLabelLines`, before rotation.
    public internal(set) var categoryLabelWidths: [[Double]] = []

    /// The vertical pixel of `value` on the y axis. On a log axis a non-positive value maps to
    /// the bottom edge of the plot.
    public func yPixel(for value: Double) -> Double {
        plot.maxY - yAxis.fraction(of: value) * plot.height
    }

    /// The horizontal pixel of `value` on the x axis of an XY chart; `nil` for category charts.
    /// On a log axis a non-positive value maps to the left edge of the plot.
    public func xPixel(for value: Double) -> Double? {
        guard let xAxis else { return nil }
        return plot.minX + xAxis.fraction(of: value) * plot.width
    }
}
