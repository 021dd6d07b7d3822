import Dispatch
import NIOCore
import NIOPosix
import Results

/// EXPERIMENT (alternative design for async-brigade, kept only to be measured): the same
/// tasks on the default executor, but each link's read end is a `NIOAsyncChannel` and a
/// member iterates its inbound stream. Each hop crosses loop -> pool through NIO's
/// back-pressured async sequence.
public enum AsyncChannelBrigade: Workload {
    public static let name = "async-brigade-asyncchannel"

    final class Passthrough: ChannelInboundHandler, Sendable { typealias InboundIn = ByteBuffer }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let links = try Links(count: p.tasks + 1)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channels = try NIOLinkChannels.open(fds: links.readFDs, handlers: (0...p.tasks).map { _ in Passthrough() }, group: group)
        let async = try channels.map { ch in
            try ch.eventLoop.submit { try NIOAsyncChannel<ByteBuffer, Never>(wrappingChannelSynchronously: ch) }.wait()
        }
        let rounds = p.warmups + p.iterations
        var members = [Task<Int, Never>]()
        for i in 0..<p.tasks {
            let inbound = async[i].inbound, next = links.writeFDs[i + 1]
            members.append(Task {
                var it = inbound.makeAsyncIterator()
                var forwarded = 0
                for _ in 0..<rounds {
                    guard let b = try? await it.next(), let v = b.getInteger(at: b.readerIndex, as: UInt8.self) else { break }
                    guard writeByte(next, v &+ 1) else { break }
                    forwarded += 1
                }
                return forwarded
            })
        }
        let box = ResultBox<[UInt64]>()
        let first = links.writeFDs[0], lastIn = async[p.tasks].inbound, n = UInt8(truncatingIfNeeded: p.tasks)
        Task {
            var it = lastIn.makeAsyncIterator()
            var samples = [UInt64](repeating: 0, count: p.iterations)
            for round in 0..<rounds {
                let sent = UInt8(truncatingIfNeeded: round)
                let start = monotonicNanos()
                _ = writeByte(first, sent)
                let b = try? await it.next()
                let end = monotonicNanos()
                precondition(b?.getInteger(at: b!.readerIndex, as: UInt8.self) == sent &+ n)
                if round >= p.warmups { samples[round - p.warmups] = end &- start }
            }
            box.put(samples)
        }
        let samples = box.take()
        NIOLinkChannels.close(channels, group: group)
        return Measured(samplesNs: samples, check: "experiment", timedRusage: nil, threads: 0)
    }
}
