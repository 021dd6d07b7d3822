#if canImport(Glibc)
import Glibc
#endif
import Results

/// async-mem-brigade: N Swift tasks on one thread (the `EpollReactor` executor, with no fd
/// registered, so it never calls epoll_wait while a task is runnable) chained by N+1
/// `SingleSlotChannel`s of capacity 1. The driver sends an Int into channel 0 and receives
/// it from channel N; member i receives from channel i and sends value + 1 into channel i+1.
///
/// Per hop: one continuation resume (a store into the executor's local ring), one job run
/// and one park (a continuation stored in the channel). No syscall, lock or allocation in
/// this code; perf shows the rest in the runtime: the task-executor preference look-up and the
/// continuation's status records (each under the task's status lock). ~0.125 µs per hop here.
/// Self-check: the value received is the value sent + N in every round, and every member
/// forwarded every round.
public enum AsyncMemBrigade: Workload {
    public static let name = "async-mem-brigade"

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let memory = p.measureMemory ? MemoryProbe.begin() : nil
        let n = p.tasks, rounds = p.warmups + p.iterations
        let reactor = try EpollReactor(tokens: 0)
        var channels = [SingleSlotChannel<Int>]()
        channels.reserveCapacity(n + 1)
        for _ in 0...n { channels.append(SingleSlotChannel<Int>()) }
        let state = AsyncBrigadeEpoll.State(iterations: p.iterations, members: n, memory: memory)
        for i in 0..<n {
            let input = channels[i], output = channels[i + 1]
            let faultRound = i == n / 2 && p.fault != nil ? p.warmups : Int.max
            let hang = p.fault == .hang
            Task(executorPreference: reactor) {
                await member(i, input: input, output: output, rounds: rounds, faultRound: faultRound,
                             hang: hang, state: state)
            }
        }
        let first = channels[0], last = channels[n]
        Task(executorPreference: reactor) {
            await driver(p, first: first, last: last, state: state)
            reactor.stop()
        }
        reactor.run()
        if let error = state.error { throw WorkloadError.selfCheck(error) }
        for i in 0..<n where state.forwarded[i] != rounds {
            throw WorkloadError.selfCheck("member \(i) forwarded \(state.forwarded[i]) of \(rounds) rounds")
        }
        return Measured(samplesNs: Array(UnsafeBufferPointer(start: state.samples, count: p.iterations)),
                        check: "value + \(n) arrived in all \(rounds) rounds; each of \(n) tasks forwarded \(rounds)",
                        timedRusage: state.timed, threads: state.threads, memory: state.reading)
    }

    /// One member: per round, receive from channel i, send value + 1 into channel i+1.
    static func member(_ index: Int, input: SingleSlotChannel<Int>, output: SingleSlotChannel<Int>,
                       rounds: Int, faultRound: Int, hang: Bool, state: AsyncBrigadeEpoll.State) async {
        for round in 0..<rounds {
            var value = await input.receive() &+ 1
            if round == faultRound {
                if hang { return }
                value &+= 1
            }
            await output.send(value)
            state.forwarded[index] &+= 1
        }
    }

    /// The driver task: warm-ups, then timed rounds; stops at the first wrong value.
    static func driver(_ p: WorkloadParameters, first: SingleSlotChannel<Int>, last: SingleSlotChannel<Int>,
                       state: AsyncBrigadeEpoll.State) async {
        var before = ProcessProbe.rusage()
        for round in 0..<(p.warmups + p.iterations) {
            // Every member has run and is parked on its channel: read memory, then time.
            if round == p.warmups { before = state.enterTimedRounds() }
            let start = monotonicNanos()
            await first.send(round)
            let got = await last.receive()
            let end = monotonicNanos()
            guard got == round &+ p.tasks else {
                state.error = "round \(round): received \(got) from channel \(p.tasks), expected \(round &+ p.tasks)"
                return
            }
            if round >= p.warmups { state.samples[round - p.warmups] = end &- start }
        }
        state.timed = ProcessProbe.rusage().minus(before)
    }
}
