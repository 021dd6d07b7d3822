#if canImport(Glibc)
import Glibc
#endif
import SystemCall
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
    /// Bytes circulating at once in a brigade (1 = the study's one byte); per hop = round time /
    /// (N x inFlight). Only variants whose row says `inFlight` accept more than 1.
    public var inFlight: Int

    public init(tasks: Int, iterations: Int, warmups: Int, measureMemory: Bool = false, fault: Fault? = nil,
                inFlight: Int = 1) {
        self.tasks = tasks; self.iterations = iterations; self.warmups = warmups
        self.measureMemory = measureMemory; self.fault = fault; self.inFlight = inFlight
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
    /// Reactor variants: waits (epoll_wait / io_uring_enter calls) and events they returned
    /// over the timed rounds, counted in process.
    public var reactorWaits: Int?
    public var reactorEvents: Int?

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

    /// A C call failed while setting up: `.setup` with the call's message and, for the codes a
    /// limit causes (EMFILE: open files; EAGAIN: threads or pids), the limit to look at.
    public static func system(_ error: Errno) -> WorkloadError {
        switch error.code {
        case EMFILE: .setup("\(error) (RLIMIT_NOFILE too low for this many members; see `ctxbench limits`)")
        case EAGAIN: .setup("\(error) (a limit on threads or pids binds; see `ctxbench limits`)")
        default: .setup(error.description)
        }
    }

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
    static func run(_ parameters: WorkloadParameters) throws -> Measured
}

extension Variant {
    /// The implementation `ctxbench-workload` runs for this variant; nil for variants another
    /// executable runs (the row's `executable` says which). Exhaustive on purpose: a new case
    /// does not compile until it is mapped here.
    public var workload: (any Workload.Type)? {
        switch self {
        case .threadBrigade: ThreadBrigade.self
        case .oneThreadBrigade: OneThreadBrigade.self
        case .asyncBrigade: AsyncBrigade.self
        case .asyncBrigade1T: AsyncBrigade1T.self
        case .nioBrigade: NIOBrigade.self
        case .asyncBrigadeEpoll: AsyncBrigadeEpoll.self
        case .asyncBrigadeMT: AsyncBrigadeMT.self
        case .asyncBrigadeUring: AsyncBrigadeUring.self
        case .asyncMemBrigade: AsyncMemBrigade.self
        case .threadCreation: ThreadCreation.self
        case .asyncCreation: AsyncCreation.self
        case .asyncCreationMT: AsyncCreationMT.self
        case .swiftSpawnFloor: SwiftSpawnFloor.self
        case .swiftUringFloor: SwiftUringFloor.self
        case .swiftResumeFloor: SwiftResumeFloor.self
        case .cThreadBrigade, .cOneThreadBrigade, .cEpollBrigade, .cEpollBrigadeMT, .cUringBrigade, .cThreadCreation: nil
        case .rustThreadBrigade, .rustOneThreadBrigade, .rustAsyncBrigade, .rustAsyncBrigade1T, .rustAsyncBrigadeUring, .rustAsyncMemBrigade,
             .rustThreadCreation, .rustAsyncCreation: nil
        }
    }
}
