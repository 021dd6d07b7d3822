import Results

/// One number the study's README publishes, regenerated on this machine: which one, the study's
/// figures, and this machine's with the points they come from, or why there is none. Render
/// (`StudyNumberText`) prints the study's figures as its README does and words the row.
/// Another measured column (a Rust one) is one more `StudyMeasurement` field. (v2; typed in v3)
public struct StudyNumber: Codable, Sendable, Equatable {
    /// Which of the study's numbers.
    public var quantity: StudyQuantity
    /// The unit of each figure, in order: `study[i]` and `here.values[i]` are in `units[i]`.
    public var units: [StudyUnit]
    /// The study's figures (nil where its README gives none for that position).
    public var study: [Double?]
    /// This machine's figures (Swift variants), or why there are none.
    public var here: StudyMeasurement
    /// The same figures measured on the study's programs in Rust in the same run (nil: the Rust
    /// reference was not asked for).
    public var rust: StudyMeasurement?
    public init(quantity: StudyQuantity, study: [Double?], here: StudyMeasurement) {
        self.quantity = quantity; self.units = quantity.units; self.study = study; self.here = here
    }
}

/// The study's published numbers that ctxbench regenerates (METHOD.md, "The study's own
/// numbers, regenerated"), with the units of their figures.
public enum StudyQuantity: String, Codable, Sendable, CaseIterable {
    /// Brigades at N = 500 (unpinned, or pinned): mean per iteration, its sd, mean per task.
    case asyncPerIteration = "async-per-iteration", threadPerIteration = "thread-per-iteration"
    case threadPinnedPerIteration = "thread-pinned-per-iteration"
    /// The same brigades' whole run of 10,000 iterations: elapsed, user, system, CPU share.
    case asyncWholeRun = "async-whole-run", threadWholeRun = "thread-whole-run"
    case threadPinnedWholeRun = "thread-pinned-whole-run"
    /// Async over thread elapsed time (whole runs), and over per-hop medians (C3's statistic).
    case elapsedRatio = "elapsed-ratio"
    /// Per hop beside the syscalls counted for it: per hop, members of the counted brigade.
    case threadSyscallHop = "thread-syscall-hop", asyncSyscallHop = "async-syscall-hop"
    /// Peak resident set of the brigades at N = 500.
    case asyncPeakRSS = "async-peak-rss", threadPeakRSS = "thread-peak-rss", threadPinnedPeakRSS = "thread-pinned-peak-rss"
    /// Resident bytes per thread and per async task: the slope of a memory fit.
    case rssPerThread = "rss-per-thread", rssPerTask = "rss-per-task"
    /// Per thread, user + kernel: the total, the user slope, the kernel slopes.
    case perThreadUserKernel = "per-thread-user-kernel"
    /// Peak resident set of both brigades at the largest N: threads' bytes and N, async's bytes and N.
    case largestNMemory = "largest-n-memory"
    /// Peak resident set per thread at the largest N: per thread, the peak, N.
    case perThreadAtLargestN = "per-thread-at-largest-n"
    /// Creation per item, and creation to body.
    case threadCreation = "thread-creation", taskCreation = "task-creation"
    /// The most async tasks run, and the most threads.
    case mostTasks = "most-tasks"

    /// The unit of each figure, in order.
    public var units: [StudyUnit] {
        switch self {
        case .asyncPerIteration, .threadPerIteration, .threadPinnedPerIteration: [.ns, .ns, .ns]
        case .asyncWholeRun, .threadWholeRun, .threadPinnedWholeRun: [.seconds, .seconds, .seconds, .cpuShare]
        case .elapsedRatio: [.ratio, .ratio]
        case .threadSyscallHop, .asyncSyscallHop: [.ns, .count]
        case .asyncPeakRSS, .threadPeakRSS, .threadPinnedPeakRSS, .rssPerThread, .rssPerTask: [.bytes]
        case .perThreadUserKernel: [.bytes, .bytes, .bytes]
        case .largestNMemory: [.bytes, .count, .bytes, .count]
        case .perThreadAtLargestN: [.bytes, .bytes, .count]
        case .threadCreation, .taskCreation: [.ns, .ns]
        case .mostTasks: [.count, .count]
        }
    }
}

/// The unit of a study number's figure.
public enum StudyUnit: String, Codable, Sendable {
    /// Nanoseconds; seconds; bytes; a count (members, tasks, threads); a share of one CPU
    /// (1 = 100 %); a ratio.
    case ns, seconds, bytes, count, cpuShare = "cpu-share", ratio
}

/// A column of the study numbers' table: the figures and where they come from, or why not.
public struct StudyMeasurement: Codable, Sendable, Equatable {
    /// The figures, in the quantity's units (nil where this run has none, e.g. no syscall count).
    public var values: [Double?]
    /// The points they come from (`pointKey`s), in the quantity's order.
    public var points: [String]
    /// The memory fit they come from (its variant), for the memory slopes.
    public var fit: Variant?
    /// Why there are no figures (nil when measured).
    public var notRun: StudyNotRun?
    public init(values: [Double?], points: [String] = [], fit: Variant? = nil) {
        self.values = values; self.points = points; self.fit = fit
    }
    public init(notRun: StudyNotRun) { self.values = []; self.points = []; self.notRun = notRun }
}

/// Why a study number has no figure here.
public enum StudyNotRun: Codable, Sendable, Equatable {
    /// No measured point of `variant` (the role's variant, or the role's name without one).
    case noPoint(variant: Variant, pinned: Bool)
    /// No memory fit of `variant` in this profile.
    case noFit(variant: Variant)
    /// No variant plays `role` (a reference family without that program).
    case noVariant(role: VariantRole)
    /// No thread-brigade run recorded a peak resident set.
    case noPeak
}
