import Results

/// Reading the blocks that files before v3 wrote as words (warnings, conditions, study numbers):
/// the typed blocks' decoding, with the old shape recognised. `AnalysisFile`'s synthesized
/// `init(from:)` calls these overloads (they are more specific than the generic ones).
extension KeyedDecodingContainer {
    func decode(_ type: [AnalysisWarning].Type, forKey key: Key) throws -> [AnalysisWarning] {
        try decode([OldOrNew<AnalysisWarning, WordedWarning>].self, forKey: key).map { $0.value }
    }

    func decodeIfPresent(_ type: [Condition].Type, forKey key: Key) throws -> [Condition]? {
        try decodeIfPresent([OldOrNew<Condition, WordedCondition>].self, forKey: key)?.map { $0.value }
    }

    /// Limits as results.json words them (files before v3): their advice read into `LimitRaise`.
    func decodeIfPresent(_ type: AnalysisLimits.Type, forKey key: Key) throws -> AnalysisLimits? {
        if let old = try? decodeIfPresent(LimitsReport.self, forKey: key) { return AnalysisLimits(old) }
        return try decodeIfPresent(Typed<AnalysisLimits>.self, forKey: key)?.value
    }

    /// Study numbers in words (before v3) are not read: the table is absent until the results
    /// are analysed again.
    func decodeIfPresent(_ type: [StudyNumber].Type, forKey key: Key) throws -> [StudyNumber]? {
        let rows = try decodeIfPresent([OldOrNew<StudyNumber, WordedStudyNumber>].self, forKey: key)
        guard let rows, !rows.contains(where: \.isOld) else { return nil }
        return rows.map(\.value)
    }
}

/// A typed value decoded by its own `init(from:)`, past the overloads above.
struct Typed<T: Decodable>: Decodable {
    var value: T
    init(from decoder: any Decoder) throws { value = try T(from: decoder) }
}

/// A value of a typed block, or of its worded shape before v3 (recognised by its keys).
struct OldOrNew<New: Decodable & WordedForm, Old: Decodable>: Decodable where New.Old == Old {
    var value: New
    var isOld: Bool

    init(from decoder: any Decoder) throws {
        if let old = try? Old(from: decoder) {
            value = New(old: old); isOld = true
        } else {
            value = try New(from: decoder); isOld = false
        }
    }
}

/// A typed value that can stand for its worded shape of files before v3.
protocol WordedForm {
    associatedtype Old
    init(old: Old)
}

/// A warning as files before v3 wrote it: code, subject and the words.
public struct WordedWarning: Codable, Sendable, Equatable {
    public var code: String, subject: String, message: String, advice: String
}

/// A condition as files before v3 wrote it.
public struct WordedCondition: Codable, Sendable, Equatable {
    public var code: String, condition: String, study: String, here: String, affects: String
}

/// A study number as files before v3 wrote it.
public struct WordedStudyNumber: Codable, Sendable, Equatable {
    public var quantity: String, study: String, here: String, source: String
}

extension AnalysisWarning: WordedForm {
    init(old: WordedWarning) { self = .worded(old) }
}

extension Condition: WordedForm {
    init(old: WordedCondition) { self = .worded(old) }
}

extension StudyNumber: WordedForm {
    /// Never used for a row: a worded table is dropped whole.
    init(old: WordedStudyNumber) { self.init(quantity: .mostTasks, study: [], here: StudyMeasurement(values: [])) }
}

extension DecisionSummary {
    enum CodingKeys: String, CodingKey {
        case budgetSeconds, spentSeconds, looks, level, alpha, runsPerLook, secondsPerLook, stopped
    }

    /// Reads `stopped` typed, or in the words of a file before v3.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        budgetSeconds = try c.decode(Double.self, forKey: .budgetSeconds)
        spentSeconds = try c.decode(Double.self, forKey: .spentSeconds)
        looks = try c.decode(Int.self, forKey: .looks)
        level = try c.decode(Double.self, forKey: .level)
        alpha = try c.decode(Double.self, forKey: .alpha)
        runsPerLook = try c.decode([Int].self, forKey: .runsPerLook)
        secondsPerLook = try c.decode([Double].self, forKey: .secondsPerLook)
        if let words = try? c.decodeIfPresent(String.self, forKey: .stopped) {
            stopped = RoundStop(text: words, spentSeconds: spentSeconds, budgetSeconds: budgetSeconds)
        } else {
            stopped = try c.decodeIfPresent(RoundStop.self, forKey: .stopped)
        }
    }
}
