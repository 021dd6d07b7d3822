import XCTest
@testable import Limits
import Results

final class CapacityCheckTests: XCTestCase {
    let report = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: machineRLimits).read()

    func testLinkBrigadeOverNofile() {
        XCTAssertEqual(CapacityCheck.check(variantUsesLinks: true, threadPerMember: false, tasks: 50000, report: report),
                       .exceeds(limitName: "RLIMIT_NOFILE (soft)", capacity: 9989, message:
            "--tasks 50000 needs 100002 file descriptors but RLIMIT_NOFILE is 20000 "
            + "(at most 9989 brigade members here); to raise it to 100100: hard limit 20000, and this root lacks "
            + "CAP_SYS_RESOURCE (a container's root): start the container with a higher one, e.g. "
            + "`docker run --ulimit nofile=100100:100100`; or use --tasks 9989 or fewer",
                                 reason: .limit(resource: .fileDescriptors, members: 50000, needed: 100002,
                                                limit: "RLIMIT_NOFILE (soft)", value: "20000", capacity: 9989)))
    }

    func testFitsUnderCapacity() {
        XCTAssertEqual(CapacityCheck.check(variantUsesLinks: true, threadPerMember: true, tasks: 9989, report: report), .fits)
        XCTAssertEqual(CapacityCheck.check(variantUsesLinks: false, threadPerMember: false, tasks: 1_000_000,
                                           report: report), .fits)
    }

    func testThreadCreationOverPidMax() {
        XCTAssertEqual(CapacityCheck.check(variantUsesLinks: false, threadPerMember: true, tasks: 50000, report: report),
                       .exceeds(limitName: "kernel.pid_max", capacity: 32679, message:
            "--tasks 50000 needs 50000 threads but kernel.pid_max is 32768 (at most 32679 threads "
            + "here); to raise it: `sysctl -w kernel.pid_max=4194304`; or use --tasks 32679 or fewer",
                                 reason: .limit(resource: .threads, members: 50000, needed: 50000, limit: "kernel.pid_max",
                                                value: "32768", capacity: 32679)))
    }

    func testThreadBrigadeReportsTighterLimit() {
        let v = CapacityCheck.check(variantUsesLinks: true, threadPerMember: true, tasks: 40000, report: report)
        guard case let .exceeds(name, _, _, _) = v else { return XCTFail("expected .exceeds") }
        XCTAssertEqual(name, "RLIMIT_NOFILE (soft)")
    }

    func testRenderedTextHasBindingLines() {
        let text = renderLimitsText(report)
        XCTAssertTrue(text.contains("threads: at most 32679 here; binding limit: kernel.pid_max "
            + "(raise: sysctl -w kernel.pid_max=4194304)"), text)
        XCTAssertTrue(text.contains("brigade links: at most 9989 members; binding limit: RLIMIT_NOFILE (soft) (raise: hard limit 20000"), text)
        XCTAssertTrue(text.hasPrefix("limit "))
        XCTAssertTrue(text.contains("vm.max_map_count"))
    }
}

final class ThreadProbeTests: XCTestCase {
    func testCreatesFiftyAndJoinsAll() {
        let report = LimitsProbe().read()
        let before = LimitsProbe().read().processThreads ?? 0
        let result = ThreadProbe(max: 50).run(report: report)
        XCTAssertEqual(result.created, 50)
        XCTAssertEqual(result.stoppedBecause, "reached --max")
        XCTAssertNil(result.errno)
        XCTAssertNil(result.matchingLimit)
        // Every thread was joined: the process has no more threads than before.
        XCTAssertLessThanOrEqual(LimitsProbe().read().processThreads ?? 0, before)
    }

    func testStopsAtSafetyMargin() {
        var report = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: machineRLimits).read()
        report.threadCapacity = 520
        report.threadBinding = "kernel.pid_max"
        let result = ThreadProbe(max: 50, safetyMarginPids: 512).run(report: report)
        XCTAssertEqual(result.created, 8)
        XCTAssertEqual(result.stoppedBecause, "stopped at the safety margin")
    }

    func testDescribesErrno() {
        XCTAssertEqual(ThreadProbe.describe(EAGAIN), "EAGAIN (Resource temporarily unavailable)")
    }

    /// The planner records the same limit typed; a results file of an older ctxbench keeps its sentence.
    func testTheSkipReasonIsTypedAndWordedAndAnOldSentenceStillReads() throws {
        let report = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: machineRLimits).read()
        guard case let .exceeds(_, _, _, reason) = CapacityCheck.check(variantUsesLinks: true, threadPerMember: false,
                                                                     tasks: 50000, report: report) else { return XCTFail() }
        XCTAssertEqual(reason.description,
                       "50000 members need 100002 file descriptors but RLIMIT_NOFILE is 20000 (at most 9989 brigade members here)")
        XCTAssertEqual(try JSONDecoder().decode([SkipReason].self, from: JSONEncoder().encode([reason])), [reason])
        let old = try JSONDecoder().decode([SkipReason].self, from: Data(#"["a limit allowed fewer members"]"#.utf8))
        XCTAssertEqual(old, [.described("a limit allowed fewer members")])
    }
}
