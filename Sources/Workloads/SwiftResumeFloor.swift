import Results

/// swift-resume-floor: the Swift runtime's hop alone, the floor under async-mem-brigade,
/// measured in every run beside Tokio's in-memory hop. N member tasks on a `BareExecutor` (a job
/// ring run by the calling thread, nothing else), each parked on a continuation; per round a
/// plain loop (no task, no channel) resumes member 0 with the round's value, runs its job (the
/// member adds 1, hands the value to the loop and parks again on a new continuation, through
/// the same member loop as async-mem-brigade's, `BrigadeDriver.member`), then member 1 with
/// that, and so on to member N-1; the driver checks value + N. So per hop exactly one
/// continuation resume (the look-up of the task's executor preference, an enqueue), one job run
/// and one suspension, with no channel, no driver task and no executor of ours beyond a ring.
/// What async-mem-brigade costs beyond this floor is its channels and its executor's; what this
/// floor costs beyond Tokio's hop is the runtime's own.
///
/// Self-check: the driver's value each round and every member's count (`BrigadeDriver`), and the
/// executor ran exactly the N first jobs plus one per resume. A member that hands nothing back
/// (`--fault hang`) stops the run with a self-check failure.
public enum SwiftResumeFloor: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = BrigadeDriver(p, mask: -1)
        let n = driver.members
        let executor = BareExecutor()
        let members = ParkedMembers(n)
        for i in 0..<n {
            Task(executorPreference: executor) {
                await driver.member(i, receive: { await members.park(i) }, send: { members.outbox.put(i, $0) })
            }
        }
        executor.runAll()
        var resumed = 0
        var stopped: String?
        driver.drive { sent in
            var value = sent
            for t in 0..<n {
                let parked = members.resume(t, with: value)
                resumed &+= parked ? 1 : 0
                executor.runAll()
                guard parked, let next = members.outbox.take(t) else {
                    stopped = "member \(t) handed nothing on"
                    return -1
                }
                value = next
            }
            return value
        }
        // The driver's own message would only say that -1 came back; name the member instead.
        if let stopped { driver.error = stopped }
        return try executor.finish(driver, tasks: n, resumes: resumed)
    }
}

/// The members of a runtime floor: the continuation each is parked on, and what each hands on.
/// Touched only on the floor's one thread (the tasks run there, inside the loop).
final class ParkedMembers: @unchecked Sendable {
    let waiters: UnsafeMutablePointer<UnsafeContinuation<Int, Never>?>
    let outbox: MemberOutbox
    let count: Int

    init(_ count: Int) {
        self.count = max(count, 1)
        waiters = .allocate(capacity: self.count)
        waiters.initialize(repeating: nil, count: self.count)
        outbox = MemberOutbox(count)
    }

    deinit {
        waiters.deinitialize(count: count)
        waiters.deallocate()
    }

    /// Parks the calling member until the loop resumes it with a value.
    @inline(__always)
    func park(_ i: Int) async -> Int {
        await withUnsafeContinuation { (c: UnsafeContinuation<Int, Never>) in waiters[i] = c }
    }

    /// Resumes member `i` with `value`; false when it is not parked (it ended).
    @inline(__always)
    func resume(_ i: Int, with value: Int) -> Bool {
        guard let c = waiters[i] else { return false }
        waiters[i] = nil
        c.resume(returning: value)
        return true
    }
}
