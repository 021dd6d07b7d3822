import XCTest
@testable import Workloads
@testable import Analysis
import Results

/// swift-spawn-floor: the runtime's own cost per task, measured beside the creation designs.
final class SpawnFloorTests: XCTestCase {
    func testTheFloorRunsEveryTaskOnOneThreadAndCatchesAMissingOne() throws {
        let m = try SwiftSpawnFloor.run(WorkloadParameters(tasks: 64, iterations: 5, warmups: 1))
        XCTAssertEqual(m.samplesNs.count, 5)
        XCTAssertTrue(m.samplesNs.allSatisfy { $0 > 0 })
        XCTAssertTrue(m.check.contains("384 jobs on one thread"), m.check)
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
