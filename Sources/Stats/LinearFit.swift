internal import CGSL

/// Ordinary least-squares line `y = intercept + slope * x` (not forced through the origin),
/// with a robust cross-check. For ctxbench: y = resident bytes, x = task count, so the
/// slope is bytes per task.
public struct LinearFit: Codable, Sendable, Equatable {
    /// Number of (x, y) points.
    public var n: Int
    /// Intercept, in y units (`c0` of `gsl_fit_linear`).
    public var intercept: Double
    /// Standard error of the intercept, in y units (`sqrt(cov00)`).
    public var interceptSE: Double
    /// Slope, in y units per x unit (`c1` of `gsl_fit_linear`).
    public var slope: Double
    /// Standard error of the slope, in y units per x unit (`sqrt(cov11)`).
    public var slopeSE: Double
    /// Confidence interval of the slope, `slope -/+ t * slopeSE` with
    /// `t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, n - 2)`; y units per x unit.
    public var slopeCI: Interval
    /// Coefficient of determination `1 - sumsq / gsl_stats_tss(y)` (dimensionless); 1 when
    /// y is constant (the line fits exactly).
    public var rSquared: Double
    /// Residual standard deviation `sqrt(sumsq / (n - 2))`, in y units.
    public var residualSD: Double
    /// Slope of the bisquare robust fit (`gsl_multifit_robust` with
    /// `gsl_multifit_robust_bisquare` on the design matrix [1, x]), y units per x unit;
    /// `nil` when the robust fit failed (for example `GSL_EMAXITER`).
    public var robustSlope: Double?
    /// Standard error of `robustSlope` (square root of its covariance entry); `nil` with it.
    public var robustSlopeSE: Double?
    /// True when `|slope - robustSlope| > 2 * slopeSE`: outliers or curvature pull the
    /// least-squares line, so the slope should be flagged. False when there is no robust fit,
    /// and for differences at rounding level (below 1000 ulp of the data's slope scale
    /// `|slope| + max|y| / (max x - min x)`), which an exact line with `slopeSE == 0` has.
    public var robustDisagrees: Bool
}

/// Fits `y = intercept + slope * x` with `gsl_fit_linear` and cross-checks the slope with
/// `gsl_multifit_robust` (bisquare weights). See `LinearFit` for every field.
///
/// - Throws: `StatsError.insufficientData` with fewer than 3 points or when all x are
///   equal; `StatsError.gsl` if `gsl_fit_linear` reports an error.
/// - Precondition: `x.count == y.count`, all values finite, `0 < level < 1`.
public func linearFit(x: [Double], y: [Double], level: Double = 0.95) throws -> LinearFit {
    precondition(x.count == y.count, "linearFit needs as many x as y values")
    precondition(x.allSatisfy(\.isFinite) && y.allSatisfy(\.isFinite), "linearFit needs finite values")
    precondition(level > 0 && level < 1, "linearFit needs 0 < level < 1, got \(level)")
    let n = x.count
    guard n >= 3 else {
        throw StatsError.insufficientData(
            "a line with a standard error needs at least 3 points, got \(n); measure more x values")
    }
    guard let first = x.first, x.contains(where: { $0 != first }) else {
        throw StatsError.insufficientData(
            "all \(n) x values equal \(x[0]); a slope needs at least two distinct x values")
    }
    GSL.prepare()
    var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
    let status = x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
            gsl_fit_linear(px.baseAddress, 1, py.baseAddress, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
        }
    }
    try GSL.check(status, "gsl_fit_linear")
    let tss = y.withUnsafeBufferPointer { gsl_stats_tss($0.baseAddress, 1, n) }
    let slopeSE = cov11.squareRoot()
    let t = tQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 2))
    let robust = robustLinearFit(x: x, y: y)
    return LinearFit(
        n: n,
        intercept: c0,
        interceptSE: cov00.squareRoot(),
        slope: c1,
        slopeSE: slopeSE,
        slopeCI: Interval(lower: c1 - t * slopeSE, upper: c1 + t * slopeSE),
        rSquared: tss > 0 ? 1 - sumsq / tss : 1,
        residualSD: (sumsq / Double(n - 2)).squareRoot(),
        robustSlope: robust?.slope,
        robustSlopeSE: robust?.se,
        robustDisagrees: robust.map { abs(c1 - $0.slope) > max(2 * slopeSE, roundingFloor(x: x, y: y, slope: c1)) }
            ?? false)
}

/// A slope difference below this is rounding, not disagreement: 1000 ulp of the slope scale.
private func roundingFloor(x: [Double], y: [Double], slope: Double) -> Double {
    let xRange = (x.max() ?? 0) - (x.min() ?? 0)
    let yScale = y.map(abs).max() ?? 0
    return 1000 * Double.ulpOfOne * (abs(slope) + yScale / xRange)
}

/// Bisquare robust fit of `y = c0 + c1 x` with `gsl_multifit_robust`; returns the slope
/// `c1` and its standard error, or `nil` when GSL reports an error (such as
/// `GSL_EMAXITER`) or the result is not finite.
private func robustLinearFit(x: [Double], y: [Double]) -> (slope: Double, se: Double)? {
    let n = x.count
    guard let design = gsl_matrix_alloc(n, 2),
          let response = gsl_vector_alloc(n),
          let coefficients = gsl_vector_alloc(2),
          let covariance = gsl_matrix_alloc(2, 2),
          let work = gsl_multifit_robust_alloc(cgsl_multifit_robust_bisquare(), n, 2)
    else {
        fatalError("GSL allocation for the robust fit failed: out of memory")
    }
    defer {
        gsl_multifit_robust_free(work)
        gsl_matrix_free(covariance)
        gsl_vector_free(coefficients)
        gsl_vector_free(response)
        gsl_matrix_free(design)
    }
    for i in 0..<n {
        gsl_matrix_set(design, i, 0, 1)
        gsl_matrix_set(design, i, 1, x[i])
        gsl_vector_set(response, i, y[i])
    }
    let status = gsl_multifit_robust(design, response, coefficients, covariance, work)
    do {
        try GSL.check(status, "gsl_multifit_robust")
    } catch {
        return nil
    }
    let slope = gsl_vector_get(coefficients, 1)
    let se = gsl_matrix_get(covariance, 1, 1).squareRoot()
    guard slope.isFinite, se.isFinite else { return nil }
    return (slope, se)
}

/// Least-squares slope of y on x alone (`gsl_fit_linear`, not through the origin), for use
/// inside a bootstrap; nil when the x values are all equal or the fit fails.
public func leastSquaresSlope(x: [Double], y: [Double]) -> Double? {
    leastSquaresLine(x: x, y: y)?.slope
}

/// Intercept and slope of the ordinary least-squares line (`gsl_fit_linear`), nil when x has
/// fewer than two distinct values or the fit fails.
public func leastSquaresLine(x: [Double], y: [Double]) -> (intercept: Double, slope: Double)? {
    precondition(x.count == y.count, "leastSquaresSlope needs x and y of equal length")
    guard x.count >= 2, let first = x.first, x.contains(where: { $0 != first }) else { return nil }
    var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
    let status = x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
            gsl_fit_linear(px.baseAddress, 1, py.baseAddress, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
        }
    }
    return status == 0 && c1.isFinite && c0.isFinite ? (c0, c1) : nil
}
