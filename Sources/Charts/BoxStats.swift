/// Summary statistics of one Tukey box: quartiles, whisker ends and the outliers beyond them.
public struct BoxStats: Sendable, Equatable {
    public var label: String
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var whiskerLow: Double
    public var whiskerHigh: Double
    /// All outliers; the chart draws at most `BoxChart.maxOutliers` of them, keeping the extremes.
    public var outliers: [Double]

    public init(
        label: String, q1: Double, median: Double, q3: Double, whiskerLow: Double, whiskerHigh: Double,
        outliers: [Double]
    ) {
        self.label = label
        self.q1 = q1
        self.median = median
        self.q3 = q3
        self.whiskerLow = whiskerLow
        self.whiskerHigh = whiskerHigh
        self.outliers = outliers
    }

    /// At most `limit` finite outliers, ascending: the `limit / 4` lowest and highest (the
    /// extremes) plus an evenly spaced sample of the rest, so the spread stays visible.
    func cappedOutliers(limit: Int) -> [Double] {
        let sorted = outliers.filter(\.isFinite).sorted()
        guard sorted.count > limit else { return sorted }
        guard limit > 1 else { return limit == 1 ? [sorted[sorted.count - 1]] : [] }
        let ends = max(1, limit / 4)
        let middle = Array(sorted[ends..<(sorted.count - ends)])
        let sampleCount = limit - 2 * ends
        let sample = (0..<sampleCount).map { i in
            middle[Int((Double(i) + 0.5) * Double(middle.count) / Double(sampleCount))]
        }
        return Array(sorted.prefix(ends)) + sample + Array(sorted.suffix(ends))
    }

    /// The five box statistics, bottom to top.
    var core: [Double] { [whiskerLow, q1, median, q3, whiskerHigh] }
}
