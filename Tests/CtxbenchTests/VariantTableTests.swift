import XCTest
@testable import Analysis
@testable import Runner
import Results
import AnalysisModel
import Workloads

/// The variant table is the one place that knows a variant: every case has a row, an
/// implementation in the executable its row names, a cost estimate, and the roles the
/// claims, derived costs and charts ask for are played.
final class VariantTableTests: XCTestCase {
    func testEveryCaseHasARowAnImplementationAndAnEstimate() {
        for v in Variant.allCases {
            let row = v.row
            XCTAssertFalse(row.design.isEmpty, v.rawValue)
            XCTAssertGreaterThan(row.microsUnpinned, 0, v.rawValue)
            XCTAssertGreaterThan(row.microsPinned, 0, v.rawValue)
            if row.executable == .workload { XCTAssertNotNil(v.workload, "\(v) has no Swift implementation") }
            // The estimate is the row's own: more iterations and more members cost more, and the
            // pinned estimate is the row's pinned figure (a row whose micros were ignored fails).
            let spec = RunSpec(variant: v, kind: row.kind, tasks: 100, iterations: 10, warmups: 1, pinned: false, runIndex: 0)
            var longer = spec
            longer.iterations = 1_000
            var wider = spec
            wider.tasks = 1_000
            XCTAssertGreaterThan(Estimate.seconds(longer), Estimate.seconds(spec), v.rawValue)
            XCTAssertGreaterThan(Estimate.seconds(wider), Estimate.seconds(spec), v.rawValue)
            var pinned = longer
            pinned.pinned = true
            XCTAssertEqual(Estimate.seconds(pinned) > Estimate.seconds(longer), row.microsPinned > row.microsUnpinned, v.rawValue)
            if row.kind == .brigade && row.members != .none && row.fdsPerMember == 0 {
                let inMemory = { (w: Variant) in w.row.roles.contains(.inMemoryBrigade) }
                XCTAssertTrue(inMemory(v) || row.referenceOf.contains(where: inMemory) || row.floorOf.contains(where: inMemory),
                              "\(v): a brigade without links must be the in-memory one (or its reference or floor)")
                XCTAssertEqual(row.program, .asyncMemBrigade, "\(v): planned with the in-memory hop's iterations")
            }
            if let (_, other) = row.minus { XCTAssertNotEqual(other, v) }
        }
    }

    func testEverySingleRoleIsPlayedByExactlyOneVariant() {
        for role in [VariantRole.threadBrigade, .ioBaseline, .inMemoryBrigade, .faithfulAsync, .singleThreadAsync,
                     .completionAsync, .threadCreation, .faithfulCreation] {
            XCTAssertEqual(Variant.playing(role).count, 1, "\(role.rawValue) must be played by exactly one variant")
        }
        XCTAssertGreaterThanOrEqual(Variant.playing(.asyncDesign).count, 2)
        // The faithful async counterpart is one of the designs of the by-design table.
        XCTAssertTrue(Variant.the(.faithfulAsync)!.row.roles.contains(.asyncDesign))
    }

    func testStudyReferenceResolvesAgainstTheTable() throws {
        let study = try StudyReference.load()
        XCTAssertEqual(study.claims.map(\.id), (1...10).map { "C\($0)" })
        for c in study.claims {
            for q in [c.numerator, c.denominator].compactMap({ $0 }) {
                XCTAssertNotNil(q.resolved(), "\(c.id): \(q.label)")
            }
        }
        // C2-C4, C7, C8 and C10 rest on one async design: the faithful counterpart.
        for id in ["C2", "C3", "C4", "C7", "C8", "C10"] {
            let c = try XCTUnwrap(study.claims.first { $0.id == id })
            XCTAssertTrue([c.numerator, c.denominator].contains { $0?.role == .faithfulAsync }, id)
        }
    }

    /// Reference rows play no role (the Swift verdicts never rest on them), name the Swift
    /// variants of their design, and their family maps every single role to one of them.
    func testReferenceRowsPlayNoRoleAndCoverEveryRole() {
        let rust = ReferenceFamily.rust.variants
        XCTAssertEqual(rust.count, 8)
        for v in rust {
            XCTAssertTrue(v.row.roles.isEmpty, v.rawValue)
            XCTAssertFalse(v.row.referenceOf.isEmpty, v.rawValue)
            XCTAssertTrue(v.row.referenceOf.allSatisfy { !$0.row.isReference && $0.row.executable == .workload }, v.rawValue)
            XCTAssertNil(v.workload, v.rawValue)
            XCTAssertTrue(v.rawValue.hasPrefix("rust-"), v.rawValue)
        }
        for role in [VariantRole.threadBrigade, .ioBaseline, .inMemoryBrigade, .faithfulAsync, .singleThreadAsync,
                     .completionAsync, .threadCreation, .faithfulCreation] {
            let sub = try? XCTUnwrap(ReferenceFamily.rust.roleSubstitute[role], role.rawValue)
            XCTAssertTrue(sub.map(rust.contains) ?? false, role.rawValue)
            // The Rust variant of a role is the reference of the Swift variant that plays it.
            if let sub, let swift = Variant.the(role) { XCTAssertTrue(sub.row.referenceOf.contains(swift), "\(role.rawValue): \(sub)") }
        }
    }

    /// The names results files use are the study's program names where it has one (its
    /// thread-brigade and async-brigade), and every name is a plain kebab-case word list the
    /// --only option and file names can carry.
    func testRawValuesAreTheNamesResultsFilesUse() {
        XCTAssertEqual(Variant(rawValue: "thread-brigade"), .threadBrigade)
        XCTAssertEqual(Variant(rawValue: "one-thread-brigade"), Variant.the(.ioBaseline))
        for name in Variants.names {
            XCTAssertNotNil(name.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), name)
        }
    }
}

/// The many-bytes-in-flight protocol against hand-computed values (N = 8, K = 4).
final class InFlightTests: XCTestCase {
    func testStartsHopsTokensAndExpectedOrder() {
        XCTAssertEqual((0..<4).map { InFlight.start($0, members: 8, inFlight: 4) }, [0, 2, 4, 6])
        XCTAssertEqual(InFlight.hopsPerRound(members: 8, inFlight: 4), 8 + 6 + 4 + 2)
        XCTAssertEqual(InFlight.hopsPerRound(members: 500, inFlight: 1), 500, "K = 1 is the study's brigade")
        XCTAssertEqual([0, 1, 2, 3, 7].map { InFlight.tokensThrough(member: $0, members: 8, inFlight: 4) }, [1, 1, 2, 2, 4])
        // Token 3 (start 6, 2 hops) arrives first, token 0 (start 0, 8 hops) last; round 10.
        XCTAssertEqual((0..<4).map { InFlight.expected($0, round: 10, members: 8, inFlight: 4) }, [15, 16, 17, 18])
    }
}
