#if canImport(Glibc)
import Glibc
#endif
import CURingShim
import SystemCall
import Synchronization

/// The completion-based twin of `EpollReactor`: one thread is both the task executor and the
/// io_uring reactor. A task that wants a byte submits a `recv` SQE (user_data = its token)
/// and suspends on a continuation; `run()` drains the ready jobs, then submits every queued
/// SQE and waits for at least one completion in one `io_uring_enter`
/// (`io_uring_submit_and_wait(1)`), and resumes the continuation of each token that completed,
/// handing it the CQE's result.
///
/// Tasks reach it through a task-executor preference (`Task(executorPreference:)`), as with
/// `EpollReactor`; jobs enqueued on the owner thread go into a local ring (no lock), jobs from
/// other threads into a `Mutex`-guarded queue and a write to an eventfd whose read is kept
/// in flight on the ring.
///
/// Setup: `IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN` (kernel 6.1+: completions
/// are posted only when the owner thread enters the ring to wait, with no task-work
/// interrupts in between), falling back to `SINGLE_ISSUER | COOP_TASKRUN`, `COOP_TASKRUN`, then
/// no flag, each retried only on EINVAL; `setupFlags` names the set the kernel accepted. The
/// CQ is sized for one completion per token (`IORING_SETUP_CQSIZE`), so it never overflows.
///
/// Not used: registered fds (IOSQE_FIXED_FILE; saves an fget/fput per recv) measured only
/// 1-2% faster per hop (2.76 against 2.79-2.82 µs, N = 500, 6 interleaved runs), within this
/// VM's noise, for an extra code path; multishot recv (needs a provided-buffer ring and a
/// per-token stash for completions that arrive before the task waits) was not tried. So one
/// recv SQE per wait.
///
/// `@unchecked Sendable`: every field but the job queue's `remote` and `wakeFD` is touched only
/// on the owner thread (`enqueue` checks the thread before using the local ring).
public final class UringReactor: TaskExecutor, ByteReceiver, @unchecked Sendable {
    let ring: OpaquePointer
    /// The IORING_SETUP_* flags the kernel accepted, e.g. "SINGLE_ISSUER|DEFER_TASKRUN".
    public let setupFlags: String
    let wakeFD: Int32
    let jobs: OwnerJobs
    /// The continuation parked on each token, resumed with the CQE's result.
    let waiters: UnsafeMutablePointer<UnsafeContinuation<Int32, Never>?>
    /// One receive byte per token: the kernel writes it after the SQE is queued, so it must
    /// outlive the task's suspension.
    let inBytes: UnsafeMutablePointer<UInt8>
    let wakeBuffer: UnsafeMutablePointer<UInt64>
    let cqeData: UnsafeMutablePointer<UInt64>
    let cqeResults: UnsafeMutablePointer<Int32>
    let tokens: Int
    var stopped = false
    /// [0]: `io_uring_enter` calls made by this reactor (every submit and submit-and-wait);
    /// [1]: CQEs reaped. Behind a pointer: no exclusivity check per hop.
    let counts: UnsafeMutablePointer<Int>
    public var enters: Int { counts[0] }
    public var completions: Int { counts[1] }

    static let wakeToken = UInt64.max
    static let reapBatch = 64

    /// Why io_uring cannot be used here, or nil. `CTXBENCH_FORCE_NO_URING=1` makes it fail
    /// (tests); `kernel.io_uring_disabled = 2` disables it for everyone. (With 1, only members
    /// of `kernel.io_uring_group` and privileged processes may set up a ring: `init` finds out.)
    public static func unavailableReason() -> String? {
        if let v = getenv("CTXBENCH_FORCE_NO_URING"), String(cString: v) == "1" {
            return "CTXBENCH_FORCE_NO_URING=1"
        }
        if let v = disabledSysctl(), v == "2" { return "kernel.io_uring_disabled = 2" }
        return nil
    }

    /// The value of /proc/sys/kernel/io_uring_disabled (absent before kernel 6.6).
    static func disabledSysctl() -> String? {
        guard let f = fopen("/proc/sys/kernel/io_uring_disabled", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 16)
        guard fgets(&line, 16, f) != nil else { return nil }
        let digits = line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }.filter { $0 > 32 }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Creates the reactor owned by the calling thread, with room for `tokens` tokens. Throws
    /// `WorkloadError.setup("io_uring unavailable (reason)")` when no ring can be set up.
    public init(tokens: Int) throws {
        if let reason = Self.unavailableReason() { throw Self.unavailable(reason) }
        let single = ctx_uring_setup_single_issuer(), deferred = ctx_uring_setup_defer_taskrun()
        let coop = ctx_uring_setup_coop_taskrun()
        let attempts: [(UInt32, String)] = [
            (single | deferred, "SINGLE_ISSUER|DEFER_TASKRUN"), (single | coop, "SINGLE_ISSUER|COOP_TASKRUN"),
            (coop, "COOP_TASKRUN"), (0, "none"),
        ]
        var cq: UInt32 = 1
        while Int(cq) < tokens + 2 && cq < 65_536 { cq <<= 1 }
        var made: (OpaquePointer, String)?
        var error: Int32 = 0
        for (flags, name) in attempts {
            if let r = ctx_uring_create(256, max(cq, 512), flags, &error) {
                made = (r, name)
                break
            }
            if error != -EINVAL { break }
        }
        guard let made else {
            var why = Errno("io_uring_queue_init", code: -error).description
            if let v = Self.disabledSysctl(), v != "0" { why += ", kernel.io_uring_disabled = \(v)" }
            throw Self.unavailable(why)
        }
        let ring = made.0
        let supported = ctx_uring_supports_recv_and_read(ring)
        guard supported == 1 else {
            ctx_uring_destroy(ring)
            throw Self.unavailable(supported < 0 ? Errno("io_uring probe", code: -supported).description
                                                 : "the kernel lacks IORING_OP_RECV or IORING_OP_READ")
        }
        let wake: Int32
        do { wake = try systemCall("eventfd") { ctx_uring_eventfd() } } catch {
            ctx_uring_destroy(ring)
            throw error
        }
        self.ring = ring
        setupFlags = made.1
        wakeFD = wake
        jobs = OwnerJobs(wakeFD: wake)
        self.tokens = tokens
        let slots = max(tokens, 1)
        waiters = .allocate(capacity: slots)
        waiters.initialize(repeating: nil, count: slots)
        inBytes = .allocate(capacity: slots)
        inBytes.initialize(repeating: 0, count: slots)
        wakeBuffer = .allocate(capacity: 1)
        wakeBuffer.initialize(to: 0)
        cqeData = .allocate(capacity: Self.reapBatch)
        cqeResults = .allocate(capacity: Self.reapBatch)
        counts = .allocate(capacity: 2)
        counts.initialize(repeating: 0, count: 2)
        armWake()
    }

    static func unavailable(_ reason: String) -> WorkloadError {
        .setup("io_uring unavailable (\(reason))")
    }

    deinit {
        ctx_uring_destroy(ring)
        close(wakeFD)
        waiters.deinitialize(count: max(tokens, 1))
        waiters.deallocate()
        inBytes.deallocate()
        wakeBuffer.deallocate()
        cqeData.deallocate()
        cqeResults.deallocate()
        counts.deallocate()
    }

    public func enqueue(_ job: consuming ExecutorJob) { jobs.enqueue(UnownedJob(job)) }

    /// Queues an SQE with `prep`; when the submission queue is full, submits it first (one
    /// more `io_uring_enter`; happens only while many tasks start, never in a steady brigade).
    @inline(__always)
    func queue(_ prep: () -> Int32) {
        while prep() == -EBUSY {
            counts[0] &+= 1
            let r = ctx_uring_submit(ring)
            precondition(r >= 0 || r == -EINTR || r == -EAGAIN || r == -EBUSY,
                         Errno("io_uring_submit", code: -r).description)
        }
    }

    private func armWake() {
        let fd = wakeFD, buffer = wakeBuffer, ring = ring
        queue { ctx_uring_prep_read(ring, fd, buffer, 8, Self.wakeToken) }
    }

    /// One byte from the blocking `fd` under `token` (< `tokens`): queues a `recv` SQE and
    /// parks until its completion. -1 on EOF or error. Call only from a task on this executor,
    /// with no other receive of the same token in flight.
    @inline(__always)
    public func receiveByte(_ fd: Int32, token: Int) async -> Int {
        let ring = ring, buffer = inBytes + token
        while true {
            queue { ctx_uring_prep_recv(ring, fd, buffer, 1, UInt64(token)) }
            let res = await completion(of: token)
            if res == 1 { return Int(buffer.pointee) }
            if res != -EAGAIN && res != -EINTR { return -1 }
        }
    }

    /// Parks the calling task until the request under `token` completes; its CQE's result.
    @inline(__always)
    func completion(of token: Int) async -> Int32 {
        await withUnsafeContinuation { (c: UnsafeContinuation<Int32, Never>) in waiters[token] = c }
    }

    /// Up to `capacity` bytes from `fd` into `bytes`: one recv submitted to the ring under
    /// `token`; the task suspends until its completion. The count read, or -1 on EOF or error.
    @inline(__always)
    public func receive(_ fd: Int32, into bytes: UnsafeMutablePointer<UInt8>, capacity: Int, token: Int) async -> Int {
        let ring = ring
        while true {
            queue { ctx_uring_prep_recv(ring, fd, bytes, UInt32(capacity), UInt64(token)) }
            let res = await completion(of: token)
            if res > 0 { return Int(res) }
            if res != -EAGAIN && res != -EINTR { return -1 }
        }
    }

    /// Submits every queued SQE and waits for at least one completion in one `io_uring_enter`,
    /// then reaps up to `reapBatch` CQEs into `cqeData` / `cqeResults`; their count.
    @inline(__always)
    func waitAndReap() -> Int {
        counts[0] &+= 1
        let r = ctx_uring_submit_and_wait(ring, 1)
        precondition(r >= 0 || r == -EINTR || r == -EAGAIN || r == -EBUSY || r == -ETIME,
                     Errno("io_uring_submit_and_wait", code: -r).description)
        let n = Int(ctx_uring_reap(ring, cqeData, cqeResults, UInt32(Self.reapBatch)))
        counts[1] &+= n
        return n
    }

    /// Drives the reactor on the owner thread until `stop()`: runs
    /// every ready job, then submits and waits in one `io_uring_enter`, and resumes the tasks
    /// whose receives completed.
    public func run() {
        jobs.requireOwner("run()")
        let executor = asUnownedTaskExecutor()
        while true {
            jobs.runReady(on: executor)
            if stopped { return }
            let n = waitAndReap()
            for i in 0..<n {
                let data = cqeData[i], res = cqeResults[i]
                if data == Self.wakeToken {
                    jobs.takeRemote()
                    armWake()
                } else if let c = waiters[Int(data)] {
                    waiters[Int(data)] = nil
                    c.resume(returning: res)
                }
            }
        }
    }
}
