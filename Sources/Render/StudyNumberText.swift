import Foundation
import Results
import AnalysisModel

/// The words of the study numbers' table: each quantity's name, the study's figures as its README
/// prints them, this machine's figures and where they come from. The only place these words live.
public struct StudyNumberText: Sendable {
    /// The analysis the rows come from: their points, fits, syscall counts and limits.
    let a: AnalysisFile

    public init(_ a: AnalysisFile) { self.a = a }

    /// One row of the report's "The study's own numbers, regenerated" table.
    public struct Row: Equatable, Sendable {
        public var quantity: String, study: String, here: String, source: String
        /// The Rust programs' figure in the same run (nil: the reference was not asked for).
        public var rust: String? = nil
    }

    public func row(_ n: StudyNumber) -> Row {
        let q = n.quantity
        let rust = n.rust.map { m in m.notRun.map(notRun) ?? words(q, m).0 }
        guard n.here.notRun == nil else {
            return Row(quantity: Self.name(q, measured: false), study: Self.study(q), here: notRun(n.here.notRun!), source: "—", rust: rust)
        }
        let (here, source) = words(q, n.here)
        return Row(quantity: Self.name(q, measured: true), study: Self.study(q), here: here, source: source, rust: rust)
    }

    /// The point of `key`, if the analysis holds it.
    func point(_ key: String) -> PointAnalysis? { a.points.point(key: key) }

    /// "async-brigade-mt, N = 500, 400 iterations x 12 runs, unpinned" and what follows.
    func source(_ key: String, _ extra: String = "") -> String {
        guard let p = point(key) else { return key + extra }
        return "\(p.variant), N = \(Format.count(p.tasks)), \(Format.count(p.iterations)) iterations x \(p.runsOK) runs, \(p.pinned ? "pinned" : "unpinned")\(extra)"
    }

    func variant(_ key: String) -> String { point(key)?.variant.rawValue ?? key }

    func notRun(_ r: StudyNotRun) -> String {
        switch r {
        case .noPoint(let v, let pinned): "not run: no measured \(v) point (\(pinned ? "pinned" : "unpinned"))"
        case .noFit(let v): "not run: no memory fit of \(v) in this profile"
        case .noVariant(let role): "not run: no variant plays \(role.rawValue)"
        case .noPeak: "not run: no thread-brigade run recorded a peak resident set"
        }
    }

    func words(_ q: StudyQuantity, _ m: StudyMeasurement) -> (String, String) {
        let v = m.values.map { $0 ?? .nan }, key = m.points.first ?? ""
        switch q {
        case .asyncPerIteration, .threadPerIteration, .threadPinnedPerIteration:
            return ("\(Format.nanos(v[0])) (sd \(Format.nanos(v[1])); \(Format.nanos(v[2])) per task)", source(key, "; sd of every timed iteration"))
        case .asyncWholeRun, .threadWholeRun, .threadPinnedWholeRun:
            return ("\(Format.sig3(v[0])) s elapsed, \(Format.sig3(v[1])) s user, \(Format.sig3(v[2])) s system, \(Format.sig3(v[3] * 100)) % CPU",
                    source(key, "; timed iterations only (getrusage), scaled to 10,000 iterations; each figure the median over runs of that run's own, %CPU each run's CPU time over its timed wall time"))
        case .elapsedRatio:
            return ("\(Format.sig3(v[0])) from whole-run elapsed times (means); \(Format.sig3(v[1])) from per-hop medians (C3's statistic, 1 / \(Format.ratio(1 / v[1])))",
                    "\(variant(key)) and \(variant(m.points.last ?? "")), N = 500, unpinned: elapsed = the median over runs of each run's mean iteration (the study's /bin/time is one run's total); C3 = the median of the run medians per hop")
        case .threadSyscallHop, .asyncSyscallHop:
            return ("\(Format.nanos(v[0])) per hop\(syscalls(key, members: m.values[1]))",
                    source(key, "; median of the run medians. The strace runs are never timed (strace slows a program 10-80x): the time is the ordinary runs'"))
        case .asyncPeakRSS, .threadPeakRSS, .threadPinnedPeakRSS:
            return (Format.bytes(v[0]), source(key, "; VmHWM of the child, median over runs"))
        case .rssPerThread, .rssPerTask:
            let f = a.memory.first { $0.variant == m.fit }
            return (Format.bytes(v[0]), "\(m.fit?.rawValue ?? "?"): slope of resident bytes on \(Set(f?.tasks ?? []).count) member counts (\(f?.tasks.count ?? 0) readings)")
        case .perThreadUserKernel:
            return ("\(Format.bytes(v[0])) (\(Format.bytes(v[1])) user + \(Format.bytes(v[2])) kernel)",
                    "\(m.fit?.rawValue ?? "?"): kernel = KernelStack + PageTables slopes from /proc/meminfo deltas (system-wide, approximate)")
        case .largestNMemory:
            return ("\(Format.bytes(v[0])) at N = \(Format.count(Int(v[1]))) vs \(Format.bytes(v[2])) at N = \(Format.count(Int(v[3])))",
                    "\(variant(key)) and \(variant(m.points.last ?? "")), peak resident set (VmHWM)\(v[1] < 50_000 ? "; the largest N this run's limits and profile allowed" : "")")
        case .perThreadAtLargestN:
            return perThreadAtLargestN(v, key)
        case .threadCreation, .taskCreation:
            let p = point(key)
            return ("\(Format.nanos(v[0])) (creation to body \(m.values[1].map(Format.nanos) ?? "—"))",
                    "\(variant(key)), K = \(Format.count(p?.tasks ?? 0)), \(p?.iterations ?? 0) iterations x \(p?.runsOK ?? 0) runs; median per item")
        case .mostTasks:
            return mostTasks(v[0], m.values[1], key)
        }
    }

    /// " (calls per hop: recvfrom 1.02, write 1.02, counted at N = 50 under strace)", or nothing
    /// without a count.
    func syscalls(_ key: String, members: Double?) -> String {
        guard let members else { return "" }
        let counts = a.syscalls.filter { $0.variant.rawValue == variant(key) && $0.error == nil }
        guard let c = counts.first(where: { !$0.pinned }) ?? counts.first else { return "" }
        let list = c.byCount.map { "\($0.name) \(Format.sig3($0.perHop))" }.joined(separator: ", ")
        return " (calls per hop: \(list), counted at N = \(Format.count(Int(members)))\(c.pinned ? " pinned" : "") under strace)"
    }

    func perThreadAtLargestN(_ v: [Double], _ key: String) -> (String, String) {
        let n = Int(v[2]), p = point(key)
        var why = ""
        if n < 50_000 {
            let s = a.skipped.first { $0.variant == p?.variant && $0.tasks >= 50_000 }
            why = "; not at 50,000: " + (s?.reason.description ?? "the profile's largest N is \(Format.count(n))")
        }
        let runs = p?.runsOK ?? 0
        return ("\(Format.bytes(v[0])) (\(Format.bytes(v[1])) / \(Format.count(n)) threads)",
                "\(variant(key)), N = \(Format.count(n)), \(runs) run\(runs == 1 ? "" : "s"), \(p?.pinned == true ? "pinned" : "unpinned"): peak resident set (VmHWM) / N, the process's base included as in the study\(why)")
    }

    func mostTasks(_ tasks: Double, _ threads: Double?, _ key: String) -> (String, String) {
        let l = a.limits
        let counted = threads.map { Format.count(Int($0)) }
        let text = counted.map { n in
            guard let l, let probed = l.observedThreads else { return "\(n) threads (computed from the limits, not observed)" }
            return l.probeStoppedShort ? "\(n) threads at most (\(l.threadBinding ?? "the limits"); the thread probe stopped short at \(Format.count(probed)))"
                : "\(n) threads (observed by the thread probe)"
        }
            ?? "threads: unknown"
        let group = point(key)?.group.rawValue ?? String(key.prefix { $0 != "/" })
        return ("\(Format.count(Int(tasks))) async tasks ran / \(text)",
                "\(variant(key)) (\(group) run); thread limit \(l?.threadBinding ?? "unknown")")
    }

    /// The quantity's name; a measured brigade row names its sd.
    static func name(_ q: StudyQuantity, measured: Bool) -> String {
        switch q {
        case .asyncPerIteration: "async brigade: mean per iteration" + (measured ? " (sd)" : "")
        case .threadPerIteration: "thread brigade: mean per iteration" + (measured ? " (sd)" : "")
        case .threadPinnedPerIteration: "thread brigade pinned: mean per iteration" + (measured ? " (sd)" : "")
        case .asyncWholeRun: "async brigade: whole run of 10,000 iterations"
        case .threadWholeRun: "thread brigade: whole run of 10,000 iterations"
        case .threadPinnedWholeRun: "thread brigade pinned: whole run of 10,000 iterations"
        case .elapsedRatio: "elapsed ratio async / threads"
        case .threadSyscallHop: "thread brigade: per hop beside its syscalls"
        case .asyncSyscallHop: "async brigade: per hop beside its syscalls"
        case .asyncPeakRSS: "async brigade: peak resident set, N = 500"
        case .threadPeakRSS: "thread brigade: peak resident set, N = 500"
        case .threadPinnedPeakRSS: "thread brigade pinned: peak resident set, N = 500"
        case .rssPerThread: "resident bytes per thread"
        case .rssPerTask: "resident bytes per async task"
        case .perThreadUserKernel: "per thread, user + kernel"
        case .largestNMemory: "resident memory at the largest N"
        case .perThreadAtLargestN: "resident memory per thread at the largest N"
        case .threadCreation: "thread creation per thread"
        case .taskCreation: "async task creation per task"
        case .mostTasks: "most async tasks / most threads"
        }
    }

    /// The study's figures as its README prints them (the numbers are in `StudyNumber.study`).
    static func study(_ q: StudyQuantity) -> String {
        switch q {
        case .asyncPerIteration: "1.795 ms (sd 82.0 µs; 3.589 µs per task)"
        case .threadPerIteration: "2.657 ms (sd 232 µs; 5.313 µs per task)"
        case .threadPinnedPerIteration: "1.709 ms (sd 103 µs; 3.417 µs per task)"
        case .asyncWholeRun: "18.19 s elapsed, 9.83 s user, 8.33 s system, 99 % CPU"
        case .threadWholeRun: "26.91 s elapsed, 9.14 s user, 27.88 s system, 137 % CPU"
        case .threadPinnedWholeRun: "17.37 s elapsed, 4.81 s user, 12.50 s system, 99 % CPU"
        case .elapsedRatio: "0.68 (18.19 s / 26.91 s)"
        case .threadSyscallHop: "5.5 µs per hop (2 syscalls)"
        case .asyncSyscallHop: "3.6 µs per hop (3 syscalls + epoll_wait)"
        case .asyncPeakRSS: "16.7 MiB (17,144 KiB)"
        case .threadPeakRSS: "16.4 MiB (16,784 KiB)"
        case .threadPinnedPeakRSS: "16.4 MiB (16,744 KiB)"
        case .rssPerThread: "~9.5 KiB"
        case .rssPerTask: "~0.4 KiB"
        case .perThreadUserKernel: "~20 KiB (9.5 user + 10 kernel)"
        case .largestNMemory: "466 MiB (threads) vs 21 MiB (async) at N = 50,000"
        case .perThreadAtLargestN: "~10 KiB (466 MiB / 50,000 threads)"
        case .threadCreation: "~17 µs"
        case .taskCreation: "~0.3 µs"
        case .mostTasks: "250,000 async tasks ran / ~80,000 threads"
        }
    }
}
