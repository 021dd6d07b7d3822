import XCTest
@testable import Analysis
import Results

final class VerdictTests: XCTestCase {
    func e(_ v: Double, _ lo: Double, _ hi: Double) -> Estimated { Estimated(value: v, lower: lo, upper: hi, method: "test") }

    func testDirectionalRules() {
        XCTAssertEqual(ClaimJudge.directional(e(9, 8, 10), study: 8.5).0, "confirmed")
        XCTAssertEqual(ClaimJudge.directional(e(40, 35, 45), study: 8.5).0, "direction only")
        XCTAssertEqual(ClaimJudge.directional(e(1.1, 0.9, 1.3), study: 8.5).0, "not confirmed")
        XCTAssertEqual(ClaimJudge.directional(e(0.5, 0.4, 0.6), study: 8.5).0, "contradicted")
        // The band is x/÷2 of the study's ratio, inclusive.
        XCTAssertEqual(ClaimJudge.directional(e(4.25, 4, 5), study: 8.5).0, "confirmed")
    }

    func testEquivalenceRules() {
        XCTAssertEqual(ClaimJudge.equivalence(e(1.0, 0.8, 1.2)).0, "confirmed")
        XCTAssertEqual(ClaimJudge.equivalence(e(1.4, 1.2, 1.7)).0, "not confirmed")
        XCTAssertEqual(ClaimJudge.equivalence(e(3.0, 2.5, 3.5)).0, "contradicted")
        XCTAssertEqual(ClaimJudge.equivalence(e(0.3, 0.2, 0.4)).0, "contradicted")
    }

    /// Creation runs whose per-item ratio (thread / task) is `ratio`, 5 runs each with a little spread.
    func creation(ratio: Double, spread: Double = 0.01) -> ResultsFile {
        var runs = [ProcessRun]()
        for i in 0..<5 {
            let jitter = 1 + spread * Double(i - 2)
            runs.append(AnalysisTests.run("thread-creation", tasks: 10, pinned: false, index: i,
                                          samples: [UInt64(10_000 * ratio * jitter)], kind: .creation))
            runs.append(AnalysisTests.run("async-creation", tasks: 10, pinned: false, index: i,
                                          samples: [UInt64(10_000 / jitter)], kind: .creation))
        }
        return AnalysisTests.file(runs)
    }

    func verdict(_ id: String, _ r: ResultsFile) throws -> ClaimVerdict {
        try XCTUnwrap(try Analyzer(resamples: 2_000).analyze(r).claims.first { $0.id == id })
    }

    func testOneClaimInEveryCategory() throws {
        XCTAssertEqual(try verdict("C6", creation(ratio: 50)).verdict, "confirmed")
        XCTAssertEqual(try verdict("C6", creation(ratio: 500)).verdict, "direction only")
        XCTAssertEqual(try verdict("C6", creation(ratio: 1.0, spread: 0.2)).verdict, "not confirmed")
        XCTAssertEqual(try verdict("C6", creation(ratio: 0.2)).verdict, "contradicted")
        let notRun = try verdict("C1", creation(ratio: 50))
        XCTAssertEqual(notRun.verdict, "not run")
        XCTAssertTrue(notRun.reason.contains("not part of this run"), notRun.reason)
    }

    func testEveryClaimIsJudgedOrSaysWhyNot() throws {
        let a = try Analyzer(resamples: 1_000).analyze(try Fixtures.results())
        XCTAssertEqual(a.claims.map(\.id), (1...10).map { "C\($0)" })
        for c in a.claims {
            XCTAssertTrue(["confirmed", "direction only", "not confirmed", "contradicted", "not run"].contains(c.verdict))
            XCTAssertFalse(c.reason.isEmpty, c.id)
            if c.verdict != "not run" { XCTAssertNotNil(c.ratio, c.id) }
        }
        // The fixture's switch costs: thread pinned 6,000 - 800 ns against a 140-150 ns in-memory hop.
        let c1 = try XCTUnwrap(a.claims.first { $0.id == "C1" })
        XCTAssertEqual(c1.ratio?.value ?? 0, 5_200.0 / 150, accuracy: 5)
    }
}
