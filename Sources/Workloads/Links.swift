#if canImport(Glibc)
import Glibc
#endif
import Results
import SystemCall

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
            do {
                try systemCall("socketpair for link \(i) of \(count)") { socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) }
            } catch {
                for fd in w + r { close(fd) }
                throw WorkloadError.system(error)
            }
            w.append(fds[0])
            r.append(fds[1])
        }
        writeFDs = w
        readFDs = r
    }

    public var count: Int { writeFDs.count }

    /// The write ends the driver injects the K tokens of `--in-flight` into (`InFlight.start`);
    /// link 0 alone for one token.
    public func injection(inFlight k: Int) -> Injection {
        Injection((0..<k).map { writeFDs[InFlight.start($0, members: count - 1, inFlight: k)] })
    }

    /// Makes every read end non-blocking (for readiness-driven variants).
    public func setReadEndsNonBlocking() throws {
        for fd in readFDs {
            let flags = try systemCall("fcntl(F_GETFL)") { fcntl(fd, F_GETFL) }
            try systemCall("fcntl(O_NONBLOCK)") { fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
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
    return retryingEINTR { write(fd, &b, 1) } == 1
}

/// One write of `count` bytes (the corresponding C function is `write`); false unless all went.
@inline(__always)
public func writeBytes(_ fd: Int32, _ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
    retryingEINTR { write(fd, bytes, count) } == count
}

/// Where the driver writes the K tokens of a round (`Links.injection`), held for the run so
/// the timed loop allocates nothing. `@unchecked Sendable`: immutable after init.
public final class Injection: @unchecked Sendable {
    let fds: UnsafeMutableBufferPointer<Int32>

    init(_ list: [Int32]) {
        fds = .allocate(capacity: list.count)
        _ = fds.initialize(from: list)
    }

    deinit { fds.deallocate() }

    /// Token j of `tokens` written alone into its link (one `write` each), the token nearest
    /// the end first: a token written later starts behind every earlier one, so none can
    /// overtake another even while members already forward (`InFlight`'s order).
    @inline(__always)
    public func write(_ tokens: UnsafeMutablePointer<UInt8>) -> Bool {
        var j = fds.count - 1
        while j >= 0 {
            if retryingEINTR({ Glibc.write(fds[j], tokens + j, 1) }) != 1 { return false }
            j -= 1
        }
        return true
    }
}

/// Blocking read of exactly `count` bytes with `recv` (several calls if needed); false on EOF
/// or error.
@inline(__always)
public func readExactly(_ fd: Int32, _ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
    var got = 0
    while got < count {
        let n = retryingEINTR { recv(fd, bytes + got, count - got, 0) }
        if n <= 0 { return false }
        got += n
    }
    return true
}

/// Blocking read of whatever is there, up to `capacity` bytes, with `recv`; -1 on EOF or error.
@inline(__always)
public func readSome(_ fd: Int32, _ bytes: UnsafeMutablePointer<UInt8>, _ capacity: Int) -> Int {
    let n = retryingEINTR { recv(fd, bytes, capacity, 0) }
    return n > 0 ? n : -1
}

/// Blocking one-byte read with `recv`, as the study; returns -1 on EOF or error.
@inline(__always)
public func readByte(_ fd: Int32) -> Int {
    var b: UInt8 = 0
    let n = retryingEINTR { recv(fd, &b, 1, 0) }
    return n == 1 ? Int(b) : -1
}
