import Results
import AnalysisModel

/// The caveats of METHOD.md, computed as data with advice; the report renders them.
enum Warnings {
    static func compute(_ a: AnalysisFile) -> [AnalysisWarning] {
        var w = [AnalysisWarning]()
        let env = a.environment
        if !a.source.complete {
            w.append(.init(code: "incomplete", subject: "run", message: "the run was interrupted: \(a.source.processRuns) process runs of the plan finished",
                           advice: "finish it with `ctxbench run --resume DIR`"))
        }
        let cpus = Double(env.logicalCPUs)
        let load = max(env.loadAverageStart, env.loadAverageEnd ?? 0)
        if load >= cpus {
            w.append(.init(code: "load", subject: "machine", message: "load average \(Format.sig3(load)) on \(env.logicalCPUs) CPUs during the run",
                           advice: "rerun on an idle machine; other work inflates and spreads every figure"))
        }
        let interfered = interferedRuns(a)
        if !interfered.isEmpty {
            let shown = interfered.prefix(6).joined(separator: ", ") + (interfered.count > 6 ? " and \(interfered.count - 6) more" : "")
            w.append(.init(code: "interference", subject: "runs",
                           message: "\(interfered.count) process run\(interfered.count == 1 ? " was" : "s were") measured while other processes used more than \(String(format: "%.2f", interferenceShare)) of a CPU: \(shown)",
                           advice: "their figures are inflated; stop the other work (a build, another benchmark) and rerun on an idle machine"))
        }
        if env.virtualization != "none" && env.virtualization != "container" {
            w.append(.init(code: "vm", subject: "machine", message: "running in a virtual machine (\(env.virtualization))",
                           advice: "a hypervisor adds cost to cross-CPU wake-ups and steals time; compare ratios measured in one run, not absolute times"))
        }
        if let g = env.governor, g != "performance" {
            w.append(.init(code: "governor", subject: "machine", message: "CPU frequency governor is \"\(g)\", not \"performance\"",
                           advice: "set it with `cpupower frequency-set -g performance` (as root) for steadier timings"))
        }
        for p in a.points where p.runsOK > 0 {
            pointWarnings(p, a.configuration.runsPerPoint, into: &w)
        }
        for p in a.points where p.runsOK < p.runsPlanned && !p.failures.isEmpty {
            w.append(.init(code: "failed-runs", subject: p.label, message: "\(p.runsPlanned - p.runsOK) of \(p.runsPlanned) process runs did not measure: \(p.failures[0])",
                           advice: "see the run's stderr tail in results.json; rerun with `ctxbench run --only \(p.variant)`"))
        }
        return w
    }

    /// CPUs' worth of other processes' work beside a process run above which it is flagged.
    static let interferenceShare = 0.25

    /// The successful process runs measured beside more than `interferenceShare` of a CPU of
    /// other work, e.g. "thread-brigade pinned n=4 run 2 (0.98 CPU)".
    static func interferedRuns(_ a: AnalysisFile) -> [String] {
        a.points.flatMap { p in
            p.perProcess.compactMap { r -> String? in
                guard let share = r.otherCPUShare, share > interferenceShare else { return nil }
                return "\(p.label)\(p.group == .main ? "" : " (\(p.group.rawValue))") run \(r.runIndex + 1) (\(String(format: "%.2f", share)) CPU)"
            }
        }
    }

    static func pointWarnings(_ p: PointAnalysis, _ runsPerPoint: Int, into w: inout [AnalysisWarning]) {
        guard p.group == .main else { return }
        if let cv = p.cvBetweenRuns, cv >= 0.10 {
            w.append(.init(code: "high-cv", subject: p.label, message: "process medians vary by \(Format.sig3(cv * 100)) % (CV) between runs",
                           advice: "more process runs (--runs) or a quieter machine narrow the interval"))
        }
        if p.runsOK < 5 {
            w.append(.init(code: "few-runs", subject: p.label, message: "only \(p.runsOK) process run\(p.runsOK == 1 ? "" : "s"): the interval is wide or degenerate",
                           advice: "use at least 5 (--runs 5, the quick profile's default)"))
        }
        let slowFirst = p.perProcess.filter { $0.firstSampleRatio >= 3 }.count
        if slowFirst * 2 > p.perProcess.count {
            w.append(.init(code: "slow-first-sample", subject: p.label, message: "the first timed iteration is 3x the median or more in \(slowFirst) of \(p.perProcess.count) runs",
                           advice: "raise --warmups; the warm-up did not reach steady state"))
        }
        let drifting = p.perProcess.filter { abs($0.driftRho ?? 0) >= 0.5 }.count
        if drifting * 2 > p.perProcess.count {
            w.append(.init(code: "drift", subject: p.label, message: "iteration times drift across the run (|Spearman rho| >= 0.5) in \(drifting) of \(p.perProcess.count) runs",
                           advice: "something changed during the run (frequency, other load); rerun on an idle machine"))
        }
        if p.pinned && p.grantedCPUs.count > 1 {
            w.append(.init(code: "pinning", subject: p.label, message: "pinned runs were granted CPUs \(p.grantedCPUs), not one",
                           advice: "the pinned figures are not single-CPU figures; check cgroup cpusets"))
        }
    }
}
