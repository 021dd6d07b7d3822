import Foundation
import XCTest
import Analysis
@testable import Render
import Results
import AnalysisModel

final class RenderTests: XCTestCase {
    func templates() throws -> TemplateSet {
        try TemplateSet.load(from: Fixtures.packageRoot.appendingPathComponent("report-templates"))
    }

    /// The analysis of the results fixture (the claims' typed model is pinned by
    /// ClaimSnapshotTests; this file pins the words).
    func fixtureAnalysis() throws -> AnalysisFile { try Fixtures.analysis() }

    func testReportMatchesGoldenFile() throws {
        let r = try Renderer.render(try fixtureAnalysis(), templates: try templates())
        assertSnapshot(r.markdown, named: "REPORT.md")
        assertSnapshot(r.summary, named: "summary.md")
    }

    /// The analysis survives its file: saved and loaded, it renders the same bytes.
    func testASavedAnalysisRendersTheSameBytes() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("analysis.json")
        try fixtureAnalysis().save(to: url)
        let loaded = try AnalysisFile.load(from: url)
        XCTAssertEqual(loaded, try fixtureAnalysis())
        XCTAssertEqual(try Renderer.render(loaded, templates: try templates()).markdown,
                       try Renderer.render(try fixtureAnalysis(), templates: try templates()).markdown)
    }

    func testSameAnalysisSameBytes() throws {
        let a = try fixtureAnalysis()
        let one = try Renderer.render(a, templates: try templates())
        let two = try Renderer.render(try fixtureAnalysis(), templates: try templates())
        XCTAssertEqual(one.markdown, two.markdown)
        XCTAssertEqual(one.charts.map(\.png), two.charts.map(\.png))
    }

    func testEveryReferencedChartIsAPNGOfReadableSize() throws {
        let r = try Renderer.render(try fixtureAnalysis(), templates: try templates())
        XCTAssertEqual(Set(r.charts.map(\.key)), Set(ChartKey.report))
        for c in r.charts {
            XCTAssertTrue(r.markdown.contains("(charts/\(c.fileName))"), c.fileName)
            XCTAssertEqual(Array(c.png.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10], c.fileName)
            let width = c.png[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = c.png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual(width, 960, c.fileName)
            XCTAssertEqual(height, 540, c.fileName)
        }
    }

    func testAMissingKeyIsAnError() throws {
        var t = try templates()
        t.templates["report.md"] = "{{% CONTENT_TYPE: TEXT }}\n{{title}} {{nosuchkey}}\n{{#claims}}{{id}} {{title}}{{/claims}}"
        XCTAssertThrowsError(try Renderer.render(try fixtureAnalysis(), templates: t)) { e in
            XCTAssertTrue("\(e)".contains("nosuchkey"), "\(e)")
            XCTAssertFalse("\(e)".contains("title"), "an outer key used inside a section is found, not missing: \(e)")
        }
    }

    func testSummaryBlockReplacesOnlyBetweenMarkers() throws {
        let text = "# Title\n\nintro\n\(SummaryBlock.begin)\nold\nlines\n\(SummaryBlock.end)\n\nrest ✓\n"
        let out = try SummaryBlock.replace(in: text, with: "new\n")
        XCTAssertEqual(out, "# Title\n\nintro\n\(SummaryBlock.begin)\nnew\n\(SummaryBlock.end)\n\nrest ✓\n")
        XCTAssertThrowsError(try SummaryBlock.replace(in: "no markers", with: "x"))
        XCTAssertThrowsError(try SummaryBlock.replace(in: text + SummaryBlock.begin, with: "x")) { e in
            XCTAssertTrue("\(e)".contains("2"), "\(e)")
        }
    }

    func testBenchTableShowsRatiosToTheBaseline() throws {
        let a = try fixtureAnalysis()
        let t = BenchTable.text(a)
        func hop(_ v: Variant) throws -> Double {
            try XCTUnwrap(a.points.first { $0.group == .main && $0.variant == v && $0.pinned }?.perUnit?.value)
        }
        let ratio = Format.ratio(try hop("thread-brigade") / hop("one-thread-brigade"))
        let row = try XCTUnwrap(t.split(separator: "\n").first { $0.hasPrefix("thread-brigade") && $0.contains("pinned") && !$0.contains("unpinned") })
        XCTAssertTrue(row.hasSuffix(ratio), "\(row) should end with \(ratio)")
        XCTAssertNotEqual(ratio, "1.00x")
    }
}

extension RenderTests {
    /// The footnotes name the command that measured the run: its profile, and the Rust
    /// reference only when the run had it.
    func testTheRegenerateCommandNamesTheProfileAndTheReference() throws {
        var a = try fixtureAnalysis()
        a.configuration.profile = "quick"
        a.references = nil
        XCTAssertEqual(Regenerate.reportCommand(a), "make report")
        a.configuration.profile = "full"
        XCTAssertEqual(Regenerate.reportCommand(a), "make report PROFILE=full")
        a.references = [ReferenceDistance(variant: .asyncCreationMT, reference: .rustAsyncCreation, pinned: false, tasks: 10,
                                          variantPerUnit: 2, referencePerUnit: 1,
                                          ratio: Estimated(value: 2, lower: 1.5, upper: 2.5, method: .point),
                                          mannWhitneyP: 0.01, runs: 3, referenceRuns: 3)]
        XCTAssertEqual(Regenerate.reportCommand(a), "make report PROFILE=full REFERENCE=rust")
    }
}
