#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import Results

/// nio-brigade: the brigade as plain SwiftNIO channel handlers on one event loop, no Swift
/// tasks: the cost of NIO's reactor alone. Handler i sits on link i's read end and, in
/// `channelRead`, writes value + 1 into link i+1 with the same direct write(2) as the async
/// variants. The driver is a handler on link N's read end: it records the round's end time,
/// checks value + N and starts the next round by writing link 0, all on the loop thread; the
/// calling thread waits on a promise. Per hop: epoll_wait, read(2) into NIO's reused receive
/// buffer, the pipeline's channelRead/channelReadComplete, write(2). So
/// `async-brigade-1t - nio-brigade` is the task switch and `nio-brigade - one-thread-brigade`
/// is NIO's reactor.
/// Measured (median of 3 runs, 2000 iterations): 4.4 us/hop at N = 100 pinned and
/// unpinned (2.5x one-thread-brigade); 3 syscalls per hop (epoll_wait, read, write).
public enum NIOBrigade: Workload {
    public static let name = "nio-brigade"

    /// Member i. @unchecked Sendable: its counters are touched only on the loop thread, and
    /// read by the caller after the driver's promise completed (which orders them).
    final class Forwarder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let next: Int32
        let faultRound: Int
        let fault: Fault?
        var forwarded = 0
        var stopped = false

        init(next: Int32, faultRound: Int, fault: Fault?) {
            self.next = next; self.faultRound = faultRound; self.fault = fault
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            for byte in Self.unwrapInboundIn(data).readableBytesView where !stopped {
                var out = byte &+ 1
                if forwarded == faultRound {
                    if fault == .hang { stopped = true; return }
                    out &+= 1
                }
                guard writeByte(next, out) else { stopped = true; return }
                forwarded += 1
            }
        }
    }

    /// The driver at link N's read end; same threading as `Forwarder`.
    final class Driver: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let first: Int32
        let p: WorkloadParameters
        let probe: MemoryProbe?
        let done: EventLoopPromise<Void>
        var round = 0
        var start: UInt64 = 0
        var samples: [UInt64]
        var before = ProcessProbe.rusage()
        var timed: ResourceUsage?
        var threads = 0
        var reading: MemoryReading?

        init(first: Int32, p: WorkloadParameters, probe: MemoryProbe?, done: EventLoopPromise<Void>) {
            self.first = first; self.p = p; self.probe = probe; self.done = done
            samples = [UInt64](repeating: 0, count: p.iterations)
        }

        func startRound() {
            if round == p.warmups {
                // Every handler has run and the loop is idle between rounds.
                threads = ProcessProbe.threadCount()
                reading = probe?.finish()
                before = ProcessProbe.rusage()
            }
            start = monotonicNanos()
            if !writeByte(first, UInt8(truncatingIfNeeded: round)) {
                done.fail(WorkloadError.selfCheck("write into link 0 failed"))
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let end = monotonicNanos()
            for byte in Self.unwrapInboundIn(data).readableBytesView {
                let expected = UInt8(truncatingIfNeeded: round) &+ UInt8(truncatingIfNeeded: p.tasks)
                guard byte == expected else {
                    done.fail(WorkloadError.selfCheck("round \(round): read \(byte) from link \(p.tasks), expected \(expected)"))
                    return
                }
                if round >= p.warmups { samples[round - p.warmups] = end &- start }
                round += 1
                if round == p.warmups + p.iterations {
                    timed = ProcessProbe.rusage().minus(before)
                    done.succeed()
                    return
                }
                startRound()
            }
        }
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let probe = p.measureMemory ? MemoryProbe.begin() : nil
        let links = try Links(count: p.tasks + 1)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let rounds = p.warmups + p.iterations
        let forwarders = (0..<p.tasks).map { i in
            Forwarder(next: links.writeFDs[i + 1],
                      faultRound: i == p.tasks / 2 && p.fault != nil ? p.warmups : Int.max, fault: p.fault)
        }
        let driver = Driver(first: links.writeFDs[0], p: p, probe: probe, done: loop.makePromise())
        let channels: [any Channel]
        do {
            channels = try NIOLinkChannels.open(fds: links.readFDs, handlers: forwarders + [driver], group: group)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        loop.execute { driver.startRound() }
        let outcome = Result { try driver.done.futureResult.wait() }
        NIOLinkChannels.close(channels, group: group)
        if case .failure(let e) = outcome { throw e }
        for (i, f) in forwarders.enumerated() where f.forwarded != rounds {
            throw WorkloadError.selfCheck("member \(i) forwarded \(f.forwarded) of \(rounds) rounds")
        }
        return Measured(samplesNs: driver.samples,
                        check: "value + \(p.tasks) arrived in all \(rounds) rounds; each of \(p.tasks) handlers forwarded \(rounds)",
                        timedRusage: driver.timed, threads: driver.threads, memory: driver.reading)
    }
}
