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
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        try ReactorBrigade.measure(p, reactor: EpollReactor.init(tokens:)) {
            try ReactorBrigade.readinessLinks($0, register: $1.register)
        }.0
    }
}
