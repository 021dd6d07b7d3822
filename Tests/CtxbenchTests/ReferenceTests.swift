import Foundation
import XCTest
@testable import Runner
import Results
import AnalysisModel
#if canImport(Glibc)
import Glibc
#endif

/// The Rust reference (reference/rust, ctxbench-rust) speaks the child protocol: each rust-*
/// variant runs through ChildProcess with 4 members (K = 8 for creation) and 20 iterations,
/// pinned and unpinned, writes JSON that decodes as WorkloadOutput, and passes its self-check;
/// a corrupted value fails it (exit 3) and a hanging chain does not finish. `make test` never
/// builds Rust: without a built ctxbench-rust these tests skip, saying how to build it.
final class ReferenceTests: XCTestCase {
    /// The built binary: beside ctxbench (make reference copies it there) or in reference/rust/target.
    static var binary: String? {
        [Fixtures.packageRoot.appendingPathComponent("reference/rust/target/release/ctxbench-rust"),
         Fixtures.packageRoot.appendingPathComponent(".build/release/ctxbench-rust")]
            .map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    var dir: URL!

    /// A folder with ctxbench-workload and ctxbench-rust side by side, as ChildProcess expects.
    func child(_ extra: [String] = []) throws -> ChildProcess {
        guard let rust = Self.binary else {
            throw XCTSkip("the Rust reference is not built: run `make reference` (needs Debian's cargo, librust-tokio-dev, librust-async-std-dev and librust-libc-dev: `make deps REFERENCE=rust`)")
        }
        dir = try Fixtures.temporaryDirectory()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("ctxbench-workload").path,
                                  withDestinationPath: try Fixtures.executable("ctxbench-workload"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("ctxbench-rust").path, withDestinationPath: rust)
        return ChildProcess(workload: dir.appendingPathComponent("ctxbench-workload").path, extraArguments: extra)
    }

    override func tearDown() {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func spec(_ v: Variant, pinned: Bool = false) -> RunSpec {
        RunSpec(variant: v, kind: v.row.kind, tasks: v.row.kind == .creation ? 8 : 4, iterations: 20,
                warmups: 2, pinned: pinned, runIndex: 0)
    }

    func testEveryRustVariantMeasuresPinnedAndUnpinnedAndWritesWorkloadOutput() throws {
        let child = try child()
        for v in ReferenceFamily.rust.variants {
            XCTAssertTrue(child.executable(for: spec(v)).hasSuffix("/ctxbench-rust"))
            for pinned in [false, true] {
                let run = child.run(spec(v, pinned: pinned), timeout: 60, current: CurrentChild())
                XCTAssertEqual(run.status, .ok, "\(v) pinned=\(pinned): \(run.message ?? "") \(run.stderrTail ?? "")")
                let out = try XCTUnwrap(run.output, v.rawValue)
                XCTAssertEqual(out.samplesNs.count, 20, v.rawValue)
                XCTAssertTrue(out.samplesNs.allSatisfy { $0 > 0 }, v.rawValue)
                XCTAssertGreaterThan(out.threads, 0, v.rawValue)
                XCTAssertGreaterThan(out.peakRSSBytes ?? 0, 0, v.rawValue)
                XCTAssertNotNil(out.timedRusage, v.rawValue)
                if pinned { XCTAssertEqual(out.grantedCPUs, [out.allowedCPUs[0]], v.rawValue) }
                if v.row.kind == .creation {
                    XCTAssertEqual(out.latencySamplesNs?.count, 20, v.rawValue)
                    XCTAssertTrue(out.check.contains("all 8"), out.check)
                } else {
                    XCTAssertNil(out.latencySamplesNs, v.rawValue)
                    XCTAssertTrue(out.check.contains("value + 4 arrived in all 22 rounds"), out.check)
                }
                if v == .rustThreadBrigade { XCTAssertEqual(out.threads, 5, "main + 4 members") }
                if v == .rustAsyncBrigade && pinned { XCTAssertEqual(out.threads, 2, "block_on's thread + one worker per granted CPU") }
            }
        }
    }

    func testACorruptedValueFailsTheSelfCheck() throws {
        let child = try child(["--fault", "corrupt-value"])
        for v in ReferenceFamily.rust.variants {
            let run = child.run(spec(v), timeout: 60, current: CurrentChild())
            XCTAssertEqual(run.status, .failed, v.rawValue)
            XCTAssertEqual(run.exitStatus, 3, v.rawValue)
            XCTAssertNil(run.output, v.rawValue)
            XCTAssertTrue(run.message?.contains("self-check failed") ?? false, "\(v): \(run.message ?? "nil")")
        }
    }

    func testAHangingChainTimesOut() throws {
        let child = try child(["--fault", "hang"])
        for v in ReferenceFamily.rust.variants where v.row.kind == .brigade {
            let run = child.run(spec(v), timeout: 2, current: CurrentChild())
            XCTAssertEqual(run.status, .timedOut, v.rawValue)
        }
    }

    /// --memory: the reading taken with every member blocked.
    func testMemoryReadingOfABrigade() throws {
        let child = try child(["--memory"])
        let run = child.run(spec(.rustAsyncBrigade), timeout: 60, current: CurrentChild())
        XCTAssertGreaterThan(run.output?.memory?.rssBytes ?? 0, 0, run.message ?? "")
    }
}

/// Planning of references: not planned unless asked for; asked for but not built, recorded as
/// not run with the command that fixes it (no Rust needed for these).
final class ReferencePlanTests: XCTestCase {
    func testReferencesArePlannedOnlyWhenAskedFor() throws {
        let none = try Planner.plan(RunRequest(profile: .quick, seed: 1), capacity: .unlimited)
        XCTAssertFalse(none.plan.contains { $0.variant.row.isReference })
        XCTAssertTrue(none.skipped.isEmpty)
        let asked = try Planner.plan(RunRequest(profile: .quick, seed: 1, references: [.rust]), capacity: .unlimited)
        let rust = Set(asked.plan.map(\.variant).filter { $0.row.isReference })
        XCTAssertEqual(rust, Set(ReferenceFamily.rust.variants))
        // Interleaved and repeated like every variant: main group, both pinnings for brigades, no sweep.
        let tb = asked.plan.filter { $0.variant == "rust-thread-brigade" }
        XCTAssertEqual(tb.filter(\.pinned).count, Profile.quick.runs)
        XCTAssertEqual(tb.filter { !$0.pinned }.count, Profile.quick.runs)
        XCTAssertTrue(tb.allSatisfy { $0.group == .main })
        let first = asked.plan.firstIndex { $0.variant.rawValue.hasPrefix("rust-") }!, last = asked.plan.lastIndex { $0.variant.rawValue.hasPrefix("rust-") }!
        XCTAssertTrue(asked.plan[first...last].contains { !$0.variant.rawValue.hasPrefix("rust-") }, "shuffled among the others")
    }

    func testAskedForButNotBuiltIsRecordedAsNotRun() throws {
        let (plan, skipped) = try Planner.plan(RunRequest(profile: .quick, only: ["thread-brigade", "rust-thread-brigade"], seed: 1,
                                                          references: [.rust], referencesMissing: [.rust]), capacity: .unlimited)
        XCTAssertFalse(plan.contains { $0.variant == "rust-thread-brigade" })
        let s = try XCTUnwrap(skipped.first { $0.variant == "rust-thread-brigade" })
        XCTAssertNil(s.clampedTo)
        XCTAssertTrue(s.reason.contains("the Rust reference is not built"), s.reason)
        XCTAssertTrue(s.reason.contains("make report REFERENCE=rust"), s.reason)
        XCTAssertTrue(s.reason.contains("librust-tokio-dev"), s.reason)
    }

    func testNamedWithoutTheFlagSaysHowToAskForIt() throws {
        let (plan, skipped) = try Planner.plan(RunRequest(profile: .quick, only: ["rust-async-brigade"], seed: 1), capacity: .unlimited)
        XCTAssertTrue(plan.isEmpty)
        XCTAssertTrue(skipped.first?.reason.contains("--reference rust") ?? false)
    }
}
