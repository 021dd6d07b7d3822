import Foundation
import XCTest
@testable import Runner
import Results
import AnalysisModel
import Workloads

final class RunnerTests: XCTestCase {
    func testSameSeedSamePlanOtherSeedOtherOrder() throws {
        let r = RunRequest(profile: .quick, seed: 1)
        let a = try Planner.plan(r, capacity: .unlimited).plan
        let b = try Planner.plan(r, capacity: .unlimited).plan
        XCTAssertEqual(a, b)
        let c = try Planner.plan(RunRequest(profile: .quick, seed: 2), capacity: .unlimited).plan
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set(a), Set(c), "the seed changes the order only")
        // Every brigade runs pinned and unpinned, the profile's first-pass runs each, in the main group.
        let main = a.filter { $0.group == .main && $0.variant == "thread-brigade" }
        XCTAssertEqual(main.filter { $0.pinned }.count, Profile.quick.runs)
        XCTAssertEqual(main.filter { !$0.pinned }.count, Profile.quick.runs)
        // The quick sweep is what C8 needs: thread brigade and faithful async at N = 5,000, unpinned.
        let sweep = a.filter { $0.group == .sweep }
        XCTAssertEqual(Set(sweep.map(\.variant)), Set([Variant.the(.threadBrigade)!, Variant.the(.faithfulAsync)!]))
        XCTAssertTrue(sweep.allSatisfy { !$0.pinned && $0.tasks == 5_000 && $0.round == nil })
        // Reference variants (the study's designs in Rust) are planned only with --reference.
        let own = Variant.allCases.filter { !$0.row.isReference }
        XCTAssertEqual(Set(a.filter { $0.group == .main }.map(\.variant)), Set(own))
    }

    func testSmokeRunsEveryVariantOnce() throws {
        let plan = try Planner.plan(RunRequest(profile: .smoke, pin: .off, seed: 3), capacity: .unlimited).plan
        XCTAssertEqual(plan.map(\.variant.rawValue).sorted(), Variant.allCases.filter { !$0.row.isReference }.map(\.rawValue).sorted())
    }

    func limits(links: Int) -> Capacity {
        Capacity(report: LimitsReport(entries: [LimitEntry(name: "RLIMIT_NOFILE (soft)", value: "\(2 * links + 20)", source: "test",
                                                           threadCapacity: nil, linkCapacity: links, raise: "ulimit -n", canRaise: false)],
                                      threadCapacity: 100_000, threadBinding: "kernel.pid_max",
                                      linkCapacity: links, linkBinding: "RLIMIT_NOFILE (soft)"))
    }

    func testProfileDefaultBeyondALimitIsClampedAndRecorded() throws {
        let (plan, skipped) = try Planner.plan(RunRequest(profile: .quick, only: ["thread-brigade"], seed: 1), capacity: limits(links: 300))
        XCTAssertTrue(plan.allSatisfy { $0.tasks <= 300 })
        let main = try XCTUnwrap(skipped.first { $0.group == .main })
        XCTAssertEqual(main.clampedTo, 300)
        guard case .limit(.fileDescriptors, _, _, let limit, _, 300) = main.reason else { return XCTFail("\(main.reason)") }
        XCTAssertTrue(limit.hasPrefix("RLIMIT_NOFILE"), limit)
    }

    func testExplicitRequestBeyondALimitFailsNamingIt() {
        XCTAssertThrowsError(try Planner.plan(RunRequest(profile: .quick, only: ["thread-brigade"], tasks: 50_000, seed: 1),
                                              capacity: limits(links: 9_988))) { e in
            XCTAssertTrue("\(e)".contains("RLIMIT_NOFILE"), "\(e)")
            XCTAssertTrue("\(e)".contains("at most 9988 brigade members"), "\(e)")
        }
        // The NIO variants hold a third fd per member (a dup of the read end for the channel).
        XCTAssertThrowsError(try Planner.plan(RunRequest(profile: .quick, only: ["async-brigade"], tasks: 9_000, seed: 1),
                                              capacity: limits(links: 9_988))) { e in
            XCTAssertTrue("\(e)".contains("at most 6658 brigade members"), "\(e)")
        }
    }

    func spec(_ variant: Variant, tasks: Int = 4, iterations: Int = 20, pinned: Bool = false) -> RunSpec {
        RunSpec(variant: variant, kind: variant.row.kind, tasks: tasks, iterations: iterations,
                warmups: 2, pinned: pinned, runIndex: 0)
    }

    /// async-brigade-uring where this kernel or container refuses io_uring: a not-run, not a bug
    /// (UringTests checks that path).
    static func uringUnavailable(_ run: ProcessRun) -> Bool {
        [Variant.asyncBrigadeUring, Variant.cUringBrigade].contains(run.spec.variant) && run.exitStatus == 4 && (run.message ?? "").contains("io_uring unavailable")
    }

    /// Every registered variant runs in a child process with tiny parameters and passes its self-check.
    func testEveryVariantRunsInAChildProcess() throws {
        let child = ChildProcess(workload: try Fixtures.executable("ctxbench-workload"))
        for v in Variant.allCases where !v.row.isReference {  // ReferenceTests runs those when built
            for pinned in [false, true] {
                let run = child.run(spec(v, pinned: pinned), timeout: 60, current: CurrentChild())
                if Self.uringUnavailable(run) { continue }
                XCTAssertEqual(run.status, RunStatus.ok, "\(v) pinned=\(pinned): \(run.message ?? "") \(run.stderrTail ?? "")")
                XCTAssertEqual(run.output?.samplesNs.count, 20, v.rawValue)
                XCTAssertTrue(run.output?.samplesNs.allSatisfy { $0 > 0 } ?? false, v.rawValue)
                if pinned { XCTAssertEqual(run.output?.grantedCPUs.count, 1, v.rawValue) }
            }
        }
    }

    func testABrokenChainFailsItsSelfCheckInsteadOfReportingATime() throws {
        let child = ChildProcess(workload: try Fixtures.executable("ctxbench-workload"), extraArguments: ["--fault", "corrupt-value"])
        for v in Variant.allCases where !v.row.isReference {
            let run = child.run(spec(v), timeout: 60, current: CurrentChild())
            if Self.uringUnavailable(run) { continue }
            XCTAssertEqual(run.status, RunStatus.failed, v.rawValue)
            XCTAssertNil(run.output, v.rawValue)
            XCTAssertTrue(run.message?.contains("self-check failed") ?? false, "\(v): \(run.message ?? "nil")")
        }
    }

    /// Every brigade that takes `--in-flight` carries 4 tokens through 8 members in a child (Swift
    /// and C alike): it passes its self-check, reports a wait serving more than one event where
    /// it counts them on one thread, and fails the check when a member corrupts a token.
    func testManyBytesInFlightPassAndFailTheirChecks() throws {
        let child = ChildProcess(workload: try Fixtures.executable("ctxbench-workload"))
        let faulty = ChildProcess(workload: try Fixtures.executable("ctxbench-workload"), extraArguments: ["--fault", "corrupt-value"])
        let variants = Variant.allCases.filter { $0.row.manyInFlight && $0.row.referenceOf.isEmpty }
        XCTAssertGreaterThanOrEqual(variants.count, 8)
        for v in variants {
            var s = spec(v, tasks: 8)
            s.inFlight = 4
            XCTAssertEqual(s.unitsPerIteration, InFlight.hopsPerRound(members: 8, inFlight: 4))
            let run = child.run(s, timeout: 60, current: CurrentChild())
            if Self.uringUnavailable(run) { continue }
            XCTAssertEqual(run.status, RunStatus.ok, "\(v): \(run.message ?? "") \(run.stderrTail ?? "")")
            XCTAssertTrue(run.output?.check.contains("all 4 tokens arrived in order") ?? false, "\(v): \(run.output?.check ?? "")")
            if v.row.oneThread, let waits = run.output?.reactorWaits, let events = run.output?.reactorEvents {
                XCTAssertGreaterThan(events, waits, "\(v): tokens spread along the chain make several members ready at once")
            }
            let bad = faulty.run(s, timeout: 60, current: CurrentChild())
            XCTAssertEqual(bad.status, RunStatus.failed, v.rawValue)
            XCTAssertTrue(bad.message?.contains("self-check failed") ?? false, "\(v): \(bad.message ?? "nil")")
        }
        // A variant without the protocol refuses K > 1 instead of measuring something else.
        var nio = spec(Variant.nioBrigade, tasks: 8)
        nio.inFlight = 4
        let refused = child.run(nio, timeout: 60, current: CurrentChild())
        XCTAssertEqual(refused.exitStatus, 2)
    }

    func testAHangingChildIsKilledAndRecordedAsTimedOut() throws {
        let child = ChildProcess(workload: try Fixtures.executable("ctxbench-workload"), extraArguments: ["--fault", "hang"])
        let start = Date()
        let run = child.run(spec("thread-brigade"), timeout: 2, current: CurrentChild())
        XCTAssertEqual(run.status, .timedOut)
        XCTAssertLessThan(Date().timeIntervalSince(start), 15)
    }

    func testSessionSavesEveryRunAndCompletes() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The third child fails (an option it refuses): recorded as failed, and the session goes on.
        let plan = [spec("one-thread-brigade"), spec("thread-brigade", pinned: true), spec("async-mem-brigade")]
        let env = SystemProbe.environment(commandLine: ["test"], swiftVersion: "test", commit: "test")
        let config = Configuration(profile: "test", seed: 1, only: nil, pin: .both, runsPerPoint: 1, plan: plan)
        let session = RunSession(resultsURL: dir.appendingPathComponent("results.json"),
                                 child: ChildProcess(workload: try Fixtures.executable("ctxbench-workload"),
                                                     variantArguments: ["async-mem-brigade": ["--fault", "no-such-fault"]]))
        session.log = { _ in }
        let out = try session.execute(ResultsFile(environment: env, configuration: config, ctxbenchVersion: "test"), syscalls: nil)
        XCTAssertTrue(out.complete)
        XCTAssertEqual(out.runs.map(\.status), [.ok, .ok, .failed])
        XCTAssertTrue(out.runs[2].message?.contains("unknown fault") ?? false, out.runs[2].message ?? "nil")
        XCTAssertEqual(try ResultsFile.load(from: dir.appendingPathComponent("results.json")), out)
    }

    /// A budgeted run: `next` is asked after the plan is done, its round is appended to the plan
    /// (saved, so a resume finishes it) and run, and its stop reason is recorded.
    func testSessionRunsTheRoundsNextAsksForAndRecordsWhyItStopped() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = SystemProbe.environment(commandLine: ["test"], swiftVersion: "test", commit: "test")
        var config = Configuration(profile: "test", seed: 1, only: nil, pin: .both, runsPerPoint: 1, plan: [spec("one-thread-brigade")])
        config.decision = DecisionPlan(budgetSeconds: 60, looks: 3)
        let session = RunSession(resultsURL: dir.appendingPathComponent("results.json"),
                                 child: ChildProcess(workload: try Fixtures.executable("ctxbench-workload")))
        session.log = { _ in }
        var looks = [Int]()
        let out = try session.execute(ResultsFile(environment: env, configuration: config, ctxbenchVersion: "test"), syscalls: nil) { f in
            looks.append(f.runs.count)
            guard f.runs.count < 3 else { return .stop(.decided(look: 3, looks: 3)) }
            var more = self.spec("one-thread-brigade")
            more.runIndex = f.runs.count
            more.round = looks.count
            return .run([more], why: RoundPlan(look: looks.count, runs: 1, seconds: 0.1, claims: ["C1"]))
        }
        XCTAssertEqual(looks, [1, 2, 3])
        XCTAssertEqual(out.runs.map(\.spec.roundIndex), [0, 1, 2])
        XCTAssertEqual(out.configuration.plan.count, 3)
        XCTAssertEqual(out.configuration.decision?.stopped, .decided(look: 3, looks: 3))
        XCTAssertGreaterThan(out.configuration.decision?.spentSeconds ?? 0, 0)
        XCTAssertTrue(out.complete)
        XCTAssertEqual(try ResultsFile.load(from: dir.appendingPathComponent("results.json")), out)
    }

    func testAHangingRunTimesOutAndTheRunGoesOn() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = [spec("thread-brigade"), spec("one-thread-brigade")]
        let env = SystemProbe.environment(commandLine: ["test"], swiftVersion: "test", commit: "test")
        let config = Configuration(profile: "test", seed: 1, only: nil, pin: .off, runsPerPoint: 1, plan: plan)
        let child = ChildProcess(workload: try Fixtures.executable("ctxbench-workload"),
                                 variantArguments: ["thread-brigade": ["--fault", "hang"]])
        let session = RunSession(resultsURL: dir.appendingPathComponent("results.json"), child: child)
        session.timeoutOverride = 2
        session.log = { _ in }
        let out = try session.execute(ResultsFile(environment: env, configuration: config, ctxbenchVersion: "test"), syscalls: nil)
        XCTAssertEqual(out.runs.map(\.status), [.timedOut, .ok])
        XCTAssertTrue(out.complete)
    }

    func testStraceSummaryParsing() {
        let text = """
            % time     seconds  usecs/call     calls    errors syscall
            ------ ----------- ----------- --------- --------- ----------------
             52.00    0.000520           0      3000      1000 recvfrom
             40.00    0.000400           0      2000           write
              8.00    0.000080           0       980           epoll_wait
            ------ ----------- ----------- --------- --------- ----------------
            100.00    0.001000           0      5980      1000 total
            """
        let calls = SyscallCounter.parse(text)
        XCTAssertEqual(calls["recvfrom"], 3000)
        XCTAssertEqual(calls["recvfrom (errors)"], 1000)
        XCTAssertEqual(calls["write"], 2000)
        XCTAssertEqual(calls["epoll_wait"], 980)
        XCTAssertNil(calls["total"])
    }
}
