import Foundation
import XCTest
import Charts
@testable import Render
import Results
import AnalysisModel

/// The report's charts as values: one stable, visible colour per variant; legends, points and
/// pairs that agree with the tables.
final class ChartSpecTests: XCTestCase {
    /// The committed example full report: real data with every group and the Rust reference.
    func example() throws -> AnalysisFile {
        try AnalysisFile.load(from: Fixtures.packageRoot.appendingPathComponent("docs/example-full-report/analysis.json"))
    }

    /// CIE L*a*b* of an sRGB colour (D65).
    static func lab(_ c: Color) -> (Double, Double, Double) {
        func lin(_ v: UInt8) -> Double { let s = Double(v) / 255; return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        let (r, g, b) = (lin(c.red), lin(c.green), lin(c.blue))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    static func deltaE(_ a: Color, _ b: Color) -> Double {
        let (p, q) = (lab(a), lab(b))
        return ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1) + (p.2 - q.2) * (p.2 - q.2)).squareRoot()
    }

    func testEveryDesignHasItsOwnVisibleColour() {
        // A Swift floor (swift-spawn-floor) is drawn in its design's colour, as the C floors are.
        let designs = Variant.allCases.filter { $0.row.executable == .workload && $0.row.floorOf.isEmpty }
        let colors = designs.map { VariantStyles.style($0).color }
        for (d, c) in zip(designs, colors) {
            XCTAssertGreaterThanOrEqual(c.contrastOnWhite, 3, "\(d.rawValue) is too light on white")
        }
        for i in colors.indices { for j in colors.indices where i < j {
            XCTAssertGreaterThanOrEqual(Self.deltaE(colors[i], colors[j]), 25, "\(designs[i].rawValue) vs \(designs[j].rawValue)")
        } }
        // The old palette's yellow fails the same check: the test can fail.
        XCTAssertLessThan(Color(hex: 0xF0E442).contrastOnWhite, 3)
    }

    func testEveryVariantHasOneStyleAndNoTwoShareIt() {
        let styles = Variant.allCases.map(VariantStyles.style)
        XCTAssertEqual(Set(styles).count, styles.count)
        // A C floor and a Rust reference take their design's colour, drawn differently.
        XCTAssertEqual(VariantStyles.style(.cThreadBrigade).color, VariantStyles.style(.threadBrigade).color)
        XCTAssertTrue(VariantStyles.style(.cThreadBrigade).dashed)
        XCTAssertNotEqual(VariantStyles.style(.rustThreadBrigade).marker, VariantStyles.style(.cThreadBrigade).marker)
    }

    func testSweepAndInFlightSeriesTakeTheVariantStyleAndDiffer() throws {
        let specs = ChartSpecs(a: try example())
        for chart in [try XCTUnwrap(specs.sweep()), try XCTUnwrap(specs.inFlight())] {
            let layout = try chart.layout()
            XCTAssertEqual(layout.seriesStyles, chart.series.map { VariantStyles.style($0.name) }, chart.title)
            XCTAssertEqual(Set(layout.seriesStyles).count, chart.series.count, chart.title)
            // Series of different designs never share a colour.
            let designs = chart.series.compactMap { Variant(rawValue: $0.name).map(VariantStyles.design) }
            for i in designs.indices { for j in designs.indices where i < j && designs[i] != designs[j] {
                XCTAssertNotEqual(layout.seriesStyles[i].color, layout.seriesStyles[j].color, "\(chart.series[i].name) vs \(chart.series[j].name)")
            } }
        }
    }

    /// Every point sweep.png draws is a row of the sweep table; the caption names the rows it leaves out.
    func assertSweepChartDrawsOnlyTableRows(_ a: AnalysisFile, file: StaticString = #filePath, line: UInt = #line) throws {
        let specs = ChartSpecs(a: a)
        let chart = try XCTUnwrap(specs.sweep(), file: file, line: line)
        let pinning = try XCTUnwrap(SweepPoints(a: a).chartPinned, file: file, line: line) ? "pinned" : "unpinned"
        let rows = ReportModel(a: a, charts: []).sweepRows()
        let table = Set(rows.map { "\($0["variant"]!) \($0["pinning"]!) \($0["tasks"]!)" })
        for s in chart.series {
            for p in s.points {
                let key = "\(s.name) \(pinning) \(Format.count(Int(p.x)))"
                XCTAssertTrue(table.contains(key), "sweep.png draws \(key), the table lacks it", file: file, line: line)
            }
        }
        let undrawn = rows.filter { $0["pinning"] as? String != pinning }
        XCTAssertEqual(specs.sweepRowsDrawn().contains("in the table only"), !undrawn.isEmpty, specs.sweepRowsDrawn(),
                       file: file, line: line)
    }

    func testSweepChartDrawsOnlyTheTablesRows() throws {
        let a = try example()
        try assertSweepChartDrawsOnlyTableRows(a)
        // The headline N the sweep does not rerun is in both.
        XCTAssertTrue(ReportModel(a: a, charts: []).sweepRows().contains { $0["group"] as? String == "headline" && $0["tasks"] as? String == "500" })
        XCTAssertTrue(ChartSpecs(a: a).sweepRowsDrawn().hasPrefix("the unpinned rows"), ChartSpecs(a: a).sweepRowsDrawn())
    }

    func testAnUnpinnedSweepDrawsTheLargeCountsToo() throws {
        var a = try example()
        for i in a.points.indices where a.points[i].group == .sweep { a.points[i].pinned = false }
        try assertSweepChartDrawsOnlyTableRows(a)
        let chart = try XCTUnwrap(ChartSpecs(a: a).sweep())
        XCTAssertTrue(chart.series.contains { s in s.points.contains { $0.x == 9_987 } }, "the unpinned large count is drawn")
    }

    func testLanguagesChartPairsAsTheTablesDo() throws {
        let a = try example()
        let chart = try XCTUnwrap(ChartSpecs(a: a).languages())
        let column = Dictionary(uniqueKeysWithValues: chart.series.enumerated().map { ($1.name, $0) })
        let c = try XCTUnwrap(column["C floor"]), rust = try XCTUnwrap(column["Rust (the study's design)"])
        func value(_ series: Int, _ variant: Variant) -> Double? {
            chart.categories.firstIndex(of: variant.rawValue).flatMap { chart.series[series].values[$0] }
        }
        let n = try XCTUnwrap(a.points.first { $0.group == .main && $0.kind == .brigade }?.tasks)
        // The chart's floor column is the C floor's (a Swift runtime floor is a category of its own).
        let floors = (a.floors ?? []).filter { !$0.pinned && $0.tasks == n && $0.floor.row.executable == .floor }
        let references = (a.references ?? []).filter { !$0.pinned }
        XCTAssertFalse(floors.isEmpty, "the example has unpinned floor pairs to check")
        XCTAssertFalse(references.isEmpty, "the example has unpinned Rust pairs to check")
        for f in floors {
            XCTAssertNotNil(value(c, f.variant), "the floor table pairs \(f.variant) with \(f.floor); the chart says not run")
        }
        for r in references {
            XCTAssertNotNil(value(rust, r.variant), "the Rust table pairs \(r.variant) with \(r.reference); the chart says not run")
        }
    }

    func testDistributionLabelsDoNotOverlap() throws {
        let chart = try XCTUnwrap(ChartSpecs(a: try example()).distribution())
        let layout = try chart.layout()
        XCTAssertEqual(layout.legend, ["unpinned", "pinned to one CPU"])
        let c = layout.categoryCenters
        if layout.categoryLabelAngle == 0 {
            let widest = layout.categoryLabelWidths.map { $0.max() ?? 0 }
            for i in c.indices.dropLast() { XCTAssertLessThanOrEqual(widest[i] / 2 + widest[i + 1] / 2, c[i + 1] - c[i]) }
        } else {
            XCTAssertGreaterThanOrEqual((c[1] - c[0]) * abs(sin(layout.categoryLabelAngle)), layout.categoryLabelLineHeight)
        }
    }
}
