import Results

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
/// Each member writes only its own slots of the `BrigadeDriver` and the driver task alone its
/// samples, on whichever worker runs them (a task's successive jobs are ordered by the
/// executor's queues); `run` reads them after `MultiThreadReactor.run` joined the workers.
public enum AsyncBrigadeMT: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let (result, reactor) = try ReactorBrigade.measure(p, reactor: { try MultiThreadReactor(tokens: $0) }) {
            try ReactorBrigade.readinessLinks($0, register: $1.register)
        }
        var measured = result
        measured.check += "; \(reactor.workerCount) workers"
        return measured
    }
}
