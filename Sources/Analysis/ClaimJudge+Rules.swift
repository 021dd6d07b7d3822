import Results
import Stats

extension ClaimJudge {
    /// Directional claim (r > 1): confirmed when the CI is above 1 and r within x/÷2 of the
    /// study's ratio; direction only when above 1 but outside that band; not confirmed when
    /// the CI contains 1; contradicted when it lies below 1.
    static func directional(_ r: Estimated, study: Double) -> (String, String) {
        let band = "\(Format.ratio(study / 2))-\(Format.ratio(study * 2))"
        if r.lower > 1 {
            if r.value >= study / 2 && r.value <= study * 2 {
                return ("confirmed", "ratio \(Format.ratio(r.value)) is above 1 with its whole CI and within x/÷2 of the study's \(Format.ratio(study))")
            }
            return ("direction only", "ratio \(Format.ratio(r.value)) is above 1 with its whole CI, but outside the study's band \(band)")
        }
        if r.upper < 1 {
            return ("contradicted", "ratio \(Format.ratio(r.value)) lies below 1 with its whole CI: the opposite of the claim")
        }
        return ("not confirmed", "the CI \(Format.interval(r.lower, r.upper)) contains 1")
    }

    /// Equivalence claim: confirmed when the CI lies inside [1/1.5, 1.5]; contradicted when it
    /// lies entirely outside; otherwise not confirmed.
    static func equivalence(_ r: Estimated) -> (String, String) {
        let lo = 1 / 1.5, hi = 1.5
        if r.lower >= lo && r.upper <= hi {
            return ("confirmed", "the CI \(Format.interval(r.lower, r.upper)) lies inside [0.667, 1.5]")
        }
        if r.upper < lo || r.lower > hi {
            return ("contradicted", "the CI \(Format.interval(r.lower, r.upper)) lies entirely outside [0.667, 1.5]")
        }
        return ("not confirmed", "the CI \(Format.interval(r.lower, r.upper)) is not inside [0.667, 1.5]")
    }

    /// Order of verdicts, weakest first, to combine two parts of one claim.
    static let strength = ["not run": 0, "contradicted": 1, "not confirmed": 2, "direction only": 3, "confirmed": 4]

    /// C8: the thread/async hop ratio at the largest N both ran, over the same ratio at the
    /// headline N (equivalence), and peak RSS threads/async at that N (directional).
    func judgeLargeN(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        let thread = points.filter { $0.variant == "thread-brigade" && $0.kind == .brigade && $0.perUnit != nil }
        let async = points.filter { $0.variant == "async-brigade" && $0.kind == .brigade && $0.perUnit != nil }
        let pairs = thread.compactMap { t in async.first { $0.tasks == t.tasks && $0.pinned == t.pinned }.map { (t, $0) } }
        let candidates = pairs.filter { $0.0.group == "main" }.compactMap { h -> ((PointAnalysis, PointAnalysis), (PointAnalysis, PointAnalysis))? in
            guard let l = pairs.filter({ $0.0.pinned == h.0.pinned }).max(by: { $0.0.tasks < $1.0.tasks }),
                  l.0.tasks > h.0.tasks else { return nil }
            return (h, l)
        }
        // Prefer unpinned (the study's setting) when both pinnings have a larger N.
        guard let (headline, large) = candidates.first(where: { !$0.0.0.pinned }) ?? candidates.first else {
            throw Unavailable.missing("needs thread-brigade and async-brigade at a task count above the headline N with the same pinning (the sweep or large runs of the full profile)")
        }
        let groups = [headline.0, headline.1, large.0, large.1].map(\.perUnitMedians)
        let r = try Self.bootstrapRatio(bootstrap, groups: groups, denominatorText: "the ratio at the headline N") { m in
            (m[2] / m[3], m[0] / m[1])
        }
        v.ratio = r
        var (verdict, reason) = Self.equivalence(r)
        let n = large.0.tasks
        v.figure = "thread/async hop ratio \(Format.ratio(large.0.perUnit!.value / large.1.perUnit!.value)) at N=\(Format.count(n)) vs \(Format.ratio(headline.0.perUnit!.value / headline.1.perUnit!.value)) at N=\(Format.count(headline.0.tasks))"
        // Memory: growth of peak RSS from the smallest N both ran (same pinning) to N, so the
        // process's fixed baseline does not mask the per-member cost.
        let small = pairs.filter { $0.0.pinned == large.0.pinned }.min { $0.0.tasks < $1.0.tasks }
        if let tm = large.0.peakRSSBytes, let am = large.1.peakRSSBytes, let s = small, s.0.tasks < n,
           let ts = s.0.peakRSSBytes, let asmall = s.1.peakRSSBytes, am - asmall > 0 {
            let m = (tm - ts) / (am - asmall)
            v.figure += "; peak RSS grows \(Format.bytes(tm - ts)) vs \(Format.bytes(am - asmall)) from N=\(Format.count(s.0.tasks)) (\(Format.ratio(m)))"
            let (mv, mr) = Self.directional(Estimated(value: m, lower: m, upper: m, method: "point value"), study: c.studyRatio)
            if (Self.strength[mv] ?? 0) < (Self.strength[verdict] ?? 0) { verdict = mv }
            reason = "speed: " + reason + "; memory: \(mr)"
        }
        v.verdict = verdict
        v.reason = reason
    }

    /// C9: most async tasks that ran here over the thread capacity this machine's limits allow.
    func judgeCapacity(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        let asyncRuns = results.runs.filter { r in
            r.status == .ok && r.spec.kind != .creation && Variants.named(r.spec.variant)?.membersAreTasks == true
        }
        guard let most = asyncRuns.max(by: { $0.spec.tasks < $1.spec.tasks }) else {
            throw Unavailable.missing("no async brigade ran")
        }
        guard let cap = results.limits?.threadCapacity, cap > 0 else {
            throw Unavailable.missing("thread capacity unknown: results.json has no limits section")
        }
        guard most.spec.tasks > cap else {
            throw Unavailable.missing("this run tried at most \(Format.count(most.spec.tasks)) async tasks, no more than the \(Format.count(cap)) threads this machine allows; the quick and full profiles run 250,000")
        }
        let r = Double(most.spec.tasks) / Double(cap)
        v.ratio = Estimated(value: r, lower: r, upper: r, method: "counts, no interval")
        v.figure = "\(Format.count(most.spec.tasks)) async tasks ran (\(most.spec.variant)); threads capped at \(Format.count(cap)) by \(results.limits?.threadBinding ?? "a limit")"
        (v.verdict, v.reason) = Self.directional(v.ratio!, study: c.studyRatio)
    }

    /// C10: recv + write calls per hop, thread-brigade ~2, the async brigade ~3 (one recv
    /// returning EAGAIN) plus a share of epoll_wait; each within +/-0.5.
    func judgeSyscalls(_ v: inout ClaimVerdict) throws {
        let counts = results.syscalls ?? []
        func pick(_ variant: String) -> SyscallCount? {
            counts.filter { $0.variant == variant && $0.error == nil }.sorted { $0.pinned && !$1.pinned }.first
        }
        guard let t = pick("thread-brigade") else {
            let why = counts.first { $0.error != nil }?.error ?? "syscalls were not counted in this run (profile smoke or --no-syscalls)"
            throw Unavailable.missing(why)
        }
        guard let a = pick("async-brigade-epoll") ?? pick("async-brigade") else {
            throw Unavailable.missing("no async brigade's syscalls were counted")
        }
        func io(_ c: SyscallCount) -> Double {
            ["recvfrom", "read", "recvmsg", "write", "sendto", "writev"].compactMap { c.perHop[$0] }.reduce(0, +)
        }
        let ti = io(t), ai = io(a), epoll = (a.perHop["epoll_wait"] ?? 0) + (a.perHop["epoll_pwait"] ?? 0)
        let r = ti > 0 ? ai / ti : 0
        v.ratio = Estimated(value: r, lower: r, upper: r, method: "counts under strace -f -c, no interval")
        v.figure = "thread-brigade \(Format.sig3(ti)) recv+write per hop; \(a.variant) \(Format.sig3(ai)) + \(Format.sig3(epoll)) epoll_wait"
        let threadOK = abs(ti - 2) <= 0.5, asyncOK = abs(ai - 3) <= 0.5 && epoll > 0
        if threadOK && asyncOK {
            (v.verdict, v.reason) = ("confirmed", "both counts are within ±0.5 of the study's 2 and 3, and the async brigade calls epoll_wait")
        } else {
            v.verdict = "not confirmed"
            v.reason = [threadOK ? nil : "thread-brigade makes \(Format.sig3(ti)) I/O calls per hop, not 2",
                        asyncOK ? nil : "\(a.variant) makes \(Format.sig3(ai)) I/O calls + \(Format.sig3(epoll)) epoll_wait per hop, not 3 + a share"]
                .compactMap { $0 }.joined(separator: "; ")
        }
    }
}
