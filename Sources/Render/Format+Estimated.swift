import Results
import AnalysisModel

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
        switch e.method {
        case .counts, .straceCounts: "count, no interval"
        case .oneRun: "one run, no interval"
        case .bootstrap(_, let runs) where runs.contains(1): "one run, no interval"
        case .tInterval(_, let runs) where runs < 2: "one run, no interval"
        default: "no interval"
        }
    }

    /// How the interval was made, in words: "95 % CI, bootstrap over 10/10 runs".
    public static func method(_ m: IntervalMethod) -> String {
        switch m {
        case .bootstrap(let level, let runs):
            "\(percent(level)) CI, bootstrap over \(runs.map(String.init).joined(separator: "/")) run\(runs == [1] ? "" : "s")"
        case .caseBootstrap(let level, let readings):
            "\(percent(level)) CI, case bootstrap of both fits (\(readings.map(String.init).joined(separator: " + ")) readings)"
        case .tInterval(let level, let runs): "\(percent(level)) t interval over \(runs) runs"
        case .hodgesLehmann(let level, let runs, let reached):
            reached ? "\(percent(level)) Hodges-Lehmann interval (Mann-Whitney), \(runs.map(String.init).joined(separator: "/")) runs"
                : "range of all pairwise ratios: \(runs.map(String.init).joined(separator: "/")) runs are too few for a \(percent(level)) interval"
        case .oneRun: "one run: no interval"
        case .counts: "counts, no interval"
        case .straceCounts: "counts under strace -f -c, no interval"
        case .point: "a point value"
        }
    }
}
