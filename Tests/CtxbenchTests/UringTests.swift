import Foundation
import XCTest
@testable import Workloads
import Results
#if canImport(Glibc)
import Glibc
#endif

final class UringTests: XCTestCase {
    /// With io_uring made unavailable, the child does not crash: it exits 4 (setup failed)
    /// and says why, which the runner records as the run's message.
    func testForcedUnavailableChildExitsWithStatus4AndTheReason() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Fixtures.executable("ctxbench-workload"))
        process.arguments = ["async-brigade-uring", "--tasks", "4", "--iterations", "5", "--warmups", "1",
                             "--output", dir.appendingPathComponent("out.json").path]
        var env = ProcessInfo.processInfo.environment
        env["CTXBENCH_FORCE_NO_URING"] = "1"
        process.environment = env
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 4, text)
        XCTAssertTrue(text.contains("io_uring unavailable (CTXBENCH_FORCE_NO_URING=1)"), text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.json").path))
    }

    /// In process: two tasks on the reactor pass a byte back and forth through a socketpair;
    /// each receive is one CQE, and each wait at least one enter.
    func testReactorPassesBytesAndCountsEnters() throws {
        let reactor = try uringReactor(tokens: 2)
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        let a = fds[0], b = fds[1]
        final class Box: @unchecked Sendable { var got: [Int] = [] }
        let box = Box()
        // Task 0 reads at a and answers v + 1; task 1 sends 0, 10, 20 on b and reads the answers.
        Task(executorPreference: reactor) {
            for _ in 0..<3 {
                let v = await reactor.receiveByte(a, token: 0)
                var out = UInt8(v + 1)
                _ = write(a, &out, 1)
            }
        }
        Task(executorPreference: reactor) {
            for i in 0..<3 {
                var out = UInt8(10 * i)
                _ = write(b, &out, 1)
                box.got.append(await reactor.receiveByte(b, token: 1))
            }
            reactor.stop()
        }
        reactor.run()
        XCTAssertEqual(box.got, [1, 11, 21])
        XCTAssertFalse(reactor.setupFlags.isEmpty)
        XCTAssertEqual(reactor.completions, 6, "one CQE per receive")
        XCTAssertGreaterThanOrEqual(reactor.enters, 6)
    }

    /// A job enqueued from another thread (the resumption after awaiting a detached task)
    /// reaches the reactor through the eventfd read kept in flight on the ring.
    func testAJobFromAnotherThreadWakesTheRing() throws {
        let reactor = try uringReactor(tokens: 1)
        final class Box: @unchecked Sendable { var got = 0 }
        let box = Box()
        Task(executorPreference: reactor) {
            let v = await Task.detached { () -> Int in
                usleep(20_000)
                return 41
            }.value
            box.got = v + 1
            reactor.stop()
        }
        reactor.run()
        XCTAssertEqual(box.got, 42)
    }
}

/// A ring for an in-process test, or the test skipped where io_uring is unavailable.
private func uringReactor(tokens: Int) throws -> UringReactor {
    do { return try UringReactor(tokens: tokens) } catch { throw XCTSkip("\(error)") }
}

/// swift-uring-floor: C's loop with the runtime's hop added, the floor under async-brigade-uring.
final class UringFloorTests: XCTestCase {
    func testTheFloorResumesEveryMemberOnceAHopAndCatchesAWrongValue() throws {
        do { _ = try UringReactor(tokens: 1) } catch { throw XCTSkip("\(error)") }
        let m = try SwiftUringFloor.run(WorkloadParameters(tasks: 16, iterations: 5, warmups: 1))
        XCTAssertTrue(m.samplesNs.allSatisfy { $0 > 0 })
        // 16 first jobs, then one per member per round: 16 + 16 x 6.
        XCTAssertTrue(m.check.contains("112 jobs on one thread"), m.check)
        XCTAssertEqual(try XCTUnwrap(m.reactorWaits), 16 * 5 + 5, "one io_uring_enter per hop, as in C (16 members and the driver, 5 timed rounds)")
        XCTAssertEqual(m.reactorEvents, m.reactorWaits, "one completion per io_uring_enter, as in C")
        XCTAssertThrowsError(try SwiftUringFloor.run(WorkloadParameters(tasks: 16, iterations: 5, warmups: 1, fault: .corruptValue)))
    }
}
