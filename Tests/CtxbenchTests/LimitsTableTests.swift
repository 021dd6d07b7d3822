import Foundation
import XCTest
@testable import Render
import Results
import AnalysisModel

/// The report's limits table: valid Markdown, one `ulimit -n` value (the run's), advice for
/// who ran it.
final class LimitsTableTests: XCTestCase {
    func example() throws -> AnalysisFile {
        try AnalysisFile.load(from: Fixtures.packageRoot.appendingPathComponent("docs/example-full-report/analysis.json"))
    }

    func cells(_ a: AnalysisFile) throws -> [String: String] {
        let limits = try XCTUnwrap(ReportModel(a: a, charts: []).limitsContext() as? [String: Any])
        let entries = try XCTUnwrap(limits["entries"] as? [[String: String]])
        return Dictionary(uniqueKeysWithValues: entries.map { ($0["name"]!, $0["raise"]!) })
    }

    /// Every N of "ulimit -n N", "ulimit -Hn N", "nofile=N", "nofile N".
    static func nofileValues(_ text: String) -> Set<Int> {
        let pattern = try! NSRegularExpression(pattern: #"(?:ulimit -H?n |nofile[= ])(\d+)"#)
        return Set(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            Range(m.range(at: 1), in: text).flatMap { Int(text[$0]) }
        })
    }

    func testNoCellNestsBackticksOrBreaksTheRow() throws {
        for (name, cell) in try cells(try example()) {
            XCTAssertEqual(cell.filter { $0 == "`" }.count % 2, 0, "\(name): \(cell)")
            XCTAssertFalse(cell.contains("``"), "\(name): \(cell)")
            XCTAssertFalse(cell.replacingOccurrences(of: "\\|", with: "").contains("|"), "\(name): \(cell)")
        }
        // The stored text of the hard limit had a command in backticks inside the template's.
        XCTAssertEqual(ReportModel.markdownAdvice("ulimit -Hn 65536 as root (CAP_SYS_RESOURCE), or `* hard nofile 65536` in x"),
                       "ulimit -Hn 65536 as root (CAP_SYS_RESOURCE), or `* hard nofile 65536` in x")
        XCTAssertEqual(ReportModel.markdownAdvice("sysctl -w kernel.pid_max=4194304"), "`sysctl -w kernel.pid_max=4194304`")
        XCTAssertEqual(ReportModel.markdownAdvice("- (no limit set)"), "no limit set")
    }

    func testOneUlimitValueInTheWholeReport() throws {
        // The example's stored table said 65536 and its skipped runs 100100 (what 50,000 members need).
        let r = try Renderer.render(try example(), templates: try TemplateSet.load(from: Fixtures.packageRoot.appendingPathComponent("report-templates")))
        XCTAssertEqual(Self.nofileValues(r.markdown), [100_100])
    }

    func testAdviceFollowsWhoRanIt() throws {
        var a = try example()
        a.limits!.raiseRight = .rootWithoutCapability
        let container = try XCTUnwrap(try cells(a)["RLIMIT_NOFILE (soft)"])
        XCTAssertFalse(container.contains("needs root"), container)
        XCTAssertTrue(container.contains("`docker run --ulimit nofile=100100:100100`"), container)
        a.limits!.raiseRight = .user
        XCTAssertTrue(try XCTUnwrap(try cells(a)["RLIMIT_NOFILE (soft)"]).contains("root must raise it"))
        a.limits!.raiseRight = .capable
        XCTAssertTrue(try XCTUnwrap(try cells(a)["RLIMIT_NOFILE (soft)"]).hasPrefix("`ulimit -Hn 100100 && ulimit -n 100100`"))
        // The run was root: RLIMIT_NPROC is not enforced, so the table does not advise raising it.
        XCTAssertEqual(try cells(a)["RLIMIT_NPROC (soft)"], "does not bind: not enforced for real uid 0")
    }

    /// analysis.json keeps each entry's advice typed; the report words it back as the probe
    /// wrote it in the example's results.json.
    func testTypedAdviceWordsBackAsTheProbeWroteIt() throws {
        let gz = Fixtures.packageRoot.appendingPathComponent("docs/example-full-report/results.json.gz")
        let gunzip = Process(), out = Pipe()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", gz.path]
        gunzip.standardOutput = out
        try gunzip.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        struct Old: Decodable { var limits: LimitsReport }
        let old = try JSONDecoder().decode(Old.self, from: data).limits
        let a = try example()
        let l = try XCTUnwrap(a.limits)
        XCTAssertEqual(l.entries.count, old.entries.count)
        for (typed, worded) in zip(l.entries, old.entries) {
            if case .worded = typed.raise { XCTFail("\(worded.name): \(worded.raise) not recognised") }
            XCTAssertEqual(ReportModel(a: a, charts: []).raiseText(typed, l), worded.raise, worded.name)
        }
        XCTAssertEqual(LimitRaise(text: "ulimit -s 1024 (smaller default stacks fit more threads under RLIMIT_AS)"),
                       .smallerStacks(command: "ulimit -s 1024"))
        XCTAssertEqual(LimitRaise(text: "- (96362 is enough: 600 threads of this uid asked)"), .enough(value: "96362", asked: 600, threads: true))
        XCTAssertEqual(LimitRaise(text: "hard limit 4096: root must raise it, e.g. `* hard nproc 9000` in x"), .rlimit(item: "nproc", target: 9000))
    }
}
