internal import CGSL

/// Descriptive statistics of one sample. Every value except `n` is in the unit of the input
/// (for ctxbench usually nanoseconds per hop or per item).
///
/// Quantiles use GSL's `gsl_stats_quantile_from_sorted_data`: linear interpolation between
/// order statistics at position `f * (n - 1)`, identical to numpy's default `"linear"`
/// method (Hyndman & Fan type 7).
public struct Summary: Codable, Sendable, Equatable {
    /// Number of values.
    public var n: Int
    /// Arithmetic mean (`gsl_stats_mean`).
    public var mean: Double
    /// Sample standard deviation with the n - 1 denominator (`gsl_stats_sd`); 0 when n == 1.
    public var sd: Double
    /// Median (`gsl_stats_median_from_sorted_data`; mean of the two middle values for even n).
    public var median: Double
    /// Smallest value.
    public var min: Double
    /// Largest value.
    public var max: Double
    /// First quartile, the 0.25 quantile.
    public var q1: Double
    /// Third quartile, the 0.75 quantile.
    public var q3: Double
    /// 0.90 quantile.
    public var p90: Double
    /// 0.99 quantile.
    public var p99: Double

    /// Memberwise initialiser (for tests and decoding elsewhere).
    public init(
        n: Int, mean: Double, sd: Double, median: Double, min: Double, max: Double,
        q1: Double, q3: Double, p90: Double, p99: Double
    ) {
        self.n = n
        self.mean = mean
        self.sd = sd
        self.median = median
        self.min = min
        self.max = max
        self.q1 = q1
        self.q3 = q3
        self.p90 = p90
        self.p99 = p99
    }

    /// Interquartile range `q3 - q1`, in the unit of the input.
    public var iqr: Double { q3 - q1 }

    /// Coefficient of variation `sd / mean` (a fraction, not a percentage); `nil` when the
    /// mean is 0.
    public var cv: Double? { mean == 0 ? nil : sd / abs(mean) }
}

/// Summarises a sample: sorts a copy with `gsl_sort`, then takes the median with
/// `gsl_stats_median_from_sorted_data`, the quantiles with
/// `gsl_stats_quantile_from_sorted_data`, the mean with `gsl_stats_mean` and the sample
/// standard deviation with `gsl_stats_sd`.
///
/// - Precondition: `xs` is non-empty and every value is finite (NaN would make the sort
///   meaningless and infinities would make the result unencodable as JSON).
public func summarize(_ xs: [Double]) -> Summary {
    precondition(!xs.isEmpty, "summarize needs at least one value")
    precondition(xs.allSatisfy(\.isFinite), "summarize needs finite values")
    GSL.prepare()
    var sorted = xs
    GSL.sort(&sorted)
    return sorted.withUnsafeBufferPointer { p in
        let n = p.count
        let base = p.baseAddress
        let mean = gsl_stats_mean(base, 1, n)
        return Summary(
            n: n,
            mean: mean,
            sd: n > 1 ? gsl_stats_sd_m(base, 1, n, mean) : 0,
            median: gsl_stats_median_from_sorted_data(base, 1, n),
            min: p[0],
            max: p[n - 1],
            q1: GSL.quantile(sorted: p, 0.25),
            q3: GSL.quantile(sorted: p, 0.75),
            p90: GSL.quantile(sorted: p, 0.90),
            p99: GSL.quantile(sorted: p, 0.99))
    }
}
