import Foundation
import XCTest
@testable import Limits
import Results

/// The advice names one value everywhere and tells each kind of user what they can run.
final class LimitsAdviceTests: XCTestCase {
    /// Every N in "ulimit -n N", "ulimit -Hn N", "nofile=N:N", "nofile N" of `text`.
    static func nofileValues(_ text: String) -> Set<Int> {
        let pattern = try! NSRegularExpression(pattern: #"(?:ulimit -H?n |nofile[= ])(\d+)"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { m in
            Range(m.range(at: 1), in: text).flatMap { Int(text[$0]) }
        })
    }

    func testOneUlimitValueInTheTableAndThePlannersMessage() {
        let report = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: machineRLimits, wantedMembers: 50_000).read()
        guard case let .exceeds(_, _, message, _) = CapacityCheck.check(variantUsesLinks: true, threadPerMember: false,
                                                                   tasks: 50_000, report: report) else { return XCTFail() }
        let text = renderLimitsText(report) + message
        XCTAssertEqual(Self.nofileValues(text), [100_100], text)
    }

    func testRootWithoutTheCapabilityIsNotToldItNeedsRoot() {
        let a = LimitsAdvice.nofile(target: 100_100, soft: 20_000, hard: 20_000, nrOpen: 1_048_576, right: .rootWithoutCapability)
        XCTAssertFalse(a.contains("needs root"), a)
        XCTAssertFalse(a.contains("as root"), a)
        XCTAssertTrue(a.contains("`docker run --ulimit nofile=100100:100100`"), a)
    }

    func testCapableRootGetsTheCommandsToRun() {
        let a = LimitsAdvice.nofile(target: 100_100, soft: 20_000, hard: 20_000, nrOpen: 1_048_576, right: .capable)
        XCTAssertTrue(a.hasPrefix("`ulimit -Hn 100100 && ulimit -n 100100`"), a)
        XCTAssertFalse(a.contains("root must"), a)
        // Past fs.nr_open the kernel's ceiling comes first.
        let b = LimitsAdvice.nofile(target: 2_000_000, soft: 20_000, hard: 20_000, nrOpen: 1_048_576, right: .capable)
        XCTAssertTrue(b.hasPrefix("`sysctl -w fs.nr_open=2000000`, then `ulimit -Hn 2000000"), b)
    }

    func testAUserIsToldRootMustRaiseIt() {
        let a = LimitsAdvice.nofile(target: 100_100, soft: 20_000, hard: 20_000, nrOpen: nil, right: .user)
        XCTAssertTrue(a.contains("root must raise it"), a)
        XCTAssertTrue(a.contains("`* hard nofile 100100`"), a)
    }

    func testNoNestedBackticks() {
        for right in RaiseRight.allCases + [nil] {
            for text in [LimitsAdvice.nofile(target: 2_000_000, soft: 1024, hard: 4096, nrOpen: 1_048_576, right: right),
                         LimitsAdvice.nproc(target: 60_000, hard: 1000, right: right)] {
                XCTAssertEqual(text.filter { $0 == "`" }.count % 2, 0, text)
                XCTAssertFalse(text.contains("``"), text)
            }
        }
    }

    func testEnoughIsSaidNotAdvised() {
        XCTAssertEqual(LimitsAdvice.nofile(target: 2100, soft: 20_000, hard: 20_000, nrOpen: nil, right: .user),
                       "- (20000 is enough: 2100 asked)")
        XCTAssertEqual(LimitsAdvice.nofile(target: 2100, soft: 1024, hard: 4096, nrOpen: nil, right: .user), "`ulimit -n 2100`")
    }

    func testNprocAdviceRaisesTheCapOrSaysItDoesNotBind() throws {
        // Root: not enforced, so it does not bind, whatever its value (the old text repeated 96365).
        let root = LimitsProbe(root: fixtureRoot("this-machine"), rlimits: machineRLimits).read()
        for name in ["RLIMIT_NPROC (soft)", "RLIMIT_NPROC (hard)"] {
            XCTAssertEqual(entry(root, name)?.raise, "- (does not bind: not enforced for real uid 0)")
        }
        // A user at soft = hard: advise a value above the cap, for what the run wants.
        let rl = RLimits(nofile: RLimit(soft: 1024, hard: 4096), nproc: RLimit(soft: 500, hard: 500))
        let user = LimitsProbe(root: fixtureRoot("nproc-binds"), rlimits: rl, wantedMembers: 1000).read()
        let soft = try XCTUnwrap(entry(user, "RLIMIT_NPROC (soft)")?.raise)
        XCTAssertFalse(soft.contains("ulimit -u 500"), soft)
        XCTAssertTrue(soft.contains("`* hard nproc 1100`"), soft)   // 40 threads of the uid + 1000, rounded up
        // Already enough for the run: said, not advised.
        let few = LimitsProbe(root: fixtureRoot("nproc-binds"), rlimits: rl, wantedMembers: 100).read()
        XCTAssertEqual(entry(few, "RLIMIT_NPROC (soft)")?.raise, "- (500 is enough: 200 threads of this uid asked)")
    }
}
