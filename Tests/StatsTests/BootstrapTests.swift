import XCTest
import Stats

final class BootstrapTests: XCTestCase {
    private let timing = Reference.shared.sample("timing20").values
    private let skewed = Reference.shared.sample("skewedOutliers25").values

    func testSameSeedSameInterval() {
        let a = Bootstrap(seed: 42).medianCI(timing)
        let b = Bootstrap(seed: 42).medianCI(timing)
        XCTAssertEqual(a, b)
    }

    func testCallOrderDoesNotMatter() {
        let boot = Bootstrap(seed: 7)
        let first = boot.ratioOfMediansCI(timing, skewed)
        _ = boot.medianCI(skewed)
        XCTAssertEqual(boot.ratioOfMediansCI(timing, skewed), first)
    }

    func testDifferentSeedDifferentInterval() {
        // A median's bootstrap bounds are order statistics, so for one sample two seeds often
        // land on the same ones; a ratio of two medians takes many more distinct values.
        XCTAssertNotEqual(
            Bootstrap(seed: 1).ratioOfMediansCI(timing, skewed), Bootstrap(seed: 2).ratioOfMediansCI(timing, skewed))
        XCTAssertNotEqual(
            Bootstrap(seed: 1).differenceOfMediansCI(skewed, timing),
            Bootstrap(seed: 2).differenceOfMediansCI(skewed, timing))
    }

    func testHighSeedBitsMatter() {
        // GSL's MT19937 keeps only 32 bits of the seed; Bootstrap folds the high half in.
        XCTAssertNotEqual(
            Bootstrap(seed: 5).ratioOfMediansCI(timing, skewed),
            Bootstrap(seed: 5 | 1 << 40).ratioOfMediansCI(timing, skewed))
    }

    func testIntervalContainsSampleMedian() {
        for sample in Reference.shared.samples {
            let ci = Bootstrap(seed: 2026).medianCI(sample.values)
            XCTAssertTrue(ci.contains(summarize(sample.values).median), "\(sample.name): \(ci)")
        }
    }

    func testSingleValueIsDegenerate() {
        XCTAssertEqual(Bootstrap(seed: 1).medianCI([3.5]), Interval(lower: 3.5, upper: 3.5))
        XCTAssertEqual(Bootstrap(seed: 1).ratioOfMediansCI([3.0], [2.0]), Interval(lower: 1.5, upper: 1.5))
        XCTAssertEqual(Bootstrap(seed: 1).differenceOfMediansCI([3.0], [2.0]), Interval(lower: 1, upper: 1))
    }

    func testConstantSampleIsExact() {
        XCTAssertEqual(Bootstrap(seed: 9).medianCI(Array(repeating: 0.1, count: 6)), Interval(lower: 0.1, upper: 0.1))
    }

    func testCloseToNumpyPercentileBootstrap() {
        // Different generators, so only loosely: each bound within a tenth of the sample range.
        for c in Reference.shared.bootstrapNumpy {
            let values = Reference.shared.sample(c.name).values
            let s = summarize(values)
            let ci = Bootstrap(seed: 3).medianCI(values)
            let slack = (s.max - s.min) / 10
            XCTAssertEqual(ci.lower, c.medianCI95.lower, accuracy: slack, c.name)
            XCTAssertEqual(ci.upper, c.medianCI95.upper, accuracy: slack, c.name)
        }
    }

    func testRatioAndDifferenceBracketThePointEstimates() {
        let a = timing, b = timing.map { $0 * 0.5 + 100 }
        let ma = summarize(a).median, mb = summarize(b).median
        XCTAssertTrue(Bootstrap(seed: 4).ratioOfMediansCI(a, b).contains(ma / mb))
        XCTAssertTrue(Bootstrap(seed: 4).differenceOfMediansCI(a, b).contains(ma - mb))
        let same = Bootstrap(seed: 4).ratioOfMediansCI(a, a)
        XCTAssertTrue(same.contains(1))
    }

    func testCoverageOfKnownMedian() {
        // Samples of 15 from a distribution with median 100: the 95 % interval should cover
        // 100 in most of 200 trials (percentile bootstrap of small samples undercovers a
        // little, so accept 85 % .. 100 %).
        var generator = SplitMix(seed: 12345)
        var covered = 0
        let trials = 200
        for trial in 0..<trials {
            let xs = (0..<15).map { _ in 100 * exp(0.3 * generator.normal()) }
            if Bootstrap(seed: UInt64(trial), resamples: 2_000).medianCI(xs).contains(100) {
                covered += 1
            }
        }
        XCTAssertGreaterThanOrEqual(covered, Int(0.85 * Double(trials)), "covered \(covered)/\(trials)")
    }

    func testTenThousandResamplesAreFast() {
        let start = ContinuousClock.now
        _ = Bootstrap(seed: 1).ratioOfMediansCI(timing, skewed)
        let elapsed = ContinuousClock.now - start
        XCTAssertLessThan(elapsed, .milliseconds(500), "B = 10,000 over two samples took \(elapsed)")
    }
}

/// Small deterministic generator for test data (independent of GSL).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Box-Muller standard normal.
    mutating func normal() -> Double {
        let u1 = max(uniform(), .leastNonzeroMagnitude), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
