#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Results

/// async-creation: per iteration, spawn K child tasks with `withDiscardingTaskGroup`'s
/// `addTask` on the default global (multi-threaded) executor, each body only reading the clock
/// into its own slot of a preallocated buffer (the slot's address is captured as an integer);
/// the sample is the time of the spawn loop; the group's implicit wait for the children is
/// untimed. The spawner is itself a task on the global executor; the synchronous `run` waits
/// for it on a semaphore.
///
/// Per task: one task allocation plus one closure context, a child record in the group, and
/// one enqueue on the global executor (a libdispatch root queue, which may wake a worker with
/// a futex). Measured alternatives (median per task, K = 10,000, back to back): `Task {}` from
/// the synchronous thread with an atomic countdown 1.27-1.55 µs; `Task {}` from inside a task
/// 0.90 µs; this group 0.89-1.05 µs: spawning from a worker thread is what is cheaper, and the
/// group needs no countdown in the body. perf of the spawner: `swift_task_create_common` is
/// most of it: malloc of the task (~1 KiB with its first allocator slab) and its context,
/// contended with the workers' frees (glibc arena lock, heap trim and page faults), and the
/// enqueue's `sem_post` that wakes an idle dispatch worker.
/// Latency: mean over every 16th task of (body's clock - clock just before its spawn); only
/// every 16th spawn reads the clock, so the timed loop carries one clock read per 16 items.
/// Self-check: every body ran (its slot was written), after its spawn began. `--fault` skips
/// one spawn in the first timed round, which the check must catch.
public enum AsyncCreation: Workload {
    /// What the spawner task hands back to `run`. `@unchecked Sendable`: written only by the
    /// spawner task, read by `run` after the semaphore (which orders the accesses).
    final class Outcome: @unchecked Sendable {
        var samples: [UInt64] = []
        var latencies: [UInt64] = []
        var timed: ResourceUsage?
        var error: String?
        let done = DispatchSemaphore(value: 0)
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let outcome = Outcome()
        Task {
            await measure(p, into: outcome)
            outcome.done.signal()
        }
        outcome.done.wait()
        if let error = outcome.error { throw WorkloadError.selfCheck(error) }
        return Measured(samplesNs: outcome.samples, latencySamplesNs: outcome.latencies,
                        check: "all \(p.tasks) tasks ran in each of \(p.warmups + p.iterations) rounds",
                        timedRusage: outcome.timed, threads: ProcessProbe.threadCount())
    }

    /// Every round: the timed spawn loop, the untimed wait, the check of every slot.
    static func measure(_ p: WorkloadParameters, into outcome: Outcome) async {
        let k = p.tasks
        let bodyClock = UnsafeMutablePointer<UInt64>.allocate(capacity: k)
        let spawnClock = UnsafeMutablePointer<UInt64>.allocate(capacity: k)
        defer { bodyClock.deallocate(); spawnClock.deallocate() }
        outcome.samples = [UInt64](repeating: 0, count: p.iterations)
        outcome.latencies = [UInt64](repeating: 0, count: p.iterations)
        var before = ProcessProbe.rusage()
        let skip = p.fault != nil ? k / 2 : -1
        for round in 0..<(p.warmups + p.iterations) {
            if round == p.warmups { before = ProcessProbe.rusage() }
            bodyClock.update(repeating: 0, count: k)
            var start: UInt64 = 0, end: UInt64 = 0
            let skipNow = round == p.warmups ? skip : -1
            await withDiscardingTaskGroup { group in
                start = monotonicNanos()
                for i in 0..<k {
                    let slot = UInt(bitPattern: bodyClock + i)
                    if i & 15 == 0 { spawnClock[i] = monotonicNanos() }
                    if i == skipNow { continue }
                    group.addTask {
                        UnsafeMutablePointer<UInt64>(bitPattern: slot).unsafelyUnwrapped.pointee = monotonicNanos()
                    }
                }
                end = monotonicNanos()
            }
            guard let latency = CreationCheck.latency(body: bodyClock, spawn: spawnClock, count: k, start: start) else {
                outcome.error = "round \(round): task \(CreationCheck.firstMissing(body: bodyClock, count: k, start: start)) did not run after its spawn"
                return
            }
            if round >= p.warmups {
                outcome.samples[round - p.warmups] = end &- start
                outcome.latencies[round - p.warmups] = latency
            }
        }
        outcome.timed = ProcessProbe.rusage().minus(before)
    }
}
