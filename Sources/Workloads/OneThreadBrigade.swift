#if canImport(Glibc)
import Glibc
#endif
import Results

/// one-thread-brigade: the same N+1 links as the brigades, but one thread does every write
/// and recv in order. Data is always ready, so nothing blocks: this is the cost of the I/O
/// alone, which the report subtracts from the brigades. Self-check: the value read from the
/// last link is the value sent plus N.
public enum OneThreadBrigade: Workload {
    public static let name = "one-thread-brigade"

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let memory = p.measureMemory ? MemoryProbe.begin() : nil
        let links = try Links(count: p.tasks + 1)
        let rounds = p.warmups + p.iterations
        let n = p.tasks
        let faultAt = p.fault != nil ? p.warmups : Int.max
        var samples = [UInt64](repeating: 0, count: p.iterations)
        var before = ProcessProbe.rusage()
        var reading: MemoryReading?
        try links.writeFDs.withUnsafeBufferPointer { w in
            try links.readFDs.withUnsafeBufferPointer { r in
                for round in 0..<rounds {
                    if round == p.warmups { reading = memory?.finish(); before = ProcessProbe.rusage() }
                    let sent = UInt8(truncatingIfNeeded: round)
                    let start = monotonicNanos()
                    guard writeByte(w[0], sent) else { throw WorkloadError.selfCheck("round \(round): write into link 0 failed") }
                    for i in 0..<n {
                        let v = readByte(r[i])
                        guard v >= 0 else { throw WorkloadError.selfCheck("round \(round): recv on link \(i) failed") }
                        var out = UInt8(truncatingIfNeeded: v) &+ 1
                        if round == faultAt && i == n / 2 {
                            if p.fault == .hang { pause() }
                            out &+= 1
                        }
                        guard writeByte(w[i + 1], out) else { throw WorkloadError.selfCheck("round \(round): write into link \(i + 1) failed") }
                    }
                    let got = readByte(r[n])
                    let end = monotonicNanos()
                    guard got == Int(sent &+ UInt8(truncatingIfNeeded: n)) else {
                        throw WorkloadError.selfCheck("round \(round): read \(got) from link \(n), expected \(sent &+ UInt8(truncatingIfNeeded: n))")
                    }
                    if round >= p.warmups { samples[round - p.warmups] = end &- start }
                }
            }
        }
        return Measured(samplesNs: samples, check: "value + \(n) arrived in all \(rounds) rounds",
                           timedRusage: ProcessProbe.rusage().minus(before), threads: ProcessProbe.threadCount(),
                           memory: reading)
    }
}
