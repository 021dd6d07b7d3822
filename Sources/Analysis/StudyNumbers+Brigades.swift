import Results
import AnalysisModel
import Stats

/// The study's brigade figures: per iteration, the whole run as `/bin/time` printed it, the
/// elapsed ratio, and the timings its syscall section quotes.
extension StudyNumbers {
    /// One process run's whole-run figures per timed iteration: mean iteration (ns), user and
    /// system CPU time (ns), and CPU time over the timed wall time (a share of one CPU).
    struct RunFigures {
        var meanNs: Double, userNs: Double, systemNs: Double, cpuShare: Double
    }

    /// The figures of each successful process run of `p` that recorded its timed rusage.
    func runFigures(_ p: PointAnalysis) -> [RunFigures] {
        results.runs.compactMap { r -> RunFigures? in
            guard r.status == .ok, r.spec.pointKey == p.pointKey, let o = r.output, let t = o.timedRusage, !o.samplesNs.isEmpty else { return nil }
            let wall = o.samplesNs.reduce(0.0) { $0 + Double($1) }, n = Double(o.samplesNs.count)
            guard wall > 0 else { return nil }
            let user = t.userSeconds * 1e9, system = t.systemSeconds * 1e9
            return RunFigures(meanNs: wall / n, userNs: user / n, systemNs: system / n, cpuShare: (user + system) / wall)
        }
    }

    func brigadeNumbers() -> [StudyNumber] {
        let brigades: [(String, VariantRole, Bool, String, String)] = [
            ("async brigade", .faithfulAsync, false, "1.795 ms (sd 82.0 µs; 3.589 µs per task)",
             "18.19 s elapsed, 9.83 s user, 8.33 s system, 99 % CPU"),
            ("thread brigade", .threadBrigade, false, "2.657 ms (sd 232 µs; 5.313 µs per task)",
             "26.91 s elapsed, 9.14 s user, 27.88 s system, 137 % CPU"),
            ("thread brigade pinned", .threadBrigade, true, "1.709 ms (sd 103 µs; 3.417 µs per task)",
             "17.37 s elapsed, 4.81 s user, 12.50 s system, 99 % CPU"),
        ]
        var out = [StudyNumber]()
        for (name, role, pinned, perIteration, whole) in brigades {
            guard let p = main(role, pinned: pinned), let mean = p.meanPerUnit?.value else {
                out.append(StudyNumber(quantity: "\(name): mean per iteration", study: perIteration, here: missing(role, pinned), source: "—"))
                continue
            }
            let n = Double(p.tasks)
            let sd = (p.sdPerUnit ?? 0) * n
            out.append(StudyNumber(quantity: "\(name): mean per iteration (sd)", study: perIteration,
                                   here: "\(Format.nanos(mean * n)) (sd \(Format.nanos(sd)); \(Format.nanos(mean)) per task)",
                                   source: source(p, "; sd of every timed iteration")))
            if let w = wholeRun(p) {
                out.append(StudyNumber(quantity: "\(name): whole run of 10,000 iterations", study: whole, here: w,
                                       source: source(p, "; timed iterations only (getrusage), scaled to 10,000 iterations; each figure the median over runs of that run's own, %CPU each run's CPU time over its timed wall time")))
            }
        }
        return out
    }

    /// "64.7 s elapsed, 4.88 s user, 52.8 s system, 89.2 % CPU": medians over runs of each run's
    /// figures, so a run pinned to one CPU never shows more than that CPU's 100 %.
    func wholeRun(_ p: PointAnalysis) -> String? {
        let runs = runFigures(p)
        guard !runs.isEmpty else { return nil }
        func median(_ f: (RunFigures) -> Double) -> Double { summarize(runs.map(f)).median }
        let scale = Self.studyIterations / 1e9
        let elapsed = median(\.meanNs) * scale, user = median(\.userNs) * scale, system = median(\.systemNs) * scale
        return "\(Format.sig3(elapsed)) s elapsed, \(Format.sig3(user)) s user, \(Format.sig3(system)) s system, \(Format.sig3(median(\.cpuShare) * 100)) % CPU"
    }

    /// The study's 18.19 s / 26.91 s, from whole-run elapsed times (means), beside C3's statistic
    /// (medians of the run medians) so the two figures are not mistaken for one.
    func elapsedRatio() -> [StudyNumber] {
        guard let a = main(.faithfulAsync, pinned: false), let t = main(.threadBrigade, pinned: false) else { return [] }
        let am = runFigures(a).map(\.meanNs), tm = runFigures(t).map(\.meanNs)
        guard !am.isEmpty, !tm.isEmpty, let ah = a.perUnit?.value, let th = t.perUnit?.value else { return [] }
        let elapsed = summarize(am).median / summarize(tm).median
        return [StudyNumber(
            quantity: "elapsed ratio async / threads", study: "0.68 (18.19 s / 26.91 s)",
            here: "\(Format.sig3(elapsed)) from whole-run elapsed times (means); \(Format.sig3(ah / th)) from per-hop medians (C3's statistic, 1 / \(Format.ratio(th / ah)))",
            source: "\(a.variant) and \(t.variant), N = 500, unpinned: elapsed = the median over runs of each run's mean iteration (the study's /bin/time is one run's total); C3 = the median of the run medians per hop")]
    }

    /// The study's syscall section: "each task does a single recvfrom and a write per iteration,
    /// taking 5.5µs" (threads) and "All this takes 3.6µs" (async), per task per iteration.
    func syscallTimings() -> [StudyNumber] {
        [("thread brigade", VariantRole.threadBrigade, "5.5 µs per hop (2 syscalls)"),
         ("async brigade", .faithfulAsync, "3.6 µs per hop (3 syscalls + epoll_wait)")].map { name, role, study in
            guard let p = main(role, pinned: false), let e = p.perUnit else {
                return StudyNumber(quantity: "\(name): per hop beside its syscalls", study: study, here: missing(role, false), source: "—")
            }
            let counts = (results.syscalls ?? []).filter { $0.variant == p.variant && $0.error == nil }
            let counted = (counts.first { !$0.pinned } ?? counts.first).map { c in
                let list = c.perHop.filter { !$0.key.hasSuffix("(errors)") }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                    .map { "\($0.key) \(Format.sig3($0.value))" }.joined(separator: ", ")
                return " (calls per hop: \(list), counted at N = \(Format.count(c.hops / Conditions.syscallRounds))\(c.pinned ? " pinned" : "") under strace)"
            } ?? ""
            return StudyNumber(quantity: "\(name): per hop beside its syscalls", study: study,
                               here: "\(Format.nanos(e.value)) per hop\(counted)",
                               source: source(p, "; median of the run medians. The strace runs are never timed (strace slows a program 10-80x): the time is the ordinary runs'"))
        }
    }
}
