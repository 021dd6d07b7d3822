import XCTest
@testable import Analysis
@testable import Render
import Results
import AnalysisModel

/// Every verdict path of METHOD.md's rules, against hand-computed values.
final class VerdictTests: XCTestCase {
    func e(_ v: Double, _ lo: Double, _ hi: Double) -> Estimated { Estimated(value: v, lower: lo, upper: hi, method: .point) }

    func testDirectionalRules() {
        XCTAssertEqual(ClaimJudge.directional(e(9, 8, 10), study: 8.5).verdict, .confirmed)
        XCTAssertNil(ClaimJudge.directional(e(9, 8, 10), study: 8.5).qualifier)
        // A stronger effect than the study's is confirmed, and says so (lo 35 > 2 x 8.5).
        let strong = ClaimJudge.directional(e(40, 35, 45), study: 8.5)
        XCTAssertEqual(strong.verdict, .confirmed)
        XCTAssertEqual(strong.qualifier, .stronger(ratio: 40, study: 8.5))
        // lo > 1 but hi 3.9 < 8.5 / 2: the effect exists, weaker than the study's.
        XCTAssertEqual(ClaimJudge.directional(e(3, 2, 3.9), study: 8.5).verdict, .directionOnly)
        // lo = 4.25 reaches half the study's ratio: confirmed; an interval across 4.25 is not decided.
        XCTAssertEqual(ClaimJudge.directional(e(5, 4.25, 6), study: 8.5).verdict, .confirmed)
        let across = ClaimJudge.directional(e(4, 3, 5), study: 8.5)
        XCTAssertEqual(across.verdict, .inconclusive)
        XCTAssertEqual(across.edge, 4.25)
        // An interval across 1 is inconclusive at the edge 1, never "not confirmed".
        let one = ClaimJudge.directional(e(1.1, 0.9, 1.3), study: 8.5)
        XCTAssertEqual(one.verdict, .inconclusive)
        XCTAssertEqual(one.edge, 1)
        XCTAssertEqual(ClaimJudge.directional(e(0.5, 0.4, 0.6), study: 8.5).verdict, .contradicted)
        // A study ratio below 2 has no second edge: lo > 1 confirms (C3's 1.48).
        XCTAssertEqual(ClaimJudge.directional(e(1.3, 1.1, 1.5), study: 1.48).verdict, .confirmed)
    }

    func testEquivalenceRulesNameTheSide() {
        XCTAssertEqual(ClaimJudge.equivalence(e(1.0, 0.8, 1.2)).verdict, .confirmed)
        let straddles = ClaimJudge.equivalence(e(1.4, 1.2, 1.7))
        XCTAssertEqual(straddles.verdict, .inconclusive)
        XCTAssertEqual(straddles.edge, 1.5)
        XCTAssertEqual(straddles.qualifier, .straddles(edge: 1.5, factor: 1.4, larger: true))
        let low = ClaimJudge.equivalence(e(0.6, 0.4, 0.9))
        XCTAssertEqual(low.verdict, .inconclusive)
        XCTAssertEqual(low.edge ?? 0, 1 / 1.5, accuracy: 1e-12)
        let dearer = ClaimJudge.equivalence(e(5.2, 4.5, 6))
        XCTAssertEqual(dearer.verdict, .contradicted)
        XCTAssertEqual(dearer.qualifier, .side(factor: 5.2, larger: true))
        let cheaper = ClaimJudge.equivalence(e(0.25, 0.2, 0.3))
        XCTAssertEqual(cheaper.verdict, .contradicted)
        XCTAssertEqual(cheaper.qualifier, .side(factor: 4, larger: false))
    }

    func testC4IsOneSided() {
        // Threads pinned 4x faster than async: the disadvantage has disappeared (and more).
        let faster = ClaimJudge.atMost(e(0.25, 0.2, 0.3), bound: 1.5)
        XCTAssertEqual(faster.verdict, .confirmed)
        XCTAssertEqual(faster.qualifier, .nowFaster(factor: 4))
        XCTAssertEqual(ClaimJudge.atMost(e(1.2, 0.9, 1.4), bound: 1.5).verdict, .confirmed)
        XCTAssertNil(ClaimJudge.atMost(e(1.2, 0.9, 1.4), bound: 1.5).qualifier)
        let still = ClaimJudge.atMost(e(3, 2.5, 3.5), bound: 1.5)
        XCTAssertEqual(still.verdict, .contradicted)
        XCTAssertEqual(still.qualifier, .side(factor: 3, larger: true))
        let across = ClaimJudge.atMost(e(1.5, 1.2, 1.8), bound: 1.5)
        XCTAssertEqual(across.verdict, .inconclusive)
        XCTAssertEqual(across.edge, 1.5)
    }

    /// Stability on a constructed case with a known answer: an equivalence interval of width
    /// x/÷1.25 around each replicate; replicates at 1.0 keep it inside [0.667, 1.5], replicates at
    /// 1.4 push its top (1.75) past 1.5. Three of four at 1.0: stability 0.75.
    func testStabilityIsTheShareOfResamplesWithTheSameVerdict() {
        let rule = ClaimJudge.Rule.equivalence
        let r = e(1.0, 0.8, 1.25)
        XCTAssertEqual(rule.decide(r).verdict, .confirmed)
        XCTAssertEqual(ClaimJudge.stability(rule, r, replicates: [1.0, 1.0, 1.0, 1.0], verdict: .confirmed), 1)
        XCTAssertEqual(ClaimJudge.stability(rule, r, replicates: [1.0, 1.0, 1.0, 1.4], verdict: .confirmed), 0.75)
        XCTAssertEqual(ClaimJudge.stability(rule, r, replicates: [1.4, 1.4], verdict: .confirmed), 0)
        // A point value (one replicate) is as stable as it gets.
        XCTAssertEqual(ClaimJudge.stability(rule, e(1, 1, 1), replicates: [1], verdict: .confirmed), 1)
    }

    /// The runs that would settle an inconclusive ratio: r = 0.5, log half-width ln(0.7 / 0.5) =
    /// 0.336 against a distance ln(0.667 / 0.5) = 0.288 to the edge, one input with 4 runs:
    /// the half-width shrinks with sqrt(4 / (4 + m)); m = 2 gives 0.275 < 0.288, m = 1 gives 0.301.
    func testMoreRunsToDecideFollowsTheSpread() {
        let r = e(0.5, 0.4, 0.7)
        XCTAssertEqual(ClaimJudge.moreRuns(r, edge: 1 / 1.5, inputs: [(elasticity: 1, logSD: 0.2, runs: 4)]), 2)
        // Two inputs of equal spread: each needs the same extra runs to shrink the sum equally.
        XCTAssertEqual(ClaimJudge.moreRuns(r, edge: 1 / 1.5, inputs: [(1, 0.2, 4), (-1, 0.2, 4)]), 2)
        // On the edge: nothing affordable decides it.
        XCTAssertNil(ClaimJudge.moreRuns(e(0.667, 0.5, 0.9), edge: 1 / 1.5, inputs: [(1, 0.2, 4)]))
    }

    /// Render words the qualifier with the claim's side from the study table (C2: "the async
    /// switch"; C4 is one-sided: "still ... dearer").
    func testLabelJoinsVerdictAndQualifierWithTheStudyTablesSide() {
        var v = ClaimVerdict(id: "C2", studyRatio: 1, verdict: .contradicted, reason: .outsideBand)
        v.qualifier = .side(factor: 5.2, larger: true)
        XCTAssertEqual(ClaimText.label(v), "contradicted: the async switch 5.20x dearer")
        v.qualifier = .side(factor: 4, larger: false)
        XCTAssertEqual(ClaimText.label(v), "contradicted: the async switch 4.00x cheaper")
        v.id = "C4"
        v.qualifier = .side(factor: 3, larger: true)
        XCTAssertEqual(ClaimText.label(v), "contradicted: the pinned thread brigade still 3.00x dearer")
        v.id = "C1"
        v.verdict = .confirmed
        v.qualifier = .stronger(ratio: 53.9, study: 8.5)
        XCTAssertEqual(ClaimText.label(v), "confirmed, stronger than the study (53.9x vs 8.50x)")
        v.qualifier = nil
        XCTAssertEqual(ClaimText.label(v), "confirmed")
    }

    /// Creation runs whose per-item ratio (thread / faithful task creation) is `ratio`, 5 runs each.
    func creation(ratio: Double, spread: Double = 0.01, task: Variant? = nil) -> ResultsFile {
        let taskVariant = task ?? Variant.the(.faithfulCreation)!
        var runs = [ProcessRun]()
        for i in 0..<5 {
            let jitter = 1 + spread * Double(i - 2)
            runs.append(AnalysisTests.run(Variant.the(.threadCreation)!, tasks: 10, pinned: false, index: i,
                                          samples: [UInt64(10_000 * ratio * jitter)], kind: .creation))
            runs.append(AnalysisTests.run(taskVariant, tasks: 10, pinned: false, index: i,
                                          samples: [UInt64(10_000 / jitter)], kind: .creation))
        }
        return AnalysisTests.file(runs)
    }

    func verdict(_ id: String, _ r: ResultsFile) throws -> ClaimVerdict {
        try XCTUnwrap(try Analyzer(resamples: 2_000).analyze(r).claims.first { $0.id == id })
    }

    func testOneClaimInEveryCategory() throws {
        XCTAssertEqual(try verdict("C6", creation(ratio: 50)).verdict, .confirmed)
        let strong = try verdict("C6", creation(ratio: 500))
        XCTAssertEqual(ClaimText.label(strong), "confirmed, stronger than the study (500x vs 57.0x)")
        XCTAssertEqual(try verdict("C6", creation(ratio: 10)).verdict, .directionOnly)
        let across = try verdict("C6", creation(ratio: 1.0, spread: 0.2))
        XCTAssertEqual(across.verdict, .inconclusive)
        XCTAssertEqual(across.decision?.edge, 1)
        XCTAssertEqual(try verdict("C6", creation(ratio: 0.2)).verdict, .contradicted)
        let notRun = try verdict("C1", creation(ratio: 50))
        XCTAssertEqual(notRun.verdict, .notRun)
        XCTAssertEqual(notRun.reason, .notRun(.notInRun(variant: Variant.the(.threadBrigade)!, pinned: true)))
        XCTAssertEqual(try verdict("C6", creation(ratio: 50)).variants,
                       [Variant.the(.faithfulCreation)!, Variant.the(.threadCreation)!].sorted { $0.rawValue < $1.rawValue })
    }

    func testEveryClaimIsJudgedOrSaysWhyNot() throws {
        let a = try Analyzer(resamples: 1_000).analyze(try Fixtures.results())
        XCTAssertEqual(a.claims.map(\.id), (1...10).map { "C\($0)" })
        for c in a.claims {
            if case .notRun = c.reason { XCTAssertEqual(c.verdict, .notRun, c.id) } else { XCTAssertNotNil(c.ratio, c.id) }
            XCTAssertFalse(ClaimText(a: a).reason(c).isEmpty, c.id)
        }
        // The fixture's switch costs: thread pinned 6,000 - 800 ns against a 140-150 ns in-memory hop.
        let c1 = try XCTUnwrap(a.claims.first { $0.id == "C1" })
        XCTAssertEqual(c1.ratio?.value ?? 0, 5_200.0 / 150, accuracy: 5)
    }

    /// C9 in a profile without a thread probe: the thread count is computed, the in-memory
    /// brigade stands in for the socket brigade, and the row says both.
    func testCapacitySubstitutionIsNamed() throws {
        var runs = [ProcessRun]()
        for i in 0..<3 {
            runs.append(AnalysisTests.run(Variant.the(.inMemoryBrigade)!, tasks: 250_000, pinned: false, index: i,
                                          samples: [1_000_000], group: .large))
        }
        var f = AnalysisTests.file(runs)
        f.limits = LimitsReport(entries: [], threadCapacity: 31_000, threadBinding: "kernel.pid_max",
                                linkCapacity: 9_990, linkBinding: "RLIMIT_NOFILE (soft)")
        let c9 = try verdict("C9", f)
        XCTAssertEqual(c9.verdict, .confirmed)
        XCTAssertEqual(c9.ratio?.value ?? 0, 250_000.0 / 31_000, accuracy: 1e-9)
        XCTAssertEqual(c9.substitutions, [.inMemoryForSockets(variant: Variant.the(.inMemoryBrigade)!, linkCapacity: 9_990, socketMost: nil),
                                          .threadsComputed])
        let sub = ClaimText(a: try Analyzer(resamples: 2_000).analyze(f)).substitution(c9)
        XCTAssertTrue(sub.contains("stands in for the socket brigade"), sub)
        XCTAssertTrue(sub.contains("RLIMIT_NOFILE (soft) caps at 9,990"), sub)
        XCTAssertTrue(sub.contains("threads: computed, not observed"), sub)
        // Observed by the probe: no "computed" substitution, and the observed count decides.
        f.limits?.observedThreads = 20_000
        f.limits?.observedThreadsStop = "pthread_create failed: EAGAIN"
        let observed = try verdict("C9", f)
        XCTAssertEqual(observed.ratio?.value ?? 0, 12.5, accuracy: 1e-9)
        XCTAssertFalse(observed.substitutions?.contains(.threadsComputed) ?? false)
        XCTAssertEqual(observed.figures.last?.observed, true)
        let figure = ClaimText(a: try Analyzer(resamples: 2_000).analyze(f)).figure(observed)
        XCTAssertTrue(figure.contains("observed by the thread probe (pthread_create failed: EAGAIN)"), figure)
    }

    /// C8 with only a pinned sweep above the headline N (the quick profile): the verdict says
    /// both N ran pinned, unlike the study.
    func testLargeNOnAPinnedSweepSaysSo() throws {
        let thread = Variant.the(.threadBrigade)!, async = Variant.the(.faithfulAsync)!
        var runs = [ProcessRun]()
        for i in 0..<5 {
            for pinned in [false, true] {
                runs.append(AnalysisTests.run(thread, tasks: 500, pinned: pinned, index: i, samples: [UInt64(500 * 4_000 + i)]))
                runs.append(AnalysisTests.run(async, tasks: 500, pinned: pinned, index: i, samples: [UInt64(500 * 1_000 + i)]))
            }
            runs.append(AnalysisTests.run(thread, tasks: 1_000, pinned: true, index: i, samples: [UInt64(1_000 * 4_100 + i)], group: .sweep))
            runs.append(AnalysisTests.run(async, tasks: 1_000, pinned: true, index: i, samples: [UInt64(1_000 * 1_000 + i)], group: .sweep))
        }
        let c8 = try verdict("C8", AnalysisTests.file(runs))
        XCTAssertNotEqual(c8.verdict, .notRun)
        XCTAssertTrue(c8.substitutions?.contains(.speedPinned) ?? false)
        XCTAssertTrue(c8.substitutions?.contains(.speedAt(tasks: 1_000, studyTasks: 50_000, profile: "test")) ?? false,
                      "\(c8.substitutions ?? [])")
    }
}
