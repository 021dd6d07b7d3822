import Foundation

/// A value axis: its bounds, whether it is logarithmic, and its labelled ticks.
public struct AxisScale: Sendable, Equatable {
    /// The value at the start of the axis (bottom or left).
    public let lower: Double
    /// The value at the end of the axis (top or right).
    public let upper: Double
    /// Whether positions are proportional to log10 of the value.
    public let isLog: Bool
    /// Labelled tick values, ascending.
    public let ticks: [Double]

    /// Builds an axis whose bounds are the first and last nice tick covering `[min, max]`.
    init(covering min: Double, _ max: Double, log: Bool) {
        let ticks = Axis.niceTicks(min: min, max: max, log: log)
        self.ticks = ticks
        lower = ticks.first ?? 0
        upper = ticks.last ?? 1
        isLog = log
    }

    /// The tick labels, formatted with `Axis.format`.
    public var tickLabels: [String] { ticks.map(Axis.format) }

    /// Position of `value` along the axis, 0 at `lower` and 1 at `upper` (may fall outside
    /// [0, 1] for values beyond the bounds). On a log axis a non-positive value maps to 0.
    public func fraction(of value: Double) -> Double {
        if isLog {
            guard value > 0 else { return 0 }
            return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return (value - lower) / (upper - lower)
    }

    /// Whether `value` can be placed on this axis (finite, and positive on a log axis).
    public func accepts(_ value: Double) -> Bool {
        value.isFinite && (!isLog || value > 0)
    }

    /// Unlabelled minor tick values (log axes only).
    var minorTicks: [Double] { isLog ? Axis.minorLogTicks(lower: lower, upper: upper) : [] }
}
