import Foundation
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
    /// The in-flight series of every design (C12's figure), computed once by the analyzer.
    var inFlightSeries: [InFlightSeries] = []

    /// A quantity as the bootstrap needs it: groups of per-unit process medians and the
    /// function of their medians that gives the quantity.
    struct Operand {
        var groups: [[Double]]
        var f: @Sendable ([Double]) -> Double
        var figure: ClaimFigure
        var variants: [Variant]
        /// The point of each group, in order.
        var points: [PointAnalysis]
    }

    /// A ratio with its interval at the decision level, the sorted bootstrap replicates behind
    /// it, and the points it rests on.
    struct RatioSample {
        var estimate: Estimated
        var replicates: [Double]
        var inputs: [(point: PointAnalysis, elasticity: Double)]
    }

    enum Unavailable: Error { case missing(NotRunReason) }

    func variant(_ q: StudyReference.Quantity) throws -> Variant {
        if let v = q.variant { return v }
        if let r = q.role, let family {
            // A reference family judges on its own variants only, never on a Swift stand-in.
            if let v = substitute[r] { return v }
            throw Unavailable.missing(.noFamilyVariant(family: family.rawValue, role: q.label))
        }
        if let r = q.role, let v = substitute[r] ?? Variant.the(r) { return v }
        throw Unavailable.missing(.noVariant(role: q.label))
    }

    func verdict(_ c: StudyReference.Claim) -> ClaimVerdict {
        var v = ClaimVerdict(id: c.id, studyRatio: c.studyRatio)
        do {
            switch c.kind {
            case .directional, .equivalence, .atMost:
                guard let n = c.numerator, let d = c.denominator else { throw Unavailable.missing(.noQuantities) }
                let (sample, figures, variants) = try n.op == .memorySlope ? slopeRatio(n, d) : bootstrapRatio(n, d)
                v.figures = figures
                v.variants = variants
                settle(Rule(c)!, sample, &v)
            case .largeN: try judgeLargeN(c, &v)
            case .capacity: try judgeCapacity(c, &v)
            case .syscalls: try judgeSyscalls(c, &v)
            case .inFlight: try judgeInFlight(c, &v, series: inFlightSeries)
            }
        } catch Unavailable.missing(let why) {
            v.verdict = .notRun
            v.reason = .notRun(why)
        } catch {
            v.verdict = .notRun
            v.reason = .notRun(.failed(message: "\(error)"))
        }
        return v
    }

    /// Looks of the run (1 for a fixed plan): each decides at the bootstrap's level.
    var looks: Int { results.configuration.decision?.looks ?? 1 }

    /// Applies `rule` to the sample: verdict, qualifier and reason, the decision facts (level,
    /// stability; for an inconclusive verdict the edge and the runs that would settle it) and
    /// the inputs a further round would feed.
    func settle(_ rule: Rule, _ s: RatioSample, _ v: inout ClaimVerdict) {
        let d = rule.decide(s.estimate)
        v.ratio = s.estimate
        (v.verdict, v.qualifier, v.reason) = (d.verdict, d.qualifier, d.reason)
        var facts = DecisionFacts(level: bootstrap.level, looks: looks,
                                  stability: Self.stability(rule, s.estimate, replicates: s.replicates, verdict: d.verdict))
        if let edge = d.edge {
            facts.edge = edge
            let spread = s.inputs.map { (elasticity: $0.elasticity, logSD: Self.logSD($0.point), runs: max(1, $0.point.runsOK)) }
            if let more = Self.moreRuns(s.estimate, edge: edge, inputs: spread) {
                facts.moreRuns = more
                facts.moreSeconds = Double(more) * s.inputs.map { wallSeconds($0.point) }.reduce(0, +)
            }
        }
        v.decision = facts
        let modes = s.inputs.compactMap { ModeSplit.find($0.point, runs: results.runs) }
        v.modes = modes.isEmpty ? nil : modes
        if !s.inputs.isEmpty {
            v.inputs = s.inputs.map { ClaimInput(point: $0.point.pointKey, elasticity: ($0.elasticity * 1000).rounded() / 1000) }
        }
    }

    /// Sample sd of the log of a point's process-run medians (0 with fewer than 2 runs).
    static func logSD(_ p: PointAnalysis) -> Double { Allocator.logSD(p.perUnitMedians) }

    /// Mean wall seconds of a point's successful process runs.
    func wallSeconds(_ p: PointAnalysis) -> Double {
        let key = p.pointKey
        let walls = results.runs.filter { $0.status == .ok && $0.spec.pointKey == key }.map(\.wallSeconds)
        return walls.isEmpty ? 0 : walls.reduce(0, +) / Double(walls.count)
    }

    // MARK: operands

    /// The point of `variant` with `pinned`; variants whose pinnings measure the same design
    /// (one thread, or creation run once) fall back to the other pinning.
    func point(_ variant: Variant, pinned: Bool, group: RunGroup = .main, tasks: Int? = nil) throws -> PointAnalysis {
        let candidates = points.measured(variant, group: group, tasks: tasks)
        if let p = candidates.first(where: { $0.pinned == pinned }) { return p }
        if variant.row.kind == .creation || variant.row.oneThread, let p = candidates.first { return p }
        throw Unavailable.missing(notRunReason(variant, pinned: pinned))
    }

    func notRunReason(_ variant: Variant, pinned: Bool) -> NotRunReason {
        if points.contains(where: { $0.group == .main && $0.variant == variant && $0.pinned == pinned }) {
            return .didNotMeasure(variant: variant, pinned: pinned)
        }
        if results.skipped.contains(where: { $0.variant == variant }) { return .skipped(variant: variant, pinned: pinned) }
        return .notInRun(variant: variant, pinned: pinned)
    }

    func operand(_ q: StudyReference.Quantity, tasks: Int? = nil, group: RunGroup = .main) throws -> Operand {
        let v = try variant(q)
        switch q.op {
        case .hop, .item:
            let p = try point(v, pinned: q.pinned, group: group, tasks: tasks)
            return Operand(groups: [p.perUnitMedians], f: { $0[0] },
                           figure: ClaimFigure(q.op == .hop ? .hop : .item, variant: p.variant, value: p.perUnit!.value, pinned: p.pinned, tasks: p.tasks),
                           variants: [p.variant], points: [p])
        case .switch:
            let p = try point(v, pinned: q.pinned, group: group, tasks: tasks)
            guard let baseline = substitute[.ioBaseline] ?? Variant.the(.ioBaseline) else {
                throw Unavailable.missing(.noVariant(role: VariantRole.ioBaseline.rawValue))
            }
            guard let base = DerivedCosts.subtracted(baseline, from: p, in: points) else {
                throw Unavailable.missing(notRunReason(baseline, pinned: p.pinned))
            }
            let value = p.perUnit!.value - base.perUnit!.value
            return Operand(groups: [p.perUnitMedians, base.perUnitMedians], f: { $0[0] - $0[1] },
                           figure: ClaimFigure(.switch, variant: p.variant, value: value, pinned: p.pinned, tasks: p.tasks),
                           variants: [p.variant, base.variant], points: [p, base])
        case .memorySlope:
            throw Unavailable.missing(.noQuantities)
        }
    }

    func bootstrapRatio(_ n: StudyReference.Quantity, _ d: StudyReference.Quantity) throws -> (RatioSample, [ClaimFigure], [Variant]) {
        let a = try operand(n), b = try operand(d)
        return (try ratio(a, b), [a.figure, b.figure], Array(Set(a.variants + b.variants)).sorted { $0.rawValue < $1.rawValue })
    }

    /// The ratio of two operands. A point both sides use (the pipe I/O baseline of two switch
    /// costs at the same N and pinning, C11) is one group, resampled once per bootstrap
    /// replicate: treating it as two independent groups would ignore that its noise cancels.
    func ratio(_ a: Operand, _ b: Operand) throws -> RatioSample {
        var unique = [PointAnalysis]()
        let index = { (p: PointAnalysis) -> Int in
            if let i = unique.firstIndex(where: { $0.pointKey == p.pointKey }) { return i }
            unique.append(p)
            return unique.count - 1
        }
        let ia = a.points.map(index), ib = b.points.map(index)
        let fa = a.f, fb = b.f
        return try sample(points: unique) { m in
            (fa(ia.map { m[$0] }), fb(ib.map { m[$0] }))
        }
    }

    /// The ratio parts(medians) of `points` at the decision level, with its replicates and the
    /// ratio's elasticity to each point's median.
    func sample(points: [PointAnalysis], _ parts: @escaping ([Double]) -> (Double, Double)) throws -> RatioSample {
        let groups = points.map(\.perUnitMedians)
        let (estimate, replicates) = try Self.bootstrapRatioSample(bootstrap, groups: groups, parts)
        let medians = groups.map { summarize($0).median }
        let f = { (m: [Double]) -> Double in let (x, y) = parts(m); return x / y }
        let base = f(medians)
        let inputs = points.indices.map { g -> (PointAnalysis, Double) in
            var m = medians
            m[g] *= 1.001
            let moved = f(m)
            let e = base > 0 && moved > 0 ? log(moved / base) / log(1.001) : 0
            return (points[g], e)
        }
        return RatioSample(estimate: estimate, replicates: replicates, inputs: inputs)
    }

    /// Ratio of two functions of group medians with a bootstrap CI. A denominator at or below
    /// zero (possible for a switch cost within noise of the baseline) makes the ratio
    /// meaningless, so it is reported instead of producing an infinite interval.
    static func bootstrapRatio(_ bootstrap: Bootstrap, groups: [[Double]],
                               _ parts: @escaping ([Double]) -> (Double, Double)) throws -> Estimated {
        try bootstrapRatioSample(bootstrap, groups: groups, parts).0
    }

    static func bootstrapRatioSample(_ bootstrap: Bootstrap, groups: [[Double]],
                                     _ parts: @escaping ([Double]) -> (Double, Double)) throws -> (Estimated, [Double]) {
        let (n, d) = parts(groups.map { summarize($0).median })
        guard d > 0 else { throw Unavailable.missing(.denominatorNotPositive) }
        var nonPositive = 0
        let replicates = bootstrap.mediansReplicates(groups) { m in
            let (x, y) = parts(m)
            if y <= 0 { nonPositive += 1; return Double.greatestFiniteMagnitude }
            return x / y
        }
        let ci = bootstrap.percentileInterval(sorted: replicates, level: bootstrap.level)
        guard ci.upper < Double.greatestFiniteMagnitude else {
            throw Unavailable.missing(.denominatorWithinNoise(resamples: nonPositive))
        }
        return (Estimated(value: n / d, lower: ci.lower, upper: ci.upper,
                          method: .bootstrap(level: bootstrap.level, runs: groups.map(\.count))),
                replicates.filter { $0 < Double.greatestFiniteMagnitude })
    }

    /// The memory fit of `variant`, or why there is none.
    func fit(_ variant: Variant) throws -> MemoryFit {
        guard let f = memory.first(where: { $0.variant == variant }), f.slope != nil else {
            throw Unavailable.missing(.notFitted(variant: variant))
        }
        return f
    }

    func slopeRatio(_ n: StudyReference.Quantity, _ d: StudyReference.Quantity) throws -> (RatioSample, [ClaimFigure], [Variant]) {
        let a = try fit(try variant(n)), b = try fit(try variant(d))
        guard b.slope! > 0 else { throw Unavailable.missing(.slopeNotPositive(variant: b.variant)) }
        // Case bootstrap: resample each series' readings, refit both slopes, take the ratio.
        let ax = a.tasks.map { Double($0) }, bx = b.tasks.map { Double($0) }
        let replicates = bootstrap.casesReplicates(counts: [ax.count, bx.count]) { idx in
            guard let sa = leastSquaresSlope(x: idx[0].map { ax[$0] }, y: idx[0].map { a.rssBytes[$0] }),
                  let sb = leastSquaresSlope(x: idx[1].map { bx[$0] }, y: idx[1].map { b.rssBytes[$0] }), sb > 0 else { return nil }
            return sa / sb
        }
        guard let replicates else { throw Unavailable.missing(.tooFewTaskCounts) }
        let ci = bootstrap.percentileInterval(sorted: replicates, level: bootstrap.level)
        let r = Estimated(value: a.slope! / b.slope!, lower: ci.lower, upper: ci.upper,
                          method: .caseBootstrap(level: bootstrap.level, readings: [ax.count, bx.count]))
        return (RatioSample(estimate: r, replicates: replicates, inputs: []),
                [ClaimFigure(.memorySlope, variant: a.variant, value: a.slope!), ClaimFigure(.memorySlope, variant: b.variant, value: b.slope!)],
                [a.variant, b.variant])
    }
}
