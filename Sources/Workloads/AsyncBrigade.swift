#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import NIOCore
import NIOPosix
import Results
import Synchronization

/// async-brigade: N Swift tasks on the default (multi-threaded, cooperative-pool) executor,
/// chained by the N+1 socketpair links; link reads wait on SwiftNIO's reactor, one
/// event-loop thread standing where Tokio's reactor stood. Each link's read end is a NIO
/// channel whose only handler is a `NIOLinkReceiver`; member i does
/// `await links[i].receive()` and writes value + 1 into link i+1 with a direct write(2) (a
/// 1-byte write into an empty socket never blocks; Tokio's tasks write directly too).
/// The driver is a task on the same executor. Per hop: the loop's epoll_wait + read(2), a
/// continuation resume that hands the task from the loop thread to a pool thread (a futex
/// wake when the pool is idle), the task's write(2), and a suspension.
/// Measured (2 cores, median of 3 runs, 2000 iterations): 11.8 us/hop unpinned and 12.6
/// pinned at N = 100 (6.6x / 7.1x one-thread-brigade); 5 syscalls per hop (epoll_wait, read,
/// write, 2 futex) and ~2.2 context switches: the loop -> pool hand-off that Tokio avoids
/// by running its reactor on a worker. NIOAsyncChannel streams instead of the mailbox:
/// 14.2 against 10.8 us pinned.
public enum AsyncBrigade: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        try TaskBrigade.run(p, tasksOnLoop: false)
    }
}

/// The body shared by async-brigade and async-brigade-1t: setup (untimed), member tasks,
/// a driver task, teardown. Only where the tasks run differs.
enum TaskBrigade {
    static func run(_ p: WorkloadParameters, tasksOnLoop: Bool) throws -> Measured {
        let driver = BrigadeDriver(p)
        let links = try Links(count: p.tasks + 1)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let receivers = (0...p.tasks).map { _ in NIOLinkReceiver() }
        let channels: [any Channel]
        do {
            channels = try NIOLinkChannels.open(fds: links.readFDs, handlers: receivers, group: group)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        let executor: EventLoopTaskExecutor? = tasksOnLoop ? EventLoopTaskExecutor(loop: group.next()) : nil
        var members = [Task<Void, Never>]()
        members.reserveCapacity(p.tasks)
        for i in 0..<p.tasks {
            let link = receivers[i], next = links.writeFDs[i + 1]
            members.append(Task(executorPreference: executor) {
                await driver.member(i, receive: { Int(await link.receive()) },
                                    send: { writeByte(next, UInt8(truncatingIfNeeded: $0)) })
            })
        }
        let done = ResultBox<Bool>()
        let first = links.writeFDs[0], last = receivers[p.tasks]
        let all = members
        Task(executorPreference: executor) {
            await driver.drive { value in
                writeByte(first, UInt8(truncatingIfNeeded: value)) ? Int(await last.receive()) : -1
            }
            // Each member counts its last round after its write: wait for all of them.
            if driver.error == nil { for m in all { await m.value } }
            done.put(true)
        }
        _ = done.take()
        NIOLinkChannels.close(channels, group: group)
        if let i = receivers.firstIndex(where: { $0.overrun }) {
            throw WorkloadError.selfCheck("link \(i) received a second byte before the first was taken")
        }
        return try driver.finish(tasksOnLoop ? "tasks on the event loop" : "tasks")
    }
}

/// A one-shot hand-off from a task to a thread that blocks until the value is there.
final class ResultBox<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func put(_ v: T) {
        value.withLock { $0 = v }
        ready.signal()
    }

    /// Blocks the calling (non-pool) thread until `put`.
    func take() -> T {
        ready.wait()
        return value.withLock { $0.take()! }
    }
}
