import Foundation
import Results
import AnalysisModel

/// The words of every warning kind: what it concerns, what was seen and what to do (hyperfine's
/// `enum Warnings` with its advice). The only place these words live; analysis.json holds the
/// kinds and their numbers.
public struct WarningText: Sendable {
    /// The analysis the warnings come from: their points are looked up in it.
    let a: AnalysisFile

    public init(_ a: AnalysisFile) { self.a = a }

    /// One row of the report's warnings table.
    public struct Row: Equatable, Sendable {
        public var code: String, subject: String, message: String, advice: String
    }

    public func row(_ w: AnalysisWarning) -> Row {
        let (subject, message, advice) = words(w)
        return Row(code: Self.code(w), subject: subject, message: message, advice: advice)
    }

    /// The point of `key`, if the analysis holds it.
    func point(_ key: String) -> PointAnalysis? { a.points.point(key: key) }

    /// A point's label, with its group when it is not a headline point:
    /// "thread-brigade pinned n=1000 (sweep)", "c-thread-brigade unpinned n=500 k=64 (in-flight)".
    func subject(_ key: String) -> String {
        guard let p = point(key) else { return key }
        return p.group == .main ? p.label : "\(p.label) (\(p.group.rawValue))"
    }


    /// The stable code the report's table shows: analysis.json's key of the warning, except
    /// that the memory and group kinds share their point kind's ("high-cv", "few-runs").
    public static func code(_ w: AnalysisWarning) -> String {
        switch w {
        case .incomplete: "incomplete"
        case .load: "load"
        case .interference: "interference"
        case .vm: "vm"
        case .governor: "governor"
        case .highCV, .memoryCV: "high-cv"
        case .fewRuns, .fewRunsInGroup: "few-runs"
        case .slowFirstSample: "slow-first-sample"
        case .drift: "drift"
        case .pinning: "pinning"
        case .failedRuns: "failed-runs"
        }
    }

    func words(_ w: AnalysisWarning) -> (String, String, String) {
        switch w {
        case .incomplete(let runs):
            return ("run", "the run was interrupted: \(runs) process runs of the plan finished",
                    "finish it with `ctxbench run --resume DIR`")
        case .load(let load, let cpus):
            return ("machine", "load average \(Format.sig3(load)) on \(cpus) CPUs during the run",
                    "rerun on an idle machine; other work inflates and spreads every figure")
        case .interference(let runs, let threshold):
            return interference(runs, threshold)
        case .vm(let kind):
            return ("machine", "running in a virtual machine (\(kind))",
                    "a hypervisor adds cost to cross-CPU wake-ups and steals time; compare ratios measured in one run, not absolute times")
        case .governor(let g):
            return ("machine", "CPU frequency governor is \"\(g)\", not \"performance\"",
                    "set it with `cpupower frequency-set -g performance` (as root) for steadier timings")
        case .highCV(let key, let cv):
            return (subject(key), "process medians vary by \(Format.sig3(cv * 100)) % (CV) between runs",
                    (point(key)?.group ?? .main) == .main ? "more process runs (--runs) or a quieter machine narrow the interval"
                        : "a quieter machine narrows it; the profile fixes this group's runs per point, so read the point for the shape of its curve")
        case .memoryCV(let fit, let variant, let tasks, let cv, let runs):
            return ("\(fit) \(variant) n=\(tasks) (memory)", "resident memory varies by \(Format.sig3(cv * 100)) % (CV) between the \(runs) runs",
                    "other memory use changed between runs; rerun on an idle machine")
        case .fewRuns(let key, let runs):
            return (subject(key), "only \(Format.plural(runs, "process run")): the interval is wide or degenerate",
                    "use at least 5 (--runs 5, the quick profile's default)")
        case .fewRunsInGroup(let group, let points, let least, let most):
            return fewRuns(group, points, least, most)
        case .slowFirstSample(let key, let runs, let of):
            return (subject(key), "the first timed iteration is 3x the median or more in \(runs) of \(of) runs",
                    "raise --warmups; the warm-up did not reach steady state")
        case .drift(let key, let runs, let of, let rho):
            return (subject(key), "iteration times drift across the run (Spearman rho beyond ±\(Format.sig(rho, digits: 1))) in \(runs) of \(of) runs",
                    "something changed during the run (frequency, other load); rerun on an idle machine")
        case .pinning(let key, let cpus):
            return (subject(key), "pinned runs were granted CPUs \(cpus), not one",
                    "the pinned figures are not single-CPU figures; check cgroup cpusets")
        case .failedRuns(let key, let failed, let planned):
            let p = point(key)
            return (subject(key), "\(failed) of \(planned) process runs did not measure: \(p?.failures.first ?? "reason not recorded")",
                    "see the run's stderr tail in results.json; rerun with `ctxbench run --only \(p?.variant.rawValue ?? key)`")
        }
    }

    func interference(_ runs: [InterferedRun], _ threshold: Double) -> (String, String, String) {
        let names = runs.map { "\(subject($0.point)) run \($0.run + 1) (\(String(format: "%.2f", $0.share)) CPU)" }
        let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? " and \(names.count - 6) more" : "")
        return ("runs",
                "\(Format.plural(runs.count, "process run")) \(runs.count == 1 ? "was" : "were") measured while other processes used more than \(String(format: "%.2f", threshold)) of a CPU: \(shown)",
                "their figures are inflated; stop the other work (a build, another benchmark) and rerun on an idle machine")
    }

    func fewRuns(_ group: RunGroup, _ points: Int, _ least: Int, _ most: Int) -> (String, String, String) {
        let subject = "\(group.rawValue) group (\(Format.plural(points, "point")))"
        if most == 1 {
            return (subject, "one process run per point: no interval, each figure is one run's median",
                    "read these points as single observations; the claims they feed say so")
        }
        let runs = least == most ? "\(most)" : "\(least) to \(most)"
        return (subject, "\(runs) process runs per point: the intervals are wide",
                "read these points for the shape of their curve; the headline points (--runs) carry the verdicts")
    }
}
