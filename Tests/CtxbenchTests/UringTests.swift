import Foundation
import XCTest
import Workloads
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

    /// In process: two tasks on the reactor pass a byte back and forth through a socketpair,
    /// once with write(2) and once with ring writes; every wait is one enter.
    func testReactorPassesBytesAndCountsEnters() throws {
        let reactor: UringReactor
        do {
            reactor = try UringReactor(tokens: 2)
        } catch {
            throw XCTSkip("\(error)")
        }
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        let a = fds[0], b = fds[1]
        final class Box: @unchecked Sendable { var got: [Int] = [] }
        let box = Box()
        // Task 0 reads at a and answers v + 1 with write(2); task 1 sends on b through the ring.
        Task(executorPreference: reactor) {
            for _ in 0..<3 {
                let v = await reactor.receiveByte(a, token: 0)
                var out = UInt8(v + 1)
                _ = write(a, &out, 1)
            }
        }
        Task(executorPreference: reactor) {
            for i in 0..<3 {
                reactor.sendByte(b, UInt8(10 * i), token: 1)
                box.got.append(await reactor.receiveByte(b, token: 1))
            }
            reactor.stop()
        }
        reactor.run()
        XCTAssertNil(reactor.failure)
        XCTAssertEqual(box.got, [1, 11, 21])
        XCTAssertFalse(reactor.setupFlags.isEmpty)
        XCTAssertEqual(reactor.completions, 6, "one CQE per receive; successful ring writes post none")
        XCTAssertGreaterThanOrEqual(reactor.enters, 6)
    }

    /// A ring write to a closed peer posts its CQE (CQE_SKIP_SUCCESS skips only successes):
    /// the reactor stops and reports it.
    func testAFailedRingWriteStopsTheReactor() throws {
        let reactor: UringReactor
        do {
            reactor = try UringReactor(tokens: 1)
        } catch {
            throw XCTSkip("\(error)")
        }
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds), 0)
        close(fds[1])
        defer { close(fds[0]) }
        let a = fds[0]
        signal(SIGPIPE, SIG_IGN)
        Task(executorPreference: reactor) {
            reactor.sendByte(a, 1, token: 0)
            _ = await reactor.receiveByte(a, token: 0)
        }
        reactor.run()
        XCTAssertTrue(reactor.failure?.contains("ring write for token 0 failed") ?? false, "\(reactor.failure ?? "nil")")
    }
}
