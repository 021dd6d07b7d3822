import Results
import Stats

/// Differences of per-hop medians that say where the time goes, with bootstrap CIs:
/// switch = brigade hop - one-thread-brigade hop (the pipe I/O alone), same N and pinning;
/// task-on-nio = async-brigade-1t hop - nio-brigade hop (Swift tasks on top of NIO's handlers).
struct DerivedCosts {
    let bootstrap: Bootstrap

    func compute(points: [PointAnalysis], results: ResultsFile) -> [DerivedCost] {
        let main = points.filter { $0.group == "main" && $0.kind == .brigade && $0.perUnit != nil }
        var out = [DerivedCost]()
        for p in main where p.variant != "one-thread-brigade" && p.variant != "async-mem-brigade" {
            if let base = main.first(where: { $0.variant == "one-thread-brigade" && $0.pinned == p.pinned && $0.tasks == p.tasks }) {
                out.append(difference("switch", p, base))
            }
        }
        for p in main where p.variant == "async-brigade-1t" {
            if let nio = main.first(where: { $0.variant == "nio-brigade" && $0.pinned == p.pinned && $0.tasks == p.tasks }) {
                out.append(difference("task-on-nio", p, nio))
            }
        }
        return out
    }

    func difference(_ name: String, _ a: PointAnalysis, _ b: PointAnalysis) -> DerivedCost {
        let xs = a.perUnitMedians, ys = b.perUnitMedians
        let ci = bootstrap.differenceOfMediansCI(xs, ys)
        let value = summarize(xs).median - summarize(ys).median
        let method = "95 % CI, bootstrap over \(xs.count) + \(ys.count) runs"
        return DerivedCost(name: name, variant: a.variant, minus: b.variant, pinned: a.pinned, tasks: a.tasks,
                           value: Estimated(value: value, lower: ci.lower, upper: ci.upper, method: method))
    }
}
