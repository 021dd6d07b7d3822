import Foundation

/// What a child process (`ctxbench-workload`) reports about its one run. The child writes
/// this as JSON to the file the runner names; the runner stores it in `ProcessRun.output`.
public struct WorkloadOutput: Codable, Sendable, Equatable {
    /// Timed iterations, nanoseconds each (CLOCK_MONOTONIC): a brigade round trip, or the
    /// time to spawn all K threads/tasks of a creation iteration. Warm-ups are not included.
    public var samplesNs: [UInt64]
    /// Creation variants: per iteration, the mean time from just before a spawn to the
    /// first instruction of its body, nanoseconds.
    public var latencySamplesNs: [UInt64]?
    /// What the self-check verified (e.g. "byte value after 500 hops matched in 10000 iterations").
    public var check: String
    /// CPUs the child was allowed to use before pinning (sched_getaffinity).
    public var allowedCPUs: [Int]
    /// CPUs the child ran on after pinning (sched_getaffinity after sched_setaffinity).
    public var grantedCPUs: [Int]
    /// getrusage(RUSAGE_SELF) over the whole child, setup included.
    public var rusage: ResourceUsage
    /// getrusage over the timed iterations only (delta).
    public var timedRusage: ResourceUsage?
    /// Threads in the child while its members were alive (/proc/self/status Threads).
    public var threads: Int
    /// Memory read while every member was alive and blocked (memory runs; optional elsewhere).
    public var memory: MemoryReading?
    /// Peak resident set of this process image, bytes (VmHWM of /proc/self/status at the end).
    /// Unlike ru_maxrss, which the kernel carries across exec from the spawning parent, this
    /// counts the child alone.
    public var peakRSSBytes: UInt64?
    /// Reactor variants: calls that waited for readiness or completions (epoll_wait,
    /// io_uring_enter) over the timed iterations, and the events (ready fds, completions)
    /// they returned; counted in process, not by strace. Nil for other variants.
    public var reactorWaits: Int?
    public var reactorEvents: Int?

    public init(samplesNs: [UInt64], latencySamplesNs: [UInt64]? = nil, check: String,
                allowedCPUs: [Int], grantedCPUs: [Int], rusage: ResourceUsage,
                timedRusage: ResourceUsage? = nil, threads: Int, memory: MemoryReading? = nil) {
        self.samplesNs = samplesNs; self.latencySamplesNs = latencySamplesNs; self.check = check
        self.allowedCPUs = allowedCPUs; self.grantedCPUs = grantedCPUs; self.rusage = rusage
        self.timedRusage = timedRusage; self.threads = threads; self.memory = memory
    }
}

/// getrusage figures.
public struct ResourceUsage: Codable, Sendable, Equatable {
    /// User CPU time, seconds.
    public var userSeconds: Double
    /// System CPU time, seconds.
    public var systemSeconds: Double
    /// Voluntary context switches (ru_nvcsw).
    public var voluntarySwitches: Int
    /// Involuntary context switches (ru_nivcsw).
    public var involuntarySwitches: Int
    /// Peak resident set size, KiB (ru_maxrss; for a spawned child it can include the parent's
    /// peak at spawn time, so use WorkloadOutput.peakRSSBytes for the child's own peak).
    public var maxRSSKiB: Int

    public init(userSeconds: Double, systemSeconds: Double, voluntarySwitches: Int,
                involuntarySwitches: Int, maxRSSKiB: Int) {
        self.userSeconds = userSeconds; self.systemSeconds = systemSeconds
        self.voluntarySwitches = voluntarySwitches; self.involuntarySwitches = involuntarySwitches
        self.maxRSSKiB = maxRSSKiB
    }

    /// self - earlier, field by field (maxRSS keeps self's value).
    public func minus(_ earlier: ResourceUsage) -> ResourceUsage {
        ResourceUsage(userSeconds: userSeconds - earlier.userSeconds,
                      systemSeconds: systemSeconds - earlier.systemSeconds,
                      voluntarySwitches: voluntarySwitches - earlier.voluntarySwitches,
                      involuntarySwitches: involuntarySwitches - earlier.involuntarySwitches,
                      maxRSSKiB: maxRSSKiB)
    }
}

/// Memory of the child while all members were alive and blocked.
public struct MemoryReading: Codable, Sendable, Equatable {
    /// Rss from /proc/self/smaps_rollup, bytes.
    public var rssBytes: UInt64
    /// Pss from /proc/self/smaps_rollup, bytes.
    public var pssBytes: UInt64
    /// Rss before any member was created, bytes (baseline of the same process).
    public var baselineRssBytes: UInt64
    /// Change of /proc/meminfo KernelStack from before creating members to the reading,
    /// bytes. System-wide, so approximate on a shared machine.
    public var kernelStackDeltaBytes: Int64?
    /// Change of /proc/meminfo PageTables over the same span, bytes (approximate).
    public var pageTablesDeltaBytes: Int64?

    public init(rssBytes: UInt64, pssBytes: UInt64, baselineRssBytes: UInt64,
                kernelStackDeltaBytes: Int64?, pageTablesDeltaBytes: Int64?) {
        self.rssBytes = rssBytes; self.pssBytes = pssBytes; self.baselineRssBytes = baselineRssBytes
        self.kernelStackDeltaBytes = kernelStackDeltaBytes; self.pageTablesDeltaBytes = pageTablesDeltaBytes
    }
}
