import Results

/// How an interval was made: the facts Render puts into words ("98.75 % CI, bootstrap over
/// 10/10 runs"). Counts carry no interval.
public enum IntervalMethod: Codable, Sendable, Equatable {
    /// Percentile bootstrap over process runs at `level`; runs per resampled group.
    case bootstrap(level: Double, runs: [Int])
    /// Case bootstrap of fitted lines at `level`: readings per fit.
    case caseBootstrap(level: Double, readings: [Int])
    /// t interval over the process-run means at `level`.
    case tInterval(level: Double, runs: Int)
    /// Hodges-Lehmann shift with its Mann-Whitney interval at `level` (`reached` false: too few
    /// runs for that level, the range of all pairwise ratios instead); runs per side.
    case hodgesLehmann(level: Double, runs: [Int], reached: Bool)
    /// One process run: no interval.
    case oneRun
    /// Counts (C9): no interval.
    case counts
    /// Syscall counts under strace -f -c (C10): no interval.
    case straceCounts
    /// A point value with no interval (used inside the analysis only).
    case point

    /// The interval's confidence level (a fraction), nil where there is no interval.
    public var level: Double? {
        switch self {
        case .bootstrap(let level, _), .caseBootstrap(let level, _), .tInterval(let level, _), .hodgesLehmann(let level, _, _): level
        case .oneRun, .counts, .straceCounts, .point: nil
        }
    }

    /// True for a value that has no interval by construction.
    public var isCount: Bool { self == .counts || self == .straceCounts }
}

/// Why a claim was not judged: typed, so Render words it and the variant table names things.
public enum NotRunReason: Codable, Sendable, Equatable {
    /// No variant of the table plays the role (or a variant named in the study table).
    case noVariant(role: String)
    /// No variant of a reference family plays the role (it is judged on its own variants only).
    case noFamilyVariant(family: String, role: String)
    /// The study table gives the claim no quantities.
    case noQuantities
    /// The point ran but no process run succeeded (the point's failures say why).
    case didNotMeasure(variant: Variant, pinned: Bool)
    /// The planned point was skipped (the skipped list says why).
    case skipped(variant: Variant, pinned: Bool)
    /// The point was not part of this run.
    case notInRun(variant: Variant, pinned: Bool)
    /// The denominator's median is at or below zero.
    case denominatorNotPositive
    /// The denominator is at or below zero in this many bootstrap resamples: no finite interval.
    case denominatorWithinNoise(resamples: Int)
    /// No memory fit of the variant (MemoryFit.fitFailure says why, when it ran).
    case notFitted(variant: Variant)
    /// A memory slope at or below zero.
    case slopeNotPositive(variant: Variant)
    /// Too few distinct task counts to bootstrap the fits.
    case tooFewTaskCounts
    /// The fitted lines give no positive resident size at `tasks`.
    case noPositiveResident(tasks: Int)
    /// No task count above the headline with the same pinning and >= 3 runs on both sides
    /// (`fewRuns`: a larger N ran, with fewer runs).
    case noLargerN(thread: Variant, async: Variant, fewRuns: Bool)
    /// The reference family ran no capacity run.
    case noCapacityRun(family: String)
    /// No async brigade ran.
    case noAsyncBrigade
    /// results.json has no limits section.
    case threadCapacityUnknown
    /// Syscalls were not counted (`error`: the counter's own message from results.json).
    case syscallsNotCounted(error: String?)
    /// The variant's syscalls were not counted.
    case syscallsNotCountedFor(variant: Variant)
    /// No run at one byte and at more than one in flight on both sides.
    case noInFlightRuns(thread: Variant, async: Variant)
    /// Fewer than 3 process runs at a point of the in-flight comparison (K, runs per side).
    case fewInFlightRuns(k: Int, runs: [Int])
    /// Both parts of a two-part claim (C8) could not run; see `parts`.
    case noPart
    /// An unexpected error of the statistics (its own message).
    case failed(message: String)
}

/// Which side of a ratio a qualifier speaks of, and how.
public enum Qualifier: Codable, Sendable, Equatable {
    /// Directional, the interval below 1: the opposite of the claim (the ratio).
    case reversed(ratio: Double)
    /// Directional, the interval contains 1.
    case straddlesOne
    /// Directional, beyond twice the study's ratio.
    case stronger(ratio: Double, study: Double)
    /// Directional, below half the study's ratio.
    case weaker(ratio: Double, study: Double)
    /// Directional, straddles half the study's ratio.
    case straddlesHalf(edge: Double)
    /// Equivalence or one-sided outside the band: the claim's side is `factor` times larger
    /// (dearer) or smaller (cheaper) than the other.
    case side(factor: Double, larger: Bool)
    /// An interval that straddles `edge` of the band (`factor`, `larger`: where the estimate is).
    case straddles(edge: Double, factor: Double, larger: Bool)
    /// One-sided (C4): the claim's side is now `factor` times faster.
    case nowFaster(factor: Double)
    /// One part of a two-part claim (C8) decides: its qualifier.
    indirect case part(ClaimPart.Kind, Qualifier)
}

/// Why a verdict is what it is: the rule's region the interval fell in, or why it did not run.
public enum Reason: Codable, Sendable, Equatable {
    // Directional (edges 1 and half the study's ratio).
    case belowOne, containsOne, aboveTwiceStudy, atLeastHalfStudy, belowHalfStudy, straddlesHalfStudy
    // Equivalence (the band [1/1.5, 1.5]).
    case insideBand, outsideBand, straddlesBand(edge: Double)
    // One-sided (C4).
    case atMostBound(bound: Double), aboveBound(bound: Double), straddlesBound(bound: Double)
    // Counts (C9).
    case moreTasksThanThreads, noMoreTasksThanThreads
    /// C10: each count within +/-0.5 of the study's, and epoll_wait called (false: that side is off).
    case syscalls(threadOK: Bool, asyncOK: Bool)
    /// A two-part claim (C8): each part's own reason is in `parts`.
    case parts
    case notRun(NotRunReason)
}

/// One figure behind a verdict: a value of a variant, typed, for Render to compose.
public struct ClaimFigure: Codable, Sendable, Equatable {
    public enum Quantity: String, Codable, Sendable {
        /// ns per hop, ns per switch (hop minus the I/O baseline), ns per item.
        case hop, `switch`, item
        /// Fitted resident bytes per member.
        case memorySlope
        /// Fitted resident bytes at `tasks` members (intercept + tasks x slope).
        case residentAt
        /// Fitted intercept, bytes.
        case memoryIntercept
        /// thread hop / async hop at `tasks` (and K bytes in flight).
        case hopRatio
        /// Most async tasks that ran (a count).
        case tasksRan
        /// Most threads: observed by the probe (`observed` true) or computed from the limits.
        case threadCapacity
        /// recv + write calls per hop; epoll_wait calls per hop.
        case ioCallsPerHop, epollWaitsPerHop
        /// Events returned per epoll_wait.
        case eventsPerWait
        /// The smallest K from which the per-hop cost stops falling (`value`: K; 0: still falling).
        case plateauK
    }
    public var quantity: Quantity
    /// The variant measured (nil for a ratio of two).
    public var variant: Variant?
    /// ns, bytes, a count or a ratio, as `quantity` says.
    public var value: Double
    public var pinned: Bool?
    /// Members (N) the figure is at.
    public var tasks: Int?
    /// Bytes in flight (K).
    public var inFlight: Int?
    /// For a thread capacity: true when the probe observed it.
    public var observed: Bool?
    public init(_ quantity: Quantity, variant: Variant? = nil, value: Double, pinned: Bool? = nil, tasks: Int? = nil,
                inFlight: Int? = nil, observed: Bool? = nil) {
        self.quantity = quantity; self.variant = variant; self.value = value; self.pinned = pinned; self.tasks = tasks
        self.inFlight = inFlight; self.observed = observed
    }
}

/// What ran instead of the study's exact experiment, and which limit forced it.
public enum Substitution: Codable, Sendable, Equatable {
    /// C8: speed at `tasks` instead of the study's `studyTasks` (`skippedLimit`: the limit the
    /// planner named when it clamped or skipped the large run; nil: the profile runs none).
    case speedAt(tasks: Int, studyTasks: Int, profile: String)
    /// C8: both N pinned to one CPU (no unpinned run above the headline N).
    case speedPinned
    /// C9: an in-memory brigade stands in for the socket brigade (whose members the link limit
    /// caps at `linkCapacity`; `socketMost`: the most socket-brigade tasks that ran).
    case inMemoryForSockets(variant: Variant, linkCapacity: Int?, socketMost: Int?)
    /// C9: the thread capacity computed from the limits, not observed.
    case threadsComputed
}

/// One part of a two-part claim (C8): its own verdict, ratio and reason.
public struct ClaimPart: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Resident memory at the study's N from the fitted lines.
        case memory
        /// The speed-up at the largest N against the headline N.
        case speed
    }
    public var kind: Kind
    public var verdict: Verdict
    public var ratio: Estimated?
    public var reason: Reason
    public init(kind: Kind, verdict: Verdict, ratio: Estimated?, reason: Reason) {
        self.kind = kind; self.verdict = verdict; self.ratio = ratio; self.reason = reason
    }
}
