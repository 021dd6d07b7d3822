import Results

/// Formatting of a value with its interval (the analysis model's `Estimated`). An estimate
/// without spread (a count, or one process run) has no interval: it is printed as its value
/// with the reason, never as "[7.78, 7.78]".
extension Format {
    /// A value and its interval: "4.32 µs [4.10 µs, 4.68 µs]", or "196 ns (one run, no interval)".
    public static func estimate(_ e: Estimated, _ unit: (Double, Int) -> String = nanos) -> String {
        "\(unit(e.value, 3)) \(ci(e, unit))"
    }

    /// A ratio and its interval: "8.50x [7.10, 9.90]", or "7.78x (count, no interval)".
    public static func ratioEstimate(_ e: Estimated) -> String { "\(ratio(e.value)) \(ci(e, sig))" }

    /// The interval alone, for a column of its own: "[4.10 µs, 4.68 µs]" (ends told apart), or
    /// "(one run, no interval)" when it has no width.
    public static func ci(_ e: Estimated, _ unit: (Double, Int) -> String = nanos) -> String {
        hasInterval(e) ? interval(e.lower, e.upper, digits: unit) : "(\(noInterval(e)))"
    }

    /// False for a count or a single observation: an interval of no width.
    public static func hasInterval(_ e: Estimated) -> Bool { e.lower != e.upper }

    /// Why an estimate has no interval, from its method: "count, no interval", "one run, no
    /// interval", or "no interval".
    public static func noInterval(_ e: Estimated) -> String {
        if e.method.contains("count") { return "count, no interval" }
        if e.method.hasSuffix("over 1 run") || e.method.contains("over 1/") { return "one run, no interval" }
        return "no interval"
    }
}
