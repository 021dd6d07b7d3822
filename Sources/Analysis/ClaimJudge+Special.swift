import Results
import AnalysisModel
import Stats

/// The claims that are not one ratio of two medians: C8 (many members), C9 (capacity) and
/// C10 (syscalls per hop).
extension ClaimJudge {
    /// C8, like for like with the study's 466 vs 21 MiB at 50,000 members: resident memory
    /// threads / async at the study's N from the two fitted lines (intercept + N x slope, case
    /// bootstrap of both fits; directional against the study's 22), and C3's speed ratio at the
    /// largest N both brigades ran with at least 3 runs each against the headline N
    /// (equivalence). The weaker part decides.
    func judgeLargeN(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        guard let tq = c.numerator, let aq = c.denominator else { throw Unavailable.missing("claim has no quantities") }
        let tv = try variant(tq), av = try variant(aq)
        v.variants = [tv.rawValue, av.rawValue]
        var memory = v, speed = v
        var parts = [String](), figures = [String]()
        do {
            let (sample, figure) = try memoryAt(Self.studyLargeN, tv, av)
            settle(.directional(study: c.studyRatio), sample, &memory)
            figures.append(figure)
            parts.append("memory at \(Format.count(Int(Self.studyLargeN))): \(memory.reason)")
        } catch Unavailable.missing(let why) {
            memory.verdict = .notRun
            parts.append("memory: not run (\(why))")
        }
        do {
            let (sample, figure, n, pinned) = try speedAtLargeN(tv, av)
            settle(.equivalence(side: c.side ?? "the ratio at large N", more: "larger", less: "smaller"), sample, &speed)
            figures.append(figure)
            parts.append("speed: \(speed.reason)")
            if n < Int(Self.studyLargeN) {
                let why = results.skipped.first { $0.group == .large && $0.variant == tv.rawValue }?.reason
                    ?? "the \(results.configuration.profile) profile runs no \(Format.count(Int(Self.studyLargeN)))-member brigades"
                v.substitution = "speed at N = \(Format.count(n)) instead of the study's \(Format.count(Int(Self.studyLargeN))): \(why); memory extrapolated to \(Format.count(Int(Self.studyLargeN))) along the fitted lines"
            }
            if pinned {
                v.substitution = (v.substitution.map { $0 + "; " } ?? "")
                    + "speed with both N pinned to one CPU (no unpinned run above the headline N in this profile), unlike the study"
            }
        } catch Unavailable.missing(let why) {
            speed.verdict = .notRun
            parts.append("speed: not run (\(why))")
        }
        guard memory.verdict != .notRun || speed.verdict != .notRun else {
            throw Unavailable.missing(parts.joined(separator: "; "))
        }
        // The weaker decided part decides; a part that could not run leaves the other alone.
        // Both parts must hold: a contradicted part settles it, then an open part keeps it open,
        // else the weaker decided part names the verdict.
        let measured = [("memory", memory), ("speed", speed)].filter { $0.1.verdict != .notRun }
        let (which, deciding) = measured.first { $0.1.verdict == .contradicted } ?? measured.first { $0.1.verdict == .inconclusive }
            ?? measured.min { $0.1.verdict.strength < $1.1.verdict.strength }!
        v.ratio = memory.verdict != .notRun ? memory.ratio : speed.ratio
        v.verdict = deciding.verdict
        v.detail = deciding.detail.map { "\(which) \($0)" }
        v.decision = deciding.decision
        // Only runs of an open speed part can settle it (the memory part has no process runs to buy).
        v.inputs = speed.verdict != .notRun && (speed.verdict == .inconclusive || (speed.decision?.stability ?? 1) < Allocator.stableAt) ? speed.inputs : nil
        v.figure = figures.joined(separator: "; ")
        v.reason = parts.joined(separator: "; ")
    }

    /// The study's large brigade (C8).
    static let studyLargeN = 50_000.0

    /// Resident memory threads / async at `n` members from the two fitted lines, with a case
    /// bootstrap of both fits.
    func memoryAt(_ n: Double, _ tv: Variant, _ av: Variant) throws -> (RatioSample, String) {
        let ft = try fit(tv), fa = try fit(av)
        guard let it = ft.intercept, let st = ft.slope, let ia = fa.intercept, let sa = fa.slope, ia + n * sa > 0 else {
            throw Unavailable.missing("the memory fits of \(tv.rawValue) and \(av.rawValue) give no positive resident size at \(Format.count(Int(n)))")
        }
        let tx = ft.tasks.map(Double.init), ax = fa.tasks.map(Double.init)
        let replicates = bootstrap.casesReplicates(counts: [tx.count, ax.count]) { idx in
            guard let lt = leastSquaresLine(x: idx[0].map { tx[$0] }, y: idx[0].map { ft.rssBytes[$0] }),
                  let la = leastSquaresLine(x: idx[1].map { ax[$0] }, y: idx[1].map { fa.rssBytes[$0] }),
                  la.intercept + n * la.slope > 0 else { return nil }
            return (lt.intercept + n * lt.slope) / (la.intercept + n * la.slope)
        }
        guard let replicates else { throw Unavailable.missing("too few distinct task counts to bootstrap the memory fits") }
        let mt = it + n * st, ma = ia + n * sa
        let ci = bootstrap.percentileInterval(sorted: replicates, level: bootstrap.level)
        let r = Estimated(value: mt / ma, lower: ci.lower, upper: ci.upper,
                          method: "\(Format.percent(bootstrap.level)) CI, case bootstrap of both fits (\(tx.count) + \(ax.count) readings)")
        let figure = "resident at N=\(Format.count(Int(n))) from the fits: \(Format.bytes(mt)) vs \(Format.bytes(ma)) (\(Format.bytes(it)) + N x \(Format.bytes(st)) vs \(Format.bytes(ia)) + N x \(Format.bytes(sa)))"
        return (RatioSample(estimate: r, replicates: replicates, inputs: []), figure)
    }

    /// C3's ratio at the largest N (above the headline) where both brigades ran with the same
    /// pinning and at least 3 successful runs each (unpinned preferred, the study's setting),
    /// over the same ratio at the headline N.
    func speedAtLargeN(_ tv: Variant, _ av: Variant) throws -> (RatioSample, String, Int, Bool) {
        let usable = { (p: PointAnalysis) in p.kind == .brigade && p.perUnit != nil && p.inFlight == nil }
        let thread = points.filter { $0.variant == tv.rawValue && usable($0) }
        let async = points.filter { $0.variant == av.rawValue && usable($0) }
        let pairs = thread.compactMap { t in async.first { $0.tasks == t.tasks && $0.pinned == t.pinned }.map { (t, $0) } }
        let candidates = pairs.filter { $0.0.group == .main }.compactMap { h -> ((PointAnalysis, PointAnalysis), (PointAnalysis, PointAnalysis))? in
            let larger = pairs.filter { $0.0.pinned == h.0.pinned && $0.0.tasks > h.0.tasks && $0.0.runsOK >= 3 && $0.1.runsOK >= 3 }
            return larger.max { $0.0.tasks < $1.0.tasks }.map { (h, $0) }
        }
        guard let (headline, large) = candidates.first(where: { !$0.0.0.pinned }) ?? candidates.first else {
            let single = pairs.contains { $0.0.group != .main && ($0.0.runsOK < 3 || $0.1.runsOK < 3) }
            throw Unavailable.missing("needs \(tv.rawValue) and \(av.rawValue) at a task count above the headline N with the same pinning and at least 3 runs each"
                + (single ? " (the larger N here has fewer: no interval from one run)" : ""))
        }
        let sample = try sample(points: [headline.0, headline.1, large.0, large.1], denominatorText: "the ratio at the headline N") { m in
            (m[2] / m[3], m[0] / m[1])
        }
        let n = large.0.tasks
        let pin = large.0.pinned ? " (both pinned)" : ""
        let figure = "thread/async hop ratio \(Format.ratio(large.0.perUnit!.value / large.1.perUnit!.value)) at N=\(Format.count(n)) vs \(Format.ratio(headline.0.perUnit!.value / headline.1.perUnit!.value)) at N=\(Format.count(headline.0.tasks))\(pin)"
        return (sample, figure, n, large.0.pinned)
    }

    /// C9 (lower bound): most async tasks that ran here over most threads here (observed by
    /// the thread probe where it ran, else the capacity the limits imply, labelled computed).
    func judgeCapacity(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        let asyncRuns = Self.asyncBrigadeRuns(results, family: family)
        // Without its capacity run a reference's most tasks say nothing about how many could run.
        if let family, !asyncRuns.contains(where: { $0.spec.group == .large }) {
            throw Unavailable.missing("no capacity run of the \(family.rawValue) reference in this run (the quick and full profiles plan one)")
        }
        guard let most = asyncRuns.max(by: { $0.spec.tasks < $1.spec.tasks }) else {
            throw Unavailable.missing("no async brigade ran")
        }
        let limits = results.limits
        let observed = limits?.observedThreads
        guard let threads = observed ?? limits?.threadCapacity, threads > 0 else {
            throw Unavailable.missing("thread capacity unknown: results.json has no limits section")
        }
        let r = Double(most.spec.tasks) / Double(threads)
        v.ratio = Estimated(value: r, lower: r, upper: r, method: "counts, no interval")
        v.variants = [most.spec.variant]
        let how = observed != nil ? "observed by the thread probe (\(limits?.observedThreadsStop ?? "stopped"))"
            : "computed from the limits (binding: \(limits?.threadBinding ?? "unknown")), not observed"
        v.figure = "\(Format.count(most.spec.tasks)) async tasks ran (\(most.spec.variant)); at most \(Format.count(threads)) threads, \(how)"
        var subs = [String]()
        let variant = Variant(rawValue: most.spec.variant)
        if variant?.row.usesLinks != true {
            let socketMost = asyncRuns.filter { Variant(rawValue: $0.spec.variant)?.row.usesLinks == true }.map(\.spec.tasks).max()
            subs.append("async: \(most.spec.variant) (\(variant?.row.design ?? "in-memory channels")) stands in for the socket brigade"
                + (limits?.linkBinding.map { b in ", whose members \(b) caps at \(Format.count(limits?.linkCapacity ?? 0))" } ?? "")
                + (socketMost.map { "; the most socket-brigade tasks that ran: \(Format.count($0))" } ?? ""))
        }
        if observed == nil { subs.append("threads: computed, not observed (the full profile runs the thread probe)") }
        v.substitution = subs.isEmpty ? nil : subs.joined(separator: "; ")
        v.decision = DecisionFacts(level: 1, looks: looks, stability: 1)
        if r > 1 {
            (v.verdict, v.detail, v.reason) = (.confirmed, nil, "\(Format.ratio(r)) more async tasks ran than threads can here")
        } else {
            (v.verdict, v.detail, v.reason) = (.notConfirmed, nil, "no more async tasks ran than threads can here (ratio \(Format.ratio(r)))")
        }
    }

    /// Successful runs whose members were Swift tasks alive at once (brigades and memory runs).
    /// The async brigade runs of `family` (nil: the Swift variants; references never count for them).
    static func asyncBrigadeRuns(_ results: ResultsFile, family: ReferenceFamily? = nil) -> [ProcessRun] {
        results.runs.filter { r in
            guard let row = Variant(rawValue: r.spec.variant)?.row else { return false }
            return r.status == .ok && r.spec.kind != .creation && row.membersAreTasks && row.executable.reference == family
        }
    }

    /// C10: recv + write calls per hop of the thread brigade (~2) and of the async brigade (~3,
    /// one recv returning EAGAIN) which must also call epoll_wait; each within +/-0.5.
    func judgeSyscalls(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        guard let tq = c.numerator, let aq = c.denominator else { throw Unavailable.missing("claim has no quantities") }
        let tv = try variant(tq), av = try variant(aq)
        let counts = results.syscalls ?? []
        func pick(_ variant: Variant) -> SyscallCount? {
            counts.filter { $0.variant == variant.rawValue && $0.error == nil }.sorted { !$0.pinned && $1.pinned }.first
        }
        guard let t = pick(tv) else {
            let why = counts.first { $0.error != nil }?.error ?? "syscalls were not counted in this run (profile smoke or --no-syscalls)"
            throw Unavailable.missing(why)
        }
        guard let a = pick(av) else { throw Unavailable.missing("the syscalls of \(av.rawValue) were not counted") }
        func io(_ c: SyscallCount) -> Double {
            ["recvfrom", "read", "recvmsg", "write", "sendto", "writev"].compactMap { c.perHop[$0] }.reduce(0, +)
        }
        let ti = io(t), ai = io(a), epoll = (a.perHop["epoll_wait"] ?? 0) + (a.perHop["epoll_pwait"] ?? 0)
        let r = ti > 0 ? ai / ti : 0
        v.ratio = Estimated(value: r, lower: r, upper: r, method: "counts under strace -f -c, no interval")
        v.variants = [t.variant, a.variant]
        v.figure = "\(t.variant) \(Format.sig3(ti)) recv+write per hop; \(a.variant) \(Format.sig3(ai)) + \(Format.sig3(epoll)) epoll_wait"
        v.decision = DecisionFacts(level: 1, looks: looks, stability: 1)
        let threadOK = abs(ti - 2) <= 0.5, asyncOK = abs(ai - 3) <= 0.5 && epoll > 0
        if threadOK && asyncOK {
            (v.verdict, v.reason) = (.confirmed, "both counts are within ±0.5 of the study's 2 and 3, and the async brigade calls epoll_wait")
        } else {
            v.verdict = .notConfirmed
            v.reason = [threadOK ? nil : "\(t.variant) makes \(Format.sig3(ti)) I/O calls per hop, not 2",
                        asyncOK ? nil : "\(a.variant) makes \(Format.sig3(ai)) I/O calls + \(Format.sig3(epoll)) epoll_wait per hop, not 3 + a share"]
                .compactMap { $0 }.joined(separator: "; ")
        }
    }
}
