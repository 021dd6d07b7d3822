import Results
import AnalysisModel

/// The caveats of one point, and of a point group as a whole.
extension Warnings {
    /// |Spearman rho| of iteration time against index from which a run drifts.
    static let driftRho = 0.5

    /// What every timed point is checked for. Memory points report resident memory, not time,
    /// so their timing spread is no caveat on any figure shown; `memoryWarnings` checks them.
    static func pointWarnings(_ p: PointAnalysis, _ runsPerPoint: Int, into w: inout [AnalysisWarning]) {
        guard p.group != .memory else { return }
        let key = p.pointKey
        if let cv = p.cvBetweenRuns, cv >= 0.10 { w.append(.highCV(point: key, cv: cv)) }
        if p.group == .main && p.runsOK < 5 { w.append(.fewRuns(point: key, runs: p.runsOK)) }
        let slowFirst = p.perProcess.filter { $0.firstSampleRatio >= 3 }.count
        if slowFirst * 2 > p.perProcess.count {
            w.append(.slowFirstSample(point: key, runs: slowFirst, of: p.perProcess.count))
        }
        let drifting = p.perProcess.filter { abs($0.driftRho ?? 0) >= driftRho }.count
        if drifting * 2 > p.perProcess.count {
            w.append(.drift(point: key, runs: drifting, of: p.perProcess.count, rho: driftRho))
        }
        if p.pinned && p.grantedCPUs.count > 1 { w.append(.pinning(point: key, cpus: p.grantedCPUs)) }
    }

    /// One "few-runs" warning for a timed group whose points have fewer than 5 process runs
    /// (the profile plans them so: the sweep 3, the in-flight points 2, the large counts 1),
    /// instead of one per point.
    static func groupWarnings(_ group: RunGroup, _ points: [PointAnalysis], into w: inout [AnalysisWarning]) {
        guard group != .memory else { return }
        let few = points.filter { $0.runsOK > 0 && $0.runsOK < 5 }
        guard let most = few.map(\.runsOK).max(), let least = few.map(\.runsOK).min() else { return }
        w.append(.fewRunsInGroup(group: group, points: few.count, leastRuns: least, mostRuns: most))
    }

    /// Resident memory readings of one member count that differ by 10 % (CV) or more between
    /// process runs: the fitted slope through them is less certain than its CI says.
    static func memoryWarnings(_ fits: [MemoryFit], into w: inout [AnalysisWarning]) {
        for f in fits {
            var readings = [Int: [Double]]()
            for (n, rss) in zip(f.tasks, f.rssBytes) { readings[n, default: []].append(rss) }
            for n in readings.keys.sorted() {
                let r = readings[n]!
                guard r.count > 1 else { continue }
                let mean = r.reduce(0, +) / Double(r.count)
                let sd = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(r.count - 1)).squareRoot()
                guard mean > 0, sd / mean >= 0.10 else { continue }
                w.append(.memoryCV(fit: f.name, variant: f.variant, tasks: n, cv: sd / mean, runs: r.count))
            }
        }
    }
}
