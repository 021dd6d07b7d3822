/// One series of an XY chart.
///
/// `points` are drawn as markers (with error bars when they have bounds); `line` is drawn as a
/// solid line, e.g. a fitted model; `connectPoints` also joins the markers with a polyline
/// (a sweep). The name appears in the legend, so put fitted slopes there, e.g.
/// "tasks: 0.41 KB/task".
public struct XYSeries: Sendable, Equatable {
    public var name: String
    public var points: [XYPoint]
    public var line: [XYPoint]
    public var connectPoints: Bool
    /// Colour, marker and dash; nil takes the palette's by position.
    public var style: SeriesStyle?

    public init(name: String, points: [XYPoint], line: [XYPoint] = [], connectPoints: Bool = false,
                style: SeriesStyle? = nil) {
        self.name = name
        self.points = points
        self.line = line
        self.connectPoints = connectPoints
        self.style = style
    }
}
