import Foundation
import Results
#if canImport(Glibc)
import Glibc
#endif
import SystemCall

/// An exclusive flock(2) on a lock file. The kernel releases it when the holder's process ends,
/// however it ends (SIGKILL included), so a lock is never stale. The holder writes its pid into
/// the file after locking, so a refused caller can name it. The file itself stays; only the lock
/// on it means anything.
public final class RunLock: @unchecked Sendable {
    /// Path of the lock file.
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// Releases the lock (also done by deinit and by the kernel at exit).
    public func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// What `acquire` found.
    public enum Outcome {
        /// Locked; the lock lasts as long as the returned object (or the process).
        case acquired(RunLock)
        /// Another process holds it; its pid when it wrote one.
        case held(by: Int32?)
    }

    /// The folder lock of a `ctxbench run` output folder.
    public static func folderPath(_ dir: URL) -> String {
        dir.appendingPathComponent(".ctxbench.lock").path
    }

    /// The machine-wide measuring lock: $CTXBENCH_MACHINE_LOCK, else
    /// $XDG_RUNTIME_DIR/ctxbench-measure.lock, else /tmp/ctxbench-measure.lock.
    public static func machinePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["CTXBENCH_MACHINE_LOCK"], !p.isEmpty { return p }
        if let d = environment["XDG_RUNTIME_DIR"], !d.isEmpty { return d + "/ctxbench-measure.lock" }
        return "/tmp/ctxbench-measure.lock"
    }

    /// Tries once to take the lock at `path` (creating the file); never blocks.
    public static func tryAcquire(_ path: String) throws -> Outcome {
        // Read-write so the pid can be written; read-only still locks (a machine lock file created
        // by another user in a sticky /tmp).
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if fd < 0 { fd = open(path, O_RDWR | O_CLOEXEC) }
        if fd < 0 { fd = open(path, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw FileError(path: path, operation: .lock, cause: .system(errno: errno)) }
        guard lock(fd, exclusive: true) else {
            close(fd)
            return .held(by: holder(path))
        }
        // The pid of the previous holder may still be in the file; replace it.
        if ftruncate(fd, 0) == 0 {
            let text = "\(getpid())\n"
            _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        }
        return .acquired(RunLock(path: path, fd: fd))
    }

    /// Takes the lock at `path`, polling while another process holds it; `waiting` is called once
    /// per holder seen (with its pid, when known) before waiting for it. With `wait` false it
    /// returns `.held` at once instead.
    public static func acquire(_ path: String, wait: Bool, poll: Double = 0.2,
                               waiting: (Int32?) -> Void) throws -> Outcome {
        var announced: Int32?? = .none
        while true {
            let outcome = try tryAcquire(path)
            guard case .held(let pid) = outcome, wait else { return outcome }
            if announced != .some(pid) {
                waiting(pid)
                announced = .some(pid)
            }
            Thread.sleep(forTimeInterval: poll)
        }
    }

    /// The pid of a process holding the lock at `path` now, nil when nobody does (or the file
    /// does not exist); `.some(nil)` when it is held but no pid was written yet. Takes a shared
    /// lock for an instant, so it works on a read-only file and never blocks.
    public static func holderIfHeld(_ path: String) -> Int32?? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if lock(fd, exclusive: false) { return nil }  // closing releases it
        return .some(holder(path))
    }

    /// The pid written in the lock file, if any.
    static func holder(_ path: String) -> Int32? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The one syscall: a non-blocking flock, exclusive or shared; true when taken.
    static func lock(_ fd: Int32, exclusive: Bool) -> Bool {
        (try? systemCall("flock") { flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) }) != nil
    }
}
