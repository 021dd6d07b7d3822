import Foundation
import XCTest
@testable import Results
import AnalysisModel

final class ResultsFormatTests: XCTestCase {
    func testFixtureOfVersion1Loads() throws {
        let r = try Fixtures.results()
        XCTAssertEqual(r.schema, "ctxbench.results")
        XCTAssertEqual(r.schemaVersion, 1)
        XCTAssertEqual(r.runs.count, r.configuration.plan.count)
        XCTAssertEqual(r.runs.filter { $0.status == .timedOut }.count, 1)
    }

    func testEncodingStartsWithSchemaAndRoundTrips() throws {
        let r = try Fixtures.results()
        let data = try VersionedJSON.encode(r)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"schema\" : \"ctxbench.results\",\n  \"schemaVersion\" : 1,\n"), String(text.prefix(80)))
        let back = try VersionedJSON.decode(ResultsFile.self, from: data, path: "x", schema: ResultsFile.schemaName,
                                            versions: 1...1, remedy: "")
        XCTAssertEqual(back, r)
        XCTAssertEqual(try VersionedJSON.encode(back), data, "same value, same bytes")
    }

    func load(_ text: String) -> FileError? {
        do {
            _ = try VersionedJSON.decode(ResultsFile.self, from: Data(text.utf8), path: "r.json",
                                         schema: ResultsFile.schemaName, versions: 1...1, remedy: "rerun")
            return nil
        } catch let e as FileError { return e } catch { return FileError(path: "r.json", operation: .read, cause: .content("\(error)")) }
    }

    func testBadFilesGetOneClearLine() throws {
        let good = String(decoding: try Data(contentsOf: Fixtures.url("results-v1.json")), as: UTF8.self)
        let cases: [(String, String)] = [
            (String(good.prefix(good.count / 2)), "not valid JSON"),
            ("{\"schema\": \"hyperfine\", \"schemaVersion\": 1}", "is a \"hyperfine\" file"),
            ("{\"results\": []}", "not a ctxbench file"),
            (good.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 99"), "schemaVersion 99"),
            ("{\"schema\": \"ctxbench.results\", \"schemaVersion\": 1}", "missing"),
            ("[1, 2]", "not a ctxbench file"),
        ]
        for (text, expected) in cases {
            let e = load(text)
            XCTAssertNotNil(e, expected)
            XCTAssertTrue(e?.description.contains(expected) ?? false, "\(e?.description ?? "nil") should mention \(expected)")
            XCTAssertFalse(e?.description.contains("\n") ?? true, "one line")
        }
    }

    func testImpossibleValuesAreRejectedBeforeAnalysis() throws {
        var r = try Fixtures.results()
        r.runs[0].spec.tasks = 0
        XCTAssertThrowsError(try r.validate(path: "r.json")) { XCTAssertTrue("\($0)".contains("tasks 0"), "\($0)") }
        r = try Fixtures.results()
        let i = r.runs.firstIndex { $0.output != nil }!
        r.runs[i].output!.samplesNs.removeLast()
        XCTAssertThrowsError(try r.validate(path: "r.json")) { XCTAssertTrue("\($0)".contains("samples for"), "\($0)") }
        r = try Fixtures.results()
        r.runs[i].output!.threads = Int.max
        XCTAssertThrowsError(try r.validate(path: "r.json"))
        XCTAssertNoThrow(try Fixtures.results().validate(path: "r.json"))
    }

    func testMissingFileNamesTheFix() {
        XCTAssertThrowsError(try ResultsFile.load(from: URL(fileURLWithPath: "/nonexistent/results.json"))) { e in
            XCTAssertTrue("\(e)".contains("ctxbench run"), "\(e)")
        }
    }

    func testAtomicWriteLeavesNoTemporaryFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("results.json")
        try Fixtures.results().save(to: url)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["results.json"])
    }

    func testFormatChoosesUnitsWithThreeSignificantDigits() {
        let expected: [(formatted: String, text: String)] = [
            (Format.nanos(812), "812 ns"),
            (Format.nanos(4_561), "4.56 µs"),
            (Format.nanos(1_234_567), "1.23 ms"),
            (Format.nanos(45_600), "45.6 µs"),
            (Format.bytes(9_750), "9.52 KiB"),
            (Format.bytes(512), "512 B"),
            (Format.ratio(8.5), "8.50x"),
            (Format.count(250_000), "250,000"),
            (Format.sig3(12_345), "12300"),
        ]
        for (formatted, text) in expected { XCTAssertEqual(formatted, text) }
    }
}

final class AnalysisFormatTests: XCTestCase {
    /// Every analysis schema version ever written keeps a fixture (v1, v2: their head and first
    /// claim, the sentences v3 replaced by typed facts). An older schema is recognised by its
    /// head and refused with one line naming the conversion; `render` converts it when its
    /// results.json sits beside it (CLITests).
    func testOlderSchemasAreRecognisedAndNameTheConversion() throws {
        for (name, version, results) in [("analysis-v1.json", 1, "results-v1.json"), ("analysis-v2.json", 2, "results.json")] {
            XCTAssertThrowsError(try AnalysisFile.load(from: Fixtures.url(name))) { e in
                guard let old = e as? OlderAnalysisSchema else { return XCTFail("\(e)") }
                XCTAssertEqual(old.version, version)
                XCTAssertEqual(old.resultsFile, results)
                XCTAssertTrue(old.description.contains("run `ctxbench analyze` on its \(results) again"), old.description)
                XCTAssertFalse(old.description.contains("\n"))
            }
        }
    }

    /// A schema newer than this ctxbench knows is refused in one line, not decoded.
    func testANewerSchemaIsRefusedInOneLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("analysis.json")
        try Data("{\"schema\": \"ctxbench.analysis\", \"schemaVersion\": 99}".utf8).write(to: url)
        XCTAssertThrowsError(try AnalysisFile.load(from: url)) { e in
            XCTAssertTrue("\(e)".contains("schemaVersion 99; this ctxbench reads 3...3"), "\(e)")
        }
    }

    func testAResultsFileIsNotAnAnalysisFile() {
        XCTAssertThrowsError(try AnalysisFile.load(from: Fixtures.url("results-v1.json"))) { e in
            XCTAssertTrue("\(e)".contains("is a \"ctxbench.results\" file, not \"ctxbench.analysis\""), "\(e)")
        }
    }
}

/// Variants decode to the enum: a name no variant has is one clear line naming the file, the
/// place and the name, not a string carried on to the analysis.
final class UnknownVariantTests: XCTestCase {
    func testAnUnknownVariantNameIsAnErrorNamingTheFileAndTheName() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("results.json")
        let text = try String(contentsOf: Fixtures.url("results-v1.json"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"variant\": \"thread-brigade\"", with: "\"variant\": \"warp-drive\"").utf8).write(to: url)
        XCTAssertThrowsError(try ResultsFile.load(from: url)) { e in
            let line = "\(e)"
            XCTAssertTrue(line.contains(url.path) && line.contains("warp-drive") && line.contains(".variant"), line)
            XCTAssertFalse(line.contains("\n"), line)
        }
    }
}
