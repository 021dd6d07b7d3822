/// One series of a grouped bar chart: one value per category, with optional CI whisker ends.
public struct BarSeries: Sendable, Equatable {
    /// Legend name (e.g. "pinned").
    public var name: String
    /// Bar heights, one per category; `nil` (or a non-finite value) marks a missing measurement,
    /// drawn as "not run".
    public var values: [Double?]
    /// Lower whisker end per category (e.g. CI lower bound); `nil` for no whisker.
    public var lower: [Double?]
    /// Upper whisker end per category (e.g. CI upper bound); `nil` for no whisker.
    public var upper: [Double?]

    /// Creates a series. Arrays shorter than the category list are treated as missing values.
    public init(name: String, values: [Double?], lower: [Double?], upper: [Double?]) {
        self.name = name
        self.values = values
        self.lower = lower
        self.upper = upper
    }

    /// The finite value for category `index`, or nil.
    func value(_ index: Int) -> Double? { BarSeries.finite(values, index) }
    /// The finite lower whisker end for category `index`, or nil.
    func low(_ index: Int) -> Double? { BarSeries.finite(lower, index) }
    /// The finite upper whisker end for category `index`, or nil.
    func high(_ index: Int) -> Double? { BarSeries.finite(upper, index) }

    private static func finite(_ array: [Double?], _ index: Int) -> Double? {
        guard index < array.count, let v = array[index], v.isFinite else { return nil }
        return v
    }
}
