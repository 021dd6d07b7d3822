import XCTest
@testable import Charts

final class BoxChartTests: XCTestCase {
    static let boxes = [
        BoxStats(label: "thread-brigade", q1: 17, median: 19, q3: 21, whiskerLow: 14, whiskerHigh: 25,
                 outliers: (0..<500).map { 26 + Double($0) * 0.05 } + [9, 10]),
        BoxStats(label: "async-brigade", q1: 50, median: 59, q3: 66, whiskerLow: 40, whiskerHigh: 80, outliers: [95]),
    ]

    func testPNGSignatureAndSize() throws {
        let bytes = try BoxChart(title: "t", yLabel: "per hop (µs)", boxes: Self.boxes, width: 640, height: 360).renderPNG()
        XCTAssertEqual(Array(bytes.prefix(8)), pngSignature)
        XCTAssertEqual(pngSize(bytes)?.width, 640)
        XCTAssertEqual(pngSize(bytes)?.height, 360)
    }

    func testBoxMedianAndWhiskerPixels() throws {
        let (layout, image) = try BoxChart(title: "Latency", yLabel: "per hop (µs)", boxes: Self.boxes).rendered()
        let x = layout.categoryCenters[1]
        XCTAssertEqual(image.color(x: x - 10, y: layout.yPixel(for: 54)), BoxChart.fill)
        XCTAssertEqual(image.color(x: x - 10, y: layout.yPixel(for: 59)), Palette.color(3))
        XCTAssertTrue(isDark(image.color(x: x, y: layout.yPixel(for: 72))), "whisker line")
        XCTAssertTrue(isDark(image.color(x: x + 3, y: layout.yPixel(for: 80))), "whisker cap")
        XCTAssertEqual(image.color(x: layout.plot.maxX - 5, y: layout.yPixel(for: 95)), Palette.background)
    }

    func testOutliersAreCappedKeepingExtremes() throws {
        let layout = try BoxChart(title: "t", yLabel: "y", boxes: Self.boxes).layout()
        let drawn = layout.outliersDrawn[0]
        XCTAssertEqual(drawn.count, 200)
        XCTAssertEqual(drawn.first, 9)
        XCTAssertEqual(drawn.last, 26 + 499 * 0.05)
        XCTAssertEqual(drawn, drawn.sorted())
        XCTAssertEqual(layout.outliersDrawn[1], [95])
        XCTAssertEqual(layout.notes, ["showing 201 of 503 outliers (extremes plus an even sample)"])
        XCTAssertEqual(layout.categoryLabelLines.map { $0.joined() }, ["thread-brigade", "async-brigade"])
    }

    func testLogScaleSkipsNonPositiveBoxes() throws {
        let bad = BoxStats(label: "zero", q1: 0, median: 0, q3: 1, whiskerLow: 0, whiskerHigh: 2, outliers: [-1])
        let layout = try BoxChart(title: "t", yLabel: "y", boxes: Self.boxes + [bad], logScale: true).layout()
        XCTAssertEqual(layout.notes.first, "1 box not drawn (non-finite or ≤ 0 on log scale)")
        XCTAssertEqual(layout.yAxis.ticks, [1, 2, 5, 10, 20, 50, 100])
        assertEmptyData(try BoxChart(title: "t", yLabel: "y", boxes: [bad], logScale: true).renderPNG())
    }

    func testEmptyChartThrows() {
        assertEmptyData(try BoxChart(title: "t", yLabel: "y", boxes: []).renderPNG())
    }
}
