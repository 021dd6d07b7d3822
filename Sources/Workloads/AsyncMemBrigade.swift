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
/// swift-resume-floor, that hop alone with no channel and no driver task, costs as much (12
/// alternated triples with Tokio, N = 500, 4,000 rounds, unpinned and pinned: in the 8 where
/// both ran in the same one of this VM's two states, ~123 or ~225 ns a hop, this / floor
/// 0.97-1.13x, median 1.01x).
/// Self-check: the value received is the value sent + N in every round, and every member
/// forwarded every round.
public enum AsyncMemBrigade: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = BrigadeDriver(p, mask: -1)
        let n = p.tasks
        let reactor = try EpollReactor(tokens: 0)
        var channels = [SingleSlotChannel<Int>]()
        channels.reserveCapacity(n + 1)
        for _ in 0...n { channels.append(SingleSlotChannel<Int>()) }
        for i in 0..<n {
            let input = channels[i], output = channels[i + 1]
            Task(executorPreference: reactor) {
                await driver.member(i, receive: { await input.receive() },
                                    send: { await output.send($0); return true })
            }
        }
        let first = channels[0], last = channels[n]
        Task(executorPreference: reactor) {
            await driver.drive { value in
                await first.send(value)
                return await last.receive()
            }
            reactor.stop()
        }
        reactor.run()
        return try driver.finish("tasks")
    }
}
