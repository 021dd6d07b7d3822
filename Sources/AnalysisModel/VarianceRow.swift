import Results

/// One variant, pinning and iteration count of `ctxbench variance` (Analysis.VarianceStudy).
public struct VarianceRow: Codable, Sendable, Equatable {
    public var variant: Variant
    public var pinned: Bool
    public var tasks: Int
    /// Timed iterations per process run, and untimed warm-ups.
    public var iterations: Int
    public var warmups: Int
    /// Successful process runs.
    public var runs: Int
    /// Sample sd of the log of the process-run medians: the spread between runs.
    public var betweenLogSD: Double
    /// Median over runs of the sd of the log samples inside a run: the spread within a run.
    public var withinLogSD: Double
    /// Lag-1 autocorrelation of the run medians in the order they ran (drift, neighbours).
    public var lag1: Double?
    /// Mean wall seconds of a process run, and its part outside the timed iterations
    /// (process start, setup, warm-ups), seconds.
    public var wallSeconds: Double
    public var fixedSeconds: Double
    /// Relative half-width of a 95 % interval of the median of run medians after one
    /// minute of runs at this setting: 1.96 x 1.2533 x betweenLogSD x sqrt(wallSeconds / 60)
    /// (1.2533 = sqrt(pi / 2), the median's efficiency). Smaller is better.
    public var halfWidthPerMinute: Double
    /// True for the iteration count with the smallest `halfWidthPerMinute` of its variant and pinning.
    public var best: Bool

    public init(variant: Variant, pinned: Bool, tasks: Int, iterations: Int, warmups: Int, runs: Int, betweenLogSD: Double,
                withinLogSD: Double, lag1: Double?, wallSeconds: Double, fixedSeconds: Double, halfWidthPerMinute: Double, best: Bool) {
        self.variant = variant; self.pinned = pinned; self.tasks = tasks; self.iterations = iterations; self.warmups = warmups
        self.runs = runs; self.betweenLogSD = betweenLogSD; self.withinLogSD = withinLogSD; self.lag1 = lag1
        self.wallSeconds = wallSeconds; self.fixedSeconds = fixedSeconds; self.halfWidthPerMinute = halfWidthPerMinute; self.best = best
    }
}
