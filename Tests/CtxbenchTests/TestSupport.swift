import Foundation
import XCTest
import Results
import AnalysisModel
import Analysis

/// Golden-file check: compares `actual` with Tests/CtxbenchTests/Snapshots/<name>; with
/// RECORD_SNAPSHOTS set it writes the file and fails, so a recording is never a pass.
func assertSnapshot(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        XCTFail("recorded snapshot \(name); unset RECORD_SNAPSHOTS and rerun", file: file, line: line)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(name); record it with RECORD_SNAPSHOTS=1 swift test", file: file, line: line)
        return
    }
    if expected != actual {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let i = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
        XCTFail("\(name) differs at line \(i + 1):\n expected: \(i < e.count ? String(e[i]) : "<end>")\n   actual: \(i < a.count ? String(a[i]) : "<end>")",
                file: file, line: line)
    }
}

enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }

    static func results() throws -> ResultsFile {
        try ResultsFile.load(from: url("results-v1.json"))
    }

    /// The analysis of results-v1.json, computed once per test process (no golden analysis
    /// file: the per-claim snapshots and the rendered REPORT.md golden stand for it).
    static func analysis() throws -> AnalysisFile { try cachedAnalysis.get() }
    private static let cachedAnalysis = Result { try Analyzer().analyze(try results()) }

    /// The package's root folder (for report-templates/ and the built executables).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A built executable of this package (the debug build `swift test` made).
    static func executable(_ name: String) throws -> String {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
            Bundle.main.bundleURL.appendingPathComponent(name),
            packageRoot.appendingPathComponent(".build/debug/\(name)"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw FileFormatError("\(name) not built (looked in \(candidates.map(\.path))); run `swift build` first")
        }
        return found.path
    }

    /// The machine-wide measuring lock of the ctxbench runs these tests start: one per test
    /// process, so a real run on this machine neither waits for the tests nor spoils them.
    static let machineLock = FileManager.default.temporaryDirectory
        .appendingPathComponent("ctxbench-test-machine-\(getpid()).lock").path

    /// The environment of a ctxbench child of the tests (the test process's, with `machineLock`).
    static var childEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["CTXBENCH_MACHINE_LOCK": machineLock]) { $1 }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ctxbench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Tests name variants by their results-file names ("thread-brigade"); a typo traps at once.
extension Variant: ExpressibleByStringLiteral {
    public init(stringLiteral name: String) {
        guard let v = Variant(rawValue: name) else { preconditionFailure("no variant named \(name)") }
        self = v
    }
}
