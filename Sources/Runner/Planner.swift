import Limits
import Results

/// What the user asked for on the command line, before it becomes a plan.
public struct RunRequest: Sendable {
    public var profile: Profile
    public var only: [String]?
    public var pin: PinMode
    public var tasks: Int?
    public var iterations: Int?
    public var warmups: Int?
    public var runs: Int?
    public var seed: UInt64
    /// Reference families asked for (`--reference rust`): their variants are planned beside
    /// the others; without it they are not planned at all.
    public var references: Set<ReferenceFamily>
    /// Asked-for families whose executable is missing: their variants are recorded as not run.
    public var referencesMissing: Set<ReferenceFamily>

    public init(profile: Profile, only: [String]? = nil, pin: PinMode = .both, tasks: Int? = nil,
                iterations: Int? = nil, warmups: Int? = nil, runs: Int? = nil, seed: UInt64,
                references: Set<ReferenceFamily> = [], referencesMissing: Set<ReferenceFamily> = []) {
        self.profile = profile; self.only = only; self.pin = pin; self.tasks = tasks
        self.iterations = iterations; self.warmups = warmups; self.runs = runs; self.seed = seed
        self.references = references; self.referencesMissing = referencesMissing
    }
}

/// What this machine allows, as the planner needs it: a limits report (or none in tests).
public struct Capacity: Sendable {
    public var report: LimitsReport?

    public init(report: LimitsReport?) { self.report = report }

    /// No limit at all (tests).
    public static let unlimited = Capacity(report: nil)

    /// nil when `tasks` members of `variant` fit; else the most that fit and the one-line
    /// message naming the binding limit and its fix.
    func excess(_ variant: Variant, tasks: Int) -> (capacity: Int, message: String)? {
        guard let report else { return nil }
        let row = variant.row
        let verdict = CapacityCheck.check(variantUsesLinks: row.usesLinks, threadPerMember: row.threadPerMember,
                                          tasks: tasks, report: report, fdsPerMember: row.fdsPerMember)
        if case .exceeds(_, let capacity, let message) = verdict { return (capacity, message) }
        return nil
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
        let selected = Variant.allCases.filter { r.only?.contains($0.rawValue) ?? true }
        let pins: [Bool] = r.pin == .on ? [true] : r.pin == .off ? [false] : [false, true]
        let p = r.profile
        let runs = r.runs ?? p.runs
        var specs = [RunSpec]()
        var skipped = [SkippedRun]()

        func add(_ v: Variant, group: RunGroup, tasks asked: Int, explicit: Bool, iterations: Int,
                 warmups: Int, pinned: [Bool], runs: Int, kind: VariantKind, inFlight: Int? = nil) throws {
            var tasks = asked
            if let (limit, message) = capacity.excess(v, tasks: asked) {
                if explicit { throw PlanError(description: "\(v.name): \(message)") }
                let reason = message.replacingOccurrences(of: "--tasks \(asked) needs", with: "\(asked) members need")
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

        for v in selected {
            let row = v.row
            if let family = row.executable.reference {
                // A reference runs only when asked for; named in --only without it, or asked for
                // but not built, it is recorded as not run with the command that fixes it.
                let named = r.only?.contains(v.rawValue) ?? false
                let why: String? = !r.references.contains(family) ? (named ? family.notRequestedReason : nil)
                    : r.referencesMissing.contains(family) ? family.notBuiltReason : ""
                guard why == "" else {
                    if let why {
                        let tasks = r.tasks ?? (row.kind == .creation
                            ? (row.threadPerMember ? p.creationThreads : p.creationTasks) : p.brigadeTasks)
                        skipped.append(SkippedRun(variant: v, group: .main, tasks: tasks, reason: why, clampedTo: nil))
                    }
                    continue
                }
            }
            switch row.kind {
            case .brigade:
                let inMemory = row.roles.contains(.inMemoryBrigade)
                try add(v, group: .main, tasks: r.tasks ?? p.brigadeTasks, explicit: r.tasks != nil,
                        iterations: r.iterations ?? (inMemory ? p.memoryBrigadeIterations : p.brigadeIterations),
                        warmups: r.warmups ?? (inMemory ? p.memoryBrigadeWarmups : p.pipeWarmups),
                        pinned: pins, runs: runs, kind: .brigade)
                // K bytes in flight (C12): the same hops per process run as the headline point.
                if r.tasks == nil, r.iterations == nil, row.manyInFlight {
                    let n = p.brigadeTasks
                    for k in p.inFlightCounts where k <= n {
                        let hops = InFlight.hopsPerRound(members: n, inFlight: k)
                        let iterations = max(10, p.brigadeIterations * n / hops)
                        try add(v, group: .inFlight, tasks: n, explicit: false, iterations: iterations,
                                warmups: max(3, p.pipeWarmups * n / hops), pinned: [false], runs: p.inFlightRuns,
                                kind: .brigade, inFlight: k)
                    }
                }
                // The sweep is for the Swift designs; a floor or a reference is compared at the headline N.
                guard r.tasks == nil, r.iterations == nil, row.floorOf.isEmpty, row.referenceOf.isEmpty else { continue }
                let swept = p.sweepRoles.isEmpty || p.sweepRoles.contains(where: row.roles.contains)
                // The profile's sweep pinnings, within what --pin asked for.
                let asked = (p.sweepPins ?? [pins.last!]).filter(pins.contains)
                let sweepPins = asked.isEmpty ? [pins.last!] : asked
                for n in p.sweepTasks where swept && n != p.brigadeTasks {
                    let iterations = max(10, p.sweepHops / n)
                    try add(v, group: .sweep, tasks: n, explicit: false, iterations: iterations,
                            warmups: max(5, min(p.pipeWarmups, iterations / 10)), pinned: sweepPins,
                            runs: p.sweepRuns, kind: .brigade)
                }
            case .creation:
                let threads = row.threadPerMember
                try add(v, group: .main, tasks: r.tasks ?? (threads ? p.creationThreads : p.creationTasks),
                        explicit: r.tasks != nil, iterations: r.iterations ?? p.creationIterations,
                        warmups: r.warmups ?? p.creationWarmups, pinned: [r.pin == .on], runs: runs, kind: .creation)
            case .memory:
                break
            }
            if r.tasks == nil, r.iterations == nil, let large = row.large, let n = p.large[large] {
                try add(v, group: .large, tasks: n, explicit: false, iterations: p.largeIterations, warmups: 2,
                        pinned: [false], runs: large == .studyN ? p.largeRuns : 1, kind: .brigade)
            }
            if r.tasks == nil, r.iterations == nil, let counts = memoryCounts(v, p) {
                for n in counts {
                    try add(v, group: .memory, tasks: n, explicit: false, iterations: 3, warmups: 2,
                            pinned: [false], runs: p.memoryRuns, kind: .memory)
                }
            }
        }
        var rng = SplitMix64(seed: r.seed)
        specs.shuffle(using: &rng)
        return (specs, skipped)
    }

    /// Task counts of the memory fit for the variants that have one (threads vs tasks).
    static func memoryCounts(_ v: Variant, _ p: Profile) -> [Int]? {
        guard v.row.memorySeries != nil else { return nil }
        let counts = v.row.threadPerMember ? p.memoryThreadCounts : p.memoryTaskCounts
        return counts.isEmpty ? nil : counts
    }
}

