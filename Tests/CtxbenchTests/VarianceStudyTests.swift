import XCTest
import Render
@testable import Analysis
@testable import Runner
import Results
import AnalysisModel

/// The variance study on constructed runs with hand-computed spreads, and its plan.
final class VarianceStudyTests: XCTestCase {
    /// Three runs per setting, 2 members; medians 100, 110, 121 ns per hop (logs step by ln 1.1)
    /// at 10 iterations, 1 s per run; 100, 101, 100 at 100 iterations, 4 s per run.
    func testRowsMeasureTheSpreadBetweenRunsAndPickTheCheapestNarrowSetting() throws {
        var runs = [ProcessRun]()
        for (i, m) in [100.0, 110, 121].enumerated() {
            var r = AnalysisTests.run("thread-brigade", tasks: 2, pinned: false, index: i, samples: [UInt64](repeating: UInt64(2 * m), count: 10))
            r.wallSeconds = 1
            runs.append(r)
        }
        for (i, m) in [100.0, 101, 100].enumerated() {
            var r = AnalysisTests.run("thread-brigade", tasks: 2, pinned: false, index: i, samples: [UInt64](repeating: UInt64(2 * m), count: 100))
            r.wallSeconds = 4
            runs.append(r)
        }
        let rows = VarianceStudy.rows(AnalysisTests.file(runs))
        XCTAssertEqual(rows.map(\.iterations), [10, 100])
        let short = rows[0], long = rows[1]
        // sd of (0, ln 1.1, 2 ln 1.1) = ln 1.1.
        XCTAssertEqual(short.betweenLogSD, log(1.1), accuracy: 1e-9)
        XCTAssertEqual(short.withinLogSD, 0, accuracy: 1e-12)
        XCTAssertEqual(short.halfWidthPerMinute, 1.96 * 1.2533 * log(1.1) * (1.0 / 60).squareRoot(), accuracy: 1e-9)
        // 10 samples of 200, 220 and 242 ns timed: 2,206.7 ns on average of a 1 s run; the rest is fixed cost.
        XCTAssertEqual(short.fixedSeconds, 1 - (2_000.0 + 2_200 + 2_420) / 3 * 1e-9, accuracy: 1e-12)
        XCTAssertLessThan(long.betweenLogSD, 0.01)
        XCTAssertTrue(long.best, "the 100-iteration setting is narrower per minute despite its cost")
        XCTAssertFalse(short.best)
        XCTAssertTrue(VarianceTable.markdown(rows).contains("| thread-brigade | unpinned | **100** | 3 |"))
    }

    /// The plan: every variant at every iteration count, pinned and unpinned for brigades, once
    /// for creation; the in-memory brigade times 20x the iterations; shuffled by the seed.
    func testVariancePlanCoversEverySettingAndInterleavesThem() {
        let variants = [Variant.the(.threadBrigade)!, Variant.the(.inMemoryBrigade)!, Variant.the(.threadCreation)!]
        let plan = Planner.variancePlan(variants, iterations: [15, 50], runs: 3, profile: .quick, seed: 9)
        XCTAssertEqual(plan.count, (2 + 2 + 1) * 2 * 3)
        XCTAssertEqual(Set(plan.filter { $0.variant == variants[1] }.map(\.iterations)), [300, 1_000])
        XCTAssertEqual(plan.filter { $0.variant == variants[2] && $0.pinned }.count, 0)
        XCTAssertNotEqual(plan, Planner.variancePlan(variants, iterations: [15, 50], runs: 3, profile: .quick, seed: 10))
        XCTAssertEqual(Set(plan.map(\.key)).count, plan.count, "every run has its own key")
    }
}
