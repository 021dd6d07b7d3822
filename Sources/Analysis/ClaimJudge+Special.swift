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
        guard let tq = c.numerator, let aq = c.denominator, let studyN = c.tasks else { throw Unavailable.missing(.noQuantities) }
        let tv = try variant(tq), av = try variant(aq)
        v.variants = [tv, av]
        var memory = v, speed = v
        var parts = [ClaimPart]()
        do {
            let (sample, figures) = try memoryAt(studyN, tv, av)
            settle(.directional(study: c.studyRatio), sample, &memory)
            v.figures += figures
        } catch Unavailable.missing(let why) {
            (memory.verdict, memory.reason) = (.notRun, .notRun(why))
        }
        parts.append(ClaimPart(kind: .memory, verdict: memory.verdict, ratio: memory.ratio, reason: memory.reason))
        do {
            let (sample, figures, n, pinned) = try speedAtLargeN(tv, av)
            settle(.equivalence, sample, &speed)
            v.figures += figures
            var subs = [Substitution]()
            if n < studyN { subs.append(.speedAt(tasks: n, studyTasks: studyN, profile: results.configuration.profile)) }
            if pinned { subs.append(.speedPinned) }
            v.substitutions = subs.isEmpty ? nil : subs
        } catch Unavailable.missing(let why) {
            (speed.verdict, speed.reason) = (.notRun, .notRun(why))
        }
        parts.append(ClaimPart(kind: .speed, verdict: speed.verdict, ratio: speed.ratio, reason: speed.reason))
        v.parts = parts
        guard memory.verdict != .notRun || speed.verdict != .notRun else { throw Unavailable.missing(.noPart) }
        // Both parts must hold: a contradicted part settles it, then an open part keeps it open,
        // else the weaker decided part names the verdict; a part that could not run leaves the
        // other alone.
        let measured = [(ClaimPart.Kind.memory, memory), (.speed, speed)].filter { $0.1.verdict != .notRun }
        let (which, deciding) = measured.first { $0.1.verdict == .contradicted } ?? measured.first { $0.1.verdict == .inconclusive }
            ?? measured.min { $0.1.verdict.strength < $1.1.verdict.strength }!
        v.ratio = memory.verdict != .notRun ? memory.ratio : speed.ratio
        v.verdict = deciding.verdict
        v.qualifier = deciding.qualifier.map { .part(which, $0) }
        v.decision = deciding.decision
        // Only runs of an open speed part can settle it (the memory part has no process runs to buy).
        v.inputs = speed.verdict != .notRun && (speed.verdict == .inconclusive || (speed.decision?.stability ?? 1) < Allocator.stableAt) ? speed.inputs : nil
        v.reason = .parts
    }

    /// Resident memory threads / async at `n` members from the two fitted lines, with a case
    /// bootstrap of both fits.
    func memoryAt(_ members: Int, _ tv: Variant, _ av: Variant) throws -> (RatioSample, [ClaimFigure]) {
        let n = Double(members)
        let ft = try fit(tv), fa = try fit(av)
        guard let it = ft.intercept, let st = ft.slope, let ia = fa.intercept, let sa = fa.slope, ia + n * sa > 0 else {
            throw Unavailable.missing(.noPositiveResident(tasks: members))
        }
        let tx = ft.tasks.map(Double.init), ax = fa.tasks.map(Double.init)
        let replicates = bootstrap.casesReplicates(counts: [tx.count, ax.count]) { idx in
            guard let lt = leastSquaresLine(x: idx[0].map { tx[$0] }, y: idx[0].map { ft.rssBytes[$0] }),
                  let la = leastSquaresLine(x: idx[1].map { ax[$0] }, y: idx[1].map { fa.rssBytes[$0] }),
                  la.intercept + n * la.slope > 0 else { return nil }
            return (lt.intercept + n * lt.slope) / (la.intercept + n * la.slope)
        }
        guard let replicates else { throw Unavailable.missing(.tooFewTaskCounts) }
        let mt = it + n * st, ma = ia + n * sa
        let ci = bootstrap.percentileInterval(sorted: replicates, level: bootstrap.level)
        let r = Estimated(value: mt / ma, lower: ci.lower, upper: ci.upper,
                          method: .caseBootstrap(level: bootstrap.level, readings: [tx.count, ax.count]))
        let figures = [ClaimFigure(.residentAt, variant: tv, value: mt, tasks: members),
                       ClaimFigure(.residentAt, variant: av, value: ma, tasks: members),
                       ClaimFigure(.memoryIntercept, variant: tv, value: it), ClaimFigure(.memorySlope, variant: tv, value: st),
                       ClaimFigure(.memoryIntercept, variant: av, value: ia), ClaimFigure(.memorySlope, variant: av, value: sa)]
        return (RatioSample(estimate: r, replicates: replicates, inputs: []), figures)
    }

    /// C3's ratio at the largest N (above the headline) where both brigades ran with the same
    /// pinning and at least 3 successful runs each (unpinned preferred, the study's setting),
    /// over the same ratio at the headline N.
    func speedAtLargeN(_ tv: Variant, _ av: Variant) throws -> (RatioSample, [ClaimFigure], Int, Bool) {
        let usable = { (p: PointAnalysis) in p.kind == .brigade && p.perUnit != nil && p.inFlight == nil }
        let thread = points.filter { $0.variant == tv && usable($0) }
        let async = points.filter { $0.variant == av && usable($0) }
        let pairs = thread.compactMap { t in async.first { $0.tasks == t.tasks && $0.pinned == t.pinned }.map { (t, $0) } }
        let candidates = pairs.filter { $0.0.group == .main }.compactMap { h -> ((PointAnalysis, PointAnalysis), (PointAnalysis, PointAnalysis))? in
            let larger = pairs.filter { $0.0.pinned == h.0.pinned && $0.0.tasks > h.0.tasks && $0.0.runsOK >= 3 && $0.1.runsOK >= 3 }
            return larger.max { $0.0.tasks < $1.0.tasks }.map { (h, $0) }
        }
        guard let (headline, large) = candidates.first(where: { !$0.0.0.pinned }) ?? candidates.first else {
            let single = pairs.contains { $0.0.group != .main && ($0.0.runsOK < 3 || $0.1.runsOK < 3) }
            throw Unavailable.missing(.noLargerN(thread: tv, async: av, fewRuns: single))
        }
        let sample = try sample(points: [headline.0, headline.1, large.0, large.1]) { m in (m[2] / m[3], m[0] / m[1]) }
        let n = large.0.tasks
        let figures = [ClaimFigure(.hopRatio, value: large.0.perUnit!.value / large.1.perUnit!.value, pinned: large.0.pinned, tasks: n),
                       ClaimFigure(.hopRatio, value: headline.0.perUnit!.value / headline.1.perUnit!.value, pinned: headline.0.pinned,
                                   tasks: headline.0.tasks)]
        return (sample, figures, n, large.0.pinned)
    }

    /// C9 (lower bound): most async tasks that ran here over most threads here, an upper bound
    /// (`LimitsReport.mostThreads`: the thread probe's count where it ran into a limit, the
    /// limits' capacity where it stopped short of one or did not run, labelled computed).
    func judgeCapacity(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        let asyncRuns = Self.asyncBrigadeRuns(results, family: family)
        // Without its capacity run a reference's most tasks say nothing about how many could run.
        if let family, !asyncRuns.contains(where: { $0.spec.group == .large }) {
            throw Unavailable.missing(.noCapacityRun(family: family.rawValue))
        }
        guard let most = asyncRuns.max(by: { $0.spec.tasks < $1.spec.tasks }) else {
            throw Unavailable.missing(.noAsyncBrigade)
        }
        let limits = results.limits
        let observed = limits?.observedThreads
        // Most threads as an upper bound (the probe's count is only a floor when it stopped at
        // its safety margin), so the ratio is a lower bound of how many more tasks than threads.
        guard let threads = limits?.mostThreads, threads > 0 else {
            throw Unavailable.missing(.threadCapacityUnknown)
        }
        let r = Double(most.spec.tasks) / Double(threads)
        v.ratio = Estimated(value: r, lower: r, upper: r, method: .counts)
        v.variants = [most.spec.variant]
        v.figures = [ClaimFigure(.tasksRan, variant: most.spec.variant, value: Double(most.spec.tasks)),
                     ClaimFigure(.threadCapacity, value: Double(threads), observed: observed != nil)]
        var subs = [Substitution]()
        if most.spec.variant.row.usesLinks != true {
            let socketMost = asyncRuns.filter { $0.spec.variant.row.usesLinks == true }.map(\.spec.tasks).max()
            subs.append(.inMemoryForSockets(variant: most.spec.variant, linkCapacity: limits?.linkBinding == nil ? nil : limits?.linkCapacity,
                                            socketMost: socketMost))
        }
        if observed == nil { subs.append(.threadsComputed) }
        v.substitutions = subs.isEmpty ? nil : subs
        v.decision = DecisionFacts(level: 1, looks: looks, stability: 1)
        (v.verdict, v.reason) = r > 1 ? (.confirmed, .moreTasksThanThreads) : (.notConfirmed, .noMoreTasksThanThreads)
    }

    /// Successful runs whose members were Swift tasks alive at once (brigades and memory runs).
    /// The async brigade runs of `family` (nil: the Swift variants; references never count for them).
    static func asyncBrigadeRuns(_ results: ResultsFile, family: ReferenceFamily? = nil) -> [ProcessRun] {
        results.runs.filter { r in
            let row = r.spec.variant.row
            return r.status == .ok && r.spec.kind != .creation && row.membersAreTasks && row.executable.reference == family
        }
    }

    /// C10: recv + write calls per hop of the thread brigade (~2) and of the async brigade (~3,
    /// one recv returning EAGAIN) which must also call epoll_wait; each within +/-0.5.
    func judgeSyscalls(_ c: StudyReference.Claim, _ v: inout ClaimVerdict) throws {
        guard let tq = c.numerator, let aq = c.denominator else { throw Unavailable.missing(.noQuantities) }
        let tv = try variant(tq), av = try variant(aq)
        let counts = results.syscalls ?? []
        func pick(_ variant: Variant) -> SyscallCount? {
            counts.filter { $0.variant == variant && $0.error == nil }.sorted { !$0.pinned && $1.pinned }.first
        }
        guard let t = pick(tv) else {
            // Counts of other variants exist: this one was not counted; none at all: say why.
            throw Unavailable.missing(counts.contains { $0.error == nil } ? .syscallsNotCountedFor(variant: tv)
                                      : .syscallsNotCounted(error: counts.first { $0.error != nil }?.error))
        }
        guard let a = pick(av) else { throw Unavailable.missing(.syscallsNotCountedFor(variant: av)) }
        func io(_ c: SyscallCount) -> Double {
            ["recvfrom", "read", "recvmsg", "write", "sendto", "writev"].compactMap { c.perHop[$0] }.reduce(0, +)
        }
        let ti = io(t), ai = io(a), epoll = (a.perHop["epoll_wait"] ?? 0) + (a.perHop["epoll_pwait"] ?? 0)
        let r = ti > 0 ? ai / ti : 0
        v.ratio = Estimated(value: r, lower: r, upper: r, method: .straceCounts)
        v.variants = [t.variant, a.variant]
        v.figures = [ClaimFigure(.ioCallsPerHop, variant: t.variant, value: ti, pinned: t.pinned),
                     ClaimFigure(.ioCallsPerHop, variant: a.variant, value: ai, pinned: a.pinned),
                     ClaimFigure(.epollWaitsPerHop, variant: a.variant, value: epoll, pinned: a.pinned)]
        v.decision = DecisionFacts(level: 1, looks: looks, stability: 1)
        let threadOK = abs(ti - 2) <= 0.5, asyncOK = abs(ai - 3) <= 0.5 && epoll > 0
        v.verdict = threadOK && asyncOK ? .confirmed : .notConfirmed
        v.reason = .syscalls(threadOK: threadOK, asyncOK: asyncOK)
    }
}
