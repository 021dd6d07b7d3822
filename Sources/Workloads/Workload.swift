import Results

/// Parameters of one process run, as the child receives them.
public struct WorkloadParameters: Sendable {
    /// Brigade members, or threads/tasks spawned per iteration.
    public var tasks: Int
    /// Timed iterations.
    public var iterations: Int
    /// Untimed warm-up iterations.
    public var warmups: Int
    /// Read memory (smaps_rollup, meminfo deltas) while every member is alive and blocked.
    public var measureMemory: Bool
    /// Test hook: make the variant misbehave so tests can see its self-check fire.
    public var fault: Fault?

    public init(tasks: Int, iterations: Int, warmups: Int, measureMemory: Bool = false, fault: Fault? = nil) {
        self.tasks = tasks; self.iterations = iterations; self.warmups = warmups
        self.measureMemory = measureMemory; self.fault = fault
    }
}

/// Faults a test can inject (never used by a profile).
public enum Fault: String, Sendable, CaseIterable {
    /// One member forwards a wrong value in the first timed iteration.
    case corruptValue = "corrupt-value"
    /// One member stops forwarding, so the chain hangs (the runner's timeout must fire).
    case hang
}

/// What a variant measured; the workload main adds CPUs and rusage.
public struct Measured: Sendable {
    /// One per timed iteration, nanoseconds.
    public var samplesNs: [UInt64]
    /// Creation variants: mean spawn-to-body latency per iteration, nanoseconds.
    public var latencySamplesNs: [UInt64]?
    /// What the self-check verified.
    public var check: String
    /// getrusage delta over the timed iterations.
    public var timedRusage: ResourceUsage?
    /// Threads alive while members were alive.
    public var threads: Int
    /// Memory reading (when asked for).
    public var memory: MemoryReading?

    public init(samplesNs: [UInt64], latencySamplesNs: [UInt64]? = nil, check: String,
                timedRusage: ResourceUsage?, threads: Int, memory: MemoryReading? = nil) {
        self.samplesNs = samplesNs; self.latencySamplesNs = latencySamplesNs; self.check = check
        self.timedRusage = timedRusage; self.threads = threads; self.memory = memory
    }
}

/// Why a variant did not produce a measurement.
public enum WorkloadError: Error, CustomStringConvertible {
    /// The variant's own correctness check failed: its time would be meaningless.
    case selfCheck(String)
    /// A system call failed while setting up (e.g. EMFILE creating links).
    case setup(String)

    public var description: String {
        switch self {
        case .selfCheck(let m): return "self-check failed: \(m)"
        case .setup(let m): return "setup failed: \(m)"
        }
    }
}

/// A benchmark variant. `run` sets up (untimed), warms up, times every iteration and
/// verifies its own result, throwing `WorkloadError.selfCheck` when the result is wrong.
public protocol Workload: Sendable {
    static var name: String { get }
    static func run(_ parameters: WorkloadParameters) throws -> Measured
}

/// Every variant the workload executable can run, by name.
public enum WorkloadRegistry {
    public static let all: [any Workload.Type] = [
        ThreadBrigade.self, OneThreadBrigade.self, ThreadCreation.self,
        AsyncBrigadeEpoll.self, AsyncMemBrigade.self, AsyncCreation.self,
        AsyncBrigade.self, AsyncBrigade1T.self, NIOBrigade.self,
        AsyncBrigadeUring.self,
    ]

    public static func named(_ name: String) -> (any Workload.Type)? {
        all.first { $0.name == name }
    }
}
