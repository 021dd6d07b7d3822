import Foundation
import XCTest
import Results
import AnalysisModel
import Limits
import Analysis
@testable import Render

/// Bad input gets one or two clear lines on stderr and a non-zero exit, never a crash trace.
final class CLITests: XCTestCase {
    func ctxbench(_ args: [String], in dir: URL? = nil) throws -> CLIOutcome { try runCtxbench(args, in: dir) }

    func assertClearFailure(_ o: CLIOutcome, mentions: String, status: Int32? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(o.status, 0, file: file, line: line)
        if let status { XCTAssertEqual(o.status, status, o.stderr, file: file, line: line) }
        XCTAssertTrue(o.stderr.contains(mentions), "stderr should mention \(mentions): \(o.stderr)", file: file, line: line)
        let lines = o.stderr.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertLessThanOrEqual(lines.count, 3, o.stderr, file: file, line: line)
        for trace in ["Fatal error", "Stack dump", "Crash", "backtrace"] {
            XCTAssertFalse(o.stderr.contains(trace), o.stderr, file: file, line: line)
        }
    }

    func testBadInputs() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let malformed = dir.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: malformed, withIntermediateDirectories: true)
        try Data("{\"schema\": \"ctxbench.res".utf8).write(to: malformed.appendingPathComponent("results.json"))
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)

        assertClearFailure(try ctxbench(["report", empty.path]), mentions: "cannot read", status: 1)
        assertClearFailure(try ctxbench(["analyze", malformed.appendingPathComponent("results.json").path]), mentions: "not valid JSON", status: 1)
        assertClearFailure(try ctxbench(["run", "--tasks", "0", "--out", dir.path]), mentions: "--tasks", status: 64)
        assertClearFailure(try ctxbench(["run", "--profile", "slow"]), mentions: "'slow' is invalid for '--profile <profile>'. Please provide one of 'smoke', 'quick' or 'full'.", status: 64)
        assertClearFailure(try ctxbench(["run", "--reference", "go"]), mentions: "Please provide one of 'rust'.", status: 64)
        assertClearFailure(try ctxbench(["run", "--profile", "smoke", "--out", "/proc/ctxbench-cannot-write"]),
                           mentions: "cannot create the folder /proc/ctxbench-cannot-write: ", status: 1)
        assertClearFailure(try ctxbench(["run", "--out", "", "--profile", "smoke"], in: dir), mentions: "--out is empty; name a folder", status: 64)
        assertClearFailure(try ctxbench(["run", "--resume", ""], in: dir), mentions: "--resume is empty", status: 64)
        assertClearFailure(try ctxbench(["variance", "--out", ""], in: dir), mentions: "--out is empty", status: 64)
        assertClearFailure(try ctxbench(["analyze", dir.path]), mentions: "cannot read \(dir.path): is a directory; pass a file", status: 1)
        assertClearFailure(try ctxbench(["render", dir.appendingPathComponent("nope.json").path]), mentions: "ctxbench analyze", status: 1)
        assertClearFailure(try ctxbench(["run", "--tasks", "-5", "--out", dir.path]), mentions: "--tasks", status: 64)
        assertClearFailure(try ctxbench(["run", "--iterations", "100000000000", "--out", dir.path]), mentions: "--iterations", status: 64)
        assertClearFailure(try ctxbench(["run", "--pin", "sometimes", "--out", dir.path]), mentions: "Please provide one of 'on', 'off' or 'both'.", status: 64)
        assertClearFailure(try ctxbench(["run", "--budget", "ten minutes", "--out", dir.path]), mentions: "--budget", status: 64)
        assertClearFailure(try ctxbench(["variance", "--iterations", "0,50", "--out", dir.path]), mentions: "--iterations", status: 64)
        let analysis = dir.appendingPathComponent("analysis.json")
        try Fixtures.analysis().save(to: analysis)
        assertClearFailure(try ctxbench(["render", analysis.path, "--templates", "/nonexistent-templates"]), mentions: "templates", status: 1)
        // An older schema without its results.json beside it: one line naming the conversion.
        try FileManager.default.removeItem(at: analysis)
        try FileManager.default.copyItem(at: Fixtures.url("analysis-v2.json"), to: analysis)
        assertClearFailure(try ctxbench(["render", analysis.path]), mentions: "is analysis schema v2", status: 1)
        try FileManager.default.removeItem(at: analysis)
        assertClearFailure(try ctxbench(["compare", Fixtures.url("results-v1.json").path]), mentions: "two", status: 64)
        // An unknown variant gets argument-parser's message listing every variant, one a line.
        let only = try ctxbench(["run", "--only", "thread-brigade,warp-drive", "--out", dir.path])
        XCTAssertEqual(only.status, 64, only.stderr)
        XCTAssertTrue(only.stderr.hasPrefix("Error: The value 'thread-brigade,warp-drive' is invalid for '--only <VARIANTS>'. Please provide one of the following:\n"), only.stderr)
        XCTAssertTrue(Variant.allCases.allSatisfy { only.stderr.contains("\n  - \($0.rawValue)\n") }, only.stderr)
        // Nothing was half-written by any of these.
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results.json").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("REPORT.md").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: malformed.appendingPathComponent("analysis.json").path))
    }

    /// --dry-run states the first pass, the budget, the looks and their level; --budget overrides
    /// the profile's and --budget 0 leaves a fixed plan.
    func testDryRunStatesTheFirstPassAndTheBudget() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quick = try ctxbench(["run", "--dry-run", "--out", dir.path])
        XCTAssertEqual(quick.status, 0, quick.stderr)
        XCTAssertTrue(quick.stdout.contains("first pass: "), quick.stdout)
        XCTAssertTrue(quick.stdout.contains("budget: 3.08 min of measuring; then up to 3 rounds"), quick.stdout)
        XCTAssertTrue(quick.stdout.contains("every look decides at 98.75 %"), quick.stdout)
        let more = try ctxbench(["run", "--dry-run", "--budget", "1h30m", "--out", dir.path])
        XCTAssertTrue(more.stdout.contains("budget: 90.0 min of measuring"), more.stdout)
        let fixed = try ctxbench(["run", "--dry-run", "--budget", "0", "--out", dir.path])
        XCTAssertTrue(fixed.stdout.contains("budget: none (a fixed plan, decided at 95 % in one look)"), fixed.stdout)
    }

    /// compare writes the numbers behind COMPARISON.md as comparison.json; each file's claims are
    /// those of its own analysis (re-analysed with its own recorded seed).
    func testCompareWritesComparisonJSON() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = Fixtures.packageRoot.appendingPathComponent("report-templates").path
        let r = try ctxbench(["compare", Fixtures.url("results-v1.json").path, Fixtures.url("results-v1-machine-b.json").path,
                              "--out", dir.path, "--templates", templates])
        XCTAssertEqual(r.status, 0, r.stderr)
        let data = try Data(contentsOf: dir.appendingPathComponent("comparison.json"))
        let c = try JSONDecoder().decode(Comparison.self, from: data)
        XCTAssertFalse(c.rows.isEmpty)
        let own = try Analyzer(resamples: 10_000).analyze(try Fixtures.results())
        let c3 = try XCTUnwrap(c.claims.first { $0.id == "C3" })
        XCTAssertEqual(c3.verdicts.first, own.claims.first { $0.id == "C3" })
    }

    /// --help lists the values of every closed option.
    func testHelpListsTheValuesOfTheClosedOptions() throws {
        let help = try ctxbench(["run", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ").joined(separator: " ")
        for values in ["(values: smoke, quick, full; default: quick)", "(values: on, off, both; default: both)",
                       "(values: rust)", "(values: \(Variant.allCases.map(\.rawValue).joined(separator: ", ")))"] {
            XCTAssertTrue(help.contains(values), "\(values) in: \(help)")
        }
    }

    func testRunRefusesToOverwriteResults() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixtures.url("results-v1.json"), to: dir.appendingPathComponent("results.json"))
        let before = try Data(contentsOf: dir.appendingPathComponent("results.json"))
        assertClearFailure(try ctxbench(["run", "--profile", "smoke", "--out", dir.path]), mentions: "--resume", status: 1)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("results.json")), before, "nothing overwritten")
    }

    func testReportTwiceIsByteIdentical() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixtures.url("results-v1.json"), to: dir.appendingPathComponent("results.json"))
        let templates = Fixtures.packageRoot.appendingPathComponent("report-templates").path
        let first = try ctxbench(["report", dir.path, "--templates", templates])
        XCTAssertEqual(first.status, 0, first.stderr)
        let report1 = try Data(contentsOf: dir.appendingPathComponent("REPORT.md"))
        let analysis1 = try Data(contentsOf: dir.appendingPathComponent("analysis.json"))
        XCTAssertEqual(try ctxbench(["report", dir.path, "--templates", templates]).status, 0)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("REPORT.md")), report1)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("analysis.json")), analysis1)
        let charts = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("charts").path)
        XCTAssertEqual(charts.count, ChartKey.report.count)
    }

    func testTinyRealRunEndToEnd() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try ctxbench(["run", "--profile", "smoke", "--only", "thread-brigade,one-thread-brigade", "--tasks", "4",
                                "--iterations", "20", "--runs", "2", "--seed", "9", "--out", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let r = try ResultsFile.load(from: dir.appendingPathComponent("results.json"))
        XCTAssertEqual(r.runs.count, 8)
        XCTAssertTrue(r.complete)
        XCTAssertTrue(r.runs.allSatisfy { $0.status == .ok }, r.runs.map { $0.message ?? "" }.joined())
        XCTAssertEqual(r.configuration.seed, 9)
        XCTAssertNotNil(r.limits)
    }
}

final class LimitsCLITests: XCTestCase {
    func testTooManyTasksForTheLinkLimitFailsAtOnceNamingIt() throws {
        let report = LimitsProbe().read()
        guard let cap = report.linkCapacity, let binding = report.linkBinding, cap < 50_000 else {
            throw XCTSkip("this machine allows 50,000 brigade members; nothing to refuse")
        }
        let never = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID())")
        defer { try? FileManager.default.removeItem(at: never) }  // holds only the run's lock file
        let start = Date()
        let o = try runCtxbench(["run", "--only", "thread-brigade", "--tasks", "50000", "--out", never.path])
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(o.status, 1, o.stderr)
        let name = binding.replacingOccurrences(of: " (soft)", with: "")
        XCTAssertTrue(o.stderr.contains(name), o.stderr)
        let value = try XCTUnwrap(report.entries.first { $0.name == binding }?.value)
        XCTAssertTrue(o.stderr.contains("is \(value)"), "names the limit's value \(value): \(o.stderr)")
        XCTAssertEqual(o.stderr.split(separator: "\n").count, 1, o.stderr)
    }

    func testLimitsNamesTheBindingLimitForThreadsAndLinks() throws {
        let o = try runCtxbench(["limits"])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("threads: at most"), o.stdout)
        XCTAssertTrue(o.stdout.contains("brigade links: at most"), o.stdout)
        let json = try runCtxbench(["limits", "--json"])
        let decoded = try JSONDecoder().decode(LimitsReport.self, from: Data(json.stdout.utf8))
        XCTAssertNotNil(decoded.threadBinding)
    }
}

struct CLIOutcome { var status: Int32; var stdout: String; var stderr: String }

/// Runs the built ctxbench with `args`; returns its exit status and output.
func runCtxbench(_ args: [String], in dir: URL? = nil) throws -> CLIOutcome {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try Fixtures.executable("ctxbench"))
    p.arguments = args
    p.environment = Fixtures.childEnvironment
    if let dir { p.currentDirectoryURL = dir }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CLIOutcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

final class ReadmeCLITests: XCTestCase {
    /// `make readme` on a copy of README.md changes only the block between the markers.
    func testUpdateReadmeChangesOnlyTheMarkedBlock() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("README.md")
        try FileManager.default.copyItem(at: Fixtures.packageRoot.appendingPathComponent("README.md"), to: copy)
        let before = try String(contentsOf: copy, encoding: .utf8)
        let templates = Fixtures.packageRoot.appendingPathComponent("report-templates").path
        // A v1 analysis.json with its results.json beside it: converted (said on stderr) and used.
        let old = dir.appendingPathComponent("analysis.json")
        try FileManager.default.copyItem(at: Fixtures.url("analysis-v1.json"), to: old)
        try FileManager.default.copyItem(at: Fixtures.url("results-v1.json"), to: dir.appendingPathComponent("results-v1.json"))
        let o = try runCtxbench(["update-readme", old.path, "--file", copy.path, "--templates", templates])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stderr.contains("is analysis schema v1") && o.stderr.contains("converting"), o.stderr)
        let after = try String(contentsOf: copy, encoding: .utf8)
        /// The text with the content of every generated block removed (markers kept).
        func outside(_ t: String) -> String {
            var out = t
            for name in ["summary", VariantsTable.blockName, ReferenceTable.blockName] {
                let b = "<!-- ctxbench:\(name):begin -->", e = "<!-- ctxbench:\(name):end -->"
                guard let rb = out.range(of: b), let re = out.range(of: e) else { continue }
                out.replaceSubrange(rb.upperBound..<re.lowerBound, with: "")
            }
            return out
        }
        XCTAssertEqual(outside(after), outside(before), "only the generated blocks change")
        XCTAssertTrue(after.contains("fixture-host"), "the summary block now holds the fixture's summary")
        XCTAssertTrue(after.contains("| `thread-brigade` |"), "the variants block now holds the fixture's table")

        try Data("# no markers here\n".utf8).write(to: copy)
        let bad = try runCtxbench(["update-readme", old.path, "--file", copy.path, "--templates", templates])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(copy.path) && bad.stderr.contains("marker"), bad.stderr)
        XCTAssertEqual(try String(contentsOf: copy, encoding: .utf8), "# no markers here\n", "left untouched")
    }
}
