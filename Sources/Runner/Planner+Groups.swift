import Results

/// The plan as it grows, one group of points at a time (Planner.plan): the headline point of
/// each variant, then the profile's in-flight, sweep, large and memory points.
struct PlanBuilder {
    let r: RunRequest
    let p: Profile
    let capacity: Capacity
    /// The pinnings `--pin` asked for: [false], [true] or [false, true].
    let pins: [Bool]
    var specs = [RunSpec]()
    var skipped = [SkippedRun]()

    init(request: RunRequest, capacity: Capacity) {
        r = request
        p = request.profile
        self.capacity = capacity
        pins = request.pin == .on ? [true] : request.pin == .off ? [false] : [false, true]
    }

    /// Adds `runs` process runs per pinning of `v` at `asked` members, clamped to this machine's
    /// capacity (an explicit `--tasks` beyond it throws; a profile default is recorded in `skipped`).
    mutating func add(_ v: Variant, group: RunGroup, tasks asked: Int, explicit: Bool = false, iterations: Int,
                      warmups: Int, pinned: [Bool], runs: Int, kind: VariantKind, inFlight: Int? = nil) throws {
        var tasks = asked
        if let (limit, message, reason) = capacity.excess(v, tasks: asked) {
            if explicit { throw PlanError(description: "\(v.name): \(message)") }
            guard limit >= 1 else {
                skipped.append(SkippedRun(variant: v, group: group, tasks: asked, reason: reason, clampedTo: nil))
                return
            }
            skipped.append(SkippedRun(variant: v, group: group, tasks: asked, reason: reason, clampedTo: limit))
            tasks = limit
        }
        for pinned in pinned {
            for i in 0..<runs {
                specs.append(RunSpec(variant: v, kind: kind, tasks: tasks, iterations: iterations,
                                     warmups: warmups, pinned: pinned, runIndex: i, group: group, inFlight: inFlight))
            }
        }
    }

    /// False for a reference variant that does not run: not asked for (recorded as not run
    /// when named in --only, with how to ask for it), or asked for but not built (recorded
    /// with the command that builds it).
    mutating func admits(_ v: Variant) -> Bool {
        let row = v.row
        guard let family = row.executable.reference else { return true }
        let named = r.only?.contains(v.rawValue) ?? false
        guard !r.references.contains(family) || r.referencesMissing.contains(family) else { return true }
        let why: SkipReason? = !r.references.contains(family) ? (named ? .referenceNotRequested(family: family) : nil)
            : .referenceNotBuilt(family: family)
        if let why {
            let tasks = r.tasks ?? (row.kind == .creation
                ? (row.threadPerMember ? p.creationThreads : p.creationTasks) : p.brigadeTasks)
            skipped.append(SkippedRun(variant: v, group: .main, tasks: tasks, reason: why, clampedTo: nil))
        }
        return false
    }

    /// The headline point: brigades at N pinned and unpinned, creation at K unpinned (pinned
    /// with --pin on).
    mutating func addHeadline(_ v: Variant) throws {
        let row = v.row
        let runs = r.runs ?? p.runs
        switch row.kind {
        case .brigade:
            let inMemory = row.inMemory
            try add(v, group: .main, tasks: r.tasks ?? p.brigadeTasks, explicit: r.tasks != nil,
                    iterations: r.iterations ?? (inMemory ? p.memoryBrigadeIterations : p.brigadeIterations),
                    warmups: r.warmups ?? (inMemory ? p.memoryBrigadeWarmups : p.pipeWarmups),
                    pinned: pins, runs: runs, kind: .brigade)
        case .creation:
            let threads = row.threadPerMember
            try add(v, group: .main, tasks: r.tasks ?? (threads ? p.creationThreads : p.creationTasks),
                    explicit: r.tasks != nil, iterations: r.iterations ?? p.creationIterations,
                    warmups: r.warmups ?? p.creationWarmups, pinned: [r.pin == .on], runs: runs, kind: .creation)
        case .memory:
            break
        }
    }

    /// K bytes in flight (C12), for the rows that say `manyInFlight`: the same hops per
    /// process run as the headline point, unpinned.
    mutating func addInFlight(_ v: Variant) throws {
        guard v.row.kind == .brigade, v.row.manyInFlight else { return }
        let n = p.brigadeTasks
        for k in p.inFlightCounts where k <= n {
            let hops = InFlight.hopsPerRound(members: n, inFlight: k)
            try add(v, group: .inFlight, tasks: n, iterations: max(10, p.brigadeIterations * n / hops),
                    warmups: max(3, p.pipeWarmups * n / hops), pinned: [false], runs: p.inFlightRuns,
                    kind: .brigade, inFlight: k)
        }
    }

    /// The sweep over N: the Swift designs the profile sweeps, at its pinnings within --pin;
    /// of a reference, the rows that play a role of `referenceSweepRoles` (C8), at
    /// `referenceSweepPins`. A C floor is compared at the headline N only.
    mutating func addSweep(_ v: Variant) throws {
        let row = v.row
        guard row.kind == .brigade, row.floorOf.isEmpty else { return }
        let swept: Bool, profilePins: [Bool]?
        if row.isReference {
            swept = p.referenceSweepRoles.contains(where: row.referenceRoles.contains)
            profilePins = p.referenceSweepPins
        } else {
            swept = p.sweepRoles.isEmpty || p.sweepRoles.contains(where: row.roles.contains)
            profilePins = p.sweepPins
        }
        guard swept else { return }
        let asked = (profilePins ?? [pins.last!]).filter(pins.contains)
        let sweepPins = asked.isEmpty ? [pins.last!] : asked
        for n in p.sweepTasks where n != p.brigadeTasks {
            let iterations = max(10, p.sweepHops / n)
            try add(v, group: .sweep, tasks: n, iterations: iterations,
                    warmups: max(5, min(p.pipeWarmups, iterations / 10)), pinned: sweepPins,
                    runs: p.sweepRuns, kind: .brigade)
        }
    }

    /// The many-member runs (C8's study N, C9's capacity run), unpinned, clamped to the limits.
    mutating func addLarge(_ v: Variant) throws {
        guard let large = v.row.large, let n = p.large[large] else { return }
        try add(v, group: .large, tasks: n, iterations: p.largeIterations, warmups: 2,
                pinned: [false], runs: large == .studyN ? p.largeRuns : 1, kind: .brigade)
    }

    /// The memory runs at the fitted task counts (C7, C8's memory part, the kernel-memory estimate).
    mutating func addMemory(_ v: Variant) throws {
        guard let counts = Planner.memoryCounts(v, p) else { return }
        for n in counts {
            try add(v, group: .memory, tasks: n, iterations: 3, warmups: 2,
                    pinned: [false], runs: p.memoryRuns, kind: .memory)
        }
    }
}
