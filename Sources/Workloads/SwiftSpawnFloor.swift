import Results

/// swift-spawn-floor: what the Swift runtime alone costs per task in the study's creation
/// design, the floor under the Swift creation designs (as the C floors are under the
/// brigades). Per iteration a spawner task on a `BareExecutor` (a ring of jobs run by the
/// calling thread: no lock, no wake-up, no other thread) spawns K tasks onto it with
/// `Task(executorPreference:)`; the spawn loop is timed and the tasks run after it, untimed, on
/// the same thread, as the study timed its spawn loop and joined afterwards. The spawner is a
/// task, as async-creation-mt's is: the same loop on a thread with no current task took 1.04x
/// as long (6 alternated pairs: 1,023-1,256 against 842-1,203 ns per task; async-creation-mt
/// 0.98x this floor). So all K tasks are alive at the loop's end, as in any
/// design that, like the study's, keeps every handle until after the loop: per task the
/// runtime's creation (its task and the first slab of its task allocator, ~1.3 KiB, and the
/// executor preference recorded on it) and one push on a ring, with the heap growing by K
/// tasks a round (glibc trims it after the run and faults it back in the next round). Each
/// body, as async-creation-mt's, captures nothing (a capture costs a closure context per task):
/// it reads the clock into the next slot in run order (`FloorSlots`). What a Swift creation
/// design costs beyond this is its executor's: the hand-off to another thread and the wake-ups.
/// Measured (release, K = 10,000, 40 iterations, 6 alternated rounds): 842-1,203 ns per task
/// against async-std's spawn 294-523 ns (3.07x), async-creation-mt 860-1,125 ns (0.98x the
/// floor). An earlier version that ran the tasks every 64 spawns inside the timed loop, so
/// memory was reused, took 289-335 ns against 245-295 (6 rounds), so what separates Swift from
/// async-std here is the size of a live task, not the work of a spawn.
/// Latency: the body's clock minus its spawn's, after the whole loop.
/// Self-check: every body ran (the i-th body to run took slot i, so a lost task leaves the last
/// slot 0) after the i-th spawn began, and the executor ran every job (a job enqueued from
/// another thread would be lost or corrupt the count). `--fault` skips one spawn in the first
/// timed round, which the check must catch.
public enum SwiftSpawnFloor: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let executor = BareExecutor()
        let driver = CreationDriver(p)
        floorSlots.pointee.base = driver.bodyClock
        floorSlots.pointee.count = driver.k
        defer { floorSlots.pointee = FloorSlots() }
        driver.rounds(what: "task") { _, skip in
            floorSlots.pointee.next = 0
            floorSlots.pointee.span = (0, 0)
            // The spawner is a task on the executor, as async-creation-mt's is (a spawn from a
            // thread with no current task costs more); the ring runs it first, then the K tasks
            // it queued, after its timed loop.
            Task(executorPreference: executor) {
                let start = monotonicNanos()
                for i in 0..<driver.k {
                    driver.stamp(i)
                    if i != skip { Task(executorPreference: executor) { floorSlots.pointee.fill() } }
                }
                floorSlots.pointee.span = (start, monotonicNanos())
            }
            executor.runAll()
            return floorSlots.pointee.span
        }
        let jobs = (p.tasks + 1) * driver.roundCount - (p.fault != nil ? 1 : 0)
        if driver.error == nil, executor.jobsRun != jobs {
            throw WorkloadError.selfCheck("the executor ran \(executor.jobsRun) jobs, not the \(jobs) of the spawners and the tasks they spawned")
        }
        return try driver.finish(check: "all \(p.tasks) tasks ran in each of \(driver.roundCount) rounds; \(executor.jobsRun) jobs on one thread")
    }
}

/// The floor's slots: the i-th body to run writes the clock into slot i; and the span of the
/// spawner's timed loop. Only the floor's one thread touches it (the spawner and the bodies run
/// there), so it needs no lock; a global so that the bodies capture nothing.
struct FloorSlots {
    var base: UnsafeMutablePointer<UInt64>?
    var count = 0
    var next = 0
    /// The spawner's timed loop, start and end clock.
    var span: (UInt64, UInt64) = (0, 0)

    /// The clock into the next slot; a body beyond the K slots (a job run twice) writes nothing
    /// and only counts, so the executor's job count reports it.
    @inline(__always)
    mutating func fill() {
        if next < count { base.unsafelyUnwrapped[next] = monotonicNanos() }
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

    init() { ring = JobRing.boxed() }

    deinit { JobRing.freeBoxed(ring) }

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

    /// A brigade floor's self-check after its run: the driver's (the value of every round,
    /// every member's count), and that this executor ran exactly the first jobs of the `tasks`
    /// member tasks plus one per resume (a job lost or run twice fails it).
    func finish(_ driver: BrigadeDriver, tasks: Int, resumes: Int) throws -> Measured {
        if driver.error == nil, jobsRun != tasks + resumes {
            throw WorkloadError.selfCheck("the executor ran \(jobsRun) jobs, not the \(tasks + resumes) of \(tasks) tasks and \(resumes) resumes")
        }
        var measured = try driver.finish("tasks")
        measured.check += "; \(jobsRun) jobs on one thread"
        return measured
    }
}
