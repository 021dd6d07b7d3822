import Foundation
import XCTest
@testable import Render
@testable import Runner
import Results
import AnalysisModel
import Analysis
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
            throw XCTSkip("the Rust reference is not built: run `make reference` (needs Debian's cargo, librust-tokio-dev, librust-async-std-dev, librust-libc-dev, librust-cc-dev and liburing-dev: `make deps REFERENCE=rust`)")
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

    /// The io_uring twin exits 4 naming why where this kernel or container forbids io_uring.
    static func uringUnavailable(_ run: ProcessRun) -> Bool {
        run.spec.variant == Variant.rustAsyncBrigadeUring && run.exitStatus == 4
            && (run.message ?? "").contains("io_uring unavailable")
    }

    func testEveryRustVariantMeasuresPinnedAndUnpinnedAndWritesWorkloadOutput() throws {
        let child = try child()
        for v in ReferenceFamily.rust.variants {
            XCTAssertTrue(child.executable(for: spec(v)).hasSuffix("/ctxbench-rust"))
            for pinned in [false, true] {
                let run = child.run(spec(v, pinned: pinned), timeout: 60, current: CurrentChild())
                if Self.uringUnavailable(run) { continue }
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
                if v == .rustAsyncBrigadeUring {
                    XCTAssertEqual(out.threads, 1, "one thread: executor and reactor")
                    XCTAssertTrue(out.check.contains("one io_uring"), out.check)
                }
                if v == .rustAsyncBrigade && pinned { XCTAssertEqual(out.threads, 2, "block_on's thread + one worker per granted CPU") }
            }
        }
    }

    func testACorruptedValueFailsTheSelfCheck() throws {
        let child = try child(["--fault", "corrupt-value"])
        for v in ReferenceFamily.rust.variants {
            let run = child.run(spec(v), timeout: 60, current: CurrentChild())
            if Self.uringUnavailable(run) { continue }
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
            if Self.uringUnavailable(run) { continue }
            XCTAssertEqual(run.status, .timedOut, v.rawValue)
        }
    }

    /// --in-flight K (C12): the thread and async twins carry 4 tokens through 8 members and pass
    /// their check; a corrupted token fails it; a twin without the protocol refuses K > 1.
    func testManyBytesInFlight() throws {
        let child = try child(), faulty = ChildProcess(workload: child.workload, extraArguments: ["--fault", "corrupt-value"])
        let variants = ReferenceFamily.rust.variants.filter(\.row.manyInFlight)
        XCTAssertEqual(Set(variants), [.rustThreadBrigade, .rustAsyncBrigade])
        for v in variants {
            var s = spec(v)
            s.tasks = 8
            s.inFlight = 4
            let run = child.run(s, timeout: 60, current: CurrentChild())
            XCTAssertEqual(run.status, .ok, "\(v): \(run.message ?? "") \(run.stderrTail ?? "")")
            XCTAssertTrue(run.output?.check.contains("all 4 tokens arrived in order") ?? false, run.output?.check ?? "")
            let bad = faulty.run(s, timeout: 60, current: CurrentChild())
            XCTAssertEqual(bad.exitStatus, 3, v.rawValue)
        }
        var s = spec(.rustAsyncBrigade1T)
        s.inFlight = 2
        XCTAssertEqual(child.run(s, timeout: 60, current: CurrentChild()).exitStatus, 2)
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
        // Interleaved and repeated like every variant: the headline point at both pinnings.
        let tb = asked.plan.filter { $0.variant == "rust-thread-brigade" && $0.group == .main }
        XCTAssertEqual(tb.filter(\.pinned).count, Profile.quick.runs)
        XCTAssertEqual(tb.filter { !$0.pinned }.count, Profile.quick.runs)
        let first = asked.plan.firstIndex { $0.variant.rawValue.hasPrefix("rust-") }!, last = asked.plan.lastIndex { $0.variant.rawValue.hasPrefix("rust-") }!
        XCTAssertTrue(asked.plan[first...last].contains { !$0.variant.rawValue.hasPrefix("rust-") }, "shuffled among the others")
    }

    /// The Rust twin runs every kind of measurement the Swift variants run: memory runs at the
    /// fitted counts (C7), the C8 sweep (unpinned, the thread and faithful async roles only), the
    /// capacity run of the in-memory brigade (C9) and the in-flight sweep (C12); none without
    /// --reference.
    func testTheReferenceGetsMemorySweepCapacityAndInFlightRunsOnlyWhenAskedFor() throws {
        let p = Profile.quick
        let none = try Planner.plan(RunRequest(profile: p, seed: 1), capacity: .unlimited).plan
        XCTAssertFalse(none.contains { $0.variant.rawValue.hasPrefix("rust-") })
        let plan = try Planner.plan(RunRequest(profile: p, seed: 1, references: [.rust]), capacity: .unlimited).plan
        func runs(_ v: Variant, _ g: RunGroup) -> [RunSpec] { plan.filter { $0.variant == v && $0.group == g } }
        for (v, counts) in [(Variant.rustThreadBrigade, p.memoryThreadCounts), (.rustAsyncBrigade, p.memoryTaskCounts)] {
            let memory = runs(v, .memory)
            XCTAssertEqual(memory.map(\.tasks).sorted(), counts.flatMap { Array(repeating: $0, count: p.memoryRuns) }.sorted(), v.rawValue)
            XCTAssertTrue(memory.allSatisfy { $0.kind == .memory && !$0.pinned }, v.rawValue)
            let sweep = runs(v, .sweep)
            XCTAssertEqual(sweep.count, p.sweepRuns, v.rawValue)
            XCTAssertTrue(sweep.allSatisfy { $0.tasks == 5_000 && !$0.pinned }, v.rawValue)
            XCTAssertEqual(Set(runs(v, .inFlight).compactMap(\.inFlight)), Set(p.inFlightCounts), v.rawValue)
            XCTAssertEqual(runs(v, .inFlight).count, p.inFlightRuns * p.inFlightCounts.count, v.rawValue)
        }
        let capacity = runs(.rustAsyncMemBrigade, .large)
        XCTAssertEqual(capacity.map(\.tasks), [p.large[.capacity]!])
        // The in-memory twin takes the in-memory brigade's iterations, as the role it plays.
        XCTAssertTrue(runs(.rustAsyncMemBrigade, .main).allSatisfy { $0.iterations == p.memoryBrigadeIterations })
        // Only the C8 roles are swept: not the I/O baseline, the one-thread or the in-memory twin.
        XCTAssertEqual(Set(plan.filter { $0.group == .sweep && $0.variant.rawValue.hasPrefix("rust-") }.map(\.variant)),
                       ["rust-thread-brigade", "rust-async-brigade"])
        // The full profile runs the study-N brigades of both twins too, three times each.
        let full = try Planner.plan(RunRequest(profile: .full, seed: 1, references: [.rust]), capacity: .unlimited).plan
        for v in [Variant.rustThreadBrigade, .rustAsyncBrigade] {
            XCTAssertEqual(full.filter { $0.variant == v && $0.group == .large }.map(\.tasks), [50_000, 50_000, 50_000])
        }
    }

    /// C10's Rust twin: the reference's brigades are counted under strace beside the Swift
    /// ones (thread and faithful async twins pinned too); the C floors are not.
    func testSyscallTargetsIncludeTheReferenceBrigades() {
        func run(_ v: Variant, pinned: Bool) -> ProcessRun {
            ProcessRun(spec: RunSpec(variant: v, kind: v.row.kind, tasks: 500, iterations: 10, warmups: 1,
                                     pinned: pinned, runIndex: 0), status: .ok, wallSeconds: 1, loadBefore: 0, loadAfter: 0)
        }
        let runs = [Variant.threadBrigade, .rustThreadBrigade, .rustAsyncBrigade, .rustOneThreadBrigade, .cThreadBrigade, .rustThreadCreation]
            .flatMap { [run($0, pinned: false), run($0, pinned: true)] }
        let targets = SyscallCounter.targets(runs).map { "\($0.variant) \($0.pinned)" }
        XCTAssertEqual(Set(targets), ["thread-brigade false", "thread-brigade true", "rust-thread-brigade false", "rust-thread-brigade true",
                                      "rust-async-brigade false", "rust-async-brigade true", "rust-one-thread-brigade false"])
        XCTAssertTrue(SyscallCounter.targets(runs.filter { !$0.spec.variant.rawValue.hasPrefix("rust-") }).allSatisfy { !$0.variant.rawValue.hasPrefix("rust-") })
    }

    func testAskedForButNotBuiltIsRecordedAsNotRun() throws {
        let (plan, skipped) = try Planner.plan(RunRequest(profile: .quick, only: ["thread-brigade", "rust-thread-brigade"], seed: 1,
                                                          references: [.rust], referencesMissing: [.rust]), capacity: .unlimited)
        XCTAssertFalse(plan.contains { $0.variant == "rust-thread-brigade" })
        let s = try XCTUnwrap(skipped.first { $0.variant == "rust-thread-brigade" })
        XCTAssertNil(s.clampedTo)
        XCTAssertEqual(s.reason, .referenceNotBuilt(family: .rust))
        XCTAssertTrue(s.reason.description.contains("the Rust reference is not built"), "\(s.reason)")
        XCTAssertTrue(s.reason.description.contains("make report REFERENCE=rust"), "\(s.reason)")
        XCTAssertTrue(s.reason.description.contains("librust-tokio-dev"), "\(s.reason)")
    }

    func testNamedWithoutTheFlagSaysHowToAskForIt() throws {
        let (plan, skipped) = try Planner.plan(RunRequest(profile: .quick, only: ["rust-async-brigade"], seed: 1), capacity: .unlimited)
        XCTAssertTrue(plan.isEmpty)
        XCTAssertEqual(skipped.first?.reason, .referenceNotRequested(family: .rust))
        XCTAssertTrue(skipped.first?.reason.description.contains("--reference rust") ?? false)
    }
}

/// The claims judged on the Rust twin use its own runs only: C9 from its capacity run, C10 from
/// its strace counts, and a role no Rust variant plays (C11's completion brigade) is not run
/// with the family's reason, never judged on the Swift variant instead.
final class ReferenceVerdictTests: XCTestCase {
    func testTheRustColumnJudgesCapacityAndSyscallsOnTheTwinAndNeverFallsBackToSwift() throws {
        var runs = [AnalysisTests.run(Variant.rustAsyncMemBrigade, tasks: 250_000, pinned: false, index: 0,
                                      samples: [1_000_000], group: .large)]
        for v in [Variant.rustThreadBrigade, .rustAsyncBrigade1T, .rustOneThreadBrigade] {
            for i in 0..<3 { runs.append(AnalysisTests.run(v, tasks: 500, pinned: false, index: i, samples: [UInt64(500 * 2_000 + i)])) }
        }
        var f = AnalysisTests.file(runs)
        f.limits = LimitsReport(entries: [], threadCapacity: 31_000, threadBinding: "kernel.pid_max",
                                linkCapacity: 9_990, linkBinding: "RLIMIT_NOFILE (soft)")
        f.syscalls = [SyscallCount(variant: "rust-thread-brigade", pinned: false, hops: 1_500, perHop: ["read": 1, "write": 1], error: nil),
                      SyscallCount(variant: "rust-async-brigade", pinned: false, hops: 1_500,
                                   perHop: ["read": 2, "write": 1, "epoll_wait": 0.4], error: nil)]
        let a = try Analyzer(resamples: 1_000).analyze(f)
        let rust = try XCTUnwrap(a.rustClaims)
        XCTAssertEqual(rust.map(\.id), (1...12).map { "C\($0)" }, "the open questions too")
        let c9 = try XCTUnwrap(rust.first { $0.id == "C9" })
        XCTAssertEqual(c9.verdict, .confirmed, "\(c9.reason)")
        XCTAssertEqual(c9.variants, ["rust-async-mem-brigade"])
        let c10 = try XCTUnwrap(rust.first { $0.id == "C10" })
        XCTAssertEqual(c10.verdict, .confirmed, "\(c10.reason)")
        XCTAssertEqual(c10.variants, ["rust-thread-brigade", "rust-async-brigade"])
        // C11 on the twin needs the Rust io_uring brigade, which did not run here: not run, naming
        // it, never the Swift async-brigade-uring.
        let c11 = try XCTUnwrap(rust.first { $0.id == "C11" })
        XCTAssertEqual(c11.verdict, .notRun)
        XCTAssertTrue(ClaimText(a: a).reason(c11).contains("rust-async-brigade-uring"), ClaimText(a: a).reason(c11))
        XCTAssertFalse(rust.contains { ($0.variants ?? []).contains { !$0.rawValue.hasPrefix("rust-") } }, "no Swift variant decides a Rust verdict")
        // The Swift column is untouched by the twin's runs: no Swift capacity run, no Swift counts.
        XCTAssertEqual(a.claims.first { $0.id == "C9" }?.verdict, .notRun)
        XCTAssertEqual(a.claims.first { $0.id == "C10" }?.verdict, .notRun)
    }
}

/// The full profile's budget grows by the reference's share when the Rust twin runs, and
/// only then; quick keeps its 185 s.
final class ReferenceBudgetTests: XCTestCase {
    func testTheReferenceAddsItsShareToTheFullBudgetOnly() {
        XCTAssertEqual(Profile.full.budget(references: 0), 1_680)
        XCTAssertEqual(Profile.full.budget(references: 1), 1_920)
        XCTAssertEqual(Profile.quick.budget(references: 1), 185)
        XCTAssertNil(Profile.smoke.budget(references: 1))
    }
}

/// The Swift-vs-Rust comparison covers memory per member and syscalls per hop: each Swift
/// series or count beside its Rust twin's, from the same analysis.
final class ReferenceMemorySyscallTests: XCTestCase {
    func testMemoryAndSyscallRowsPairEachSwiftDesignWithItsTwin() throws {
        let runs = AttributionTests.memoryRuns([(Variant.the(.threadBrigade)!, 8.5 * 1024), (Variant.rustThreadBrigade, 9.5 * 1024)])
        var f = AnalysisTests.file(runs)
        f.syscalls = [SyscallCount(variant: Variant.the(.faithfulAsync)!, pinned: false, hops: 1_500,
                                   perHop: ["recvfrom": 2, "recvfrom (errors)": 1, "write": 1, "epoll_wait": 1], error: nil),
                      SyscallCount(variant: .rustAsyncBrigade, pinned: false, hops: 1_500,
                                   perHop: ["recvfrom": 2, "sendto": 1, "epoll_wait": 1], error: nil)]
        let a = try Analyzer(resamples: 500).analyze(f)
        let model = ReportModel(a: a, charts: [])
        let memory = model.referenceMemoryRows()
        XCTAssertEqual(memory.count, 1)
        XCTAssertEqual(memory.first?["variant"] as? String, Variant.the(.threadBrigade)!.rawValue)
        let slope = { (v: Variant) in a.memory.first { $0.variant == v }?.slope ?? 0 }
        XCTAssertEqual(slope(.rustThreadBrigade) / 1024, 9.5, accuracy: 0.1)
        XCTAssertEqual(memory.first?["ratio"] as? String, Format.ratio(slope(Variant.the(.threadBrigade)!) / slope(.rustThreadBrigade)))
        let calls = model.referenceSyscallRows()
        XCTAssertEqual(calls.count, 1)
        XCTAssertEqual(calls.first?["swift"] as? String, "recvfrom 2.00, epoll_wait 1.00, write 1.00 (4.00)")
        XCTAssertEqual(calls.first?["ratio"] as? String, Format.ratio(1))
    }
}
