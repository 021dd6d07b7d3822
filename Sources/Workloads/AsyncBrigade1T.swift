/// async-brigade-1t: the same tasks and links as async-brigade, but every task (members and
/// driver) prefers an `EventLoopTaskExecutor` (SE-0417 task-executor preference), so all of
/// them run on the single NIO event-loop thread that also runs the reactor: the study's
/// single-threaded-executor comparison (claim C5). Per hop: the loop's epoll_wait + read(2),
/// the handler's continuation resume (an enqueue on the adapter and one `loop.execute`, no
/// wake-up since it is the same thread), the task's write(2) and its suspension, all on one
/// thread with no cross-thread hand-off.
/// Measured (median of 3 runs, 2000 iterations): 5.8 us/hop unpinned, 5.4 pinned at
/// N = 100 (3.2x / 3.1x one-thread-brigade; 1.2-1.3x nio-brigade); 3 syscalls per hop
/// (epoll_wait, read, write), no context switch.
public enum AsyncBrigade1T: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        try TaskBrigade.run(p, tasksOnLoop: true)
    }
}
