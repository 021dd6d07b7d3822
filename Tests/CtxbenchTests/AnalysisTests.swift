import Foundation
import XCTest
@testable import Analysis
import Results
import AnalysisModel

final class AnalysisTests: XCTestCase {
    static func run(_ variant: Variant, tasks: Int, pinned: Bool, index: Int, samples: [UInt64], group: RunGroup = .main,
                    kind: VariantKind = .brigade) -> ProcessRun {
        let spec = RunSpec(variant: variant, kind: kind, tasks: tasks, iterations: samples.count, warmups: 0,
                           pinned: pinned, runIndex: index, group: group)
        let usage = ResourceUsage(userSeconds: 0, systemSeconds: 0, voluntarySwitches: 0, involuntarySwitches: 0, maxRSSKiB: 1)
        let out = WorkloadOutput(samplesNs: samples, check: "test", allowedCPUs: [0], grantedCPUs: [0], rusage: usage,
                                 timedRusage: usage, threads: 1)
        return ProcessRun(spec: spec, status: .ok, wallSeconds: 1, loadBefore: 0, loadAfter: 0, output: out)
    }

    static func file(_ runs: [ProcessRun]) -> ResultsFile {
        let env = Environment(cpuModel: "test", logicalCPUs: 2, allowedCPUs: [0, 1], kernel: "k", os: "os", swiftVersion: "s",
                              ctxbenchCommit: "c", hostname: "h", date: "d", virtualization: "none", governor: "performance",
                              memoryBytes: 1, loadAverageStart: 0, loadAverageEnd: 0, commandLine: [])
        let config = Configuration(profile: "test", seed: 7, only: nil, pin: .both, runsPerPoint: 3, plan: runs.map(\.spec))
        var f = ResultsFile(environment: env, configuration: config, ctxbenchVersion: "test")
        f.runs = runs
        f.complete = true
        return f
    }

    /// Hand-computed: medians 200, 400, 300 ns per iteration over 2 tasks -> per hop 100, 200, 150;
    /// median of medians 150 ns; the bootstrap CI of the median of 3 values lies within [100, 200].
    func testPerHopIsMedianOfProcessMediansOverTasks() throws {
        let runs = [
            Self.run("thread-brigade", tasks: 2, pinned: true, index: 0, samples: [100, 200, 300]),
            Self.run("thread-brigade", tasks: 2, pinned: true, index: 1, samples: [300, 400, 500]),
            Self.run("thread-brigade", tasks: 2, pinned: true, index: 2, samples: [300, 300, 300]),
        ]
        let a = try Analyzer(resamples: 2_000).analyze(Self.file(runs))
        let p = try XCTUnwrap(a.points.first)
        XCTAssertEqual(p.runsOK, 3)
        XCTAssertEqual(p.perProcess.map(\.median), [200, 400, 300])
        XCTAssertEqual(p.perUnit?.value, 150)
        XCTAssertEqual(p.minPerUnit, 50)
        let ci = try XCTUnwrap(p.perUnit)
        XCTAssertGreaterThanOrEqual(ci.lower, 100)
        XCTAssertLessThanOrEqual(ci.upper, 200)
        XCTAssertEqual(ci.method, .bootstrap(level: 0.95, runs: [3]))
        // mean over all 9 samples per hop: 2700 / 9 / 2
        XCTAssertEqual(p.meanPerUnit?.value ?? 0, 150, accuracy: 1e-9)
    }

    func testSwitchCostIsBrigadeMinusOneThreadBaseline() throws {
        var runs = [ProcessRun]()
        for i in 0..<3 {
            runs.append(Self.run("thread-brigade", tasks: 10, pinned: true, index: i, samples: [60_000, 60_000, 60_000]))
            runs.append(Self.run("one-thread-brigade", tasks: 10, pinned: true, index: i, samples: [10_000, 10_000, 10_000]))
        }
        let a = try Analyzer(resamples: 1_000).analyze(Self.file(runs))
        let d = try XCTUnwrap(a.derived.first { $0.name == .switch && $0.variant == "thread-brigade" })
        XCTAssertEqual(d.value.value, 5_000)
        XCTAssertEqual(d.value.lower, 5_000)
        XCTAssertEqual(d.value.upper, 5_000)
    }

    func testReanalysisIsByteIdentical() throws {
        let r = try Fixtures.results()
        let one = try VersionedJSON.encode(try Analyzer().analyze(r))
        let two = try VersionedJSON.encode(try Analyzer().analyze(r))
        XCTAssertEqual(one, two)
        let other = try VersionedJSON.encode(try Analyzer(seed: 12345).analyze(r))
        XCTAssertNotEqual(one, other, "a different bootstrap seed moves some interval")
    }

    func testMemoryFitRecoversTheFixtureSlope() throws {
        let a = try Analyzer(resamples: 1_000).analyze(try Fixtures.results())
        let threads = try XCTUnwrap(a.memory.first { $0.name == "rss-per-thread" })
        // The fixture was generated with 9,800 bytes per thread plus noise of sd 20 kB.
        XCTAssertEqual(threads.slope ?? 0, 9_800, accuracy: 200)
        XCTAssertLessThan(threads.slopeLower!, threads.slope!)
        XCTAssertGreaterThan(threads.rSquared ?? 0, 0.99)
        XCTAssertEqual(threads.tasks.count, 10)
    }

    func testFailedRunsBecomeFailuresAndWarnings() throws {
        let a = try Analyzer(resamples: 1_000).analyze(try Fixtures.results())
        let nio = try XCTUnwrap(a.points.first { $0.variant == "nio-brigade" && $0.pinned && $0.group == .main })
        XCTAssertEqual(nio.runsOK, 4)
        XCTAssertEqual(nio.runsPlanned, 5)
        XCTAssertTrue(nio.failures[0].hasPrefix("timedOut"))
        XCTAssertTrue(a.warnings.contains { $0 == .failedRuns(point: nio.pointKey, failed: 1, planned: 5) })
        XCTAssertTrue(a.warnings.contains { if case .vm = $0 { true } else { false } })
    }
}
