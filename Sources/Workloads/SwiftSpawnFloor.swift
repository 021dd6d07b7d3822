import Results

/// swift-spawn-floor: what the Swift runtime alone costs per task, the floor under the Swift
/// creation designs (as the C floors are under the brigades). Per iteration the calling thread
/// spawns K tasks with `Task(executorPreference:)` onto a `BareExecutor` (a ring of jobs run by
/// this thread: no lock, no wake-up, no other thread) and runs them in batches of
/// `batch` spawns, inside the timed loop: per task the runtime's whole cost, created, enqueued,
/// run and freed on one thread, its memory reused by the next batch. (Running them only after
/// all K spawns, as a first version did, timed glibc instead: 10,000 live tasks grow the heap
/// by ~14 MiB a round, which it trims after the drain and faults back in the next round, about
/// 3,000 page faults a round, system time equal to user time.) Each body, as
/// async-creation-mt's, captures nothing (a capture costs a closure context per task): it
/// reads the clock into the next slot in run order (`FloorSlots`). What async-creation-mt costs
/// beyond this is its executor's and its memory's: the hand-off to the other worker, the
/// wake-ups, and K tasks alive until their handles are awaited.
/// Latency: a task runs at most `batch` spawns after its own.
/// Self-check: every body ran (the i-th body to run took slot i, so a lost task leaves the last
/// slot 0) after the i-th spawn began, and the executor ran every job (a job enqueued from
/// another thread would be lost or corrupt the count). `--fault` skips one spawn in the first
/// timed round, which the check must catch.
public enum SwiftSpawnFloor: Workload {
    /// Spawns between two runs of the queued tasks (a power of two).
    static let batch = 64

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let executor = BareExecutor()
        let driver = CreationDriver(p)
        floorSlots.pointee.base = driver.bodyClock
        driver.rounds(what: "task") { _, skip in
            floorSlots.pointee.next = 0
            let start = monotonicNanos()
            for i in 0..<driver.k {
                driver.stamp(i)
                if i != skip { Task(executorPreference: executor) { floorSlots.pointee.fill() } }
                if i & (batch - 1) == batch - 1 { executor.runAll() }
            }
            executor.runAll()
            return (start, monotonicNanos())
        }
        let spawned = p.tasks * driver.roundCount - (p.fault != nil ? 1 : 0)
        if driver.error == nil, executor.jobsRun != spawned {
            throw WorkloadError.selfCheck("the executor ran \(executor.jobsRun) jobs, not the \(spawned) tasks spawned")
        }
        return try driver.finish(check: "all \(p.tasks) tasks ran in each of \(driver.roundCount) rounds; \(executor.jobsRun) jobs on one thread")
    }
}

/// The floor's slots: the i-th body to run writes the clock into slot i. Only the floor's one
/// thread touches it (its bodies run there), so it needs no lock; a global so that the bodies
/// capture nothing.
struct FloorSlots {
    var base: UnsafeMutablePointer<UInt64>?
    var next = 0

    @inline(__always)
    mutating func fill() {
        base.unsafelyUnwrapped[next] = monotonicNanos()
        next &+= 1
    }
}

nonisolated(unsafe) let floorSlots: UnsafeMutablePointer<FloorSlots> = {
    let slots = UnsafeMutablePointer<FloorSlots>.allocate(capacity: 1)
    slots.initialize(to: FloorSlots())
    return slots
}()

/// A task executor that only queues: `enqueue` pushes the job on a ring, `runAll()` runs them
/// on the calling thread. For the runtime floor only: the thread that enqueues must be the one
/// that runs them (no lock, no wake-up; the floor's job count checks it). The ring is held
/// through a pointer, as `OwnerJobs` holds its own, so push and pop pay no dynamic exclusivity
/// check; the count is kept in a local and added once per drain.
final class BareExecutor: TaskExecutor, @unchecked Sendable {
    private let ring: UnsafeMutablePointer<JobRing>
    /// Jobs run so far.
    private(set) var jobsRun = 0

    init() {
        ring = .allocate(capacity: 1)
        ring.initialize(to: JobRing())
    }

    deinit {
        ring.pointee.deallocate()
        ring.deinitialize(count: 1)
        ring.deallocate()
    }

    func enqueue(_ job: consuming ExecutorJob) { ring.pointee.push(UnownedJob(job)) }

    /// Runs every queued job, in order, on the calling thread.
    func runAll() {
        let me = asUnownedTaskExecutor()
        var ran = 0
        while let job = ring.pointee.pop() {
            job.runSynchronously(on: me)
            ran &+= 1
        }
        jobsRun &+= ran
    }
}
