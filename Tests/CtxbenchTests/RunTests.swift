import Foundation
import XCTest
@testable import Runner
import Results
#if canImport(Glibc)
import Glibc
#endif

/// The run's flow in Runner: a failed save stops the run keeping the file's last save and says
/// so in one line; any other failure saves what was measured; `--resume` finishes either.
final class RunTests: XCTestCase {
    /// A tiny smoke run of one variant into `dir`: 12 process runs of a few milliseconds each.
    func tinyRun(_ dir: URL, resume: Bool = false, budget: Double? = nil) throws -> Run {
        var s = RunSettings(folder: dir)
        s.resume = resume
        s.profile = .smoke
        s.only = [.oneThreadBrigade]
        s.pin = .off
        (s.tasks, s.iterations, s.runs, s.seed) = (4, 20, 12, 5)
        s.budgetSeconds = budget
        s.machineLock = Fixtures.machineLock
        let run = Run(settings: s, workload: try Fixtures.executable("ctxbench-workload")) {
            Provenance(commandLine: ["test"], swiftVersion: "test", commit: "test", checkout: Fixtures.packageRoot)
        }
        run.catchSignals = false
        run.log = { _ in }
        return run
    }

    /// The disk fills after `saves` saves: every later save fails with ENOSPC, as on a full disk.
    func fillDisk(after saves: Int, _ run: Run) {
        var count = 0
        run.session.writer = { file, url in
            count += 1
            guard count <= saves else { throw FileError(path: url.path, operation: .save, cause: .system(errno: ENOSPC)) }
            try file.save(to: url)
        }
    }

    func testAFullDiskStopsTheRunKeepingItsLastSaveAndSaysSoInOneLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("results.json")
        let run = try tinyRun(dir)
        fillDisk(after: 3, run)  // the plan, then (at most) two process runs
        XCTAssertThrowsError(try run.execute()) { error in
            guard case .notSaved(let e, let measured, let kept)? = error as? RunError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.errno, ENOSPC)
            XCTAssertEqual(kept, try? ResultsFile.load(from: url).runs.count, "the count it gives is what the file holds")
            XCTAssertGreaterThan(measured, kept ?? 0, "the run that could not be saved was measured")
            XCTAssertLessThan(measured, 12, "the run stopped at the failed save, not at the end")
            let line = "\(error)"
            XCTAssertTrue(line.hasPrefix("cannot save \(url.path): no space left on device; \(kept ?? -1) of the \(measured) process runs measured so far are kept in \(url.path)"), line)
            XCTAssertTrue(line.contains("free some space on its disk, then finish the run with `ctxbench run --resume \(dir.path)`"), line)
            XCTAssertFalse(line.contains("\n"), line)
        }
        let kept = try ResultsFile.load(from: url)
        XCTAssertFalse(kept.complete)
        XCTAssertTrue(kept.runs.allSatisfy { $0.status == .ok })

        // Space freed: the resume finishes the plan, every planned run once, the kept ones as they were.
        let outcome = try tinyRun(dir, resume: true).execute()
        guard case .finished(let final) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(final.complete)
        XCTAssertEqual(final.runs.map(\.spec.key).sorted(), final.configuration.plan.map(\.key).sorted())
        XCTAssertEqual(Array(final.runs.prefix(kept.runs.count)), kept.runs)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), [".ctxbench.lock", "results.json"],
                       "no temporary file left")
    }

    func testAFullDiskBeforeTheFirstSaveSaysNothingWasMeasured() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try tinyRun(dir)
        fillDisk(after: 0, run)
        XCTAssertThrowsError(try run.execute()) { error in
            XCTAssertEqual("\(error)", "cannot save \(dir.path)/results.json: no space left on device; nothing was measured yet: free some space on its disk, or pick another --out")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results.json").path))
    }

    /// A failure that is not the disk's (here the look after the first pass) keeps every run
    /// measured before it, and the resume finishes the run.
    func testAFailureKeepsEverythingMeasured() throws {
        struct LookFailed: Error {}
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try tinyRun(dir, budget: 60)
        XCTAssertThrowsError(try run.execute { _ in throw LookFailed() }) { XCTAssertTrue($0 is LookFailed, "\($0)") }
        let kept = try ResultsFile.load(from: dir.appendingPathComponent("results.json"))
        XCTAssertEqual(kept.runs.count, 12)
        XCTAssertFalse(kept.complete)
        let outcome = try tinyRun(dir, resume: true).execute()
        XCTAssertEqual(outcome.file.runs, kept.runs, "nothing left to run")
        XCTAssertTrue(outcome.file.complete)
        guard case .alreadyComplete = try tinyRun(dir, resume: true).execute() else { return XCTFail("complete now") }
    }

    func testAFolderInUseAndAnExistingRunAreRefusedInOneLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .acquired(let lock) = try RunLock.tryAcquire(RunLock.folderPath(dir)) else { return XCTFail("free lock") }
        XCTAssertThrowsError(try tinyRun(dir).execute()) { e in
            XCTAssertEqual(e as? RunError, .folderInUse(folder: dir, pid: getpid()))
            XCTAssertTrue("\(e)".contains("is in use by the run of pid \(getpid())"), "\(e)")
        }
        lock.release()
        try Fixtures.results().save(to: dir.appendingPathComponent("results.json"))
        XCTAssertThrowsError(try tinyRun(dir).execute()) { e in
            XCTAssertEqual(e as? RunError, .resultsExist(dir.appendingPathComponent("results.json")))
        }
    }

    func testNotSavedSaysWhatIsKept() {
        let e = FileError(path: "r/results.json", operation: .save, cause: .system(errno: ENOSPC))
        XCTAssertEqual(RunError.notSaved(e, measured: 12, kept: 12).description,
                       "cannot save r/results.json: no space left on device; the 12 process runs measured so far are kept in r/results.json: free some space on its disk, then finish the run with `ctxbench run --resume r`")
        XCTAssertEqual(RunError.notSaved(e, measured: 3, kept: nil).description,
                       "cannot save r/results.json: no space left on device; nothing was saved (3 process runs measured, lost): free some space on its disk, or pick another --out")
        XCTAssertTrue(RunError.notSaved(e, measured: 1, kept: 0).description.contains("0 of the 1 process run measured so far are kept in r/results.json (its last save; 1 lost)"))
    }
}
