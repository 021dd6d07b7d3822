import Results
import AnalysisModel

/// The caveats of one point, and of a point group as a whole.
extension Warnings {
    /// What every timed point is checked for. Memory points report resident memory, not time,
    /// so their timing spread is no caveat on any figure shown; `memoryWarnings` checks them.
    static func pointWarnings(_ p: PointAnalysis, _ runsPerPoint: Int, into w: inout [AnalysisWarning]) {
        guard p.group != .memory else { return }
        let subject = subject(p)
        if let cv = p.cvBetweenRuns, cv >= 0.10 {
            w.append(.init(code: "high-cv", subject: subject, message: "process medians vary by \(Format.sig3(cv * 100)) % (CV) between runs",
                           advice: p.group == .main ? "more process runs (--runs) or a quieter machine narrow the interval"
                               : "a quieter machine narrows it; the profile fixes this group's runs per point, so read the point for the shape of its curve"))
        }
        if p.group == .main && p.runsOK < 5 {
            w.append(.init(code: "few-runs", subject: subject, message: "only \(p.runsOK) process run\(p.runsOK == 1 ? "" : "s"): the interval is wide or degenerate",
                           advice: "use at least 5 (--runs 5, the quick profile's default)"))
        }
        let slowFirst = p.perProcess.filter { $0.firstSampleRatio >= 3 }.count
        if slowFirst * 2 > p.perProcess.count {
            w.append(.init(code: "slow-first-sample", subject: subject, message: "the first timed iteration is 3x the median or more in \(slowFirst) of \(p.perProcess.count) runs",
                           advice: "raise --warmups; the warm-up did not reach steady state"))
        }
        let drifting = p.perProcess.filter { abs($0.driftRho ?? 0) >= 0.5 }.count
        if drifting * 2 > p.perProcess.count {
            w.append(.init(code: "drift", subject: subject, message: "iteration times drift across the run (Spearman rho beyond ±0.5) in \(drifting) of \(p.perProcess.count) runs",
                           advice: "something changed during the run (frequency, other load); rerun on an idle machine"))
        }
        if p.pinned && p.grantedCPUs.count > 1 {
            w.append(.init(code: "pinning", subject: subject, message: "pinned runs were granted CPUs \(p.grantedCPUs), not one",
                           advice: "the pinned figures are not single-CPU figures; check cgroup cpusets"))
        }
    }

    /// One "few-runs" warning for a timed group whose points have fewer than 5 process runs
    /// (the profile plans them so: the sweep 3, the in-flight points 2, the large counts 1),
    /// instead of one per point.
    static func groupWarnings(_ group: RunGroup, _ points: [PointAnalysis], into w: inout [AnalysisWarning]) {
        guard group != .memory else { return }
        let few = points.filter { $0.runsOK > 0 && $0.runsOK < 5 }
        guard let most = few.map(\.runsOK).max(), let least = few.map(\.runsOK).min() else { return }
        let runs = least == most ? "\(most)" : "\(least) to \(most)"
        let name = "\(group.rawValue) group"
        if most == 1 {
            w.append(.init(code: "few-runs", subject: "\(name) (\(few.count) point\(few.count == 1 ? "" : "s"))",
                           message: "one process run per point: no interval, each figure is one run's median",
                           advice: "read these points as single observations; the claims they feed say so"))
        } else {
            w.append(.init(code: "few-runs", subject: "\(name) (\(few.count) point\(few.count == 1 ? "" : "s"))",
                           message: "\(runs) process runs per point: the intervals are wide",
                           advice: "read these points for the shape of their curve; the headline points (--runs) carry the verdicts"))
        }
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
                w.append(.init(code: "high-cv", subject: "\(f.name) \(f.variant) n=\(n) (memory)",
                               message: "resident memory varies by \(Format.sig3(sd / mean * 100)) % (CV) between the \(r.count) runs",
                               advice: "other memory use changed between runs; rerun on an idle machine"))
            }
        }
    }
}
