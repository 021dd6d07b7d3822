import XCTest
import Stats

/// t quantiles and intervals, Spearman, Mann-Whitney.
final class InferenceTests: XCTestCase {
    func testTQuantilesMatchScipy() {
        for q in Reference.shared.tQuantiles {
            assertClose(tQuantile(q.p, degreesOfFreedom: q.df), q.value, relative: 1e-10, "t(\(q.p), \(q.df))")
        }
    }

    func testMeanTIntervalMatchesScipy() throws {
        for sample in Reference.shared.samples {
            for (level, expected) in [(0.95, sample.tInterval95), (0.90, sample.tInterval90)] {
                let interval = meanTInterval(sample.values, level: level)
                guard let expected else {
                    XCTAssertNil(interval, "\(sample.name) has n < 2")
                    continue
                }
                let got = try XCTUnwrap(interval, sample.name)
                assertClose(got.lower, expected.lower, relative: 1e-10, absolute: 1e-10, "\(sample.name) lower")
                assertClose(got.upper, expected.upper, relative: 1e-10, absolute: 1e-10, "\(sample.name) upper")
                XCTAssertTrue(got.contains(summarize(sample.values).mean))
            }
        }
    }

    func testSpearmanMatchesScipy() {
        for c in Reference.shared.spearman {
            assertClose(spearman(c.x, c.y), c.rho, relative: 1e-12, absolute: 1e-12, c.name)
        }
    }

    func testSpearmanOfConstantIsNaN() {
        XCTAssertTrue(spearman([1, 2, 3], [5, 5, 5]).isNaN)
    }

    /// Hand-computed: a = 0, 1, 2 and b = 3, 4, 5 give the pairwise differences 1 2 2 3 3 3 4 4 5,
    /// median 3; at 50 % z = 0.6745 and k = floor(4.5 - 0.6745 sqrt(9 x 7 / 12)) = 2, so the
    /// interval is the 2nd smallest and 2nd largest difference: [2, 4].
    func testHodgesLehmannShiftAndItsInterval() {
        let hl = hodgesLehmannShift([0, 1, 2], [3, 4, 5], level: 0.5)
        XCTAssertEqual(hl.estimate, 3)
        XCTAssertEqual(hl.interval.lower, 2)
        XCTAssertEqual(hl.interval.upper, 4)
        XCTAssertTrue(hl.reached)
        // At 95 % k = floor(4.5 - 1.96 x 2.29) = 0: 3 runs a side cannot give a 95 % interval, so
        // the whole range of differences stands in, and says so.
        let wide = hodgesLehmannShift([0, 1, 2], [3, 4, 5], level: 0.95)
        XCTAssertFalse(wide.reached)
        XCTAssertEqual(wide.interval.lower, 1)
        XCTAssertEqual(wide.interval.upper, 5)
        // An even count takes the mean of the middle two: differences 1 and 2.
        XCTAssertEqual(hodgesLehmannShift([0], [1, 2], level: 0.5).estimate, 1.5)
    }

    func testMannWhitneyMatchesScipy() {
        for c in Reference.shared.mannWhitney {
            let r = mannWhitney(c.a, c.b)
            assertClose(r.u, c.u, c.name + " U")
            assertClose(r.z, c.z, relative: 1e-12, absolute: 1e-12, c.name + " z")
            assertClose(r.p, c.p, relative: 1e-10, absolute: 1e-14, c.name + " p")
        }
    }

    func testMannWhitneyIsAntisymmetric() {
        let a = [1.0, 2, 2, 3, 5, 5, 8], b = [2.0, 3, 3, 4, 6, 9, 9, 10, 12]
        let ab = mannWhitney(a, b), ba = mannWhitney(b, a)
        XCTAssertEqual(ab.u + ba.u, Double(a.count * b.count))
        XCTAssertEqual(ab.z, -ba.z)
        XCTAssertEqual(ab.p, ba.p)
    }

    func testMannWhitneyAllTied() {
        let r = mannWhitney([3, 3, 3], [3, 3])
        XCTAssertEqual(r, MannWhitney(u: 3, z: 0, p: 1))
    }
}
