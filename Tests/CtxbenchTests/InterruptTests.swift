import Foundation
import XCTest
import Results
import AnalysisModel

/// Ctrl-C keeps every finished process run and `--resume` runs only what is missing.
final class InterruptTests: XCTestCase {
    func testSigintMidRunThenResumeGivesEveryPlannedRunExactlyOnce() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exe = try Fixtures.executable("ctxbench")
        let resultsURL = dir.appendingPathComponent("results.json")

        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.environment = Fixtures.childEnvironment
        p.arguments = ["run", "--profile", "smoke", "--only", "one-thread-brigade,thread-brigade", "--pin", "off",
                       "--tasks", "4", "--iterations", "3000", "--runs", "4", "--seed", "5", "--out", dir.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Wait until at least one process run is saved, then interrupt.
        let deadline = Date().addingTimeInterval(60)
        var saved = 0
        while Date() < deadline, p.isRunning {
            if let r = try? ResultsFile.load(from: resultsURL), r.runs.count >= 1 { saved = r.runs.count; break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertGreaterThanOrEqual(saved, 1, "a process run was saved before the interrupt")
        p.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("--resume"), stderr)

        let partial = try ResultsFile.load(from: resultsURL)
        XCTAssertFalse(partial.complete)
        XCTAssertLessThan(partial.runs.count, partial.configuration.plan.count, "interrupted mid-way")
        XCTAssertTrue(partial.runs.allSatisfy { $0.status == .ok })

        let resume = Process()
        resume.executableURL = URL(fileURLWithPath: exe)
        resume.environment = Fixtures.childEnvironment
        resume.arguments = ["run", "--resume", dir.path]
        resume.standardError = FileHandle.nullDevice
        try resume.run()
        resume.waitUntilExit()
        XCTAssertEqual(resume.terminationStatus, 0)
        let final = try ResultsFile.load(from: resultsURL)
        XCTAssertTrue(final.complete)
        XCTAssertEqual(final.configuration, partial.configuration, "same plan and seed")
        XCTAssertEqual(final.runs.map(\.spec.key).sorted(), final.configuration.plan.map(\.key).sorted(), "every planned run exactly once")
        XCTAssertEqual(Array(final.runs.prefix(partial.runs.count)), partial.runs, "finished runs kept as they were")
    }
}
