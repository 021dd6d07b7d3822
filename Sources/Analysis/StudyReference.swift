import Foundation

/// The study's claims and reference figures, read from Resources/study.json (data, not code).
struct StudyReference: Decodable {
    struct Quantity: Decodable, Sendable {
        /// "hop", "switch", "item" or "memorySlope".
        var op: String
        var variant: String
        var pinned: Bool
    }
    struct Claim: Decodable, Sendable {
        var id: String
        var claim: String
        var studyFigure: String
        /// "directional", "equivalence", "largeN", "capacity" or "syscalls".
        var kind: String
        var studyRatio: Double
        var ratio: String
        var numerator: Quantity?
        var denominator: Quantity?
    }
    var study: String
    var hardware: String
    var claims: [Claim]

    static func load() throws -> StudyReference {
        guard let url = Bundle.module.url(forResource: "study", withExtension: "json") else {
            throw AnalysisError("study.json is missing from ctxbench's resources; rebuild with `make build`")
        }
        return try JSONDecoder().decode(StudyReference.self, from: Data(contentsOf: url))
    }
}

/// An analysis that cannot be done, with what to do.
public struct AnalysisError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
