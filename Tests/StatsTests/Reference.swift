import Foundation
import XCTest

/// The numpy/scipy reference values in `Reference/reference.json`, written by
/// `Reference/make_reference.py`.
struct Reference: Decodable {
    struct Bounds: Decodable {
        var lower: Double
        var upper: Double
    }
    struct SummaryValues: Decodable {
        var n: Int
        var mean, sd, median, min, max, q1, q3, p90, p99: Double
    }
    struct Tukey: Decodable {
        var lowSevere, lowMild, highMild, highSevere: Int
    }
    struct Sample: Decodable {
        var name: String
        var values: [Double]
        var summary: SummaryValues
        var tInterval95: Bounds?
        var tInterval90: Bounds?
        var tukey: Tukey
    }
    struct TQuantile: Decodable {
        var p, df, value: Double
    }
    struct SpearmanCase: Decodable {
        var name: String
        var x, y: [Double]
        var rho: Double
    }
    struct FitCase: Decodable {
        var name: String
        var x, y: [Double]
        var intercept, interceptSE, slope, slopeSE, rSquared, residualSD: Double
        var certified: Bool
        var slopeCI95: Bounds
        var expectRobustDisagrees: Bool?
    }
    struct MannWhitneyCase: Decodable {
        var name: String
        var a, b: [Double]
        var u, z, p: Double
    }
    struct BootstrapCase: Decodable {
        var name: String
        var medianCI95: Bounds
    }

    var generator: String
    var samples: [Sample]
    var tQuantiles: [TQuantile]
    var spearman: [SpearmanCase]
    var linearFits: [FitCase]
    var mannWhitney: [MannWhitneyCase]
    var bootstrapNumpy: [BootstrapCase]

    /// Loaded once from the test bundle.
    static let shared: Reference = {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Reference")
        else { fatalError("Reference/reference.json missing from the test bundle") }
        do {
            return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot decode reference.json: \(error)")
        }
    }()

    func sample(_ name: String) -> Sample {
        guard let s = samples.first(where: { $0.name == name }) else { fatalError("no sample \(name)") }
        return s
    }
}

/// Asserts `|actual - expected| <= max(relative * |expected|, absolute)`.
func assertClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-12, absolute: Double = 1e-12,
    _ what: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let tolerance = max(relative * abs(expected), absolute)
    XCTAssert(
        abs(actual - expected) <= tolerance,
        "\(what()): got \(actual), expected \(expected) (tolerance \(tolerance))", file: file, line: line)
}
