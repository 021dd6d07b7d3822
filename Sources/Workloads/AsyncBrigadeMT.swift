#if canImport(Glibc)
import Glibc
#endif
import Results
import Synchronization

/// async-brigade-mt: the study's async-brigade on the counterpart of Tokio's multi-thread
/// runtime (`MultiThreadReactor`: one worker per allowed CPU, one shared edge-triggered epoll
/// polled by whichever worker is idle, per-worker run queues). N Swift tasks preferring that
/// executor, in a chain of socketpair links whose read ends are non-blocking and registered
/// once; member i reads link i with `recv` until EAGAIN, parks on the link's readiness, then
/// writes value + 1 into link i+1. The driver is a task on the same executor: write link 0,
/// await link N, check value + N.
///
/// A hop stays on one worker: the worker whose `epoll_wait` reports link i+1 resumes member
/// i+1 onto its own ring and runs it; with one runnable task at a time the other workers stay
/// parked on their futex and nobody wakes them.
/// Per hop, as Tokio's multi-thread runtime: 2 `recv` (one EAGAIN), 1 `write`, 1 `epoll_wait`
/// and no futex (`strace -f -c`, 1,000 rounds x 101 hops, unpinned and pinned: 202,000
/// recvfrom of which 101,000 EAGAIN, 101,000 write, 101,000 epoll_wait, 4-7 futex in all; the
/// write precedes the poll on the same worker, so `epoll_wait` returns at once), ~0.0001
/// context switches per hop (rusage). Measured here (N = 500, 3 runs each, one interleaved
/// session, medians): 2.72 / 2.73 µs per hop unpinned / pinned, against 2.55 / 2.53 µs for
/// async-brigade-epoll and 5.34 / 5.12 µs for thread-brigade. The ~7% over the one-thread
/// reactor is the price of being shareable: the TLS look-up in `enqueue`, the readiness CAS on
/// each side of a park, the driver-token CAS and release and the idle-peer checks, each an
/// atomic (most of them locked instructions) per hop, where EpollReactor uses plain stores.
/// Self-check: every round's value, and every member forwarded every round.
public enum AsyncBrigadeMT: Workload {
    public static let name = "async-brigade-mt"

    /// What the tasks write and `run` reads after the workers joined. `@unchecked Sendable`:
    /// each member writes only its own `forwarded` slot and the driver alone the samples and
    /// readings, on whichever worker runs them (a task's successive jobs are ordered by the
    /// executor's queues); `run` reads them after `MultiThreadReactor.run` joined the workers.
    final class State: @unchecked Sendable {
        let samples: UnsafeMutablePointer<UInt64>
        let forwarded: UnsafeMutablePointer<Int>
        let memory: MemoryProbe?
        var reading: MemoryReading?
        var timed: ResourceUsage?
        var threads = 0
        let error = Mutex<String?>(nil)

        init(iterations: Int, members: Int, memory: MemoryProbe?) {
            samples = .allocate(capacity: iterations)
            samples.initialize(repeating: 0, count: iterations)
            forwarded = .allocate(capacity: members)
            forwarded.initialize(repeating: 0, count: members)
            self.memory = memory
        }

        deinit { samples.deallocate(); forwarded.deallocate() }

        func fail(_ message: String) { error.withLock { if $0 == nil { $0 = message } } }

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
        let reactor = try MultiThreadReactor(tokens: n + 1)
        for i in 0...n { try reactor.register(fd: links.readFDs[i], token: i) }
        let state = State(iterations: p.iterations, members: n, memory: memory)
        for i in 0..<n {
            let readFD = links.readFDs[i], writeFD = links.writeFDs[i + 1]
            let faultRound = i == n / 2 && p.fault != nil ? p.warmups : Int.max
            let hang = p.fault == .hang
            Task(executorPreference: reactor) {
                await member(i, reactor: reactor, readFD: readFD, writeFD: writeFD, rounds: rounds,
                             faultRound: faultRound, hang: hang, state: state)
            }
        }
        let first = links.writeFDs[0], last = links.readFDs[n]
        reactor.run {
            await driver(p, reactor: reactor, first: first, last: last, state: state)
        }
        if let error = state.error.withLock({ $0 }) { throw WorkloadError.selfCheck(error) }
        for i in 0..<n where state.forwarded[i] != rounds {
            throw WorkloadError.selfCheck("member \(i) forwarded \(state.forwarded[i]) of \(rounds) rounds")
        }
        withExtendedLifetime(links) {}
        return Measured(samplesNs: Array(UnsafeBufferPointer(start: state.samples, count: p.iterations)),
                        check: "value + \(n) arrived in all \(rounds) rounds; each of \(n) tasks forwarded \(rounds); "
                            + "\(reactor.workerCount) workers",
                        timedRusage: state.timed, threads: state.threads, memory: state.reading)
    }

    /// One brigade member: per round, one byte in from link i, value + 1 out to link i+1.
    static func member(_ index: Int, reactor: MultiThreadReactor, readFD: Int32, writeFD: Int32, rounds: Int,
                       faultRound: Int, hang: Bool, state: State) async {
        for round in 0..<rounds {
            let v = await reactor.receiveByte(readFD, token: index)
            if v < 0 { state.fail("member \(index): recv failed in round \(round)"); return }
            var out = UInt8(truncatingIfNeeded: v) &+ 1
            if round == faultRound {
                if hang { return }
                out &+= 1
            }
            if !writeByte(writeFD, out) { state.fail("member \(index): write failed in round \(round)"); return }
            state.forwarded[index] &+= 1
        }
    }

    /// The driver task: warm-ups, then timed rounds; stops at the first wrong value.
    static func driver(_ p: WorkloadParameters, reactor: MultiThreadReactor, first: Int32, last: Int32,
                       state: State) async {
        var before = ProcessProbe.rusage()
        for round in 0..<(p.warmups + p.iterations) {
            // Every member has run and is parked on its link: read memory, then time.
            if round == p.warmups { before = state.enterTimedRounds() }
            let sent = UInt8(truncatingIfNeeded: round)
            let start = monotonicNanos()
            guard writeByte(first, sent) else { state.fail("write into link 0 failed"); return }
            let got = await reactor.receiveByte(last, token: p.tasks)
            let end = monotonicNanos()
            let expected = sent &+ UInt8(truncatingIfNeeded: p.tasks)
            guard got == Int(expected) else {
                state.fail("round \(round): read \(got) from link \(p.tasks), expected \(expected)")
                return
            }
            if round >= p.warmups { state.samples[round - p.warmups] = end &- start }
        }
        state.timed = ProcessProbe.rusage().minus(before)
    }
}
