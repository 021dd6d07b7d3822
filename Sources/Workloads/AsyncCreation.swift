#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Results

/// async-creation: per iteration, spawn K child tasks with `withTaskGroup`'s `addTask` on the
/// default global (multi-threaded) executor, each body only returning the clock (the study's
/// `async move { Instant::now() }`: no capture, so no closure context per task); the sample is
/// the time of the spawn loop; collecting the children's values after it is untimed, as the
/// study awaited its handles. The spawner is itself a task on the global executor; the
/// synchronous `run` waits for it on a semaphore.
///
/// Per task: the task and its allocator's first slab, a child record in the group, and one
/// enqueue on the global executor (a libdispatch root queue, which may wake a worker with a
/// futex). Measured alternatives (median per task, K = 10,000): `Task {}` from the synchronous
/// thread with an atomic countdown 1.27-1.55 µs; `Task {}` from inside a task 0.90 µs; a
/// discarding group whose bodies captured their slot (a closure context per task, freed on the
/// worker) 0.89-1.05 µs, and against this group 1.15-1.62 µs vs 0.76-1.17 (two sets of
/// alternated pairs, 5 and 6: 0.85x and 0.69x); unstructured `Task { clock }` with the handles
/// awaited after the loop 1.15-1.90 µs vs the discarding group's 1.12-1.61 (6 pairs, not kept).
/// perf of the spawner (the discarding group): `swift_task_create_common` is most of it, the
/// mallocs of the task and its slab contended with the workers' frees (glibc arena lock, heap
/// trim and page faults), and the enqueue's `sem_post` that wakes an idle dispatch worker.
/// Latency: mean over every 16th slot of (the i-th smallest body clock - clock just before the
/// i-th spawn); only every 16th spawn reads the clock. The values arrive in the order the
/// children finish, on either worker, so they are sorted after the wait (`sortArrivals`).
/// Self-check: K values came back (a child never spawned leaves a slot 0), and the i-th
/// smallest was read after the i-th spawn began. `--fault` skips one spawn in the first timed
/// round, which the check must catch.
public enum AsyncCreation: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = CreationDriver(p)
        let done = DispatchSemaphore(value: 0)
        Task {
            await driver.rounds(what: "task") { _, skip in
                var start: UInt64 = 0, end: UInt64 = 0
                await withTaskGroup(of: UInt64.self) { group in
                    start = monotonicNanos()
                    for i in 0..<driver.k {
                        driver.stamp(i)
                        if i == skip { continue }
                        group.addTask { monotonicNanos() }
                    }
                    end = monotonicNanos()
                    var next = 0
                    for await v in group { driver.bodyClock[next] = v; next += 1 }
                }
                driver.sortArrivals()
                return (start, end)
            }
            done.signal()
        }
        done.wait()
        return try driver.finish(check: "all \(p.tasks) tasks ran in each of \(driver.roundCount) rounds")
    }
}
