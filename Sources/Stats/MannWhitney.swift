internal import CGSL

/// Result of a two-sided Mann-Whitney U test (Wilcoxon rank-sum) of sample `a` against `b`.
///
/// Same definition as `scipy.stats.mannwhitneyu(a, b, alternative="two-sided",
/// method="asymptotic", use_continuity=True)`.
public struct MannWhitney: Codable, Sendable, Equatable {
    /// U statistic of `a`: the number of pairs `(a_i, b_j)` with `a_i > b_j`, ties counting
    /// 1/2. Between 0 and `a.count * b.count`; `a.count * b.count / 2` means no shift.
    public var u: Double
    /// Standard normal score of `u` with the tie-corrected variance and a continuity
    /// correction of 1/2 towards the mean; positive when `a` tends to be larger than `b`,
    /// 0 when every value is tied.
    public var z: Double
    /// Two-sided p-value `2 * Q(|z|)` with `gsl_cdf_ugaussian_Q`, at most 1.
    public var p: Double

    public init(u: Double, z: Double, p: Double) {
        self.u = u
        self.z = z
        self.p = p
    }
}

/// Two-sided Mann-Whitney U test with the normal approximation: average ranks for ties,
/// variance `n_a n_b / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1)))` over tie groups of size
/// `t`, continuity correction 1/2, p-value from `gsl_cdf_ugaussian_Q`.
/// The approximation is rough below about 8 values per sample; ctxbench still reports it
/// there (with the sample sizes) rather than switching method.
///
/// - Precondition: both samples non-empty and finite.
public func mannWhitney(_ a: [Double], _ b: [Double]) -> MannWhitney {
    precondition(!a.isEmpty && !b.isEmpty, "mannWhitney needs two non-empty samples")
    precondition(a.allSatisfy(\.isFinite) && b.allSatisfy(\.isFinite), "mannWhitney needs finite values")
    GSL.prepare()
    let na = Double(a.count)
    let nb = Double(b.count)
    let n = na + nb
    let ranked = averageRanks(a + b)
    let rankSumA = ranked.ranks[0..<a.count].reduce(0, +)
    let u = rankSumA - na * (na + 1) / 2
    let mean = na * nb / 2
    let variance = na * nb / 12 * ((n + 1) - ranked.tieTerm / (n * (n - 1)))
    guard variance > 0 else {
        return MannWhitney(u: u, z: 0, p: 1)
    }
    let distance = max(abs(u - mean) - 0.5, 0)
    let z = (u >= mean ? 1 : -1) * distance / variance.squareRoot()
    let p = min(2 * gsl_cdf_ugaussian_Q(abs(z)), 1)
    return MannWhitney(u: u, z: z, p: p)
}

/// Ranks 1...n with ties given their average rank, and `sum(t^3 - t)` over tie groups.
private func averageRanks(_ values: [Double]) -> (ranks: [Double], tieTerm: Double) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var tieTerm = 0.0
    var start = 0
    while start < order.count {
        var end = start + 1
        while end < order.count && values[order[end]] == values[order[start]] {
            end += 1
        }
        let average = Double(start + end + 1) / 2  // ranks start+1 ... end
        for k in start..<end {
            ranks[order[k]] = average
        }
        let t = Double(end - start)
        tieTerm += t * t * t - t
        start = end
    }
    return (ranks, tieTerm)
}

/// Hodges-Lehmann estimate of the shift `b - a` (the median of the `a.count * b.count`
/// pairwise differences `b_j - a_i`) with its distribution-free interval from the Mann-Whitney
/// statistic (Lehmann, "Nonparametrics", 1975): the k-th smallest and k-th largest pairwise
/// differences, k = floor(n_a n_b / 2 - z sqrt(n_a n_b (n_a + n_b + 1) / 12)) with z the
/// two-sided normal quantile of `level` (`gsl_cdf_ugaussian_Pinv`). When k < 1 the samples are
/// too small for that level: the interval is then the whole range of the pairwise differences
/// (which covers more than any interval could) and `reached` is false.
///
/// - Precondition: both samples non-empty and finite; 0 < level < 1.
public func hodgesLehmannShift(_ a: [Double], _ b: [Double], level: Double) -> (estimate: Double, interval: Interval, reached: Bool) {
    precondition(!a.isEmpty && !b.isEmpty, "hodgesLehmannShift needs two non-empty samples")
    precondition(a.allSatisfy(\.isFinite) && b.allSatisfy(\.isFinite), "hodgesLehmannShift needs finite values")
    precondition(level > 0 && level < 1, "hodgesLehmannShift needs 0 < level < 1")
    GSL.prepare()
    var d = [Double]()
    d.reserveCapacity(a.count * b.count)
    for y in b { for x in a { d.append(y - x) } }
    d.sort()
    let n = Double(d.count)
    let median = d.count % 2 == 1 ? d[d.count / 2] : (d[d.count / 2 - 1] + d[d.count / 2]) / 2
    let z = gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2)
    let k = Int((n / 2 - z * (Double(a.count * b.count * (a.count + b.count + 1)) / 12).squareRoot()).rounded(.down))
    guard k >= 1 else { return (median, Interval(lower: d[0], upper: d[d.count - 1]), false) }
    return (median, Interval(lower: d[k - 1], upper: d[d.count - k]), true)
}
