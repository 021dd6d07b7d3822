#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import Results
import SystemCall
import Workloads
import XCTest

/// The C-call funnel: EINTR retried only where asked, each return convention mapped to the
/// right code, and the message names the call.
final class SystemCallTests: XCTestCase {
    /// A call that fails with `code` (-1 and errno) `failures` times, then returns 7.
    private func flaky(_ failures: Int, _ code: Int32) -> () -> Int32 {
        var left = failures
        return {
            if left > 0 { left -= 1; errno = code; return -1 }
            return 7
        }
    }

    func testRetriesEINTRAndCountsTheCalls() throws {
        var calls = 0
        let call = flaky(2, EINTR)
        let result = try systemCall("read") { calls += 1; return call() }
        XCTAssertEqual(result, 7)
        XCTAssertEqual(calls, 3)
    }

    func testNotRestartableThrowsEINTR() {
        let call = flaky(1, EINTR)
        XCTAssertThrowsError(try systemCall("close", restartable: false) { call() }) { error in
            XCTAssertEqual(error as? Errno, Errno("close", code: EINTR))
            XCTAssertEqual("\(error)", "close: Interrupted system call")
        }
    }

    func testOtherErrorsThrowWithTheCallsName() {
        XCTAssertThrowsError(try systemCall("read(fd -1)") { read(-1, nil, 0) }) { error in
            XCTAssertEqual((error as? Errno)?.code, EBADF)
            XCTAssertEqual("\(error)", "read(fd -1): Bad file descriptor")
        }
    }

    func testErrorCodeConvention() {
        XCTAssertNoThrow(try errorCodeCall("pthread_create") { 0 })
        XCTAssertThrowsError(try errorCodeCall("pthread_create") { EAGAIN }) { error in
            XCTAssertEqual(error as? Errno, Errno("pthread_create", code: EAGAIN))
        }
    }

    func testFileWritesKeepTheErrnoOfTheCallThatFailed() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/dev/full"), "no /dev/full here")
        XCTAssertEqual(FileIO.write(Data([1, 2, 3]), toPath: "/dev/full"), ENOSPC)
        XCTAssertEqual(FileIO.write(Data(), toPath: "/nonexistent-dir/x"), ENOENT)
        XCTAssertThrowsError(try FileIO.read("/nonexistent-dir/x")) { error in
            XCTAssertTrue("\(error)".contains("no such file"), "\(error)")
        }
    }

    func testRetryingEINTRLeavesOtherFailuresToTheCaller() {
        let eintr = flaky(2, EINTR)
        XCTAssertEqual(retryingEINTR(eintr), 7)
        let eagain = flaky(1, EAGAIN)
        XCTAssertEqual(retryingEINTR(eagain), -1)
        XCTAssertEqual(errno, EAGAIN)
    }

    func testSetupFailuresNameTheLimitThatBinds() {
        XCTAssertEqual(WorkloadError.system(Errno("socketpair for link 3 of 9", code: EMFILE)).description,
                       "setup failed: socketpair for link 3 of 9: Too many open files"
                           + " (RLIMIT_NOFILE too low for this many members; see `ctxbench limits`)")
        XCTAssertTrue(WorkloadError.system(Errno("pthread_create", code: EAGAIN)).description
            .hasSuffix("(a limit on threads or pids binds; see `ctxbench limits`)"))
        XCTAssertEqual(WorkloadError.system(Errno("eventfd", code: EINVAL)).description,
                       "setup failed: eventfd: Invalid argument")
    }

    func testReadWholeFileReadsPastOneChunkAndSaysNilWhenMissing() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("systemcall-\(getpid()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: url)
        XCTAssertEqual(readWholeFile(url.path, chunkBytes: 4096), bytes)
        XCTAssertNil(readWholeFile(url.path + ".missing"))
        let status = try XCTUnwrap(readWholeFile("/proc/self/status"))
        XCTAssertTrue(String(decoding: status, as: UTF8.self).contains("Threads:"))
    }
}
