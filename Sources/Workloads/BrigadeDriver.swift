#if canImport(Glibc)
import Glibc
#endif
import Results

/// What every brigade shares, written once: the warm-up and timed rounds of the driver, the
/// fault injection and forwarding count of each member, and the self-check. A variant keeps
/// only its hop: how a member receives and sends, and how the driver's round trip is made.
///
/// The value passed along the chain is masked with `mask` (0xFF for the one-byte socket
/// brigades, all ones for the in-memory one): the driver sends `round`, member i forwards
/// value + 1, and the driver must get back `round + N`.
///
/// `@unchecked Sendable`: the driver's fields are written by the driver alone; member i writes
/// only `forwarded[i]` and `failure[i]`; `finish` reads them after every member ended (threads
/// joined, tasks awaited, or the one executor thread returned), which orders the accesses.
public final class BrigadeDriver: @unchecked Sendable {
    public let parameters: WorkloadParameters
    public let members: Int
    public let rounds: Int
    /// Bytes in flight per round (1 unless `--in-flight`).
    public let inFlight: Int
    let mask: Int
    let samples: UnsafeMutablePointer<UInt64>
    let forwarded: UnsafeMutablePointer<Int>
    /// Per member: 0 ran to the end, 1 a receive failed, 2 a send failed.
    let failure: UnsafeMutablePointer<UInt8>
    let memory: MemoryProbe?
    var reading: MemoryReading?
    var before = ResourceUsage(userSeconds: 0, systemSeconds: 0, voluntarySwitches: 0,
                                                 involuntarySwitches: 0, maxRSSKiB: 0)
    var timed: ResourceUsage?
    var threads = 0
    /// The driver's first failure (a wrong value, a failed write); nil while all is well.
    public var error: String?
    /// Reactor variants: reads the reactor's (waits, events) counters; the driver takes their
    /// difference over the timed rounds.
    public var reactorCounters: (() -> (waits: Int, events: Int))?
    var countersAtStart = (waits: 0, events: 0)
    var countersTimed: (waits: Int, events: Int)?

    /// The driver's tokens of the round being driven, and the bytes that came back (K each).
    let outBytes: UnsafeMutablePointer<UInt8>
    let backBytes: UnsafeMutablePointer<UInt8>

    /// Starts the memory probe (when asked for) before any member exists.
    public init(_ p: WorkloadParameters, mask: Int = 0xFF) {
        parameters = p
        members = p.tasks
        rounds = p.warmups + p.iterations
        inFlight = max(1, p.inFlight)
        self.mask = mask
        samples = .allocate(capacity: max(p.iterations, 1))
        samples.initialize(repeating: 0, count: max(p.iterations, 1))
        forwarded = .allocate(capacity: max(p.tasks, 1))
        forwarded.initialize(repeating: 0, count: max(p.tasks, 1))
        failure = .allocate(capacity: max(p.tasks, 1))
        failure.initialize(repeating: 0, count: max(p.tasks, 1))
        outBytes = .allocate(capacity: inFlight)
        backBytes = .allocate(capacity: inFlight)
        memory = p.measureMemory ? MemoryProbe.begin() : nil
    }

    deinit {
        samples.deallocate(); forwarded.deallocate(); failure.deallocate()
        outBytes.deallocate(); backBytes.deallocate()
    }

    // MARK: members

    /// The round in which member `i` misbehaves under `--fault` (the middle member, first
    /// timed round), or Int.max.
    public func faultRound(member i: Int) -> Int {
        i == members / 2 && parameters.fault != nil ? parameters.warmups : Int.max
    }

    /// The byte, among all member `i` forwards, that it corrupts (or at which it hangs) under
    /// `--fault`: the first of its first timed round; Int.max for every other member.
    func faultByte(member i: Int) -> Int {
        faultRound(member: i) == Int.max ? Int.max
            : faultRound(member: i) * (inFlight == 1 ? 1 : InFlight.tokensThrough(member: i, members: members, inFlight: inFlight))
    }

    /// Member `i`'s loop for members that are tasks: per round one `receive` (a value, or < 0
    /// on failure) and one `send` of value + 1 (false on failure).
    @inline(__always)
    public func member(_ i: Int, receive: () async -> Int, send: (Int) async -> Bool) async {
        let faultAt = faultRound(member: i), hang = parameters.fault == .hang, mask = self.mask
        var count = 0
        defer { forwarded[i] = count }
        for round in 0..<rounds {
            let v = await receive()
            if v < 0 { failure[i] = 1; return }
            var out = (v &+ 1) & mask
            if round == faultAt {
                if hang { return }
                out = (out &+ 1) & mask
            }
            if !(await send(out)) { failure[i] = 2; return }
            count &+= 1
        }
    }

    /// Member `i`'s loop for the brigades that carry K bytes at once (`--in-flight`): per read,
    /// whatever bytes are there (`receive(buffer, capacity)`: a count >= 1, or < 0 on failure),
    /// each + 1, forwarded in one `send(buffer, count)`. Links are byte streams and every member
    /// keeps the order, so the driver's check stays exact. A read never spans two rounds: the
    /// driver sends the next round only when the last byte of this one came back.
    @inline(__always)
    public func memberBytes(_ i: Int, receive: (UnsafeMutablePointer<UInt8>, Int) -> Int,
                            send: (UnsafeMutablePointer<UInt8>, Int) -> Bool) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.readSize) { b in
            let buffer = b.baseAddress!
            let faultAt = faultByte(member: i), total = total(i)
            var count = 0
            defer { forwarded[i] = count }
            while count < total {
                let n = receive(buffer, Self.readSize)
                if n <= 0 { failure[i] = 1; return }
                if !increment(buffer, n, at: count, faultAt: faultAt) { return }
                if !send(buffer, n) { failure[i] = 2; return }
                count &+= n
            }
        }
    }

    /// The same for members that are tasks.
    @inline(__always)
    public func memberBytes(_ i: Int, receive: (UnsafeMutablePointer<UInt8>, Int) async -> Int,
                            send: (UnsafeMutablePointer<UInt8>, Int) async -> Bool) async {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.readSize)
        defer { buffer.deallocate() }
        let faultAt = faultByte(member: i), total = total(i)
        var count = 0
        defer { forwarded[i] = count }
        while count < total {
            let n = await receive(buffer, Self.readSize)
            if n <= 0 { failure[i] = 1; return }
            if !increment(buffer, n, at: count, faultAt: faultAt) { return }
            if !(await send(buffer, n)) { failure[i] = 2; return }
            count &+= n
        }
    }

    /// Adds 1 to each of the `n` bytes a member received, its `count`th to `count + n - 1`th;
    /// at the fault's byte (`faultAt`) adds 1 more, or returns false when the fault is a hang.
    @inline(__always)
    func increment(_ buffer: UnsafeMutablePointer<UInt8>, _ n: Int, at count: Int, faultAt: Int) -> Bool {
        for k in 0..<n { buffer[k] &+= 1 }
        guard count == faultAt else { return true }
        if parameters.fault == .hang { return false }
        buffer[0] &+= 1
        return true
    }

    /// Bytes member i forwards over the whole run.
    func total(_ i: Int) -> Int {
        rounds * (inFlight == 1 ? 1 : InFlight.tokensThrough(member: i, members: members, inFlight: inFlight))
    }

    /// Bytes a member reads at most at once (the most in flight `--in-flight` allows).
    public static let readSize = 64

    // MARK: the driver's rounds

    /// The value the driver sends in `round`, and the value it must get back.
    @inline(__always)
    public func sent(_ round: Int) -> Int { round & mask }

    /// Call at the start of every round: at the warm-up boundary every member has run and is
    /// blocked, so count threads, read memory, and start the timed rusage.
    @inline(__always)
    public func beginRound(_ round: Int) {
        if round == parameters.warmups { enterTimedRounds() }
    }

    func enterTimedRounds() {
        threads = ProcessProbe.threadCount()
        reading = memory?.finish()
        if let reactorCounters { countersAtStart = reactorCounters() }
        before = ProcessProbe.rusage()
    }

    /// Checks the value that came back and records the round's time; false (with `error` set)
    /// when the value is wrong, which ends the run.
    @inline(__always)
    public func endRound(_ round: Int, got: Int, start: UInt64, end: UInt64) -> Bool {
        let expected = (round &+ members) & mask
        guard got == expected else {
            error = "round \(round): read \(got) from link \(members), expected \(expected)"
            return false
        }
        if round >= parameters.warmups { samples[round - parameters.warmups] = end &- start }
        if round == rounds - 1 { finishTimedRounds() }
        return true
    }

    func finishTimedRounds() {
        timed = ProcessProbe.rusage().minus(before)
        if let c = reactorCounters?() {
            countersTimed = (c.waits - countersAtStart.waits, c.events - countersAtStart.events)
        }
    }

    /// The driver's loop for a blocking driver: `roundTrip(value)` sends the value into the
    /// first link and returns what came out of the last (< 0 on failure).
    @inline(__always)
    public func drive(_ roundTrip: (Int) -> Int) {
        for round in 0..<rounds {
            beginRound(round)
            let start = monotonicNanos()
            let got = roundTrip(sent(round))
            let end = monotonicNanos()
            if !endRound(round, got: got, start: start, end: end) { return }
        }
    }

    /// The driver's loop for a driver task.
    @inline(__always)
    public func drive(_ roundTrip: (Int) async -> Int) async {
        for round in 0..<rounds {
            beginRound(round)
            let start = monotonicNanos()
            let got = await roundTrip(sent(round))
            let end = monotonicNanos()
            if !endRound(round, got: got, start: start, end: end) { return }
        }
    }

    /// The driver's loop for the byte brigades (`InFlight`): `roundTrip(out, back, K)` writes
    /// token j, `out[j]`, into link `starts[j]` (one write each) and reads K bytes from link N
    /// into `back` (false on failure); the driver checks every byte.
    @inline(__always)
    public func driveBytes(_ roundTrip: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>, Int) -> Bool) {
        for round in 0..<rounds {
            let start = startBytesRound(round)
            let ok = roundTrip(outBytes, backBytes, inFlight)
            if !endBytesRound(round, ok: ok, start: start, end: monotonicNanos()) { return }
        }
    }

    /// The same for a driver task.
    @inline(__always)
    public func driveBytes(_ roundTrip: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>, Int) async -> Bool) async {
        for round in 0..<rounds {
            let start = startBytesRound(round)
            let ok = await roundTrip(outBytes, backBytes, inFlight)
            if !endBytesRound(round, ok: ok, start: start, end: monotonicNanos()) { return }
        }
    }

    /// Begins `round`: its K tokens into `outBytes`; returns the clock, the round's start.
    @inline(__always)
    func startBytesRound(_ round: Int) -> UInt64 {
        beginRound(round)
        for j in 0..<inFlight { outBytes[j] = UInt8(truncatingIfNeeded: round &+ j) }
        return monotonicNanos()
    }

    @inline(__always)
    func endBytesRound(_ round: Int, ok: Bool, start: UInt64, end: UInt64) -> Bool {
        let back = backBytes
        guard ok else { error = "round \(round): the round trip through the links failed"; return false }
        for m in 0..<inFlight {
            let expected = inFlight == 1 ? UInt8(truncatingIfNeeded: round &+ members)
                : InFlight.expected(m, round: round, members: members, inFlight: inFlight)
            if back[m] != expected {
                error = "round \(round): byte \(m) read \(back[m]) from link \(members), expected \(expected)"
                return false
            }
        }
        if round >= parameters.warmups { samples[round - parameters.warmups] = end &- start }
        if round == rounds - 1 { finishTimedRounds() }
        return true
    }

    // MARK: the self-check

    /// After every member ended: throws when the driver saw a wrong value or a member did not
    /// forward every round; else the measurement. `what` names the members ("threads", "tasks").
    public func finish(_ what: String) throws -> Measured {
        if let error { throw WorkloadError.selfCheck(error) }
        for i in 0..<members {
            let expected = total(i)
            guard forwarded[i] == expected else {
                let why = failure[i] == 1 ? " (receive failed)" : failure[i] == 2 ? " (send failed)" : ""
                let unit = inFlight > 1 ? "bytes" : "rounds"
                throw WorkloadError.selfCheck("member \(i) forwarded \(forwarded[i]) of \(expected) \(unit)\(why)")
            }
        }
        var m = Measured(samplesNs: Array(UnsafeBufferPointer(start: samples, count: parameters.iterations)),
                         check: inFlight > 1
                            ? "all \(inFlight) tokens arrived in order with the right values in all \(rounds) rounds (\(InFlight.hopsPerRound(members: members, inFlight: inFlight)) hops each); every one of \(members) \(what) forwarded every token that passed it"
                            : "value + \(members) arrived in all \(rounds) rounds; each of \(members) \(what) forwarded \(rounds)",
                         timedRusage: timed, threads: threads, memory: reading)
        if let c = countersTimed {
            m.reactorWaits = c.waits
            m.reactorEvents = c.events
            m.check += "; \(c.events) events in \(c.waits) waits"
        }
        return m
    }
}
