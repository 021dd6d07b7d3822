import Results

/// Formatting of a value with its interval (the analysis model's `Estimated`).
extension Format {
    /// A value and its interval: "4.32 µs [4.10 µs, 4.68 µs]" or "8.50x [7.10, 9.90]".
    public static func estimate(_ e: Estimated, _ unit: (Double) -> String = nanos) -> String {
        "\(unit(e.value)) \(interval(e.lower, e.upper, unit))"
    }

    /// A ratio and its interval: "8.50x [7.10, 9.90]".
    public static func ratioEstimate(_ e: Estimated) -> String { "\(ratio(e.value)) \(interval(e.lower, e.upper))" }
}
