import Foundation
import XCTest
@testable import Results
import AnalysisModel
#if canImport(Glibc)
import Glibc
#endif

/// A file that cannot be read or saved is one line: the file, what was being done, the errno's
/// words and the next step; the atomic writer leaves the old file and no temporary file.
final class FileErrorTests: XCTestCase {
    func testWritingToDevFullIsNoSpaceLeft() {
        XCTAssertEqual(FileIO.write(Data(repeating: 7, count: 4_096), toPath: "/dev/full"), ENOSPC)
        XCTAssertNil(FileIO.write(Data(repeating: 7, count: 4_096), toPath: "/dev/null"))
    }

    func testNoSpaceIsOneLineNamingTheFileAndTheNextStep() {
        let e = FileError(path: "/d/results.json", operation: .save, cause: .system(errno: ENOSPC))
        XCTAssertEqual(e.description, "cannot save /d/results.json: no space left on device; free some space on its disk")
        XCTAssertEqual(e.or("pick another --out").description,
                       "cannot save /d/results.json: no space left on device; free some space on its disk, or pick another --out")
        XCTAssertEqual(FileError(path: "/d", operation: .read, cause: .system(errno: EACCES)).description,
                       "cannot read /d: permission denied; check its permissions")
    }

    /// Foundation's dump ("Error Domain=NSCocoaErrorDomain Code=640 ... NSUnderlyingError=...
    /// Code=28") becomes the same one line, with the path Foundation names.
    func testAFoundationFileErrorBecomesTheSameLine() throws {
        let dump = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue, userInfo: [
            NSFilePathErrorKey: "/d/results.json",
            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)),
        ])
        let e = try XCTUnwrap(FileError(foundation: dump))
        XCTAssertEqual(e.description, "cannot save /d/results.json: no space left on device; free some space on its disk")
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no-such-folder/x.json")
        XCTAssertThrowsError(try Data("x".utf8).write(to: missing)) { error in
            XCTAssertEqual(FileError(foundation: error)?.errno, ENOENT, "\(error)")
        }
        XCTAssertNil(FileError(foundation: FileFormatError("not about a file")))
    }

    func testAFailedAtomicWriteKeepsTheOldFileAndNoTemporaryFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("results.json")
        try FileIO.writeAtomically(Data("old".utf8), to: file)
        // A folder of that name is in the way of the rename: the new content cannot land.
        let blocked = dir.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try FileIO.writeAtomically(Data("new".utf8), to: blocked)) { error in
            guard let e = error as? FileError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.path, blocked.path, "names the file being saved, not the temporary one")
            XCTAssertEqual(e.operation, .save)
            XCTAssertNotNil(e.errno)
            XCTAssertFalse(e.description.contains("\n"))
        }
        XCTAssertThrowsError(try FileIO.writeAtomically(Data("new".utf8), to: dir.appendingPathComponent("gone/results.json"))) { error in
            XCTAssertEqual("\(error)", "cannot save \(dir.path)/gone/results.json: no such file or directory; check that its folder exists")
        }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["blocked", "results.json"])
    }

    func testReadingSaysWhyAndWhatToRunFirst() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try ResultsFile.load(from: dir.appendingPathComponent("results.json"))) { e in
            XCTAssertEqual("\(e)", "cannot read \(dir.path)/results.json: no such file or directory; run `ctxbench run --out \(dir.path)` first")
        }
        XCTAssertThrowsError(try AnalysisFile.load(from: dir.appendingPathComponent("analysis.json"))) { e in
            XCTAssertTrue("\(e)".hasSuffix("no such file or directory; run `ctxbench analyze` first"), "\(e)")
        }
        XCTAssertThrowsError(try FileIO.read(dir.path)) { e in
            XCTAssertEqual((e as? FileError)?.errno, EISDIR, "\(e)")
        }
        let data = Data((0..<200_000).map { UInt8($0 % 251) })
        try FileIO.writeAtomically(data, to: dir.appendingPathComponent("big"))
        XCTAssertEqual(try FileIO.read(dir.appendingPathComponent("big").path), data, "read whole, past one buffer")
    }
}
