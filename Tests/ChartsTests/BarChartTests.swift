import XCTest
@testable import Charts

final class BarChartTests: XCTestCase {
    static let categories = ["thread-brigade", "one-thread-brigade", "async-brigade", "async-brigade-1t",
                             "nio-brigade", "async-brigade-epoll", "async-mem-brigade"]

    static func chart(log: Bool = false, width: Int = 960, height: Int = 540) -> BarChart {
        let unpinned: [Double?] = [19, 6, 59, 13, 5.5, 4.4, 1.8]
        let pinned: [Double?] = [16, 5.8, 17, 12, nil, 4.0, 1.7]
        return BarChart(
            title: "Context-switch cost", yLabel: "per hop (µs)", categories: categories,
            series: [
                BarSeries(name: "unpinned", values: unpinned, lower: unpinned.map { $0.map { $0 * 0.9 } },
                          upper: unpinned.map { $0.map { $0 * 1.1 } }),
                BarSeries(name: "pinned", values: pinned, lower: [], upper: []),
            ],
            logScale: log, referenceLine: ReferenceLine(value: 0.9, label: "one-thread baseline 0.9 µs"),
            width: width, height: height)
    }

    func testPNGSignatureAndSize() throws {
        let bytes = try Self.chart(width: 800, height: 450).renderPNG()
        XCTAssertEqual(Array(bytes.prefix(8)), pngSignature)
        let size = pngSize(bytes)
        XCTAssertEqual(size?.width, 800)
        XCTAssertEqual(size?.height, 450)
    }

    func testRenderingIsDeterministic() throws {
        XCTAssertEqual(try Self.chart().renderPNG(), try Self.chart().renderPNG())
    }

    func testLayoutLabelsAndLegend() throws {
        let layout = try Self.chart().layout()
        XCTAssertEqual(layout.title, "Context-switch cost")
        XCTAssertEqual(layout.legend, ["unpinned", "pinned", "one-thread baseline 0.9 µs"])
        XCTAssertEqual(layout.categoryCenters.count, Self.categories.count)
        XCTAssertEqual(layout.categoryLabelAngle, 0, "labels should wrap, not rotate, at 960 px")
        XCTAssertEqual(layout.categoryLabelLines.map { $0.joined() }, Self.categories)
        XCTAssertTrue(layout.categoryLabelLines.allSatisfy { $0.count <= 3 })
        XCTAssertEqual(layout.yAxis.tickLabels, ["0", "10", "20", "30", "40", "50", "60", "70"])
        XCTAssertEqual(layout.yPixel(for: 0), layout.plot.maxY, accuracy: 1e-9)
        XCTAssertEqual(layout.yPixel(for: 70), layout.plot.minY, accuracy: 1e-9)
        XCTAssertNil(layout.xPixel(for: 1))
        let centers = layout.categoryCenters
        XCTAssertEqual(centers, centers.sorted())
        for c in centers.indices {
            XCTAssertLessThan(layout.barCenters[0][c], centers[c])
            XCTAssertGreaterThan(layout.barCenters[1][c], centers[c])
        }
        XCTAssertTrue(layout.plot.contains(x: layout.barCenters[1].last!, y: layout.plot.midY))
    }

    func testNarrowChartRotatesLongLabels() throws {
        let layout = try Self.chart(width: 480, height: 360).layout()
        XCTAssertNotEqual(layout.categoryLabelAngle, 0)
        XCTAssertLessThan(layout.plot.maxY, 360)
        XCTAssertGreaterThan(layout.plot.height, 100)
    }

    func testPixelsAtComputedPoints() throws {
        let (layout, image) = try Self.chart().rendered()
        // Bar interiors carry their series colour.
        let asyncBrigade = 2
        for (s, value) in [(0, 59.0), (1, 17.0)] {
            let x = layout.barCenters[s][asyncBrigade]
            XCTAssertEqual(image.color(x: x, y: layout.yPixel(for: value / 3)), Palette.color(s))
        }
        // The whisker's upper cap is dark.
        let capY = layout.yPixel(for: 59 * 1.1)
        XCTAssertTrue(isDark(image.color(x: layout.barCenters[0][asyncBrigade], y: capY)))
        // A missing value leaves no bar.
        let nio = 4
        XCTAssertNotEqual(image.color(x: layout.barCenters[1][nio], y: layout.yPixel(for: 3)), Palette.color(1))
        // Background far from data (between the top two grid lines, right edge) is white.
        let y = (layout.yPixel(for: 60) + layout.yPixel(for: 70)) / 2
        XCTAssertEqual(image.color(x: layout.plot.maxX - 4, y: y), Palette.background)
        XCTAssertEqual(image.color(x: 2, y: 2), Palette.background)
    }

    func testLogScaleDropsNonPositiveValuesWithNote() throws {
        var chart = Self.chart(log: true)
        chart.series[1].values[0] = 0
        let layout = try chart.layout()
        XCTAssertEqual(layout.yAxis.ticks, [0.1, 1, 10, 100])
        XCTAssertEqual(layout.notes, ["1 value ≤ 0 not drawn (log scale)"])
        let image = try chart.renderRaster()
        XCTAssertNotEqual(image.color(x: layout.barCenters[1][0], y: layout.yPixel(for: 1)), Palette.color(1))
        XCTAssertEqual(image.color(x: layout.barCenters[0][0], y: layout.yPixel(for: 1)), Palette.color(0))
    }

    func testLogScaleWithOnlyNonPositiveValuesThrows() {
        let chart = BarChart(title: "t", yLabel: "y", categories: ["a", "b"],
                             series: [BarSeries(name: "s", values: [0, -1], lower: [], upper: [])], logScale: true)
        assertEmptyData(try chart.renderPNG())
    }

    func testEmptyChartsThrow() {
        assertEmptyData(try BarChart(title: "t", yLabel: "y", categories: [], series: []).renderPNG())
        assertEmptyData(try BarChart(title: "t", yLabel: "y", categories: ["a"], series: []).layout())
        let allMissing = BarSeries(name: "s", values: [nil, .nan], lower: [], upper: [])
        assertEmptyData(try BarChart(title: "t", yLabel: "y", categories: ["a", "b"], series: [allMissing]).renderPNG())
    }

    func testSingleSeriesHasNoLegend() throws {
        let chart = BarChart(title: "t", yLabel: "y (µs)", categories: ["a"],
                             series: [BarSeries(name: "only", values: [3], lower: [2], upper: [4])])
        XCTAssertEqual(try chart.layout().legend, [])
    }
}
