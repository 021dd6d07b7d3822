#if canImport(Glibc)
import Glibc
#endif
import Results

/// What every creation variant shares, written once: the items' clock slots (each body's clock:
/// written by the body itself, or from the task's value after the wait), the rounds (warm-ups
/// untimed; the spawn loop timed by the variant, the wait untimed), the fault (one spawn
/// skipped in the first timed round), the self-check that every body ran after its spawn
/// began, the spawn-to-body latency, and the measurement. A variant keeps only how it spawns K
/// items and waits for them.
///
/// `@unchecked Sendable`: the slots are written by the bodies (each its own) or by the spawner
/// after the round's wait, and read by the spawner after it; the rest only by the spawner.
final class CreationDriver: @unchecked Sendable {
    let parameters: WorkloadParameters
    let k: Int
    /// Each body's clock reading, and the clock just before every 16th spawn.
    let bodyClock: UnsafeMutablePointer<UInt64>
    let spawnClock: UnsafeMutablePointer<UInt64>
    var samples: [UInt64]
    var latencies: [UInt64]
    /// rusage at the first timed round's start, and over the timed rounds (set after the last).
    var timedStart: ResourceUsage?
    var timed: ResourceUsage?
    var threads = 0
    var error: String?

    init(_ p: WorkloadParameters) {
        parameters = p
        k = p.tasks
        bodyClock = .allocate(capacity: k)
        spawnClock = .allocate(capacity: k)
        samples = [UInt64](repeating: 0, count: p.iterations)
        latencies = [UInt64](repeating: 0, count: p.iterations)
    }

    deinit { bodyClock.deallocate(); spawnClock.deallocate() }

    /// Reads the clock before every 16th spawn (the latency sample); one read per 16 items.
    @inline(__always)
    func stamp(_ i: Int) { if i & 15 == 0 { spawnClock[i] = monotonicNanos() } }

    /// The index the fault skips in `round` (-1: none).
    func skipped(in round: Int) -> Int {
        parameters.fault != nil && round == parameters.warmups ? k / 2 : -1
    }

    /// Puts the slots filled in arrival order (values collected from children that finished on
    /// several workers) in clock order. The i-th smallest clock was read by the last of i + 1
    /// bodies, all spawned before they read it, so after spawn i began: the check and latency
    /// then compare order statistics, exact under first-in first-out. A missing value (0) sorts
    /// first, where the check finds it.
    func sortArrivals() {
        var slots = UnsafeMutableBufferPointer(start: bodyClock, count: k)
        slots.sort()
    }

    /// Rounds in all: the warm-ups, then the timed ones.
    var roundCount: Int { parameters.warmups + parameters.iterations }

    func beginRound(_ round: Int) {
        bodyClock.update(repeating: 0, count: k)
        guard round == parameters.warmups else { return }
        threads = ProcessProbe.threadCount()
        timedStart = ProcessProbe.rusage()
    }

    /// After the round's wait: checks every slot, records the spawn loop's time and the latency;
    /// false (with `error` set) when a body did not run.
    func endRound(_ round: Int, start: UInt64, end: UInt64, what: String) -> Bool {
        guard let latency = CreationCheck.latency(body: bodyClock, spawn: spawnClock, count: k, start: start) else {
            error = "round \(round): \(what) \(CreationCheck.firstMissing(body: bodyClock, count: k, start: start)) did not run after its spawn"
            return false
        }
        if round >= parameters.warmups {
            samples[round - parameters.warmups] = end &- start
            latencies[round - parameters.warmups] = latency
        }
        if round == roundCount - 1, let timedStart { timed = ProcessProbe.rusage().minus(timedStart) }
        return true
    }

    /// Every round: `spawnAndWait(round, skipped)` spawns K items (skipping one index when told),
    /// returns the spawn loop's start and end clock and waits for all of them.
    func rounds(what: String, _ spawnAndWait: (Int, Int) throws -> (UInt64, UInt64)) rethrows {
        for round in 0..<roundCount {
            beginRound(round)
            let (start, end) = try spawnAndWait(round, skipped(in: round))
            if !endRound(round, start: start, end: end, what: what) { return }
        }
    }

    /// The same for a spawner task.
    func rounds(what: String, _ spawnAndWait: (Int, Int) async -> (UInt64, UInt64)) async {
        for round in 0..<roundCount {
            beginRound(round)
            let (start, end) = await spawnAndWait(round, skipped(in: round))
            if !endRound(round, start: start, end: end, what: what) { return }
        }
    }

    /// The measurement, or the self-check's failure.
    func finish(check: String) throws -> Measured {
        if let error { throw WorkloadError.selfCheck(error) }
        return Measured(samplesNs: samples, latencySamplesNs: latencies, check: check, timedRusage: timed,
                        threads: threads > 0 ? threads : ProcessProbe.threadCount())
    }
}

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
