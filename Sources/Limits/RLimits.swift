#if canImport(Glibc)
import Glibc
#endif

/// One resource limit: soft (enforced) and hard (ceiling for the soft value); nil = unlimited.
public struct RLimit: Sendable, Equatable {
    public var soft: UInt64?
    public var hard: UInt64?
    public init(soft: UInt64?, hard: UInt64?) { self.soft = soft; self.hard = hard }
    /// No limit at all (`RLIM_INFINITY` for both).
    public static let unlimited = RLimit(soft: nil, hard: nil)
}

/// The getrlimit(2) values `LimitsProbe` reads, gathered so tests can pass fake ones.
///
/// - `nofile`: `RLIMIT_NOFILE`, the highest file descriptor number + 1 a process may open.
/// - `nproc`: `RLIMIT_NPROC`, counted against every thread of the real user id (not just this
///   process); the kernel exempts the initial root user and holders of `CAP_SYS_RESOURCE` or
///   `CAP_SYS_ADMIN` (copy_process in kernel/fork.c).
/// - `stack`: `RLIMIT_STACK`; glibc uses its soft value as the default pthread stack size
///   (2 MiB on x86_64 when it is unlimited).
/// - `addressSpace`: `RLIMIT_AS`, the cap on virtual memory, which every thread stack counts against.
public struct RLimits: Sendable, Equatable {
    public var nofile: RLimit
    public var nproc: RLimit
    public var stack: RLimit
    public var addressSpace: RLimit

    public init(nofile: RLimit, nproc: RLimit = .unlimited, stack: RLimit = RLimit(soft: 8 << 20, hard: nil),
                addressSpace: RLimit = .unlimited) {
        self.nofile = nofile; self.nproc = nproc; self.stack = stack; self.addressSpace = addressSpace
    }

    /// This process's limits, read with getrlimit(2).
    public static func current() -> RLimits {
        RLimits(nofile: read(RLIMIT_NOFILE), nproc: read(__RLIMIT_NPROC),
                stack: read(RLIMIT_STACK), addressSpace: read(RLIMIT_AS))
    }

    /// getrlimit(2) for one resource; `RLIM_INFINITY` (all bits set) becomes nil.
    private static func read(_ resource: __rlimit_resource) -> RLimit {
        var rl = rlimit()
        guard getrlimit(__rlimit_resource_t(resource.rawValue), &rl) == 0 else { return .unlimited }
        let infinity = rlim_t.max
        return RLimit(soft: rl.rlim_cur == infinity ? nil : UInt64(rl.rlim_cur),
                      hard: rl.rlim_max == infinity ? nil : UInt64(rl.rlim_max))
    }
}
