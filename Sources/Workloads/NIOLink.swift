#if canImport(Glibc)
import Glibc
#endif
import SystemCall
import NIOCore
import NIOPosix
import Synchronization

/// Turns link read ends into SwiftNIO channels, with the leanest options NIO offers for a
/// one-byte-per-round stream: autoRead on, a fixed 64-byte receive buffer (NIO reuses it when
/// the handler drops it), one read per readiness event, and the given handler as the only
/// handler in the pipeline. Each channel owns a dup of the read end, so closing the channel
/// and `Links.deinit` close different descriptors.
enum NIOLinkChannels {
    /// Registers one channel per (fd, handler) on `group` and waits until all are active.
    /// Must be called off the event loop (it waits).
    static func open(fds: [Int32], handlers: [any ChannelHandler & Sendable],
                     group: MultiThreadedEventLoopGroup) throws -> [any Channel] {
        precondition(fds.count == handlers.count)
        let bootstrap = ClientBootstrap(group: group)
            .channelOption(.autoRead, value: true)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 64))
            .channelOption(.maxMessagesPerRead, value: 1)
        var futures = [EventLoopFuture<any Channel>]()
        futures.reserveCapacity(fds.count)
        for (fd, handler) in zip(fds, handlers) {
            let own: Int32
            do { own = try systemCall("dup(link read end)") { dup(fd) } } catch { throw WorkloadError.system(error) }
            futures.append(bootstrap.channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }.withConnectedSocket(own))
        }
        var channels = [any Channel]()
        channels.reserveCapacity(fds.count)
        do {
            for f in futures { channels.append(try f.wait()) }
        } catch {
            throw WorkloadError.setup("registering link channel with NIO: \(error)")
        }
        return channels
    }

    /// Closes every channel, then shuts the group down (untimed teardown).
    static func close(_ channels: [any Channel], group: MultiThreadedEventLoopGroup) {
        for c in channels { c.close(promise: nil) }
        try? group.syncShutdownGracefully()
    }
}

/// The read end of one link as an awaitable mailbox, for brigades whose members are Swift
/// tasks. The handler runs on the event loop; `receive()` runs in a task, on the cooperative
/// pool (async-brigade) or on the loop itself (async-brigade-1t). State is one slot (a
/// brigade never has two bytes in one link: the driver starts a round only after the previous
/// one arrived) and at most one suspended receiver, guarded by a `Mutex`; the waiter is
/// resumed outside the lock. Per hop: one lock in `channelRead`, one or two in `receive()`,
/// one continuation resume (which enqueues the member task on its executor).
final class NIOLinkReceiver: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    struct State {
        var value: UInt8 = 0
        var full = false
        /// A byte arrived while the slot was still full (protocol violation; self-checked).
        var overrun = false
        var waiter: UnsafeContinuation<UInt8, Never>?
    }

    let state = Mutex(State())

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = Self.unwrapInboundIn(data)
        for byte in buffer.readableBytesView {
            let waiter = state.withLock { s -> UnsafeContinuation<UInt8, Never>? in
                if let w = s.waiter {
                    s.waiter = nil
                    return w
                }
                if s.full { s.overrun = true }
                s.value = byte
                s.full = true
                return nil
            }
            waiter?.resume(returning: byte)
        }
    }

    /// The next byte of the link; suspends the calling task until it arrives.
    func receive() async -> UInt8 {
        if let v = state.withLock({ s -> UInt8? in
            guard s.full else { return nil }
            s.full = false
            return s.value
        }) {
            return v
        }
        return await withUnsafeContinuation { (c: UnsafeContinuation<UInt8, Never>) in
            let ready = state.withLock { s -> UInt8? in
                if s.full {
                    s.full = false
                    return s.value
                }
                s.waiter = c
                return nil
            }
            if let ready { c.resume(returning: ready) }
        }
    }

    var overrun: Bool { state.withLock { $0.overrun } }
}
