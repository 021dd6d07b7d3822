/// A horizontal dashed line across the plot at `value`, labelled at its right end
/// (e.g. "one-thread baseline 0.9 µs").
public struct ReferenceLine: Sendable, Equatable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
