import Results

/// One condition of this run that differs from the study's (the report's "Conditions not
/// reproduced" table), with this run's numbers; Render (`ConditionText`) gives the study's value,
/// the words and the claims it touches. Encoded as `{"<code>": {fields}}`. (v2; typed in v3)
public enum Condition: Codable, Sendable, Equatable {
    /// Logical CPUs of the machine and CPUs allowed to the run (so the executor workers of
    /// `workerVariants`, one per allowed CPU); the study's machine had 8.
    case cpus(logical: Int, allowed: Int, workerVariants: [Variant])
    /// A virtual machine (`kind`: systemd-detect-virt's names); the study ran on bare metal.
    case virtualization(kind: String)
    /// Timed iterations and warm-ups of the headline points of one program kind, where they
    /// differ from the study's (`studyIterations` after `studyWarmups`); `variants` in order met.
    case iterations(program: IterationGroup, studyIterations: Int, studyWarmups: Int, settings: [IterationSetting],
                    variants: [Variant])
    /// Successful process runs per headline point, least and most (the study: one run).
    case processRuns(least: Int, most: Int)
    /// A group's runs at the study's N (`tasks`) that ran at `clampedTo` members instead, or not
    /// at all (nil); the `skipped` entry of the same group, N and variant says why.
    case substitutedN(group: RunGroup, tasks: Int, clampedTo: Int?, variants: [Variant])
    /// The most tasks an async brigade ran (`tasks` of `variant`), and whether on sockets; for an
    /// in-memory run, the most socket-brigade tasks (nil: none ran) beside it. The study: 250,000.
    case capacityRun(variant: Variant, tasks: Int, sockets: Bool, socketVariant: Variant?, socketTasks: Int?)
    /// The most threads: observed by the thread probe, or computed from the limits (threads);
    /// `limits` says what stopped the probe and which limit binds. The study: ~80,000.
    case threadCeiling(observed: Int?, computed: Int?)
    /// The hops syscalls were counted over and the members of that brigade (nil when the hops
    /// are not a whole number of the counter's rounds).
    case syscallN(hops: Int, members: Int?)
    /// The reference of `family` ran; `environment.referenceBuilds` holds its toolchain (or not).
    case referenceBuild(family: ReferenceFamily)

    enum CodingKeys: String, CodingKey {
        case cpus, virtualization, iterations, processRuns = "process-runs", substitutedN = "substituted-n"
        case capacityRun = "capacity-run", threadCeiling = "thread-ceiling", syscallN = "syscall-n"
        case referenceBuild = "reference-build"
    }

    /// The stable code: "cpus", "virtualization", "iterations", "process-runs", "substituted-n",
    /// "capacity-run", "thread-ceiling", "syscall-n", "reference-build".
    public var code: String {
        let key: CodingKeys = switch self {
        case .cpus: .cpus
        case .virtualization: .virtualization
        case .iterations: .iterations
        case .processRuns: .processRuns
        case .substitutedN: .substitutedN
        case .capacityRun: .capacityRun
        case .threadCeiling: .threadCeiling
        case .syscallN: .syscallN
        case .referenceBuild: .referenceBuild
        }
        return key.rawValue
    }
}

/// The study's programs grouped by the iterations and warm-ups they ran.
public enum IterationGroup: String, Codable, Sendable, Comparable {
    /// thread-creation and async-creation: 100 iterations after 10 warm-ups.
    case creation
    /// The in-memory and one-thread brigades: 10,000 iterations after 5 warm-ups.
    case inMemory = "in-memory"
    /// The pipe brigades: 10,000 iterations after 100 warm-ups.
    case pipe

    public static func < (l: Self, r: Self) -> Bool { l.rawValue < r.rawValue }
}

/// Timed iterations after warm-ups of a process run (iterations).
public struct IterationSetting: Codable, Sendable, Hashable {
    public var iterations: Int
    public var warmups: Int
    public init(iterations: Int, warmups: Int) { self.iterations = iterations; self.warmups = warmups }
}
