/// A reactor that is also the members' task executor, as the reactor brigades need it: it
/// receives bytes for its tasks, counts its waits, and runs a body task to completion on the
/// calling thread (its own thread, or its workers).
public protocol BrigadeReactor: TaskExecutor, ByteReceiver, Sendable {
    /// Waits (epoll_wait / io_uring_enter calls) made so far, and the events they returned.
    var waits: Int { get }
    var events: Int { get }
    /// Runs `body` as a task on this executor; returns when it has finished.
    func drive(_ body: @escaping @Sendable () async -> Void)
}

/// A reactor the calling thread owns and drives (`run()` until a task calls `stop()`).
protocol OwnerThreadReactor: AnyObject, TaskExecutor, Sendable {
    func run()
    /// The ready jobs, and whether `run()` ends once they are drained (owner thread only).
    var jobs: OwnerJobs { get }
    var stopped: Bool { get set }
}

extension OwnerThreadReactor {
    /// Ends `run()` once the ready queue is drained. Call on the owner thread (from a task).
    func stop() {
        jobs.requireOwner("stop()")
        stopped = true
    }

    /// `body` as a task on this reactor, which stops it when done; the calling thread runs it.
    func driveOnOwner(_ body: @escaping @Sendable () async -> Void) {
        Task(executorPreference: self) {
            await body()
            self.stop()
        }
        run()
    }
}

extension EpollReactor: BrigadeReactor, OwnerThreadReactor {
    public func drive(_ body: @escaping @Sendable () async -> Void) { driveOnOwner(body) }
}

extension UringReactor: BrigadeReactor, OwnerThreadReactor {
    public var waits: Int { enters }
    public var events: Int { completions }
    public func drive(_ body: @escaping @Sendable () async -> Void) { driveOnOwner(body) }
}

extension MultiThreadReactor: BrigadeReactor {
    public func drive(_ body: @escaping @Sendable () async -> Void) { run(body) }
}

/// The body every reactor brigade shares: member i a task on the reactor that receives what
/// link i holds and forwards it + 1 into link i+1; the driver a task on the same reactor that
/// injects the round's tokens and awaits them at link N (`BrigadeDriver`). Only the reactor,
/// and how its links are prepared, differ between the variants.
enum ReactorBrigade {
    /// `count` links whose read ends are non-blocking and registered with a readiness reactor
    /// under their index (`register(fd, token)`), for the epoll brigades.
    static func readinessLinks(_ count: Int, register: (Int32, Int) throws -> Void) throws -> Links {
        let links = try Links(count: count)
        try links.setReadEndsNonBlocking()
        for i in 0..<count { try register(links.readFDs[i], i) }
        return links
    }

    /// A whole reactor brigade of `p.tasks` members: the reactor for N+1 tokens (`make`), its
    /// N+1 links (`links(count, reactor)`), the run, and the driver's measurement and
    /// self-check; the reactor is returned for the variant's own check line.
    static func measure<R: BrigadeReactor>(_ p: WorkloadParameters, reactor make: (Int) throws -> R,
                                           links: (Int, R) throws -> Links) throws -> (Measured, R) {
        let driver = BrigadeDriver(p)
        let reactor = try make(p.tasks + 1)
        run(driver, links: try links(p.tasks + 1, reactor), on: reactor)
        return (try driver.finish("tasks"), reactor)
    }

    static func run<R: BrigadeReactor>(_ driver: BrigadeDriver, links: Links, on reactor: R) {
        driver.reactorCounters = { (reactor.waits, reactor.events) }
        let n = driver.members
        for i in 0..<n {
            let readFD = links.readFDs[i], writeFD = links.writeFDs[i + 1]
            Task(executorPreference: reactor) {
                await driver.memberBytes(i, receive: { await reactor.receive(readFD, into: $0, capacity: $1, token: i) },
                                         send: { writeBytes(writeFD, $0, $1) })
            }
        }
        let inject = links.injection(inFlight: driver.inFlight), last = links.readFDs[n]
        reactor.drive {
            await driver.driveBytes { out, back, k in
                inject.write(out) ? await reactor.receiveExactly(last, into: back, count: k, token: n) : false
            }
        }
        withExtendedLifetime(links) {}
    }
}
