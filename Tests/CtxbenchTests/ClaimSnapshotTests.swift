import Foundation
import XCTest
import Analysis
import AnalysisModel
import Results

/// The typed model of each claim of the results fixture, one small golden file per claim
/// (Snapshots/claims/<id>.json): a change of a verdict, an interval, a reason or a cause shows
/// up as a reviewable diff of one claim. Record with RECORD_SNAPSHOTS=1.
final class ClaimSnapshotTests: XCTestCase {
    func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    func testEveryClaimMatchesItsSnapshot() throws {
        let a = try Fixtures.analysis()
        let all = a.claims + (a.openQuestions ?? [])
        XCTAssertEqual(all.map(\.id), (1...12).map { "C\($0)" })
        for c in all { assertSnapshot(try encode(c), named: "claims/\(c.id).json") }
    }

    /// The same claims on every async design: one file per design.
    func testEveryDesignRowMatchesItsSnapshot() throws {
        let designs = try XCTUnwrap(try Fixtures.analysis().designs)
        XCTAssertFalse(designs.isEmpty)
        for d in designs { assertSnapshot(try encode(d), named: "designs/\(d.variant).json") }
    }

    /// analysis.json carries no sentences: no string value of 8 words or more outside the
    /// environment block (the machine's own strings) and `failures` (the messages of failed
    /// process runs, copied from results.json as the child or the runner wrote them).
    func testTheAnalysisCarriesNoSentences() throws {
        let data = try JSONEncoder().encode(try Fixtures.analysis())
        var long = [String]()
        func walk(_ x: Any, _ key: String) {
            if let d = x as? [String: Any] { for (k, v) in d where !["environment", "failures"].contains(k) { walk(v, k) } }
            else if let l = x as? [Any] { for v in l { walk(v, key) } }
            else if let s = x as? String, s.split(separator: " ").count >= 8 { long.append("\(key): \(s)") }
        }
        walk(try JSONSerialization.jsonObject(with: data), "")
        XCTAssertEqual(long, [], "\(long.count) sentences")
    }
}
