import Results
import AnalysisModel

/// The words of a claim's verdict: the only place that turns a `ClaimVerdict`'s typed facts
/// (reason, qualifier, figures, substitutions, not-run reasons) into sentences. The claim's
/// own words (what it says, the study's figure, the deciding ratio, its side) come from the
/// study table by id; the not-run details (a point's failure, a skipped run's reason, a memory
/// series' missing fit) from the same analysis.
struct ClaimText {
    let a: AnalysisFile

    func claim(_ id: String) -> StudyReference.Claim? { Self.claim(id) }
    static func claim(_ id: String) -> StudyReference.Claim? { StudyReference.shared.claim(id) }

    /// Who a failed equivalence or one-sided claim is about ("the async switch").
    func side(_ id: String) -> String { Self.side(id) }
    static func side(_ id: String) -> String { claim(id)?.side ?? "the numerator" }

    /// "confirmed, stronger than the study (53.9x vs 8.5x)", "contradicted: the async switch 1.8x cheaper".
    static func label(_ v: ClaimVerdict) -> String {
        guard let q = v.qualifier else { return v.verdict.rawValue }
        return v.verdict.rawValue + (v.verdict == .confirmed ? ", " : ": ") + qualifier(q, id: v.id) + leadKept(v)
    }

    /// For a lead that shrank (C12) but did not vanish: "; async still 1.64x faster at K=64", so
    /// "contradicted" reads as "not kept at its size", not "lost".
    static func leadKept(_ v: ClaimVerdict) -> String {
        guard claim(v.id)?.kind == .inFlight, v.verdict == .contradicted, case .side(_, larger: false)? = v.qualifier,
              let large = v.figures.last(where: { $0.quantity == .hopRatio }), large.value > 1 else { return "" }
        return "; async still \(Format.ratio(large.value)) faster at K=\(large.inFlight ?? 0)"
    }

    static func qualifier(_ q: Qualifier, id: String) -> String {
        let (more, less) = claim(id)?.kind == .inFlight || claim(id)?.kind == .largeN ? ("larger", "smaller") : ("dearer", "cheaper")
        switch q {
        case .reversed(let r): return "reversed (\(Format.ratio(r)))"
        case .straddlesOne: return "straddles 1"
        case .stronger(let r, let s): return "stronger than the study (\(Format.ratio(r)) vs \(Format.ratio(s)))"
        case .weaker(let r, let s): return "weaker than the study (\(Format.ratio(r)) vs \(Format.ratio(s)))"
        case .straddlesHalf(let edge): return "straddles half the study's ratio (\(Format.ratio(edge)))"
        case .side(let factor, let larger):
            if claim(id)?.kind == .atMost { return "\(side(id)) still \(Format.ratio(factor)) dearer" }
            return "\(side(id)) \(Format.ratio(factor)) \(larger ? more : less)"
        case .straddles(let edge, _, _): return "straddles \(Format.sig3(edge))"
        case .nowFaster(let factor): return "\(side(id)) now \(Format.ratio(factor)) faster"
        case .part(let kind, let inner): return "\(kind.rawValue) \(qualifier(inner, id: id))"
        }
    }

    /// "the CI [a, b]", or "the value x" for a count or point value without an interval.
    static func ciText(_ r: Estimated) -> String {
        !Format.hasInterval(r) ? "the value \(Format.ratio(r.value))" : "the CI \(Format.interval(r.lower, r.upper))"
    }

    /// One sentence why, from the rule's region (or why the claim did not run).
    func reason(_ v: ClaimVerdict) -> String {
        if v.reason == .parts || v.reason == .notRun(.noPart), let parts = v.parts {
            return parts.map { p in
                let head = p.kind == .memory ? "memory at \(Format.count(claim(v.id)?.tasks ?? 0))" : "speed"
                if case .notRun(let why) = p.reason { return "\(p.kind.rawValue): not run (\(notRun(why)))" }
                return "\(head): " + reason(p.reason, ratio: p.ratio, id: v.id, figures: v.figures)
            }.joined(separator: "; ")
        }
        return reason(v.reason, ratio: v.ratio, id: v.id, figures: v.figures)
    }

    func reason(_ r: Reason, ratio: Estimated?, id: String, figures: [ClaimFigure]) -> String {
        let ci = ratio.map(Self.ciText) ?? "the interval"
        let studyRatio = Format.ratio(claim(id)?.studyRatio ?? 0)
        switch r {
        case .belowOne: return "\(ci) lies below 1: the opposite of the claim"
        case .containsOne: return "\(ci) contains 1: the direction is not yet decided"
        case .aboveTwiceStudy: return "\(ci) is above 1 and above twice the study's \(studyRatio)"
        case .atLeastHalfStudy: return "\(ci) is above 1 and at or above half the study's \(studyRatio)"
        case .belowHalfStudy: return "\(ci) is above 1, but below half the study's \(studyRatio)"
        case .straddlesHalfStudy:
            return "\(ci) is above 1 but straddles half the study's \(studyRatio): as strong as the study, or weaker, is not yet decided"
        case .insideBand: return "\(ci) lies inside [0.667, 1.5]"
        case .outsideBand: return "\(ci) lies entirely outside [0.667, 1.5]"
        case .straddlesBand(let edge):
            let where_ = ratio.map { r in
                let larger = r.value >= 1
                let (more, less) = claim(id)?.kind == .equivalence ? ("dearer", "cheaper") : ("larger", "smaller")
                return " (\(side(id)) \(Format.ratio(larger ? r.value : 1 / r.value)) \(larger ? more : less))"
            } ?? ""
            return "\(ci) straddles the edge \(Format.sig3(edge)) of [0.667, 1.5]\(where_)"
        case .atMostBound(let b): return "\(ci) does not exceed \(Format.sig3(b))"
        case .aboveBound(let b): return "\(ci) lies above \(Format.sig3(b))"
        case .straddlesBound(let b):
            return "\(ci) straddles \(Format.sig3(b)) (\(side(id)) \(Format.ratio(ratio?.value ?? 0)) dearer)"
        case .moreTasksThanThreads: return "\(Format.ratio(ratio?.value ?? 0)) more async tasks ran than threads can here"
        case .noMoreTasksThanThreads:
            return "no more async tasks ran than threads can here (ratio \(Format.ratio(ratio?.value ?? 0)))"
        case .syscalls(let threadOK, let asyncOK):
            guard !(threadOK && asyncOK) else {
                return "both counts are within ±0.5 of the study's 2 and 3, and the async brigade calls epoll_wait"
            }
            let io = figures.filter { $0.quantity == .ioCallsPerHop }, epoll = figures.first { $0.quantity == .epollWaitsPerHop }
            return [threadOK || io.isEmpty ? nil : "\(io[0].variant?.rawValue ?? "") makes \(Format.sig3(io[0].value)) I/O calls per hop, not 2",
                    asyncOK || io.count < 2 ? nil
                        : "\(io[1].variant?.rawValue ?? "") makes \(Format.sig3(io[1].value)) I/O calls + \(Format.sig3(epoll?.value ?? 0)) epoll_wait per hop, not 3 + a share"]
                .compactMap { $0 }.joined(separator: "; ")
        case .parts: return "see its parts"
        case .notRun(let why): return notRun(why)
        }
    }

    /// Why a claim did not run, with the analysis' own record of a failure or a skip.
    func notRun(_ r: NotRunReason) -> String {
        let label = { (v: Variant, pinned: Bool) in "\(v) (\(pinned ? "pinned" : "unpinned"))" }
        switch r {
        case .noVariant(let role): return "no variant plays \(role) in this ctxbench"
        case .noFamilyVariant(let family, let role): return "no \(family) variant plays \(role)"
        case .noQuantities: return "the study table gives this claim no quantities"
        case .didNotMeasure(let v, let pinned):
            let failure = a.points.first { $0.group == .main && $0.variant == v && $0.pinned == pinned }?.failures.first
            return "\(label(v, pinned)) did not measure: \(failure ?? "no successful run")"
        case .skipped(let v, let pinned):
            return "\(label(v, pinned)) not run: \(a.skipped.first { $0.variant == v }?.reason.description ?? "skipped")"
        case .notInRun(let v, let pinned): return "\(label(v, pinned)) was not part of this run"
        case .denominatorNotPositive: return "the denominator is not above zero, so the ratio is meaningless"
        case .denominatorWithinNoise(let n):
            return "the denominator is within noise of zero in \(n) bootstrap resamples; the ratio has no finite interval"
        case .notFitted(let v):
            let why = a.memory.first { $0.variant == v }.map { ReportModel.fitFailure($0.fitFailure) } ?? "no memory runs of \(v) in this profile"
            return "memory per task of \(v) not fitted: \(why)"
        case .slopeNotPositive(let v): return "the memory slope of \(v) is not above zero, so no ratio can be formed"
        case .tooFewTaskCounts: return "too few distinct task counts to bootstrap the memory fits"
        case .noPositiveResident(let n): return "the memory fits give no positive resident size at \(Format.count(n))"
        case .noLargerN(let t, let av, let fewRuns):
            return "needs \(t) and \(av) at a task count above the headline N with the same pinning and at least 3 runs each"
                + (fewRuns ? " (the larger N here has fewer: no interval from one run)" : "")
        case .noCapacityRun(let family): return "no capacity run of the \(family) reference in this run (the quick and full profiles plan one)"
        case .noAsyncBrigade: return "no async brigade ran"
        case .threadCapacityUnknown: return "thread capacity unknown: results.json has no limits section"
        case .syscallsNotCounted(let error):
            return error ?? "syscalls were not counted in this run (profile smoke or --no-syscalls)"
        case .syscallsNotCountedFor(let v): return "the syscalls of \(v) were not counted"
        case .noInFlightRuns(let t, let av):
            return "needs \(t) and \(av) at one byte and at more than one in flight (the in-flight runs of the quick and full profiles)"
        case .fewInFlightRuns(let k, let runs):
            return "needs at least 3 process runs at each point (K = \(k) has \(runs.map(String.init).joined(separator: " and "))): no interval from fewer"
        case .noPart: return "neither part could run"
        case .failed(let message): return message
        }
    }

    /// This machine's figures in words: "4.03 µs vs 131 ns".
    func figure(_ v: ClaimVerdict) -> String {
        let f = v.figures
        guard !f.isEmpty else { return "" }
        switch claim(v.id)?.kind {
        case .largeN: return largeNFigure(f)
        case .capacity: return capacityFigure(f)
        case .syscalls:
            let io = f.filter { $0.quantity == .ioCallsPerHop }, epoll = f.first { $0.quantity == .epollWaitsPerHop }
            guard io.count == 2 else { return "" }
            return "\(io[0].variant?.rawValue ?? "") \(Format.sig3(io[0].value)) recv+write per hop; \(io[1].variant?.rawValue ?? "") \(Format.sig3(io[1].value)) + \(Format.sig3(epoll?.value ?? 0)) epoll_wait"
        case .inFlight: return inFlightFigure(f)
        default:
            if f.allSatisfy({ $0.quantity == .memorySlope }) {
                return f.map { Format.bytes($0.value) }.joined(separator: " vs ") + " per task"
            }
            return f.map { Format.nanos($0.value) }.joined(separator: " vs ")
        }
    }

    func largeNFigure(_ f: [ClaimFigure]) -> String {
        var parts = [String]()
        let resident = f.filter { $0.quantity == .residentAt }
        let intercepts = f.filter { $0.quantity == .memoryIntercept }, slopes = f.filter { $0.quantity == .memorySlope }
        if resident.count == 2, intercepts.count == 2, slopes.count == 2 {
            parts.append("resident at N=\(Format.count(resident[0].tasks ?? 0)) from the fits: \(Format.bytes(resident[0].value)) vs \(Format.bytes(resident[1].value)) (\(Format.bytes(intercepts[0].value)) + N x \(Format.bytes(slopes[0].value)) vs \(Format.bytes(intercepts[1].value)) + N x \(Format.bytes(slopes[1].value)))")
        }
        let ratios = f.filter { $0.quantity == .hopRatio }
        if ratios.count == 2 {
            let pin = ratios[0].pinned == true ? " (both pinned)" : ""
            parts.append("thread/async hop ratio \(Format.ratio(ratios[0].value)) at N=\(Format.count(ratios[0].tasks ?? 0)) vs \(Format.ratio(ratios[1].value)) at N=\(Format.count(ratios[1].tasks ?? 0))\(pin)")
        }
        return parts.joined(separator: "; ")
    }

    func capacityFigure(_ f: [ClaimFigure]) -> String {
        guard let ran = f.first(where: { $0.quantity == .tasksRan }), let threads = f.first(where: { $0.quantity == .threadCapacity }) else { return "" }
        let limits = a.limits, n = Format.count(Int(threads.value))
        let tasks = "\(Format.count(Int(ran.value))) async tasks ran (\(ran.variant?.rawValue ?? ""))"
        guard threads.observed == true else {
            return "\(tasks); at most \(n) threads, computed from the limits (binding: \(limits?.threadBinding ?? "unknown")), not observed"
        }
        // The probe stops short of the ceiling so the machine keeps pids to spare: its count is
        // a floor of the most threads, the limit's capacity the ceiling.
        if let limits, limits.probeStoppedShort, let probed = limits.observedThreads {
            return "\(tasks); at most \(n) threads (\(limits.threadBinding ?? "the limits")): the thread probe had \(Format.count(probed)) alive at once when it stopped at its safety margin below that"
        }
        return "\(tasks); at most \(n) threads, observed by the thread probe (\(limits?.observedThreadsStop ?? "stopped"))"
    }

    func inFlightFigure(_ f: [ClaimFigure]) -> String {
        let ratios = f.filter { $0.quantity == .hopRatio }, hops = f.filter { $0.quantity == .hop }
        guard ratios.count == 2, hops.count == 2 else { return "" }
        let k = ratios[1].inFlight ?? 0
        var text = "thread/async per hop \(Format.ratio(ratios[0].value)) at K=1, \(Format.ratio(ratios[1].value)) at K=\(k) (\(Format.nanos(hops[0].value)) vs \(Format.nanos(hops[1].value)))"
        if let e = f.first(where: { $0.quantity == .eventsPerWait }) { text += "; \(Format.sig3(e.value)) events per epoll_wait at K=\(k)" }
        let plateaus = f.filter { $0.quantity == .plateauK }.map { p in
            "\(p.variant?.rawValue ?? "") " + (p.value == 0 ? "still falling at K=\(p.inFlight ?? 0)"
                : p.value == 1 ? "gains nothing from K > 1" : "stops falling at K=\(Int(p.value))")
        }
        if !plateaus.isEmpty { text += "; per-hop cost: " + plateaus.joined(separator: ", ") }
        return text
    }

    /// What ran instead of the study's exact experiment ("none" when nothing did).
    func substitution(_ v: ClaimVerdict) -> String {
        guard let subs = v.substitutions, !subs.isEmpty else { return "none" }
        let limits = a.limits
        return subs.map { s -> String in
            switch s {
            case .speedAt(let n, let studyN, let profile):
                let why = a.skipped.first { $0.group == .large && v.variants?.first == $0.variant }?.reason.description
                    ?? "the \(profile) profile runs no \(Format.count(studyN))-member brigades"
                return "speed at N = \(Format.count(n)) instead of the study's \(Format.count(studyN)): \(why); memory extrapolated to \(Format.count(studyN)) along the fitted lines"
            case .speedPinned:
                return "speed with both N pinned to one CPU (no unpinned run above the headline N in this profile), unlike the study"
            case .inMemoryForSockets(let variant, let linkCapacity, let socketMost):
                let design = variant.row.design
                return "async: \(variant) (\(design)) stands in for the socket brigade"
                    + (limits?.linkBinding.map { b in ", whose members \(b) caps at \(Format.count(linkCapacity ?? 0))" } ?? "")
                    + (socketMost.map { "; the most socket-brigade tasks that ran: \(Format.count($0))" } ?? "")
            case .threadsComputed: return "threads: computed, not observed (the full profile runs the thread probe)"
            }
        }.joined(separator: "; ")
    }
}
