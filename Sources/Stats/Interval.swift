internal import CGSL

/// A closed interval `[lower, upper]`, in the unit of the estimate it brackets (a time, a
/// ratio, bytes per task...). Used for confidence intervals; which kind (t, bootstrap) is
/// said by the function that produced it.
public struct Interval: Codable, Sendable, Equatable {
    /// Lower bound, inclusive.
    public var lower: Double
    /// Upper bound, inclusive.
    public var upper: Double

    /// - Precondition: `lower <= upper`.
    public init(lower: Double, upper: Double) {
        precondition(lower <= upper, "Interval needs lower <= upper, got [\(lower), \(upper)]")
        self.lower = lower
        self.upper = upper
    }

    /// Whether `lower <= x <= upper`.
    public func contains(_ x: Double) -> Bool {
        lower <= x && x <= upper
    }

    /// `upper - lower`.
    public var width: Double { upper - lower }
}

/// The `p` quantile of Student's t distribution with `degreesOfFreedom` degrees of freedom,
/// with `gsl_cdf_tdist_Pinv`. For a two-sided 95 % interval use `p = 0.975`.
///
/// - Precondition: `0 < p < 1` and `degreesOfFreedom > 0`.
public func tQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
    precondition(p > 0 && p < 1, "tQuantile needs 0 < p < 1, got \(p)")
    precondition(degreesOfFreedom > 0, "tQuantile needs degrees of freedom > 0")
    GSL.prepare()
    return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
}

/// Confidence interval of the mean from Student's t: `mean -/+ t * sd / sqrt(n)`, with
/// `t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, n - 1)`, the mean from `gsl_stats_mean` and
/// the sample standard deviation from `gsl_stats_sd_m`.
///
/// - Returns: `nil` when `xs.count < 2` (no spread to estimate).
/// - Precondition: `0 < level < 1` and every value is finite.
public func meanTInterval(_ xs: [Double], level: Double = 0.95) -> Interval? {
    precondition(level > 0 && level < 1, "meanTInterval needs 0 < level < 1, got \(level)")
    precondition(xs.allSatisfy(\.isFinite), "meanTInterval needs finite values")
    guard xs.count >= 2 else { return nil }
    GSL.prepare()
    return xs.withUnsafeBufferPointer { p in
        let n = p.count
        let mean = gsl_stats_mean(p.baseAddress, 1, n)
        let sd = gsl_stats_sd_m(p.baseAddress, 1, n, mean)
        let t = tQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1))
        let half = t * sd / Double(n).squareRoot()
        return Interval(lower: mean - half, upper: mean + half)
    }
}
