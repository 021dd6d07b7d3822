import Results
import AnalysisModel
import Stats

/// The claims that are not one ratio of two medians: C8 (many members), C9 (capacity) and
/// C10 (syscalls per hop).
extension ClaimJudge {
    /// C8: C3's ratio at the largest N both brigades ran against the same ratio at the headline
    /// N (equivalence), and resident memory threads / async at that N (directional).
    func judgeLargeN(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        guard let tq = c.numerator, let aq = c.denominator else { throw Unavailable.missing("claim has no quantities") }
        let tv = try variant(tq), av = try variant(aq)
        let thread = points.filter { $0.variant == tv.rawValue && $0.kind == .brigade && $0.perUnit != nil }
        let async = points.filter { $0.variant == av.rawValue && $0.kind == .brigade && $0.perUnit != nil }
        let pairs = thread.compactMap { t in async.first { $0.tasks == t.tasks && $0.pinned == t.pinned }.map { (t, $0) } }
        let candidates = pairs.filter { $0.0.group == .main }.compactMap { h -> ((PointAnalysis, PointAnalysis), (PointAnalysis, PointAnalysis))? in
            guard let l = pairs.filter({ $0.0.pinned == h.0.pinned }).max(by: { $0.0.tasks < $1.0.tasks }),
                  l.0.tasks > h.0.tasks else { return nil }
            return (h, l)
        }
        // Prefer unpinned (the study's setting) when both pinnings have a larger N.
        guard let (headline, large) = candidates.first(where: { !$0.0.0.pinned }) ?? candidates.first else {
            throw Unavailable.missing("needs \(tv.rawValue) and \(av.rawValue) at a task count above the headline N with the same pinning (the sweep or the large runs of the full profile)")
        }
        let sample = try sample(points: [headline.0, headline.1, large.0, large.1], denominatorText: "the ratio at the headline N") { m in
            (m[2] / m[3], m[0] / m[1])
        }
        v.variants = [tv.rawValue, av.rawValue]
        let n = large.0.tasks
        settle(.equivalence(side: c.side ?? "the ratio at large N", more: "larger", less: "smaller"), sample, &v)
        var (verdict, detail, reason) = (v.verdict, v.detail, v.reason)
        v.figure = "thread/async hop ratio \(Format.ratio(large.0.perUnit!.value / large.1.perUnit!.value)) at N=\(Format.count(n)) vs \(Format.ratio(headline.0.perUnit!.value / headline.1.perUnit!.value)) at N=\(Format.count(headline.0.tasks))"
        if let tm = large.0.peakRSSBytes, let am = large.1.peakRSSBytes, am > 0 {
            let m = tm / am
            v.figure += "; resident \(Format.bytes(tm)) vs \(Format.bytes(am)) at N=\(Format.count(n)) (\(Format.ratio(m)))"
            let mem = Self.directional(Estimated(value: m, lower: m, upper: m, method: "point value"), study: c.studyRatio)
            if mem.verdict.strength < verdict.strength { verdict = mem.verdict; detail = mem.detail.map { "memory \($0)" } ?? detail }
            reason = "speed: " + reason + "; memory (peak resident set, one run each): \(mem.reason)"
        } else {
            reason = "speed: " + reason + "; memory: no peak resident set recorded at that N"
        }
        (v.verdict, v.detail, v.reason) = (verdict, detail, reason)
        if n < 50_000 {
            let why = results.skipped.first { $0.group == .large && $0.variant == tv.rawValue }?.reason
                ?? (results.configuration.profile == "full" ? "the largest N that ran" : "the \(results.configuration.profile) profile runs no 50,000-member brigades")
            v.substitution = "N = \(Format.count(n)) instead of the study's 50,000: \(why)"
        }
        if large.0.pinned {
            // Only the sweep reached a larger N, and this profile's sweep runs pinned.
            v.substitution = (v.substitution.map { $0 + "; " } ?? "")
                + "both N pinned to one CPU (no unpinned run above N = \(Format.count(headline.0.tasks)) in this profile), unlike the study"
        }
    }

    /// C9 (lower bound): most async tasks that ran here over most threads here (observed by
    /// the thread probe where it ran, else the capacity the limits imply, labelled computed).
    func judgeCapacity(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        let asyncRuns = Self.asyncBrigadeRuns(results, family: family)
        // A reference family runs at the headline N only: without a capacity run its most tasks
        // say nothing about how many could run.
        if let family, !asyncRuns.contains(where: { $0.spec.group == .large }) {
            throw Unavailable.missing("the \(family.rawValue) reference runs at the headline N only (no capacity run)")
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
        if let family {
            throw Unavailable.missing("syscalls are counted for the Swift variants only, not for the \(family.rawValue) reference")
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
