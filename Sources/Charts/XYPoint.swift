/// One data point of an XY chart, with an optional vertical error bar from `lower` to `upper`.
public struct XYPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var lower: Double?
    public var upper: Double?

    public init(x: Double, y: Double, lower: Double? = nil, upper: Double? = nil) {
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }
}
