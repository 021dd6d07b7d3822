import Foundation
import XCTest
@testable import Analysis
import Render
import Results
import AnalysisModel

final class CompareTests: XCTestCase {
    func comparison() throws -> Comparison {
        let a = try Fixtures.results()
        let b = try ResultsFile.load(from: Fixtures.url("results-v1-machine-b.json"))
        return try Comparer(resamples: 2_000).compare([(path: "a/results.json", results: a), (path: "b/results.json", results: b)])
    }

    /// Median of the per-process medians per hop, computed here from the raw samples.
    func handMedian(_ r: ResultsFile, _ variant: Variant, pinned: Bool) -> Double {
        func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let runs = r.runs.filter { $0.spec.group == .main && $0.spec.variant == variant && $0.spec.pinned == pinned && $0.status == .ok }
        return median(runs.map { median($0.output!.samplesNs.map { Double($0) }) / Double($0.spec.tasks) })
    }

    func testRatiosPValuesAndVerdictsMatchHandComputedValues() throws {
        let c = try comparison()
        let a = try Fixtures.results(), b = try ResultsFile.load(from: Fixtures.url("results-v1-machine-b.json"))
        let row = try XCTUnwrap(c.rows.first { $0.variant == "thread-brigade" && !$0.pinned && $0.group == .main })
        // The Hodges-Lehmann shift: the median of the 25 pairwise log differences of run medians.
        let runs = { (r: ResultsFile) in r.runs.filter { $0.spec.group == .main && $0.spec.variant == "thread-brigade" && !$0.spec.pinned && $0.status == .ok }
            .map { r -> Double in let xs = r.output!.samplesNs.map(Double.init).sorted(); let n = xs.count
                return (n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2) / Double(r.spec.tasks) } }
        let diffs = runs(b).flatMap { y in runs(a).map { x in log(y) - log(x) } }.sorted()
        XCTAssertEqual(diffs.count, 25)
        XCTAssertEqual(row.ratios[0]?.value ?? 0, exp(diffs[12]), accuracy: 1e-4)
        XCTAssertLessThan(row.ratios[0]?.lower ?? 1, row.ratios[0]?.value ?? 0)
        // 5 runs each, every B run faster than every A run: U = 0, z = (0 - 12.5 + 0.5) / sqrt(25 * 11 / 12).
        let z = -12.0 / (25.0 * 11 / 12).squareRoot()
        let p = erfc(abs(z) / 2.0.squareRoot())
        XCTAssertEqual(row.pValues[0] ?? 0, p, accuracy: 1e-9)
        XCTAssertEqual(row.verdicts[0], "faster")
        let async = try XCTUnwrap(c.rows.first { $0.variant == "async-brigade" && !$0.pinned && $0.group == .main })
        XCTAssertEqual(async.verdicts[0], "same", "the same cost on both machines, within noise")
        XCTAssertGreaterThanOrEqual(c.delta, 0.02)
    }

    func testVerdictBand() {
        let e = { (v: Double, lo: Double, hi: Double) in Estimated(value: v, lower: lo, upper: hi, method: .point) }
        // faster / slower: the 95 % CI beyond the band and p < 0.05.
        XCTAssertEqual(Comparer.verdict(e(0.5, 0.4, 0.6), equivalence: e(0.5, 0.45, 0.55), p: 0.01, delta: 0.02), "faster")
        XCTAssertEqual(Comparer.verdict(e(0.5, 0.4, 0.6), equivalence: e(0.5, 0.45, 0.55), p: 0.2, delta: 0.02), "inconclusive")
        XCTAssertEqual(Comparer.verdict(e(1.5, 1.4, 1.6), equivalence: e(1.5, 1.45, 1.55), p: 0.01, delta: 0.02), "slower")
        // same: the 90 % CI inside the band, though the 95 % one reaches past it (two one-sided tests).
        XCTAssertEqual(Comparer.verdict(e(1.0, 0.97, 1.03), equivalence: e(1.0, 0.99, 1.01), p: 0.9, delta: 0.02), "same")
        XCTAssertEqual(Comparer.verdict(e(1.0, 0.9, 1.1), equivalence: e(1.0, 0.92, 1.08), p: 0.9, delta: 0.02), "inconclusive")
    }

    /// Runs per side that would decide: a 90 % CI of log half-width ln(1.2) around 1.0 with 5 runs
    /// per side must shrink to ln(1.1) (the band): 5 x (ln 1.2 / ln 1.1)^2 = 18.3 -> 19 runs. A
    /// ratio sitting on the band's edge gets none.
    func testRunsNeededFollowTheSpread() {
        let r = Estimated(value: 1, lower: 1 / 1.2, upper: 1.2, method: .point)
        XCTAssertEqual(Comparer.runsNeeded(r, runs: (5, 5), delta: 0.1), 19)
        XCTAssertNil(Comparer.runsNeeded(Estimated(value: 1.1, lower: 0.9, upper: 1.3, method: .point), runs: (5, 5), delta: 0.1))
    }

    func testDifferentParametersAreListedNotCompared() throws {
        var b = try ResultsFile.load(from: Fixtures.url("results-v1-machine-b.json"))
        for i in b.runs.indices where b.runs[i].spec.variant == "nio-brigade" { b.runs[i].spec.iterations = 99 }
        b.configuration.plan = b.runs.map(\.spec)
        let c = try Comparer(resamples: 500).compare([(path: "a", results: try Fixtures.results()), (path: "b", results: b)])
        XCTAssertTrue(c.notComparable.contains { $0.contains("nio-brigade") }, "\(c.notComparable)")
        XCTAssertEqual(c.rows.first { $0.variant == "nio-brigade" }?.verdicts, ["not run"])
    }

    func testComparisonMatchesGoldenFile() throws {
        let set = try TemplateSet.load(from: Fixtures.packageRoot.appendingPathComponent("report-templates"))
        let r = try ComparisonRenderer.render(try comparison(), templates: set)
        assertSnapshot(r.markdown, named: "COMPARISON.md")
        XCTAssertEqual(r.charts.count, 1)
        XCTAssertEqual(Array(r.charts[0].png.prefix(4)), [137, 80, 78, 71])
    }
}
