#if canImport(Glibc)
import Glibc
#endif
import Results

/// async-brigade-epoll: the study's async-brigade on a current-thread runtime of our own
/// (`EpollReactor`): N Swift tasks, each preferring the reactor as task executor, in a chain
/// of socketpair links whose read ends are non-blocking and registered edge-triggered.
/// Member i reads link i with `recv`; on EAGAIN it parks on a continuation that the reactor
/// resumes when epoll reports the fd; then it writes value + 1 into link i+1.
///
/// Per hop: one `recv` that returns the byte, one `write`, one `recv` that returns EAGAIN, one
/// `epoll_wait` (only one task is runnable at a time), one continuation resume and one job run.
/// (`strace -f -c`, 1,000 rounds x 101 hops: 202,000 recvfrom of which 101,000 EAGAIN,
/// 101,000 write, 101,000 epoll_wait.) perf: ~86% of the time is in the kernel; the Swift
/// runtime's continuation and task-executor bookkeeping is ~5%, this code ~2.5%.
/// Measured here: 1.5-1.9x one-thread-brigade per hop (Tokio's async-brigade: ~2.4x).
/// The driver is a task on the same executor: write link 0, await link N, check value + N.
/// Self-check: every round's value, and every member forwarded every round.
public enum AsyncBrigadeEpoll: Workload {
    public static let name = "async-brigade-epoll"

    /// What the tasks write and `run` reads after the reactor stops. `@unchecked Sendable`:
    /// only the reactor thread touches it while tasks run, and `run` (on that same thread)
    /// reads it after `EpollReactor.run()` returns.
    final class State: @unchecked Sendable {
        let samples: UnsafeMutablePointer<UInt64>
        let forwarded: UnsafeMutablePointer<Int>
        let memory: MemoryProbe?
        var reading: MemoryReading?
        var timed: ResourceUsage?
        var threads = 0
        var error: String?

        init(iterations: Int, members: Int, memory: MemoryProbe?) {
            samples = .allocate(capacity: iterations)
            samples.initialize(repeating: 0, count: iterations)
            forwarded = .allocate(capacity: members)
            forwarded.initialize(repeating: 0, count: members)
            self.memory = memory
        }

        deinit { samples.deallocate(); forwarded.deallocate() }

        /// At the warm-up boundary, with every member parked: count threads, read memory, and
        /// return the rusage the timed rounds start from.
        func enterTimedRounds() -> ResourceUsage {
            threads = ProcessProbe.threadCount()
            reading = memory?.finish()
            return ProcessProbe.rusage()
        }
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let memory = p.measureMemory ? MemoryProbe.begin() : nil
        let n = p.tasks, rounds = p.warmups + p.iterations
        let links = try Links(count: n + 1)
        try links.setReadEndsNonBlocking()
        let reactor = try EpollReactor(tokens: n + 1)
        for i in 0...n { try reactor.register(fd: links.readFDs[i], token: i) }
        let state = State(iterations: p.iterations, members: n, memory: memory)
        for i in 0..<n {
            let readFD = links.readFDs[i], writeFD = links.writeFDs[i + 1]
            let faultRound = i == n / 2 && p.fault != nil ? p.warmups : Int.max
            let fault = p.fault
            Task(executorPreference: reactor) {
                await member(i, reactor: reactor, readFD: readFD, writeFD: writeFD, rounds: rounds,
                             faultRound: faultRound, hang: fault == .hang, state: state)
            }
        }
        let first = links.writeFDs[0], last = links.readFDs[n]
        Task(executorPreference: reactor) {
            await driver(p, reactor: reactor, first: first, last: last, state: state)
            reactor.stop()
        }
        reactor.run()
        if let error = state.error { throw WorkloadError.selfCheck(error) }
        for i in 0..<n where state.forwarded[i] != rounds {
            throw WorkloadError.selfCheck("member \(i) forwarded \(state.forwarded[i]) of \(rounds) rounds")
        }
        withExtendedLifetime(links) {}
        return Measured(samplesNs: Array(UnsafeBufferPointer(start: state.samples, count: p.iterations)),
                        check: "value + \(n) arrived in all \(rounds) rounds; each of \(n) tasks forwarded \(rounds)",
                        timedRusage: state.timed, threads: state.threads, memory: state.reading)
    }

    /// One brigade member: per round, one byte in from link i, value + 1 out to link i+1.
    static func member(_ index: Int, reactor: EpollReactor, readFD: Int32, writeFD: Int32, rounds: Int,
                       faultRound: Int, hang: Bool, state: State) async {
        for round in 0..<rounds {
            let v = await reactor.receiveByte(readFD, token: index)
            if v < 0 { state.error = "member \(index): recv failed in round \(round)"; return }
            var out = UInt8(truncatingIfNeeded: v) &+ 1
            if round == faultRound {
                if hang { return }
                out &+= 1
            }
            if !writeByte(writeFD, out) { state.error = "member \(index): write failed in round \(round)"; return }
            state.forwarded[index] &+= 1
        }
    }

    /// The driver task: warm-ups, then timed rounds; stops at the first wrong value.
    static func driver(_ p: WorkloadParameters, reactor: EpollReactor, first: Int32, last: Int32,
                       state: State) async {
        var before = ProcessProbe.rusage()
        for round in 0..<(p.warmups + p.iterations) {
            // Every member has run and is parked on its link: read memory, then time.
            if round == p.warmups { before = state.enterTimedRounds() }
            let sent = UInt8(truncatingIfNeeded: round)
            let start = monotonicNanos()
            guard writeByte(first, sent) else { state.error = "write into link 0 failed"; return }
            let got = await reactor.receiveByte(last, token: p.tasks)
            let end = monotonicNanos()
            let expected = sent &+ UInt8(truncatingIfNeeded: p.tasks)
            guard got == Int(expected) else {
                state.error = "round \(round): read \(got) from link \(p.tasks), expected \(expected)"
                return
            }
            if round >= p.warmups { state.samples[round - p.warmups] = end &- start }
        }
        state.timed = ProcessProbe.rusage().minus(before)
    }
}
