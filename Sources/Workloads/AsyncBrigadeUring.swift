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
/// The driver is a task on the same executor: write link 0, await link N, check value + N.
/// Self-check: every round's value, and every member forwarded every round. Where io_uring is
/// missing or disabled, setup fails with "io_uring unavailable (reason)" (the child's exit 4).
public enum AsyncBrigadeUring: Workload {
    public static let name = "async-brigade-uring"

    /// Whether members write through the ring (a quiet write SQE submitted with the next
    /// recv) instead of with write(2). Measurement switch: CTXBENCH_URING_WRITES=ring.
    static var ringWrites: Bool {
        guard let v = getenv("CTXBENCH_URING_WRITES") else { return false }
        return String(cString: v) == "ring"
    }

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
        let ring = ringWrites
        for i in 0..<n {
            let readFD = links.readFDs[i], writeFD = links.writeFDs[i + 1]
            let faultRound = i == n / 2 && p.fault != nil ? p.warmups : Int.max
            let fault = p.fault
            Task(executorPreference: reactor) {
                await member(i, reactor: reactor, readFD: readFD, writeFD: writeFD, rounds: rounds,
                             faultRound: faultRound, hang: fault == .hang, ringWrites: ring, state: state)
            }
        }
        let first = links.writeFDs[0], last = links.readFDs[n]
        Task(executorPreference: reactor) {
            await driver(p, reactor: reactor, first: first, last: last, ringWrites: ring, state: state, tally: tally)
            reactor.stop()
        }
        reactor.run()
        if let failure = reactor.failure { throw WorkloadError.selfCheck(failure) }
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
                            + " in \(tally.enters) enters); setup \(reactor.setupFlags); writes "
                            + (ring ? "through the ring" : "with write(2)"),
                        timedRusage: state.timed, threads: state.threads, memory: state.reading)
    }

    /// One brigade member: per round, one byte in from link i, value + 1 out to link i+1.
    static func member(_ index: Int, reactor: UringReactor, readFD: Int32, writeFD: Int32, rounds: Int,
                       faultRound: Int, hang: Bool, ringWrites: Bool, state: AsyncBrigadeEpoll.State) async {
        for round in 0..<rounds {
            let v = await reactor.receiveByte(readFD, token: index)
            if v < 0 { state.error = "member \(index): recv failed in round \(round)"; return }
            var out = UInt8(truncatingIfNeeded: v) &+ 1
            if round == faultRound {
                if hang { return }
                out &+= 1
            }
            if ringWrites {
                reactor.sendByte(writeFD, out, token: index)
            } else if !writeByte(writeFD, out) {
                state.error = "member \(index): write failed in round \(round)"; return
            }
            state.forwarded[index] &+= 1
        }
    }

    /// The driver task: warm-ups, then timed rounds; stops at the first wrong value.
    static func driver(_ p: WorkloadParameters, reactor: UringReactor, first: Int32, last: Int32, ringWrites: Bool,
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
            if ringWrites {
                reactor.sendByte(first, sent, token: p.tasks)
            } else if !writeByte(first, sent) {
                state.error = "write into link 0 failed"; return
            }
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
