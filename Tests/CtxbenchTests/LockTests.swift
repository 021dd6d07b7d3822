import Foundation
import XCTest
@testable import Analysis
@testable import Render
import Results
import AnalysisModel
import Runner
#if canImport(Glibc)
import Glibc
#endif

/// One run per folder (a second fails at once), one measuring run per machine (a second waits),
/// no stale lock after a kill, and other processes' CPU time recorded and flagged.
final class LockTests: XCTestCase {
    /// A tiny real run of a few seconds: long enough to start a second one beside it.
    static func tinyRun(_ dir: URL, seed: Int) -> [String] {
        ["run", "--profile", "smoke", "--only", "one-thread-brigade,thread-brigade", "--pin", "off", "--tasks", "4",
         "--iterations", "4000", "--runs", "3", "--seed", "\(seed)", "--out", dir.path]
    }

    /// Starts ctxbench (with the tests' machine lock), its stderr going to `stderr`.
    func start(_ args: [String], stderr: URL) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Fixtures.executable("ctxbench"))
        p.arguments = args
        p.environment = Fixtures.childEnvironment
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: stderr)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Polls `condition` every 20 ms for at most `seconds`; returns whether it became true.
    @discardableResult
    func waitUntil(_ seconds: Double = 60, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    func assertCompleteAndEveryPlannedRunOnce(_ r: ResultsFile, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(r.complete, file: file, line: line)
        XCTAssertEqual(r.runs.map(\.spec.key).sorted(), r.configuration.plan.map(\.key).sorted(), file: file, line: line)
        XCTAssertTrue(r.runs.allSatisfy { $0.status == .ok }, r.runs.compactMap(\.message).joined(), file: file, line: line)
    }

    func testRunLockIsExclusiveAndNamesItsHolder() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = RunLock.folderPath(dir)
        XCTAssertNil(RunLock.holderIfHeld(path), "no lock file: nobody holds it")
        guard case .acquired(let lock) = try RunLock.tryAcquire(path) else { return XCTFail("a free lock is taken") }
        // flock belongs to the open file, so a second open in this process conflicts like another process.
        guard case .held(let pid) = try RunLock.tryAcquire(path) else { return XCTFail("a held lock is refused") }
        XCTAssertEqual(pid, getpid())
        XCTAssertEqual(RunLock.holderIfHeld(path), .some(getpid()))
        lock.release()
        XCTAssertNil(RunLock.holderIfHeld(path), "released")
        guard case .acquired = try RunLock.tryAcquire(path) else { return XCTFail("free again after release") }
    }

    func testSecondRunIntoTheSameFolderFailsFastAndTheFirstIsUnharmed() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try start(Self.tinyRun(dir, seed: 1), stderr: dir.appendingPathComponent("first.err"))
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() } }
        XCTAssertTrue(waitUntil { RunLock.holderIfHeld(RunLock.folderPath(dir)) == .some(first.processIdentifier) })

        let started = Date()
        let second = try runCtxbench(Self.tinyRun(dir, seed: 2))
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "fails at once")
        XCTAssertTrue(first.isRunning, "the first run was still running when the second was refused")
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertTrue(second.stderr.contains("in use by the run of pid \(first.processIdentifier)"), second.stderr)
        XCTAssertEqual(second.stderr.split(separator: "\n").count, 1, second.stderr)
        let report = try runCtxbench(["report", dir.path])
        XCTAssertEqual(report.status, 1, report.stderr)
        XCTAssertTrue(report.stderr.contains("still writing") && report.stderr.contains("pid \(first.processIdentifier)"), report.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("REPORT.md").path))

        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0, text(dir.appendingPathComponent("first.err")))
        let r = try ResultsFile.load(from: dir.appendingPathComponent("results.json"))
        XCTAssertEqual(r.configuration.seed, 1, "the first run's plan")
        assertCompleteAndEveryPlannedRunOnce(r)
    }

    func testSigkilledRunsFolderCanBeResumedAtOnce() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let resultsURL = dir.appendingPathComponent("results.json")
        let p = try start(Self.tinyRun(dir, seed: 3), stderr: dir.appendingPathComponent("killed.err"))
        XCTAssertTrue(waitUntil { ((try? ResultsFile.load(from: resultsURL))?.runs.count ?? 0) >= 1 })
        // Its workload child, if one is running, is ours to stop too.
        let task = "/proc/\(p.processIdentifier)/task"
        let children = ((try? FileManager.default.contentsOfDirectory(atPath: task)) ?? []).flatMap { t in
            text(URL(fileURLWithPath: "\(task)/\(t)/children")).split(separator: " ").compactMap { Int32($0) }
        }
        kill(p.processIdentifier, SIGKILL)
        for c in children { kill(c, SIGKILL) }
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)

        let resume = try runCtxbench(["run", "--resume", dir.path])
        XCTAssertEqual(resume.status, 0, resume.stderr)
        XCTAssertFalse(resume.stderr.contains("in use"), resume.stderr)
        assertCompleteAndEveryPlannedRunOnce(try ResultsFile.load(from: resultsURL))
    }

    func testRunsIntoTwoFoldersQueueOnTheMachineLock() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (one, two, three) = (dir.appendingPathComponent("one"), dir.appendingPathComponent("two"), dir.appendingPathComponent("three"))
        let first = try start(Self.tinyRun(one, seed: 4), stderr: dir.appendingPathComponent("first.err"))
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() } }
        XCTAssertTrue(waitUntil { RunLock.holderIfHeld(Fixtures.machineLock) == .some(first.processIdentifier) })

        let secondErr = dir.appendingPathComponent("second.err")
        let second = try start(Self.tinyRun(two, seed: 5), stderr: secondErr)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL); second.waitUntilExit() } }
        XCTAssertTrue(waitUntil { text(secondErr).contains("waiting for the measuring run of pid \(first.processIdentifier) to finish") },
                      text(secondErr))
        if first.isRunning {
            XCTAssertFalse(FileManager.default.fileExists(atPath: two.appendingPathComponent("results.json").path),
                           "the second measures nothing while the first runs")
        }
        let noWait = try runCtxbench(Self.tinyRun(three, seed: 6) + ["--no-wait"])
        XCTAssertEqual(noWait.status, 1, noWait.stderr)
        XCTAssertTrue(noWait.stderr.contains("measuring on this machine"), noWait.stderr)

        first.waitUntilExit()
        second.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0, text(dir.appendingPathComponent("first.err")))
        XCTAssertEqual(second.terminationStatus, 0, text(secondErr))
        let a = try ResultsFile.load(from: one.appendingPathComponent("results.json"))
        let b = try ResultsFile.load(from: two.appendingPathComponent("results.json"))
        assertCompleteAndEveryPlannedRunOnce(a)
        assertCompleteAndEveryPlannedRunOnce(b)
        XCTAssertGreaterThanOrEqual(b.environment.date, try XCTUnwrap(a.environment.finishedAt), "the second started after the first ended")
    }

    func testBusyLoopBesideATinyRunIsFlagged() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let busy = Process()
        busy.executableURL = URL(fileURLWithPath: "/bin/sh")
        busy.arguments = ["-c", "while :; do :; done"]
        try busy.run()
        defer {
            kill(busy.processIdentifier, SIGKILL)
            busy.waitUntilExit()
        }
        let run = try runCtxbench(["run", "--profile", "smoke", "--only", "one-thread-brigade", "--pin", "on", "--tasks", "4",
                                   "--iterations", "4000", "--runs", "2", "--seed", "7", "--out", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let r = try ResultsFile.load(from: dir.appendingPathComponent("results.json"))
        XCTAssertTrue(r.runs.allSatisfy { ($0.otherCPUShare(cpus: r.environment.logicalCPUs) ?? 0) > 0.25 },
                      "\(r.runs.map { ($0.otherCPUSeconds, $0.wallSeconds) })")
        let analyze = try runCtxbench(["analyze", dir.appendingPathComponent("results.json").path])
        XCTAssertEqual(analyze.status, 0, analyze.stderr)
        let a = try AnalysisFile.load(from: dir.appendingPathComponent("analysis.json"))
        let w = try XCTUnwrap(a.warnings.map(WarningText(a).row).first { $0.code == "interference" }, "\(a.warnings)")
        XCTAssertTrue(w.message.contains("one-thread-brigade pinned n=4 run 1") && w.message.contains("run 2"), w.message)
    }

    func testInterferenceWarningNamesOnlyTheBusyRunsAndCompareCountsThem() throws {
        var runs = (0..<3).map { AnalysisTests.run("thread-brigade", tasks: 2, pinned: false, index: $0, samples: [100, 110, 120, 105]) }
        runs[1].otherCPUSeconds = 0.9  // wall 1 s, 2 CPUs: 0.02 s of clock-tick margin
        runs[2].otherCPUSeconds = 0.1
        let a = try Analyzer(resamples: 500).analyze(AnalysisTests.file(runs))
        XCTAssertEqual(a.points[0].perProcess.map(\.otherCPUShare), [nil, 0.88, 0.08])
        let w = a.warnings.map(WarningText(a).row).filter { $0.code == "interference" }
        XCTAssertEqual(w.count, 1)
        XCTAssertTrue(w[0].message.hasPrefix("1 process run was measured"), w[0].message)
        XCTAssertTrue(w[0].message.contains("thread-brigade unpinned n=2 run 2 (0.88 CPU)"), w[0].message)
        XCTAssertFalse(w[0].message.contains("run 3"), w[0].message)

        // Files without the figure: no warning, no count.
        let fixture = try Fixtures.results()
        XCTAssertFalse(try Analyzer(resamples: 500).analyze(fixture).warnings.contains { if case .interference = $0 { true } else { false } })
        var busy = fixture
        let i = try XCTUnwrap(busy.runs.firstIndex { $0.status == .ok && $0.spec.group == .main })
        busy.runs[i].otherCPUSeconds = busy.runs[i].wallSeconds
        let c = try Comparer(resamples: 500).compare([(path: "a", results: fixture), (path: "b", results: busy)])
        XCTAssertEqual(c.interferedRuns, [0, 1])
        XCTAssertFalse(ComparisonRenderer.noise(c, 0).contains("("))
        XCTAssertTrue(ComparisonRenderer.noise(c, 1).hasSuffix("% (1 process run measured beside other load)"), ComparisonRenderer.noise(c, 1))
    }
}
