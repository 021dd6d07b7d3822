import Results
import AnalysisModel
import Stats

/// The study's question for the sweep: does the thread / async speed-up (C3's ratio: thread
/// brigade hop / faithful async hop, same N and pinning) hold as N grows? One ratio with its
/// bootstrap CI per N and pinning where both ran with at least 2 runs each.
struct SpeedUpByN {
    let bootstrap: Bootstrap
    let points: [PointAnalysis]

    func compute() -> [SpeedUp] {
        guard let tv = Variant.the(.threadBrigade), let av = Variant.the(.faithfulAsync) else { return [] }
        let usable = { (p: PointAnalysis) in p.kind == .brigade && p.perUnit != nil && p.inFlight == nil && p.runsOK >= 2 }
        let thread = points.filter { $0.variant == tv && usable($0) }
        var out = [SpeedUp]()
        for t in thread {
            guard let a = points.first(where: { $0.variant == av && usable($0) && $0.tasks == t.tasks && $0.pinned == t.pinned }),
                  !out.contains(where: { $0.tasks == t.tasks && $0.pinned == t.pinned }),
                  let r = try? ClaimJudge.bootstrapRatio(bootstrap, groups: [t.perUnitMedians, a.perUnitMedians], { ($0[0], $0[1]) }) else { continue }
            out.append(SpeedUp(tasks: t.tasks, pinned: t.pinned, ratio: r))
        }
        return out.sorted { ($0.pinned ? 1 : 0, $0.tasks) < ($1.pinned ? 1 : 0, $1.tasks) }
    }

    /// The answer for one pinning: holds (every CI above 1), reverses somewhere (a CI below 1),
    /// or is not decided at some N; and how the ratio moves from the smallest N to the largest.
    static func answer(_ rows: [SpeedUp], pinned: Bool) -> SpeedUpAnswer? {
        let r = rows.filter { $0.pinned == pinned }.sorted { $0.tasks < $1.tasks }
        guard r.count >= 2 else { return nil }
        let verdict: SpeedUpAnswer.Holds = r.allSatisfy { $0.ratio.lower > 1 } ? .everywhere
            : r.contains { $0.ratio.upper < 1 } ? .reverses : .undecided
        return SpeedUpAnswer(pinned: pinned, holds: verdict, smallestN: r.first!.tasks, atSmallest: r.first!.ratio.value,
                             largestN: r.last!.tasks, atLargest: r.last!.ratio.value)
    }
}
