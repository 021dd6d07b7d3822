import Foundation
import Results
import AnalysisModel

/// How sure each verdict is, in words: the verdict cell with its stability, the reason with
/// what would settle an inconclusive verdict, and the budget section.
extension ReportModel {
    /// Stability under which a verdict is named unstable in the summary.
    static let unstableBelow = 0.9

    /// "**confirmed**, stronger than the study (31x vs 8.5x); stable 1.00".
    static func verdictCell(_ v: ClaimVerdict) -> String {
        guard v.verdict != .notRun else { return ClaimText.label(v) }
        return ClaimText.label(v) + (v.decision.map { "; stable \(stability($0.stability))" } ?? "")
    }

    /// The reason, plus the points whose runs split in two groups, plus for an inconclusive
    /// verdict what would settle it.
    func reasonCell(_ v: ClaimVerdict) -> String {
        let modes = (v.modes ?? []).map { m in
            let groups = ". \(m.variant)'s runs fall in two groups: \(m.fastRuns) at \(Format.nanos(m.fastLow))-\(Format.nanos(m.fastHigh)), \(m.slowRuns) at \(Format.nanos(m.slowLow))-\(Format.nanos(m.slowHigh))"
            guard m.slowSwitchesPerUnit > 0 || m.fastSwitchesPerUnit > 0 else {
                return groups + "; neither group made voluntary context switches, so the difference is not threads parking"
            }
            return groups + "; the slower made \(Format.sig3(m.slowSwitchesPerUnit)) voluntary context switches per unit against \(Format.sig3(m.fastSwitchesPerUnit)) (\(Format.ratio(m.slowSwitchesPerUnit / max(m.fastSwitchesPerUnit, 1e-12))))"
        }.joined()
        return reasonAndDecision(v) + modes
    }

    func reasonAndDecision(_ v: ClaimVerdict) -> String {
        let reason = text.reason(v)
        guard v.verdict == .inconclusive, let d = v.decision else { return reason }
        let level = Format.percent(d.level)
        if let more = d.moreRuns {
            let time = d.moreSeconds.map { " (about \(Format.seconds($0)) of measuring)" } ?? ""
            return reason + ". About \(more) more process run\(more == 1 ? "" : "s") of each input point\(time) would shrink the \(level) interval past \(Format.sig3(d.edge ?? 1)) at the spread observed (a new run with a larger `--budget` buys them)"
        }
        guard !(v.inputs ?? []).isEmpty else { return reason + ". It rests on fitted lines, not on process runs a round could add" }
        return reason + ". The estimate sits on the edge \(Format.sig3(d.edge ?? 1)), or more than 1,000 runs would be needed: no affordable number of runs decides it at this spread"
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
            "perLook": looks.joined(separator: ", "), "stopped": d.stopped?.description ?? "the run did not finish",
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

/// Why a verdict that is not confirmed came out as it did, in words.
extension ReportModel {
    /// "**machine**: thread-brigade pinned switch 4.03 µs here vs the study's 1.70 µs (2.37x;
    /// C floor 3.84 µs, Rust 3.63 µs); ... On the C floors: contradicted (0.38x); on Rust: ...".
    static func causeCell(_ v: ClaimVerdict) -> String {
        guard let c = v.cause else { return v.verdict == .confirmed ? "—" : "" }
        var parts = ["**\(c.kind.rawValue)**"]
        let sides = c.sides.map(sideText).joined(separator: "; ")
        if !sides.isEmpty { parts[0] += ": " + (movedText(c.sides).map { $0 + ". " } ?? "") + sides }
        var judged = [String]()
        if c.floorVerdict == .notRun {
            judged.append("the C floors play its roles but ran none of the larger-N or memory runs it needs, so they cannot judge it")
        } else if let f = c.floorVerdict {
            judged.append("on the C floors \(f.rawValue)\(c.floorRatio.map { " (\(Format.ratio($0.value)))" } ?? "")")
        }
        if let r = c.rustVerdict { judged.append("on Rust \(r.rawValue)\(c.rustRatio.map { " (\(Format.ratio($0.value)))" } ?? "")") }
        if judged.isEmpty { judged.append("no C floor or Rust twin plays all of this claim's roles here") }
        let sentence = judged.joined(separator: ", ")
        parts.append(sentence.prefix(1).uppercased() + sentence.dropFirst())
        if let d = c.design { parts.append("\(d) keeps the claim") }
        return parts.joined(separator: ". ")
    }

    /// Which side of the ratio moved from the study, in words: "thread-brigade pinned switch moved
    /// most from the study (3.12x its figure; async-brigade-mt switch 0.954x)"; nil unless two
    /// sides have the study's figure beside them.
    static func movedText(_ sides: [SideFigure]) -> String? {
        let moved = sides.compactMap { s in s.moved.flatMap { $0 > 0 ? (what: sideName(s), by: $0) : nil } }
            .sorted { abs(log($0.by)) > abs(log($1.by)) }
        guard moved.count > 1 else { return nil }
        let others = moved.dropFirst().map { "\($0.what) \(Format.ratio($0.by))" }.joined(separator: ", ")
        return "\(moved[0].what) moved most from the study (\(Format.ratio(moved[0].by)) its figure; \(others))"
    }

    /// "thread-brigade pinned switch", "async-brigade-mt per member".
    static func sideName(_ s: SideFigure) -> String {
        "\(s.variant)\(s.pinned ? " pinned" : "") \(s.quantity == .memorySlope ? "per member" : s.quantity.rawValue)"
    }

    static func sideText(_ s: SideFigure) -> String {
        let bytes = s.quantity == .memorySlope
        let unit = { (x: Double) -> String in bytes ? Format.bytes(x) : Format.nanos(x) }
        let what = sideName(s)
        var text = "\(what) \(unit(s.here))"
        if let study = s.study, let moved = s.moved { text += " vs the study's \(unit(study)) (\(Format.ratio(moved)))" }
        let refs = [s.floor.map { "C floor \(unit($0))" }, s.rust.map { "Rust \(unit($0))" }].compactMap { $0 }
        if !refs.isEmpty { text += "; " + refs.joined(separator: ", ") }
        return text
    }
}

extension ReportModel {
    /// "Unpinned, the async brigade's lead holds at every N measured: 5.07x at N = 10, 4.10x at N = 5,000."
    static func speedUpSentence(_ s: SpeedUpAnswer) -> [String: Any] {
        let how = switch s.holds {
        case .everywhere: "the async brigade's lead over threads holds at every N measured"
        case .reverses: "the lead reverses: threads are faster at some N"
        case .undecided: "the lead is not decided at every N (a CI contains 1)"
        }
        let moves = "\(Format.ratio(s.atSmallest)) at N = \(Format.count(s.smallestN)), \(Format.ratio(s.atLargest)) at N = \(Format.count(s.largestN))"
        return ["sentence": "\(s.pinned ? "Pinned" : "Unpinned"), \(how): \(moves)."]
    }
}
