import Foundation
import SystemCall
#if canImport(Glibc)
import Glibc
#endif

/// ctxbench's file reads and writes, straight on the system calls so that a failure keeps its
/// errno and becomes one `FileError` line (Foundation's errors print as a dictionary dump that
/// names the temporary file instead of the one being saved).
public enum FileIO {
    /// The whole content of the file at `path`.
    /// - Parameter nextStep: what to do when it cannot be read (default: the errno's usual remedy).
    public static func read(_ path: String, nextStep: String? = nil) throws -> Data {
        do {
            let fd = try systemCall("open") { open(path, O_RDONLY | O_CLOEXEC) }
            defer { close(fd) }
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = try buffer.withUnsafeMutableBytes { b in try systemCall("read") { Glibc.read(fd, b.baseAddress, b.count) } }
                if n == 0 { return data }
                data.append(contentsOf: buffer[0..<n])
            }
        } catch let e as Errno {
            throw FileError(path: path, operation: .read, cause: .system(errno: e.code), nextStep: nextStep)
        }
    }

    /// Writes `data` to `url` atomically: into a temporary file beside it, then renamed over it,
    /// so the file holds either its old content or the new one, never a part. On failure the
    /// temporary file is removed and the old file is left as it was.
    public static func writeAtomically(_ data: Data, to url: URL, nextStep: String? = nil) throws {
        let path = url.path
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        var failed = write(data, toPath: tmp)
        if failed == nil, rename(tmp, path) != 0 { failed = errno }
        if let e = failed {
            unlink(tmp)
            throw FileError(path: path, operation: .save, cause: .system(errno: e), nextStep: nextStep)
        }
    }

    /// Creates the folder `url` (and its parents) when missing and checks a file can be
    /// created in it.
    public static func makeWritableFolder(_ url: URL, nextStep: String? = nil) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw FileError(foundation: error, path: url.path, operation: .createFolder, nextStep: nextStep)
                ?? FileError(path: url.path, operation: .createFolder, cause: .system(errno: EIO), nextStep: nextStep)
        }
        let probe = url.appendingPathComponent(".ctxbench-write-test-\(getpid())").path
        let failed = write(Data(), toPath: probe)
        unlink(probe)
        if let e = failed {
            throw FileError(path: url.path, operation: .writeInFolder, cause: .system(errno: e), nextStep: nextStep)
        }
    }

    /// Writes all of `data` to `path` (created, or truncated); the errno of the call that
    /// failed (open, write or close), or nil. Calls go through the syscall funnel (EINTR retried).
    static func write(_ data: Data, toPath path: String) -> Int32? {
        let fd: Int32
        do { fd = try systemCall("open") { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) } } catch { return error.code }
        var failed: Int32?
        do { try writeAll(data, to: fd) } catch let e as Errno { failed = e.code } catch { failed = EIO }
        // close is not retried: Linux releases the fd even when close reports EINTR.
        if close(fd) != 0, failed == nil { failed = errno }
        return failed
    }

    /// `write` until every byte of `data` went to `fd`; a write of 0 bytes is EIO.
    static func writeAll(_ data: Data, to fd: Int32) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = try systemCall("write") { Glibc.write(fd, base + offset, raw.count - offset) }
                if n == 0 { throw Errno("write", code: EIO) }
                offset += n
            }
        }
    }
}
