internal import CGSL

/// Spearman's rank correlation coefficient of paired samples (dimensionless, in [-1, 1]),
/// with `gsl_stats_spearman` (ties get average ranks, like `scipy.stats.spearmanr`).
/// ctxbench uses it against the sample index to detect drift during a run.
///
/// - Returns: NaN when either sample is constant (the coefficient is undefined); check
///   with `isNaN` before storing it, since JSON cannot hold NaN.
/// - Precondition: `x.count == y.count >= 2` and all values finite.
public func spearman(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "spearman needs paired samples of equal length")
    precondition(x.count >= 2, "spearman needs at least two pairs")
    precondition(x.allSatisfy(\.isFinite) && y.allSatisfy(\.isFinite), "spearman needs finite values")
    GSL.prepare()
    let n = x.count
    var work = [Double](repeating: 0, count: 2 * n)
    return x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
            work.withUnsafeMutableBufferPointer { pw in
                gsl_stats_spearman(px.baseAddress, 1, py.baseAddress, 1, n, pw.baseAddress)
            }
        }
    }
}
