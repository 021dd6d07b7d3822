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
    public static let name = "async-brigade"

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        try TaskBrigade.run(p, tasksOnLoop: false, variant: name)
    }
}

/// The body shared by async-brigade and async-brigade-1t: setup (untimed), member tasks,
/// a driver task, the self-checks, teardown. Only where the tasks run differs.
enum TaskBrigade {
    /// What the driver task hands back to the (blocked) calling thread.
    struct Outcome: Sendable {
        var samples: [UInt64]
        var timed: ResourceUsage
        var threads: Int
        var memory: MemoryReading?
        var forwarded: [Int]
    }

    /// MemoryProbe is a plain value; this box only carries it into the driver task.
    struct ProbeBox: @unchecked Sendable { let probe: MemoryProbe? }

    static func run(_ p: WorkloadParameters, tasksOnLoop: Bool, variant: String) throws -> Measured {
        let probe = ProbeBox(probe: p.measureMemory ? MemoryProbe.begin() : nil)
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
        let members = spawnMembers(p, links: links, receivers: receivers, executor: executor)
        let box = ResultBox<Result<Outcome, WorkloadError>>()
        let first = links.writeFDs[0], last = receivers[p.tasks]
        Task(executorPreference: executor) {
            box.put(await drive(p, first: first, last: last, probe: probe, members: members))
        }
        let result = box.take()
        NIOLinkChannels.close(channels, group: group)
        let outcome = try result.get()
        let rounds = p.warmups + p.iterations
        for (i, f) in outcome.forwarded.enumerated() where f != rounds {
            throw WorkloadError.selfCheck("member \(i) forwarded \(f) of \(rounds) rounds")
        }
        if let i = receivers.firstIndex(where: { $0.overrun }) {
            throw WorkloadError.selfCheck("link \(i) received a second byte before the first was taken")
        }
        return Measured(samplesNs: outcome.samples,
                        check: "value + \(p.tasks) arrived in all \(rounds) rounds; each of \(p.tasks) \(variant) tasks forwarded \(rounds)",
                        timedRusage: outcome.timed, threads: outcome.threads, memory: outcome.memory)
    }

    /// Starts member i on link i, writing link i+1; on `executor` when given, else the default.
    static func spawnMembers(_ p: WorkloadParameters, links: Links, receivers: [NIOLinkReceiver],
                             executor: EventLoopTaskExecutor?) -> [Task<Int, Never>] {
        let rounds = p.warmups + p.iterations
        var members = [Task<Int, Never>]()
        members.reserveCapacity(p.tasks)
        for i in 0..<p.tasks {
            let link = receivers[i], next = links.writeFDs[i + 1]
            let faultRound = i == p.tasks / 2 && p.fault != nil ? p.warmups : Int.max
            let fault = p.fault
            members.append(Task(executorPreference: executor) {
                await member(link: link, next: next, rounds: rounds, faultRound: faultRound, fault: fault)
            })
        }
        return members
    }

    /// One brigade member: receive, write value + 1 to the next link; returns rounds forwarded.
    static func member(link: NIOLinkReceiver, next: Int32, rounds: Int, faultRound: Int, fault: Fault?) async -> Int {
        var forwarded = 0
        for round in 0..<rounds {
            var out = await link.receive() &+ 1
            if round == faultRound {
                if fault == .hang { return forwarded }
                out &+= 1
            }
            guard writeByte(next, out) else { return forwarded }
            forwarded += 1
        }
        return forwarded
    }

    /// The driver: writes link 0, awaits link N, checks value + N; times every timed round.
    static func drive(_ p: WorkloadParameters, first: Int32, last: NIOLinkReceiver, probe: ProbeBox,
                      members: [Task<Int, Never>]) async -> Result<Outcome, WorkloadError> {
        let rounds = p.warmups + p.iterations
        let n = UInt8(truncatingIfNeeded: p.tasks)
        var samples = [UInt64](repeating: 0, count: p.iterations)
        var before = ProcessProbe.rusage()
        var threads = 0
        var reading: MemoryReading?
        for round in 0..<rounds {
            if round == p.warmups {
                // Every member has run and is suspended in receive().
                threads = ProcessProbe.threadCount()
                reading = probe.probe?.finish()
                before = ProcessProbe.rusage()
            }
            let sent = UInt8(truncatingIfNeeded: round)
            let start = monotonicNanos()
            guard writeByte(first, sent) else { return .failure(.selfCheck("write into link 0 failed")) }
            let got = await last.receive()
            let end = monotonicNanos()
            guard got == sent &+ n else {
                return .failure(.selfCheck("round \(round): read \(got) from link \(p.tasks), expected \(sent &+ n)"))
            }
            if round >= p.warmups { samples[round - p.warmups] = end &- start }
        }
        let timed = ProcessProbe.rusage().minus(before)
        var forwarded = [Int]()
        forwarded.reserveCapacity(members.count)
        for m in members { forwarded.append(await m.value) }
        return .success(Outcome(samples: samples, timed: timed, threads: threads, memory: reading, forwarded: forwarded))
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
