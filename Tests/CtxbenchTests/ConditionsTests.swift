import Foundation
import XCTest
@testable import Analysis
import AnalysisModel
import Render
import Results

/// The conditions table (issue 18, point 9) and the study numbers it brought (the syscall
/// section's timings, the pinned peak, memory per thread at the largest N, a pinned run's CPU share).
final class ConditionsTests: XCTestCase {
    func analyze(_ results: ResultsFile) throws -> AnalysisFile {
        try Analyzer(resamples: 500).analyze(results)
    }

    /// The condition of `code` as the report words it.
    func row(_ a: AnalysisFile, _ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> ConditionText.Row {
        try XCTUnwrap(rows(a).first { $0.code == code }, "no \(code) row", file: file, line: line)
    }

    func rows(_ a: AnalysisFile) -> [ConditionText.Row] { (a.conditions ?? []).map(ConditionText(a).row) }

    /// The fixture: 2 CPUs, a clamped N for two large runs, no thread probe, no Rust reference.
    func testFixtureListsTheClampedNAndTheComputedCeilingAndNoRustRow() throws {
        let a = try analyze(try Fixtures.results())
        let codes = (a.conditions ?? []).map(\.code)
        XCTAssertFalse(codes.contains("reference-build"), "a run without Rust has no Rust row: \(codes)")
        let cpus = try row(a, "cpus")
        XCTAssertTrue(cpus.here.contains("2 logical CPUs") && cpus.here.contains("2 executor workers"), cpus.here)
        let clamped = rows(a).filter { $0.code == "substituted-n" }
        XCTAssertEqual(clamped.count, 2, "\(clamped)")
        XCTAssertTrue(clamped.contains { $0.study == "50,000" && $0.here.hasPrefix("9,988 instead") && $0.affects.contains("C8") })
        XCTAssertTrue(clamped.contains { $0.study == "250,000" && $0.here.hasPrefix("100,000 instead") })
        let ceiling = try row(a, "thread-ceiling")
        XCTAssertTrue(ceiling.here.hasPrefix("not observed") && ceiling.here.contains("32,635 computed from the limits"), ceiling.here)
        XCTAssertTrue(try row(a, "syscall-n").here.hasPrefix("N = 50 members, 1,500 hops"))
        XCTAssertTrue(try row(a, "iterations").here.contains("20 after 20 warm-ups"))
        for c in rows(a) {
            XCTAssertFalse(c.study.isEmpty || c.here.isEmpty || c.affects.isEmpty, "\(c)")
        }
    }

    /// A probe that ran names its stop; a Rust reference that ran names its toolchain, or says
    /// plainly that the file did not record it.
    func testObservedCeilingAndTheRustToolchain() throws {
        var r = try Fixtures.results()
        r.limits?.observedThreads = 30_000
        r.limits?.observedThreadsStop = "pthread_create failed: EAGAIN"
        let twin = r.runs.filter { $0.status == .ok && $0.spec.variant == "thread-brigade" && $0.spec.group == .main }
        r.runs += twin.map { run in
            var copy = run
            copy.spec.variant = Variant.rustThreadBrigade
            return copy
        }
        r.configuration.plan += r.runs.suffix(twin.count).map(\.spec)
        let unrecorded = try analyze(r)
        XCTAssertEqual(try row(unrecorded, "thread-ceiling").here, "30,000 threads observed by the thread probe (pthread_create failed: EAGAIN)")
        XCTAssertTrue(try row(unrecorded, "reference-build").here.hasPrefix("not recorded"))
        r.environment.referenceBuilds = [ReferenceBuild(family: "rust", compiler: "rustc 1.63.0", crates: ["tokio": "1.24.2", "async-std": "1.12.0"],
                                                        cratesSource: "reference/rust/Cargo.lock", buildFlags: "cargo build --offline --release")]
        let recorded = try row(try analyze(r), "reference-build")
        XCTAssertEqual(recorded.here, "rustc 1.63.0; async-std 1.12.0, tokio 1.24.2 (reference/rust/Cargo.lock); cargo build --offline --release")
    }

    /// The study number named `quantity` as the report words it.
    func number(_ a: AnalysisFile, _ quantity: String, file: StaticString = #filePath, line: UInt = #line) throws -> StudyNumberText.Row {
        try XCTUnwrap(a.studyNumbers?.map(StudyNumberText(a).row).first { $0.quantity == quantity }, "no row \(quantity)", file: file, line: line)
    }

    /// Runs whose CPU time equals their timed wall time but whose lengths differ: a median of
    /// CPU over a mean of elapsed gave more than 100 % of the one CPU; per-run shares cannot.
    func testAPinnedWholeRunNeverExceedsItsOneCPU() throws {
        var r = try Fixtures.results()
        var k = 0
        for i in r.runs.indices where r.runs[i].status == .ok && r.runs[i].spec.variant == "thread-brigade"
            && r.runs[i].spec.pinned && r.runs[i].spec.group == .main {
            k += 1
            let factor = k == 1 ? 0.5 : 1.0  // one short run pulls the mean below the median
            r.runs[i].output!.samplesNs = r.runs[i].output!.samplesNs.map { UInt64(Double($0) * factor) }
            let wall = Double(r.runs[i].output!.samplesNs.reduce(0, +)) / 1e9
            r.runs[i].output!.timedRusage = ResourceUsage(userSeconds: wall * 0.1, systemSeconds: wall * 0.9,
                                                          voluntarySwitches: 0, involuntarySwitches: 0, maxRSSKiB: 0)
        }
        XCTAssertGreaterThan(k, 2)
        let whole = try number(try analyze(r), "thread brigade pinned: whole run of 10,000 iterations").here
        let percent = try XCTUnwrap(whole.split(separator: ",").last?.split(separator: " ").first.flatMap { Double($0) }, whole)
        XCTAssertLessThanOrEqual(percent, 100, whole)
        XCTAssertEqual(percent, 100, accuracy: 0.5, whole)
    }

    func testTheStudysRemainingNumbersAreRegenerated() throws {
        let a = try analyze(try Fixtures.results())
        let thread = try number(a, "thread brigade: per hop beside its syscalls")
        XCTAssertEqual(thread.study, "5.5 µs per hop (2 syscalls)")
        XCTAssertTrue(thread.here.contains("recvfrom 1.00, write 1.00, counted at N = 50") && thread.source.contains("never timed"), thread.here)
        XCTAssertEqual(try number(a, "async brigade: per hop beside its syscalls").study, "3.6 µs per hop (3 syscalls + epoll_wait)")
        XCTAssertEqual(try number(a, "thread brigade pinned: peak resident set, N = 500").study, "16.4 MiB (16,744 KiB)")
        let perThread = try number(a, "resident memory per thread at the largest N")
        XCTAssertTrue(perThread.here.contains("/ 9,988 threads") && perThread.source.contains("not at 50,000: 50000 members need"), perThread.source)
        let ratio = try number(a, "elapsed ratio async / threads")
        XCTAssertTrue(ratio.here.contains("from whole-run elapsed times (means)") && ratio.here.contains("C3's statistic"), ratio.here)
    }

    /// analysis.json holds a condition's numbers, no words; Render words it with the study's value.
    func testAConditionIsSavedAsNumbersAndWordedByRender() throws {
        let a = try analyze(try Fixtures.results())
        let syscalls = try XCTUnwrap(a.conditions?.first { $0.code == "syscall-n" })
        XCTAssertEqual(syscalls, .syscallN(hops: 1_500, members: 50))
        let json = String(decoding: try JSONEncoder().encode(a.conditions), as: UTF8.self)
        XCTAssertFalse(json.contains("warm-ups") || json.contains("instead"), json)
        let processRuns = try XCTUnwrap(a.conditions?.first { $0.code == "process-runs" })
        guard case .processRuns(let least, let most) = processRuns else { return XCTFail("\(processRuns)") }
        XCTAssertEqual(ConditionText(a).row(.processRuns(least: least, most: most)).here.hasPrefix("\(least)-\(most) per headline point"), least != most)
        XCTAssertEqual(ConditionText(a).row(.processRuns(least: 3, most: 3)).here, "3 per headline point: the median of the run medians, with a bootstrap interval over runs")
    }

    /// A study number is a quantity id with its units, the study's figures and this run's as
    /// numbers with the point they come from; Render prints them.
    func testAStudyNumberIsTypedAndRenderPrintsItsFigures() throws {
        let a = try analyze(try Fixtures.results())
        let row = try XCTUnwrap(a.studyNumbers?.first { $0.quantity == .threadPeakRSS })
        XCTAssertEqual(row.units, [.bytes])
        XCTAssertEqual(row.study, [16_784 * 1024])
        let p = try XCTUnwrap(a.points.first { $0.pointKey == row.here.points.first })
        XCTAssertEqual(p.variant, "thread-brigade")
        XCTAssertFalse(p.pinned)
        XCTAssertEqual(row.here.values, [p.peakRSSBytes])
        var bigger = row
        bigger.here.values = [3 * 1024 * 1024]
        let text = StudyNumberText(a).row(bigger)
        XCTAssertEqual(text.here, "3.00 MiB")
        XCTAssertEqual(text.study, "16.4 MiB (16,784 KiB)")
        XCTAssertTrue(text.source.hasPrefix("thread-brigade, N = 500, ") && text.source.hasSuffix("unpinned; VmHWM of the child, median over runs"), text.source)
        let missing = StudyNumber(quantity: .rssPerTask, study: [409.6], here: StudyMeasurement(notRun: .noFit(variant: Variant.the(.faithfulAsync)!)))
        XCTAssertEqual(StudyNumberText(a).row(missing).here, "not run: no memory fit of \(Variant.the(.faithfulAsync)!) in this profile")
    }
}
