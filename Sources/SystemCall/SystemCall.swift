#if canImport(Glibc)
import Glibc
#endif

// The one funnel every Swift C call that can fail goes through (swift-system's pattern,
// `Sources/System/Util.swift`): it runs the call, retries it while it fails with EINTR when
// the call is restartable, and throws an `Errno` naming the call. The two return
// conventions of the calls ctxbench makes each have a thin entry point below; both end
// in `SystemCall.run`. Everything is `@inlinable @inline(__always)` over a non-escaping
// closure, so in a timed loop it compiles to the bare call and a compare: no allocation, no
// call, and the name (an autoclosure) is only built when the call has failed.

/// A C call that failed: its name and the `errno` it reported.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call that failed, as the message shows it, e.g. `epoll_wait` or `epoll_ctl(fd 7)`.
    public let call: String
    /// The error code (a positive `E*` value such as `EINTR`).
    public let code: Int32

    public init(_ call: String, code: Int32) {
        self.call = call
        self.code = code
    }

    /// "call: message", e.g. "epoll_wait: Interrupted system call".
    public var description: String { "\(call): \(Errno.message(code))" }

    /// The C library's text for `code` (the only place the Swift side calls `strerror`).
    public static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The calling thread's current `errno`.
    @inlinable @inline(__always)
    public static var current: Int32 { errno }
}

/// How a C call reports failure.
public enum SystemCall {
    /// Runs `call`; `failure` maps its result to an error code (nil on success). Retries while
    /// the code is EINTR and `restartable`; otherwise throws `Errno(name(), code)`.
    @inlinable @inline(__always)
    public static func run<T>(_ name: @autoclosure () -> String, restartable: Bool,
                              failure: (T) -> Int32?, _ call: () -> T) throws(Errno) -> T {
        while true {
            let result = call()
            guard let code = failure(result) else { return result }
            if restartable && code == EINTR { continue }
            throw Errno(name(), code: code)
        }
    }
}

/// Runs a C call that returns -1 and sets `errno` on failure (`read`, `epoll_wait`, `socketpair`,
/// `fcntl`...); retried on EINTR unless `restartable` is false. Returns the call's result.
@inlinable @inline(__always) @discardableResult
public func systemCall<T: FixedWidthInteger & SignedInteger>(
    _ name: @autoclosure () -> String, restartable: Bool = true, _ call: () -> T
) throws(Errno) -> T {
    try SystemCall.run(name(), restartable: restartable, failure: { $0 == -1 ? errno : nil }, call)
}

/// Runs a C call that returns 0 or an error code (`pthread_create`, `pthread_join`); such calls
/// never fail with EINTR.
@inlinable @inline(__always)
public func errorCodeCall(_ name: @autoclosure () -> String, _ call: () -> Int32) throws(Errno) {
    _ = try SystemCall.run(name(), restartable: false, failure: { $0 == 0 ? nil : $0 }, call)
}

/// Runs a call that returns -1 and sets `errno` on failure until it does not fail with EINTR,
/// and returns its last result, for the loops that handle the other codes themselves (EAGAIN
/// parks a task; EOF and other errors end a brigade member).
@inlinable @inline(__always)
public func retryingEINTR<T: FixedWidthInteger & SignedInteger>(_ call: () -> T) -> T {
    while true {
        let result = call()
        if result != -1 || errno != EINTR { return result }
    }
}

/// The whole of the (small) file at `path`: `open`, `read` until end of file (each call
/// retried on EINTR, `chunkBytes` at a time), `close`; nil when it cannot be opened or read.
/// For /proc and /sys files, whose size stat(2) reports as 0. The children's probes keep the
/// 4 KiB chunk so a memory reading's own buffer stays one page.
public func readWholeFile(_ path: String, chunkBytes: Int = 4096) -> [UInt8]? {
    let fd = retryingEINTR { open(path, O_RDONLY | O_CLOEXEC) }
    if fd < 0 { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: chunkBytes)
    while true {
        let n = chunk.withUnsafeMutableBytes { buffer in retryingEINTR { read(fd, buffer.baseAddress, buffer.count) } }
        if n < 0 { return nil }
        if n == 0 { return bytes }
        bytes.append(contentsOf: chunk[0..<n])
    }
}
