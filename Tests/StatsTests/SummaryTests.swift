import XCTest
import Stats

final class SummaryTests: XCTestCase {
    func testSummaryMatchesNumpy() {
        for sample in Reference.shared.samples {
            let s = summarize(sample.values)
            let r = sample.summary
            let name = sample.name
            XCTAssertEqual(s.n, r.n, name)
            assertClose(s.mean, r.mean, "\(name) mean")
            assertClose(s.sd, r.sd, relative: 1e-10, "\(name) sd")
            assertClose(s.median, r.median, "\(name) median")
            XCTAssertEqual(s.min, r.min, "\(name) min")
            XCTAssertEqual(s.max, r.max, "\(name) max")
            assertClose(s.q1, r.q1, "\(name) q1")
            assertClose(s.q3, r.q3, "\(name) q3")
            assertClose(s.p90, r.p90, "\(name) p90")
            assertClose(s.p99, r.p99, "\(name) p99")
        }
    }

    func testSingleValueHasZeroSD() {
        let s = summarize([42.5])
        XCTAssertEqual(s.sd, 0)
        XCTAssertEqual(s.median, 42.5)
        XCTAssertEqual(s.p99, 42.5)
    }

    func testConstantSampleQuantilesAreExact() {
        // GSL interpolates as (1-d)*a + d*b, which is not always exactly a when a == b.
        for value in [0.1, 7.25, 1e-300, 3589.123] {
            let s = summarize(Array(repeating: value, count: 7))
            XCTAssertEqual([s.q1, s.median, s.q3, s.p90, s.p99], Array(repeating: value, count: 5))
        }
    }

    func testSummaryDoesNotReorderInput() {
        let xs = [3.0, 1.0, 2.0]
        _ = summarize(xs)
        XCTAssertEqual(xs, [3.0, 1.0, 2.0])
    }

    func testSummaryRoundTripsThroughJSON() throws {
        let s = summarize(Reference.shared.sample("skewedOutliers25").values)
        let decoded = try JSONDecoder().decode(Summary.self, from: JSONEncoder().encode(s))
        XCTAssertEqual(decoded, s)
    }

    func testTukeyCountsMatchNumpyFences() {
        for sample in Reference.shared.samples {
            let c = tukeyOutliers(sample.values)
            let r = sample.tukey
            XCTAssertEqual(c, OutlierCounts(
                lowSevere: r.lowSevere, lowMild: r.lowMild, highMild: r.highMild, highSevere: r.highSevere),
                sample.name)
        }
        XCTAssertEqual(tukeyOutliers(Reference.shared.sample("tukeyAllKinds").values).total, 4)
    }

    func testGSLVersionIsReported() {
        XCTAssertTrue(Stats.gslVersion.hasPrefix("2."), Stats.gslVersion)
    }
}
