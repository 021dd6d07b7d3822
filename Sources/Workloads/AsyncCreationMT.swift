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
/// ring (no lock); the worker hands half its ring to an idle peer when it holds 2+ jobs. Each
/// body reads the clock into its own slot and arrives at a `Countdown` (one atomic decrement);
/// the spawn loop is timed, the wait untimed.
/// Children of a task group were measured first and dropped: perf (2 workers) put ~59% of all
/// samples in `swift::TaskGroup::removeChildTask` (a completing child unlinks its record under
/// the parent's status-record lock, which each `addTask` also takes), so children finishing on
/// the other worker contended with the spawn loop. Unstructured tasks have no parent record:
/// per task 580 against 916 ns unpinned, 217 against 313 ns pinned (K = 10,000, 6 alternated
/// runs each, medians). What remains is the task allocation (malloc of the task and its
/// context, freed on the worker that ran it) and the enqueue. glibc's heap trim is not it:
/// `GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456` changed nothing beyond the noise, so
/// the child sets no malloc option.
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
            await measure(p, reactor: reactor, into: outcome)
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
    static func measure(_ p: WorkloadParameters, reactor: MultiThreadReactor, into outcome: Outcome) async {
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
            let done = Countdown(k - (skipNow >= 0 ? 1 : 0) + 1)
            start = monotonicNanos()
            for i in 0..<k {
                let slot = UInt(bitPattern: bodyClock + i)
                if i & 15 == 0 { spawnClock[i] = monotonicNanos() }
                if i == skipNow { continue }
                Task(executorPreference: reactor) {
                    UnsafeMutablePointer<UInt64>(bitPattern: slot).unsafelyUnwrapped.pointee = monotonicNanos()
                    done.arrive()
                }
            }
            end = monotonicNanos()
            await done.wait()
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
