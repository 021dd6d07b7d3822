import XCTest
@testable import Charts

final class XYChartTests: XCTestCase {
    static func memoryChart() -> XYChart {
        let threads = stride(from: 100.0, through: 1000, by: 100).map { XYPoint(x: $0, y: 6 + 0.01 * $0) }
        let tasks = stride(from: 1000.0, through: 10000, by: 1000).map { XYPoint(x: $0, y: 6 + 0.0004 * $0) }
        return XYChart(
            title: "RSS vs N", xLabel: "N", yLabel: "RSS (MB)",
            series: [
                XYSeries(name: "threads: 10 KB/thread", points: threads,
                         line: [XYPoint(x: 100, y: 7), XYPoint(x: 1000, y: 16)]),
                XYSeries(name: "tasks: 0.4 KB/task", points: tasks),
            ])
    }

    func testPNGSignatureAndSize() throws {
        let bytes = try Self.memoryChart().renderPNG()
        XCTAssertEqual(Array(bytes.prefix(8)), pngSignature)
        XCTAssertEqual(pngSize(bytes)?.width, 960)
        XCTAssertEqual(pngSize(bytes)?.height, 540)
    }

    func testLayoutAxesAndLegend() throws {
        let layout = try Self.memoryChart().layout()
        XCTAssertEqual(layout.legend, ["threads: 10 KB/thread", "tasks: 0.4 KB/task"])
        let xAxis = try XCTUnwrap(layout.xAxis)
        XCTAssertEqual(xAxis.tickLabels, ["0", "2k", "4k", "6k", "8k", "10k"])
        XCTAssertEqual(layout.xPixel(for: 0)!, layout.plot.minX, accuracy: 1e-9)
        XCTAssertEqual(layout.xPixel(for: 10000)!, layout.plot.maxX, accuracy: 1e-9)
        XCTAssertEqual(layout.yAxis.lower, 0)
        XCTAssertGreaterThanOrEqual(layout.yAxis.upper, 16)
    }

    func testMarkersAndLineHaveSeriesColours() throws {
        let (layout, image) = try Self.memoryChart().rendered()
        let marker = image.color(x: layout.xPixel(for: 5000)!, y: layout.yPixel(for: 8))
        XCTAssertEqual(marker, Palette.color(1))
        // Midway along the fitted line between two markers.
        let onLine = image.color(x: layout.xPixel(for: 550)!, y: layout.yPixel(for: 11.5))
        XCTAssertLessThan(distance(onLine, Palette.color(0)), 40)
        XCTAssertEqual(image.color(x: layout.plot.maxX - 30, y: layout.plot.minY + 30), Palette.background)
    }

    func testFittedLineFollowsDataOnLogAxis() throws {
        var chart = Self.memoryChart()
        chart.logX = true
        let layout = try chart.layout()
        let image = try chart.renderRaster()
        // The straight data-space line is a curve on a log axis; its midpoint must still be drawn.
        let onLine = image.color(x: layout.xPixel(for: 550)!, y: layout.yPixel(for: 11.5))
        XCTAssertLessThan(distance(onLine, Palette.color(0)), 40)
    }

    func testLogLogDropsNonPositivePoints() throws {
        let points = [XYPoint(x: 0, y: 1), XYPoint(x: 2, y: 1), XYPoint(x: 4, y: -1), XYPoint(x: 1024, y: 8)]
        let chart = XYChart(title: "sweep", xLabel: "N", yLabel: "per hop (µs)",
                            series: [XYSeries(name: "s", points: points, connectPoints: true)], logX: true, logY: true)
        let layout = try chart.layout()
        XCTAssertEqual(layout.notes, ["2 points not drawn (non-finite or ≤ 0 on a log axis)"])
        XCTAssertEqual(layout.xAxis?.ticks, [1, 10, 100, 1000, 10000])
        XCTAssertEqual(layout.yAxis.ticks, [1, 2, 5, 10])
        XCTAssertEqual(layout.xPixel(for: 100)!, layout.plot.midX, accuracy: 1e-9)
        XCTAssertNoThrow(try chart.renderPNG())
    }

    func testErrorBarEndIsDrawn() throws {
        let chart = XYChart(title: "t", xLabel: "x", yLabel: "y",
                            series: [XYSeries(name: "", points: [XYPoint(x: 1, y: 5, lower: 2, upper: 8),
                                                                 XYPoint(x: 2, y: 6)])])
        let layout = try chart.layout()
        XCTAssertEqual(layout.legend, [], "unnamed series get no legend")
        let image = try chart.renderRaster()
        let cap = image.color(x: layout.xPixel(for: 1)!, y: layout.yPixel(for: 8))
        XCTAssertLessThan(distance(cap, Palette.color(0)), 60)
    }

    func testEmptyChartsThrow() {
        assertEmptyData(try XYChart(title: "t", xLabel: "x", yLabel: "y", series: []).renderPNG())
        assertEmptyData(try XYChart(title: "t", xLabel: "x", yLabel: "y",
                                    series: [XYSeries(name: "s", points: [])]).layout())
        let negative = XYSeries(name: "s", points: [XYPoint(x: 1, y: -3)])
        assertEmptyData(try XYChart(title: "t", xLabel: "x", yLabel: "y", series: [negative], logY: true).renderPNG())
    }
}
