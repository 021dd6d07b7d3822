import XCTest
import Stats

final class StatsErrorTests: XCTestCase {
    func testDescriptionsNameTheCause() {
        let gsl = StatsError.gsl(function: "gsl_multifit_robust", status: 11, message: "exceeded max number of iterations")
        XCTAssertEqual("\(gsl)", "GSL error in gsl_multifit_robust: exceeded max number of iterations (status 11)")
        XCTAssertEqual("\(StatsError.insufficientData("2 points"))", "insufficient data: 2 points")
    }
}
