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
        // Every point group, the headline (main) points first; each warning's subject names
        // the group, N and K of its point.
        for group in RunGroup.allCases {
            let points = a.points.filter { $0.group == group }
            for p in points where p.runsOK > 0 {
                pointWarnings(p, a.configuration.runsPerPoint, into: &w)
            }
            if group != .main { groupWarnings(group, points, into: &w) }
            if group == .memory { memoryWarnings(a.memory, into: &w) }
            for p in points where p.runsOK < p.runsPlanned && !p.failures.isEmpty {
                w.append(.init(code: "failed-runs", subject: subject(p), message: "\(p.runsPlanned - p.runsOK) of \(p.runsPlanned) process runs did not measure: \(p.failures[0])",
                               advice: "see the run's stderr tail in results.json; rerun with `ctxbench run --only \(p.variant)`"))
            }
        }
        return w
    }

    /// A point's label, with its group when it is not a headline point:
    /// "thread-brigade pinned n=1000 (sweep)", "c-thread-brigade unpinned n=500 k=64 (in-flight)".
    static func subject(_ p: PointAnalysis) -> String {
        p.group == .main ? p.label : "\(p.label) (\(p.group.rawValue))"
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
}
