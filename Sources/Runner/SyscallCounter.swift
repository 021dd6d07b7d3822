import Foundation
import Results
#if canImport(Glibc)
import Glibc
#endif

/// Counts syscalls per hop of a brigade under `strace -f -c`, in two short untimed runs
/// whose difference cancels setup and teardown: per hop = (calls(long) - calls(short)) /
/// (tasks x extra rounds). strace slows a program 10-80x, so nothing here is ever timed.
public struct SyscallCounter: Sendable {
    public var strace: String?
    public var workload: String
    public var tasks = 50
    public var shortRounds = 10
    public var longRounds = 40

    public init(workload: String, strace: String? = SyscallCounter.findStrace()) {
        self.workload = workload
        self.strace = strace
    }

    /// The (variant, pinning) pairs to count, from the runs of a session: each Swift brigade
    /// and each reference brigade (`--reference rust`, C10's Rust twin) that ran at the headline
    /// N, unpinned (pinned when only that ran), and pinned too for the thread brigade and the
    /// faithful async counterpart (C10) of either family. The C floors make the same calls as
    /// their Swift designs and are not counted (time).
    public static func targets(_ runs: [ProcessRun]) -> [Target] {
        let roles: [VariantRole] = [.threadBrigade, .faithfulAsync]
        let both = Set(roles.compactMap(Variant.the) + ReferenceFamily.allCases.flatMap { f in roles.compactMap { f.roleSubstitute[$0] } })
        let ran = runs.filter { r in r.spec.kind == .brigade && r.spec.group == .main && r.spec.variant.row.executable != .floor }
        return Set(ran.filter { r in
            !r.spec.pinned || both.contains(r.spec.variant) || !ran.contains { $0.spec.variant == r.spec.variant && !$0.spec.pinned }
        }.map { Target(variant: $0.spec.variant, pinned: $0.spec.pinned) }).sorted()
    }

    /// A variant and a pinning to count, in a stable order (by name, unpinned first).
    public struct Target: Hashable, Comparable, Sendable {
        public var variant: Variant
        public var pinned: Bool
        public static func < (a: Target, b: Target) -> Bool {
            (a.variant.rawValue, a.pinned ? 1 : 0) < (b.variant.rawValue, b.pinned ? 1 : 0)
        }
    }

    /// strace on PATH, or nil.
    public static func findStrace() -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return dirs.map { "\($0)/strace" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Seconds one strace run may take before it is killed.
    public var timeout: Double = 120

    public func count(variant: Variant, pinned: Bool, current: CurrentChild = CurrentChild()) -> SyscallCount {
        let hops = tasks * (longRounds - shortRounds)
        guard let strace else {
            return SyscallCount(variant: variant, pinned: pinned, hops: 0, perHop: [:],
                                error: "strace is not installed (`make deps` installs it)")
        }
        do {
            let short = try run(strace, variant, pinned, rounds: shortRounds, current: current)
            let long = try run(strace, variant, pinned, rounds: longRounds, current: current)
            var perHop = [String: Double]()
            for (name, calls) in long {
                let d = Double(calls - (short[name] ?? 0)) / Double(hops)
                if d >= 0.05 { perHop[name] = (d * 100).rounded() / 100 }
            }
            return SyscallCount(variant: variant, pinned: pinned, hops: hops, perHop: perHop, error: nil)
        } catch {
            return SyscallCount(variant: variant, pinned: pinned, hops: hops, perHop: [:], error: "\(error)")
        }
    }

    /// One run under strace; returns calls by syscall name (EAGAIN returns are calls too;
    /// they are also counted under "<name> (errors)").
    func run(_ strace: String, _ variant: Variant, _ pinned: Bool, rounds: Int, current: CurrentChild) throws -> [String: Int] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctxbench-strace-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = dir.appendingPathComponent("strace.txt").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: strace)
        p.arguments = ["-f", "-c", "-o", summary, "--", ChildProcess.executable(for: variant, workload: workload), variant.rawValue, "--tasks", "\(tasks)",
                       "--iterations", "\(rounds)", "--warmups", "0", "--output", dir.appendingPathComponent("o.json").path]
            + (pinned ? ["--pin"] : [])
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        current.set(p.processIdentifier)
        defer { current.set(nil) }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            kill(p.processIdentifier, SIGKILL)
            done.wait()
            throw FileFormatError("strace run of \(variant) timed out after \(Int(timeout)) s")
        }
        if current.interrupted { throw FileFormatError("interrupted") }
        guard p.terminationStatus == 0 else {
            throw FileFormatError("strace run of \(variant) exited with status \(p.terminationStatus) (ptrace may be forbidden here)")
        }
        return Self.parse((try? String(contentsOfFile: summary, encoding: .utf8)) ?? "")
    }

    /// Parses the table `strace -c` prints: "% time seconds usecs/call calls [errors] syscall".
    public static func parse(_ text: String) -> [String: Int] {
        var calls = [String: Int]()
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count == 5 || f.count == 6, Double(f[0]) != nil, let n = Int(f[3]) else { continue }
            let name = String(f[f.count - 1])
            guard name != "total" else { continue }
            calls[name] = n
            if f.count == 6, let e = Int(f[4]) { calls["\(name) (errors)"] = e }
        }
        return calls
    }
}
