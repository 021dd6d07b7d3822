import Foundation

/// What a variant measures, which decides how its samples are read.
public enum VariantKind: String, Codable, Sendable, CaseIterable {
    /// A chain of N members passing a value; a sample is one round trip through the chain.
    case brigade
    /// K threads or tasks spawned per iteration; a sample is the time to spawn all K.
    case creation
    /// Resident memory read while N members are alive and blocked.
    case memory
}

/// Which part of a run a process run belongs to.
public enum RunGroup: String, Codable, Sendable, CaseIterable {
    /// The headline points (the study's N).
    case main
    /// The task-count sweep.
    case sweep
    /// Resident-memory readings at several task counts.
    case memory
    /// Runs of many members (claims C8, C9).
    case large
    /// Brigades with K bytes in flight (the open question C12).
    case inFlight = "in-flight"
}

/// Which pinnings a run measures: pinned to one CPU, unpinned, or both.
public enum PinMode: String, Codable, Sendable, CaseIterable {
    case on, off, both
}

/// One planned process run: a variant with one parameter set.
public struct RunSpec: Codable, Sendable, Hashable {
    /// Variant name (see `ctxbench list`).
    public var variant: Variant
    /// Measured kind of this run.
    public var kind: VariantKind
    /// Brigade members, or threads/tasks spawned per iteration.
    public var tasks: Int
    /// Timed iterations.
    public var iterations: Int
    /// Untimed warm-up iterations before the timed ones.
    public var warmups: Int
    /// True when the child pins itself to one CPU before creating threads.
    public var pinned: Bool
    /// 0-based index of this run among the runs of the same point.
    public var runIndex: Int
    /// Group this run belongs to: main (headline), sweep (task-count sweep), memory, large, in-flight.
    public var group: RunGroup
    /// Bytes circulating at once (`--in-flight`); nil means 1, the study's brigade.
    public var inFlight: Int?
    /// The round that planned this run: nil (or 0) for the first pass, 1, 2, ... for the rounds a
    /// budgeted run adds where a verdict is still open (docs/METHOD.md, "Deciding within a budget").
    public var round: Int?

    public init(variant: Variant, kind: VariantKind, tasks: Int, iterations: Int, warmups: Int,
                pinned: Bool, runIndex: Int, group: RunGroup = .main, inFlight: Int? = nil, round: Int? = nil) {
        self.variant = variant; self.kind = kind; self.tasks = tasks; self.iterations = iterations
        self.warmups = warmups; self.pinned = pinned; self.runIndex = runIndex; self.group = group
        self.inFlight = inFlight.flatMap { $0 > 1 ? $0 : nil }
        self.round = round.flatMap { $0 > 0 ? $0 : nil }
    }

    /// The round that planned this run (0 = the first pass).
    public var roundIndex: Int { round ?? 0 }

    /// Hops (brigades) or items (creation) per timed iteration: per unit = sample / this.
    public var unitsPerIteration: Int {
        guard kind == .brigade, let k = inFlight, k > 1 else { return tasks }
        return InFlight.hopsPerRound(members: tasks, inFlight: k)
    }

    /// Identifies the parameter set, without the run index: runs with equal keys are repeats.
    public var pointKey: String {
        "\(group.rawValue)/\(variant.rawValue)/n\(tasks)\(inFlight.map { "/k\($0)" } ?? "")/i\(iterations)/w\(warmups)/\(pinned ? "pinned" : "unpinned")"
    }
    /// Unique key of this run.
    public var key: String { "\(pointKey)/r\(runIndex)" }
}

/// How a process run ended.
public enum RunStatus: String, Codable, Sendable {
    /// Measured, and the variant's self-check passed.
    case ok
    /// The child exited non-zero, crashed or failed its self-check.
    case failed
    /// The child exceeded its timeout and was killed.
    case timedOut
    /// The run was interrupted (SIGINT/SIGTERM) before it finished.
    case interrupted
}

/// One child process running one variant with one parameter set.
public struct ProcessRun: Codable, Sendable, Equatable {
    /// What ran.
    public var spec: RunSpec
    /// How it ended.
    public var status: RunStatus
    /// Why it failed or timed out (nil when ok).
    public var message: String?
    /// Exit status of the child, or the negated signal number that killed it.
    public var exitStatus: Int32?
    /// Last lines of the child's stderr when it failed.
    public var stderrTail: String?
    /// Wall time of the whole child process, seconds.
    public var wallSeconds: Double
    /// 1-minute load average just before / after the child ran.
    public var loadBefore: Double
    public var loadAfter: Double
    /// What the child measured (nil unless status is ok).
    public var output: WorkloadOutput?
    /// CPU time other processes used while the child ran, seconds: the machine's busy time
    /// (/proc/stat, clock-tick resolution) minus ctxbench's and the child's own (getrusage).
    /// Divided by `wallSeconds` it is the share of a CPU something else took. Optional (absent
    /// in files written before it existed, or where /proc/stat is unreadable).
    public var otherCPUSeconds: Double?

    /// CPUs' worth of other work beside the child, at least: `otherCPUSeconds` less one clock
    /// tick (10 ms) per CPU of `cpus`, /proc/stat's resolution, over `wallSeconds` (nil when
    /// unknown). Without the margin a 20 ms run on an idle machine could seem to share its CPUs.
    public func otherCPUShare(cpus: Int) -> Double? {
        guard let other = otherCPUSeconds, wallSeconds > 0 else { return nil }
        return max(0, other - 0.01 * Double(max(cpus, 1))) / wallSeconds
    }

    public init(spec: RunSpec, status: RunStatus, message: String? = nil, exitStatus: Int32? = nil,
                stderrTail: String? = nil, wallSeconds: Double, loadBefore: Double, loadAfter: Double,
                output: WorkloadOutput? = nil, otherCPUSeconds: Double? = nil) {
        self.spec = spec; self.status = status; self.message = message; self.exitStatus = exitStatus
        self.stderrTail = stderrTail; self.wallSeconds = wallSeconds; self.loadBefore = loadBefore
        self.loadAfter = loadAfter; self.output = output; self.otherCPUSeconds = otherCPUSeconds
    }
}

/// Planned work that did not run.
public struct SkippedRun: Codable, Sendable, Equatable {
    public var variant: Variant
    public var group: RunGroup
    /// Task count that was asked for.
    public var tasks: Int
    /// Why it did not run, or why it ran with fewer tasks: a limit and its figures, or a reference
    /// family not asked for or not built (a sentence in results files before v3 of the analysis).
    public var reason: SkipReason
    /// Task count actually run instead (nil when nothing ran).
    public var clampedTo: Int?

    public init(variant: Variant, group: RunGroup, tasks: Int, reason: SkipReason, clampedTo: Int?) {
        self.variant = variant; self.group = group; self.tasks = tasks; self.reason = reason
        self.clampedTo = clampedTo
    }
}

/// Syscalls per hop counted under `strace -f -c` in a short untimed run.
public struct SyscallCount: Codable, Sendable, Equatable {
    public var variant: Variant
    public var pinned: Bool
    /// Hops counted (tasks x iterations, warm-ups included).
    public var hops: Int
    /// Calls per hop by syscall name (e.g. "read": 2.0).
    public var perHop: [String: Double]
    /// Why counting failed (nil when it worked).
    public var error: String?

    public init(variant: Variant, pinned: Bool, hops: Int, perHop: [String: Double], error: String?) {
        self.variant = variant; self.pinned = pinned; self.hops = hops; self.perHop = perHop; self.error = error
    }
}

/// What a limit of this machine counts against a brigade's members.
public enum LimitedResource: String, Codable, Sendable {
    case fileDescriptors = "file descriptors", threads
}

/// Why a planned run was skipped or clamped, typed (results.json's `skipped[].reason`).
public enum SkipReason: Codable, Sendable, Equatable, CustomStringConvertible {
    /// `members` members need `needed` of `resource` but `limit` (its name in the limits table)
    /// is `value`: at most `capacity` members here.
    case limit(resource: LimitedResource, members: Int, needed: Int, limit: String, value: String, capacity: Int)
    /// A reference family's variant named in --only without `--reference <family>`.
    case referenceNotRequested(family: ReferenceFamily)
    /// The reference family was asked for but its executable is not built.
    case referenceNotBuilt(family: ReferenceFamily)
    /// A reason written as a sentence by a ctxbench before 0.3 (kept as it was).
    case described(String)

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) { self = .described(text); return }
        self = try Typed(from: decoder).value
    }

    public func encode(to encoder: Encoder) throws {
        if case .described(let text) = self {
            var c = encoder.singleValueContainer()
            try c.encode(text)
        } else if let typed = Typed(self) {
            try typed.encode(to: encoder)
        }
    }

    /// The typed cases as Swift synthesises their coding (a string stays a string).
    private enum Typed: Codable {
        case limit(resource: LimitedResource, members: Int, needed: Int, limit: String, value: String, capacity: Int)
        case referenceNotRequested(family: ReferenceFamily), referenceNotBuilt(family: ReferenceFamily)
        init?(_ r: SkipReason) {
            switch r {
            case .limit(let r, let m, let n, let l, let v, let c): self = .limit(resource: r, members: m, needed: n, limit: l, value: v, capacity: c)
            case .referenceNotRequested(let f): self = .referenceNotRequested(family: f)
            case .referenceNotBuilt(let f): self = .referenceNotBuilt(family: f)
            case .described: return nil
            }
        }
        var value: SkipReason {
            switch self {
            case .limit(let r, let m, let n, let l, let v, let c): .limit(resource: r, members: m, needed: n, limit: l, value: v, capacity: c)
            case .referenceNotRequested(let f): .referenceNotRequested(family: f)
            case .referenceNotBuilt(let f): .referenceNotBuilt(family: f)
            }
        }
    }

    /// In words, for the progress lines and the report ("50000 members need 100002 file
    /// descriptors but RLIMIT_NOFILE is 20000 (at most 9987 brigade members here)").
    public var description: String {
        switch self {
        case .limit(let resource, let members, let needed, let limit, let value, let capacity):
            let name = limit.hasSuffix(" (soft)") ? String(limit.dropLast(7)) : limit
            return "\(members) members need \(needed) \(resource.rawValue) but \(name) is \(value) "
                + "(at most \(capacity) \(resource == .threads ? "threads" : "brigade members") here)"
        case .referenceNotRequested(let f): return f.notRequestedReason
        case .referenceNotBuilt(let f): return f.notBuiltReason
        case .described(let text): return text
        }
    }
}
