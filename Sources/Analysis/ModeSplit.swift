import Foundation
import Results
import AnalysisModel
import Stats

/// Process runs of one point that fall into two groups (a gap between consecutive run medians
/// far wider than the spread inside either group): what a verdict resting on that point should
/// say, with what differs between the groups that the runs recorded (voluntary context
/// switches per unit over the timed iterations).
enum ModeSplit {
    /// The split of `p`'s successful runs, or nil when they form one group: at least 3 runs on
    /// each side of the widest gap between sorted log medians, the gap at least 15 % and at least
    /// 4x the larger sd of the logs inside a group.
    static func find(_ p: PointAnalysis, runs: [ProcessRun]) -> TwoModes? {
        let key = p.pointKey
        let mine = runs.filter { $0.status == .ok && $0.spec.pointKey == key && !($0.output?.samplesNs.isEmpty ?? true) }
        guard mine.count >= 6 else { return nil }
        let units = Double(p.unitsPerIteration)
        let rows = mine.map { r -> (median: Double, switches: Double) in
            let per = Double(r.output!.samplesNs.count) * units
            return (r.medianPerUnit!, Double(r.output!.timedRusage?.voluntarySwitches ?? 0) / per)
        }.sorted { $0.median < $1.median }
        let logs = rows.map { log($0.median) }
        var best: (at: Int, gap: Double)?
        for i in 3...(logs.count - 3) where best == nil || logs[i] - logs[i - 1] > best!.gap {
            best = (i, logs[i] - logs[i - 1])
        }
        guard let (at, gap) = best, gap >= log(1.15) else { return nil }
        let spread = max(Allocator.logSD(rows[..<at].map(\.median)), Allocator.logSD(rows[at...].map(\.median)))
        guard gap >= 4 * spread else { return nil }
        let fast = Array(rows[..<at]), slow = Array(rows[at...])
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
        return TwoModes(variant: p.variant, point: key,
                        fastRuns: fast.count, fastLow: fast.first!.median, fastHigh: fast.last!.median,
                        slowRuns: slow.count, slowLow: slow.first!.median, slowHigh: slow.last!.median,
                        fastSwitchesPerUnit: mean(fast.map(\.switches)), slowSwitchesPerUnit: mean(slow.map(\.switches)))
    }
}

extension ProcessRun {
    /// This run's median per hop or per item, ns: the GSL median PointBuilder takes of the
    /// samples, over the units of an iteration (nil for a run without samples).
    var medianPerUnit: Double? {
        guard let xs = output?.samplesNs, !xs.isEmpty else { return nil }
        return summarize(xs.map { Double($0) }).median / Double(spec.unitsPerIteration)
    }
}
