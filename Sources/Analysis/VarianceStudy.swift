import Foundation
import Results
import AnalysisModel

/// Where the variance of a headline median lives on this machine, and which split of a time
/// budget into process runs x iterations gives the narrowest interval per second of measuring
/// (docs/METHOD.md, "Deciding within a budget"). Input: a results file whose points differ only
/// in iterations per run (`ctxbench variance` writes one).
public enum VarianceStudy {
    public typealias Row = VarianceRow

    public static func rows(_ results: ResultsFile) -> [Row] {
        var byPoint = [String: [ProcessRun]]()
        for r in results.runs where r.status == .ok && !(r.output?.samplesNs.isEmpty ?? true) {
            byPoint[r.spec.pointKey, default: []].append(r)
        }
        var rows = byPoint.values.compactMap { runs -> Row? in
            guard runs.count >= 2 else { return nil }
            let s = runs[0].spec
            let medians = runs.compactMap(\.medianPerUnit)
            let within = runs.map { r in Allocator.logSD(r.output!.samplesNs.map { Double($0) }) }.sorted()
            let walls = runs.map(\.wallSeconds)
            let timed = runs.map { Double($0.output!.samplesNs.reduce(0, +)) / 1e9 }
            let wall = walls.reduce(0, +) / Double(walls.count)
            let between = Allocator.logSD(medians)
            return Row(variant: s.variant, pinned: s.pinned, tasks: s.tasks, iterations: s.iterations, warmups: s.warmups,
                       runs: runs.count, betweenLogSD: between, withinLogSD: within[within.count / 2],
                       lag1: lag1(medians.map { log($0) }), wallSeconds: wall,
                       fixedSeconds: max(0, wall - timed.reduce(0, +) / Double(timed.count)),
                       halfWidthPerMinute: 1.96 * 1.2533 * between * (wall / 60).squareRoot(), best: false)
        }
        rows.sort { ($0.variant, $0.pinned ? 1 : 0, $0.iterations, $0.tasks, $0.warmups) < ($1.variant, $1.pinned ? 1 : 0, $1.iterations, $1.tasks, $1.warmups) }
        for i in rows.indices {
            let peers = rows.indices.filter { rows[$0].variant == rows[i].variant && rows[$0].pinned == rows[i].pinned }
            rows[i].best = peers.min { rows[$0].halfWidthPerMinute < rows[$1].halfWidthPerMinute } == i
        }
        return rows
    }

    /// Lag-1 autocorrelation (nil with fewer than 3 values or no spread).
    static func lag1(_ xs: [Double]) -> Double? {
        guard xs.count >= 3 else { return nil }
        let m = xs.reduce(0, +) / Double(xs.count)
        let d = xs.map { $0 - m }
        let denom = d.map { $0 * $0 }.reduce(0, +)
        guard denom > 0 else { return nil }
        return zip(d, d.dropFirst()).map { $0 * $1 }.reduce(0, +) / denom
    }
}
