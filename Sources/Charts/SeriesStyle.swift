/// How one series is drawn when the caller fixes it (e.g. one colour per variant across every
/// chart); a series without a style takes the palette colour and marker of its position.
public struct SeriesStyle: Sendable, Equatable, Hashable {
    public var color: Color
    public var marker: MarkerShape
    /// Dashed connecting line (XY charts), e.g. for a C floor beside its Swift design.
    public var dashed: Bool

    public init(color: Color, marker: MarkerShape = .circle, dashed: Bool = false) {
        self.color = color; self.marker = marker; self.dashed = dashed
    }

    /// The palette's colour and marker for the series at `index`.
    static func positional(_ index: Int) -> SeriesStyle {
        SeriesStyle(color: Palette.color(index), marker: MarkerShape.allCases[index % MarkerShape.allCases.count])
    }

    /// Dash pattern of a dashed line, pixels on / off.
    static let dash: [Double] = [6, 4]
}
