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
/// (`BrigadeDriver.reactorCounters`: results.json's reactorWaits / reactorEvents), 1.00
/// completions per `io_uring_enter` over the timed rounds. The kernel here (6.18) accepts
/// SINGLE_ISSUER|DEFER_TASKRUN; no io-wq worker thread appears (threads: 1).
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
/// Against C: swift-uring-floor (c-uring-brigade's loop with each member's task resumed and
/// parked again per hop) costs what this design does, so the distance to c-uring-brigade is
/// what any design whose members are Swift tasks pays (the runtime's hop and the least Swift
/// code around it), not this reactor (8 alternated triples, pinned, N = 500: floor / C 1.12x,
/// this / C 1.13x, this / floor 0.995x).
///
/// The driver is a task on the same executor: write link 0, await link N, check value + N.
/// Self-check: every round's value, and every member forwarded every round. Where io_uring is
/// missing or disabled, setup fails with "io_uring unavailable (reason)" (the child's exit 4).
public enum AsyncBrigadeUring: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let (result, reactor) = try ReactorBrigade.measure(p, reactor: UringReactor.init(tokens:)) { count, _ in
            try Links(count: count)
        }
        var measured = result
        measured.check += " (completions per io_uring_enter); setup \(reactor.setupFlags)"
        return measured
    }
}
