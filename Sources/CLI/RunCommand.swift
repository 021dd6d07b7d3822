import ArgumentParser
import Foundation
import Results
import AnalysisModel
import Runner
import Analysis

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

    @Option(help: "What to measure: smoke (every variant once, seconds), quick (about 3 minutes), full (about 30 minutes).")
    var profile: ProfileName = .quick
    @Option(help: ArgumentHelp("Comma-separated variants to run (`ctxbench list` says what each measures).", valueName: "VARIANTS"))
    var only: VariantList?
    @Option(help: "Run only the variants of this kind.")
    var kind: VariantKind?
    @Option(help: ArgumentHelp("Output folder; results.json is written there.", valueName: "DIR"))
    var out: String = "report"
    @Option(help: "Brigade members / items spawned per iteration (overrides the profile; no sweep).")
    var tasks: Int?
    @Option(help: "Timed iterations per process run.")
    var iterations: Int?
    @Option(help: "Untimed warm-up iterations per process run.")
    var warmups: Int?
    @Option(help: "Process runs per variant and parameter set.")
    var runs: Int?
    @Option(help: "Pin each child to one CPU (on), never (off), or run both.")
    var pin: PinMode = .both
    @Option(help: "Seed of the run-order shuffle (default: random, recorded).")
    var seed: UInt64?
    @Option(help: "Kill a child after this many seconds (default: derived from its parameters).")
    var timeout: Double?
    @Option(help: "Wait at most this many seconds for the load average to drop below the CPU count (default: profile's).")
    var settle: Double?
    @Option(name: .customLong("resume"), help: ArgumentHelp("Finish the interrupted run in DIR: run only the process runs its results.json is missing, with the same plan and seed.", valueName: "DIR"))
    var resumeDir: String?
    @Option(help: ArgumentHelp("Also run the study's designs in another language, interleaved with the rest (rust: reference/rust, built by `make reference`). Repeatable.", valueName: "FAMILY"))
    var reference: [ReferenceFamily] = []
    @Option(help: ArgumentHelp("Measuring time the run may spend, first pass included: 90s, 10m, 1h or seconds (default: the profile's; 0 = the first pass alone, no rounds).", valueName: "DURATION"))
    var budget: Budget?
    @Flag(help: "Overwrite results already in --out.")
    var force = false
    @Flag(help: "Print the plan and its estimated time; measure nothing.")
    var dryRun = false
    @Flag(help: "Skip counting syscalls per hop under strace.")
    var noSyscalls = false
    @OptionGroup var machine: MachineWaitOptions

    func validate() throws {
        for (flag, value, low) in [("--tasks", tasks, 1), ("--iterations", iterations, 1), ("--warmups", warmups, 0), ("--runs", runs, 1)] {
            if let value, value < low || value > 10_000_000 {
                throw ValidationError("\(flag) must be between \(low) and 10000000, not \(value)")
            }
        }
        if let timeout, !(timeout > 0 && timeout < 1e6) { throw ValidationError("--timeout must be a positive number of seconds") }
        if resumeDir != nil && force { throw ValidationError("--resume and --force exclude each other") }
        try Folder.check(out, flag: "--out")
        if let resumeDir { try Folder.check(resumeDir, flag: "--resume") }
    }

    /// The options as the Runner takes them.
    var settings: RunSettings {
        var s = RunSettings(folder: URL(fileURLWithPath: resumeDir ?? out))
        s.resume = resumeDir != nil
        s.force = force
        s.profile = profile.profile
        s.only = only.map(\.variants)
        if let kind { s.only = (s.only ?? Variant.allCases).filter { $0.row.kind == kind } }
        s.pin = pin
        (s.tasks, s.iterations, s.warmups, s.runs, s.seed) = (tasks, iterations, warmups, runs, seed)
        s.references = Set(reference)
        s.budgetSeconds = budget?.seconds
        s.timeoutSeconds = timeout
        s.settleSeconds = settle
        s.countSyscalls = !noSyscalls
        s.waitForMachine = machine.waitForMachine
        return s
    }

    func run() throws {
        let run = Run(settings: settings, workload: try Locations.workloadExecutable(), provenance: Locations.provenance)
        if dryRun { return printPlan(try run.preview()) }
        let allocator = Allocator()
        let outcome = try run.execute { file in
            let (decision, verdicts) = try allocator.next(file)
            log("ctxbench: look \((file.configuration.plan.map(\.roundIndex).max() ?? 0) + 1): " + verdicts.map { "\($0.id) \($0.verdict.rawValue)" }.joined(separator: ", "))
            return decision
        }
        try report(outcome, folder: resumeDir ?? out)
    }

    /// The last lines of a run: where its results are, how many runs went well, how to resume.
    func report(_ outcome: Run.Outcome, folder: String) throws {
        let file = outcome.file
        let path = settings.resultsURL.path
        let ok = file.runs.filter { $0.status == .ok }.count
        switch outcome {
        case .alreadyComplete:
            log("ctxbench: \(path) is already complete (\(file.runs.count) process runs); nothing to resume")
        case .interrupted:
            log("ctxbench: interrupted; \(file.runs.count) of \(file.configuration.plan.count) process runs kept in \(path)")
            log("ctxbench: resume with: ctxbench run --resume \(folder)")
            throw ExitCode(130)
        case .finished:
            let failed = file.runs.count - ok
            log("ctxbench: wrote \(path): \(ok) process runs ok" + (failed > 0 ? ", \(failed) failed or timed out (reported as not run)" : ""))
            guard ok > 0 || file.runs.isEmpty else { throw CLIError("every process run failed; see the messages above and \(path)") }
        }
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
