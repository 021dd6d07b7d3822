import Results

/// A caveat about the data (hyperfine's `enum Warnings`, src/output/warnings.rs): what was
/// seen, as numbers and references to points; Render (`WarningText`) words it and gives the
/// advice. Encoded as `{"<code>": {fields}}`, the codes stable.
public enum AnalysisWarning: Codable, Sendable, Equatable {
    /// The run was interrupted: `processRuns` process runs of the plan finished.
    case incomplete(processRuns: Int)
    /// The load average (the larger of start and end, processes) reached `cpus` logical CPUs.
    case load(loadAverage: Double, cpus: Int)
    /// Successful process runs measured beside more than `threshold` CPUs of other processes' work.
    case interference(runs: [InterferedRun], threshold: Double)
    /// A virtual machine (`virtualization`: systemd-detect-virt's names).
    case vm(virtualization: String)
    /// The CPU frequency governor (its name) is not "performance".
    case governor(governor: String)
    /// A timed point (`point`: its `pointKey`) whose process medians vary by `cv` between runs
    /// (coefficient of variation, a fraction).
    case highCV(point: String, cv: Double)
    /// A memory fit's resident readings at one member count `tasks` vary by `cv` (a fraction)
    /// between its `runs` process runs. `fit` is the fit's name, `variant` its variant.
    case memoryCV(fit: String, variant: Variant, tasks: Int, cv: Double, runs: Int)
    /// A headline point (`pointKey`) with only `runs` (< 5) successful process runs.
    case fewRuns(point: String, runs: Int)
    /// A timed point group whose `points` points have `leastRuns`...`mostRuns` (< 5) successful
    /// process runs each, as the profile plans them.
    case fewRunsInGroup(group: RunGroup, points: Int, leastRuns: Int, mostRuns: Int)
    /// A point (`pointKey`) whose first timed iteration is 3x the median or more in `runs` of
    /// its `of` process runs.
    case slowFirstSample(point: String, runs: Int, of: Int)
    /// A point (`pointKey`) whose iteration times drift (|Spearman rho| >= `rho`) in `runs` of
    /// its `of` process runs.
    case drift(point: String, runs: Int, of: Int, rho: Double)
    /// A pinned point (`pointKey`) whose children were granted `cpus` (CPU numbers), not one.
    case pinning(point: String, cpus: [Int])
    /// A point (`pointKey`) of which `failed` of `planned` process runs did not measure; its
    /// `failures` say why.
    case failedRuns(point: String, failed: Int, planned: Int)

    enum CodingKeys: String, CodingKey {
        case incomplete, load, interference, vm, governor
        case highCV = "high-cv", memoryCV = "memory-cv", fewRuns = "few-runs", fewRunsInGroup = "few-runs-group"
        case slowFirstSample = "slow-first-sample", drift, pinning, failedRuns = "failed-runs"
    }

    /// The point the warning concerns (`pointKey`), nil for the run, the machine, a group or a fit.
    public var point: String? {
        switch self {
        case .highCV(let p, _), .fewRuns(let p, _), .slowFirstSample(let p, _, _), .drift(let p, _, _, _),
             .pinning(let p, _), .failedRuns(let p, _, _): p
        default: nil
        }
    }
}

/// One process run measured beside other processes' work.
public struct InterferedRun: Codable, Sendable, Equatable {
    /// `pointKey` of its point.
    public var point: String
    /// Its index among the point's process runs (0-based).
    public var run: Int
    /// CPUs' worth of other processes' work beside it (CPUs).
    public var share: Double
    public init(point: String, run: Int, share: Double) { self.point = point; self.run = run; self.share = share }
}
