import XCTest
import Results

/// Why a budgeted run stopped: results.json keeps the words, analysis.json the value read back.
final class RoundStopTests: XCTestCase {
    func testEveryStopReadsBackFromItsWords() {
        let stops: [RoundStop] = [
            .fixedPlan, .decided(look: 2, looks: 4),
            .lastLook(looks: 4, still: .inconclusive(claims: ["C5", "C11"])),
            .lastLook(looks: 3, still: .unstable(claims: ["C6"], stableAt: 0.8)),
            .budgetSpent(spentSeconds: 1_700, budgetSeconds: 1_680, still: .inconclusive(claims: ["C8"])),
        ]
        for s in stops {
            XCTAssertEqual(RoundStop(text: s.text, spentSeconds: 1_700, budgetSeconds: 1_680), s, s.text)
        }
        XCTAssertEqual(stops[2].text, "that was the last of 4 looks; still inconclusive: C5, C11")
        XCTAssertEqual(stops[4].text, "the budget is spent (28.3 min of 28.0 min); still inconclusive: C8")
        XCTAssertNil(RoundStop(text: "the moon was full", spentSeconds: 0, budgetSeconds: 0))
    }
}
