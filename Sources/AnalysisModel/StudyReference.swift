import Foundation
import Results

/// The study's claims and reference figures, read from Resources/study.json (data, not code).
/// Each quantity names a variant role (or, rarely, a variant); `load` resolves every one
/// against the variant table and fails naming the claim whose role no variant plays.
public struct StudyReference: Decodable, Sendable {
    /// How a quantity is read from the measurements.
    public enum Operation: String, Codable, Sendable {
        /// Median per hop of a brigade.
        case hop
        /// Hop minus the I/O baseline's hop at the same N and pinning.
        case `switch`
        /// Median per created item.
        case item
        /// Fitted resident bytes per member.
        case memorySlope
    }

    /// How a claim is decided (METHOD.md, "Verdict rules per claim").
    public enum ClaimKind: String, Codable, Sendable {
        case directional, equivalence
        /// One-sided: confirmed when the ratio's upper bound is at most `bound` (C4).
        case atMost
        /// C8: C3's ratio at the largest N against the headline N, and resident memory there.
        case largeN
        /// C9: most async tasks run against most threads.
        case capacity
        /// C10: syscalls per hop.
        case syscalls
        /// C12: the thread/async ratio with K bytes in flight.
        case inFlight
    }

    public struct Quantity: Decodable, Sendable {
        public var op: Operation
        /// The role whose variant is measured; `variant` names one directly instead.
        public var role: VariantRole?
        public var variant: Variant?
        public var pinned: Bool
        /// The study's own figure for this side (ns per hop, switch or item; bytes per member),
        /// when it published one: what tells which side of a ratio moved on this machine.
        public var study: Double?

        /// The variant measured, given the design that plays the faithful role in this table
        /// (`faithful` replaces `.faithfulAsync` for the by-design table).
        public func resolved(faithful: Variant? = nil) -> Variant? {
            if let variant { return variant }
            if role == .faithfulAsync, let faithful { return faithful }
            return role.flatMap(Variant.the)
        }

        /// "faithful-async" or the variant name, for messages.
        public var label: String { variant?.rawValue ?? role?.rawValue ?? "?" }
    }

    public struct Claim: Decodable, Sendable {
        public var id: String
        public var claim: String
        public var studyFigure: String
        public var kind: ClaimKind
        public var studyRatio: Double
        public var ratio: String
        /// Who a failed equivalence or one-sided claim is about ("the async switch"): the
        /// verdict says "<side> 1.8x dearer".
        public var side: String?
        public var numerator: Quantity?
        public var denominator: Quantity?
        /// True when the claim is judged again for each async design ("the claims by async design").
        public var byDesign: Bool?
        /// The study's member count for a claim about many members (C8: 50,000).
        public var tasks: Int?
    }
    public var study: String
    public var hardware: String
    public var claims: [Claim]
    /// The study's open questions, answered here like claims (C11 io_uring, C12 bytes in flight).
    public var openQuestions: [Claim]

    /// The claim or open question with `id` (nil when the table has none).
    public func claim(_ id: String) -> Claim? { (claims + openQuestions).first { $0.id == id } }

    /// The table, loaded once (a build without study.json traps: it is part of the target).
    public static let shared: StudyReference = {
        do { return try load() } catch { preconditionFailure("\(error)") }
    }()

    public static func load() throws -> StudyReference {
        guard let url = Bundle.module.url(forResource: "study", withExtension: "json") else {
            throw StudyTableError("study.json is missing from ctxbench's resources; rebuild with `make build`")
        }
        let study = try JSONDecoder().decode(StudyReference.self, from: Data(contentsOf: url))
        try study.validate()
        return study
    }

    /// Every quantity resolves to a variant of the table.
    public func validate() throws {
        for c in claims + openQuestions {
            for q in [c.numerator, c.denominator].compactMap({ $0 }) where q.resolved() == nil {
                throw StudyTableError("study.json: \(c.id) names \(q.label), which no variant of the table plays")
            }
        }
    }
}

/// study.json is missing or names a role no variant plays (a build or table error).
public struct StudyTableError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
