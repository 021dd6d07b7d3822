import Results

/// The one lookup of a measured point ("the median of variant V at N, pinned P"), for the
/// judge, the derived values and the renderer alike.
extension Array where Element == PointAnalysis {
    /// The points of `variant` that measured (a per-unit median), in `group`, optionally at one
    /// pinning, N and K (nil: any), in file order.
    public func measured(_ variant: Variant, pinned: Bool? = nil, group: RunGroup = .main, tasks: Int? = nil,
                         inFlight: Int?? = .none) -> [PointAnalysis] {
        filter { p in
            p.variant == variant && p.group == group && p.perUnit != nil && (pinned == nil || p.pinned == pinned!)
                && (tasks == nil || p.tasks == tasks!) && (inFlight == nil || p.inFlight == inFlight!)
        }
    }

    /// The point whose `pointKey` is `key` (warnings and study numbers name points by key).
    public func point(key: String) -> PointAnalysis? { first { $0.pointKey == key } }

    /// The first point of `variant` that measured (see `measured`).
    public func measuredPoint(_ variant: Variant, pinned: Bool?, group: RunGroup = .main, tasks: Int? = nil) -> PointAnalysis? {
        measured(variant, pinned: pinned, group: group, tasks: tasks).first
    }
}
