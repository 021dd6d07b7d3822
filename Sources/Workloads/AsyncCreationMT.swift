#if canImport(Glibc)
import Glibc
#endif
import CShims
import Results
import Synchronization

/// async-creation-mt: async-creation on `MultiThreadReactor` instead of the default global
/// executor. Per iteration the spawner (itself a task on the multi-thread executor) spawns K
/// unstructured tasks with `Task(executorPreference:)`, as the study's async-std `task::spawn`
/// spawned detached tasks; each `enqueue` happens on a worker and lands on that worker's own
/// ring (no lock); the worker hands half its ring to an idle peer when it holds 256 jobs. Each
/// body reads the clock into its own slot and arrives at a `Countdown` (one atomic decrement);
/// the spawn loop is timed, the wait untimed.
/// Children of a task group were measured first and dropped: perf (2 workers) put ~59% of all
/// samples in `swift::TaskGroup::removeChildTask` (a completing child unlinks its record under
/// the parent's status-record lock, which each `addTask` also takes), so children finishing on
/// the other worker contended with the spawn loop. Unstructured tasks have no parent record:
/// per task 580 against 916 ns unpinned, 217 against 313 ns pinned (K = 10,000, 6 alternated
/// runs each, medians). What remains is the task allocation (malloc of the task and its
/// context, freed on the worker that ran it) and the enqueue. glibc's heap trim is not it:
/// `GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456` changed nothing beyond the noise, nor
/// did `mallopt(M_TRIM_THRESHOLD, 1 GiB)` + `mallopt(M_TOP_PAD, 64 MiB)` set once in the child
/// (page faults per run 7,000 against 8,000-56,000, but per task 1.00x and 0.95x the old code in
/// two alternated runs of 10 and 8 pairs), so the child sets no malloc option. Per task the
/// runtime mallocs 304 B (task + initial context), 2 x 32 B (contexts) and a 1,016 B first
/// allocator slab, all freed on the worker that ran the task: the frees of the tasks the other
/// worker ran take the spawner's arena lock (glibc's tcache keeps only 7 chunks per size).
/// `GLIBC_TUNABLES=glibc.malloc.tcache_count=65535` halves the time per task (0.49x, 6 pairs)
/// but also speeds async-std up (0.71x); with both tuned Swift is 2.41x, so neither sets it.
/// Latency: mean over every 16th task of (body's clock - clock just before its spawn).
/// Self-check: every body ran after its spawn began, and the executor ran at least K jobs per
/// round (the children ran on the workers, not on the global executor). `--fault` skips one
/// spawn in the first timed round, which the check must catch.
public enum AsyncCreationMT: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let reactor = try MultiThreadReactor(tokens: 0)
        let driver = CreationDriver(p)
        reactor.run {
            await driver.rounds(what: "task") { _, skip in
                let done = Countdown(driver.k - (skip >= 0 ? 1 : 0) + 1)
                let start = monotonicNanos()
                for i in 0..<driver.k {
                    let slot = driver.slot(i)
                    driver.stamp(i)
                    if i == skip { continue }
                    Task(executorPreference: reactor) {
                        CreationDriver.body(slot)
                        done.arrive()
                    }
                }
                let end = monotonicNanos()
                await done.wait()
                return (start, end)
            }
        }
        let rounds = p.warmups + p.iterations
        if driver.error == nil, reactor.jobsRun < p.tasks * rounds {
            throw WorkloadError.selfCheck("the workers ran \(reactor.jobsRun) jobs, fewer than the \(p.tasks * rounds) children")
        }
        return try driver.finish(check: "all \(p.tasks) tasks ran in each of \(rounds) rounds; \(reactor.workerCount) workers "
                                 + "ran \(reactor.jobsRun) jobs; \(reactor.wakeUps.load(ordering: .relaxed)) wake-ups")
    }
}

/// Waits for `count` arrivals: each spawned body arrives once, the spawner last (after it
/// published its continuation), and whoever brings the count to zero resumes the spawner.
final class Countdown: @unchecked Sendable {
    let remaining: Atomic<Int>
    var waiter: UnsafeContinuation<Void, Never>?

    init(_ count: Int) { remaining = Atomic(count) }

    @inline(__always)
    func arrive() {
        if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { waiter.unsafelyUnwrapped.resume() }
    }

    func wait() async {
        await withUnsafeContinuation { (c: UnsafeContinuation<Void, Never>) in
            waiter = c
            arrive()
        }
    }
}
