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
        guard let baseline = Variant.the(.ioBaseline) else { return [] }
        for p in main {
            let row = p.variant.row
            // Swift designs only: not the C floors, not the Swift runtime's floors.
            guard row.executable == .workload, row.floorOf.isEmpty else { continue }
            if row.usesLinks, p.variant != baseline, let base = Self.subtracted(baseline, from: p, in: points) {
                out.append(difference(.switch, p, base))
            }
            if let (kind, other) = row.minus, let b = Self.subtracted(other, from: p, in: points) {
                out.append(difference(kind, p, b))
            }
        }
        return out
    }

    /// The point a difference subtracts from `p`: `variant`'s headline point at p's N and
    /// pinning. The one rule for the derived table and the claims' switch costs alike.
    static func subtracted(_ variant: Variant, from p: PointAnalysis, in points: [PointAnalysis]) -> PointAnalysis? {
        points.measuredPoint(variant, pinned: p.pinned, group: p.group, tasks: p.tasks)
    }

    func difference(_ name: DerivedKind, _ a: PointAnalysis, _ b: PointAnalysis) -> DerivedCost {
        let xs = a.perUnitMedians, ys = b.perUnitMedians
        let ci = bootstrap.differenceOfMediansCI(xs, ys)
        let value = summarize(xs).median - summarize(ys).median
        let method = IntervalMethod.bootstrap(level: bootstrap.level, runs: [xs.count, ys.count])
        return DerivedCost(name: name, variant: a.variant, minus: b.variant, pinned: a.pinned, tasks: a.tasks,
                           value: Estimated(value: value, lower: ci.lower, upper: ci.upper, method: method))
    }
}
