import ArgumentParser
import Dispatch
import Foundation
import Results
import AnalysisModel
import Limits
import Runner
import Analysis
#if canImport(Glibc)
import Glibc
#endif

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure the variants, each in its own child processes, into DIR/results.json.",
        discussion: """
            Every process run is saved as soon as it finishes (atomically), so Ctrl-C loses nothing: \
            resume with `ctxbench run --resume DIR`. One run per folder (a second fails at once) and one \
            measuring run per machine (a second waits; --no-wait fails). Progress and an ETA go to stderr. \
            Profiles: smoke (every variant once, tiny, seconds), quick (default, a budget of about 3 minutes), \
            full (study's parameters where the time budget allows, ~30 minutes). \
            quick and full spend a time budget in rounds: a first pass over every variant, then more \
            process runs where a verdict is still inconclusive, until every verdict is decided or the \
            budget is spent (--budget buys more certainty; --budget 0 runs the first pass alone).
            """)

    @Option(help: "smoke, quick or full.")
    var profile: String = "quick"
    @Option(help: "Comma-separated variants to run (see `ctxbench list`).")
    var only: String?
    @Option(help: "Run only the variants of this kind: brigade or creation.")
    var kind: VariantKind?
    @Option(help: "Output folder; results.json is written there.")
    var out: String = "report"
    @Option(help: "Brigade members / items spawned per iteration (overrides the profile; no sweep).")
    var tasks: Int?
    @Option(help: "Timed iterations per process run.")
    var iterations: Int?
    @Option(help: "Untimed warm-up iterations per process run.")
    var warmups: Int?
    @Option(help: "Process runs per variant and parameter set.")
    var runs: Int?
    @Option(help: "Pin each child to one CPU: on, off or both.")
    var pin: PinMode = .both
    @Option(help: "Seed of the run-order shuffle (default: random, recorded).")
    var seed: UInt64?
    @Option(help: "Kill a child after this many seconds (default: derived from its parameters).")
    var timeout: Double?
    @Option(help: "Wait at most this many seconds for the load average to drop below the CPU count (default: profile's).")
    var settle: Double?
    @Option(name: .customLong("resume"), help: ArgumentHelp("Finish the interrupted run in DIR: run only the process runs its results.json is missing, with the same plan and seed.", valueName: "DIR"))
    var resumeDir: String?
    @Option(help: ArgumentHelp("Also run the study's designs in another language, interleaved with the rest: rust (reference/rust, built by `make reference`). Repeatable.", valueName: "FAMILY"))
    var reference: [String] = []
    @Option(help: ArgumentHelp("Measuring time the run may spend, first pass included: 90s, 10m, 1h or seconds (default: the profile's; 0 = the first pass alone, no rounds).", valueName: "DURATION"))
    var budget: Budget?
    @Flag(help: "Overwrite results already in --out.")
    var force = false
    @Flag(help: "Print the plan and its estimated time; measure nothing.")
    var dryRun = false
    @Flag(help: "Skip counting syscalls per hop under strace.")
    var noSyscalls = false
    @Flag(help: "Fail instead of waiting when another ctxbench run is measuring on this machine.")
    var noWait = false

    func validate() throws {
        guard Profile.named(profile) != nil else {
            throw ValidationError("unknown profile '\(profile)'; use one of: \(Profile.names.joined(separator: ", "))")
        }
        for name in onlyList ?? [] where Variants.named(name) == nil {
            throw ValidationError("unknown variant '\(name)' in --only; known: \(Variants.names.joined(separator: ", "))")
        }
        for (flag, value, low) in [("--tasks", tasks, 1), ("--iterations", iterations, 1), ("--warmups", warmups, 0), ("--runs", runs, 1)] {
            if let value, value < low || value > 10_000_000 {
                throw ValidationError("\(flag) must be between \(low) and 10000000, not \(value)")
            }
        }
        if let timeout, !(timeout > 0 && timeout < 1e6) { throw ValidationError("--timeout must be a positive number of seconds") }
        if resumeDir != nil && force { throw ValidationError("--resume and --force exclude each other") }
        for name in reference where ReferenceFamily(rawValue: name) == nil {
            throw ValidationError("unknown --reference '\(name)'; known: \(ReferenceFamily.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    var onlyList: [String]? {
        let named = only.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        guard let kind else { return named }
        return (named ?? Variants.names).filter { Variant(rawValue: $0)?.row.kind == kind }
    }

    func run() throws {
        let out = resumeDir ?? self.out
        let dir = URL(fileURLWithPath: out)
        let resultsURL = dir.appendingPathComponent("results.json")
        let workload = try Locations.workloadExecutable()
        // One run per folder: taken before results.json is read or planned, held until exit.
        var folderLock: RunLock?
        if !dryRun, resumeDir == nil || FileManager.default.fileExists(atPath: dir.path) {
            try Locations.ensureWritable(dir)
            folderLock = try lockFolder(dir, out: out)
        }
        defer { withExtendedLifetime(folderLock) {} }
        var file: ResultsFile
        if resumeDir != nil {
            file = try ResultsFile.load(from: resultsURL)
            if file.complete && !dryRun {
                log("ctxbench: \(resultsURL.path) is already complete (\(file.runs.count) process runs); nothing to resume")
                return
            }
        } else {
            file = try freshFile(resultsURL: resultsURL)
        }
        if dryRun { return printPlan(file) }
        // One measuring run per machine: wait for (or, with --no-wait, refuse) another one.
        let machineLock = try lockMachine()
        defer { withExtendedLifetime(machineLock) {} }
        if resumeDir == nil {  // measuring starts now, perhaps after a wait
            file.environment.date = SystemProbe.isoNow()
            file.environment.loadAverageStart = SystemProbe.loadAverage()
        }
        let profile = Profile.named(file.configuration.profile) ?? .quick
        let settleMax = settle ?? profile.settleSeconds
        if settleMax > 0 {
            let waited = SystemProbe.settle(maxSeconds: settleMax, cpus: file.environment.logicalCPUs) { load, t in
                if Int(t) % 10 == 0 { log("ctxbench: waiting for the machine to settle: load \(load), \(Int(t)) s of at most \(Int(settleMax)) s") }
            }
            // A resumed run keeps the start figures it recorded the first time.
            if resumeDir == nil {
                file.environment.settleSeconds = waited
                file.environment.loadAverageStart = SystemProbe.loadAverage()
            }
        }
        if profile.probeThreads, resumeDir == nil, let limits = file.limits, limits.observedThreads == nil {
            // C9 wants the thread ceiling observed, not only computed: bounded (safety margins
            // of pids and memory), every thread joined before measuring starts.
            log("ctxbench: observing the thread ceiling with the thread probe (idle threads, joined before measuring)")
            let r = ThreadProbe(max: 1_000_000).run(report: limits)
            file.limits?.observedThreads = r.created
            file.limits?.observedThreadsStop = r.stoppedBecause + (r.matchingLimit.map { "; matches \($0)" } ?? "")
            log("ctxbench: \(Format.count(r.created)) threads at once; stopped: \(r.stoppedBecause)")
        }
        let session = RunSession(resultsURL: resultsURL, child: ChildProcess(workload: workload))
        session.timeoutOverride = timeout ?? file.configuration.timeoutSeconds
        let sources = Signals.forward([SIGINT, SIGTERM]) { session.current.interrupt() }
        let counter = (noSyscalls || !profile.countSyscalls) ? nil : SyscallCounter(workload: workload)
        let allocator = Allocator()
        let final = try session.execute(file, syscalls: counter) { file in
            let (decision, verdicts) = try allocator.next(file)
            log("ctxbench: look \((file.configuration.plan.map(\.roundIndex).max() ?? 0) + 1): " + verdicts.map { "\($0.id) \($0.verdict.rawValue)" }.joined(separator: ", "))
            return decision
        }
        withExtendedLifetime(sources) {}
        let ok = final.runs.filter { $0.status == .ok }.count
        if session.current.interrupted {
            log("ctxbench: interrupted; \(final.runs.count) of \(final.configuration.plan.count) process runs kept in \(resultsURL.path)")
            log("ctxbench: resume with: ctxbench run --resume \(out)")
            throw ExitCode(130)
        }
        let failed = final.runs.count - ok
        log("ctxbench: wrote \(resultsURL.path): \(ok) process runs ok" + (failed > 0 ? ", \(failed) failed or timed out (reported as not run)" : ""))
        guard ok > 0 || final.runs.isEmpty else { throw CLIError("every process run failed; see the messages above and \(resultsURL.path)") }
    }

    /// Takes the folder's lock or fails at once naming the run holding it.
    func lockFolder(_ dir: URL, out: String) throws -> RunLock {
        switch try RunLock.tryAcquire(RunLock.folderPath(dir)) {
        case .acquired(let lock):
            return lock
        case .held(let pid):
            let who = pid.map { "the run of pid \($0)" } ?? "another ctxbench run"
            let stop = pid.map { " (or stop it: kill -INT \($0), then `ctxbench run --resume \(out)`)" } ?? ""
            throw CLIError("\(dir.path) is in use by \(who); wait for it to finish\(stop), or pick another --out")
        }
    }

    /// Takes the machine-wide measuring lock, waiting for its holder unless --no-wait.
    func lockMachine() throws -> RunLock {
        let path = RunLock.machinePath()
        let outcome = try RunLock.acquire(path, wait: !noWait) { pid in
            log("ctxbench: waiting for the measuring run of \(pid.map { "pid \($0)" } ?? "another process") to finish (--no-wait to fail instead)")
        }
        switch outcome {
        case .acquired(let lock):
            return lock
        case .held(let pid):
            throw CLIError("another ctxbench run\(pid.map { " (pid \($0))" } ?? "") is measuring on this machine (lock \(path)); two runs would spoil each other's figures: rerun without --no-wait to queue behind it")
        }
    }

    /// A new results file with its plan, refusing to overwrite a run unless --force.
    func freshFile(resultsURL: URL) throws -> ResultsFile {
        if !force, !dryRun, FileManager.default.fileExists(atPath: resultsURL.path) {
            throw CLIError("\(resultsURL.path) already holds a run; finish it with `ctxbench run --resume \(out)`, overwrite it with --force, or pick another --out")
        }
        let p = Profile.named(profile)!
        let limits = LimitsProbe().read()
        let seed = seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        let references = Set(reference.compactMap(ReferenceFamily.init(rawValue:)))
        let workload = try Locations.workloadExecutable()
        let missing = references.filter { family in
            let path = URL(fileURLWithPath: workload).deletingLastPathComponent()
                .appendingPathComponent(family.executable.rawValue).path
            return !FileManager.default.isExecutableFile(atPath: path)
        }
        for family in missing { log("ctxbench: \(family.notBuiltReason)") }
        let request = RunRequest(profile: p, only: onlyList, pin: pin, tasks: tasks, iterations: iterations,
                                 warmups: warmups, runs: runs, seed: seed, references: references,
                                 referencesMissing: missing)
        let planned: (plan: [RunSpec], skipped: [SkippedRun])
        do {
            planned = try Planner.plan(request, capacity: Capacity(report: limits))
        } catch let e as PlanError {
            throw CLIError(e.description)
        }
        var config = Configuration(profile: p.name, seed: seed, only: onlyList, pin: pin, runsPerPoint: runs ?? p.runs,
                                   tasksOverride: tasks, iterationsOverride: iterations, warmupsOverride: warmups,
                                   timeoutSeconds: timeout, plan: planned.plan)
        if let seconds = budget?.seconds ?? p.budget(references: references.subtracting(missing).count), seconds > 0 {
            config.decision = DecisionPlan(budgetSeconds: seconds, looks: p.looks)
        }
        let env = SystemProbe.environment(commandLine: CommandLine.arguments, swiftVersion: Locations.swiftVersion(),
                                          commit: Locations.commit())
        var file = ResultsFile(environment: env, configuration: config, ctxbenchVersion: CtxbenchVersion.string)
        file.environment.referenceBuilds = ReferenceBuildProbe.read(references.subtracting(missing), workload: workload)
        file.skipped = planned.skipped
        file.limits = limits
        return file
    }

    func printPlan(_ file: ResultsFile) {
        let plan = file.configuration.plan
        var groups = [String: (count: Int, seconds: Double)]()
        for s in plan {
            let key = "\(s.group.rawValue) \(s.variant) n=\(s.tasks)\(s.inFlight.map { " k=\($0)" } ?? "") i=\(s.iterations) w=\(s.warmups) \(s.pinned ? "pinned" : "unpinned")"
            groups[key, default: (0, 0)].count += 1
            groups[key, default: (0, 0)].seconds += Estimate.seconds(s)
        }
        for key in groups.keys.sorted() {
            print("\(key): \(groups[key]!.count) process runs, ~\(String(format: "%.1f", groups[key]!.seconds)) s")
        }
        for s in file.skipped {
            print("clamped: \(s.variant) (\(s.group.rawValue)) n=\(s.tasks) -> \(s.clampedTo.map(String.init) ?? "not run"): \(s.reason)")
        }
        let total = plan.map(Estimate.seconds).reduce(0, +)
        print("first pass: \(plan.count) process runs, estimated \(Int(total / 60))m\(Int(total) % 60)s (seed \(file.configuration.seed))")
        if let d = file.configuration.decision {
            print("budget: \(Format.seconds(d.budgetSeconds)) of measuring; then up to \(d.looks - 1) rounds add runs where a verdict is still inconclusive; every look decides at \(Format.percent(d.level)) (5 % spent over \(d.looks) looks)")
        } else {
            print("budget: none (a fixed plan, decided at 95 % in one look)")
        }
    }
}

func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Turns SIGINT/SIGTERM into a call on a dispatch queue instead of killing the process.
enum Signals {
    static func forward(_ signals: [Int32], _ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        signals.map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }
}

extension PinMode: ExpressibleByArgument {}

/// `--budget`: "90s", "10m", "1h", "1h30m" or plain seconds.
struct Budget: ExpressibleByArgument {
    var seconds: Double

    init?(argument: String) {
        guard let s = Budget.parse(argument) else { return nil }
        seconds = s
    }

    static func parse(_ text: String) -> Double? {
        if let plain = Double(text), plain >= 0 { return plain }
        var total = 0.0, number = ""
        for ch in text {
            if ch.isNumber || ch == "." { number.append(ch); continue }
            guard let n = Double(number) else { return nil }
            switch ch {
            case "h": total += n * 3600
            case "m": total += n * 60
            case "s": total += n
            default: return nil
            }
            number = ""
        }
        return number.isEmpty && total >= 0 ? total : nil
    }
}
extension VariantKind: ExpressibleByArgument {}
