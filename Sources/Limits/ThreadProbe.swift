#if canImport(Glibc)
import Glibc
#endif
import SystemCall
import CShims
import Results

/// What a `ThreadProbe` run found.
public struct ThreadProbeResult: Codable, Sendable, Equatable {
    /// Threads alive at once when the probe stopped.
    public var created: Int
    /// "reached --max", "pthread_create failed: EAGAIN (Resource temporarily unavailable)",
    /// or "stopped at the safety margin".
    public var stoppedBecause: String
    /// The error number pthread_create returned, when it failed.
    public var errno: Int32?
    /// The limit whose remaining capacity matches the count (or the nearest one).
    public var matchingLimit: String?
    /// Wall time to create, release and join every thread.
    public var seconds: Double
    /// Lines of /proc/self/maps added per thread, measured with all threads alive.
    public var mapsPerThread: Double?
}

/// Creates idle threads until pthread_create fails, `max` is reached, or one more would leave
/// fewer than `safetyMarginPids` of the report's thread capacity or `safetyMarginBytes` of
/// MemAvailable (/proc/meminfo) free; then releases and joins every thread.
///
/// Threads start with ctx_thread_create (pthread_create with a `stackBytes` stack, CShims) and
/// run a non-capturing `@convention(c)` body that blocks in read(2) on a shared pipe. Closing
/// the pipe's write end gives every reader end-of-file, so all return and are joined with
/// ctx_thread_join (pthread_join): no thread outlives `run`.
public struct ThreadProbe: Sendable {
    public let max: Int
    public let stackBytes: Int
    public let safetyMarginPids: Int
    public let safetyMarginBytes: UInt64

    public init(max: Int, stackBytes: Int = 64 * 1024, safetyMarginPids: Int = 512,
                safetyMarginBytes: UInt64 = 512 << 20) {
        self.max = max; self.stackBytes = stackBytes
        self.safetyMarginPids = safetyMarginPids; self.safetyMarginBytes = safetyMarginBytes
    }

    public func run(report: LimitsReport) -> ThreadProbeResult {
        let start = monotonicSeconds()
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            return ThreadProbeResult(created: 0, stoppedBecause: "pipe failed: \(Self.describe(Glibc.errno))",
                                     errno: Glibc.errno, matchingLimit: nil, seconds: 0, mapsPerThread: nil)
        }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC); _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let readEnd = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        readEnd.initialize(to: fds[0])
        let mapsBefore = Self.mapCount()
        var (threads, stop, failure) = createThreads(context: UnsafeMutableRawPointer(readEnd), report: report)
        let mapsAfter = Self.mapCount()
        close(fds[1])                                 // every reader now sees end of file
        for thread in threads { _ = ctx_thread_join(thread) }
        close(fds[0])
        readEnd.deallocate()
        let created = threads.count
        threads.removeAll()
        var perThread: Double?
        if let b = mapsBefore, let a = mapsAfter, created > 0 { perThread = Double(a - b) / Double(created) }
        if failure != nil { stop = "pthread_create failed: \(Self.describe(failure!))" }
        return ThreadProbeResult(created: created, stoppedBecause: stop, errno: failure,
                                 matchingLimit: stop == LimitsReport.maxStop ? nil : Self.matching(created, report),
                                 seconds: monotonicSeconds() - start, mapsPerThread: perThread)
    }

    /// Creates threads until a stop condition; returns them, why it stopped, and pthread_create's error.
    private func createThreads(context: UnsafeMutableRawPointer, report: LimitsReport)
        -> ([UInt], String, Int32?) {
        var threads: [UInt] = []
        threads.reserveCapacity(Swift.min(max, 1 << 16))
        let pidCeiling = report.threadCapacity.map { $0 - safetyMarginPids }
        while threads.count < max {
            if let ceiling = pidCeiling, threads.count >= ceiling { return (threads, LimitsReport.safetyMarginStop, nil) }
            if threads.count % 256 == 0, let free = Self.memAvailable(), free < safetyMarginBytes {
                return (threads, LimitsReport.safetyMarginStop, nil)
            }
            var tid: UInt = 0
            let rc = ctx_thread_create(&tid, stackBytes, probeThreadBody, context)
            if rc != 0 { return (threads, "", rc) }
            threads.append(tid)
        }
        return (threads, LimitsReport.maxStop, nil)
    }

    /// The entry whose thread capacity is nearest to `count` (the binding one when stopped early).
    static func matching(_ count: Int, _ report: LimitsReport) -> String? {
        report.entries.compactMap { e in e.threadCapacity.map { (e.name, abs($0 - count)) } }
            .min(by: { $0.1 < $1.1 })?.0
    }

    /// "EAGAIN (Resource temporarily unavailable)".
    static func describe(_ code: Int32) -> String {
        let names: [Int32: String] = [EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EPERM: "EPERM", EINVAL: "EINVAL",
                                      EMFILE: "EMFILE", ENFILE: "ENFILE"]
        return "\(names[code] ?? "errno \(code)") (\(Errno.message(code)))"
    }

    /// Lines of /proc/self/maps.
    static func mapCount() -> Int? {
        SystemFiles(root: "/").read("/proc/self/maps").map { $0.split(separator: "\n").count }
    }

    /// MemAvailable in bytes.
    static func memAvailable() -> UInt64? {
        ProcFacts.memAvailable(SystemFiles(root: "/"))
    }
}

/// Thread body: blocks in read(2) on the pipe whose read end `context` points to, until end of file.
private func probeThreadBody(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    let fd = context.load(as: Int32.self)
    var byte: UInt8 = 0
    _ = retryingEINTR { read(fd, &byte, 1) }
    return nil
}

/// clock_gettime(CLOCK_MONOTONIC) in seconds.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
