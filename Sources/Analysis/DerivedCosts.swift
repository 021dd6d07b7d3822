import Results
import AnalysisModel
import Stats

/// Differences of per-hop medians that say where the time goes, with bootstrap CIs:
/// switch = brigade hop - the I/O baseline's hop (the pipe I/O alone), same N and pinning;
/// and each row's own `minus` (e.g. task-on-nio: Swift tasks on top of NIO's handlers).
struct DerivedCosts {
    let bootstrap: Bootstrap

    func compute(points: [PointAnalysis], results: ResultsFile) -> [DerivedCost] {
        let main = points.filter { $0.group == .main && $0.kind == .brigade && $0.perUnit != nil }
        var out = [DerivedCost]()
        let baseline = Variant.the(.ioBaseline)?.rawValue
        for p in main {
            guard let row = Variant(rawValue: p.variant)?.row, row.executable == .workload else { continue }
            if row.usesLinks, p.variant != baseline,
               let base = main.first(where: { $0.variant == baseline && $0.pinned == p.pinned && $0.tasks == p.tasks }) {
                out.append(difference("switch", p, base))
            }
            if let (name, other) = row.minus,
               let b = main.first(where: { $0.variant == other.rawValue && $0.pinned == p.pinned && $0.tasks == p.tasks }) {
                out.append(difference(name, p, b))
            }
        }
        return out
    }

    func difference(_ name: String, _ a: PointAnalysis, _ b: PointAnalysis) -> DerivedCost {
        let xs = a.perUnitMedians, ys = b.perUnitMedians
        let ci = bootstrap.differenceOfMediansCI(xs, ys)
        let value = summarize(xs).median - summarize(ys).median
        let method = IntervalMethod.bootstrap(level: bootstrap.level, runs: [xs.count, ys.count])
        return DerivedCost(name: name, variant: a.variant, minus: b.variant, pinned: a.pinned, tasks: a.tasks,
                           value: Estimated(value: value, lower: ci.lower, upper: ci.upper, method: method))
    }
}
