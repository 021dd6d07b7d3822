#if canImport(Glibc)
import Glibc
#endif
import CShims
import SystemCall
import Synchronization

/// A minimal current-thread runtime: one thread is both the task executor and the readiness
/// reactor (the design of Tokio's current-thread runtime, whose `block_on` drives the caller's
/// thread). The thread that creates the reactor owns it and drives it with `run()`.
///
/// Tasks reach it through a task-executor preference (SE-0417: `Task(executorPreference:)`),
/// so every job of theirs, including the resumption of a continuation, is `enqueue`d here.
/// Not actor isolation: a continuation awaited in code isolated to a global actor whose
/// executor is this one resumes through the generic executor (a pool thread, then a hop back),
/// and with the preference kept as well every resume is switched a second time (prototype,
/// one-thread executor, N = 500: 1.20x the preference alone per hop, 6 alternated pairs).
/// `run()` drains the ready queue, then blocks in one `epoll_wait` when nothing is runnable,
/// and resumes the continuation parked on each fd that epoll reports.
///
/// Cost per wake-up of an I/O-blocked task: one `epoll_wait` (shared by every fd it reports),
/// one continuation resume (an `enqueue` into the local ring: no lock, no allocation) and one
/// `runSynchronously`. Jobs enqueued from another thread take a `Mutex` and an `eventfd`
/// write; the brigades never do that in the timed path.
///
/// Fds are registered once, edge-triggered (`EPOLLIN|EPOLLET`): a registration costs one
/// `epoll_ctl` for the whole run, and an edge is reported once per arrival of data, which is
/// exactly what a task that read until `EAGAIN` waits for. Level-triggered would need the fd
/// disarmed (another `epoll_ctl`) or would report it again on every `epoll_wait` until read;
/// one-shot would need re-arming per wait. A task always reads until `EAGAIN` before parking,
/// so no edge is lost; a stale report only makes it read once more and park again.
///
/// `@unchecked Sendable`: every field but the job queue's `remote` and `wakeFD` is touched only
/// on the owner thread (`enqueue` checks the thread before using the local ring).
public final class EpollReactor: TaskExecutor, ReadinessReactor, @unchecked Sendable {
    let epfd: Int32
    let wakeFD: Int32
    let jobs: OwnerJobs
    /// The continuation parked on each token (the epoll user word), or nil.
    let waiters: UnsafeMutablePointer<UnsafeContinuation<Void, Never>?>
    let tokens: Int
    var stopped = false
    /// epoll_wait calls made and events they returned (read by the driver at the warm-up
    /// boundary and at the end: an add per call, no atomics, owner thread only).
    public private(set) var waits = 0
    public private(set) var events = 0
    static let wakeToken = UInt64.max

    /// Creates the reactor owned by the calling thread, with room for `tokens` fds.
    public init(tokens: Int) throws {
        (epfd, wakeFD) = try openEpoll(wakeToken: Self.wakeToken)
        jobs = OwnerJobs(wakeFD: wakeFD)
        self.tokens = tokens
        waiters = .allocate(capacity: max(tokens, 1))
        waiters.initialize(repeating: nil, count: max(tokens, 1))
    }

    deinit {
        waiters.deinitialize(count: max(tokens, 1))
        waiters.deallocate()
        close(wakeFD)
        close(epfd)
    }

    /// Registers `fd` (non-blocking) once, edge-triggered, under `token` (< `tokens`).
    public func register(fd: Int32, token: Int) throws { try registerEdgeTriggered(epfd: epfd, fd: fd, token: token, of: tokens) }

    public func enqueue(_ job: consuming ExecutorJob) { jobs.enqueue(UnownedJob(job)) }

    /// Parks the calling task until epoll reports `token` readable. Call only from a task
    /// running on this executor, after a read returned EAGAIN.
    @inline(__always)
    public func readable(_ token: Int) async {
        await withUnsafeContinuation { (c: UnsafeContinuation<Void, Never>) in
            waiters[token] = c
        }
    }


    /// Drives the reactor on the owner thread until `stop()`: runs every ready job, then
    /// waits in epoll_wait and resumes the tasks parked on the fds it reports.
    public func run() {
        jobs.requireOwner("run()")
        let executor = asUnownedTaskExecutor()
        let ready = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
        defer { ready.deallocate() }
        while true {
            jobs.runReady(on: executor)
            if stopped { return }
            let n = ctx_epoll_wait(epfd, ready, 64, -1)
            precondition(n >= 0, Errno("epoll_wait", code: errno).description)
            waits &+= 1
            events &+= Int(n)
            for i in 0..<Int(n) {
                let token = ready[i]
                if token == Self.wakeToken {
                    var count: UInt64 = 0
                    _ = read(wakeFD, &count, 8)
                    jobs.takeRemote()
                } else if let c = waiters[Int(token)] {
                    waiters[Int(token)] = nil
                    c.resume()
                }
            }
        }
    }

}

/// An epoll instance and an eventfd registered in it (level-triggered) under `wakeToken`, for
/// a reactor's cross-thread wake-ups; closes both if either step fails.
func openEpoll(wakeToken: UInt64) throws(Errno) -> (epfd: Int32, wakeFD: Int32) {
    let epfd = try systemCall("epoll_create1") { ctx_epoll_create() }
    do throws(Errno) {
        let wakeFD = try systemCall("eventfd") { ctx_eventfd() }
        do {
            try systemCall("epoll_ctl(eventfd)") { ctx_epoll_add(epfd, wakeFD, ctx_epollin(), wakeToken) }
        } catch {
            close(wakeFD)
            throw error
        }
        return (epfd, wakeFD)
    } catch {
        close(epfd)
        throw error
    }
}

/// Registers the non-blocking `fd` once, edge-triggered (`EPOLLIN|EPOLLET`), under `token`
/// (< `tokens`).
func registerEdgeTriggered(epfd: Int32, fd: Int32, token: Int, of tokens: Int) throws(Errno) {
    precondition(token >= 0 && token < tokens)
    try systemCall("epoll_ctl(fd \(fd))") { ctx_epoll_add(epfd, fd, ctx_epollin() | ctx_epollet(), UInt64(token)) }
}

/// The job queues of a reactor one thread owns (EpollReactor, UringReactor): jobs enqueued on
/// the owner thread go into a local ring (no lock, no allocation), jobs from any other thread
/// into `remote` under a Mutex, followed by a write to the reactor's `wakeFD`; the owner moves
/// them over with `takeRemote` when that fd reports. The ring is held through a pointer, not
/// as a `var`, so push and pop need no dynamic exclusivity check (a TLS look-up and a call
/// each, 1-2 % of a mem-brigade hop in perf).
struct OwnerJobs: ~Copyable {
    let owner = pthread_self()
    let local: UnsafeMutablePointer<JobRing>
    let remote = Mutex<[UnownedJob]>([])
    let wakeFD: Int32

    init(wakeFD: Int32) {
        self.wakeFD = wakeFD
        local = JobRing.boxed()
    }

    deinit { JobRing.freeBoxed(local) }

    /// True on the thread that created the reactor.
    var onOwner: Bool { pthread_equal(owner, pthread_self()) != 0 }

    @inline(__always)
    func enqueue(_ job: UnownedJob) {
        if pthread_equal(owner, pthread_self()) != 0 {
            local.pointee.push(job)
        } else {
            remote.withLock { $0.append(job) }
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    @inline(__always)
    func pop() -> UnownedJob? { local.pointee.pop() }

    /// Runs every ready job, in order, on the owner thread (`executor`: the reactor's own).
    @inline(__always)
    func runReady(on executor: UnownedTaskExecutor) {
        while let job = pop() { job.runSynchronously(on: executor) }
    }

    /// Traps unless called on the owner thread (`call` names the reactor's method).
    func requireOwner(_ call: StaticString) { precondition(onOwner, "\(call) off the reactor's owner thread") }

    /// Moves the jobs other threads enqueued into the local ring (owner thread only).
    func takeRemote() {
        let moved = remote.withLock { queue -> [UnownedJob] in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        for job in moved { local.pointee.push(job) }
    }
}

/// A growable FIFO ring of jobs for the owner thread: push and pop are a store or load and an
/// index update; it allocates only when it grows (never in a steady brigade).
struct JobRing {
    private var buffer = UnsafeMutablePointer<UnownedJob>.allocate(capacity: 64)
    private var mask = 63
    private var head = 0
    /// Jobs queued.
    private(set) var count = 0

    @inline(__always)
    mutating func push(_ job: UnownedJob) {
        if count > mask { grow() }
        (buffer + ((head &+ count) & mask)).initialize(to: job)
        count &+= 1
    }

    @inline(__always)
    mutating func pop() -> UnownedJob? {
        if count == 0 { return nil }
        let job = (buffer + head).move()
        head = (head &+ 1) & mask
        count &-= 1
        return job
    }

    private mutating func grow() {
        let capacity = (mask + 1) * 2
        let bigger = UnsafeMutablePointer<UnownedJob>.allocate(capacity: capacity)
        for i in 0..<count { (bigger + i).initialize(to: (buffer + ((head + i) & mask)).move()) }
        buffer.deallocate()
        buffer = bigger
        mask = capacity - 1
        head = 0
    }

    func deallocate() { buffer.deallocate() }

    /// A new empty ring behind a pointer: its owner pushes and pops through the pointer, so
    /// neither pays a dynamic exclusivity check. Free it with `freeBoxed`.
    static func boxed() -> UnsafeMutablePointer<JobRing> {
        let ring = UnsafeMutablePointer<JobRing>.allocate(capacity: 1)
        ring.initialize(to: JobRing())
        return ring
    }

    /// Frees a ring made by `boxed()` and its buffer.
    static func freeBoxed(_ ring: UnsafeMutablePointer<JobRing>) {
        ring.pointee.deallocate()
        ring.deinitialize(count: 1)
        ring.deallocate()
    }
}
