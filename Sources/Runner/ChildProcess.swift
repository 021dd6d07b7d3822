import Foundation
import Results
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Starts one `ctxbench-workload` child for one RunSpec, enforces its timeout and turns
/// whatever happened into a ProcessRun. Never throws: a child that fails is data.
public struct ChildProcess: Sendable {
    /// Path of the ctxbench-workload executable.
    public var workload: String
    /// Extra arguments for every child (tests use `--fault`).
    public var extraArguments: [String]
    /// Extra arguments for the children of one variant only (tests inject a fault into one).
    public var variantArguments: [String: [String]]

    public init(workload: String, extraArguments: [String] = [], variantArguments: [String: [String]] = [:]) {
        self.workload = workload
        self.extraArguments = extraArguments
        self.variantArguments = variantArguments
    }

    /// The executable that runs `spec`: ctxbench-workload, or the sibling the variant's row names
    /// (ctxbench-floor for the C floors). Unknown names go to ctxbench-workload, which says so.
    public func executable(for spec: RunSpec) -> String {
        Self.executable(for: spec.variant, workload: workload)
    }

    public static func executable(for variant: Variant, workload: String) -> String {
        let row = variant.row
        guard row.executable != .workload else { return workload }
        return URL(fileURLWithPath: workload).deletingLastPathComponent().appendingPathComponent(row.executable.rawValue).path
    }

    /// Arguments of the child for `spec`, writing its output to `output`.
    public func arguments(for spec: RunSpec, output: String) -> [String] {
        var a = [spec.variant.rawValue, "--tasks", "\(spec.tasks)", "--iterations", "\(spec.iterations)",
                 "--warmups", "\(spec.warmups)", "--output", output]
        if spec.pinned { a.append("--pin") }
        if spec.kind == .memory { a.append("--memory") }
        if let k = spec.inFlight, k > 1 { a += ["--in-flight", "\(k)"] }
        return a + extraArguments + (variantArguments[spec.variant.rawValue] ?? [])
    }

    /// Runs `spec` to completion or until `timeout` seconds; `current` receives the child's
    /// pid while it runs so a signal handler can stop it.
    public func run(_ spec: RunSpec, timeout: Double, current: CurrentChild) -> ProcessRun {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("ctxbench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("output.json").path
        let errPath = dir.appendingPathComponent("stderr.txt").path
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)

        let loadBefore = SystemProbe.loadAverage()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable(for: spec))
        process.arguments = arguments(for: spec, output: outPath)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errHandle = FileHandle(forWritingAtPath: errPath)
        defer { try? errHandle?.close() }
        process.standardError = errHandle
        let done = DispatchSemaphore(value: 0)
        // Forget the pid before the child is reaped, so a late interrupt cannot hit a reused pid.
        process.terminationHandler = { _ in
            current.set(nil)
            done.signal()
        }
        let cpuBefore = SystemProbe.cpuSample()
        let start = Date()
        do {
            try process.run()
        } catch {
            return ProcessRun(spec: spec, status: .failed, message: "cannot start \(executable(for: spec)): \(error.localizedDescription)",
                              wallSeconds: 0, loadBefore: loadBefore, loadAfter: loadBefore)
        }
        current.set(process.processIdentifier)
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        current.set(nil)
        let wall = Date().timeIntervalSince(start)
        let otherCPU = SystemProbe.otherCPUSeconds(cpuBefore, SystemProbe.cpuSample())
        let loadAfter = SystemProbe.loadAverage()
        let stderrTail = Self.tail(of: errPath)

        func record(_ status: RunStatus, _ message: String?, _ code: Int32?, output: WorkloadOutput? = nil) -> ProcessRun {
            ProcessRun(spec: spec, status: status, message: message, exitStatus: code,
                       stderrTail: status == .ok ? nil : stderrTail, wallSeconds: wall,
                       loadBefore: loadBefore, loadAfter: loadAfter, output: output, otherCPUSeconds: otherCPU)
        }
        if current.interrupted { return record(.interrupted, "interrupted by a signal", nil) }
        if timedOut { return record(.timedOut, "timed out after \(Int(timeout)) s and was killed", nil) }
        let code: Int32 = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
        guard code == 0 else {
            let why = code < 0 ? "killed by signal \(-code)" : "exited with status \(code)"
            let last = stderrTail.split(separator: "\n").last.map(String.init) ?? ""
            return record(.failed, last.isEmpty ? why : "\(why): \(last)", code)
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: outPath))
            let output = try JSONDecoder().decode(WorkloadOutput.self, from: data)
            guard output.samplesNs.count == spec.iterations else {
                return record(.failed, "child reported \(output.samplesNs.count) samples, expected \(spec.iterations)", code)
            }
            return record(.ok, nil, code, output: output)
        } catch {
            return record(.failed, "child output unreadable: \(error.localizedDescription)", code)
        }
    }

    /// The last 10 lines (at most 2,000 characters) of a file.
    static func tail(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        return String(lines.suffix(10).joined(separator: "\n").suffix(2_000))
    }
}

/// The child running now, shared with the signal handler.
public final class CurrentChild: Sendable {
    private let state = Mutex<(pid: Int32?, interrupted: Bool)>((nil, false))
    public init() {}

    /// Records the running child; kills it at once if an interrupt already arrived.
    func set(_ pid: Int32?) {
        let late = state.withLock { s -> Bool in
            s.pid = pid
            return s.interrupted
        }
        if late, let pid { kill(pid, SIGKILL) }
    }

    /// True once `interrupt()` was called.
    public var interrupted: Bool { state.withLock { $0.interrupted } }

    /// Marks the run interrupted and kills the running child, if any.
    public func interrupt() {
        let pid = state.withLock { s -> Int32? in
            s.interrupted = true
            return s.pid
        }
        if let pid { kill(pid, SIGKILL) }
    }
}
