import Results

/// Parameters of one profile: what `--profile smoke|quick|full` runs by default.
/// The study's parameters (STUDY.md) are the reference; where this profile departs from
/// them the reason is in the comment.
public struct Profile: Sendable {
    public var name: String
    /// Brigade members of the headline runs (the study: 500).
    public var brigadeTasks: Int
    /// Timed iterations of the headline pipe brigades.
    public var brigadeIterations: Int
    /// Warm-ups of the pipe brigades (the study: 100) and of the in-memory / one-thread ones (5).
    public var pipeWarmups: Int
    public var memoryBrigadeWarmups: Int
    /// Iterations of the in-memory brigade (cheap: it can afford more).
    public var memoryBrigadeIterations: Int
    /// Threads and tasks spawned per creation iteration (the study: 1,000 and 10,000).
    public var creationThreads: Int
    public var creationTasks: Int
    public var creationIterations: Int
    public var creationWarmups: Int
    /// Process runs per parameter set.
    public var runs: Int
    /// Task counts of the sweep (empty = no sweep) and hops per sweep run (iterations x N).
    public var sweepTasks: [Int]
    public var sweepHops: Int
    public var sweepRuns: Int
    /// Roles swept (empty: every Swift design) and their pinnings (nil: the last pinning asked
    /// for, pinned with `--pin both`).
    public var sweepRoles: [VariantRole] = []
    public var sweepPins: [Bool]? = nil
    /// Roles a reference family (`--reference rust`) sweeps, by its rows' `referenceRoles`, and
    /// their pinnings: only what C8 judges (the thread brigade against the faithful async one,
    /// unpinned as in the study), so the reference adds a few process runs, not a second sweep.
    public var referenceSweepRoles: [VariantRole] = [.threadBrigade, .faithfulAsync]
    public var referenceSweepPins: [Bool]? = [false]
    /// Task counts of the memory runs (empty = none) and process runs per count.
    public var memoryThreadCounts: [Int]
    public var memoryTaskCounts: [Int]
    public var memoryRuns: Int
    /// Large counts (claims C8, C9), by the variant table's `large` row field: members of the
    /// study-N brigades (the study: 50,000) and of the capacity run (250,000); one run each.
    /// Counts beyond this machine's limits are clamped and the reason recorded.
    public var large: [LargeRun: Int]
    public var largeIterations: Int
    /// Process runs of the study-N brigades (C8's speed needs 3 for an interval; the capacity
    /// run always runs once).
    public var largeRuns: Int = 1
    /// Seconds to wait at most for the load to drop before measuring.
    public var settleSeconds: Double
    /// Count syscalls per hop under strace.
    public var countSyscalls: Bool
    /// Bytes in flight of the C12 sweep (beside the headline K = 1), at the headline N,
    /// unpinned, for the variants whose row says `manyInFlight`; process runs per K.
    public var inFlightCounts: [Int] = []
    public var inFlightRuns: Int = 0
    /// Observe the thread ceiling with the thread probe before measuring (C9; minutes on a big machine).
    public var probeThreads = false
    /// Seconds of process runs a run may spend, first pass included (nil: a fixed plan, no
    /// rounds); `--budget` overrides it. Rounds add runs where a verdict is still open.
    public var budgetSeconds: Double? = nil
    /// Seconds of measuring each reference family that runs (`--reference rust`) adds to the
    /// budget: about what its first-pass runs take, so the Swift claims keep their rounds (nil:
    /// none; the quick profile's 185 s absorb its reference, which keeps quick within 4 minutes).
    public var referenceBudgetSeconds: Double? = nil
    /// Looks at the data at most (the first pass and each round end with one); every look
    /// decides at 1 - 0.05 / looks.
    public var looks: Int = 4

    /// The measuring budget of a run in which `references` reference families run: the
    /// profile's, plus `referenceBudgetSeconds` per family (nil: a fixed plan).
    public func budget(references: Int) -> Double? {
        budgetSeconds.map { $0 + Double(references) * (referenceBudgetSeconds ?? 0) }
    }

    public static func named(_ name: String) -> Profile? {
        ProfileName(rawValue: name)?.profile
    }

    /// Every variant once with tiny parameters: proves the pipeline in seconds.
    public static let smoke = Profile(
        name: "smoke", brigadeTasks: 20, brigadeIterations: 30, pipeWarmups: 5, memoryBrigadeWarmups: 5,
        memoryBrigadeIterations: 100, creationThreads: 20, creationTasks: 100, creationIterations: 10,
        creationWarmups: 2, runs: 1, sweepTasks: [], sweepHops: 0, sweepRuns: 0,
        memoryThreadCounts: [], memoryTaskCounts: [], memoryRuns: 0, large: [:], largeIterations: 0, settleSeconds: 0, countSyscalls: false)

    /// The default: the study's task counts, a budget of 185 s of measuring spent in rounds (the first pass about 60 % of it).
    /// Iterations per run from the variance study (docs/METHOD.md): on a noisy 2-core VM the
    /// spread between process runs (sd of the log run medians 0.05-0.3) does not shrink with
    /// more iterations per run (15, 50 or 200), so a run is kept short (30 iterations after 8
    /// warm-ups) and the budget buys process runs: 10 per headline point in the first pass,
    /// more in the rounds where a verdict is still open. Of the sweep only what C8 needs: the
    /// thread brigade and the faithful async brigade at N = 5,000 (10x the headline: "many more
    /// tasks"; N = 1,000 sat within noise of the equivalence edge), unpinned as in the study
    /// (the full profile sweeps every design).
    public static let quick = Profile(
        name: "quick", brigadeTasks: 500, brigadeIterations: 30, pipeWarmups: 8, memoryBrigadeWarmups: 8,
        memoryBrigadeIterations: 800, creationThreads: 1_000, creationTasks: 10_000, creationIterations: 12,
        creationWarmups: 4, runs: 10, sweepTasks: [5_000], sweepHops: 50_000, sweepRuns: 5,
        sweepRoles: [.threadBrigade, .faithfulAsync], sweepPins: [false],
        memoryThreadCounts: [100, 325, 550, 775, 1_000], memoryTaskCounts: [1_000, 3_000, 5_000, 7_000, 9_000],
        memoryRuns: 2, large: [.capacity: 250_000], largeIterations: 10, settleSeconds: 20, countSyscalls: true,
        inFlightCounts: [4, 16, 64], inFlightRuns: 3, budgetSeconds: 185, looks: 4)

    /// The study's parameters where this machine's budget allows: 500 tasks, 100 warm-ups, the
    /// study's N where the limits allow, sweeps pinned and unpinned; 400 iterations instead of
    /// 10,000 and 12 process runs instead of one (the variance study: more runs narrow the
    /// interval, more iterations per run do not); in-flight points 8 runs each; 28 minutes of
    /// measuring spent in rounds (with the thread probe, settling and syscall counts: <= 35).
    /// With `--reference rust` 4 minutes more: beside its headline points (~4 minutes, already
    /// within the 28 in docs/example-full-report) the Rust twin's memory, sweep, study-N,
    /// in-flight and io_uring runs add about 3.5 minutes to the first pass (from their Swift
    /// twins' times there), so 32 minutes of measuring, ~33 in all.
    public static let full = Profile(
        name: "full", brigadeTasks: 500, brigadeIterations: 400, pipeWarmups: 100, memoryBrigadeWarmups: 5,
        memoryBrigadeIterations: 4_000, creationThreads: 1_000, creationTasks: 10_000, creationIterations: 40,
        creationWarmups: 10, runs: 12, sweepTasks: [10, 50, 100, 500, 1_000, 5_000], sweepHops: 60_000, sweepRuns: 3,
        sweepPins: [false, true],
        memoryThreadCounts: Array(stride(from: 100, through: 1_000, by: 100)),
        memoryTaskCounts: Array(stride(from: 1_000, through: 9_000, by: 1_000)),
        memoryRuns: 3,
        large: [.studyN: 50_000, .capacity: 250_000],
        largeIterations: 100, largeRuns: 3, settleSeconds: 60, countSyscalls: true,
        inFlightCounts: [4, 16, 64], inFlightRuns: 8, probeThreads: true, budgetSeconds: 1_680,
        referenceBudgetSeconds: 240, looks: 4)
}

/// The profiles `--profile` takes.
public enum ProfileName: String, CaseIterable, Sendable {
    case smoke, quick, full

    public var profile: Profile {
        switch self {
        case .smoke: .smoke
        case .quick: .quick
        case .full: .full
        }
    }
}
