import XCTest
@testable import Workloads
@testable import Analysis
@testable import Runner
import Results

/// swift-spawn-floor: the runtime's own cost per task, measured beside the creation designs.
final class SpawnFloorTests: XCTestCase {
    func testTheFloorRunsEveryTaskOnOneThreadAndCatchesAMissingOne() throws {
        let m = try SwiftSpawnFloor.run(WorkloadParameters(tasks: 64, iterations: 5, warmups: 1))
        XCTAssertTrue(m.samplesNs.allSatisfy { $0 > 0 })
        XCTAssertTrue(m.check.contains("390 jobs on one thread"), m.check)  // 6 rounds x (64 tasks + the spawner)
        XCTAssertThrowsError(try SwiftSpawnFloor.run(WorkloadParameters(tasks: 64, iterations: 5, warmups: 1, fault: .corruptValue)))
    }

    func testItIsTheFloorOfTheCreationDesignsButNeverJudgesAClaimAsACFloor() {
        let floor = Variant.swiftSpawnFloor.row
        XCTAssertEqual(floor.executable, .workload)
        XCTAssertEqual(Set(floor.floorOf), [.asyncCreationMT, .asyncCreation])
        XCTAssertTrue(Variant.rustAsyncCreation.row.referenceOf.contains(.swiftSpawnFloor), "paired with async-std's spawn in the Swift-vs-Rust table")
        // The causes judge claims on the C floors only: creation has none, so no role is substituted.
        XCTAssertNil(Attribution.floorSubstitute[.faithfulCreation])
        XCTAssertEqual(Attribution.floorSubstitute[.threadCreation], .cThreadCreation)
    }
}

/// The creation designs whose bodies return the clock (as the study's did): the values come
/// back after the wait, and a skipped spawn is still caught.
final class CreationValueTests: XCTestCase {
    func testTheTaskDesignsCollectEveryValueAndCatchAMissingOne() throws {
        for run in [AsyncCreation.run, AsyncCreationMT.run] {
            let m = try run(WorkloadParameters(tasks: 64, iterations: 3, warmups: 1))
            XCTAssertTrue(m.samplesNs.allSatisfy { $0 > 0 })
            XCTAssertTrue(try XCTUnwrap(m.latencySamplesNs).allSatisfy { $0 > 0 }, "every value came back after its spawn")
            XCTAssertThrowsError(try run(WorkloadParameters(tasks: 64, iterations: 3, warmups: 1, fault: .corruptValue)))
        }
    }

    /// Values collected in the order the children finished pass once sorted (the i-th smallest
    /// was read after the i-th spawn began); a missing one sorts first and fails the check.
    func testArrivalsOutOfOrderPassOnceSortedAndAMissingOneFails() {
        let driver = CreationDriver(WorkloadParameters(tasks: 32, iterations: 1, warmups: 0))
        driver.beginRound(0)
        for i in 0..<32 { driver.spawnClock[i] = 1_000 + UInt64(i) * 10 }
        // Every child reads the clock 5 ns after its spawn; child 16 finished before child 15
        // (another worker), so child 15's clock arrived in slot 16 and child 16's in slot 15.
        for i in 0..<32 { driver.bodyClock[i] = 1_000 + UInt64(i) * 10 + 5 }
        (driver.bodyClock[15], driver.bodyClock[16]) = (driver.bodyClock[16], driver.bodyClock[15])
        XCTAssertNil(CreationCheck.latency(body: driver.bodyClock, spawn: driver.spawnClock, count: 32, start: 1_000),
                     "unsorted, slot 16 holds a clock read before spawn 16")
        driver.sortArrivals()
        XCTAssertNotNil(CreationCheck.latency(body: driver.bodyClock, spawn: driver.spawnClock, count: 32, start: 1_000))
        driver.bodyClock[31] = 0
        driver.sortArrivals()
        XCTAssertNil(CreationCheck.latency(body: driver.bodyClock, spawn: driver.spawnClock, count: 32, start: 1_000))
    }
}

/// swift-resume-floor: the runtime's hop alone, the floor under async-mem-brigade.
final class ResumeFloorTests: XCTestCase {
    func testTheFloorResumesEveryMemberOnceAHopAndCatchesAWrongValueOrAStop() throws {
        let m = try SwiftResumeFloor.run(WorkloadParameters(tasks: 16, iterations: 5, warmups: 1))
        XCTAssertTrue(m.samplesNs.allSatisfy { $0 > 0 })
        XCTAssertTrue(m.check.contains("112 jobs on one thread"), m.check)  // 16 first jobs + 16 x 6 resumes
        XCTAssertThrowsError(try SwiftResumeFloor.run(WorkloadParameters(tasks: 16, iterations: 5, warmups: 1, fault: .corruptValue)))
        XCTAssertThrowsError(try SwiftResumeFloor.run(WorkloadParameters(tasks: 16, iterations: 5, warmups: 1, fault: .hang)))
    }

    func testItIsTheFloorOfTheMemBrigadePairedWithTokioAndRunsItsIterations() throws {
        // A floor judges no claim: no role of any claim's is played by a floor.
        XCTAssertTrue(Variant.allCases.filter { !$0.row.floorOf.isEmpty }.allSatisfy { $0.row.roles.isEmpty })
        let (plan, _) = try Planner.plan(RunRequest(profile: .quick, only: ["swift-resume-floor", "async-mem-brigade"], seed: 1), capacity: .unlimited)
        let iterations = Set(plan.filter { $0.group == .main }.map(\.iterations))
        XCTAssertEqual(iterations, [Profile.quick.memoryBrigadeIterations], "the in-memory hop's iterations, not the pipe brigades'")
    }

    func testTheVarianceStudyRunsTheFloorWithTheInMemoryHopsIterationsToo() {
        let plan = Planner.variancePlan([.swiftResumeFloor, .asyncMemBrigade, .threadBrigade], iterations: [15], runs: 1,
                                        profile: .quick, seed: 1)
        let its = { (v: Variant) in Set(plan.filter { $0.variant == v }.map(\.iterations)) }
        XCTAssertEqual(its(.swiftResumeFloor), its(.asyncMemBrigade))
        XCTAssertNotEqual(its(.swiftResumeFloor), its(.threadBrigade), "scaled as the in-memory hop, not as a pipe hop")
    }
}

/// async-creation-mt's bodies return the clock only on a worker thread (its self-check).
final class WorkerCheckTests: XCTestCase {
    func testOnlyAWorkerIsAWorker() throws {
        XCTAssertFalse(MultiThreadReactor.onAnyWorker, "the test's thread is no worker")
        let reactor = try MultiThreadReactor(tokens: 0)
        final class Box: @unchecked Sendable { var onWorker = false }
        let box = Box()
        reactor.run { box.onWorker = MultiThreadReactor.onAnyWorker }
        XCTAssertTrue(box.onWorker, "a task on the reactor runs on a worker")
    }
}
