import Results
import AnalysisModel

/// How sure each verdict is, in words: the verdict cell with its stability, the reason with
/// what would settle an inconclusive verdict, and the budget section.
extension ReportModel {
    /// Stability under which a verdict is named unstable in the summary.
    static let unstableBelow = 0.9

    /// "**confirmed**, stronger than the study (31x vs 8.5x); stable 1.00".
    static func verdictCell(_ v: ClaimVerdict) -> String {
        guard v.verdict != .notRun else { return v.label }
        return v.label + (v.decision.map { "; stable \(stability($0.stability))" } ?? "")
    }

    /// The reason, plus for an inconclusive verdict what would settle it.
    static func reasonCell(_ v: ClaimVerdict) -> String {
        guard v.verdict == .inconclusive, let d = v.decision else { return v.reason }
        let level = Format.percent(d.level)
        if let more = d.moreRuns {
            let time = d.moreSeconds.map { " (about \(Format.seconds($0)) of measuring)" } ?? ""
            return v.reason + ". About \(more) more process run\(more == 1 ? "" : "s") of each input point\(time) would shrink the \(level) interval past \(Format.sig3(d.edge ?? 1)) at the spread observed: `--budget` buys them"
        }
        return v.reason + ". The estimate sits on the edge \(Format.sig3(d.edge ?? 1)): no affordable number of runs decides it at this spread"
    }

    static func stability(_ s: Double) -> String { String(format: "%.2f", s) }

    /// The budget and looks of a budgeted run, for the verdicts section (false: a fixed plan).
    func decisionContext() -> Any {
        guard let d = a.decision else { return false }
        let looks = zip(d.runsPerLook, d.secondsPerLook).enumerated().map { i, x in
            "\(i == 0 ? "first pass" : "round \(i)") \(Format.count(x.0)) runs (\(Format.seconds(x.1)))"
        }
        return [
            "budget": Format.seconds(d.budgetSeconds), "spent": Format.seconds(d.spentSeconds), "looks": String(d.looks),
            "level": Format.percent(d.level), "alpha": Format.percent(d.alpha),
            "perLook": looks.joined(separator: ", "), "stopped": d.stopped ?? "the run did not finish",
        ]
    }

    /// "8 confirmed, 2 contradicted, 1 inconclusive" over claims and open questions, and the
    /// unstable ones named: "unstable: C6 (0.71)".
    static func verdictCounts(_ verdicts: [ClaimVerdict]) -> String {
        let counts = Verdict.allCases.compactMap { k -> String? in
            let n = verdicts.filter { $0.verdict == k }.count
            return n > 0 ? "\(n) \(k.rawValue)" : nil
        }.joined(separator: ", ")
        let unstable = verdicts.filter { v in v.verdict != .notRun && (v.decision?.stability ?? 1) < unstableBelow }
            .map { "\($0.id) (\(stability($0.decision!.stability)))" }
        return counts + (unstable.isEmpty ? "; every verdict stable at \(stability(unstableBelow)) or more"
                         : "; unstable (fewer than \(Int(unstableBelow * 100)) % of resamples agree): \(unstable.joined(separator: ", "))")
    }
}
