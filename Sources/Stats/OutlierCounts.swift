/// How many values of a sample fall outside Tukey's fences. Outliers are counted and
/// reported, never removed.
///
/// With `q1`, `q3` and `iqr = q3 - q1` as in `summarize` (linear-interpolation quartiles),
/// the inner fences are `q1 - 1.5 iqr` and `q3 + 1.5 iqr`, the outer fences `q1 - 3 iqr`
/// and `q3 + 3 iqr`. A value exactly on a fence is counted on the inner side.
public struct OutlierCounts: Codable, Sendable, Equatable {
    /// Values below the lower outer fence (`x < q1 - 3 iqr`).
    public var lowSevere: Int
    /// Values between the lower fences (`q1 - 3 iqr <= x < q1 - 1.5 iqr`).
    public var lowMild: Int
    /// Values between the upper fences (`q3 + 1.5 iqr < x <= q3 + 3 iqr`).
    public var highMild: Int
    /// Values above the upper outer fence (`x > q3 + 3 iqr`).
    public var highSevere: Int

    public init(lowSevere: Int = 0, lowMild: Int = 0, highMild: Int = 0, highSevere: Int = 0) {
        self.lowSevere = lowSevere
        self.lowMild = lowMild
        self.highMild = highMild
        self.highSevere = highSevere
    }

    /// All outliers, mild and severe, on both sides (computed, not stored in JSON).
    public var total: Int { lowSevere + lowMild + highMild + highSevere }
}

/// Classifies the values of `xs` against Tukey's fences at 1.5 and 3 interquartile ranges,
/// using the quartiles of `summarize` (GSL `gsl_stats_quantile_from_sorted_data`).
///
/// - Precondition: `xs` is non-empty and finite.
public func tukeyOutliers(_ xs: [Double]) -> OutlierCounts {
    let s = summarize(xs)
    let lowOuter = s.q1 - 3 * s.iqr
    let lowInner = s.q1 - 1.5 * s.iqr
    let highInner = s.q3 + 1.5 * s.iqr
    let highOuter = s.q3 + 3 * s.iqr
    var counts = OutlierCounts()
    for x in xs {
        if x < lowOuter {
            counts.lowSevere += 1
        } else if x < lowInner {
            counts.lowMild += 1
        } else if x > highOuter {
            counts.highSevere += 1
        } else if x > highInner {
            counts.highMild += 1
        }
    }
    return counts
}
