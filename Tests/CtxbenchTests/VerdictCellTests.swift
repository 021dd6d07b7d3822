import XCTest
@testable import Render
import Results
import AnalysisModel

/// The verdict table's cells say what decided a claim: the interval's level when it is not
/// 95 %, each part of a two-part claim, which side moved from the study; and C9's thread count
/// is an upper bound when the probe stopped short of the limit.
final class VerdictCellTests: XCTestCase {
    func testRatioCellNamesALevelOtherThan95AndEachPartOfATwoPartClaim() {
        var v = ClaimVerdict(id: "C1", studyRatio: 8.5,
                             ratio: Estimated(value: 41.7, lower: 30.1, upper: 59.2, method: .bootstrap(level: 0.9875, runs: [12, 12])))
        XCTAssertEqual(ReportModel.ratioCell(v), "41.7x [30.1, 59.2] at 98.75 %")
        v.ratio?.method = .bootstrap(level: 0.95, runs: [5, 5])
        XCTAssertEqual(ReportModel.ratioCell(v), "41.7x [30.1, 59.2]")

        var c8 = ClaimVerdict(id: "C8", studyRatio: 22, ratio: Estimated(value: 18.3, lower: 17.9, upper: 18.8, method: .caseBootstrap(level: 0.95, readings: [30, 27])))
        c8.parts = [ClaimPart(kind: .memory, verdict: .confirmed, ratio: c8.ratio, reason: .atLeastHalfStudy),
                    ClaimPart(kind: .speed, verdict: .inconclusive, ratio: Estimated(value: 0.8, lower: 0.6, upper: 0.9, method: .bootstrap(level: 0.95, runs: [12, 12])),
                              reason: .straddlesBand(edge: 0.667))]
        XCTAssertEqual(ReportModel.ratioCell(c8), "memory 18.3x [17.9, 18.8]; speed 0.800x [0.600, 0.900]")
    }

    func testTheCauseSaysWhichSideMovedFromTheStudy() throws {
        let sides = [SideFigure(variant: .asyncBrigadeMT, quantity: .switch, pinned: false, here: 1620, study: 1700, floor: nil, rust: nil),
                     SideFigure(variant: .threadBrigade, quantity: .switch, pinned: true, here: 5310, study: 1700, floor: nil, rust: nil)]
        let text = try XCTUnwrap(ReportModel.movedText(sides))
        XCTAssertTrue(text.hasPrefix("thread-brigade pinned switch moved most from the study (3.12x its figure; async-brigade-mt switch 0.953x)"), text)
        XCTAssertNil(ReportModel.movedText([sides[0]]), "one side alone has nothing to compare")
        var negative = sides
        negative[0].here = -20  // a switch below the I/O baseline (noise) has no ratio to the study's
        XCTAssertNil(ReportModel.movedText(negative))
    }

    func testAShrunkLeadThatIsStillALeadSaysSo() {
        var v = ClaimVerdict(id: "C12", studyRatio: 1, ratio: Estimated(value: 0.342, lower: 0.27, upper: 0.432, method: .bootstrap(level: 0.95, runs: [12, 12])),
                             verdict: .contradicted, reason: .outsideBand)
        v.qualifier = .side(factor: 2.92, larger: false)
        v.figures = [ClaimFigure(.hopRatio, value: 4.79, inFlight: 1), ClaimFigure(.hopRatio, value: 1.64, inFlight: 64)]
        XCTAssertEqual(ClaimText.label(v), "contradicted: the lead at many bytes in flight 2.92x smaller; async still 1.64x faster at K=64")
        v.figures[1].value = 0.9
        XCTAssertEqual(ClaimText.label(v), "contradicted: the lead at many bytes in flight 2.92x smaller", "a lead gone is not still a lead")
        v.figures[1].value = 9
        v.qualifier = .side(factor: 1.9, larger: true)
        XCTAssertEqual(ClaimText.label(v), "contradicted: the lead at many bytes in flight 1.90x larger", "a lead that grew did not shrink")
    }

    func testMostThreadsIsTheCeilingWhenTheProbeStoppedShort() {
        var l = LimitsReport(entries: [], threadCapacity: 32_650, threadBinding: "kernel.pid_max", linkCapacity: nil, linkBinding: nil)
        XCTAssertEqual(l.mostThreads, 32_650, "not probed: the computed capacity")
        l.observedThreads = 32_138
        l.observedThreadsStop = LimitsReport.safetyMarginStop + "; matches kernel.pid_max"
        XCTAssertEqual(l.mostThreads, 32_650, "stopped short: the ceiling, so the ratio stays a lower bound")
        l.observedThreadsStop = LimitsReport.maxStop
        XCTAssertEqual(l.mostThreads, 32_650, "stopped at --max: short of the limit too")
        l.observedThreadsStop = "pthread_create failed: EAGAIN (Resource temporarily unavailable)"
        XCTAssertEqual(l.mostThreads, 32_138, "ran into the limit: what it had")
        l.observedThreadsStop = LimitsReport.safetyMarginStop
        l.threadCapacity = nil
        XCTAssertNil(l.mostThreads, "stopped short with no ceiling: unknown, not the probe's floor")
    }
}
