import XCTest
import Stats

final class LinearFitTests: XCTestCase {
    func testFitsMatchReference() throws {
        for c in Reference.shared.linearFits {
            let f = try linearFit(x: c.x, y: c.y)
            // GSL matches NIST's 15-digit Norris certificate to about 2e-14; scipy's standard
            // errors (computed another way) agree with GSL to about 4e-12.
            let tol = c.certified ? 1e-12 : 1e-11
            XCTAssertEqual(f.n, c.x.count)
            assertClose(f.slope, c.slope, relative: tol, c.name + " slope")
            assertClose(f.intercept, c.intercept, relative: tol, absolute: 1e-9, c.name + " intercept")
            assertClose(f.slopeSE, c.slopeSE, relative: tol, c.name + " slope SE")
            assertClose(f.interceptSE, c.interceptSE, relative: tol, c.name + " intercept SE")
            assertClose(f.rSquared, c.rSquared, relative: tol, c.name + " R^2")
            assertClose(f.residualSD, c.residualSD, relative: tol, c.name + " residual SD")
            assertClose(f.slopeCI.lower, c.slopeCI95.lower, relative: tol, c.name + " CI lower")
            assertClose(f.slopeCI.upper, c.slopeCI95.upper, relative: tol, c.name + " CI upper")
            if let expected = c.expectRobustDisagrees {
                XCTAssertEqual(f.robustDisagrees, expected, c.name + " robust cross-check")
                XCTAssertNotNil(f.robustSlope, c.name)
                XCTAssertNotNil(f.robustSlopeSE, c.name)
            }
        }
    }

    func testRobustSlopeIgnoresOutliers() throws {
        let c = try XCTUnwrap(Reference.shared.linearFits.first { $0.name == "rssWithOutliers" })
        let f = try linearFit(x: c.x, y: c.y)
        let robust = try XCTUnwrap(f.robustSlope)
        XCTAssertEqual(robust, 9728, accuracy: 100, "bisquare should recover the slope the data was drawn with")
        XCTAssertFalse(f.slopeCI.contains(9728) && !f.robustDisagrees)
    }

    func testExactLineHasRSquaredOneAndAgrees() throws {
        let x = [1.0, 2, 3, 4, 5], y = x.map { 3 + 2 * $0 }
        let f = try linearFit(x: x, y: y)
        XCTAssertEqual(f.slope, 2, accuracy: 1e-12)
        XCTAssertEqual(f.intercept, 3, accuracy: 1e-12)
        XCTAssertEqual(f.rSquared, 1, accuracy: 1e-12)
        XCTAssertFalse(f.robustDisagrees)
    }

    func testConstantYIsAFlatExactFit() throws {
        let f = try linearFit(x: [1, 2, 3, 4], y: [5, 5, 5, 5])
        XCTAssertEqual(f.slope, 0)
        XCTAssertEqual(f.rSquared, 1)
        XCTAssertNoThrow(try JSONEncoder().encode(f), "no NaN may reach analysis.json")
    }

    func testTooFewPointsThrows() {
        XCTAssertThrowsError(try linearFit(x: [1, 2], y: [1, 2])) { error in
            guard case StatsError.insufficientData = error else { return XCTFail("\(error)") }
        }
    }

    func testConstantXThrows() {
        XCTAssertThrowsError(try linearFit(x: [3, 3, 3], y: [1, 2, 3])) { error in
            guard case StatsError.insufficientData = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("distinct x"))
        }
    }

    func testFitRoundTripsThroughJSON() throws {
        let c = Reference.shared.linearFits[0]
        let f = try linearFit(x: c.x, y: c.y)
        XCTAssertEqual(try JSONDecoder().decode(LinearFit.self, from: JSONEncoder().encode(f)), f)
    }
}
