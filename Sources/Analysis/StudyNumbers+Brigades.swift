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
        let brigades: [(StudyQuantity, StudyQuantity, VariantRole, Bool)] = [
            (.asyncPerIteration, .asyncWholeRun, .faithfulAsync, false),
            (.threadPerIteration, .threadWholeRun, .threadBrigade, false),
            (.threadPinnedPerIteration, .threadPinnedWholeRun, .threadBrigade, true),
        ]
        var out = [StudyNumber]()
        for (perIteration, whole, role, pinned) in brigades {
            guard let p = main(role, pinned: pinned), let mean = p.meanPerUnit?.value else {
                out.append(Self.row(perIteration, missing(role, pinned)))
                continue
            }
            let n = Double(p.tasks)
            out.append(Self.row(perIteration, StudyMeasurement(values: [mean * n, (p.sdPerUnit ?? 0) * n, mean], points: [p.pointKey])))
            if let w = wholeRun(p) { out.append(Self.row(whole, StudyMeasurement(values: w, points: [p.pointKey]))) }
        }
        return out
    }

    /// Elapsed, user and system seconds and the CPU share of 10,000 iterations: medians over runs
    /// of each run's figures, so a run pinned to one CPU never shows more than that CPU's 100 %.
    func wholeRun(_ p: PointAnalysis) -> [Double?]? {
        let runs = runFigures(p)
        guard !runs.isEmpty else { return nil }
        func median(_ f: (RunFigures) -> Double) -> Double { summarize(runs.map(f)).median }
        let scale = Self.studyIterations / 1e9
        return [median(\.meanNs) * scale, median(\.userNs) * scale, median(\.systemNs) * scale, median(\.cpuShare)]
    }

    /// The study's 18.19 s / 26.91 s, from whole-run elapsed times (means), beside C3's statistic
    /// (medians of the run medians) so the two figures are not mistaken for one.
    func elapsedRatio() -> [StudyNumber] {
        guard let a = main(.faithfulAsync, pinned: false), let t = main(.threadBrigade, pinned: false) else { return [] }
        let am = runFigures(a).map(\.meanNs), tm = runFigures(t).map(\.meanNs)
        guard !am.isEmpty, !tm.isEmpty, let ah = a.perUnit?.value, let th = t.perUnit?.value else { return [] }
        let elapsed = summarize(am).median / summarize(tm).median
        return [Self.row(.elapsedRatio, StudyMeasurement(values: [elapsed, ah / th], points: [a.pointKey, t.pointKey]))]
    }

    /// The study's syscall section: "each task does a single recvfrom and a write per iteration,
    /// taking 5.5µs" (threads) and "All this takes 3.6µs" (async), per task per iteration. The
    /// second figure is the member count of the brigade its syscalls were counted on.
    func syscallTimings() -> [StudyNumber] {
        [(StudyQuantity.threadSyscallHop, VariantRole.threadBrigade), (.asyncSyscallHop, .faithfulAsync)].map { q, role in
            guard let p = main(role, pinned: false), let e = p.perUnit else { return Self.row(q, missing(role, false)) }
            let counts = (results.syscalls ?? []).filter { $0.variant == p.variant && $0.error == nil }
            let members = (counts.first { !$0.pinned } ?? counts.first).map { Double($0.hops / Conditions.syscallRounds) }
            return Self.row(q, StudyMeasurement(values: [e.value, members], points: [p.pointKey]))
        }
    }
}
