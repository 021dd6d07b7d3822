#if canImport(Glibc)
import Glibc
#endif

/// N+1 socketpair links of a brigade, as the study makes them (socketpair(AF_UNIX,
/// SOCK_STREAM)). Link i is written at `writeFD(i)` and read at `readFD(i)`. Closes every fd
/// on deinit.
public final class Links {
    /// Write end, read end of each link.
    public let writeFDs: [Int32]
    public let readFDs: [Int32]

    /// Creates `count` links; throws `WorkloadError.setup` naming errno (EMFILE means
    /// RLIMIT_NOFILE is too low for this many members).
    public init(count: Int) throws {
        var w = [Int32]()
        var r = [Int32]()
        w.reserveCapacity(count)
        r.reserveCapacity(count)
        for i in 0..<count {
            var fds: [Int32] = [0, 0]
            if socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) != 0 {
                let e = errno
                for fd in w + r { close(fd) }
                throw WorkloadError.setup("socketpair for link \(i) of \(count): \(String(cString: strerror(e)))"
                    + (e == EMFILE ? " (RLIMIT_NOFILE too low for this many members; see `ctxbench limits`)" : ""))
            }
            w.append(fds[0])
            r.append(fds[1])
        }
        writeFDs = w
        readFDs = r
    }

    public var count: Int { writeFDs.count }

    /// Makes every read end non-blocking (for readiness-driven variants).
    public func setReadEndsNonBlocking() throws {
        for fd in readFDs {
            let flags = fcntl(fd, F_GETFL)
            if flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 {
                throw WorkloadError.setup("fcntl(O_NONBLOCK): \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit {
        for fd in writeFDs { close(fd) }
        for fd in readFDs { close(fd) }
    }
}

/// Blocking one-byte write (the corresponding C function is `write`); traps on failure,
/// which in a brigade means a broken chain, not a slow one.
@inline(__always)
public func writeByte(_ fd: Int32, _ value: UInt8) -> Bool {
    var b = value
    return write(fd, &b, 1) == 1
}

/// Blocking one-byte read with `recv`, as the study; returns -1 on EOF or error.
@inline(__always)
public func readByte(_ fd: Int32) -> Int {
    var b: UInt8 = 0
    let n = recv(fd, &b, 1, 0)
    return n == 1 ? Int(b) : -1
}
