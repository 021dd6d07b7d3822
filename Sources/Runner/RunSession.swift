import Foundation
import Results

/// Runs a plan: one child per RunSpec, results.json rewritten atomically after each, progress
/// on stderr, a clean stop on SIGINT/SIGTERM. The only side effects are the results file and
/// stderr lines; what to run and how is decided by Planner.
public final class RunSession: @unchecked Sendable {
    public let resultsURL: URL
    public let child: ChildProcess
    public let current = CurrentChild()
    /// Override of every child's timeout, seconds.
    public var timeoutOverride: Double?
    /// Progress lines go here (stderr by default; tests silence it).
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    /// Saves the results file (atomically; tests inject a failing writer).
    public var writer: (ResultsFile, URL) throws -> Void = { try $0.save(to: $1) }
    /// Process runs the results file on disk holds (its last save, or the file resumed); nil
    /// while nothing of this run is on disk.
    public private(set) var keptRuns: Int?

    public init(resultsURL: URL, child: ChildProcess) {
        self.resultsURL = resultsURL
        self.child = child
    }

    /// Runs every planned spec not already in `file.runs` (resume) and returns the final file.
    /// Saves after every process run; stops early, saving, when interrupted. With `next` (a
    /// budgeted run), each time the plan is done it asks `next` for another round, appends the
    /// round to the plan (saved before it runs, so `--resume` finishes it) and runs it, until
    /// `next` says stop; the reason is recorded in the decision plan.
    /// A save that fails stops the run with `RunError.notSaved` (how many runs were measured
    /// and how many the file on disk keeps); any other failure saves what was measured first.
    public func execute(_ initial: ResultsFile, syscalls: SyscallCounter?,
                        next: ((ResultsFile) throws -> RoundDecision)? = nil) throws -> ResultsFile {
        var file = initial
        keptRuns = initial.runs.isEmpty ? nil : initial.runs.filter { $0.status != .interrupted }.count
        do {
            try measure(&file, syscalls: syscalls, next: next)
            return file
        } catch let e as FileError where e.operation == .save {
            throw RunError.notSaved(e, measured: file.runs.count, kept: keptRuns)
        } catch {
            try? save(file)
            throw error
        }
    }

    func measure(_ file: inout ResultsFile, syscalls: SyscallCounter?, next: ((ResultsFile) throws -> RoundDecision)?) throws {
        file.complete = false
        try runPending(&file)
        while !current.interrupted, let next, file.configuration.decision != nil {
            switch try next(file) {
            case .stop(let why):
                log("ctxbench: stop: \(why)")
                file.configuration.decision?.stopped = why
            case .run(let specs, let why):
                log("ctxbench: \(why)")
                file.configuration.plan += specs
                try runPending(&file)
                continue
            }
            break
        }
        if !current.interrupted, let syscalls {
            file.syscalls = countSyscalls(file, syscalls)
        }
        file.environment.loadAverageEnd = SystemProbe.loadAverage()
        file.environment.finishedAt = SystemProbe.isoNow()
        file.complete = !current.interrupted
        try save(file)
    }

    /// Saves `file` with `writer`, noting how many runs the file on disk now keeps.
    func save(_ file: ResultsFile) throws {
        try writer(file, resultsURL)
        keptRuns = file.runs.count
    }

    /// Runs the planned specs missing from `file.runs`, saving after each as long as saving
    /// costs under a tenth of the time: a save that took d seconds is not repeated for 10 d
    /// (a results file of a few hundred runs takes ~0.1 s to encode, so such a run holds back at
    /// most ~1 s of runs from the file; a small file is saved after every run). The caller
    /// saves when this returns, so an interrupt loses nothing.
    func runPending(_ file: inout ResultsFile) throws {
        let done = Set(file.runs.filter { $0.status != .interrupted }.map(\.spec.key))
        file.runs.removeAll { $0.status == .interrupted }
        let todo = file.configuration.plan.filter { !done.contains($0.key) }
        try save(file)
        guard !todo.isEmpty else { return }
        let estimated = todo.map(Estimate.seconds).reduce(0, +)
        log("ctxbench: \(todo.count) process runs to go (\(file.runs.count) already done), about \(Self.duration(estimated))")

        let start = Date()
        var estimatedDone = 0.0
        var lastSave = (at: Date(), took: 0.0)
        // The budget counts measuring time across sessions: brought up to date before every
        // save, so a run killed between saves resumes with the time it had spent.
        let spentBefore = file.configuration.decision?.spentSeconds ?? 0
        func account(_ file: inout ResultsFile) {
            if var d = file.configuration.decision {
                d.spentSeconds = spentBefore + Date().timeIntervalSince(start)
                file.configuration.decision = d
            }
        }
        defer {
            account(&file)
            try? save(file)
        }
        for (i, spec) in todo.enumerated() {
            if current.interrupted { break }
            let run = child.run(spec, timeout: timeoutOverride ?? Estimate.timeout(spec), current: current)
            if run.status == .interrupted { break }
            file.runs.append(run)
            estimatedDone += Estimate.seconds(spec)
            let pace = Date().timeIntervalSince(start) / max(estimatedDone, 1e-9)
            let eta = (estimated - estimatedDone) * pace
            log("[\(i + 1)/\(todo.count)] \(Self.describe(spec)): \(Self.outcome(run)) | ETA \(Self.duration(eta))")
            if Date().timeIntervalSince(lastSave.at) >= 10 * lastSave.took {
                let t0 = Date()
                account(&file)
                try save(file)
                lastSave = (Date(), Date().timeIntervalSince(t0))
            }
        }
    }

    /// Counts syscalls per hop of the brigades `SyscallCounter.targets` picks from the runs.
    func countSyscalls(_ file: ResultsFile, _ counter: SyscallCounter) -> [SyscallCount] {
        var out = [SyscallCount]()
        for t in SyscallCounter.targets(file.runs) {
            if current.interrupted { break }
            log("ctxbench: counting syscalls of \(t.variant) (\(t.pinned ? "pinned" : "unpinned")) under strace (untimed)")
            out.append(counter.count(variant: t.variant, pinned: t.pinned, current: current))
        }
        return out
    }

    static func describe(_ s: RunSpec) -> String {
        "\(s.variant.rawValue) \(s.group == .main ? "" : s.group.rawValue + " ")n=\(s.tasks)\(s.inFlight.map { " k=\($0)" } ?? "") \(s.pinned ? "pinned" : "unpinned") run \(s.runIndex + 1)"
    }

    static func outcome(_ run: ProcessRun) -> String {
        guard run.status == .ok, let out = run.output, !out.samplesNs.isEmpty else {
            return "\(run.status.rawValue): \(run.message ?? "")"
        }
        let sorted = out.samplesNs.sorted()
        let median = Double(sorted[sorted.count / 2])
        let unit = run.spec.kind == .creation ? "per item" : "per hop"
        return String(format: "ok in %.1f s, median %@ %@", run.wallSeconds,
                      Format.nanos(median / Double(run.spec.unitsPerIteration)), unit)
    }

    /// "1m05s" / "12s".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }

}
