#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Results
import Synchronization

/// async-creation: per iteration, spawn K unstructured Swift tasks (`Task {}`) on the default
/// global (multi-threaded) executor, each body only reading the clock into its own slot of a
/// preallocated buffer (the slot's address is captured as an integer); the sample is the
/// time of the spawn loop. Waiting for the tasks is untimed: each body decrements a shared
/// countdown and the last one signals a semaphore the spawner waits on.
///
/// Per task: one task allocation (with its closure context), one enqueue on the global
/// executor (which may wake a worker thread), and in the body one atomic decrement.
/// Latency: mean over the K tasks of (body's clock - clock just before its spawn).
/// Self-check: every body ran, after its spawn began.
public enum AsyncCreation: Workload {
    public static let name = "async-creation"

    /// Counts the bodies still to run; the last one signals `done`.
    final class Countdown: Sendable {
        let remaining = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)

        @inline(__always)
        func arrive() {
            if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { done.signal() }
        }
    }

    public static func run(_ p: WorkloadParameters) throws -> Measured {
        let k = p.tasks
        let bodyClock = UnsafeMutablePointer<UInt64>.allocate(capacity: k)
        let spawnClock = UnsafeMutablePointer<UInt64>.allocate(capacity: k)
        defer { bodyClock.deallocate(); spawnClock.deallocate() }
        let countdown = Countdown()
        var samples = [UInt64](repeating: 0, count: p.iterations)
        var latencies = [UInt64](repeating: 0, count: p.iterations)
        var before = ProcessProbe.rusage()
        for round in 0..<(p.warmups + p.iterations) {
            if round == p.warmups { before = ProcessProbe.rusage() }
            bodyClock.update(repeating: 0, count: k)
            countdown.remaining.store(k, ordering: .releasing)
            let start = monotonicNanos()
            for i in 0..<k {
                let slot = UInt(bitPattern: bodyClock + i)
                spawnClock[i] = monotonicNanos()
                Task {
                    UnsafeMutablePointer<UInt64>(bitPattern: slot).unsafelyUnwrapped.pointee = monotonicNanos()
                    countdown.arrive()
                }
            }
            let end = monotonicNanos()
            countdown.done.wait()
            var latencySum: UInt64 = 0
            for i in 0..<k {
                guard bodyClock[i] >= spawnClock[i], bodyClock[i] != 0 else {
                    throw WorkloadError.selfCheck("round \(round): task \(i) did not run after its spawn")
                }
                latencySum &+= bodyClock[i] - spawnClock[i]
            }
            if round == p.warmups, p.fault != nil { throw WorkloadError.selfCheck("fault injected") }
            if round >= p.warmups {
                samples[round - p.warmups] = end &- start
                latencies[round - p.warmups] = latencySum / UInt64(k)
            }
        }
        return Measured(samplesNs: samples, latencySamplesNs: latencies,
                        check: "all \(k) tasks ran in each of \(p.warmups + p.iterations) rounds",
                        timedRusage: ProcessProbe.rusage().minus(before), threads: ProcessProbe.threadCount())
    }
}
