import XCTest
@testable import Analysis
@testable import Render
import Results
import AnalysisModel

/// Issue 18's rules on constructed cases: the cause of a verdict that is not confirmed
/// (machine, Swift design, Swift implementation), C12 against this machine's one-byte lead,
/// C8's memory at the study's N from the fits, and one order of sides everywhere.
final class AttributionTests: XCTestCase {
    let thread = Variant.the(.threadBrigade)!
    let faithful = Variant.the(.faithfulAsync)!
    let cThread: Variant = "c-thread-brigade", cEpollMT: Variant = "c-epoll-brigade-mt"

    /// Five runs per hop value (ns), N = 500, with a 1 % jitter.
    static func runs(_ variant: Variant, _ perHop: Double, pinned: Bool, group: RunGroup = .main, tasks: Int = 500,
              inFlight: Int? = nil) -> [ProcessRun] {
        (0..<5).map { i in
            var r = AnalysisTests.run(variant, tasks: tasks, pinned: pinned, index: i, samples: [1], group: group)
            r.spec.inFlight = inFlight
            let units = Double(r.spec.unitsPerIteration)
            r.output!.samplesNs = [UInt64(perHop * units * (1 + 0.01 * Double(i - 2)))]
            return r
        }
    }

    func c4(_ extra: [ProcessRun]) throws -> ClaimVerdict {
        // Swift: threads pinned 6 µs against the faithful async brigade's 3 µs: C4 contradicted (2x > 1.5).
        let r = Self.runs(thread, 6_000, pinned: true) + Self.runs(faithful, 3_000, pinned: false) + extra
        return try XCTUnwrap(try Analyzer(resamples: 1_000).analyze(AnalysisTests.file(r)).claims.first { $0.id == "C4" })
    }

    func testTheMachineWhenTheFloorsAgree() throws {
        let v = try c4(Self.runs(cThread, 5_800, pinned: true) + Self.runs(cEpollMT, 2_900, pinned: false))
        XCTAssertEqual(v.verdict, .contradicted)
        let cause = try XCTUnwrap(v.cause)
        XCTAssertEqual(cause.kind, .machine)
        XCTAssertEqual(cause.floorVerdict, .contradicted)
        // The thread side moved: 6 µs here against the study's 3.417 µs, its floor 5.8 µs.
        let side = try XCTUnwrap(cause.sides.first)
        XCTAssertEqual(side.variant, thread)
        XCTAssertEqual(side.here, 6_000, accuracy: 1)
        XCTAssertEqual(side.study, 3_417)
        XCTAssertEqual(side.floor ?? 0, 5_800, accuracy: 1)
        XCTAssertEqual(side.moved ?? 0, 6_000 / 3_417, accuracy: 1e-3)
    }

    func testTheImplementationWhenTheFloorsKeepTheClaim() throws {
        let v = try c4(Self.runs(cThread, 3_000, pinned: true) + Self.runs(cEpollMT, 2_900, pinned: false))
        XCTAssertEqual(v.cause?.kind, .swiftImplementation)
        XCTAssertEqual(v.cause?.floorVerdict, .confirmed)
    }

    func testTheDesignWhenAnotherSwiftDesignKeepsTheClaim() throws {
        // No floors ran; the NIO-based async brigade (default executor) at 5 µs: 6 / 5 = 1.2 <= 1.5.
        let v = try c4(Self.runs("async-brigade", 5_000, pinned: false))
        XCTAssertEqual(v.cause?.kind, .swiftDesign)
        XCTAssertEqual(v.cause?.design, "async-brigade")
        XCTAssertEqual(v.cause?.floorVerdict, .notRun, "the floors play the roles but did not run")
    }

    func testConfirmedVerdictsHaveNoCause() throws {
        let r = Self.runs(thread, 3_000, pinned: true) + Self.runs(faithful, 3_000, pinned: false)
        let v = try XCTUnwrap(try Analyzer(resamples: 1_000).analyze(AnalysisTests.file(r)).claims.first { $0.id == "C4" })
        XCTAssertEqual(v.verdict, .confirmed)
        XCTAssertNil(v.cause)
    }

    /// C12: the lead falls from 4.4x at one byte to 1.9x at K = 64: 0.43 of the one-byte lead,
    /// outside [0.667, 1.5]: contradicted, the lead smaller, whatever the study's one-byte 1.48x.
    func testC12IsJudgedAgainstThisMachinesOneByteLead() throws {
        let r = Self.runs(thread, 13_200, pinned: false) + Self.runs(faithful, 3_000, pinned: false)
            + Self.runs(thread, 5_700, pinned: false, group: .inFlight, inFlight: 64)
            + Self.runs(faithful, 3_000, pinned: false, group: .inFlight, inFlight: 64)
        let a = try Analyzer(resamples: 1_000).analyze(AnalysisTests.file(r))
        let c12 = try XCTUnwrap(a.openQuestions?.first { $0.id == "C12" })
        XCTAssertEqual(c12.ratio?.value ?? 0, (5_700.0 / 3_000) / (13_200.0 / 3_000), accuracy: 1e-3)
        XCTAssertEqual(c12.verdict, .contradicted)
        XCTAssertEqual(c12.qualifier, .side(factor: 13_200.0 / 5_700, larger: false))
        XCTAssertEqual(ClaimText.label(c12), "contradicted: the lead at many bytes in flight 2.32x smaller; async still 1.90x faster at K=64")
        let figure = ClaimText(a: a).figure(c12)
        XCTAssertTrue(figure.hasPrefix("thread/async per hop 4.40x at K=1, 1.90x at K=64"), figure)
    }

    /// C8's memory like for like: resident size at the study's 50,000 from the two fitted lines,
    /// 18 MiB + N x 8.5 KiB against 18 MiB + N x 1.5 KiB: 443 / 91.2 MiB = 4.86x.
    func testC8ComparesMemoryAtTheStudysN() throws {
        var r = [ProcessRun]()
        for (variant, slope) in [(thread, 8.5 * 1024), (faithful, 1.5 * 1024)] {
            for (i, n) in [100, 400, 700, 1_000].enumerated() {
                var run = AnalysisTests.run(variant, tasks: n, pinned: false, index: i, samples: [1], group: .memory, kind: .memory)
                let rss = UInt64(18 * 1_048_576 + Double(n) * slope)
                run.output!.memory = MemoryReading(rssBytes: rss, pssBytes: rss, baselineRssBytes: 18 * 1_048_576,
                                                   kernelStackDeltaBytes: nil, pageTablesDeltaBytes: nil)
                r.append(run)
            }
        }
        let a = try Analyzer(resamples: 1_000).analyze(AnalysisTests.file(r))
        let c8 = try XCTUnwrap(a.claims.first { $0.id == "C8" })
        let base: Double = 18 * 1_048_576
        let threads: Double = base + 50_000 * 8.5 * 1024
        let tasks: Double = base + 50_000 * 1.5 * 1024
        let expected = threads / tasks
        XCTAssertEqual(c8.ratio?.value ?? 0, expected, accuracy: 1e-6)
        XCTAssertEqual(c8.verdict, .directionOnly)
        XCTAssertEqual(c8.figures.filter { $0.quantity == .residentAt }.map(\.value), [threads, tasks])
        XCTAssertEqual(c8.parts?.map(\.verdict), [.directionOnly, .notRun])
        // The memory part decides, so the cause reads the fitted bytes per member, not the hops.
        XCTAssertEqual(c8.cause?.sides.map(\.quantity), [.memorySlope, .memorySlope])
        XCTAssertEqual(c8.cause?.sides.first?.here ?? 0, 8.5 * 1024, accuracy: 1)
        XCTAssertEqual(c8.cause?.kind, .undetermined, "no Rust twin ran here")
        let text = ClaimText(a: a)
        XCTAssertTrue(text.figure(c8).hasPrefix("resident at N=50,000 from the fits"), text.figure(c8))
        XCTAssertTrue(text.reason(c8).contains("speed: not run"), text.reason(c8))
    }

    /// An inconclusive verdict whose estimate falls where the claim holds: nothing moved, the
    /// interval is too wide; the cause says so instead of blaming the machine or Swift.
    func testTooFewRunsWhenOnlyTheIntervalIsOpen() throws {
        let single = Variant.the(.singleThreadAsync)!
        var r = [ProcessRun]()
        for (i, v) in [900.0, 1_100, 1_300, 1_500, 1_700].enumerated() {
            r.append(AnalysisTests.run(faithful, tasks: 500, pinned: false, index: i, samples: [UInt64(v * 500)]))
        }
        r += Self.runs(single, 1_000, pinned: false)
        let c5 = try XCTUnwrap(try Analyzer(resamples: 1_000).analyze(AnalysisTests.file(r)).claims.first { $0.id == "C5" })
        XCTAssertEqual(c5.verdict, .inconclusive)
        XCTAssertEqual(c5.cause?.kind, .spread)
    }

    /// C8 needs both parts: memory direction only (4.9x at 50,000) and speed contradicted (the
    /// thread/async ratio triples from N = 500 to 5,000): contradicted, and the detail says speed.
    func testC8ContradictedSpeedSettlesItWhateverTheMemory() throws {
        var r = Self.memoryRuns()
        r += Self.runs(thread, 4_000, pinned: false) + Self.runs(faithful, 1_000, pinned: false)
        r += Self.runs(thread, 12_000, pinned: false, group: .sweep, tasks: 5_000) + Self.runs(faithful, 1_000, pinned: false, group: .sweep, tasks: 5_000)
        let a = try Analyzer(resamples: 1_000).analyze(AnalysisTests.file(r))
        let c8 = try XCTUnwrap(a.claims.first { $0.id == "C8" })
        XCTAssertEqual(c8.verdict, .contradicted)
        guard case .part(.speed, _)? = c8.qualifier else { return XCTFail("\(String(describing: c8.qualifier))") }
        let reason = ClaimText(a: a).reason(c8)
        XCTAssertTrue(reason.contains("memory at 50,000") && reason.contains("speed: "), reason)
    }

    /// C12 on 2-run points: no interval from so few, so not judged (and the reason says why).
    func testC12NeedsThreeRunsAPoint() throws {
        let two = { (rs: [ProcessRun]) in Array(rs.prefix(2)) }
        let r = Self.runs(thread, 13_200, pinned: false) + Self.runs(faithful, 3_000, pinned: false)
            + two(Self.runs(thread, 5_700, pinned: false, group: .inFlight, inFlight: 64))
            + two(Self.runs(faithful, 3_000, pinned: false, group: .inFlight, inFlight: 64))
        let c12 = try XCTUnwrap(try Analyzer(resamples: 500).analyze(AnalysisTests.file(r)).openQuestions?.first { $0.id == "C12" })
        XCTAssertEqual(c12.verdict, .notRun)
        XCTAssertEqual(c12.reason, .notRun(.fewInFlightRuns(k: 64, runs: [2, 2])))
    }

    /// Memory runs of each series (18 MiB + N x slope bytes; by default the thread brigade at
    /// 8.5 KiB and the faithful async brigade at 1.5 KiB), with a little noise so the bootstrap has
    /// something to resample.
    static func memoryRuns(_ series: [(Variant, Double)] = [(Variant.the(.threadBrigade)!, 8.5 * 1024),
                                                           (Variant.the(.faithfulAsync)!, 1.5 * 1024)]) -> [ProcessRun] {
        var r = [ProcessRun]()
        for (variant, slope) in series {
            for (i, n) in [100, 400, 700, 1_000].enumerated() {
                var run = AnalysisTests.run(variant, tasks: n, pinned: false, index: i, samples: [1], group: .memory, kind: .memory)
                let rss = UInt64(18 * 1_048_576 + Double(n) * slope + Double(i % 2) * 40_000)
                run.output!.memory = MemoryReading(rssBytes: rss, pssBytes: rss, baselineRssBytes: 18 * 1_048_576,
                                                   kernelStackDeltaBytes: nil, pageTablesDeltaBytes: nil)
                r.append(run)
            }
        }
        return r
    }

    /// One order of sides: each study figure, this machine's figure and the ratio read numerator
    /// first (threads before async for C1, C3, C4, C6, C7).
    func testEveryClaimReadsNumeratorFirst() throws {
        let a = try Analyzer(resamples: 500).analyze(try Fixtures.results())
        for id in ["C1", "C3", "C4", "C6"] {
            let c = try XCTUnwrap(a.claims.first { $0.id == id })
            XCTAssertEqual(c.figures.count, 2, "\(c.figures)")
            XCTAssertTrue(c.figures[0].variant?.rawValue.hasPrefix("thread") ?? false, "\(id): \(c.figures)")
            let n = try XCTUnwrap(c.ratio?.value)
            XCTAssertTrue(n > 1, "\(id): the thread side is the numerator and the dearer here")
            let studyFigure = try XCTUnwrap(StudyReference.shared.claim(id)?.studyFigure)
            XCTAssertTrue(studyFigure.contains("thread"), "\(id): \(studyFigure)")
            let threadFirst = studyFigure.range(of: "thread")!.lowerBound < (studyFigure.range(of: "async") ?? studyFigure.range(of: "task"))!.lowerBound
            XCTAssertTrue(threadFirst, "\(id): \(studyFigure)")
        }
    }
}

/// C11 per switch: the pipe I/O baseline both switches subtract is one group of the bootstrap,
/// resampled once per replicate (its noise cancels), and one input of the ratio.
final class SharedBaselineTests: XCTestCase {
    func testASharedBaselineIsOneInput() throws {
                let epoll = Variant.the(.singleThreadAsync)!, uring = Variant.the(.completionAsync)!
        let base = Variant.the(.ioBaseline)!
        let r = AttributionTests.runs(epoll, 3_000, pinned: false) + AttributionTests.runs(uring, 3_200, pinned: false) + AttributionTests.runs(base, 1_000, pinned: false)
        let a = try Analyzer(resamples: 1_000).analyze(AnalysisTests.file(r))
        let c11 = try XCTUnwrap(a.openQuestions?.first { $0.id == "C11" })
        XCTAssertEqual(c11.ratio?.value ?? 0, 2_000.0 / 2_200, accuracy: 1e-3)
        let inputs = try XCTUnwrap(c11.inputs)
        XCTAssertEqual(inputs.count, 3, "\(inputs)")
        // d ln r / d ln B = B (1 / (U - B) - 1 / (E - B)) = 1,000 (1 / 2,200 - 1 / 2,000) = -0.0455.
        let b = try XCTUnwrap(inputs.first { $0.point.contains("/\(base)/") })
        XCTAssertEqual(b.elasticity, 1_000 * (1 / 2_200.0 - 1 / 2_000.0), accuracy: 2e-3)
    }
}
