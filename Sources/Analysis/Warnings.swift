import Results
import AnalysisModel

/// The caveats of METHOD.md, computed as typed data; Render (`WarningText`) words them and
/// gives the advice.
enum Warnings {
    static func compute(_ a: AnalysisFile) -> [AnalysisWarning] {
        var w = [AnalysisWarning]()
        let env = a.environment
        if !a.source.complete { w.append(.incomplete(processRuns: a.source.processRuns)) }
        let load = max(env.loadAverageStart, env.loadAverageEnd ?? 0)
        if load >= Double(env.logicalCPUs) { w.append(.load(loadAverage: load, cpus: env.logicalCPUs)) }
        let interfered = interferedRuns(a)
        if !interfered.isEmpty { w.append(.interference(runs: interfered, threshold: interferenceShare)) }
        if env.virtualization != "none" && env.virtualization != "container" {
            w.append(.vm(virtualization: env.virtualization))
        }
        if let g = env.governor, g != "performance" { w.append(.governor(governor: g)) }
        // Every point group, the headline (main) points first.
        for group in RunGroup.allCases {
            let points = a.points.filter { $0.group == group }
            for p in points where p.runsOK > 0 {
                pointWarnings(p, a.configuration.runsPerPoint, into: &w)
            }
            if group != .main { groupWarnings(group, points, into: &w) }
            if group == .memory { memoryWarnings(a.memory, into: &w) }
            for p in points where p.runsOK < p.runsPlanned && !p.failures.isEmpty {
                w.append(.failedRuns(point: p.pointKey, failed: p.runsPlanned - p.runsOK, planned: p.runsPlanned))
            }
        }
        return w
    }

    /// CPUs' worth of other processes' work beside a process run above which it is flagged.
    static let interferenceShare = 0.25

    /// The successful process runs measured beside more than `interferenceShare` of a CPU of
    /// other work.
    static func interferedRuns(_ a: AnalysisFile) -> [InterferedRun] {
        a.points.flatMap { p in
            p.perProcess.compactMap { r -> InterferedRun? in
                guard let share = r.otherCPUShare, share > interferenceShare else { return nil }
                return InterferedRun(point: p.pointKey, run: r.runIndex, share: share)
            }
        }
    }
}
