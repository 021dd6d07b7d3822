#if canImport(Glibc)
import Glibc
#endif
import CShims
import Results

/// thread-creation: per iteration, spawn K threads (2 MiB stacks, Rust's default, as the
/// study) whose body only reads the clock; the sample is the time of the spawn loop. Joins
/// are not timed. Latency: mean over every 16th thread of (body's clock - clock just before its
/// pthread_create); only those spawns read the clock inside the timed loop. Self-check: every
/// join succeeded and every body ran (wrote its slot) after its spawn began; `--fault` skips one
/// spawn in the first timed round, which the check must catch.
public enum ThreadCreation: Workload {
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
        let skip = p.fault != nil ? k / 2 : -1
        for round in 0..<(p.warmups + p.iterations) {
            if round == p.warmups { before = ProcessProbe.rusage() }
            bodyClock.update(repeating: 0, count: k)
            let skipNow = round == p.warmups ? skip : -1
            let start = monotonicNanos()
            for i in 0..<k {
                if i & 15 == 0 { spawnClock[i] = monotonicNanos() }
                if i == skipNow { tids[i] = 0; continue }
                let rc = ctx_thread_create(&tids[i], stackBytes, creationBody, UnsafeMutableRawPointer(bodyClock + i))
                if rc != 0 {
                    for j in 0..<i where tids[j] != 0 { _ = ctx_thread_join(tids[j]) }
                    throw WorkloadError.setup("pthread_create of thread \(i) of \(k): \(String(cString: strerror(rc)))"
                        + (rc == EAGAIN ? " (a limit on threads or pids binds; see `ctxbench limits`)" : ""))
                }
            }
            let end = monotonicNanos()
            for i in 0..<k where tids[i] != 0 {
                let rc = ctx_thread_join(tids[i])
                guard rc == 0 else { throw WorkloadError.selfCheck("round \(round): pthread_join of thread \(i): \(String(cString: strerror(rc)))") }
            }
            guard let latency = CreationCheck.latency(body: bodyClock, spawn: spawnClock, count: k, start: start) else {
                throw WorkloadError.selfCheck("round \(round): thread \(CreationCheck.firstMissing(body: bodyClock, count: k, start: start)) did not run after its spawn")
            }
            if round >= p.warmups {
                samples[round - p.warmups] = end &- start
                latencies[round - p.warmups] = latency
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
