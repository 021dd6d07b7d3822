/// The self-check and latency of the creation variants, shared by threads and tasks.
enum CreationCheck {
    /// Mean spawn-to-body latency over every 16th item, or nil when some body did not run
    /// (its slot is still 0) or ran before the round started.
    static func latency(body: UnsafeMutablePointer<UInt64>, spawn: UnsafeMutablePointer<UInt64>, count k: Int,
                        start: UInt64) -> UInt64? {
        var sum: UInt64 = 0, n: UInt64 = 0
        for i in 0..<k {
            guard body[i] >= start else { return nil }
            if i & 15 == 0 {
                guard body[i] >= spawn[i] else { return nil }
                sum &+= body[i] - spawn[i]
                n += 1
            }
        }
        return n > 0 ? sum / n : 0
    }

    /// Index of the first item whose body did not run after `start`.
    static func firstMissing(body: UnsafeMutablePointer<UInt64>, count k: Int, start: UInt64) -> Int {
        (0..<k).first { body[$0] < start } ?? -1
    }
}
