import XCTest
import AnalysisModel
@testable import Render
import Results

/// Issue 18, point 5: an interval without width (a count, one process run) is never printed as
/// "[x, x]", and ends that would print alike get more digits.
final class IntervalFormatTests: XCTestCase {
    func testAnIntervalWithoutWidthIsNeverPrintedAsOne() {
        let count = Estimated(value: 7.776, lower: 7.776, upper: 7.776, method: .counts)
        XCTAssertEqual(Format.ratioEstimate(count), "7.78x (count, no interval)")
        let oneRun = Estimated(value: 15_605, lower: 15_605, upper: 15_605, method: .bootstrap(level: 0.95, runs: [1]))
        XCTAssertEqual(Format.estimate(oneRun), "15.6 µs (one run, no interval)")
        XCTAssertEqual(Format.ci(oneRun), "(one run, no interval)")
    }

    func testEndsThatWouldPrintAlikeGetMoreDigits() {
        let narrow = Estimated(value: 2149.5, lower: 2146.8, upper: 2152.1, method: .bootstrap(level: 0.95, runs: [2]))
        XCTAssertEqual(Format.estimate(narrow), "2.15 µs [2.147 µs, 2.152 µs]")
        XCTAssertEqual(Format.ratioEstimate(Estimated(value: 1.5, lower: 1.4999, upper: 1.5004, method: .point)), "1.50x [1.4999, 1.5004]")
        XCTAssertEqual(Format.estimate(Estimated(value: 4320, lower: 4100, upper: 4680, method: .point)), "4.32 µs [4.10 µs, 4.68 µs]")
        XCTAssertEqual(Format.sig(12_345, digits: 3), "12300")
        XCTAssertEqual(Format.sig(0.012346, digits: 4), "0.01235")
    }
}
