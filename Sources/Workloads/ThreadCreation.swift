#if canImport(Glibc)
import Glibc
#endif
import SystemCall
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
        let driver = CreationDriver(p)
        let tids = UnsafeMutablePointer<UInt>.allocate(capacity: p.tasks)
        defer { tids.deallocate() }
        try driver.rounds(what: "thread") { round, skip in
            let start = monotonicNanos()
            for i in 0..<driver.k {
                driver.stamp(i)
                if i == skip { tids[i] = 0; continue }
                let rc = ctx_thread_create(&tids[i], stackBytes, creationBody, UnsafeMutableRawPointer(driver.bodyClock + i))
                if rc != 0 {
                    for j in 0..<i where tids[j] != 0 { _ = ctx_thread_join(tids[j]) }
                    throw WorkloadError.system(Errno("pthread_create of thread \(i) of \(driver.k)", code: rc))
                }
            }
            let end = monotonicNanos()
            for i in 0..<driver.k where tids[i] != 0 {
                let rc = ctx_thread_join(tids[i])
                guard rc == 0 else { throw WorkloadError.selfCheck("round \(round): \(Errno("pthread_join of thread \(i)", code: rc))") }
            }
            return (start, end)
        }
        return try driver.finish(check: "all \(p.tasks) threads ran in each of \(p.warmups + p.iterations) rounds")
    }
}

/// Body of a created thread: write the clock to the slot it was given.
private func creationBody(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    raw!.assumingMemoryBound(to: UInt64.self).pointee = monotonicNanos()
    return nil
}
