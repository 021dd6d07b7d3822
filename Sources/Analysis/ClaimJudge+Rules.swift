import Foundation
import Results
import AnalysisModel
import Stats

/// The verdict rules of METHOD.md ("Verdict rules per claim"), as pure functions of a ratio
/// and its interval: (verdict, detail, reason, edge). An interval that straddles a decision
/// edge is *inconclusive* and names the edge; *not confirmed* is kept for counts (C9, C10).
extension ClaimJudge {
    struct Decision: Equatable {
        var verdict: Verdict
        var detail: String?
        var reason: String
        /// The edge an inconclusive interval straddles.
        var edge: Double?
    }

    /// A rule: decides an interval around a ratio.
    enum Rule {
        /// r > 1 is the claimed side; the study's ratio r_s.
        case directional(study: Double)
        /// Inside [1/1.5, 1.5]; `side` names what is dearer or cheaper.
        case equivalence(side: String, more: String = "dearer", less: String = "cheaper")
        /// One-sided: r <= bound (C4).
        case atMost(bound: Double, side: String)

        /// The rule of a claim whose verdict is one ratio against its edges (nil for C9, C10,
        /// and C8, which combines two parts).
        init?(_ c: StudyReference.Claim) {
            let side = c.side ?? "the numerator"
            switch c.kind {
            case .directional: self = .directional(study: c.studyRatio)
            case .equivalence: self = .equivalence(side: side)
            case .inFlight: self = .equivalence(side: side, more: "larger", less: "smaller")
            case .atMost: self = .atMost(bound: 1.5, side: side)
            case .largeN, .capacity, .syscalls: return nil
            }
        }

        func decide(_ r: Estimated) -> Decision {
            switch self {
            case .directional(let study): ClaimJudge.directional(r, study: study)
            case .equivalence(let side, let more, let less): ClaimJudge.equivalence(r, side: side, more: more, less: less)
            case .atMost(let bound, let side): ClaimJudge.atMost(r, bound: bound, side: side)
            }
        }
    }

    /// "the CI [a, b]", or "the value x" for a count or point value without an interval.
    static func ciText(_ r: Estimated) -> String {
        r.lower == r.upper ? "the value \(Format.ratio(r.value))" : "the CI \(Format.interval(r.lower, r.upper))"
    }

    /// Directional claim (r > 1 is the claimed side), edges 1 and r_s / 2: confirmed when
    /// lo > 1 and lo >= r_s / 2 ("stronger than the study" when lo > 2 r_s); direction only when
    /// lo > 1 but hi < r_s / 2; contradicted when hi < 1; inconclusive when the interval
    /// straddles 1 or r_s / 2. A stronger effect than the study's never counts against the claim.
    static func directional(_ r: Estimated, study: Double) -> Decision {
        let ci = ciText(r)
        let half = study / 2
        if r.upper < 1 {
            return Decision(verdict: .contradicted, detail: "reversed (\(Format.ratio(r.value)))",
                            reason: "\(ci) lies below 1: the opposite of the claim")
        }
        if r.lower <= 1 {
            return Decision(verdict: .inconclusive, detail: "straddles 1",
                            reason: "\(ci) contains 1: the direction is not yet decided", edge: 1)
        }
        if half <= 1 || r.lower >= half {
            if r.lower > 2 * study {
                return Decision(verdict: .confirmed, detail: "stronger than the study (\(Format.ratio(r.value)) vs \(Format.ratio(study)))",
                                reason: "\(ci) is above 1 and above twice the study's \(Format.ratio(study))")
            }
            return Decision(verdict: .confirmed, detail: nil,
                            reason: "\(ci) is above 1 and at or above half the study's \(Format.ratio(study))")
        }
        if r.upper < half {
            return Decision(verdict: .directionOnly, detail: "weaker than the study (\(Format.ratio(r.value)) vs \(Format.ratio(study)))",
                            reason: "\(ci) is above 1, but below half the study's \(Format.ratio(study))")
        }
        return Decision(verdict: .inconclusive, detail: "straddles half the study's ratio (\(Format.ratio(half)))",
                        reason: "\(ci) is above 1 but straddles half the study's \(Format.ratio(study)): as strong as the study, or weaker, is not yet decided",
                        edge: half)
    }

    /// Equivalence claim: confirmed when the interval lies inside [1/1.5, 1.5]; contradicted,
    /// naming the side ("<side> 1.8x dearer"), when it lies entirely outside; inconclusive when
    /// it straddles an edge of the band.
    static func equivalence(_ r: Estimated, side: String, more: String = "dearer", less: String = "cheaper") -> Decision {
        let lo = 1 / 1.5, hi = 1.5
        let ci = ciText(r)
        if r.lower >= lo && r.upper <= hi {
            return Decision(verdict: .confirmed, detail: nil, reason: "\(ci) lies inside [0.667, 1.5]")
        }
        let which = r.value >= 1 ? "\(side) \(Format.ratio(r.value)) \(more)" : "\(side) \(Format.ratio(1 / r.value)) \(less)"
        if r.upper < lo || r.lower > hi {
            return Decision(verdict: .contradicted, detail: which, reason: "\(ci) lies entirely outside [0.667, 1.5]")
        }
        // Across both edges: the one nearer the estimate (in log scale) is the one to clear.
        let straddlesHigh = r.upper > hi && r.lower < hi, straddlesLow = r.lower < lo && r.upper > lo
        let edge = straddlesHigh && straddlesLow ? (abs(log(max(r.value, 1e-12) / hi)) < abs(log(max(r.value, 1e-12) / lo)) ? hi : lo)
            : straddlesHigh ? hi : lo
        return Decision(verdict: .inconclusive, detail: "straddles \(Format.sig3(edge))",
                        reason: "\(ci) straddles the edge \(Format.sig3(edge)) of [0.667, 1.5] (\(which))", edge: edge)
    }

    /// One-sided claim (C4: "the disadvantage disappears"): confirmed when hi <= bound ("threads
    /// now faster" when hi < 1/bound); contradicted when lo > bound; inconclusive when it straddles.
    static func atMost(_ r: Estimated, bound: Double, side: String) -> Decision {
        let ci = ciText(r)
        if r.upper <= bound {
            let faster = r.upper < 1 / bound ? "\(side) now \(Format.ratio(1 / r.value)) faster" : nil
            return Decision(verdict: .confirmed, detail: faster, reason: "\(ci) does not exceed \(Format.sig3(bound))")
        }
        if r.lower > bound {
            return Decision(verdict: .contradicted, detail: "\(side) still \(Format.ratio(r.value)) dearer",
                            reason: "\(ci) lies above \(Format.sig3(bound))")
        }
        return Decision(verdict: .inconclusive, detail: "straddles \(Format.sig3(bound))",
                        reason: "\(ci) straddles \(Format.sig3(bound)) (\(side) \(Format.ratio(r.value)) dearer)", edge: bound)
    }

    /// Stability of `decision`: the share of bootstrap replicates r_b for which the same rule,
    /// applied to the interval moved in log scale to r_b ([lo r_b / r, hi r_b / r]), gives the
    /// same verdict. 1 for a point value (one replicate).
    /// (An interval reaching zero or below, possible for a switch cost, is moved additively.)
    static func stability(_ rule: Rule, _ r: Estimated, replicates: [Double], verdict: Verdict) -> Double {
        guard replicates.count > 1 else { return 1 }
        let logScale = r.value > 0 && r.lower > 0
        var same = 0, counted = 0
        for x in replicates where x.isFinite {
            counted += 1
            let moved = logScale && x > 0
                ? Estimated(value: x, lower: r.lower / r.value * x, upper: r.upper / r.value * x, method: "")
                : Estimated(value: x, lower: x - (r.value - r.lower), upper: x + (r.upper - r.value), method: "")
            if rule.decide(moved).verdict == verdict { same += 1 }
        }
        return counted == 0 ? 1 : Double(same) / Double(counted)
    }

    /// More process runs per input point that would shrink the interval's log half-width below the
    /// distance from the estimate to `edge`, assuming the spread stays as observed; nil when the
    /// estimate is within 1 % of the edge or more than 1,000 runs would be needed.
    static func moreRuns(_ r: Estimated, edge: Double, inputs: [(elasticity: Double, logSD: Double, runs: Int)]) -> Int? {
        guard r.lower > 0, r.upper > r.lower, r.value > 0, edge > 0 else { return nil }
        let distance = abs(log(r.value / edge))
        guard distance >= 0.01 else { return nil }
        let half = max(log(r.upper / r.value), log(r.value / r.lower))
        func variance(_ extra: Int) -> Double {
            inputs.map { $0.elasticity * $0.elasticity * max($0.logSD * $0.logSD, 1e-6) / Double($0.runs + extra) }.reduce(0, +)
        }
        let now = variance(0)
        guard now > 0 else { return nil }
        for extra in 1...1_000 where half * (variance(extra) / now).squareRoot() < distance { return extra }
        return nil
    }
}
