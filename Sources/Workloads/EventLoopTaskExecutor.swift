import NIOCore
import Synchronization

/// A `TaskExecutor` (SE-0417) that runs jobs on one SwiftNIO event loop, so tasks created
/// with `Task(executorPreference:)` run on the loop's thread between its I/O callbacks.
/// SwiftNIO 2.101 offers the loop as a `SerialExecutor` only, hence this adapter.
///
/// Design: jobs go into a ring buffer (`CircularBuffer`) behind a `Mutex` (the first jobs
/// come from the thread that creates the tasks; later ones from the loop itself), and only
/// the first enqueue after a drain calls `loop.execute` with a closure allocated once. A
/// drain runs the jobs that were queued when it started, then reschedules itself if more
/// arrived, so I/O callbacks are not starved. Per job: two uncontended lock round trips and,
/// when the queue was empty, one `execute` (on the loop: a lock and an append, no wake-up).
///
/// Measured (N = 100, median per hop, 3 runs): the naive adapter (one `loop.execute`
/// closure per job) is as fast here, 4.48-4.53 us against 4.56-4.62, because a brigade
/// resumes exactly one task per loop tick; the ring only saves the per-job closure
/// allocation and batches bursts (the N spawns at start-up).
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `drainClosure` is written once in init, before the executor is shared.
    struct Queue {
        var jobs = CircularBuffer<UnownedJob>(initialCapacity: 1024)
        var drainScheduled = false
    }

    let loop: any EventLoop
    private let queue = Mutex(Queue())
    private var drainClosure: (@Sendable () -> Void)?

    init(loop: any EventLoop) {
        self.loop = loop
        self.drainClosure = { [unowned self] in self.drain() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let schedule = queue.withLock { q -> Bool in
            q.jobs.append(unownedJob)
            if q.drainScheduled { return false }
            q.drainScheduled = true
            return true
        }
        if schedule { loop.execute(drainClosure!) }
    }

    /// Runs on the loop: the jobs queued so far, then reschedules if more came meanwhile.
    private func drain() {
        var budget = queue.withLock { $0.jobs.count }
        let me = asUnownedTaskExecutor()
        while budget > 0, let job = queue.withLock({ $0.jobs.popFirst() }) {
            job.runSynchronously(on: me)
            budget -= 1
        }
        let again = queue.withLock { q -> Bool in
            if q.jobs.isEmpty { q.drainScheduled = false }
            return q.drainScheduled
        }
        if again { loop.execute(drainClosure!) }
    }
}
