import Results
import AnalysisModel

/// Every number the study's README publishes, regenerated from this run (METHOD.md, "The study's
/// own numbers, regenerated"), each naming the variant and parameters it comes from. A number
/// this run cannot give says why.
struct StudyNumbers {
    let points: [PointAnalysis]
    let memory: [MemoryFit]
    let results: ResultsFile

    /// The study's whole-run figures (`/bin/time`, 10,000 iterations, N = 500).
    static let studyIterations = 10_000.0

    func main(_ role: VariantRole, pinned: Bool) -> PointAnalysis? {
        guard let v = Variant.the(role) else { return nil }
        return points.first { $0.group == .main && $0.variant == v && $0.pinned == pinned && $0.perUnit != nil }
            ?? (v.row.kind == .creation ? points.first { $0.group == .main && $0.variant == v && $0.perUnit != nil } : nil)
    }

    func source(_ p: PointAnalysis, _ extra: String = "") -> String {
        "\(p.variant), N = \(Format.count(p.tasks)), \(Format.count(p.iterations)) iterations x \(p.runsOK) runs, \(p.pinned ? "pinned" : "unpinned")\(extra)"
    }

    func missing(_ role: VariantRole, _ pinned: Bool) -> String {
        "not run: no measured \(Variant.the(role)?.rawValue ?? role.rawValue) point (\(pinned ? "pinned" : "unpinned"))"
    }

    func numbers() -> [StudyNumber] {
        var out = brigadeNumbers()
        out += elapsedRatio()
        out += syscallTimings()
        for (name, role, pinned, study) in [("async brigade", VariantRole.faithfulAsync, false, "16.7 MiB (17,144 KiB)"),
                                            ("thread brigade", .threadBrigade, false, "16.4 MiB (16,784 KiB)"),
                                            ("thread brigade pinned", .threadBrigade, true, "16.4 MiB (16,744 KiB)")] {
            let p = main(role, pinned: pinned)
            out.append(StudyNumber(quantity: "\(name): peak resident set, N = 500", study: study,
                                   here: p?.peakRSSBytes.map(Format.bytes) ?? missing(role, pinned),
                                   source: p.map { source($0, "; VmHWM of the child, median over runs") } ?? "—"))
        }
        out += memoryNumbers()
        out += creationNumbers()
        return out
    }

    func fit(_ role: VariantRole) -> MemoryFit? {
        guard let v = Variant.the(role) else { return nil }
        return memory.first { $0.variant == v && $0.slope != nil }
    }

    func memoryNumbers() -> [StudyNumber] {
        var out = [StudyNumber]()
        for (name, role, study) in [("resident bytes per thread", VariantRole.threadBrigade, "~9.5 KiB"),
                                    ("resident bytes per async task", .faithfulAsync, "~0.4 KiB")] {
            let f = fit(role)
            out.append(StudyNumber(quantity: name, study: study,
                                   here: f.map { Format.bytes($0.slope!) } ?? "not run: no memory fit of \(Variant.the(role)?.rawValue ?? "?") in this profile",
                                   source: f.map { "\($0.variant): slope of resident bytes on \(Set($0.tasks).count) member counts (\($0.tasks.count) readings)" } ?? "—"))
        }
        if let f = fit(.threadBrigade), let ks = f.kernelStackPerTask, let pt = f.pageTablesPerTask {
            out.append(StudyNumber(quantity: "per thread, user + kernel", study: "~20 KiB (9.5 user + 10 kernel)",
                                   here: "\(Format.bytes(f.slope! + ks + pt)) (\(Format.bytes(f.slope!)) user + \(Format.bytes(ks + pt)) kernel)",
                                   source: "\(f.variant): kernel = KernelStack + PageTables slopes from /proc/meminfo deltas (system-wide, approximate)"))
        }
        // Resident memory of both brigades at the largest N that ran (the study: 50,000).
        let large = [VariantRole.threadBrigade, .faithfulAsync].map { role -> PointAnalysis? in
            guard let v = Variant.the(role) else { return nil }
            return points.filter { $0.variant == v && $0.kind == .brigade && $0.peakRSSBytes != nil && $0.runsOK > 0 }
                .max { $0.tasks < $1.tasks }
        }
        if let t = large[0], let a = large[1] {
            out.append(StudyNumber(quantity: "resident memory at the largest N", study: "466 MiB (threads) vs 21 MiB (async) at N = 50,000",
                                   here: "\(Format.bytes(t.peakRSSBytes!)) at N = \(Format.count(t.tasks)) vs \(Format.bytes(a.peakRSSBytes!)) at N = \(Format.count(a.tasks))",
                                   source: "\(t.variant) and \(a.variant), peak resident set (VmHWM)\(t.tasks < 50_000 ? "; the largest N this run's limits and profile allowed" : "")"))
        }
        out.append(perMemberAtLargestN(large[0]))
        return out
    }

    /// The study's "10kiB of memory being actively touched by each task" at 50,000 threads
    /// (466 MiB / 50,000): the peak resident set over N at the largest N the thread brigade ran.
    func perMemberAtLargestN(_ t: PointAnalysis?) -> StudyNumber {
        let quantity = "resident memory per thread at the largest N", study = "~10 KiB (466 MiB / 50,000 threads)"
        guard let t, let peak = t.peakRSSBytes, t.tasks > 0 else {
            return StudyNumber(quantity: quantity, study: study, here: "not run: no thread-brigade run recorded a peak resident set", source: "—")
        }
        var why = ""
        if t.tasks < 50_000 {
            let s = results.skipped.first { $0.variant == t.variant && $0.tasks >= 50_000 }
            why = "; not at 50,000: " + (s?.reason ?? "the profile's largest N is \(Format.count(t.tasks))")
        }
        return StudyNumber(quantity: quantity, study: study,
                           here: "\(Format.bytes(peak / Double(t.tasks))) (\(Format.bytes(peak)) / \(Format.count(t.tasks)) threads)",
                           source: "\(t.variant), N = \(Format.count(t.tasks)), \(t.runsOK) run\(t.runsOK == 1 ? "" : "s"), \(t.pinned ? "pinned" : "unpinned"): peak resident set (VmHWM) / N, the process's base included as in the study\(why)")
    }

    func creationNumbers() -> [StudyNumber] {
        var out = [StudyNumber]()
        for (name, role, study) in [("thread creation per thread", VariantRole.threadCreation, "~17 µs"),
                                    ("async task creation per task", .faithfulCreation, "~0.3 µs")] {
            let p = main(role, pinned: false)
            out.append(StudyNumber(quantity: name, study: study,
                                   here: p.map { "\(Format.nanos($0.perUnit!.value)) (creation to body \($0.latency.map { Format.nanos($0.value) } ?? "—"))" } ?? missing(role, false),
                                   source: p.map { "\($0.variant), K = \(Format.count($0.tasks)), \($0.iterations) iterations x \($0.runsOK) runs; median per item" } ?? "—"))
        }
        if let most = ClaimJudge.asyncBrigadeRuns(results).max(by: { $0.spec.tasks < $1.spec.tasks }) {
            let threads = results.limits?.observedThreads.map { "\(Format.count($0)) threads (observed by the thread probe)" }
                ?? results.limits?.threadCapacity.map { "\(Format.count($0)) threads (computed from the limits, not observed)" } ?? "threads: unknown"
            out.append(StudyNumber(quantity: "most async tasks / most threads", study: "250,000 async tasks ran / ~80,000 threads",
                                   here: "\(Format.count(most.spec.tasks)) async tasks ran / \(threads)",
                                   source: "\(most.spec.variant) (\(most.spec.group.rawValue) run); thread limit \(results.limits?.threadBinding ?? "unknown")"))
        }
        return out
    }
}
