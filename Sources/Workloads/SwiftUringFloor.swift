#if canImport(Glibc)
import Glibc
#endif
import CURingShim
import Results

/// swift-uring-floor: c-uring-brigade's program with the Swift runtime's hop added, and nothing
/// else of ours: the floor under async-brigade-uring, measured in every run as
/// swift-spawn-floor is under the creation designs. One thread runs C's loop on the same ring
/// (`UringReactor`'s setup) and the same links: it submits and waits in one `io_uring_enter`,
/// and for each member's completion resumes that member's task and runs it at once on a
/// `BareExecutor` (a job ring, nothing else); the task adds 1 to the byte and parks again on a
/// new continuation (`UringReactor.completion(of:)`, as async-brigade-uring's members do);
/// then the loop writes the byte into the next link with `write(2)` and queues the member's
/// next recv, as C's `member_done` does. So per hop: C's system calls and C's bookkeeping, plus
/// one continuation resume (the look-up of the task's executor preference, an enqueue), one job
/// run and one suspension, with the N tasks' memory in the cache's way as in any design whose
/// members are tasks. What async-brigade-uring costs beyond this floor is its own (its reactor,
/// its member loop doing the I/O in the task); what this floor costs beyond c-uring-brigade is
/// the runtime's. One byte per round (`--in-flight` 1).
///
/// Self-check: the driver's value each round and every member's count (`BrigadeDriver`), and the
/// executor ran exactly the N first jobs plus one per completion a member was resumed for.
/// `--fault hang`: the member stops, the chain stops, the runner's timeout fires (as in C).
public enum SwiftUringFloor: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = BrigadeDriver(p)
        let n = driver.members
        let reactor = try UringReactor(tokens: n + 1)
        let links = try Links(count: n + 1)
        let executor = BareExecutor()
        let outbox = MemberOutbox(n)
        driver.reactorCounters = { (reactor.enters, reactor.completions) }
        for i in 0..<n {
            Task(executorPreference: executor) {
                await driver.memberBytes(i, receive: { buffer, _ in
                    let res = await reactor.completion(of: i)
                    guard res == 1 else { return -1 }
                    buffer[0] = reactor.inBytes[i]
                    return 1
                }, send: { buffer, _ in outbox.put(i, Int(buffer[0])) })
            }
        }
        executor.runAll()
        let resumed = reactor.runFloor(driver, links: links, executor: executor, outbox: outbox)
        withExtendedLifetime(links) {}
        var measured = try executor.finish(driver, tasks: n, resumes: resumed)
        measured.check += "; setup \(reactor.setupFlags)"
        return measured
    }
}

/// What each member's task of a runtime floor hands the floor's loop: its value and whether it
/// sent one this time. Touched only on the floor's one thread (the tasks run there, inside the
/// loop).
final class MemberOutbox: @unchecked Sendable {
    let values: UnsafeMutablePointer<Int>
    let sent: UnsafeMutablePointer<Bool>
    let count: Int

    init(_ count: Int) {
        self.count = max(count, 1)
        values = .allocate(capacity: self.count)
        values.initialize(repeating: 0, count: self.count)
        sent = .allocate(capacity: self.count)
        sent.initialize(repeating: false, count: self.count)
    }

    deinit { values.deallocate(); sent.deallocate() }

    @inline(__always)
    func put(_ i: Int, _ value: Int) -> Bool {
        values[i] = value
        sent[i] = true
        return true
    }

    /// The value member `i` sent since the last take, or nil.
    @inline(__always)
    func take(_ i: Int) -> Int? {
        guard sent[i] else { return nil }
        sent[i] = false
        return values[i]
    }
}

extension UringReactor {
    /// c-uring-brigade's loop on this ring, with each member's completion resuming its task on
    /// `executor` and running it before the write: until the driver's last round, or a wrong
    /// value or a failed write (`driver.error`). Returns the number of resumes.
    func runFloor(_ driver: BrigadeDriver, links: Links, executor: BareExecutor, outbox: MemberOutbox) -> Int {
        let n = driver.members, rounds = driver.rounds, ring = ring
        let inject = links.injection(inFlight: 1)
        // The fds as raw buffers, as C's arrays: no bounds check or array access per hop.
        let readFDs = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n + 1)
        let writeFDs = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n + 1)
        _ = readFDs.initialize(from: links.readFDs)
        _ = writeFDs.initialize(from: links.writeFDs)
        defer { readFDs.deallocate(); writeFDs.deallocate() }
        var resumed = 0
        func recv(_ t: Int) {
            let fd = readFDs[t], buffer = inBytes + t
            queue { ctx_uring_prep_recv(ring, fd, buffer, 1, UInt64(t)) }
        }
        for t in 0...n { recv(t) }
        var round = 0
        var start = driver.startBytesRound(0)
        guard inject.write(driver.outBytes) else {
            driver.error = "round 0: the write into link 0 failed"
            return 0
        }
        let hang = driver.parameters.fault == .hang
        while true {
            let reaped = waitAndReap()
            for k in 0..<reaped {
                let data = cqeData[k], res = cqeResults[k]
                if data == Self.wakeToken { continue }
                let t = Int(data)
                if res == -EAGAIN || res == -EINTR { recv(t); continue }
                if t == n {
                    driver.backBytes[0] = inBytes[n]
                    guard driver.endBytesRound(round, ok: res == 1, start: start, end: monotonicNanos()) else { return resumed }
                    round += 1
                    if round == rounds { return resumed }
                    start = driver.startBytesRound(round)
                    guard inject.write(driver.outBytes) else {
                        driver.error = "round \(round): the write into link 0 failed"
                        return resumed
                    }
                    recv(n)
                } else {
                    guard let c = waiters[t] else {
                        driver.error = "member \(t): a completion arrived with no task parked on it"
                        return resumed
                    }
                    waiters[t] = nil
                    c.resume(returning: res)
                    resumed &+= 1
                    executor.runAll()
                    // A member that sent nothing stopped. Under `--fault hang` that is the fault:
                    // no write and no next recv, so the chain stops (the runner's timeout), as in
                    // C; otherwise its receive failed, which ends the run, as C's check does.
                    guard let value = outbox.take(t) else {
                        if hang { continue }
                        driver.error = "member \(t): its receive failed (\(res))"
                        return resumed
                    }
                    var byte = UInt8(truncatingIfNeeded: value)
                    guard writeBytes(writeFDs[t + 1], &byte, 1) else {
                        driver.error = "member \(t): the write into link \(t + 1) failed"
                        return resumed
                    }
                    recv(t)
                }
            }
        }
    }
}
