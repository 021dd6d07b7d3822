import Dispatch
import Foundation
import Limits
import Results
#if canImport(Glibc)
import Glibc
#endif

/// One `ctxbench run`, from its settings to the saved results.json: takes the output folder's
/// lock, plans a new run or reads the one to resume, waits for the machine (its measuring lock,
/// then the load), observes the thread ceiling when the profile asks, and measures the plan and
/// its rounds in a `RunSession`, which saves after every process run. SIGINT and SIGTERM stop it
/// cleanly while it measures, keeping every finished process run. The CLI parses the options,
/// calls `preview` or `execute`, and words the outcome; progress goes to `log` (stderr).
public final class Run: @unchecked Sendable {
    public let settings: RunSettings
    /// The ctxbench-workload executable (the other executables sit beside it).
    public let workload: String
    /// How this ctxbench was built and called; asked only when a new run is planned.
    public let provenance: () -> Provenance
    /// Progress lines go here (stderr by default; tests silence it).
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } {
        didSet { session.log = log }
    }
    /// Turn SIGINT and SIGTERM into a clean stop while measuring (tests leave them alone).
    public var catchSignals = true
    /// Runs the plan; its `writer` saves results.json.
    public let session: RunSession

    public init(settings: RunSettings, workload: String, provenance: @escaping () -> Provenance) {
        self.settings = settings
        self.workload = workload
        self.provenance = provenance
        session = RunSession(resultsURL: settings.resultsURL, child: ChildProcess(workload: workload))
    }

    /// How a run ended (a failure throws instead).
    public enum Outcome: Sendable {
        /// `--resume` of a run that was complete already: nothing measured.
        case alreadyComplete(ResultsFile)
        /// Every planned process run ran (some may have failed or timed out).
        case finished(ResultsFile)
        /// Stopped by SIGINT/SIGTERM (or `interrupt()`): what was measured is saved.
        case interrupted(ResultsFile)

        /// The results file as saved.
        public var file: ResultsFile {
            switch self {
            case .alreadyComplete(let f), .finished(let f), .interrupted(let f): f
            }
        }
    }

    /// Stops the run at the next process run, as SIGINT does: the child running is stopped and
    /// not recorded, everything finished is saved.
    public func interrupt() { session.current.interrupt() }

    /// The results file this run starts from, without locking or writing anything: the file to
    /// resume, or a new plan (`--dry-run`).
    public func preview() throws -> ResultsFile {
        settings.resume ? try ResultsFile.load(from: settings.resultsURL) : try plan()
    }

    /// Measures: the folder's lock, the starting file (`planned`, else the one to resume, else a
    /// new plan), the machine's lock, settling, then the plan and the rounds `next` asks for.
    /// - Parameter planned: a plan made elsewhere (the variance study's) instead of the settings';
    ///   it replaces what the folder holds.
    public func execute(planned: ResultsFile? = nil, next: ((ResultsFile) throws -> RoundDecision)? = nil) throws -> Outcome {
        let folderLock = try lockFolder()
        defer { withExtendedLifetime(folderLock) {} }
        var file = try planned ?? startingFile()
        if settings.resume && file.complete { return .alreadyComplete(file) }
        let machineLock = try lockMachine()
        defer { withExtendedLifetime(machineLock) {} }
        prepareMachine(&file)
        let profile = Profile.named(file.configuration.profile) ?? .quick
        session.timeoutOverride = settings.timeoutSeconds ?? file.configuration.timeoutSeconds
        let counter = settings.countSyscalls && profile.countSyscalls ? SyscallCounter(workload: workload) : nil
        let signals = catchSignals ? Signals.forward([SIGINT, SIGTERM]) { [session] in session.current.interrupt() } : []
        defer { Signals.restore(signals) }
        let final = try session.execute(file, syscalls: counter, next: next)
        return session.current.interrupted ? .interrupted(final) : .finished(final)
    }

    /// Takes the folder's lock (creating the folder), or fails at once naming the run holding
    /// it. Nil when resuming a folder that does not exist (reading it then fails).
    func lockFolder() throws -> RunLock? {
        let folder = settings.folder
        guard !settings.resume || FileManager.default.fileExists(atPath: folder.path) else { return nil }
        do { try FileIO.makeWritableFolder(folder) } catch let e as FileError { throw e.or("pick another --out") }
        switch try RunLock.tryAcquire(RunLock.folderPath(folder)) {
        case .acquired(let lock): return lock
        case .held(let pid): throw RunError.folderInUse(folder: folder, pid: pid)
        }
    }

    /// Takes the machine-wide measuring lock, waiting for its holder unless told not to.
    func lockMachine() throws -> RunLock {
        let path = settings.machineLock
        let outcome = try RunLock.acquire(path, wait: settings.waitForMachine) { pid in
            log("ctxbench: waiting for the measuring run of \(pid.map { "pid \($0)" } ?? "another process") to finish (--no-wait to fail instead)")
        }
        switch outcome {
        case .acquired(let lock): return lock
        case .held(let pid): throw RunError.machineBusy(lock: path, pid: pid)
        }
    }

    /// The file to resume, or a new plan (refusing to replace a run unless `force`).
    func startingFile() throws -> ResultsFile {
        if settings.resume { return try ResultsFile.load(from: settings.resultsURL) }
        if !settings.force, FileManager.default.fileExists(atPath: settings.resultsURL.path) {
            throw RunError.resultsExist(settings.resultsURL)
        }
        return try plan()
    }

    /// Once the machine is ours: the start figures (a resumed run keeps those it recorded the
    /// first time), the wait for the load to drop, and the thread probe when the profile asks.
    func prepareMachine(_ file: inout ResultsFile) {
        let fresh = !settings.resume
        if fresh {  // measuring starts now, perhaps after a wait
            file.environment.date = SystemProbe.isoNow()
            file.environment.loadAverageStart = SystemProbe.loadAverage()
        }
        let profile = Profile.named(file.configuration.profile) ?? .quick
        let settleMax = settings.settleSeconds ?? profile.settleSeconds
        if settleMax > 0 {
            let waited = SystemProbe.settle(maxSeconds: settleMax, cpus: file.environment.logicalCPUs) { load, t in
                if Int(t) % 10 == 0 { log("ctxbench: waiting for the machine to settle: load \(load), \(Int(t)) s of at most \(Int(settleMax)) s") }
            }
            if fresh {
                file.environment.settleSeconds = waited
                file.environment.loadAverageStart = SystemProbe.loadAverage()
            }
        }
        if profile.probeThreads, fresh, let limits = file.limits, limits.observedThreads == nil {
            // C9 wants the thread ceiling observed, not only computed: bounded (safety margins
            // of pids and memory), every thread joined before measuring starts.
            log("ctxbench: observing the thread ceiling with the thread probe (idle threads, joined before measuring)")
            let r = ThreadProbe(max: 1_000_000).run(report: limits)
            file.limits?.observedThreads = r.created
            file.limits?.observedThreadsStop = r.stoppedBecause + (r.matchingLimit.map { "; matches \($0)" } ?? "")
            log("ctxbench: \(Format.count(r.created)) threads at once; stopped: \(r.stoppedBecause)")
        }
    }
}

/// Turns signals into a call on a dispatch queue instead of killing the process, while the
/// returned sources live; `restore` gives the signals their default action back.
enum Signals {
    static func forward(_ signals: [Int32], _ handler: @escaping @Sendable () -> Void) -> [(Int32, any DispatchSourceSignal)] {
        signals.map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return (sig, source)
        }
    }

    static func restore(_ sources: [(Int32, any DispatchSourceSignal)]) {
        for (sig, source) in sources {
            source.cancel()
            signal(sig, SIG_DFL)
        }
    }
}
