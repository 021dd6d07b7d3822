import XCTest
@testable import Analysis
import Results
import AnalysisModel

/// The rounds of a budgeted run on constructed results: runs go to the claims still
/// inconclusive and never to a decided one, the run stops when every verdict is decided, when
/// the looks are used up or the budget is spent, and every look decides at 1 - alpha / looks.
final class AllocatorTests: XCTestCase {
    let thread = Variant.the(.threadBrigade)!
    let faithful = Variant.the(.faithfulAsync)!
    let single = Variant.the(.singleThreadAsync)!

    /// Per-hop medians (ns) per variant, unpinned, N = 500, one run per value.
    func file(_ perHop: [Variant: [Double]], budget: Double = 100, looks: Int = 4) -> ResultsFile {
        var runs = [ProcessRun]()
        for (variant, values) in perHop.sorted(by: { $0.key < $1.key }) {
            for (i, v) in values.enumerated() {
                runs.append(AnalysisTests.run(variant, tasks: 500, pinned: false, index: i, samples: [UInt64(v * 500)]))
            }
        }
        var f = AnalysisTests.file(runs)
        f.configuration.decision = DecisionPlan(budgetSeconds: budget, looks: looks)
        return f
    }

    /// C3 (threads 4x dearer) is decided; C5 (multi- / single-thread executor, 1.1-1.7) straddles 1.5.
    var openC5: [Variant: [Double]] {
        [thread: [4_000, 4_040, 4_080, 4_120, 4_160], faithful: [900, 1_100, 1_300, 1_500, 1_700],
         single: [1_000, 1_000, 1_010, 1_020, 1_030]]
    }

    func testRunsGoToTheUndecidedClaimOnly() throws {
        let f = file(openC5)
        let (decision, verdicts) = try Allocator(analyzer: Analyzer(resamples: 2_000)).next(f)
        XCTAssertEqual(verdicts.first { $0.id == "C3" }?.verdict, .confirmed)
        XCTAssertEqual(verdicts.first { $0.id == "C5" }?.verdict, .inconclusive)
        guard case .run(let specs, let why) = decision else { return XCTFail("expected a round, got \(decision)") }
        XCTAssertFalse(specs.isEmpty)
        // Both sides of C5's ratio, nothing for the thread brigade (C3 is decided).
        XCTAssertEqual(Set(specs.map(\.variant)), [faithful, single])
        XCTAssertEqual(specs.filter { $0.variant == faithful }.count, specs.filter { $0.variant == single }.count)
        XCTAssertTrue(specs.allSatisfy { $0.round == 1 && $0.runIndex >= 5 }, "\(specs)")
        XCTAssertEqual(Set(specs.map(\.key)).count, specs.count, "run keys are unique")
        XCTAssertEqual(why.claims, ["C5"])
        XCTAssertEqual(why.look, 1)
        XCTAssertEqual(why.runs, specs.count)
        // Within the round's share of the budget: (100 - 15 s spent) / 3 looks left, 1 s per run.
        XCTAssertLessThanOrEqual(Double(specs.count), (100 - 15) / 3)
    }

    func testStopsWhenEveryVerdictIsDecided() throws {
        var decided = openC5
        decided[faithful] = [1_000, 1_010, 1_020, 1_030, 1_040]
        let (decision, _) = try Allocator(analyzer: Analyzer(resamples: 2_000)).next(file(decided))
        guard case .stop(let why) = decision else { return XCTFail("expected a stop, got \(decision)") }
        XCTAssertEqual(why, .decided(look: 1, looks: 4))
    }

    func testStopsAfterTheLastLookAndWhenTheBudgetIsSpent() throws {
        let (one, _) = try Allocator(analyzer: Analyzer(resamples: 2_000)).next(file(openC5, looks: 1))
        guard case .stop(let why) = one else { return XCTFail("expected a stop, got \(one)") }
        XCTAssertEqual(why, .lastLook(looks: 1, open: ["C5"], fragile: []))
        XCTAssertEqual(why.description, "that was the last of 1 looks; still inconclusive: C5")
        let (broke, _) = try Allocator(analyzer: Analyzer(resamples: 2_000)).next(file(openC5, budget: 15))
        guard case .stop(let spent) = broke else { return XCTFail("expected a stop, got \(broke)") }
        guard case .budgetSpent(_, 15, ["C5"], []) = spent else { return XCTFail("\(spent)") }
    }

    /// One slow run of seven: its median is resampled about 1 % of the time, inside the 95 %
    /// interval's 2.5 % tail but outside the 98.75 % interval's 0.625 % tail. At one look C5 is
    /// confirmed (the 95 % CI tops out near 1.0); at four looks the 98.75 % CI reaches 1.6 and
    /// straddles 1.5.
    func testEveryLookDecidesAtTheAdjustedLevel() throws {
        let runs: [Variant: [Double]] = [faithful: [1_000, 1_001, 1_002, 1_003, 1_004, 1_005, 1_600],
                                        single: [Double](repeating: 1_000, count: 7)]
        var oneLook = file(runs)
        oneLook.configuration.decision = nil
        let c5 = { (f: ResultsFile) in try XCTUnwrap(try Analyzer().judgeClaims(f).first { $0.id == "C5" }) }
        let fixed = try c5(oneLook)
        XCTAssertEqual(fixed.verdict, .confirmed, "\(fixed.reason)")
        XCTAssertEqual(fixed.decision?.level, 0.95)
        let sequential = try c5(file(runs, looks: 4))
        XCTAssertEqual(sequential.decision?.level ?? 0, 0.9875, accuracy: 1e-12)
        XCTAssertEqual(sequential.verdict, .inconclusive, "\(sequential.reason)")
        XCTAssertEqual(sequential.ratio?.method, .bootstrap(level: 0.9875, runs: [7, 7]))
    }
}

/// results.json's stop reason: typed from 0.3, a sentence before; both decode, and each
/// encodes back to what it was.
final class StopReasonCodingTests: XCTestCase {
    func testTypedAndOlderSentenceReasonsRoundTrip() throws {
        for r in [StopReason.decided(look: 2, looks: 4), .budgetSpent(spent: 190, budget: 200, open: ["C8"], fragile: []),
                  .described("every verdict is decided and stable after look 1 of 4")] {
            let data = try JSONEncoder().encode([r])
            XCTAssertEqual(try JSONDecoder().decode([StopReason].self, from: data), [r])
        }
        let old = try JSONDecoder().decode([StopReason].self, from: Data(#"["the budget is spent (3m of 3m20s); still inconclusive: C8"]"#.utf8))
        XCTAssertEqual(old, [.described("the budget is spent (3m of 3m20s); still inconclusive: C8")])
    }
}
