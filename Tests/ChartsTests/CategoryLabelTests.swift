import XCTest
@testable import Charts

/// Category labels never overlap, checked through the layout (a value), not the pixels.
final class CategoryLabelTests: XCTestCase {
    /// Whether neighbouring labels of `layout` overlap: horizontal lines must fit between
    /// neighbouring centres; rotated ones are parallel lines a slot apart horizontally, so
    /// slot x sin(angle) apart across, which must hold a line of text.
    static func overlaps(_ layout: ChartLayout) -> Bool {
        let c = layout.categoryCenters
        guard c.count > 1 else { return false }
        if layout.categoryLabelAngle == 0 {
            let widest = layout.categoryLabelWidths.map { $0.max() ?? 0 }
            return zip(c.indices.dropLast(), c.indices.dropFirst()).contains { i, j in
                widest[i] / 2 + widest[j] / 2 > c[j] - c[i]
            }
        }
        let slot = c[1] - c[0]
        return slot * abs(sin(layout.categoryLabelAngle)) < layout.categoryLabelLineHeight
    }

    static let names = ["thread-brigade", "one-thread-brigade", "async-brigade", "async-brigade-1t", "nio-brigade",
                        "async-brigade-epoll", "async-brigade-mt", "async-brigade-uring", "async-mem-brigade",
                        "c-thread-brigade", "c-one-thread-brigade", "c-epoll-brigade", "c-epoll-brigade-mt",
                        "c-uring-brigade", "rust-thread-brigade", "rust-one-thread-brigade", "rust-async-brigade",
                        "rust-async-brigade-1t", "rust-async-mem-brigade"]

    static func box(_ label: String) -> BoxStats {
        BoxStats(label: label, q1: 2, median: 3, q3: 4, whiskerLow: 1, whiskerHigh: 5, outliers: [])
    }

    func testFortyFourBoxesRotateSteeplyEnoughNotToOverlap() throws {
        // The report's distribution chart before grouping: 22 variants x 2 pinnings.
        let labels = (Self.names + Self.names.prefix(3)).flatMap { ["\($0) unpinned", "\($0) pinned"] }
        let layout = try BoxChart(title: "t", yLabel: "y", boxes: labels.map(Self.box), logScale: true).layout()
        XCTAssertNotEqual(layout.categoryLabelAngle, 0)
        XCTAssertGreaterThan(layout.categoryLabelLineHeight, 0)
        XCTAssertFalse(Self.overlaps(layout), "angle \(layout.categoryLabelAngle), slot \(layout.categoryCenters[1] - layout.categoryCenters[0])")
    }

    func testTheOldFixedAngleWouldHaveOverlapped() throws {
        // The test above can fail: at 35 degrees these slots are too narrow for a line.
        let labels = (Self.names + Self.names.prefix(3)).flatMap { ["\($0) unpinned", "\($0) pinned"] }
        let layout = try BoxChart(title: "t", yLabel: "y", boxes: labels.map(Self.box), logScale: true).layout()
        let slot = layout.categoryCenters[1] - layout.categoryCenters[0]
        XCTAssertLessThan(slot * sin(35 * Double.pi / 180), layout.categoryLabelLineHeight)
    }

    func testGroupedBoxesHalveTheCategoriesAndDoNotOverlap() throws {
        let series = ["unpinned", "pinned"].enumerated().map { i, name in
            BoxSeries(name: name, boxes: Self.names.map { Self.box($0) }, style: SeriesStyle(color: Color(hex: i == 0 ? 0x2D6A96 : 0xB35806)))
        }
        let chart = BoxChart(title: "t", yLabel: "y", categories: Self.names, series: series, logScale: true)
        let layout = try chart.layout()
        XCTAssertEqual(layout.legend, ["unpinned", "pinned"])
        XCTAssertEqual(layout.categoryLabelLines.map { $0.joined(separator: " ") }, Self.names)
        XCTAssertFalse(Self.overlaps(layout))
        for c in Self.names.indices {
            XCTAssertLessThan(layout.barCenters[0][c], layout.categoryCenters[c])
            XCTAssertGreaterThan(layout.barCenters[1][c], layout.categoryCenters[c])
            XCTAssertLessThanOrEqual(layout.barCenters[1][c] - layout.barCenters[0][c], layout.categoryCenters[1] - layout.categoryCenters[0])
        }
        // Each series' boxes are filled with its (lightened) colour.
        let image = try chart.renderRaster()
        for s in 0..<2 {
            let fill = layout.seriesStyles[s].color.tinted(0.35)
            XCTAssertEqual(image.color(x: layout.barCenters[s][0] - 1, y: layout.yPixel(for: 2.5)), fill, "series \(s)")
        }
    }

    func testBarChartLabelsDoNotOverlapAtAnyWidth() throws {
        // (At 360 px the 19 slots are narrower than a line of text: even vertical labels touch.)
        for width in [480, 640, 960] {
            let series = [BarSeries(name: "a", values: Self.names.map { _ in 1 }, lower: [], upper: [])]
            let layout = try BarChart(title: "t", yLabel: "y", categories: Self.names, series: series, width: width).layout()
            XCTAssertFalse(Self.overlaps(layout), "width \(width)")
        }
    }

    func testAFixedSeriesStyleIsDrawnAndListed() throws {
        let style = SeriesStyle(color: Color(hex: 0x4B0082), marker: .square, dashed: true)
        let chart = XYChart(title: "t", xLabel: "x", yLabel: "y", series: [
            XYSeries(name: "a", points: [XYPoint(x: 1, y: 1), XYPoint(x: 2, y: 2)], connectPoints: true),
            XYSeries(name: "b", points: [XYPoint(x: 1, y: 2), XYPoint(x: 2, y: 3)], connectPoints: true, style: style),
        ])
        let layout = try chart.layout()
        XCTAssertEqual(layout.seriesStyles, [SeriesStyle.positional(0), style])
        let image = try chart.renderRaster()
        let x = try XCTUnwrap(layout.xPixel(for: 2))
        XCTAssertEqual(image.color(x: x, y: layout.yPixel(for: 3)), style.color, "marker centre")
    }
}
