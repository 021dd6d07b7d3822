import Foundation
import Results
import AnalysisModel

/// The words of the conditions table: for each typed condition, what it is, the study's value,
/// this run's and the claims it touches. The only place these words live.
public struct ConditionText: Sendable {
    /// The analysis the conditions come from: its environment, limits and skipped runs.
    let a: AnalysisFile

    public init(_ a: AnalysisFile) { self.a = a }

    /// One row of the report's "Conditions not reproduced" table.
    public struct Row: Equatable, Sendable {
        public var code: String, condition: String, study: String, here: String, affects: String
    }

    public func row(_ c: Condition) -> Row {
        let (condition, study, here, affects) = words(c)
        return Row(code: c.code, condition: condition, study: study, here: here, affects: affects)
    }


    func words(_ c: Condition) -> (String, String, String, String) {
        switch c {
        case .cpus(let logical, let allowed, let variants):
            return ("CPUs, and so the executor's workers",
                    "4 cores / 8 hardware threads (a laptop); Tokio's multi-thread runtime: one worker per CPU (8)",
                    "\(Format.plural(logical, "logical CPU")) (\(a.environment.cpuModel)), \(allowed) allowed to the run: \(variants.map(\.rawValue).joined(separator: " and ")) run \(Format.plural(allowed, "executor worker")) (one per allowed CPU)",
                    "every unpinned timing; C2, C3, C4, C5 (how many workers share the wake-ups), C6 (spawns spread over the workers), C8's speed part")
        case .virtualization(let kind):
            return ("machine", "bare metal (a laptop, 32 GiB)",
                    "virtualised: \(kind), \(Format.bytes(Double(a.environment.memoryBytes)))",
                    "every timing (a hypervisor sits under each switch, wake-up and syscall): C1-C6, C11, C12")
        case .iterations(let program, let studyIterations, let studyWarmups, let settings, let variants):
            let what = Self.programName(program)
            let here = Set(settings.map { "\(Format.count($0.iterations)) after \(Format.count($0.warmups)) warm-ups" }).sorted()
            let listed = variants.prefix(3).map(\.rawValue).joined(separator: ", ") + (variants.count > 3 ? " and \(variants.count - 3) more" : "")
            return ("timed iterations per process run (\(what))",
                    "\(Format.count(studyIterations)) after \(Format.count(studyWarmups)) warm-ups",
                    here.joined(separator: "; ") + " (\(listed))",
                    program == .creation ? "C6 (per item)"
                        : "each process run's median per hop (C1-C5, C11); the whole-run rows of the study's numbers, scaled to 10,000 iterations")
        case .processRuns(let lo, let hi):
            return ("process runs per point", "1 (one run of each program: the mean and sd of its iterations, no interval)",
                    "\(lo == hi ? "\(lo)" : "\(lo)-\(hi)") per headline point: the median of the run medians, with a bootstrap interval over runs",
                    "every interval and verdict (C1-C8, C11, C12); the study's figures are single runs")
        case .substitutedN(let group, let tasks, let clampedTo, let variants):
            let reason = a.skipped.first { $0.group == group && $0.tasks == tasks && $0.clampedTo == clampedTo && variants.contains($0.variant) }?.reason.description
            return ("N of the \(group.rawValue) run\(variants.count == 1 ? "" : "s") (\(variants.map(\.rawValue).joined(separator: ", ")))",
                    Format.count(tasks),
                    (clampedTo.map { "\(Format.count($0)) instead" } ?? "not run") + ": " + (reason ?? "reason not recorded"),
                    Self.affected(by: group))
        case .capacityRun(let variant, let tasks, let sockets, let socketVariant, let socketTasks):
            return capacityRun(variant, tasks, sockets, socketVariant, socketTasks)
        case .threadCeiling(let observed, let computed):
            return threadCeiling(observed, computed)
        case .syscallN(let hops, let members):
            return ("syscalls per hop counted at",
                    "the 500-task brigades (its README names no other N), with their timings (5.5 µs and 3.6 µs per hop)",
                    "\(members.map { "N = \(Format.count($0)) members" } ?? "N unknown"), \(Format.count(hops)) hops (the calls of 10 rounds subtracted from those of 40) under strace -f -c, in separate untimed runs",
                    "C10 (calls per hop); the syscalls column of C11; no timing (strace slows a program 10-80x)")
        case .referenceBuild(let family):
            let build = a.environment.referenceBuilds?.first { $0.family == family.rawValue }
            return ("the Rust reference's toolchain (reference/rust)",
                    "rustc not published; its repository's Cargo.lock (2020) pins tokio 0.2.21 and async-std 1.6.0 (tokio 1.19 in later revisions); cargo's default release profile",
                    build?.summary ?? "not recorded in this results file (written before ctxbench recorded the reference's toolchain)",
                    "the \"on the Rust reference\" column, Swift against the study's design, the causes that rest on the Rust twin")
        }
    }

    static func programName(_ p: IterationGroup) -> String {
        switch p {
        case .creation: "creation"
        case .inMemory: "in-memory and one-thread brigades"
        case .pipe: "pipe brigades"
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

    func capacityRun(_ variant: Variant, _ tasks: Int, _ sockets: Bool, _ socketVariant: Variant?,
                     _ socketTasks: Int?) -> (String, String, String, String) {
        let condition = "the 250,000-task run", study = "250,000 tasks of async-brigade (socket pairs, Tokio's reactor)"
        guard !sockets else {
            return (condition, study, "\(Format.count(tasks)) tasks of \(variant) (socket pairs), the most any async brigade ran",
                    "C9 (its async count)")
        }
        let l = a.limits
        let socketText = zip2(socketVariant, socketTasks).map { "; the most socket-brigade tasks: \(Format.count($0.1)) (\($0.0))" } ?? "; no socket brigade ran"
        let bound = l?.linkBinding.map { ", as \($0) allows at most \(Format.count(l?.linkCapacity ?? 0)) members" } ?? ""
        return (condition, study, "\(Format.count(tasks)) tasks of \(variant) (in-memory channels only, no sockets)\(socketText)\(bound)",
                "C9 (its async side is the in-memory stand-in)")
    }

    func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }

    func threadCeiling(_ observed: Int?, _ computed: Int?) -> (String, String, String, String) {
        let l = a.limits
        let here: String
        if let observed, l?.probeStoppedShort == true, let computed {
            here = "at most \(Format.count(max(observed, computed))) (\(l?.threadBinding ?? "the limits")): the thread probe had \(Format.count(observed)) alive at once when it stopped short of it (\(l?.observedThreadsStop ?? ""))"
        } else if let observed {
            here = "\(Format.count(observed)) threads observed by the thread probe (\(l?.observedThreadsStop ?? "why it stopped is not recorded"))"
        } else if let computed {
            here = "not observed (the thread probe runs in the full profile): at most \(Format.count(computed)) computed from the limits (\(l?.threadBinding ?? "binding unknown"))"
        } else {
            here = "neither observed nor computed: no limit found"
        }
        return ("the most threads",
                "~80,000 threads reached with its limits raised (ulimit -n, kernel.pid_max, vm.max_map_count = 200,000); what stopped it unexplained",
                here, "C9 (the denominator of its ratio)")
    }
}
