#if canImport(Glibc)
import Glibc
#endif
import CShims
import Results

/// thread-brigade: N OS threads (1 MiB stacks) in a chain of socketpair links. Main writes
/// a byte into link 0 and reads it back from link N; thread i does one blocking recv on link
/// i and one write of the value + 1 on link i+1 per round. Self-check: the value main reads
/// is the value it sent plus N (mod 256), and every thread forwarded every round.
public enum ThreadBrigade: Workload {
    public static let name = "thread-brigade"
    static let stackBytes = 1 << 20

    /// State one member thread owns; handed to it through an Unmanaged pointer.
    final class Member {
        let readFD: Int32
        let writeFD: Int32
        let rounds: Int
        /// Round at which the fault fires (Int.max = never).
        let faultRound: Int
        let fault: Fault?
        var forwarded = 0
        var error: String?

        init(readFD: Int32, writeFD: Int32, rounds: Int, faultRound: Int, fault: Fault?) {
            self.readFD = readFD; self.writeFD = writeFD; self.rounds = rounds
            self.faultRound = faultRound; self.fault = fault
        }
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let memory = p.measureMemory ? MemoryProbe.begin() : nil
        let links = try Links(count: p.tasks + 1)
        let rounds = p.warmups + p.iterations
        var members = [Member]()
        var threads = [UInt]()
        members.reserveCapacity(p.tasks)
        for i in 0..<p.tasks {
            let m = Member(readFD: links.readFDs[i], writeFD: links.writeFDs[i + 1], rounds: rounds,
                           faultRound: i == p.tasks / 2 && p.fault != nil ? p.warmups : Int.max, fault: p.fault)
            members.append(m)
            var tid: UInt = 0
            let rc = ctx_thread_create(&tid, stackBytes, memberBody, Unmanaged.passRetained(m).toOpaque())
            if rc != 0 {
                // Unblock the threads already running so the process can exit cleanly.
                throw WorkloadError.setup("pthread_create for member \(i) of \(p.tasks): \(String(cString: strerror(rc)))"
                    + (rc == EAGAIN ? " (a limit on threads or pids binds; see `ctxbench limits`)" : ""))
            }
            threads.append(tid)
        }

        var samples = [UInt64](repeating: 0, count: p.iterations)
        var reading: MemoryReading?
        var before = ProcessProbe.rusage()
        var threadCount = 0
        let first = links.writeFDs[0], last = links.readFDs[p.tasks]
        for round in 0..<rounds {
            if round == p.warmups {
                // Every member has run and is blocked in recv: read memory, then start timing.
                threadCount = ProcessProbe.threadCount()
                reading = memory?.finish()
                before = ProcessProbe.rusage()
            }
            let sent = UInt8(truncatingIfNeeded: round)
            let start = monotonicNanos()
            guard writeByte(first, sent) else { throw WorkloadError.selfCheck("write into link 0 failed") }
            let got = readByte(last)
            let end = monotonicNanos()
            let expected = sent &+ UInt8(truncatingIfNeeded: p.tasks)
            guard got == Int(expected) else {
                throw WorkloadError.selfCheck("round \(round): read \(got) from link \(p.tasks), expected \(expected)")
            }
            if round >= p.warmups { samples[round - p.warmups] = end &- start }
        }
        let timed = ProcessProbe.rusage().minus(before)
        for t in threads { _ = ctx_thread_join(t) }
        for (i, m) in members.enumerated() where m.forwarded != rounds || m.error != nil {
            throw WorkloadError.selfCheck("member \(i) forwarded \(m.forwarded) of \(rounds) rounds \(m.error ?? "")")
        }
        return Measured(samplesNs: samples,
                           check: "value + \(p.tasks) arrived in all \(rounds) rounds; each of \(p.tasks) threads forwarded \(rounds)",
                           timedRusage: timed, threads: threadCount, memory: reading)
    }
}

/// Thread body of a thread-brigade member (non-capturing, as pthread_create needs).
private func memberBody(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let m = Unmanaged<ThreadBrigade.Member>.fromOpaque(raw!).takeRetainedValue()
    // Locals in the loop: a class property written per hop would cost a dynamic exclusivity check.
    let readFD = m.readFD, writeFD = m.writeFD, faultRound = m.faultRound
    var forwarded = 0
    defer { m.forwarded = forwarded }
    for round in 0..<m.rounds {
        let v = readByte(readFD)
        if v < 0 { m.error = "recv failed in round \(round)"; break }
        var out = UInt8(truncatingIfNeeded: v) &+ 1
        if round == faultRound {
            if m.fault == .hang { break }
            out &+= 1
        }
        if !writeByte(writeFD, out) { m.error = "write failed in round \(round)"; break }
        forwarded += 1
    }
    return nil
}
