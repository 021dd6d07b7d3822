import Results
import AnalysisModel
import Stats

/// The open question C12: per-hop cost and events per wait against K bytes in flight, per
/// design, and the thread/async ratio at the largest K.
struct InFlightAnalysis {
    let points: [PointAnalysis]

    /// Points of `variant` at the headline N, unpinned, by K (K = 1 from the main group).
    func byK(_ variant: Variant) -> [(k: Int, p: PointAnalysis)] {
        let inFlight = points.filter { $0.group == .inFlight && $0.variant == variant && !$0.pinned && $0.perUnit != nil }
        guard let n = inFlight.first?.tasks else { return [] }
        let one = points.first { $0.group == .main && $0.variant == variant && !$0.pinned && $0.tasks == n && $0.perUnit != nil }
        return ((one.map { [(1, $0)] } ?? []) + inFlight.map { ($0.inFlight ?? 1, $0) }).sorted { $0.0 < $1.0 }
    }

    func series() -> [InFlightSeries] {
        Variant.allCases.filter(\.row.manyInFlight).compactMap { v in
            let pts = byK(v)
            guard pts.count >= 2 else { return nil }
            let out = pts.map { k, p in
                InFlightPoint(inFlight: k, perHop: p.perUnit!, eventsPerWait: p.eventsPerWait,
                              switchesPerHop: p.cost.map { PointBuilder.round($0.voluntarySwitches) })
            }
            return InFlightSeries(variant: v, tasks: pts[0].p.tasks, points: out, plateauK: Self.plateau(out))
        }
    }

    /// The smallest K from which no larger K runs more than 10 % cheaper per hop; nil when only
    /// the largest K qualifies (the cost was still falling there).
    static func plateau(_ pts: [InFlightPoint]) -> Int? {
        for (i, p) in pts.enumerated().dropLast() where pts[(i + 1)...].allSatisfy({ $0.perHop.value > 0.9 * p.perHop.value }) {
            return p.inFlight
        }
        return nil
    }
}

extension ClaimJudge {
    /// C12, judged like C8 against this machine's own one-byte lead: (thread / async hop at the
    /// largest K both ran) / (the same at K = 1), unpinned, equivalence ("the lead is kept");
    /// the figure gives both leads, events per wait and where each async design's per-hop
    /// cost stops falling.
    func judgeInFlight(_ c: StudyReference.Claim, _ v: inout ClaimVerdict, series: [InFlightSeries]) throws {
        guard let tq = c.numerator, let aq = c.denominator else { throw Unavailable.missing(.noQuantities) }
        let tv = try variant(tq), av = try variant(aq)
        let analysis = InFlightAnalysis(points: points)
        let t = analysis.byK(tv), a = analysis.byK(av)
        guard let k = Set(t.map(\.k)).intersection(a.map(\.k)).filter({ $0 > 1 }).max(),
              let tp = t.first(where: { $0.k == k })?.p, let ap = a.first(where: { $0.k == k })?.p,
              let t1 = t.first(where: { $0.k == 1 })?.p, let a1 = a.first(where: { $0.k == 1 })?.p else {
            throw Unavailable.missing(.noInFlightRuns(thread: tv, async: av))
        }
        guard [t1, a1, tp, ap].allSatisfy({ $0.runsOK >= 3 }) else {
            throw Unavailable.missing(.fewInFlightRuns(k: k, runs: [tp.runsOK, ap.runsOK]))
        }
        let sample = try sample(points: [t1, a1, tp, ap]) { m in (m[2] / m[3], m[0] / m[1]) }
        v.variants = [tv, av]
        var figures = [ClaimFigure(.hopRatio, value: t1.perUnit!.value / a1.perUnit!.value, pinned: false, tasks: t1.tasks, inFlight: 1),
                       ClaimFigure(.hopRatio, value: tp.perUnit!.value / ap.perUnit!.value, pinned: false, tasks: tp.tasks, inFlight: k),
                       ClaimFigure(.hop, variant: tv, value: tp.perUnit!.value, pinned: false, tasks: tp.tasks, inFlight: k),
                       ClaimFigure(.hop, variant: av, value: ap.perUnit!.value, pinned: false, tasks: ap.tasks, inFlight: k)]
        if let e = ap.eventsPerWait { figures.append(ClaimFigure(.eventsPerWait, variant: av, value: e, inFlight: k)) }
        for s in series where s.variant.row.membersAreTasks == true {
            figures.append(ClaimFigure(.plateauK, variant: s.variant, value: Double(s.plateauK ?? 0), inFlight: s.points.last?.inFlight))
        }
        v.figures = figures
        settle(Rule(c)!, sample, &v)
    }
}
