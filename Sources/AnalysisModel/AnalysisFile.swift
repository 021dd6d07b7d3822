import Foundation
import Results

/// The file `ctxbench analyze` writes (analysis.json): every statistic the report shows,
/// computed from one results.json. `render` reads only this file. Times are nanoseconds.
public struct AnalysisFile: Codable, Sendable, Equatable {
    public static let schemaName = "ctxbench.analysis"
    public static let currentVersion = 3

    /// Always "ctxbench.analysis".
    public var schema: String
    /// Format version of this file (see docs/FORMATS.md).
    public var schemaVersion: Int
    /// ctxbench version that wrote the file.
    public var ctxbenchVersion: String
    /// The results file analysed: its name, whether the run completed, its process runs.
    public var source: SourceInfo
    /// The machine, copied from results.json.
    public var environment: Environment
    /// Profile, seed, pinning and command line of the run.
    public var configuration: ConfigurationSummary
    /// How the statistics were computed (bootstrap seed and size, GSL version).
    public var method: MethodInfo
    /// One entry per variant and parameter set that was planned.
    public var points: [PointAnalysis]
    /// Brigade hop minus one-thread-brigade hop, and other differences, with CIs.
    public var derived: [DerivedCost]
    /// Memory per task: one fit per memory series.
    public var memory: [MemoryFit]
    /// Verdicts on the study's claims C1-C10, each judged on the faithful counterpart.
    public var claims: [ClaimVerdict]
    /// The same claims judged on every Swift async design (v2; nil in v1 files).
    public var designs: [DesignVerdicts]?
    /// The numbers the study's README publishes, regenerated here (v2; nil in v1 files).
    public var studyNumbers: [StudyNumber]?
    /// Each Swift variant against the C floor of its design, same N and pinning (v2).
    public var floors: [FloorDistance]?
    /// The study's open questions answered like claims: C11 (io_uring), C12 (bytes in flight) (v2).
    public var openQuestions: [ClaimVerdict]?
    /// Per-hop cost and events per wait against the bytes in flight K, per design (v2).
    public var inFlight: [InFlightSeries]?
    /// Each Swift variant against the study's design in another language (a reference run with
    /// `--reference rust`), same N and pinning (v2; nil when no reference was asked for).
    public var references: [ReferenceDistance]?
    /// The claims judged by the same rules on the Rust reference, every role played by its
    /// Rust counterpart (v2; nil when the Rust reference was not asked for).
    public var rustClaims: [ClaimVerdict]?
    /// C3's speed-up at every N and pinning the sweep and the large runs measured, and whether
    /// it holds as N grows, per pinning (nil before 2026-12-04).
    public var speedUpByN: [SpeedUp]?
    public var speedUpAnswers: [SpeedUpAnswer]?
    /// How a budgeted run spent its budget and decided (nil: a fixed plan, or a file before 0.2).
    public var decision: DecisionSummary?
    /// Every condition of this run that differs from the study's, with what it affects (nil in
    /// files written before it existed).
    public var conditions: [Condition]?
    /// Caveats about the data, typed; Render gives each its words and advice.
    public var warnings: [AnalysisWarning]
    /// Syscalls per hop (copied from results.json).
    public var syscalls: [SyscallCount]
    /// Limits of the machine (results.json's, each entry's advice typed).
    public var limits: AnalysisLimits?
    /// Planned work that did not run or was clamped (copied from results.json).
    public var skipped: [SkippedRun]

    public init(source: SourceInfo, environment: Environment, configuration: ConfigurationSummary,
                method: MethodInfo, points: [PointAnalysis], derived: [DerivedCost], memory: [MemoryFit],
                claims: [ClaimVerdict], warnings: [AnalysisWarning], syscalls: [SyscallCount],
                limits: AnalysisLimits?, skipped: [SkippedRun]) {
        self.schema = Self.schemaName; self.schemaVersion = Self.currentVersion
        self.ctxbenchVersion = CtxbenchVersion.string
        self.source = source; self.environment = environment; self.configuration = configuration
        self.method = method; self.points = points; self.derived = derived; self.memory = memory
        self.claims = claims; self.warnings = warnings; self.syscalls = syscalls; self.limits = limits
        self.skipped = skipped
    }
}

public struct SourceInfo: Codable, Sendable, Equatable {
    /// File name of the results file (no folder, so moving it changes nothing).
    public var resultsFile: String
    /// ctxbench version that wrote the results.
    public var resultsVersion: String
    /// False when the run was interrupted before every planned process run finished.
    public var complete: Bool
    /// Process runs in the file, and how many of them measured successfully.
    public var processRuns: Int
    public var processRunsOK: Int
    public init(resultsFile: String, resultsVersion: String, complete: Bool, processRuns: Int, processRunsOK: Int) {
        self.resultsFile = resultsFile; self.resultsVersion = resultsVersion; self.complete = complete
        self.processRuns = processRuns; self.processRunsOK = processRunsOK
    }
}

public struct ConfigurationSummary: Codable, Sendable, Equatable {
    public var profile: String
    /// Run-order seed of the run.
    public var seed: UInt64
    public var pin: PinMode
    public var runsPerPoint: Int
    public var only: [String]?
    public var commandLine: [String]
    public init(profile: String, seed: UInt64, pin: PinMode, runsPerPoint: Int, only: [String]?, commandLine: [String]) {
        self.profile = profile; self.seed = seed; self.pin = pin; self.runsPerPoint = runsPerPoint
        self.only = only; self.commandLine = commandLine
    }
}

public struct MethodInfo: Codable, Sendable, Equatable {
    /// Bootstrap resamples and seed (gsl_rng_mt19937).
    public var bootstrapResamples: Int
    public var bootstrapSeed: UInt64
    /// Confidence level of every interval (0.95).
    public var level: Double
    /// GSL version used.
    public var gslVersion: String
    public init(bootstrapResamples: Int, bootstrapSeed: UInt64, level: Double, gslVersion: String) {
        self.bootstrapResamples = bootstrapResamples; self.bootstrapSeed = bootstrapSeed
        self.level = level; self.gslVersion = gslVersion
    }
}

/// A value with its confidence interval and how the interval was made.
public struct Estimated: Codable, Sendable, Equatable {
    public var value: Double
    public var lower: Double
    public var upper: Double
    /// How the interval was made (level, resampling, runs).
    public var method: IntervalMethod
    public init(value: Double, lower: Double, upper: Double, method: IntervalMethod) {
        self.value = value; self.lower = lower; self.upper = upper; self.method = method
    }
}

/// Statistics of one process run's samples (per iteration, ns).
public struct ProcessStats: Codable, Sendable, Equatable {
    public var runIndex: Int
    public var n: Int
    public var median: Double
    public var mean: Double
    /// Sample standard deviation.
    public var sd: Double
    public var min: Double
    public var p90: Double
    public var p99: Double
    /// Tukey outliers (1.5 / 3 IQR) among this run's samples.
    public var outliersMild: Int
    public var outliersSevere: Int
    /// Spearman rho of sample value against index: drift across the run.
    public var driftRho: Double?
    /// First sample / median (a slow first sample means warm-up was too short).
    public var firstSampleRatio: Double
    /// CPU time other processes surely used while this run's child ran / its wall time, in CPUs:
    /// results' `otherCPUSeconds` less one 10 ms clock tick per CPU (/proc/stat's resolution),
    /// over `wallSeconds`; nil when the results file has no figure.
    public var otherCPUShare: Double?
    public init(runIndex: Int, n: Int, median: Double, mean: Double, sd: Double, min: Double, p90: Double, p99: Double,
                outliersMild: Int, outliersSevere: Int, driftRho: Double?, firstSampleRatio: Double, otherCPUShare: Double? = nil) {
        self.runIndex = runIndex; self.n = n; self.median = median; self.mean = mean; self.sd = sd; self.min = min
        self.p90 = p90; self.p99 = p99; self.outliersMild = outliersMild; self.outliersSevere = outliersSevere
        self.driftRho = driftRho; self.firstSampleRatio = firstSampleRatio; self.otherCPUShare = otherCPUShare
    }
}

/// Box-plot figures of pooled samples (per unit: per hop or per item, ns).
public struct BoxFigures: Codable, Sendable, Equatable {
    public var q1: Double, median: Double, q3: Double
    public var whiskerLow: Double, whiskerHigh: Double
    /// Samples beyond the whiskers (at most 100, the most extreme kept).
    public var outliers: [Double]
    public init(q1: Double, median: Double, q3: Double, whiskerLow: Double, whiskerHigh: Double, outliers: [Double]) {
        self.q1 = q1; self.median = median; self.q3 = q3; self.whiskerLow = whiskerLow
        self.whiskerHigh = whiskerHigh; self.outliers = outliers
    }
}

/// Where the time goes, per hop or item, medians over process runs of the timed rusage.
public struct CostSplit: Codable, Sendable, Equatable {
    /// User and system CPU time per hop/item, ns (all threads of the process).
    public var userNs: Double
    public var systemNs: Double
    /// Voluntary and involuntary context switches per hop/item.
    public var voluntarySwitches: Double
    public var involuntarySwitches: Double
    public init(userNs: Double, systemNs: Double, voluntarySwitches: Double, involuntarySwitches: Double) {
        self.userNs = userNs; self.systemNs = systemNs; self.voluntarySwitches = voluntarySwitches
        self.involuntarySwitches = involuntarySwitches
    }
}

/// Analysis of one variant at one parameter set.
public struct PointAnalysis: Codable, Sendable, Equatable {
    public var variant: Variant
    public var kind: VariantKind
    public var group: RunGroup
    public var tasks: Int
    public var iterations: Int
    public var warmups: Int
    public var pinned: Bool
    /// Bytes in flight (`--in-flight`); nil means 1.
    public var inFlight: Int?
    public var runsPlanned: Int
    public var runsOK: Int
    /// Why runs failed or timed out (one line each, deduplicated).
    public var failures: [String]
    /// Per process run (ns per iteration); empty when nothing ran.
    public var perProcess: [ProcessStats]
    /// Median of the process medians, per hop (brigades) or per item (creation), ns, with a
    /// bootstrap CI over process runs. Nil when no run succeeded.
    public var perUnit: Estimated?
    /// Mean per unit over all samples, with its t interval over process-run means.
    public var meanPerUnit: Estimated?
    /// Standard deviation of all samples per unit (an sd, not a CI).
    public var sdPerUnit: Double?
    /// Smallest sample per unit; median over runs of each run's p99 per unit.
    public var minPerUnit: Double?
    public var p99PerUnit: Double?
    /// Coefficient of variation of the process medians.
    public var cvBetweenRuns: Double?
    /// Median within-run coefficient of variation.
    public var cvWithinRuns: Double?
    /// Tukey outliers over every run (mild, severe).
    public var outliersMild: Int
    public var outliersSevere: Int
    /// Pooled distribution per unit, for the box plot.
    public var distribution: BoxFigures?
    public var cost: CostSplit?
    /// Median thread count of the child while members were alive.
    public var threads: Int?
    /// Creation: spawn-to-body latency per item (median of run medians, bootstrap CI), ns.
    public var latency: Estimated?
    /// Median peak RSS of the child (VmHWM; ru_maxrss for files without it), bytes.
    public var peakRSSBytes: Double?
    /// CPUs the pinned children were granted (union), for the "pinned to one CPU" check.
    public var grantedCPUs: [Int]
    /// Reactor variants: events returned per wait (epoll_wait / io_uring_enter), median over
    /// runs of the timed rounds' counts (v2).
    public var eventsPerWait: Double?

    public init(variant: Variant, kind: VariantKind, group: RunGroup, tasks: Int, iterations: Int, warmups: Int,
                pinned: Bool, runsPlanned: Int) {
        self.variant = variant; self.kind = kind; self.group = group; self.tasks = tasks
        self.iterations = iterations; self.warmups = warmups; self.pinned = pinned; self.runsPlanned = runsPlanned
        self.runsOK = 0; self.failures = []; self.perProcess = []; self.outliersMild = 0; self.outliersSevere = 0
        self.grantedCPUs = []
    }

    /// Each successful process run's median per hop (brigades) or per item (creation), ns:
    /// the observations every interval over process runs resamples.
    public var perUnitMedians: [Double] { perProcess.map { $0.median / Double(unitsPerIteration) } }

    /// Hops (brigades) or items (creation) per iteration.
    public var unitsPerIteration: Int {
        guard kind == .brigade, let k = inFlight, k > 1 else { return tasks }
        return InFlight.hopsPerRound(members: tasks, inFlight: k)
    }

    /// `RunSpec.pointKey` of the runs this point summarises.
    public var pointKey: String {
        RunSpec(variant: variant, kind: kind, tasks: tasks, iterations: iterations, warmups: warmups, pinned: pinned,
                runIndex: 0, group: group, inFlight: inFlight).pointKey
    }

    /// "thread-brigade pinned n=500".
    public var label: String { "\(variant.rawValue) \(pinned ? "pinned" : "unpinned") n=\(tasks)\(inFlight.map { " k=\($0)" } ?? "")" }
}

/// A difference of two per-unit medians (e.g. switch cost = brigade - one-thread baseline).
public struct DerivedCost: Codable, Sendable, Equatable {
    /// What the difference isolates.
    public var name: DerivedKind
    public var variant: Variant
    public var minus: Variant
    public var pinned: Bool
    public var tasks: Int
    /// Difference of medians per hop, ns, bootstrap CI.
    public var value: Estimated
    public init(name: DerivedKind, variant: Variant, minus: Variant, pinned: Bool, tasks: Int, value: Estimated) {
        self.name = name; self.variant = variant; self.minus = minus; self.pinned = pinned; self.tasks = tasks; self.value = value
    }
}

/// Resident memory against task count, fitted.
public struct MemoryFit: Codable, Sendable, Equatable {
    /// "rss-per-thread" or "rss-per-task".
    public var name: String
    public var variant: Variant
    /// Measured points: task count, RSS bytes.
    public var tasks: [Int]
    public var rssBytes: [Double]
    public var pssBytes: [Double]
    /// Fitted bytes per task (slope), its SE and 95 % t interval, intercept, R^2, robust check.
    public var slope: Double?
    public var slopeSE: Double?
    public var slopeLower: Double?
    public var slopeUpper: Double?
    public var intercept: Double?
    public var rSquared: Double?
    public var robustSlope: Double?
    public var robustDisagrees: Bool
    /// Kernel-side bytes per member from /proc/meminfo deltas (approximate, system-wide).
    public var kernelStackPerTask: Double?
    public var pageTablesPerTask: Double?
    /// Why there is no fit (nil when fitted).
    public var fitFailure: FitFailure?
    public init(name: String, variant: Variant, tasks: [Int], rssBytes: [Double], pssBytes: [Double]) {
        self.name = name; self.variant = variant; self.tasks = tasks; self.rssBytes = rssBytes
        self.pssBytes = pssBytes; self.robustDisagrees = false
    }
}

/// Why a memory series has no fitted line.
public enum FitFailure: Codable, Sendable, Equatable {
    /// `readings` readings at `counts` distinct member counts: a fit needs at least 3 at 2.
    case tooFewReadings(readings: Int, counts: Int)
    /// The fit failed: GSL's error, in its words.
    case failed(error: String)
}

/// The verdict on a claim (METHOD.md, "Verdict rules per claim").
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case confirmed
    case directionOnly = "direction only"
    case notConfirmed = "not confirmed"
    case contradicted
    /// The interval straddles a decision edge: too little data to decide (v2, from 0.2).
    case inconclusive
    case notRun = "not run"

    /// Weakest first, to combine two parts of one claim.
    public var strength: Int {
        switch self {
        case .notRun: 0
        case .inconclusive: 1
        case .contradicted: 2
        case .notConfirmed: 3
        case .directionOnly: 4
        case .confirmed: 5
        }
    }

    /// Decided: neither inconclusive nor not run.
    public var isDecided: Bool { self != .inconclusive && self != .notRun }
}

/// The verdict on one claim of the study: numbers and typed facts only. The claim's words
/// (what it says, the study's figure, what ratio decides it) are the study table's, looked up by
/// `id`; Render words the rest.
public struct ClaimVerdict: Codable, Sendable, Equatable {
    /// The claim's id in the study table (Resources/study.json): "C1"..."C12".
    public var id: String
    /// The study's own ratio (from the study table, copied for readers of the file).
    public var studyRatio: Double
    /// The figures behind the verdict, numerator side first.
    public var figures: [ClaimFigure]
    /// The deciding ratio with its CI (nil when not run).
    public var ratio: Estimated?
    public var verdict: Verdict
    /// What qualifies the verdict (stronger than the study, which side is dearer); nil when
    /// there is nothing to add.
    public var qualifier: Qualifier?
    /// Why: the rule's region the interval fell in, or why the claim did not run.
    public var reason: Reason
    /// The variants whose measurements decided it.
    public var variants: [Variant]?
    /// What ran instead of the study's exact experiment, and which limit forced it.
    public var substitutions: [Substitution]?
    /// A claim of two parts (C8): each part's verdict, ratio and reason.
    public var parts: [ClaimPart]?
    /// How the verdict was decided: level, stability, and for an inconclusive one the edge and
    /// what would settle it (nil for a count without an interval).
    public var decision: DecisionFacts?
    /// The input points whose process runs fall into two groups (a bimodal machine or design):
    /// the verdict's interval spans both (nil when none does).
    public var modes: [TwoModes]?
    /// Why a verdict that is not *confirmed* came out as it did: machine, Swift design or
    /// Swift implementation, with the figures that decide it (faithful claims only).
    public var cause: CauseFacts?
    /// The points whose process-run medians enter the deciding ratio, with the ratio's
    /// elasticity to each (d log r / d log median): what the rounds of a budgeted run feed.
    public var inputs: [ClaimInput]?

    public init(id: String, studyRatio: Double, ratio: Estimated? = nil, verdict: Verdict = .notRun,
                reason: Reason = .notRun(.noQuantities)) {
        self.id = id; self.studyRatio = studyRatio; self.figures = []; self.ratio = ratio; self.verdict = verdict
        self.reason = reason
    }
}

/// How a budgeted run spent its budget (copied and summed from results.json).
public struct DecisionSummary: Codable, Sendable, Equatable {
    /// Seconds of process runs allowed, and spent (sum of wall seconds).
    public var budgetSeconds: Double
    public var spentSeconds: Double
    /// Looks at most; level of every look's interval (1 - alpha / looks); alpha.
    public var looks: Int
    public var level: Double
    public var alpha: Double
    /// Process runs and their wall seconds per look (index 0 = the first pass).
    public var runsPerLook: [Int]
    public var secondsPerLook: [Double]
    /// Why the run stopped adding rounds (nil: it did not finish).
    public var stopped: StopReason?
    public init(budgetSeconds: Double, spentSeconds: Double, looks: Int, level: Double, alpha: Double,
                runsPerLook: [Int], secondsPerLook: [Double], stopped: StopReason?) {
        self.budgetSeconds = budgetSeconds; self.spentSeconds = spentSeconds; self.looks = looks; self.level = level
        self.alpha = alpha; self.runsPerLook = runsPerLook; self.secondsPerLook = secondsPerLook; self.stopped = stopped
    }
}

/// How a verdict was decided (docs/METHOD.md, "Deciding within a budget").
public struct DecisionFacts: Codable, Sendable, Equatable {
    /// Confidence level of the deciding interval: 1 - alpha / looks (0.95 for a one-look run).
    public var level: Double
    /// Looks the run had at most (1: a fixed plan).
    public var looks: Int
    /// Share of bootstrap resamples of the process runs that give the same verdict, the
    /// interval moved (in log scale) with each resample's estimate; 0...1.
    public var stability: Double
    /// For an inconclusive verdict: the decision edge the interval straddles.
    public var edge: Double?
    /// For an inconclusive verdict: about how many more process runs per input point would
    /// shrink the interval enough to clear the edge, from the observed spread (nil: the
    /// estimate sits on the edge, no affordable number of runs decides it).
    public var moreRuns: Int?
    /// Those runs' measuring time, seconds (from the points' mean wall time per run).
    public var moreSeconds: Double?

    public init(level: Double, looks: Int, stability: Double, edge: Double? = nil, moreRuns: Int? = nil,
                moreSeconds: Double? = nil) {
        self.level = level; self.looks = looks; self.stability = stability; self.edge = edge
        self.moreRuns = moreRuns; self.moreSeconds = moreSeconds
    }
}

/// What a verdict that is not *confirmed* owes to the machine, to the Swift design or to the
/// Swift implementation (docs/METHOD.md, "Why a verdict came out as it did").
public struct CauseFacts: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The C floors and the Rust twin give the same verdict as Swift: the kernel and the
        /// hardware decide it.
        case machine
        /// Another Swift design keeps the claim; the faithful one does not.
        case swiftDesign = "Swift design"
        /// The C floors or the Rust twin keep the claim; Swift does not.
        case swiftImplementation = "Swift implementation"
        /// Neither a floor nor the twin could judge the claim here.
        case undetermined
        /// An inconclusive verdict whose estimate falls where the claim holds: nothing moved, the
        /// interval is still too wide.
        case spread = "too few runs"
    }
    public var kind: Kind
    /// The claim judged by the same rules with every role played by its C floor (nil where a
    /// role has none), and on the Rust twin (nil when the reference did not run).
    public var floorVerdict: Verdict?
    public var floorRatio: Estimated?
    public var rustVerdict: Verdict?
    public var rustRatio: Estimated?
    /// For a Swift-design cause: the Swift design that keeps the claim.
    public var design: Variant?
    /// Each side of the ratio here, beside the study's figure and the floor's and twin's.
    public var sides: [SideFigure]
    public init(kind: Kind, floorVerdict: Verdict?, floorRatio: Estimated?, rustVerdict: Verdict?, rustRatio: Estimated?,
                design: Variant?, sides: [SideFigure]) {
        self.kind = kind; self.floorVerdict = floorVerdict; self.floorRatio = floorRatio; self.rustVerdict = rustVerdict
        self.rustRatio = rustRatio; self.design = design; self.sides = sides
    }
}

/// One side of a deciding ratio: what it measures, here, in the study, on the C floor and on the
/// Rust twin (ns per hop, switch or item; bytes per member for a memory slope).
public struct SideFigure: Codable, Sendable, Equatable {
    /// The variant measured here and the quantity.
    public var variant: Variant
    public var quantity: StudyReference.Operation
    public var pinned: Bool
    public var here: Double
    public var study: Double?
    public var floor: Double?
    public var rust: Double?
    public init(variant: Variant, quantity: StudyReference.Operation, pinned: Bool, here: Double, study: Double?, floor: Double?, rust: Double?) {
        self.variant = variant; self.quantity = quantity; self.pinned = pinned; self.here = here; self.study = study
        self.floor = floor; self.rust = rust
    }

    /// here / study (nil without the study's figure).
    public var moved: Double? { study.map { here / $0 } }
}

/// C3's speed-up (thread brigade hop / faithful async hop) at one N and pinning.
public struct SpeedUp: Codable, Sendable, Equatable {
    public var tasks: Int
    public var pinned: Bool
    public var ratio: Estimated
    public init(tasks: Int, pinned: Bool, ratio: Estimated) { self.tasks = tasks; self.pinned = pinned; self.ratio = ratio }
}

/// Whether the speed-up holds as N grows, for one pinning.
public struct SpeedUpAnswer: Codable, Sendable, Equatable {
    public enum Holds: String, Codable, Sendable {
        /// Every N's CI lies above 1.
        case everywhere
        /// Some N's CI lies below 1: threads are faster there.
        case reverses
        /// Some N's CI contains 1.
        case undecided
    }
    public var pinned: Bool
    public var holds: Holds
    public var smallestN: Int
    public var atSmallest: Double
    public var largestN: Int
    public var atLargest: Double
    public init(pinned: Bool, holds: Holds, smallestN: Int, atSmallest: Double, largestN: Int, atLargest: Double) {
        self.pinned = pinned; self.holds = holds; self.smallestN = smallestN; self.atSmallest = atSmallest
        self.largestN = largestN; self.atLargest = atLargest
    }
}

/// A point whose process runs fall into two groups, and what differs between them.
public struct TwoModes: Codable, Sendable, Equatable {
    public var variant: Variant
    /// `RunSpec.pointKey` of the point.
    public var point: String
    /// Runs and the range of their medians per unit (ns), in the faster and the slower group.
    public var fastRuns: Int
    public var fastLow: Double
    public var fastHigh: Double
    public var slowRuns: Int
    public var slowLow: Double
    public var slowHigh: Double
    /// Mean voluntary context switches per hop or item over the timed iterations, per group.
    public var fastSwitchesPerUnit: Double
    public var slowSwitchesPerUnit: Double
    public init(variant: Variant, point: String, fastRuns: Int, fastLow: Double, fastHigh: Double, slowRuns: Int,
                slowLow: Double, slowHigh: Double, fastSwitchesPerUnit: Double, slowSwitchesPerUnit: Double) {
        self.variant = variant; self.point = point; self.fastRuns = fastRuns; self.fastLow = fastLow; self.fastHigh = fastHigh
        self.slowRuns = slowRuns; self.slowLow = slowLow; self.slowHigh = slowHigh
        self.fastSwitchesPerUnit = fastSwitchesPerUnit; self.slowSwitchesPerUnit = slowSwitchesPerUnit
    }
}

/// One input of a deciding ratio: a point (RunSpec.pointKey) and the ratio's elasticity to its
/// median (+1 for a numerator, -1 for a denominator, more for a difference near zero).
public struct ClaimInput: Codable, Sendable, Equatable {
    /// `RunSpec.pointKey` of the point.
    public var point: String
    public var elasticity: Double
    public init(point: String, elasticity: Double) { self.point = point; self.elasticity = elasticity }
}

/// The claims judged on one async design instead of the faithful counterpart ("the claims by
/// async design"). (v2)
public struct DesignVerdicts: Codable, Sendable, Equatable {
    /// The async design's variant (its design and cost note are the variant table's).
    public var variant: Variant
    /// True for the design that decides the claims (the faithful counterpart).
    public var faithful: Bool
    public var claims: [ClaimVerdict]
    public init(variant: Variant, faithful: Bool, claims: [ClaimVerdict]) {
        self.variant = variant; self.faithful = faithful; self.claims = claims
    }
}

/// A Swift variant's per-unit median over its C floor's, same N and pinning: how far the Swift
/// design is from what the kernel allows. (v2)
public struct FloorDistance: Codable, Sendable, Equatable {
    public var variant: Variant
    public var floor: Variant
    public var pinned: Bool
    public var tasks: Int
    /// Per hop or per item, ns (medians of the process medians).
    public var variantPerUnit: Double
    public var floorPerUnit: Double
    /// variant / floor with its bootstrap CI.
    public var ratio: Estimated
    public init(variant: Variant, floor: Variant, pinned: Bool, tasks: Int, variantPerUnit: Double, floorPerUnit: Double,
                ratio: Estimated) {
        self.variant = variant; self.floor = floor; self.pinned = pinned; self.tasks = tasks
        self.variantPerUnit = variantPerUnit; self.floorPerUnit = floorPerUnit; self.ratio = ratio
    }
}

/// One design's per-hop cost against K bytes in flight (N fixed, unpinned). (v2)
public struct InFlightSeries: Codable, Sendable, Equatable {
    public var variant: Variant
    public var tasks: Int
    /// One entry per K (1 = the headline point).
    public var points: [InFlightPoint]
    /// The smallest K from which no larger K runs more than 10 % cheaper per hop (nil: it was
    /// still falling at the largest K run).
    public var plateauK: Int?
    public init(variant: Variant, tasks: Int, points: [InFlightPoint], plateauK: Int?) {
        self.variant = variant; self.tasks = tasks; self.points = points; self.plateauK = plateauK
    }
}

public struct InFlightPoint: Codable, Sendable, Equatable {
    public var inFlight: Int
    /// Per hop, ns: median of process medians with its bootstrap CI.
    public var perHop: Estimated
    /// Events (ready fds, completions) per wait, reactor variants only.
    public var eventsPerWait: Double?
    /// Voluntary context switches per hop.
    public var switchesPerHop: Double?
    public init(inFlight: Int, perHop: Estimated, eventsPerWait: Double?, switchesPerHop: Double?) {
        self.inFlight = inFlight; self.perHop = perHop; self.eventsPerWait = eventsPerWait; self.switchesPerHop = switchesPerHop
    }
}

/// A Swift variant's per-unit median over the study's design in another language (the
/// reference variant whose `referenceOf` names it), same N and pinning, same run. (v2)
public struct ReferenceDistance: Codable, Sendable, Equatable {
    public var variant: Variant
    public var reference: Variant
    public var pinned: Bool
    public var tasks: Int
    /// Per hop or per item, ns (medians of the process medians).
    public var variantPerUnit: Double
    public var referencePerUnit: Double
    /// variant / reference with its bootstrap CI.
    public var ratio: Estimated
    /// Two-sided Mann-Whitney U p-value on the two sets of process-run medians.
    public var mannWhitneyP: Double
    /// Process runs on each side.
    public var runs: Int
    public var referenceRuns: Int
    public init(variant: Variant, reference: Variant, pinned: Bool, tasks: Int, variantPerUnit: Double,
                referencePerUnit: Double, ratio: Estimated, mannWhitneyP: Double, runs: Int, referenceRuns: Int) {
        self.variant = variant; self.reference = reference; self.pinned = pinned; self.tasks = tasks
        self.variantPerUnit = variantPerUnit; self.referencePerUnit = referencePerUnit; self.ratio = ratio
        self.mannWhitneyP = mannWhitneyP; self.runs = runs; self.referenceRuns = referenceRuns
    }
}

extension AnalysisFile {
    /// Reads analysis.json, checking schema and version first. A file of an older schema (v1 and
    /// v2 carried sentences where v3 has typed facts) throws `OlderAnalysisSchema`, which the
    /// caller converts by analysing its results.json again.
    public static func load(from url: URL) throws -> AnalysisFile {
        let data = try VersionedJSON.read(url, ifMissing: "run `ctxbench analyze` first")
        if let head = try? JSONDecoder().decode(Header.self, from: data), head.schema == schemaName,
           (1..<currentVersion).contains(head.schemaVersion) {
            throw OlderAnalysisSchema(path: url.path, version: head.schemaVersion, writtenBy: head.ctxbenchVersion ?? "unknown",
                                      resultsFile: head.source?.resultsFile ?? "results.json")
        }
        return try VersionedJSON.decode(AnalysisFile.self, from: data, path: url.path, schema: schemaName,
                                        versions: currentVersion...currentVersion, remedy: "rerun `ctxbench analyze` on the results.json")
    }

    /// The fields every schema version has.
    struct Header: Decodable {
        var schema: String
        var schemaVersion: Int
        var ctxbenchVersion: String?
        struct Source: Decodable { var resultsFile: String }
        var source: Source?
    }

    public func save(to url: URL) throws {
        try VersionedJSON.writeAtomically(try VersionedJSON.encode(self), to: url)
    }
}

/// An analysis.json of an older schema: readable only by analysing its results.json again.
public struct OlderAnalysisSchema: Error, CustomStringConvertible {
    /// The file, its schema version and the ctxbench that wrote it.
    public var path: String
    public var version: Int
    public var writtenBy: String
    /// The results file it was made from (its name; it sits beside it after `make report`).
    public var resultsFile: String
    public var description: String {
        "\(path) is analysis schema v\(version) (ctxbench \(writtenBy)); this ctxbench renders v\(AnalysisFile.currentVersion): run `ctxbench analyze` on its \(resultsFile) again"
    }
}
