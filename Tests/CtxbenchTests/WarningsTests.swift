import Foundation
import XCTest
@testable import Analysis
import Render
import Results
import AnalysisModel

/// Warnings cover every point group, and each names the group, N and K of its point.
final class WarningsTests: XCTestCase {
    func fixture() throws -> AnalysisFile { try Fixtures.analysis() }

    /// The warnings of `a` as the report words them.
    func rows(_ a: AnalysisFile) -> [WarningText.Row] { Warnings.compute(a).map(WarningText(a).row) }

    /// Makes point `index` spread (CV 20 %) and drift in every run.
    func unsettle(_ a: inout AnalysisFile, _ index: Int) {
        a.points[index].cvBetweenRuns = 0.2
        for r in a.points[index].perProcess.indices { a.points[index].perProcess[r].driftRho = 0.9 }
    }

    func testSpreadAndDriftOnSweepAndInFlightPointsAreWarned() throws {
        var a = try fixture()
        let sweep = try XCTUnwrap(a.points.firstIndex { $0.group == .sweep && $0.runsOK > 1 })
        let inFlight = try XCTUnwrap(a.points.firstIndex { $0.group == .inFlight && $0.runsOK > 1 })
        XCTAssertFalse(rows(a).contains { $0.code == "high-cv" && $0.subject.hasSuffix("(sweep)") })
        unsettle(&a, sweep)
        unsettle(&a, inFlight)
        let w = rows(a)
        let s = a.points[sweep], k = a.points[inFlight]
        for p in [s, k] {
            let subject = "\(p.label) (\(p.group.rawValue))"
            XCTAssertTrue(w.contains { $0.code == "high-cv" && $0.subject == subject }, "\(subject): \(w.map(\.subject))")
            XCTAssertTrue(w.contains { $0.code == "drift" && $0.subject == subject }, subject)
        }
        // The subject tells the points apart: N for the sweep, N and K for the in-flight point.
        XCTAssertTrue(w.contains { $0.subject.contains("n=\(s.tasks) (sweep)") })
        XCTAssertTrue(w.contains { $0.subject.contains("n=\(k.tasks) k=\(k.inFlight!) (in-flight)") })
    }

    func testFewRunsIsOneWarningPerGroupNotPerPoint() throws {
        let a = try fixture()
        let w = rows(a).filter { $0.code == "few-runs" }
        for group in [RunGroup.sweep, .inFlight, .large] {
            let few = a.points.filter { $0.group == group && $0.runsOK > 0 && $0.runsOK < 5 }
            XCTAssertFalse(few.isEmpty, "the fixture has \(group) points of few runs")
            let mine = w.filter { $0.subject.hasPrefix("\(group.rawValue) group") }
            XCTAssertEqual(mine.count, 1, "\(group): \(w.map(\.subject))")
            XCTAssertEqual(mine.first?.subject, "\(group.rawValue) group (\(few.count) point\(few.count == 1 ? "" : "s"))")
        }
        // One run: no interval, said so.
        XCTAssertTrue(w.contains { $0.subject.hasPrefix("large group") && $0.message.hasPrefix("one process run") })
        // Memory points are judged on their resident memory, not their timings.
        XCTAssertFalse(rows(a).contains { $0.subject.hasSuffix("(memory)") })
    }

    func testResidentMemorySpreadAtOneCountIsWarned() throws {
        var a = try fixture()
        let f = try XCTUnwrap(a.memory.firstIndex { !$0.tasks.isEmpty })
        let n = a.memory[f].tasks[0]
        let first = try XCTUnwrap(a.memory[f].tasks.firstIndex(of: n))
        XCTAssertGreaterThan(a.memory[f].tasks.filter { $0 == n }.count, 1, "the fixture has repeated readings")
        a.memory[f].rssBytes[first] *= 1.5
        let w = rows(a)
        XCTAssertTrue(w.contains { $0.code == "high-cv" && $0.subject == "\(a.memory[f].name) \(a.memory[f].variant) n=\(n) (memory)" },
                      "\(w.map(\.subject))")
    }

    /// analysis.json holds a warning's numbers and its point, no words: the words and the number
    /// in them are Render's.
    func testAHighSpreadIsSavedAsNumbersAndWordedWithItsFigureAndAdvice() throws {
        var a = try fixture()
        let i = try XCTUnwrap(a.points.firstIndex { $0.group == .main && $0.runsOK >= 5 })
        a.points[i].cvBetweenRuns = 0.234
        let w = try XCTUnwrap(Warnings.compute(a).first { $0.point == a.points[i].pointKey && WarningText.code($0) == "high-cv" })
        XCTAssertEqual(w, .highCV(point: a.points[i].pointKey, cv: 0.234))
        let json = String(decoding: try JSONEncoder().encode(w), as: UTF8.self)
        XCTAssertFalse(json.contains(" "), "no words in the saved warning: \(json)")
        let row = WarningText(a).row(w)
        XCTAssertEqual(row.subject, a.points[i].label)
        XCTAssertEqual(row.message, "process medians vary by 23.4 % (CV) between runs")
        XCTAssertTrue(row.advice.contains("--runs"), row.advice)
        XCTAssertEqual(try JSONDecoder().decode(AnalysisWarning.self, from: Data(json.utf8)), w)
    }

    /// Each kind of warning is worded and survives its file.
    func testEveryKindIsWordedAndRoundTrips() throws {
        let a = try fixture()
        let key = try XCTUnwrap(a.points.first { $0.group == .main }).pointKey
        let kinds: [AnalysisWarning] = [
            .incomplete(processRuns: 7), .load(loadAverage: 3.5, cpus: 2),
            .interference(runs: [InterferedRun(point: key, run: 1, share: 0.61)], threshold: 0.25), .vm(virtualization: "kvm"),
            .governor(governor: "powersave"), .highCV(point: key, cv: 0.2), .memoryCV(fit: "rss-per-task", variant: "thread-brigade", tasks: 9, cv: 0.3, runs: 3),
            .fewRuns(point: key, runs: 1), .fewRunsInGroup(group: .sweep, points: 4, leastRuns: 2, mostRuns: 3),
            .slowFirstSample(point: key, runs: 3, of: 5), .drift(point: key, runs: 4, of: 5, rho: 0.5), .pinning(point: key, cpus: [0, 1]),
            .failedRuns(point: key, failed: 1, planned: 5),
        ]
        for k in kinds {
            let r = WarningText(a).row(k)
            XCTAssertFalse(r.subject.isEmpty || r.message.isEmpty || r.advice.isEmpty, "\(k)")
            XCTAssertEqual(try JSONDecoder().decode(AnalysisWarning.self, from: JSONEncoder().encode(k)), k)
        }
        XCTAssertEqual(WarningText(a).row(kinds[1]).message, "load average 3.50 on 2 CPUs during the run")
        XCTAssertTrue(WarningText(a).row(kinds[2]).message.hasPrefix("1 process run was measured") && WarningText(a).row(kinds[2]).message.contains("run 2 (0.61 CPU)"))
        XCTAssertEqual(WarningText(a).row(kinds[8]).message, "2 to 3 process runs per point: the intervals are wide")
    }
}
