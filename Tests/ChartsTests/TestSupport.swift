import XCTest
@testable import Charts

/// The 8-byte PNG file signature.
let pngSignature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

/// Width and height from a PNG's IHDR chunk (the first chunk, right after the signature).
func pngSize(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> (width: Int, height: Int)? {
    guard bytes.count > 24, Array(bytes[0..<8]) == pngSignature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
        XCTFail("not a PNG with a leading IHDR chunk", file: file, line: line)
        return nil
    }
    func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}

/// Largest per-channel difference between two colours.
func distance(_ a: Color, _ b: Color) -> Int {
    max(abs(Int(a.red) - Int(b.red)), abs(Int(a.green) - Int(b.green)), abs(Int(a.blue) - Int(b.blue)))
}

/// Whether every channel is below `limit` (a dark pixel: whisker, median, axis).
func isDark(_ c: Color, limit: UInt8 = 110) -> Bool {
    c.red < limit && c.green < limit && c.blue < limit
}

/// Asserts that `body` throws `ChartError.emptyData`.
func assertEmptyData<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        guard case ChartError.emptyData = error else {
            return XCTFail("expected ChartError.emptyData, got \(error)", file: file, line: line)
        }
    }
}
