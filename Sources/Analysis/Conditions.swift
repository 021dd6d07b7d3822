import Results
import AnalysisModel

/// Every condition of this run that differs from the study's, in one table (issue 18, point 9):
/// the machine, the iterations and process runs, N substituted where a limit forced it, the
/// capacity run, the thread ceiling, the N syscalls were counted at, and the Rust reference's
/// toolchain. A condition that matches the study's gives no row.
struct Conditions {
    let results: ResultsFile
    let points: [PointAnalysis]

    /// The study's machine: "4 core, two way HT, 32GiB" laptop.
    static let studyCPUs = 8
    /// SyscallCounter's defaults (Sources/Runner/SyscallCounter.swift): 50 members, the calls of
    /// 10 rounds subtracted from those of 40, so 50 x 30 hops are counted.
    static let syscallRounds = 40 - 10

    func rows() -> [Condition] {
        var out = [Condition]()
        out += machine()
        out += iterations()
        out += processRuns()
        out += substitutedN()
        out += capacityRun()
        out += threadCeiling()
        out += syscallN()
        out += referenceBuild()
        return out
    }

    func name(_ role: VariantRole) -> String { Variant.the(role)?.rawValue ?? role.rawValue }

    func machine() -> [Condition] {
        let e = results.environment
        var out = [Condition]()
        if e.logicalCPUs != Self.studyCPUs || e.allowedCPUs.count != Self.studyCPUs {
            let workers = e.allowedCPUs.count
            out.append(Condition(
                code: "cpus", condition: "CPUs, and so the executor's workers",
                study: "4 cores / 8 hardware threads (a laptop); Tokio's multi-thread runtime: one worker per CPU (8)",
                here: "\(e.logicalCPUs) logical CPU\(e.logicalCPUs == 1 ? "" : "s") (\(e.cpuModel)), \(workers) allowed to the run: \(name(.faithfulAsync)) and \(name(.faithfulCreation)) run \(workers) executor worker\(workers == 1 ? "" : "s") (one per allowed CPU)",
                affects: "every unpinned timing; C2, C3, C4, C5 (how many workers share the wake-ups), C6 (spawns spread over the workers), C8's speed part"))
        }
        if e.virtualization != "none" {
            out.append(Condition(
                code: "virtualization", condition: "machine",
                study: "bare metal (a laptop, 32 GiB)",
                here: "virtualised: \(e.virtualization), \(Format.bytes(Double(e.memoryBytes)))",
                affects: "every timing (a hypervisor sits under each switch, wake-up and syscall): C1-C6, C11, C12"))
        }
        return out
    }

    /// The study's iterations and warm-ups for the program a point re-implements.
    static func studySetting(_ p: PointAnalysis) -> (iterations: Int, warmups: Int, what: String) {
        if p.kind == .creation { return (100, 10, "creation") }
        switch p.variant.row.program {
        case .asyncMemBrigade, .oneThreadBrigade, .cOneThreadBrigade:
            return (10_000, 5, "in-memory and one-thread brigades")
        default:
            return (10_000, 100, "pipe brigades")
        }
    }

    func iterations() -> [Condition] {
        var groups = [String: (study: (Int, Int), here: Set<String>, variants: [String])]()
        for p in points where p.group == .main && p.runsOK > 0 {
            let s = Self.studySetting(p)
            guard s.iterations != p.iterations || s.warmups != p.warmups else { continue }
            groups[s.what, default: ((s.iterations, s.warmups), [], [])].here.insert("\(Format.count(p.iterations)) after \(Format.count(p.warmups)) warm-ups")
            if !groups[s.what]!.variants.contains(p.variant.rawValue) { groups[s.what]!.variants.append(p.variant.rawValue) }
        }
        return groups.keys.sorted().map { what in
            let g = groups[what]!
            let listed = g.variants.prefix(3).joined(separator: ", ") + (g.variants.count > 3 ? " and \(g.variants.count - 3) more" : "")
            return Condition(
                code: "iterations", condition: "timed iterations per process run (\(what))",
                study: "\(Format.count(g.study.0)) after \(Format.count(g.study.1)) warm-ups",
                here: g.here.sorted().joined(separator: "; ") + " (\(listed))",
                affects: what == "creation" ? "C6 (per item)" : "each process run's median per hop (C1-C5, C11); the whole-run rows of the study's numbers, scaled to 10,000 iterations")
        }
    }

    func processRuns() -> [Condition] {
        let runs = points.filter { $0.group == .main && $0.runsOK > 0 }.map(\.runsOK)
        guard let lo = runs.min(), let hi = runs.max(), hi > 1 else { return [] }
        return [Condition(
            code: "process-runs", condition: "process runs per point",
            study: "1 (one run of each program: the mean and sd of its iterations, no interval)",
            here: "\(lo == hi ? "\(lo)" : "\(lo)-\(hi)") per headline point: the median of the run medians, with a bootstrap interval over runs",
            affects: "every interval and verdict (C1-C8, C11, C12); the study's figures are single runs")]
    }

    func substitutedN() -> [Condition] {
        var groups = [String: (s: SkippedRun, variants: [String])]()
        var order = [String]()
        for s in results.skipped {
            let key = "\(s.group.rawValue)|\(s.tasks)|\(s.clampedTo ?? -1)|\(s.reason)"
            if groups[key] == nil { order.append(key); groups[key] = (s, []) }
            groups[key]!.variants.append(s.variant.rawValue)
        }
        return order.map { key in
            let (s, variants) = groups[key]!
            return Condition(
                code: "substituted-n", condition: "N of the \(s.group.rawValue) run\(variants.count == 1 ? "" : "s") (\(variants.joined(separator: ", ")))",
                study: Format.count(s.tasks),
                here: (s.clampedTo.map { "\(Format.count($0)) instead" } ?? "not run") + ": " + s.reason,
                affects: Self.affected(by: s.group))
        }
    }

    static func affected(by group: RunGroup) -> String {
        switch group {
        case .main: "every claim on these variants"
        case .large: "C8 (speed and memory at many members), C9 (the most socket-brigade tasks)"
        case .memory: "C7 (memory per member)"
        case .sweep: "the task-count sweep"
        case .inFlight: "C12"
        }
    }

    func capacityRun() -> [Condition] {
        let runs = ClaimJudge.asyncBrigadeRuns(results)
        guard let most = runs.max(by: { $0.spec.tasks < $1.spec.tasks }), case let row = most.spec.variant.row,
              !row.usesLinks || most.spec.tasks < 250_000 else { return [] }
        let study = "250,000 tasks of async-brigade (socket pairs, Tokio's reactor)"
        guard !row.usesLinks else {
            return [Condition(code: "capacity-run", condition: "the 250,000-task run", study: study,
                              here: "\(Format.count(most.spec.tasks)) tasks of \(most.spec.variant) (socket pairs), the most any async brigade ran",
                              affects: "C9 (its async count)")]
        }
        let l = results.limits
        let socketMost = runs.filter { $0.spec.variant.row.usesLinks == true }.max { $0.spec.tasks < $1.spec.tasks }
        let sockets = socketMost.map { "; the most socket-brigade tasks: \(Format.count($0.spec.tasks)) (\($0.spec.variant))" } ?? "; no socket brigade ran"
        let bound = l?.linkBinding.map { ", as \($0) allows at most \(Format.count(l?.linkCapacity ?? 0)) members" } ?? ""
        return [Condition(
            code: "capacity-run", condition: "the 250,000-task run", study: study,
            here: "\(Format.count(most.spec.tasks)) tasks of \(most.spec.variant) (in-memory channels only, no sockets)\(sockets)\(bound)",
            affects: "C9 (its async side is the in-memory stand-in)")]
    }

    func threadCeiling() -> [Condition] {
        guard let l = results.limits else { return [] }
        let here: String
        if let observed = l.observedThreads {
            here = "\(Format.count(observed)) threads observed by the thread probe (\(l.observedThreadsStop ?? "why it stopped is not recorded"))"
        } else if let computed = l.threadCapacity {
            here = "not observed (the thread probe runs in the full profile): at most \(Format.count(computed)) computed from the limits (\(l.threadBinding ?? "binding unknown"))"
        } else {
            here = "neither observed nor computed: no limit found"
        }
        return [Condition(
            code: "thread-ceiling", condition: "the most threads",
            study: "~80,000 threads reached with its limits raised (ulimit -n, kernel.pid_max, vm.max_map_count = 200,000); what stopped it unexplained",
            here: here, affects: "C9 (the denominator of its ratio)")]
    }

    func syscallN() -> [Condition] {
        let counted = (results.syscalls ?? []).filter { $0.error == nil && $0.hops > 0 }
        guard let hops = counted.map(\.hops).max() else { return [] }
        let n = hops % Self.syscallRounds == 0 ? "N = \(Format.count(hops / Self.syscallRounds)) members" : "N unknown"
        return [Condition(
            code: "syscall-n", condition: "syscalls per hop counted at",
            study: "the 500-task brigades (its README names no other N), with their timings (5.5 µs and 3.6 µs per hop)",
            here: "\(n), \(Format.count(hops)) hops (the calls of 10 rounds subtracted from those of 40) under strace -f -c, in separate untimed runs",
            affects: "C10 (calls per hop); the syscalls column of C11; no timing (strace slows a program 10-80x)")]
    }

    func referenceBuild() -> [Condition] {
        let rust = Set(ReferenceFamily.rust.variants)
        guard points.contains(where: { rust.contains($0.variant) && $0.runsOK > 0 }) else { return [] }
        let build = results.environment.referenceBuilds?.first { $0.family == ReferenceFamily.rust.rawValue }
        return [Condition(
            code: "reference-build", condition: "the Rust reference's toolchain (reference/rust)",
            study: "rustc not published; its repository's Cargo.lock (2020) pins tokio 0.2.21 and async-std 1.6.0 (tokio 1.19 in later revisions); cargo's default release profile",
            here: build?.summary ?? "not recorded in this results file (written before ctxbench recorded the reference's toolchain)",
            affects: "the \"on the Rust reference\" column, Swift against the study's design, the causes that rest on the Rust twin")]
    }
}
