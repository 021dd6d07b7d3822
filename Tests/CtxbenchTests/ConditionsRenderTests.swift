import Foundation
import XCTest
import AnalysisModel
import Render

/// The rendered report: the conditions table is there, and no interval is printed as "[x, x]"
/// (the fixture has one-run points and counts).
final class ConditionsRenderTests: XCTestCase {
    func testTheReportHasTheConditionsTableAndNoZeroWidthInterval() throws {
        let a = try Fixtures.analysis()
        XCTAssertTrue(a.points.contains { $0.runsOK == 1 }, "the fixture should hold a one-run point")
        let templates = try TemplateSet.load(from: Fixtures.packageRoot.appendingPathComponent("report-templates"))
        let md = try Renderer.render(a, templates: templates).markdown
        XCTAssertTrue(md.contains("### Conditions not reproduced\n"))
        XCTAssertTrue(md.contains("| N of the large run (thread-brigade) | 50,000 | 9,988 instead: "))
        XCTAssertTrue(md.contains("(one run, no interval)"))
        let same = try NSRegularExpression(pattern: #"\[([^\[\],]+), \1\]"#)
        let hits = same.matches(in: md, range: NSRange(md.startIndex..., in: md)).map { (md as NSString).substring(with: $0.range) }
        XCTAssertEqual(hits, [], "intervals of no width printed as intervals")
        XCTAssertTrue(md.contains("computed from the limits") && !md.contains("here, bound by"), "thread ceilings are labelled")
    }
}
