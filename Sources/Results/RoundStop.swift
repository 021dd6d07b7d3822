import Foundation

/// Why a budgeted run stopped adding rounds (docs/METHOD.md, "Deciding within a budget"), typed.
/// results.json keeps its words (`DecisionPlan.stopped`, written by `text`); analysis.json keeps
/// this value, read back with `init?(text:)`, and the report words it with `text`.
public enum RoundStop: Codable, Sendable, Equatable {
    /// A fixed plan has no rounds.
    case fixedPlan
    /// Every verdict decided and stable after look `look` of `looks`.
    case decided(look: Int, looks: Int)
    /// The last of `looks` looks ran; `still` is what was left open.
    case lastLook(looks: Int, still: RoundsLeftOpen)
    /// No round fits in what is left of the budget (`spentSeconds` of `budgetSeconds`, s).
    case budgetSpent(spentSeconds: Double, budgetSeconds: Double, still: RoundsLeftOpen)

    /// The words results.json and the report give it.
    public var text: String {
        switch self {
        case .fixedPlan: "a fixed plan has no rounds"
        case .decided(let look, let looks): "every verdict is decided and stable after look \(look) of \(looks)"
        case .lastLook(let looks, let still): "that was the last of \(looks) looks; \(still.text)"
        case .budgetSpent(let spent, let budget, let still):
            "the budget is spent (\(Format.seconds(spent)) of \(Format.seconds(budget))); \(still.text)"
        }
    }

    /// The value of `text` as results.json stores it; the budget figures, which `text` rounds,
    /// come from the run's record (`spentSeconds`, `budgetSeconds`). Nil for other words.
    public init?(text: String, spentSeconds: Double, budgetSeconds: Double) {
        func still(after marker: String) -> RoundsLeftOpen? {
            text.range(of: marker).flatMap { RoundsLeftOpen(text: String(text[$0.upperBound...])) }
        }
        if text == Self.fixedPlan.text {
            self = .fixedPlan
        } else if text.hasPrefix("every verdict is decided and stable after look ") {
            let numbers = text.split(separator: " ").compactMap { Int($0) }
            guard numbers.count == 2 else { return nil }
            self = .decided(look: numbers[0], looks: numbers[1])
        } else if text.hasPrefix("that was the last of "), let s = still(after: " looks; "),
                  let looks = Int(text.dropFirst("that was the last of ".count).prefix { $0 != " " }) {
            self = .lastLook(looks: looks, still: s)
        } else if text.hasPrefix("the budget is spent ("), let s = still(after: "); ") {
            self = .budgetSpent(spentSeconds: spentSeconds, budgetSeconds: budgetSeconds, still: s)
        } else {
            return nil
        }
    }
}

/// What a budgeted run left open when it stopped: claims still inconclusive, or every verdict
/// decided but some (claim ids) with a stability below `stableAt` (0...1).
public enum RoundsLeftOpen: Codable, Sendable, Equatable {
    case inconclusive(claims: [String])
    case unstable(claims: [String], stableAt: Double)

    public var text: String {
        switch self {
        case .inconclusive(let claims): "still inconclusive: \(claims.joined(separator: ", "))"
        case .unstable(let claims, let stableAt): "every verdict decided, \(claims.joined(separator: ", ")) with stability below \(stableAt)"
        }
    }

    init?(text: String) {
        if text.hasPrefix("still inconclusive: ") {
            self = .inconclusive(claims: Self.ids(text.dropFirst("still inconclusive: ".count)))
        } else if text.hasPrefix("every verdict decided, "), let below = text.range(of: " with stability below "),
                  let stableAt = Double(text[below.upperBound...]) {
            self = .unstable(claims: Self.ids(text[text.index(text.startIndex, offsetBy: "every verdict decided, ".count)..<below.lowerBound]),
                             stableAt: stableAt)
        } else {
            return nil
        }
    }

    static func ids(_ s: Substring) -> [String] { s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
}
