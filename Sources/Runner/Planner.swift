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
    func excess(_ variant: Variant, tasks: Int) -> (capacity: Int, message: String, reason: SkipReason)? {
        guard let report else { return nil }
        let row = variant.row
        let verdict = CapacityCheck.check(variantUsesLinks: row.usesLinks, threadPerMember: row.threadPerMember,
                                          tasks: tasks, report: report, fdsPerMember: row.fdsPerMember)
        if case .exceeds(_, let capacity, let message, let reason) = verdict { return (capacity, message, reason) }
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
    /// a profile default beyond it is clamped and recorded in `skipped`. A reference variant
    /// (`--reference rust`) is planned like the Swift variant of its roles: headline points,
    /// memory runs, the C8 sweep and large runs, the capacity run and the in-flight sweep.
    public static func plan(_ r: RunRequest, capacity: Capacity) throws -> (plan: [RunSpec], skipped: [SkippedRun]) {
        var b = PlanBuilder(request: r, capacity: capacity)
        for v in Variant.allCases where r.only?.contains(v.rawValue) ?? true {
            guard b.admits(v) else { continue }
            try b.addHeadline(v)
            // The profile's extra points come only with the profile's own parameters.
            guard r.tasks == nil, r.iterations == nil else { continue }
            try b.addInFlight(v)
            try b.addSweep(v)
            try b.addLarge(v)
            try b.addMemory(v)
        }
        var rng = SplitMix64(seed: r.seed)
        b.specs.shuffle(using: &rng)
        return (b.specs, b.skipped)
    }

    /// Task counts of the memory fit for the variants that have one (threads vs tasks).
    static func memoryCounts(_ v: Variant, _ p: Profile) -> [Int]? {
        guard v.row.memorySeries != nil else { return nil }
        let counts = v.row.threadPerMember ? p.memoryThreadCounts : p.memoryTaskCounts
        return counts.isEmpty ? nil : counts
    }
}
