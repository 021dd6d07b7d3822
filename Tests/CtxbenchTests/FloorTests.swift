import Foundation
import XCTest
import Results
import AnalysisModel
#if canImport(Glibc)
import Glibc
#endif

/// ctxbench-floor (the C floors, Sources/Floors) speaks the child protocol of ctxbench-workload:
/// each variant measures and writes JSON that decodes as WorkloadOutput, its self-check catches
/// a corrupted value (exit 3), a hanging chain does not finish, and an unknown variant is a
/// usage error (exit 2). The reactor floors report reactorWaits / reactorEvents; the brigades
/// that take `--in-flight K` carry K tokens a round, the others refuse K > 1 (exit 2).
final class FloorTests: XCTestCase {
    static let brigades = ["c-thread-brigade", "c-one-thread-brigade", "c-epoll-brigade", "c-epoll-brigade-mt",
                           "c-uring-brigade"]
    static let all = brigades + ["c-thread-creation"]
    static let reactors: Set = ["c-epoll-brigade", "c-epoll-brigade-mt", "c-uring-brigade"]
    static let inFlight = ["c-thread-brigade", "c-epoll-brigade", "c-epoll-brigade-mt", "c-uring-brigade"]

    var dir: URL!

    override func setUpWithError() throws {
        dir = try Fixtures.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    /// Starts ctxbench-floor with `variant`, 4 members (K = 8 for creation), 20 iterations.
    func start(_ variant: String, _ extra: [String] = [], environment: [String: String] = [:],
               stderr: Any = FileHandle.nullDevice) throws -> (process: Process, output: URL) {
        let output = dir.appendingPathComponent("\(variant)-\(UUID().uuidString).json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Fixtures.executable("ctxbench-floor"))
        let tasks = variant == "c-thread-creation" ? 8 : 4
        process.arguments = [variant, "--tasks", "\(tasks)", "--iterations", "20", "--warmups", "2",
                             "--output", output.path] + extra
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try process.run()
        return (process, output)
    }

    func run(_ variant: String, _ extra: [String] = []) throws -> (status: Int32, output: URL) {
        let (process, output) = try start(variant, extra)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testEveryFloorMeasuresPinnedAndUnpinnedAndWritesWorkloadOutput() throws {
        for variant in Self.all {
            for pinned in [false, true] {
                let (status, url) = try run(variant, pinned ? ["--pin", "--memory"] : [])
                XCTAssertEqual(status, 0, "\(variant) pinned=\(pinned)")
                guard status == 0 else { continue }
                let out = try JSONDecoder().decode(WorkloadOutput.self, from: Data(contentsOf: url))
                XCTAssertEqual(out.samplesNs.count, 20, variant)
                XCTAssertTrue(out.samplesNs.allSatisfy { $0 > 0 }, variant)
                XCTAssertGreaterThan(out.threads, 0, variant)
                XCTAssertGreaterThan(out.peakRSSBytes ?? 0, 0, variant)
                XCTAssertFalse(out.allowedCPUs.isEmpty, variant)
                if pinned {
                    XCTAssertEqual(out.grantedCPUs.count, 1, variant)
                    XCTAssertEqual(out.grantedCPUs.first, out.allowedCPUs.first, variant)
                }
                if variant == "c-thread-creation" {
                    XCTAssertEqual(out.latencySamplesNs?.count, 20, variant)
                    XCTAssertTrue(out.check.contains("all 8 threads ran"), out.check)
                } else {
                    XCTAssertNil(out.latencySamplesNs, variant)
                    XCTAssertTrue(out.check.contains("value + 4 arrived in all 22 rounds"), out.check)
                    if pinned { XCTAssertGreaterThan(out.memory?.rssBytes ?? 0, 0, variant) }
                }
                if Self.reactors.contains(variant) {
                    // 20 timed rounds of 5 hops (4 members and the driver), each a readiness
                    // report or a completion; a wait returns at least one.
                    XCTAssertGreaterThan(out.reactorWaits ?? 0, 0, variant)
                    XCTAssertGreaterThanOrEqual(out.reactorEvents ?? 0, 100, variant)
                    XCTAssertGreaterThanOrEqual(out.reactorEvents ?? 0, out.reactorWaits ?? 1, variant)
                } else {
                    XCTAssertNil(out.reactorWaits, variant)
                    XCTAssertNil(out.reactorEvents, variant)
                }
                if variant == "c-thread-brigade" { XCTAssertEqual(out.threads, 5, "main + 4 members") }
                if variant == "c-uring-brigade" { XCTAssertEqual(out.threads, 1, "no io-wq worker") }
                if variant == "c-epoll-brigade-mt" && pinned { XCTAssertEqual(out.threads, 1, "one worker per granted CPU") }
            }
        }
    }

    func testACorruptedValueFailsTheSelfCheck() throws {
        for variant in Self.all {
            let (status, url) = try run(variant, ["--fault", "corrupt-value"])
            XCTAssertEqual(status, 3, variant)
            XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), variant)
        }
        // Creation has no chain to hang: any fault skips one spawn, as thread-creation.
        XCTAssertEqual(try run("c-thread-creation", ["--fault", "hang"]).status, 3)
    }

    func testAHangingChainDoesNotFinish() throws {
        let started = try Self.brigades.map { try start($0, ["--fault", "hang"]).process }
        defer {
            for p in started where p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
            }
        }
        Thread.sleep(forTimeInterval: 2)
        for (variant, p) in zip(Self.brigades, started) {
            XCTAssertTrue(p.isRunning, "\(variant) finished under --fault hang (status \(p.terminationStatus))")
        }
    }

    func testInFlightTokensGoRoundAndAreCounted() throws {
        for variant in Self.inFlight {
            let (status, url) = try run(variant, ["--in-flight", "4"])
            XCTAssertEqual(status, 0, variant)
            guard status == 0 else { continue }
            let out = try JSONDecoder().decode(WorkloadOutput.self, from: Data(contentsOf: url))
            XCTAssertEqual(out.samplesNs.count, 20, variant)
            XCTAssertTrue(out.samplesNs.allSatisfy { $0 > 0 }, variant)
            XCTAssertTrue(out.check.contains("all 4 tokens arrived in order with the right values in all 22 rounds"), out.check)
            // Tokens start at links 0, 1, 2, 3 (InFlight.start): member 0 forwards one per round.
            XCTAssertTrue(out.check.contains(" 0: 22 bytes)"), out.check)
            if Self.reactors.contains(variant) {
                let waits = out.reactorWaits ?? 0, events = out.reactorEvents ?? 0
                XCTAssertGreaterThan(waits, 0, variant)
                XCTAssertGreaterThanOrEqual(events, waits, variant)
                // One thread, four members ready at once after the injection: a wait serves several.
                if variant != "c-epoll-brigade-mt" { XCTAssertGreaterThan(events, waits, variant) }
            } else {
                XCTAssertNil(out.reactorWaits, variant)
            }
        }
        for variant in Self.inFlight {
            let (status, url) = try run(variant, ["--in-flight", "4", "--fault", "corrupt-value"])
            XCTAssertEqual(status, 3, variant)
            XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), variant)
        }
        for variant in Self.all where !Self.inFlight.contains(variant) {
            XCTAssertEqual(try run(variant, ["--in-flight", "4"]).status, 2, variant)
            XCTAssertEqual(try run(variant, ["--in-flight", "1"]).status, 0, variant)
        }
        XCTAssertEqual(try run("c-epoll-brigade", ["--in-flight", "0"]).status, 2)
        XCTAssertEqual(try run("c-epoll-brigade", ["--in-flight", "65"]).status, 2)
    }

    func testUringBrigadeWithoutIoUringIsASetupFailure() throws {
        let pipe = Pipe()
        let (process, url) = try start("c-uring-brigade", environment: ["CTXBENCH_FORCE_NO_URING": "1"], stderr: pipe)
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 4)
        XCTAssertTrue(message.contains("setup failed: io_uring unavailable (CTXBENCH_FORCE_NO_URING=1)"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testAnUnknownVariantIsAUsageError() throws {
        XCTAssertEqual(try run("c-no-such-floor").status, 2)
        XCTAssertEqual(try run("c-thread-brigade", ["--tasks", "x"]).status, 2)
    }
}
