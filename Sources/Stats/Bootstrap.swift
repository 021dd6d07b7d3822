internal import CGSL

/// Deterministic percentile bootstrap of medians and of functions of several medians.
///
/// Every call starts a fresh `gsl_rng_mt19937` generator seeded from `seed` (so results do
/// not depend on call order), draws resample indices with `gsl_rng_uniform_int`, and takes
/// the percentile interval with `gsl_stats_quantile_from_sorted_data` at `(1 - level) / 2`
/// and `1 - (1 - level) / 2` of the `resamples` bootstrap statistics, sorted with `gsl_sort`.
/// Groups are resampled independently, each from its own values, in argument order.
///
/// Seeding: GSL's MT19937 uses only 32 bits of the seed and maps seed 0 to its default
/// 4357. To keep the upper bits meaningful the 64-bit seed is folded to
/// `UInt32(truncatingIfNeeded: seed ^ (seed >> 32))`, which leaves seeds below 2^32
/// unchanged (so they reproduce with plain GSL and `gsl_rng_set(r, seed)`).
public struct Bootstrap: Sendable, Equatable {
    /// Seed of the random stream, recorded next to every interval it produced.
    public var seed: UInt64
    /// Number of bootstrap resamples B.
    public var resamples: Int
    /// Confidence level of the interval, a fraction (0.95 for a 95 % interval).
    public var level: Double

    /// - Precondition: `resamples >= 1` and `0 < level < 1`.
    public init(seed: UInt64, resamples: Int = 10_000, level: Double = 0.95) {
        precondition(resamples >= 1, "Bootstrap needs at least one resample")
        precondition(level > 0 && level < 1, "Bootstrap needs 0 < level < 1, got \(level)")
        self.seed = seed
        self.resamples = resamples
        self.level = level
    }

    /// Percentile bootstrap interval of the median of `xs`, in the unit of `xs`.
    /// With one value the interval is `[x, x]`.
    ///
    /// - Precondition: `xs` is non-empty and finite.
    public func medianCI(_ xs: [Double]) -> Interval {
        mediansCI([xs]) { $0[0] }
    }

    /// Percentile bootstrap interval of `median(a*) / median(b*)`, a dimensionless ratio,
    /// with `a` and `b` resampled independently.
    ///
    /// - Precondition: both non-empty and finite, and every value of `b` is > 0 (so no
    ///   resampled median is zero; durations and sizes always are).
    public func ratioOfMediansCI(_ a: [Double], _ b: [Double]) -> Interval {
        precondition(b.allSatisfy { $0 > 0 }, "ratioOfMediansCI needs positive denominators")
        return mediansCI([a, b]) { $0[0] / $0[1] }
    }

    /// Percentile bootstrap interval of `median(a*) - median(b*)`, in the unit of the input,
    /// with `a` and `b` resampled independently.
    ///
    /// - Precondition: both non-empty and finite.
    public func differenceOfMediansCI(_ a: [Double], _ b: [Double]) -> Interval {
        mediansCI([a, b]) { $0[0] - $0[1] }
    }

    /// General form: percentile bootstrap interval of `combine(medians)`, where `medians[g]`
    /// is the median of an independent resample (with replacement, same size) of
    /// `groups[g]`. `combine` is called once per resample with a reused array, so it should
    /// not keep it. When every group has a single value no resampling happens and the
    /// interval is the degenerate `[c, c]` with `c = combine(values)`.
    ///
    /// - Precondition: at least one group, every group non-empty and finite, fewer than
    ///   2^32 values per group, and `combine` never returns NaN.
    public func mediansCI(_ groups: [[Double]], combine: ([Double]) -> Double) -> Interval {
        let statistics = mediansReplicates(groups, combine: combine)
        return percentileInterval(sorted: statistics, level: level)
    }

    /// The bootstrap statistics of `mediansCI` themselves, sorted ascending (`resamples` values,
    /// or one value when every group has a single value): for an interval at another level
    /// (`percentileInterval`) or the stability of a decision taken on the interval.
    ///
    /// - Precondition: as `mediansCI`.
    public func mediansReplicates(_ groups: [[Double]], combine: ([Double]) -> Double) -> [Double] {
        precondition(!groups.isEmpty, "mediansCI needs at least one group")
        for group in groups {
            precondition(!group.isEmpty, "bootstrap needs a non-empty sample")
            precondition(group.count < 1 << 32, "bootstrap sample too large for MT19937")
            precondition(group.allSatisfy(\.isFinite), "bootstrap needs finite values")
        }
        if groups.allSatisfy({ $0.count == 1 }) {
            let c = combine(groups.map { $0[0] })
            precondition(!c.isNaN, "bootstrap statistic is NaN")
            return [c]
        }
        GSL.prepare()
        let rng = Generator(seed: seed)
        var statistics = [Double](repeating: 0, count: resamples)
        var scratch = groups.map { [Double](repeating: 0, count: $0.count) }
        var medians = [Double](repeating: 0, count: groups.count)
        for b in 0..<resamples {
            for g in groups.indices {
                medians[g] = rng.resampledMedian(of: groups[g], into: &scratch[g])
            }
            let s = combine(medians)
            precondition(!s.isNaN, "bootstrap statistic is NaN")
            statistics[b] = s
        }
        GSL.sort(&statistics)
        return statistics
    }

    /// Percentile interval at `level` of sorted bootstrap statistics
    /// (`gsl_stats_quantile_from_sorted_data` at (1 - level) / 2 and 1 - (1 - level) / 2).
    ///
    /// - Precondition: `sorted` is non-empty and ascending; 0 < level < 1.
    public func percentileInterval(sorted: [Double], level: Double) -> Interval {
        precondition(!sorted.isEmpty, "an interval needs at least one statistic")
        precondition(level > 0 && level < 1, "an interval needs 0 < level < 1, got \(level)")
        if sorted.count == 1 { return Interval(lower: sorted[0], upper: sorted[0]) }
        let alpha = 1 - level
        return sorted.withUnsafeBufferPointer { p in
            Interval(
                lower: GSL.quantile(sorted: p, alpha / 2),
                upper: GSL.quantile(sorted: p, 1 - alpha / 2))
        }
    }
}

extension Bootstrap {
    /// Case-resampling bootstrap: each resample draws `counts[g]` indices with replacement for
    /// every group g (e.g. the readings of one regression), and `statistic` turns the index
    /// lists into one value (e.g. a ratio of two refitted slopes); it may return nil for a
    /// degenerate resample, which is skipped. Returns nil when fewer than half the resamples
    /// gave a value. Same seeding and percentile interval as `mediansCI`.
    ///
    /// - Precondition: every count is at least 1.
    public func casesCI(counts: [Int], statistic: ([[Int]]) -> Double?) -> Interval? {
        casesReplicates(counts: counts, statistic: statistic).map { percentileInterval(sorted: $0, level: level) }
    }

    /// The sorted statistics of `casesCI` (nil when fewer than half the resamples gave a value).
    public func casesReplicates(counts: [Int], statistic: ([[Int]]) -> Double?) -> [Double]? {
        precondition(counts.allSatisfy { $0 >= 1 }, "casesCI needs non-empty groups")
        GSL.prepare()
        let rng = Generator(seed: seed)
        var indices = counts.map { [Int](repeating: 0, count: $0) }
        var statistics = [Double]()
        statistics.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for g in counts.indices {
                for i in 0..<counts[g] { indices[g][i] = rng.index(below: counts[g]) }
            }
            if let s = statistic(indices), s.isFinite { statistics.append(s) }
        }
        guard statistics.count * 2 >= resamples else { return nil }
        GSL.sort(&statistics)
        return statistics
    }
}

/// Owns one `gsl_rng` (MT19937) for the duration of a bootstrap call.
private final class Generator {
    private let rng: UnsafeMutablePointer<gsl_rng>

    init(seed: UInt64) {
        guard let rng = gsl_rng_alloc(cgsl_rng_mt19937()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        gsl_rng_set(rng, UInt(UInt32(truncatingIfNeeded: seed ^ (seed >> 32))))
        self.rng = rng
    }

    deinit { gsl_rng_free(rng) }

    /// A uniform index in 0..<n (`gsl_rng_uniform_int`).
    func index(below n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }

    /// Fills `buffer` (already `source.count` long) with a resample of `source` drawn with
    /// `gsl_rng_uniform_int`, sorts it with `gsl_sort` and returns its median from
    /// `gsl_stats_median_from_sorted_data`. No allocation.
    func resampledMedian(of source: [Double], into buffer: inout [Double]) -> Double {
        let n = source.count
        return source.withUnsafeBufferPointer { src in
            buffer.withUnsafeMutableBufferPointer { dst in
                for i in 0..<n {
                    dst[i] = src[Int(gsl_rng_uniform_int(rng, UInt(n)))]
                }
                gsl_sort(dst.baseAddress, 1, n)
                return gsl_stats_median_from_sorted_data(dst.baseAddress, 1, n)
            }
        }
    }
}
