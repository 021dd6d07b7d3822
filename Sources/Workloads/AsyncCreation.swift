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
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = CreationDriver(p)
        let done = DispatchSemaphore(value: 0)
        Task {
            await driver.rounds(what: "task") { _, skip in
                var start: UInt64 = 0, end: UInt64 = 0
                await withDiscardingTaskGroup { group in
                    start = monotonicNanos()
                    for i in 0..<driver.k {
                        let slot = driver.slot(i)
                        driver.stamp(i)
                        if i == skip { continue }
                        group.addTask { CreationDriver.body(slot) }
                    }
                    end = monotonicNanos()
                }
                return (start, end)
            }
            done.signal()
        }
        done.wait()
        return try driver.finish(check: "all \(p.tasks) tasks ran in each of \(p.warmups + p.iterations) rounds")
    }
}
