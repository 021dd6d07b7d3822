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
    /// Member i. @unchecked Sendable: touched only on the loop thread, and read by the caller
    /// after the driver's promise completed (which orders the accesses).
    final class Forwarder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let index: Int
        let next: Int32
        let faultRound: Int
        let hang: Bool
        let driver: BrigadeDriver
        var stopped = false

        init(index: Int, next: Int32, driver: BrigadeDriver) {
            self.index = index; self.next = next; self.driver = driver
            faultRound = driver.faultRound(member: index)
            hang = driver.parameters.fault == .hang
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            for byte in Self.unwrapInboundIn(data).readableBytesView where !stopped {
                var out = byte &+ 1
                if driver.forwarded[index] == faultRound {
                    if hang { stopped = true; return }
                    out &+= 1
                }
                guard writeByte(next, out) else { driver.failure[index] = 2; stopped = true; return }
                driver.forwarded[index] &+= 1
            }
        }
    }

    /// The driver at link N's read end: each byte that arrives ends a round and starts the
    /// next; same threading as `Forwarder`.
    final class Driver: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let first: Int32
        let driver: BrigadeDriver
        let done: EventLoopPromise<Void>
        var round = 0
        var start: UInt64 = 0

        init(first: Int32, driver: BrigadeDriver, done: EventLoopPromise<Void>) {
            self.first = first; self.driver = driver; self.done = done
        }

        func startRound() {
            driver.beginRound(round)
            start = monotonicNanos()
            if !writeByte(first, UInt8(truncatingIfNeeded: driver.sent(round))) {
                driver.error = "write into link 0 failed"
                done.succeed()
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let end = monotonicNanos()
            for byte in Self.unwrapInboundIn(data).readableBytesView {
                guard driver.endRound(round, got: Int(byte), start: start, end: end) else { done.succeed(); return }
                round += 1
                if round == driver.rounds { done.succeed(); return }
                startRound()
            }
        }
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = BrigadeDriver(p)
        let links = try Links(count: p.tasks + 1)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let forwarders = (0..<p.tasks).map { Forwarder(index: $0, next: links.writeFDs[$0 + 1], driver: driver) }
        let last = Driver(first: links.writeFDs[0], driver: driver, done: loop.makePromise())
        let channels: [any Channel]
        do {
            channels = try NIOLinkChannels.open(fds: links.readFDs, handlers: forwarders + [last], group: group)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        loop.execute { last.startRound() }
        try? last.done.futureResult.wait()
        NIOLinkChannels.close(channels, group: group)
        return try driver.finish("handlers")
    }
}
