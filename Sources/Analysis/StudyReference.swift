import Foundation
import Results
import AnalysisModel

/// The study's claims and reference figures, read from Resources/study.json (data, not code).
/// Each quantity names a variant role (or, rarely, a variant); `load` resolves every one
/// against the variant table and fails naming the claim whose role no variant plays.
struct StudyReference: Decodable {
    /// How a quantity is read from the measurements.
    enum Operation: String, Decodable, Sendable {
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
    enum ClaimKind: String, Decodable, Sendable {
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

    struct Quantity: Decodable, Sendable {
        var op: Operation
        /// The role whose variant is measured; `variant` names one directly instead.
        var role: VariantRole?
        var variant: Variant?
        var pinned: Bool
        /// The study's own figure for this side (ns per hop, switch or item; bytes per member),
        /// when it published one: what tells which side of a ratio moved on this machine.
        var study: Double?

        /// The variant measured, given the design that plays the faithful role in this table
        /// (`faithful` replaces `.faithfulAsync` for the by-design table).
        func resolved(faithful: Variant? = nil) -> Variant? {
            if let variant { return variant }
            if role == .faithfulAsync, let faithful { return faithful }
            return role.flatMap(Variant.the)
        }

        /// "faithful-async" or the variant name, for messages.
        var label: String { variant?.rawValue ?? role?.rawValue ?? "?" }
    }

    struct Claim: Decodable, Sendable {
        var id: String
        var claim: String
        var studyFigure: String
        var kind: ClaimKind
        var studyRatio: Double
        var ratio: String
        /// Who a failed equivalence or one-sided claim is about ("the async switch"): the
        /// verdict says "<side> 1.8x dearer".
        var side: String?
        var numerator: Quantity?
        var denominator: Quantity?
        /// True when the claim is judged again for each async design ("the claims by async design").
        var byDesign: Bool?
    }
    var study: String
    var hardware: String
    var claims: [Claim]
    /// The study's open questions, answered here like claims (C11 io_uring, C12 bytes in flight).
    var openQuestions: [Claim]

    static func load() throws -> StudyReference {
        guard let url = Bundle.module.url(forResource: "study", withExtension: "json") else {
            throw AnalysisError("study.json is missing from ctxbench's resources; rebuild with `make build`")
        }
        let study = try JSONDecoder().decode(StudyReference.self, from: Data(contentsOf: url))
        try study.validate()
        return study
    }

    /// Every quantity resolves to a variant of the table.
    func validate() throws {
        for c in claims + openQuestions {
            for q in [c.numerator, c.denominator].compactMap({ $0 }) where q.resolved() == nil {
                throw AnalysisError("study.json: \(c.id) names \(q.label), which no variant of the table plays")
            }
        }
    }
}

/// An analysis that cannot be done, with what to do.
public struct AnalysisError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
