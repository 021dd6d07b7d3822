import Results
import AnalysisModel

/// The points of the report's sweep table and sweep.png, chosen once so the two agree.
struct SweepPoints {
    let a: AnalysisFile

    /// Every brigade of the sweep and large-count groups, and, for each variant the sweep ran,
    /// the headline (main group) point at the sweep's pinning: the sweep's point at the
    /// headline N, which the plan does not run twice. Ordered as the variant table, then
    /// pinned before unpinned (the sweep's rows, then the large counts), then N.
    var points: [PointAnalysis] {
        let sweep = a.points.filter { $0.kind == .brigade && ($0.group == .sweep || $0.group == .large) }
        let swept = Set(sweep.filter { $0.group == .sweep }.map { SweepKey(variant: $0.variant, pinned: $0.pinned) })
        let headline = a.points.filter {
            $0.kind == .brigade && $0.group == .main && swept.contains(SweepKey(variant: $0.variant, pinned: $0.pinned))
        }
        let order = Dictionary(uniqueKeysWithValues: Variant.allCases.enumerated().map { ($1, $0) })
        return (sweep + headline).sorted {
            (order[$0.variant] ?? .max, $0.pinned ? 0 : 1, $0.tasks) < (order[$1.variant] ?? .max, $1.pinned ? 0 : 1, $1.tasks)
        }
    }

    /// The pinning sweep.png draws: the sweep group's (pinned in every profile so far).
    var chartPinned: Bool? {
        a.points.first { $0.group == .sweep && $0.kind == .brigade && $0.perUnit != nil }?.pinned
    }

    /// What the table's "group" cell says of a point.
    static func groupCell(_ p: PointAnalysis) -> String {
        switch p.group {
        case .main: "headline"
        case .large: "large count"
        default: p.group.rawValue
        }
    }

    private struct SweepKey: Hashable { var variant: Variant; var pinned: Bool }
}
