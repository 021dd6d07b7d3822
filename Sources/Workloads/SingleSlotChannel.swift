/// A bounded channel of capacity 1 for tasks that all run on one thread (here the
/// `EpollReactor` executor): one optional value, at most one parked receiver and one parked
/// sender (one producer and one consumer task per channel).
///
/// `send` to a parked receiver hands the value straight into its continuation; to an empty
/// slot it stores it; to a full slot it parks the sender with its value until the receiver
/// takes the slot. `receive` takes the slot (moving a parked sender's value in and resuming
/// it) or parks. A hop of the mem brigade is one `receive` that parks, and one `send` that
/// resumes the next receiver: one continuation resume (an enqueue into the executor's local
/// ring) and one job run; no lock, no allocation.
///
/// `@unchecked Sendable`: no locks, because every task using a channel prefers the same
/// single-thread executor, so its methods never run concurrently; a continuation is resumed
/// on that thread too. Using one from tasks on different threads would be a data race.
final class SingleSlotChannel<Value: Sendable>: @unchecked Sendable {
    private var slot: Value?
    private var parkedValue: Value?
    private var receiver: UnsafeContinuation<Value, Never>?
    private var sender: UnsafeContinuation<Void, Never>?

    init() {}

    @inline(__always)
    func send(_ value: Value) async {
        if let r = receiver {
            receiver = nil
            r.resume(returning: value)
        } else if slot == nil {
            slot = value
        } else {
            await withUnsafeContinuation { (c: UnsafeContinuation<Void, Never>) in
                parkedValue = value
                sender = c
            }
        }
    }

    @inline(__always)
    func receive() async -> Value {
        if let value = slot {
            slot = parkedValue
            parkedValue = nil
            if let s = sender {
                sender = nil
                s.resume()
            }
            return value
        }
        return await withUnsafeContinuation { (c: UnsafeContinuation<Value, Never>) in receiver = c }
    }
}
