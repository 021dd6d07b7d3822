import Results

/// What the user asked for on the command line, before it becomes a plan.
public struct RunRequest: Sendable {
    public var profile: Profile
    public var only: [String]?
    /// "on", "off" or "both".
    public var pin: String
    public var tasks: Int?
    public var iterations: Int?
    public var warmups: Int?
    public var runs: Int?
    public var seed: UInt64

    public init(profile: Profile, only: [String]? = nil, pin: String = "both", tasks: Int? = nil,
                iterations: Int? = nil, warmups: Int? = nil, runs: Int? = nil, seed: UInt64) {
        self.profile = profile; self.only = only; self.pin = pin; self.tasks = tasks
        self.iterations = iterations; self.warmups = warmups; self.runs = runs; self.seed = seed
    }
}

/// The most members / threads this machine allows, as the planner needs them.
public struct Capacity: Sendable {
    /// Most socketpair brigade members (2 fds each), and the limit that sets it.
    public var links: Int
    public var linksLimit: String
    /// Most threads one process can create, and the limit that sets it.
    public var threads: Int
    public var threadsLimit: String

    public init(links: Int, linksLimit: String, threads: Int, threadsLimit: String) {
        self.links = links; self.linksLimit = linksLimit; self.threads = threads; self.threadsLimit = threadsLimit
    }

    /// No limit at all (tests).
    public static let unlimited = Capacity(links: .max, linksLimit: "none", threads: .max, threadsLimit: "none")

    /// Largest task count `variant` can run here, with the limit's name, or nil when any fits.
    func cap(for variant: VariantInfo) -> (Int, String)? {
        var best: (Int, String)?
        if variant.usesLinks { best = (links, linksLimit) }
        if variant.threadPerMember, threads < (best?.0 ?? .max) { best = (threads, threadsLimit) }
        return best
    }
}

/// A request that cannot run here, with the one line that says why and what to do.
public struct PlanError: Error, CustomStringConvertible {
    public var description: String
}

/// Turns a request into the list of process runs, in a shuffled order fixed by the seed.
public enum Planner {
    /// Builds the plan. Throws when an explicit `--tasks` exceeds this machine's capacity;
    /// a profile default beyond it is clamped and recorded in `skipped`.
    public static func plan(_ r: RunRequest, capacity: Capacity) throws -> (plan: [RunSpec], skipped: [SkippedRun]) {
        let selected = Variants.all.filter { r.only?.contains($0.name) ?? true }
        let pins: [Bool] = r.pin == "on" ? [true] : r.pin == "off" ? [false] : [false, true]
        let p = r.profile
        let runs = r.runs ?? p.runs
        var specs = [RunSpec]()
        var skipped = [SkippedRun]()

        func add(_ v: VariantInfo, group: String, tasks asked: Int, explicit: Bool, iterations: Int,
                 warmups: Int, pinned: [Bool], runs: Int, kind: VariantKind) throws {
            var tasks = asked
            if let (limit, name) = capacity.cap(for: v), asked > limit {
                let reason = "\(name) allows at most \(limit) members here"
                if explicit {
                    throw PlanError(description: "--tasks \(asked) is too many for \(v.name): \(reason); use --tasks \(limit) or fewer, or raise the limit (see `ctxbench limits`)")
                }
                guard limit >= 1 else {
                    skipped.append(SkippedRun(variant: v.name, group: group, tasks: asked, reason: reason, clampedTo: nil))
                    return
                }
                skipped.append(SkippedRun(variant: v.name, group: group, tasks: asked, reason: reason, clampedTo: limit))
                tasks = limit
            }
            for pinned in pinned {
                for i in 0..<runs {
                    specs.append(RunSpec(variant: v.name, kind: kind, tasks: tasks, iterations: iterations,
                                         warmups: warmups, pinned: pinned, runIndex: i, group: group))
                }
            }
        }

        for v in selected {
            switch v.kind {
            case .brigade:
                let inMemory = v.name == "async-mem-brigade"
                try add(v, group: "main", tasks: r.tasks ?? p.brigadeTasks, explicit: r.tasks != nil,
                        iterations: r.iterations ?? (inMemory ? p.memoryBrigadeIterations : p.brigadeIterations),
                        warmups: r.warmups ?? (inMemory ? p.memoryBrigadeWarmups : p.pipeWarmups),
                        pinned: pins, runs: runs, kind: .brigade)
                guard r.tasks == nil, r.iterations == nil else { continue }
                for n in p.sweepTasks where n != p.brigadeTasks {
                    let iterations = max(10, p.sweepHops / n)
                    try add(v, group: "sweep", tasks: n, explicit: false, iterations: iterations,
                            warmups: max(5, min(p.pipeWarmups, iterations / 10)), pinned: [pins.last!],
                            runs: p.sweepRuns, kind: .brigade)
                }
            case .creation:
                let threads = v.name == "thread-creation"
                try add(v, group: "main", tasks: r.tasks ?? (threads ? p.creationThreads : p.creationTasks),
                        explicit: r.tasks != nil, iterations: r.iterations ?? p.creationIterations,
                        warmups: r.warmups ?? p.creationWarmups, pinned: [r.pin == "on"], runs: runs, kind: .creation)
            case .memory:
                break
            }
            if r.tasks == nil, r.iterations == nil, let counts = memoryCounts(v, p) {
                for n in counts {
                    try add(v, group: "memory", tasks: n, explicit: false, iterations: 3, warmups: 2,
                            pinned: [false], runs: p.memoryRuns, kind: .memory)
                }
            }
        }
        var rng = SplitMix64(seed: r.seed)
        specs.shuffle(using: &rng)
        return (specs, skipped)
    }

    /// Task counts of the memory fit for the variants that have one (threads vs tasks).
    static func memoryCounts(_ v: VariantInfo, _ p: Profile) -> [Int]? {
        switch v.name {
        case "thread-brigade": return p.memoryThreadCounts.isEmpty ? nil : p.memoryThreadCounts
        case "async-brigade-epoll", "async-mem-brigade": return p.memoryTaskCounts.isEmpty ? nil : p.memoryTaskCounts
        default: return nil
        }
    }
}

/// SplitMix64: a small, fully specified generator, so a seed gives the same order everywhere.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
