import Foundation

/// The file `ctxbench run` writes (results.json): everything measured, nothing derived.
/// Adding an optional field keeps `schemaVersion`; renaming, removing or changing a unit bumps it.
public struct ResultsFile: Codable, Sendable, Equatable {
    public static let schemaName = "ctxbench.results"
    public static let currentVersion = 1

    /// Always "ctxbench.results".
    public var schema: String
    /// Format version of this file (see docs/FORMATS.md).
    public var schemaVersion: Int
    /// ctxbench version that wrote the file (e.g. "0.1.0").
    public var ctxbenchVersion: String
    /// The machine and toolchain the run measured.
    public var environment: Environment
    /// What was asked for: profile, parameters, seed.
    public var configuration: Configuration
    /// Limits that cap task and thread counts on this machine (optional).
    public var limits: LimitsReport?
    /// True once every planned process run has finished (successfully or not).
    public var complete: Bool
    /// One record per process run, in the order they ran.
    public var runs: [ProcessRun]
    /// Planned work that was not run, with the reason (e.g. a limit of this machine).
    public var skipped: [SkippedRun]
    /// Syscall counts per hop from a separate, untimed strace run (optional).
    public var syscalls: [SyscallCount]?

    public init(environment: Environment, configuration: Configuration, ctxbenchVersion: String) {
        self.schema = Self.schemaName
        self.schemaVersion = Self.currentVersion
        self.ctxbenchVersion = ctxbenchVersion
        self.environment = environment
        self.configuration = configuration
        self.limits = nil
        self.complete = false
        self.runs = []
        self.skipped = []
        self.syscalls = nil
    }
}

/// The machine a run measured.
public struct Environment: Codable, Sendable, Equatable {
    /// CPU model name from /proc/cpuinfo.
    public var cpuModel: String
    /// Logical CPUs online (sysconf(_SC_NPROCESSORS_ONLN)).
    public var logicalCPUs: Int
    /// CPUs this process may run on (sched_getaffinity).
    public var allowedCPUs: [Int]
    /// Kernel release (uname -r).
    public var kernel: String
    /// Operating system name (PRETTY_NAME of /etc/os-release).
    public var os: String
    /// Output of `swift --version`, first line, or the compiler version ctxbench was built with.
    public var swiftVersion: String
    /// Git commit ctxbench was built from ("unknown" outside a checkout).
    public var ctxbenchCommit: String
    /// Host name.
    public var hostname: String
    /// Start of the run, ISO 8601 UTC.
    public var date: String
    /// Hypervisor or container detected ("none" on bare metal), from /proc/cpuinfo and /sys.
    public var virtualization: String
    /// cpufreq scaling governor of CPU 0, or nil where the kernel exposes none.
    public var governor: String?
    /// Total memory in bytes (MemTotal).
    public var memoryBytes: UInt64
    /// 1-minute load average when measuring started.
    public var loadAverageStart: Double
    /// 1-minute load average when measuring ended (nil until the run ends).
    public var loadAverageEnd: Double?
    /// Seconds spent waiting for the machine to settle before the first measurement.
    public var settleSeconds: Double
    /// End of the run, ISO 8601 UTC (nil until the run ends).
    public var finishedAt: String?
    /// The command line that produced the file.
    public var commandLine: [String]
    /// How each reference family asked for was built (`--reference rust`): compiler, crate
    /// versions, build flags. Nil when no reference was asked for, and in files written before it existed.
    public var referenceBuilds: [ReferenceBuild]?

    public init(cpuModel: String, logicalCPUs: Int, allowedCPUs: [Int], kernel: String, os: String,
                swiftVersion: String, ctxbenchCommit: String, hostname: String, date: String,
                virtualization: String, governor: String?, memoryBytes: UInt64,
                loadAverageStart: Double, loadAverageEnd: Double? = nil, settleSeconds: Double = 0,
                finishedAt: String? = nil, commandLine: [String]) {
        self.cpuModel = cpuModel; self.logicalCPUs = logicalCPUs; self.allowedCPUs = allowedCPUs
        self.kernel = kernel; self.os = os; self.swiftVersion = swiftVersion
        self.ctxbenchCommit = ctxbenchCommit; self.hostname = hostname; self.date = date
        self.virtualization = virtualization; self.governor = governor; self.memoryBytes = memoryBytes
        self.loadAverageStart = loadAverageStart; self.loadAverageEnd = loadAverageEnd
        self.settleSeconds = settleSeconds; self.finishedAt = finishedAt; self.commandLine = commandLine
    }
}

/// What the user asked for.
public struct Configuration: Codable, Sendable, Equatable {
    /// "smoke", "quick" or "full".
    public var profile: String
    /// Seed of the run order shuffle (and recorded for re-analysis).
    public var seed: UInt64
    /// Variants selected with --only (nil = all).
    public var only: [String]?
    public var pin: PinMode
    /// Process runs per variant and parameter set.
    public var runsPerPoint: Int
    /// Explicit overrides given on the command line (nil = profile default).
    public var tasksOverride: Int?
    public var iterationsOverride: Int?
    public var warmupsOverride: Int?
    /// Child timeout in seconds given with --timeout (nil = derived from parameters).
    public var timeoutSeconds: Double?
    /// Every process run planned, in the (shuffled) order they run. A budgeted run appends each
    /// round's runs as the round is decided, so the plan grows with the rounds.
    public var plan: [RunSpec]
    /// How a budgeted run decides (nil: a fixed plan, decided at 95 % in one look).
    public var decision: DecisionPlan?

    public init(profile: String, seed: UInt64, only: [String]?, pin: PinMode, runsPerPoint: Int,
                tasksOverride: Int? = nil, iterationsOverride: Int? = nil, warmupsOverride: Int? = nil,
                timeoutSeconds: Double? = nil, plan: [RunSpec]) {
        self.profile = profile; self.seed = seed; self.only = only; self.pin = pin
        self.runsPerPoint = runsPerPoint; self.tasksOverride = tasksOverride
        self.iterationsOverride = iterationsOverride; self.warmupsOverride = warmupsOverride
        self.timeoutSeconds = timeoutSeconds; self.plan = plan
    }
}

/// The budget and the error control of a budgeted run (docs/METHOD.md, "Deciding within a
/// budget"): a first pass, then at most `looks - 1` rounds that add process runs where a verdict
/// is still open, until every verdict is decided or the budget is spent. Every look decides at
/// level 1 - alpha / looks (alpha spent equally over a fixed number of looks), so by the union
/// bound the chance that any look's interval misses is at most alpha.
public struct DecisionPlan: Codable, Sendable, Equatable {
    /// Seconds of process runs (the sum of their wall seconds) the run may spend, first pass included.
    public var budgetSeconds: Double
    /// Looks at the data at most: the first pass and each round end with one (>= 1).
    public var looks: Int
    /// Error rate spent over all looks (0.05).
    public var alpha: Double
    /// Why the run stopped adding rounds (nil while it runs).
    public var stopped: StopReason?
    /// Seconds measuring so far: process runs with their start and saving, summed over the
    /// sessions of a resumed run (nil before the first process run). The budget counts these.
    public var spentSeconds: Double?

    public init(budgetSeconds: Double, looks: Int, alpha: Double = 0.05) {
        precondition(looks >= 1 && alpha > 0 && alpha < 1, "a decision plan needs looks >= 1 and 0 < alpha < 1")
        self.budgetSeconds = budgetSeconds; self.looks = looks; self.alpha = alpha
    }

    /// Confidence level of every look's interval: 1 - alpha / looks (0.9875 for 4 looks).
    public var level: Double { 1 - alpha / Double(looks) }
}

/// What a budgeted run does after a look: another round of process runs, or stop and why.
public enum RoundDecision: Sendable, Equatable {
    /// Run these specs as the next round (already numbered with `round` and fresh run indices).
    case run([RunSpec], why: RoundPlan)
    /// Stop: every verdict is decided, the looks are used up, or the budget is spent.
    case stop(StopReason)
}

/// One round of a budgeted run: its look, its process runs, their estimated seconds and the
/// claims they serve.
public struct RoundPlan: Sendable, Equatable, CustomStringConvertible {
    public var look: Int
    public var runs: Int
    /// Estimated measuring seconds (the points' mean wall time per run, summed).
    public var seconds: Double
    /// Claim ids the round's runs serve.
    public var claims: [String]
    public init(look: Int, runs: Int, seconds: Double, claims: [String]) {
        self.look = look; self.runs = runs; self.seconds = seconds; self.claims = claims
    }
    /// The progress line: "round 1: 24 process runs (about 40 s) for C5, C8".
    public var description: String {
        "round \(look): \(runs) process runs (about \(Format.seconds(seconds))) for \(claims.joined(separator: ", "))"
    }
}

/// Why a budgeted run stopped adding rounds (results.json's `decision.stopped`).
public enum StopReason: Codable, Sendable, Equatable, CustomStringConvertible {
    /// A fixed plan (no budget) has no rounds.
    case fixedPlan
    /// Every verdict decided and stable after look `look` of `looks`.
    case decided(look: Int, looks: Int)
    /// The last look is done; `open`: still inconclusive, `fragile`: decided but unstable.
    case lastLook(looks: Int, open: [String], fragile: [String])
    /// No affordable round is left in the budget (seconds spent of the budget).
    case budgetSpent(spent: Double, budget: Double, open: [String], fragile: [String])
    /// A reason written as a sentence by a ctxbench before 0.3 (results files keep it as it was).
    case described(String)

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) { self = .described(text); return }
        self = try Self.Typed(from: decoder).value
    }

    public func encode(to encoder: Encoder) throws {
        if case .described(let text) = self {
            var c = encoder.singleValueContainer()
            try c.encode(text)
        } else {
            try Typed(self).encode(to: encoder)
        }
    }

    /// The typed cases as Swift synthesises their coding (a string stays a string).
    private enum Typed: Codable {
        case fixedPlan, decided(look: Int, looks: Int), lastLook(looks: Int, open: [String], fragile: [String])
        case budgetSpent(spent: Double, budget: Double, open: [String], fragile: [String])
        init(_ r: StopReason) {
            switch r {
            case .fixedPlan, .described: self = .fixedPlan
            case .decided(let l, let n): self = .decided(look: l, looks: n)
            case .lastLook(let n, let o, let f): self = .lastLook(looks: n, open: o, fragile: f)
            case .budgetSpent(let s, let b, let o, let f): self = .budgetSpent(spent: s, budget: b, open: o, fragile: f)
            }
        }
        var value: StopReason {
            switch self {
            case .fixedPlan: .fixedPlan
            case .decided(let l, let n): .decided(look: l, looks: n)
            case .lastLook(let n, let o, let f): .lastLook(looks: n, open: o, fragile: f)
            case .budgetSpent(let s, let b, let o, let f): .budgetSpent(spent: s, budget: b, open: o, fragile: f)
            }
        }
    }

    /// What is still open: "still inconclusive: C8" or "every verdict decided, C6 with stability below 0.9".
    static func still(_ open: [String], _ fragile: [String]) -> String {
        open.isEmpty ? "every verdict decided, \(fragile.joined(separator: ", ")) with stability below 0.9"
            : "still inconclusive: \(open.joined(separator: ", "))"
    }

    /// In words, for the progress line and the report.
    public var description: String {
        switch self {
        case .fixedPlan: "a fixed plan has no rounds"
        case .decided(let look, let looks): "every verdict is decided and stable after look \(look) of \(looks)"
        case .lastLook(let looks, let open, let fragile): "that was the last of \(looks) looks; \(Self.still(open, fragile))"
        case .budgetSpent(let spent, let budget, let open, let fragile):
            "the budget is spent (\(Format.seconds(spent)) of \(Format.seconds(budget))); \(Self.still(open, fragile))"
        case .described(let text): text
        }
    }
}
