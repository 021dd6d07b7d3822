import XCTest
@testable import Charts

final class AxisTests: XCTestCase {
    func testLinearTicksUseOneTwoFiveSteps() {
        XCTAssertEqual(Axis.niceTicks(min: 0, max: 59), [0, 10, 20, 30, 40, 50, 60])
        XCTAssertEqual(Axis.niceTicks(min: 0, max: 19), [0, 5, 10, 15, 20])
        XCTAssertEqual(Axis.niceTicks(min: -3, max: 7), [-4, -2, 0, 2, 4, 6, 8])
        for (lo, hi) in [(0.0, 0.37), (0.09, 66.0), (1e5, 3.3e6), (-0.02, 0.013), (17.0, 19.5)] {
            let ticks = Axis.niceTicks(min: lo, max: hi)
            XCTAssertLessThanOrEqual(ticks.first!, lo)
            XCTAssertGreaterThanOrEqual(ticks.last!, hi)
            XCTAssertLessThanOrEqual(ticks.count, 9, "\(ticks)")
            let step = ticks[1] - ticks[0]
            let mantissa = step / Axis.power10(Int(floor(log10(step))))
            XCTAssertTrue([1.0, 2, 5].contains { abs($0 - mantissa) < 1e-6 }, "step \(step) for \(lo)...\(hi)")
        }
    }

    func testDegenerateLinearRange() {
        XCTAssertEqual(Axis.niceTicks(min: 0, max: 0), [0, 0.2, 0.4, 0.6, 0.8, 1])
        let ticks = Axis.niceTicks(min: 5, max: 5)
        XCTAssertTrue(ticks.first! < 5 && ticks.last! > 5)
    }

    func testLogTicksAreDecades() {
        XCTAssertEqual(Axis.niceTicks(min: 0.09, max: 66, log: true), [0.01, 0.1, 1, 10, 100])
        XCTAssertEqual(Axis.niceTicks(min: 100, max: 10000, log: true), [100, 200, 500, 1000, 2000, 5000, 10000])
        XCTAssertEqual(Axis.niceTicks(min: 4, max: 9, log: true), [1, 2, 5, 10])
        let wide = Axis.niceTicks(min: 1, max: 1e20, log: true)
        XCTAssertLessThanOrEqual(wide.count, 9)
        XCTAssertEqual(wide.first, 1)
        XCTAssertGreaterThanOrEqual(wide.last!, 1e20)
    }

    func testLogTicksIgnoreNonPositiveBounds() {
        XCTAssertEqual(Axis.niceTicks(min: -5, max: 50, log: true), [1, 2, 5, 10, 20, 50, 100])
        XCTAssertEqual(Axis.niceTicks(min: -5, max: 0, log: true), [1, 10])
    }

    func testFormatting() {
        let expected: KeyValuePairs<Double, String> = [
            0: "0",
            19: "19",
            0.1 * 3: "0.3",
            0.125: "0.125",
            0.01: "0.01",
            -2.5: "-2.5",
            123.456: "123",
            999.7: "1k",
            1000: "1k",
            12_500: "12.5k",
            1_234_567: "1.23M",
            2e9: "2G",
            0.00002: "2e-5",
        ]
        for (value, text) in expected { XCTAssertEqual(Axis.format(value), text, "\(value)") }
    }

    func testAxisScaleFractions() {
        let log = AxisScale(covering: 0.5, 80, log: true)
        XCTAssertEqual(log.lower, 0.1)
        XCTAssertEqual(log.upper, 100)
        XCTAssertEqual(log.fraction(of: 1), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(log.fraction(of: -1), 0)
        XCTAssertFalse(log.accepts(0))
        let linear = AxisScale(covering: 0, 59, log: false)
        XCTAssertEqual(linear.fraction(of: 30), 0.5, accuracy: 1e-12)
        XCTAssertEqual(linear.tickLabels, ["0", "10", "20", "30", "40", "50", "60"])
    }
}
