import Foundation
import XCTest
@testable import Analysis
import Results
import AnalysisModel

/// Warnings cover every point group, and each names the group, N and K of its point.
final class WarningsTests: XCTestCase {
    func fixture() throws -> AnalysisFile { try Fixtures.analysis() }

    /// Makes point `index` spread (CV 20 %) and drift in every run.
    func unsettle(_ a: inout AnalysisFile, _ index: Int) {
        a.points[index].cvBetweenRuns = 0.2
        for r in a.points[index].perProcess.indices { a.points[index].perProcess[r].driftRho = 0.9 }
    }

    func testSpreadAndDriftOnSweepAndInFlightPointsAreWarned() throws {
        var a = try fixture()
        let sweep = try XCTUnwrap(a.points.firstIndex { $0.group == .sweep && $0.runsOK > 1 })
        let inFlight = try XCTUnwrap(a.points.firstIndex { $0.group == .inFlight && $0.runsOK > 1 })
        XCTAssertFalse(Warnings.compute(a).contains { $0.code == "high-cv" && $0.subject.hasSuffix("(sweep)") })
        unsettle(&a, sweep)
        unsettle(&a, inFlight)
        let w = Warnings.compute(a)
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
        let w = Warnings.compute(a).filter { $0.code == "few-runs" }
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
        XCTAssertFalse(Warnings.compute(a).contains { $0.subject.hasSuffix("(memory)") })
    }

    func testResidentMemorySpreadAtOneCountIsWarned() throws {
        var a = try fixture()
        let f = try XCTUnwrap(a.memory.firstIndex { !$0.tasks.isEmpty })
        let n = a.memory[f].tasks[0]
        let first = try XCTUnwrap(a.memory[f].tasks.firstIndex(of: n))
        XCTAssertGreaterThan(a.memory[f].tasks.filter { $0 == n }.count, 1, "the fixture has repeated readings")
        a.memory[f].rssBytes[first] *= 1.5
        let w = Warnings.compute(a)
        XCTAssertTrue(w.contains { $0.code == "high-cv" && $0.subject == "\(a.memory[f].name) \(a.memory[f].variant) n=\(n) (memory)" },
                      "\(w.map(\.subject))")
    }
}
