#if canImport(Glibc)
import Glibc
#endif
import Results

/// one-thread-brigade: the same N+1 links as the brigades, but one thread does every write
/// and recv in order. Data is always ready, so nothing blocks: this is the cost of the I/O
/// alone, which the report subtracts from the brigades. Self-check (`BrigadeDriver`): the value
/// read from the last link is the value sent plus N, and every link forwarded every round.
public enum OneThreadBrigade: Workload {
    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let driver = BrigadeDriver(p)
        let links = try Links(count: p.tasks + 1)
        let n = p.tasks
        let faultAt = driver.faultRound(member: n / 2), hang = p.fault == .hang
        links.writeFDs.withUnsafeBufferPointer { w in
            links.readFDs.withUnsafeBufferPointer { r in
                var round = 0
                driver.drive { value in
                    defer { round &+= 1 }
                    guard writeByte(w[0], UInt8(truncatingIfNeeded: value)) else { return -1 }
                    for i in 0..<n {
                        let v = readByte(r[i])
                        guard v >= 0 else { driver.failure[i] = 1; return -1 }
                        var out = UInt8(truncatingIfNeeded: v) &+ 1
                        if round == faultAt && i == n / 2 {
                            if hang { pause() }
                            out &+= 1
                        }
                        guard writeByte(w[i + 1], out) else { driver.failure[i] = 2; return -1 }
                        driver.forwarded[i] &+= 1
                    }
                    return readByte(r[n])
                }
            }
        }
        return try driver.finish("links")
    }
}
