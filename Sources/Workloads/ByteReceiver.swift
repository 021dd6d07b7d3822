#if canImport(Glibc)
import Glibc
#endif
import SystemCall

/// A reactor a task can receive bytes through (epoll readiness or io_uring completions).
public protocol ByteReceiver: AnyObject {
    /// Up to `capacity` bytes from `fd` (registered under `token`) into `bytes`; suspends the
    /// calling task until some arrive. The count read, or -1 on EOF or error.
    func receive(_ fd: Int32, into bytes: UnsafeMutablePointer<UInt8>, capacity: Int, token: Int) async -> Int
}

extension ByteReceiver {
    /// Exactly `count` bytes from `fd` (several receives if needed); false on EOF or error.
    public func receiveExactly(_ fd: Int32, into bytes: UnsafeMutablePointer<UInt8>, count: Int, token: Int) async -> Bool {
        var got = 0
        while got < count {
            let n = await receive(fd, into: bytes + got, capacity: count - got, token: token)
            if n <= 0 { return false }
            got += n
        }
        return true
    }
}

/// A readiness reactor (epoll): a task reads a non-blocking fd until EAGAIN, then parks until
/// the reactor reports the fd readable. The recv loop is the same for every such reactor.
public protocol ReadinessReactor: ByteReceiver {
    /// Parks the calling task until the fd registered under `token` is reported readable.
    func readable(_ token: Int) async
}

extension ReadinessReactor {
    /// One byte from the non-blocking `fd` registered under `token` (the corresponding C
    /// function is `recv`): on EAGAIN parks until readable and tries again. -1 on EOF or error.
    @inline(__always)
    public func receiveByte(_ fd: Int32, token: Int) async -> Int {
        var byte: UInt8 = 0
        while true {
            let n = retryingEINTR { recv(fd, &byte, 1, 0) }
            if n == 1 { return Int(byte) }
            guard n < 0 && errno == EAGAIN else { return -1 }
            await readable(token)
        }
    }

    @inline(__always)
    public func receive(_ fd: Int32, into bytes: UnsafeMutablePointer<UInt8>, capacity: Int, token: Int) async -> Int {
        while true {
            let n = retryingEINTR { recv(fd, bytes, capacity, 0) }
            if n > 0 { return n }
            guard n < 0 && errno == EAGAIN else { return -1 }
            await readable(token)
        }
    }
}
