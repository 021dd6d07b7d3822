#if canImport(Glibc)
import Glibc
#endif
import CShims
import Results

/// thread-creation: per iteration, spawn K threads (2 MiB stacks, Rust's default, as the
/// study) whose body only reads the clock; the sample is the time of the spawn loop. Joins
/// are not timed. Latency: mean over the K threads of (body's clock - clock just before its
/// pthread_create). Self-check: every body ran, after its spawn began.
public enum ThreadCreation: Workload {
    public static let name = "thread-creation"
    static let stackBytes = 2 << 20

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let k = p.tasks
        let bodyClock = UnsafeMutablePointer<UInt64>.allocate(capacity: k)
        let spawnClock = UnsafeMutablePointer<UInt64>.allocate(capacity: k)
        let tids = UnsafeMutablePointer<UInt>.allocate(capacity: k)
        defer { bodyClock.deallocate(); spawnClock.deallocate(); tids.deallocate() }
        var samples = [UInt64](repeating: 0, count: p.iterations)
        var latencies = [UInt64](repeating: 0, count: p.iterations)
        var before = ProcessProbe.rusage()
        for round in 0..<(p.warmups + p.iterations) {
            if round == p.warmups { before = ProcessProbe.rusage() }
            bodyClock.update(repeating: 0, count: k)
            let start = monotonicNanos()
            for i in 0..<k {
                spawnClock[i] = monotonicNanos()
                let rc = ctx_thread_create(&tids[i], stackBytes, creationBody, UnsafeMutableRawPointer(bodyClock + i))
                if rc != 0 {
                    for j in 0..<i { _ = ctx_thread_join(tids[j]) }
                    throw WorkloadError.setup("pthread_create of thread \(i) of \(k): \(String(cString: strerror(rc)))"
                        + (rc == EAGAIN ? " (a limit on threads or pids binds; see `ctxbench limits`)" : ""))
                }
            }
            let end = monotonicNanos()
            for i in 0..<k { _ = ctx_thread_join(tids[i]) }
            var latencySum: UInt64 = 0
            for i in 0..<k {
                guard bodyClock[i] >= spawnClock[i], bodyClock[i] != 0 else {
                    throw WorkloadError.selfCheck("round \(round): thread \(i) did not run after its spawn")
                }
                latencySum &+= bodyClock[i] - spawnClock[i]
            }
            if round == p.warmups, p.fault != nil { throw WorkloadError.selfCheck("fault injected") }
            if round >= p.warmups {
                samples[round - p.warmups] = end &- start
                latencies[round - p.warmups] = latencySum / UInt64(k)
            }
        }
        return Measured(samplesNs: samples, latencySamplesNs: latencies,
                           check: "all \(k) threads ran in each of \(p.warmups + p.iterations) rounds",
                           timedRusage: ProcessProbe.rusage().minus(before), threads: ProcessProbe.threadCount())
    }
}

/// Body of a created thread: write the clock to the slot it was given.
private func creationBody(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    raw!.assumingMemoryBound(to: UInt64.self).pointee = monotonicNanos()
    return nil
}
