import Results
import AnalysisModel
import Stats

/// The verdict rules of METHOD.md ("Verdict rules per claim"), as pure functions of a ratio
/// and its CI: (verdict, detail, reason).
extension ClaimJudge {
    typealias Decision = (Verdict, String?, String)

    /// "the CI [a, b]", or "the value x" for a count or point value without an interval.
    static func ciText(_ r: Estimated) -> String {
        r.lower == r.upper ? "the value \(Format.ratio(r.value))" : "the CI \(Format.interval(r.lower, r.upper))"
    }

    /// Directional claim (r > 1 is the claimed side): confirmed when lo > 1 and hi >= r_s / 2
    /// ("stronger than the study" when lo > 2 r_s); direction only when lo > 1 but hi < r_s / 2;
    /// not confirmed when the CI contains 1; contradicted when hi < 1. A stronger effect than
    /// the study's never counts against the claim.
    static func directional(_ r: Estimated, study: Double) -> Decision {
        let ci = ciText(r)
        if r.lower > 1 {
            if r.upper < study / 2 {
                return (.directionOnly, "weaker than the study (\(Format.ratio(r.value)) vs \(Format.ratio(study)))",
                        "\(ci) is above 1, but below half the study's \(Format.ratio(study))")
            }
            if r.lower > 2 * study {
                return (.confirmed, "stronger than the study (\(Format.ratio(r.value)) vs \(Format.ratio(study)))",
                        "\(ci) is above 1 and above twice the study's \(Format.ratio(study))")
            }
            return (.confirmed, nil, "\(ci) is above 1 and reaches half the study's \(Format.ratio(study)) or more")
        }
        if r.upper < 1 {
            return (.contradicted, "reversed (\(Format.ratio(r.value)))",
                    "\(ci) lies below 1: the opposite of the claim")
        }
        return (.notConfirmed, nil, "\(ci) contains 1")
    }

    /// Equivalence claim: confirmed when the CI lies inside [1/1.5, 1.5]; otherwise the verdict
    /// names the side ("<side> 1.8x dearer"): not confirmed when the CI straddles a band edge,
    /// contradicted when it lies entirely outside.
    static func equivalence(_ r: Estimated, side: String, more: String = "dearer", less: String = "cheaper") -> Decision {
        let lo = 1 / 1.5, hi = 1.5
        let ci = ciText(r)
        if r.lower >= lo && r.upper <= hi {
            return (.confirmed, nil, "\(ci) lies inside [0.667, 1.5]")
        }
        let which = r.value >= 1 ? "\(side) \(Format.ratio(r.value)) \(more)" : "\(side) \(Format.ratio(1 / r.value)) \(less)"
        if r.upper < lo || r.lower > hi {
            return (.contradicted, which, "\(ci) lies entirely outside [0.667, 1.5]")
        }
        return (.notConfirmed, which, "\(ci) straddles an edge of [0.667, 1.5]")
    }

    /// One-sided claim (C4: "the disadvantage disappears"): confirmed when hi <= bound ("threads
    /// now faster" when hi < 1/bound); contradicted when lo > bound; otherwise not confirmed.
    static func atMost(_ r: Estimated, bound: Double, side: String) -> Decision {
        let ci = ciText(r)
        if r.upper <= bound {
            let faster = r.upper < 1 / bound ? "\(side) now \(Format.ratio(1 / r.value)) faster" : nil
            return (.confirmed, faster, "\(ci) does not exceed \(Format.sig3(bound))")
        }
        let dearer = "\(side) still \(Format.ratio(r.value)) dearer"
        if r.lower > bound {
            return (.contradicted, dearer, "\(ci) lies above \(Format.sig3(bound))")
        }
        return (.notConfirmed, dearer, "\(ci) straddles \(Format.sig3(bound))")
    }
}
