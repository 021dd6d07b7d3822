#if canImport(Glibc)
import Glibc
#endif
import CShims
import Results

/// async-creation-mt: async-creation on `MultiThreadReactor` instead of the default global
/// executor. Per iteration the spawner (itself a task on the multi-thread executor) spawns K
/// children with `withDiscardingTaskGroup`'s `addTask`; group children inherit the executor
/// preference, so each `enqueue` happens on a worker and lands on that worker's own ring (no
/// lock); the worker hands half its ring to an idle peer when it holds 2+ jobs. Each body only
/// reads the clock into its own slot; the spawn loop is timed, the wait untimed.
/// Measured here (K = 10,000, 3 runs each, one interleaved session, unpinned, medians of run
/// medians): 923 ns per task, against 955 ns for async-creation on the global executor.
/// What bounds it is the task group, not the executor: perf (2 workers) puts ~59% of all
/// samples, on both workers, in `swift::TaskGroup::removeChildTask` (a completing child
/// unlinks its record from the group under the parent's status-record lock, which each
/// `addTask` also takes: `withStatusRecordLock`, `pthread_mutex_lock`), then malloc/free of the
/// tasks (~8%). Children completing on the other worker while the spawner still spawns
/// contend for that lock: ~7,000-28,000 voluntary context switches per 220,000 spawns, 0.01-0.05
/// executor wake-ups per spawn (mostly `eventfd` writes to the polling worker), ~15,000 futex
/// calls (strace). glibc's heap trim is not it here: `GLIBC_TUNABLES=glibc.malloc.trim_threshold
/// =268435456` changed neither variant beyond the noise, so the child sets no malloc option.
/// Latency: mean over every 16th task of (body's clock - clock just before its spawn).
/// Self-check: every body ran after its spawn began, and the executor ran at least K jobs per
/// round (the children ran on the workers, not on the global executor). `--fault` skips one
/// spawn in the first timed round, which the check must catch.
public enum AsyncCreationMT: Workload {

    /// What the spawner task hands back to `run`. `@unchecked Sendable`: written only by the
    /// spawner task, read by `run` after `MultiThreadReactor.run` joined the workers.
    final class Outcome: @unchecked Sendable {
        var samples: [UInt64] = []
        var latencies: [UInt64] = []
        var timed: ResourceUsage?
        var threads = 0
        var error: String?
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let reactor = try MultiThreadReactor(tokens: 0)
        let outcome = Outcome()
        reactor.run {
            await measure(p, into: outcome)
        }
        if let error = outcome.error { throw WorkloadError.selfCheck(error) }
        let rounds = p.warmups + p.iterations
        guard reactor.jobsRun >= p.tasks * rounds else {
            throw WorkloadError.selfCheck("the workers ran \(reactor.jobsRun) jobs, fewer than the \(p.tasks * rounds) children")
        }
        return Measured(samplesNs: outcome.samples, latencySamplesNs: outcome.latencies,
                        check: "all \(p.tasks) tasks ran in each of \(rounds) rounds; \(reactor.workerCount) workers "
                            + "ran \(reactor.jobsRun) jobs; \(reactor.wakeUps.load(ordering: .relaxed)) wake-ups",
                        timedRusage: outcome.timed, threads: outcome.threads)
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
            if round == p.warmups {
                outcome.threads = ProcessProbe.threadCount()
                before = ProcessProbe.rusage()
            }
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
