import Results
import AnalysisModel
import Stats

/// Decides each claim of the study from one measured ratio with its bootstrap CI
/// (METHOD.md, "Verdict rules per claim"). Quantities name roles; `substitute` replaces the
/// variant that plays a role, so the same rules judge every async design.
struct ClaimJudge {
    let bootstrap: Bootstrap
    let points: [PointAnalysis]
    let results: ResultsFile
    let memory: [MemoryFit]
    /// Replaces the variant of a role (the by-design table); empty for the faithful verdicts.
    var substitute: [VariantRole: Variant] = [:]
    /// The reference family the claims are judged on (nil: the Swift variants). Set with
    /// `substitute` = the family's `roleSubstitute`.
    var family: ReferenceFamily?

    /// A quantity as the bootstrap needs it: groups of per-unit process medians and the
    /// function of their medians that gives the quantity.
    struct Operand {
        var groups: [[Double]]
        var f: @Sendable ([Double]) -> Double
        var text: String
        var variants: [String]
    }

    enum Unavailable: Error { case missing(String) }

    func variant(_ q: StudyReference.Quantity) throws -> Variant {
        if let v = q.variant { return v }
        if let r = q.role, let v = substitute[r] ?? Variant.the(r) { return v }
        throw Unavailable.missing("no variant plays \(q.label) in this ctxbench")
    }

    func verdict(_ c: StudyReference.Claim) -> ClaimVerdict {
        var v = ClaimVerdict(id: c.id, claim: c.claim, studyFigure: c.studyFigure, ratioDefinition: c.ratio,
                             studyRatio: c.studyRatio, figure: "", ratio: nil, verdict: .notRun, reason: "")
        do {
            switch c.kind {
            case .directional, .equivalence, .atMost:
                guard let n = c.numerator, let d = c.denominator else { throw Unavailable.missing("claim has no quantities") }
                let (ratio, figure, variants) = try n.op == .memorySlope ? slopeRatio(n, d) : bootstrapRatio(n, d)
                v.ratio = ratio
                v.figure = figure
                v.variants = variants
                let side = c.side ?? "the numerator"
                (v.verdict, v.detail, v.reason) = switch c.kind {
                case .directional: Self.directional(ratio, study: c.studyRatio)
                case .equivalence: Self.equivalence(ratio, side: side)
                default: Self.atMost(ratio, bound: 1.5, side: side)
                }
            case .largeN: try judgeLargeN(c, &v)
            case .capacity: try judgeCapacity(c, &v)
            case .syscalls: try judgeSyscalls(c, &v)
            case .inFlight: try judgeInFlight(c, &v, series: InFlightAnalysis(points: points).series())
            }
        } catch Unavailable.missing(let why) {
            v.verdict = .notRun
            v.reason = why
        } catch {
            v.verdict = .notRun
            v.reason = "\(error)"
        }
        return v
    }

    // MARK: operands

    /// The point of `variant` with `pinned`; variants whose pinnings measure the same design
    /// (one thread, or creation run once) fall back to the other pinning.
    func point(_ variant: Variant, pinned: Bool, group: RunGroup = .main, tasks: Int? = nil) throws -> PointAnalysis {
        let candidates = points.filter { $0.group == group && $0.variant == variant.rawValue && $0.perUnit != nil && (tasks == nil || $0.tasks == tasks) }
        if let p = candidates.first(where: { $0.pinned == pinned }) { return p }
        if variant.row.kind == .creation || variant.row.oneThread, let p = candidates.first { return p }
        throw Unavailable.missing(notRunReason(variant.rawValue, pinned: pinned))
    }

    func notRunReason(_ variant: String, pinned: Bool) -> String {
        let label = "\(variant) (\(pinned ? "pinned" : "unpinned"))"
        if let p = points.first(where: { $0.group == .main && $0.variant == variant && $0.pinned == pinned }) {
            return "\(label) did not measure: \(p.failures.first ?? "no successful run")"
        }
        if let s = results.skipped.first(where: { $0.variant == variant }) { return "\(label) not run: \(s.reason)" }
        return "\(label) was not part of this run"
    }

    func operand(_ q: StudyReference.Quantity, tasks: Int? = nil, group: RunGroup = .main) throws -> Operand {
        let v = try variant(q)
        switch q.op {
        case .hop, .item:
            let p = try point(v, pinned: q.pinned, group: group, tasks: tasks)
            return Operand(groups: [p.perUnitMedians], f: { $0[0] }, text: Format.nanos(p.perUnit!.value),
                           variants: [p.variant])
        case .switch:
            let p = try point(v, pinned: q.pinned, group: group, tasks: tasks)
            guard let baseline = substitute[.ioBaseline] ?? Variant.the(.ioBaseline) else {
                throw Unavailable.missing("no I/O baseline variant")
            }
            let base = try point(baseline, pinned: p.pinned, group: group, tasks: p.tasks)
            let value = p.perUnit!.value - base.perUnit!.value
            return Operand(groups: [p.perUnitMedians, base.perUnitMedians], f: { $0[0] - $0[1] },
                           text: Format.nanos(value), variants: [p.variant, base.variant])
        case .memorySlope:
            throw Unavailable.missing("a memory slope is not a per-unit quantity")
        }
    }

    func bootstrapRatio(_ n: StudyReference.Quantity, _ d: StudyReference.Quantity) throws -> (Estimated, String, [String]) {
        let a = try operand(n), b = try operand(d)
        return (try ratio(a, b), "\(a.text) vs \(b.text)", Array(Set(a.variants + b.variants)).sorted())
    }

    func ratio(_ a: Operand, _ b: Operand) throws -> Estimated {
        let k = a.groups.count
        let fa = a.f, fb = b.f
        return try Self.bootstrapRatio(bootstrap, groups: a.groups + b.groups, denominatorText: b.text) { m in
            (fa(Array(m[..<k])), fb(Array(m[k...])))
        }
    }

    /// Ratio of two functions of group medians with a bootstrap CI. A denominator at or below
    /// zero (possible for a switch cost within noise of the baseline) makes the ratio
    /// meaningless, so it is reported instead of producing an infinite interval.
    static func bootstrapRatio(_ bootstrap: Bootstrap, groups: [[Double]], denominatorText: String,
                               _ parts: @escaping ([Double]) -> (Double, Double)) throws -> Estimated {
        let (n, d) = parts(groups.map { summarize($0).median })
        guard d > 0 else {
            throw Unavailable.missing("the denominator (\(denominatorText)) is not above zero, so the ratio is meaningless")
        }
        var nonPositive = 0
        let ci = bootstrap.mediansCI(groups) { m in
            let (x, y) = parts(m)
            if y <= 0 { nonPositive += 1; return Double.greatestFiniteMagnitude }
            return x / y
        }
        guard ci.upper < Double.greatestFiniteMagnitude else {
            throw Unavailable.missing("the denominator (\(denominatorText)) is within noise of zero in \(nonPositive) bootstrap resamples; the ratio has no finite interval")
        }
        let runs = groups.map { "\($0.count)" }.joined(separator: "/")
        return Estimated(value: n / d, lower: ci.lower, upper: ci.upper, method: "95 % CI, bootstrap over \(runs) runs")
    }

    func slopeRatio(_ n: StudyReference.Quantity, _ d: StudyReference.Quantity) throws -> (Estimated, String, [String]) {
        func fit(_ variant: Variant) throws -> MemoryFit {
            guard let f = memory.first(where: { $0.variant == variant.rawValue }), f.slope != nil else {
                let why = memory.first { $0.variant == variant.rawValue }?.notFitted ?? "no memory runs of \(variant.rawValue) in this profile"
                throw Unavailable.missing("memory per task of \(variant.rawValue) not fitted: \(why)")
            }
            return f
        }
        let a = try fit(try variant(n)), b = try fit(try variant(d))
        guard b.slope! > 0 else {
            throw Unavailable.missing("the memory slope of \(b.variant) is not above zero, so no ratio can be formed")
        }
        // Case bootstrap: resample each series' readings, refit both slopes, take the ratio.
        let ax = a.tasks.map { Double($0) }, bx = b.tasks.map { Double($0) }
        let ci = bootstrap.casesCI(counts: [ax.count, bx.count]) { idx in
            guard let sa = leastSquaresSlope(x: idx[0].map { ax[$0] }, y: idx[0].map { a.rssBytes[$0] }),
                  let sb = leastSquaresSlope(x: idx[1].map { bx[$0] }, y: idx[1].map { b.rssBytes[$0] }), sb > 0 else { return nil }
            return sa / sb
        }
        guard let ci else {
            throw Unavailable.missing("too few distinct task counts to bootstrap the memory slopes")
        }
        let r = Estimated(value: a.slope! / b.slope!, lower: ci.lower, upper: ci.upper,
                          method: "95 % CI, case bootstrap of both fits (\(ax.count) + \(bx.count) readings)")
        return (r, "\(Format.bytes(a.slope!)) vs \(Format.bytes(b.slope!)) per task", [a.variant, b.variant])
    }
}
