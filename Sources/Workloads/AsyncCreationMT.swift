import Results

/// async-creation-mt: async-creation on `MultiThreadReactor` instead of the default global
/// executor, shaped as the study's program: per iteration the spawner (itself a task on the
/// multi-thread executor) spawns K unstructured tasks with `Task(executorPreference:)`, each
/// body returning the clock as its value (the study's `async move { Instant::now() }`), and
/// keeps their handles; the spawn loop is timed; after it the spawner awaits every handle in
/// order and writes its value into the item's slot (untimed), as the study awaited its
/// `JoinHandle`s. Each `enqueue` happens on a worker and lands on that worker's own ring (no
/// lock); the worker hands half its ring to an idle peer when it holds 256 jobs.
/// Where the time goes (perf, and a malloc uprobe counting sizes and callers; Swift 6.3.1):
/// every Swift task mallocs its task (288 B here) and a 1,016 B first slab of its task
/// allocator at spawn, on the spawning thread (`pushInitialTaskExecutorPreference`; a task
/// without preference gets it in `flagAsAndEnqueueOnExecutor`). A body that captured its slot,
/// as a first version did, added two closure contexts (32 + 24 B) freed on the worker that ran
/// the task; those cross-thread frees leave glibc fast chunks in the spawner's arena, which the
/// next slab malloc (a 1,024 B chunk: glibc's first large-bin size) consolidates under the
/// arena lock, and the tasks themselves were freed there too. With the handles kept the task
/// and its slab are freed by the spawner after the loop; per task 0.90x the capturing version
/// (6 alternated rounds: 854/879, 853/952, 710/899, 610/884, 862/960, 867/947 ns) and 0.79x in
/// an earlier set (762/984, 871/1,280, 803/822, 697/812, 841/1,066). What remains is
/// memory: K live tasks of ~1.3 KiB grow the heap by ~13 MiB a round, which glibc trims after
/// the handles are dropped and faults back in the next round (page faults and `sysmalloc` top
/// the profile). Spawning the same K live tasks on one thread with no other thread (what
/// swift-spawn-floor measures in every run) took 842-1,203 ns per task against async-std's
/// 294-523, this design 860-1,125 (6 alternated rounds: 0.98x the floor), so the executor adds
/// little. With `GLIBC_TUNABLES=glibc.malloc.trim_threshold=
/// 1073741824:glibc.malloc.top_pad=67108864` for both children: 228-570 against 177-382 ns
/// (5 pairs, median ratio 1.49x); it changes the machine for both sides, so neither sets it.
/// Children of a task group were measured first and dropped: perf (2 workers) put ~59% of all
/// samples in `swift::TaskGroup::removeChildTask` (a completing child unlinks its record under
/// the parent's status-record lock, which each `addTask` also takes).
/// Latency: mean over every 16th task of (body's clock - clock just before its spawn).
/// Self-check: every body ran after its spawn began, on a worker: a body returns the clock only
/// on a worker thread (a thread-local read, `MultiThreadReactor.onAnyWorker`), else 0, which
/// the check reports as a body that did not run (a job count cannot tell: the spawner's own
/// resumes while it awaits the handles would make it up). async-std's bodies make no such read;
/// it is a few nanoseconds of the workers' time, off the spawner's timed loop. `--fault` skips
/// one spawn in the first timed round, which the check must catch (its slot stays 0).
public enum AsyncCreationMT: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let reactor = try MultiThreadReactor(tokens: 0)
        let driver = CreationDriver(p)
        reactor.run {
            var handles = [Task<UInt64, Never>]()
            handles.reserveCapacity(driver.k)
            await driver.rounds(what: "task") { _, skip in
                let start = monotonicNanos()
                for i in 0..<driver.k {
                    driver.stamp(i)
                    if i == skip { continue }
                    // A body that ran off the workers returns 0, which the round's check reports.
                    handles.append(Task(executorPreference: reactor) { MultiThreadReactor.onAnyWorker ? monotonicNanos() : 0 })
                }
                let end = monotonicNanos()
                var next = 0
                for i in 0..<driver.k where i != skip {
                    driver.bodyClock[i] = await handles[next].value
                    next += 1
                }
                handles.removeAll(keepingCapacity: true)
                return (start, end)
            }
        }
        let rounds = driver.roundCount
        return try driver.finish(check: "all \(p.tasks) tasks ran on the workers in each of \(rounds) rounds; \(reactor.workerCount) workers "
                                 + "ran \(reactor.jobsRun) jobs; \(reactor.wakeUps.load(ordering: .relaxed)) wake-ups")
    }
}
