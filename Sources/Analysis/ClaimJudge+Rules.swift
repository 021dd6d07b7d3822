import Foundation
import Results
import AnalysisModel
import Stats

/// The verdict rules of METHOD.md ("Verdict rules per claim"), as pure functions of a ratio
/// and its interval: (verdict, qualifier, reason, edge), typed; Render words them. An interval that straddles a decision
/// edge is *inconclusive* and names the edge; *not confirmed* is kept for counts (C9, C10).
extension ClaimJudge {
    struct Decision: Equatable {
        var verdict: Verdict
        var qualifier: Qualifier?
        var reason: Reason
        /// The edge an inconclusive interval straddles.
        var edge: Double?
    }

    /// A rule: decides an interval around a ratio.
    enum Rule {
        /// r > 1 is the claimed side; the study's ratio r_s.
        case directional(study: Double)
        /// Inside [1/1.5, 1.5].
        case equivalence
        /// One-sided: r <= bound (C4).
        case atMost(bound: Double)

        /// The rule of a claim whose verdict is one ratio against its edges (nil for C9, C10,
        /// and C8, which combines two parts).
        init?(_ c: StudyReference.Claim) {
            switch c.kind {
            case .directional: self = .directional(study: c.studyRatio)
            case .equivalence, .inFlight: self = .equivalence
            case .atMost: self = .atMost(bound: Self.band)
            case .largeN, .capacity, .syscalls: return nil
            }
        }

        /// The equivalence band's upper edge (its lower edge is 1 / band), and C4's bound.
        static let band = 1.5

        func decide(_ r: Estimated) -> Decision {
            switch self {
            case .directional(let study): ClaimJudge.directional(r, study: study)
            case .equivalence: ClaimJudge.equivalence(r)
            case .atMost(let bound): ClaimJudge.atMost(r, bound: bound)
            }
        }
    }

    /// Directional claim (r > 1 is the claimed side), edges 1 and r_s / 2: confirmed when
    /// lo > 1 and lo >= r_s / 2 ("stronger than the study" when lo > 2 r_s); direction only when
    /// lo > 1 but hi < r_s / 2; contradicted when hi < 1; inconclusive when the interval
    /// straddles 1 or r_s / 2. A stronger effect than the study's never counts against the claim.
    static func directional(_ r: Estimated, study: Double) -> Decision {
        let half = study / 2
        if r.upper < 1 {
            return Decision(verdict: .contradicted, qualifier: .reversed(ratio: r.value), reason: .belowOne)
        }
        if r.lower <= 1 {
            return Decision(verdict: .inconclusive, qualifier: .straddlesOne, reason: .containsOne, edge: 1)
        }
        if half <= 1 || r.lower >= half {
            if r.lower > 2 * study {
                return Decision(verdict: .confirmed, qualifier: .stronger(ratio: r.value, study: study), reason: .aboveTwiceStudy)
            }
            return Decision(verdict: .confirmed, qualifier: nil, reason: .atLeastHalfStudy)
        }
        if r.upper < half {
            return Decision(verdict: .directionOnly, qualifier: .weaker(ratio: r.value, study: study), reason: .belowHalfStudy)
        }
        return Decision(verdict: .inconclusive, qualifier: .straddlesHalf(edge: half), reason: .straddlesHalfStudy, edge: half)
    }

    /// Equivalence claim: confirmed when the interval lies inside [1/1.5, 1.5]; contradicted,
    /// naming the side and its factor, when it lies entirely outside; inconclusive when it
    /// straddles an edge of the band.
    static func equivalence(_ r: Estimated) -> Decision {
        let hi = Rule.band, lo = 1 / hi
        if r.lower >= lo && r.upper <= hi {
            return Decision(verdict: .confirmed, qualifier: nil, reason: .insideBand)
        }
        let larger = r.value >= 1
        let factor = larger ? r.value : 1 / r.value
        if r.upper < lo || r.lower > hi {
            return Decision(verdict: .contradicted, qualifier: .side(factor: factor, larger: larger), reason: .outsideBand)
        }
        // Across both edges: the one nearer the estimate (in log scale) is the one to clear.
        let straddlesHigh = r.upper > hi && r.lower < hi, straddlesLow = r.lower < lo && r.upper > lo
        let edge = straddlesHigh && straddlesLow ? (abs(log(max(r.value, 1e-12) / hi)) < abs(log(max(r.value, 1e-12) / lo)) ? hi : lo)
            : straddlesHigh ? hi : lo
        return Decision(verdict: .inconclusive, qualifier: .straddles(edge: edge, factor: factor, larger: larger),
                        reason: .straddlesBand(edge: edge), edge: edge)
    }

    /// One-sided claim (C4: "the disadvantage disappears"): confirmed when hi <= bound ("now
    /// faster" when hi < 1/bound); contradicted when lo > bound; inconclusive when it straddles.
    static func atMost(_ r: Estimated, bound: Double) -> Decision {
        if r.upper <= bound {
            return Decision(verdict: .confirmed, qualifier: r.upper < 1 / bound ? .nowFaster(factor: 1 / r.value) : nil,
                            reason: .atMostBound(bound: bound))
        }
        if r.lower > bound {
            return Decision(verdict: .contradicted, qualifier: .side(factor: r.value, larger: true), reason: .aboveBound(bound: bound))
        }
        return Decision(verdict: .inconclusive, qualifier: .straddles(edge: bound, factor: r.value, larger: true),
                        reason: .straddlesBound(bound: bound), edge: bound)
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
                ? Estimated(value: x, lower: r.lower / r.value * x, upper: r.upper / r.value * x, method: .point)
                : Estimated(value: x, lower: x - (r.value - r.lower), upper: x + (r.upper - r.value), method: .point)
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
