import Dispatch
import Foundation
import Synchronization
import XCTest
import Workloads

/// In-process tests of `MultiThreadReactor`: many bytes in flight on 1, 2 and 4 workers,
/// enqueues from threads that are no workers, and the two variants built on it (tiny sizes).
final class MultiThreadReactorTests: XCTestCase {
    /// What the tasks of one test share (a class, so closures capture one reference).
    final class Shared: Sendable {
        let forwarded: Mutex<[Int]>
        let sums: Mutex<[Int]>
        let errors = Mutex([String]())
        let ran = Atomic<Int>(0)
        let offWorker = Atomic<Int>(0)
        init(members: Int = 0, chains: Int = 0) {
            forwarded = Mutex([Int](repeating: 0, count: members))
            sums = Mutex([Int](repeating: 0, count: chains))
        }
    }

    /// `chains` independent brigades of `members` tasks each; every round the chain's driver
    /// writes `burst` bytes into its first link at once and reads them all back from its last,
    /// so many tasks are runnable at the same time and jobs move between workers.
    func brigades(workers: Int, chains: Int = 6, members: Int = 5, burst: Int = 20, rounds: Int = 30) throws {
        let links = try Links(count: chains * (members + 1))
        try links.setReadEndsNonBlocking()
        let reactor = try MultiThreadReactor(tokens: links.count, workers: workers)
        XCTAssertEqual(reactor.workerCount, workers)
        for i in 0..<links.count { try reactor.register(fd: links.readFDs[i], token: i) }
        let readFDs = links.readFDs, writeFDs = links.writeFDs
        let shared = Shared(members: chains * members, chains: chains)
        let start = Date()
        reactor.run {
            await withDiscardingTaskGroup { group in
                for c in 0..<chains {
                    let base = c * (members + 1)
                    for m in 0..<members {
                        group.addTask {
                            var count = 0
                            for _ in 0..<(burst * rounds) {
                                let v = await reactor.receiveByte(readFDs[base + m], token: base + m)
                                guard v >= 0, writeByte(writeFDs[base + m + 1], UInt8(truncatingIfNeeded: v) &+ 1) else {
                                    shared.errors.withLock { $0.append("chain \(c) member \(m) failed") }
                                    return
                                }
                                count += 1
                            }
                            shared.forwarded.withLock { $0[c * members + m] = count }
                        }
                    }
                    group.addTask {
                        var sum = 0
                        for round in 0..<rounds {
                            for b in 0..<burst {
                                _ = writeByte(writeFDs[base], UInt8(truncatingIfNeeded: round * burst + b))
                            }
                            for b in 0..<burst {
                                let got = await reactor.receiveByte(readFDs[base + members], token: base + members)
                                let expected = UInt8(truncatingIfNeeded: round * burst + b) &+ UInt8(members)
                                if got != Int(expected) { shared.errors.withLock { $0.append("chain \(c): got \(got), expected \(expected)") } }
                                sum += got
                            }
                        }
                        shared.sums.withLock { $0[c] = sum }
                    }
                }
            }
        }
        XCTAssertEqual(shared.errors.withLock { $0 }, [])
        XCTAssertEqual(shared.forwarded.withLock { $0 }, [Int](repeating: burst * rounds, count: chains * members))
        var expectedSum = 0
        for round in 0..<rounds {
            for b in 0..<burst { expectedSum += Int(UInt8(truncatingIfNeeded: round * burst + b) &+ UInt8(members)) }
        }
        XCTAssertEqual(shared.sums.withLock { $0 }, [Int](repeating: expectedSum, count: chains))
        XCTAssertGreaterThanOrEqual(reactor.jobsRun, chains * (members + 1))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testManyBytesInFlightOnOneWorker() throws { try brigades(workers: 1) }
    func testManyBytesInFlightOnTwoWorkers() throws { try brigades(workers: 2) }
    func testManyBytesInFlightOnFourWorkers() throws { try brigades(workers: 4) }

    /// Jobs enqueued from a plain thread (spawns, continuation resumes) and `Task.sleep`
    /// wake-ups (a timer thread) reach the workers; group children inherit the preference.
    func testRemoteEnqueueRunsOnTheWorkers() throws {
        for workers in [1, 2, 4] {
            let reactor = try MultiThreadReactor(tokens: 0, workers: workers)
            let spawns = 1_000
            let shared = Shared()
            reactor.run {
                // Spawned by a thread that is no worker: the injection queue + a wake-up each.
                let thread = Thread {
                    for _ in 0..<spawns {
                        Task(executorPreference: reactor) {
                            if !reactor.onWorker { shared.offWorker.add(1, ordering: .relaxed) }
                            shared.ran.add(1, ordering: .relaxed)
                        }
                    }
                }
                thread.start()
                // A continuation resumed from another thread comes back onto a worker.
                for _ in 0..<50 {
                    await withUnsafeContinuation { (c: UnsafeContinuation<Void, Never>) in
                        DispatchQueue.global().async { c.resume() }
                    }
                    if !reactor.onWorker { shared.offWorker.add(1, ordering: .relaxed) }
                }
                await withDiscardingTaskGroup { group in
                    for _ in 0..<100 {
                        group.addTask { if !reactor.onWorker { shared.offWorker.add(1, ordering: .relaxed) } }
                    }
                }
                while shared.ran.load(ordering: .relaxed) < spawns {
                    try? await Task.sleep(for: .milliseconds(1))
                    if !reactor.onWorker { shared.offWorker.add(1, ordering: .relaxed) }
                }
            }
            XCTAssertEqual(shared.ran.load(ordering: .relaxed), spawns, "\(workers) workers")
            XCTAssertEqual(shared.offWorker.load(ordering: .relaxed), 0, "\(workers) workers")
        }
    }

    func testTheVariantsRunInProcess() throws {
        let brigade = try AsyncBrigadeMT.run(WorkloadParameters(tasks: 20, iterations: 10, warmups: 2))
        XCTAssertEqual(brigade.samplesNs.count, 10)
        XCTAssertTrue(brigade.samplesNs.allSatisfy { $0 > 0 })
        let creation = try AsyncCreationMT.run(WorkloadParameters(tasks: 64, iterations: 5, warmups: 1))
        XCTAssertEqual(creation.samplesNs.count, 5)
        XCTAssertEqual(creation.latencySamplesNs?.count, 5)
        XCTAssertThrowsError(try AsyncCreationMT.run(WorkloadParameters(tasks: 64, iterations: 5, warmups: 1, fault: .corruptValue)))
        XCTAssertThrowsError(try AsyncBrigadeMT.run(WorkloadParameters(tasks: 8, iterations: 5, warmups: 1, fault: .corruptValue)))
    }
}
