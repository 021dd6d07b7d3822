#if canImport(Glibc)
import Glibc
#endif
import SystemCall
import CShims
import Results

/// thread-brigade: N OS threads (1 MiB stacks) in a chain of socketpair links. Main writes
/// a byte into link 0 and reads it back from link N; thread i does one blocking recv on link
/// i and one write of the value + 1 on link i+1 per round (with `--in-flight K`: K bytes per
/// round, each member forwarding whatever one recv returned in one write). Self-check (`BrigadeDriver`): the
/// value main reads is the value it sent plus N (mod 256), and every thread forwarded every round.
public enum ThreadBrigade: Workload {
    static let stackBytes = 1 << 20

    /// What one member thread needs; handed to it through an Unmanaged pointer.
    final class Member {
        let index: Int
        let readFD: Int32
        let writeFD: Int32
        let driver: BrigadeDriver

        init(index: Int, readFD: Int32, writeFD: Int32, driver: BrigadeDriver) {
            self.index = index; self.readFD = readFD; self.writeFD = writeFD; self.driver = driver
        }
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = BrigadeDriver(p)
        let links = try Links(count: p.tasks + 1)
        var threads = [UInt]()
        threads.reserveCapacity(p.tasks)
        for i in 0..<p.tasks {
            let m = Member(index: i, readFD: links.readFDs[i], writeFD: links.writeFDs[i + 1], driver: driver)
            var tid: UInt = 0
            do {
                try errorCodeCall("pthread_create for member \(i) of \(p.tasks)") {
                    ctx_thread_create(&tid, stackBytes, memberBody, Unmanaged.passRetained(m).toOpaque())
                }
            } catch { throw WorkloadError.system(error) }
            threads.append(tid)
        }
        let inject = links.injection(inFlight: driver.inFlight), last = links.readFDs[p.tasks]
        driver.driveBytes { out, back, k in inject.write(out) && readExactly(last, back, k) }
        if driver.error != nil { return try driver.finish("threads") }  // members may be blocked: do not join
        for t in threads { _ = ctx_thread_join(t) }
        return try driver.finish("threads")
    }
}

/// Thread body of a thread-brigade member (non-capturing, as pthread_create needs).
private func memberBody(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let m = Unmanaged<ThreadBrigade.Member>.fromOpaque(raw!).takeRetainedValue()
    let readFD = m.readFD, writeFD = m.writeFD
    m.driver.memberBytes(m.index, receive: { readSome(readFD, $0, $1) }, send: { writeBytes(writeFD, $0, $1) })
    return nil
}
