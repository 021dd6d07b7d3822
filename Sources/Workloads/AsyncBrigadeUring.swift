#if canImport(Glibc)
import Glibc
#endif
import Results

/// async-brigade-uring: async-brigade-epoll's brigade on a completion-based reactor
/// (`UringReactor`) instead of a readiness one: N Swift tasks preferring the reactor as task
/// executor, chained by socketpair links (blocking fds: the ring waits, not the task). Member
/// i queues a `recv` of link i on the ring and suspends until its completion, then writes
/// value + 1 into link i+1. The reactor thread submits and waits in one `io_uring_enter`.
///
/// Per hop: one `write(2)` and one `io_uring_enter` that submits the member's next `recv` and
/// returns the one completion (only one task is runnable at a time): `strace -f -c`, 1,000
/// rounds x 101 hops: 101,000 io_uring_enter, 101,001 write, nothing else; counted in process
/// (the check string), 1.00 completions per `io_uring_enter` over the timed rounds. The kernel
/// here (6.18) accepts SINGLE_ISSUER|DEFER_TASKRUN; no io-wq worker thread appears (threads: 1).
/// Measured here (N = 500, 5 interleaved runs each, `ctxbench table`): 2.88 / 2.86 µs per hop
/// unpinned / pinned, against async-brigade-epoll 2.55 / 2.54 µs (1.13x epoll), thread-brigade
/// 5.53 / 5.24 µs, one-thread-brigade 1.35 / 1.31 µs. Halving the syscalls does not pay: each
/// recv is a new request that tries the socket, arms an internal poll, and is retried from
/// task work when the byte arrives, which costs more than epoll's ready list plus the
/// EAGAIN recv (a C brigade over pipes: 1.7 µs per hop against 1.4-1.5 µs for epoll).
///
/// Writes stay `write(2)`: writing through the ring (a write SQE with IOSQE_CQE_SKIP_SUCCESS
/// submitted in the same `io_uring_enter` as the next recv, one syscall per hop) was 5-6%
/// slower in one interleaved run (6 runs each, N = 500: 3.04 against 2.88 µs unpinned, 3.01
/// against 2.87 µs pinned; CPU time per hop 3.17 against 2.90 µs): the request setup of an
/// io_uring write costs more than the syscall it saves. (That path is in commit 6cfadd0.)
///
/// The driver is a task on the same executor: write link 0, await link N, check value + N.
/// Self-check: every round's value, and every member forwarded every round. Where io_uring is
/// missing or disabled, setup fails with "io_uring unavailable (reason)" (the child's exit 4).
public enum AsyncBrigadeUring: Workload {
    public static let name = "async-brigade-uring"

    /// The reactor's counters at the warm-up boundary and after the last timed round.
    final class Tally: @unchecked Sendable {
        var enters = 0, completions = 0
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let memory = p.measureMemory ? MemoryProbe.begin() : nil
        let n = p.tasks, rounds = p.warmups + p.iterations
        let reactor = try UringReactor(tokens: n + 1)
        let links = try Links(count: n + 1)
        let state = AsyncBrigadeEpoll.State(iterations: p.iterations, members: n, memory: memory)
        let tally = Tally()
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
            await driver(p, reactor: reactor, first: first, last: last, state: state, tally: tally)
            reactor.stop()
        }
        reactor.run()
        if let error = state.error { throw WorkloadError.selfCheck(error) }
        for i in 0..<n where state.forwarded[i] != rounds {
            throw WorkloadError.selfCheck("member \(i) forwarded \(state.forwarded[i]) of \(rounds) rounds")
        }
        withExtendedLifetime(links) {}
        // Hundredths of a completion per enter, printed with two decimals ("1.00").
        let hundredths = (100 * tally.completions + max(tally.enters, 1) / 2) / max(tally.enters, 1)
        let ratio = "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
        return Measured(samplesNs: Array(UnsafeBufferPointer(start: state.samples, count: p.iterations)),
                        check: "value + \(n) arrived in all \(rounds) rounds; each of \(n) tasks forwarded \(rounds)"
                            + "; \(ratio) completions per io_uring_enter (timed rounds: \(tally.completions) CQEs"
                            + " in \(tally.enters) enters); setup \(reactor.setupFlags)",
                        timedRusage: state.timed, threads: state.threads, memory: state.reading)
    }

    /// One brigade member: per round, one byte in from link i, value + 1 out to link i+1.
    static func member(_ index: Int, reactor: UringReactor, readFD: Int32, writeFD: Int32, rounds: Int,
                       faultRound: Int, hang: Bool, state: AsyncBrigadeEpoll.State) async {
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
    static func driver(_ p: WorkloadParameters, reactor: UringReactor, first: Int32, last: Int32,
                       state: AsyncBrigadeEpoll.State, tally: Tally) async {
        var before = ProcessProbe.rusage()
        for round in 0..<(p.warmups + p.iterations) {
            // Every member has run and is parked on its link: read memory, then time.
            if round == p.warmups {
                before = state.enterTimedRounds()
                tally.enters = reactor.enters
                tally.completions = reactor.completions
            }
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
        tally.enters = reactor.enters - tally.enters
        tally.completions = reactor.completions - tally.completions
    }
}
