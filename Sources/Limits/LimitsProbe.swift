import Results

/// Reads every limit that caps how many threads this process can create and how many members a
/// socketpair brigade can have, and says which binds first.
///
/// Sources: getrlimit(2) for `RLIMIT_NOFILE`, `RLIMIT_NPROC`, `RLIMIT_STACK`, `RLIMIT_AS` (passed
/// in as `RLimits` so tests can fake them); /proc/sys/kernel/pid_max, /proc/sys/kernel/threads-max,
/// /proc/sys/vm/max_map_count, /proc/sys/fs/nr_open, /proc/sys/fs/file-max, /proc/meminfo,
/// /proc/loadavg, /proc/self/{status,maps,fd,cgroup} and the cgroup files (see `Cgroups`), all
/// relative to `root`.
///
/// Thread capacity ("threads this process can still create"), one per limit:
/// - kernel.pid_max: pid_max - pids in use (total of /proc/loadavg's "running/total")
/// - kernel.threads-max: threads-max - threads in use (same total)
/// - cgroup pids.max: pids.max - pids.current at the tightest level up to the root
/// - RLIMIT_NPROC: soft - threads of the real uid (all processes), unless unlimited or the
///   process is exempt (real uid 0, `CAP_SYS_RESOURCE` or `CAP_SYS_ADMIN` in CapEff)
/// - vm.max_map_count: (max_map_count - this process's mappings) / 2, since every thread
///   stack is one mapping plus one guard-page mapping (glibc's mprotect'ed guard)
/// - MemAvailable and cgroup memory.max - memory.current: bytes / `residentBytesPerThread`,
///   an *estimate* (16 KiB kernel stack + touched user stack pages + task_struct and TLS)
/// - RLIMIT_AS: (soft - VmSize) / (default stack size + 4 KiB guard), when not unlimited;
///   the default stack size is RLIMIT_STACK's soft value, or 2 MiB (glibc, x86_64) when unlimited
///
/// Brigade links: each member holds a socketpair (2 fds) and the driver one more pair, on top
/// of the fds already open and `fileDescriptorReserve` kept free for the workload itself:
/// members = (limit - open fds - reserve) / 2 - 1, for RLIMIT_NOFILE's soft value, fs.nr_open
/// (the ceiling of the hard limit) and fs.file-max (system-wide, minus handles allocated).
///
/// The binding limit is the entry with the smallest capacity (the first one on ties). Each
/// entry carries the command that raises it (for the rlimits: to what `wantedMembers` need,
/// worded by `LimitsAdvice` for who runs it, or "- (... is enough)") and whether this
/// process could run it: soft <
/// hard for rlimits; effective uid 0 and access(2) `W_OK` on the /proc/sys file for sysctls
/// (in a container /proc/sys is often read-only even for root, which `W_OK` detects).
/// Unreadable files become entries with value "unreadable" and no capacity; nothing throws.
public struct LimitsProbe: Sendable {
    public let root: String
    public let rlimits: RLimits
    /// Brigade members (and threads) the advice is for: each "raise" names the value that fits
    /// them, and says a limit is enough when it already does.
    public let wantedMembers: Int

    /// File descriptors kept free for the workload's own epoll fd, pipes, stdio and /proc reads.
    public static let fileDescriptorReserve = 16
    /// Estimated resident memory of one idle thread (kernel stack, touched stack, task_struct).
    public static let residentBytesPerThread: UInt64 = 32 * 1024
    /// glibc's default pthread stack on x86_64 when RLIMIT_STACK is unlimited.
    public static let glibcDefaultStackBytes: UInt64 = 2 << 20
    /// Mappings each thread adds: its stack and its guard page.
    public static let mapsPerThread: UInt64 = 2
    /// The members advice is for unless told: the study's largest brigade (50,000, claim C8),
    /// which the full profile plans.
    public static let defaultWantedMembers = 50_000

    public init(root: String = "/", rlimits: RLimits = .current(), wantedMembers: Int = LimitsProbe.defaultWantedMembers) {
        self.root = root; self.rlimits = rlimits; self.wantedMembers = wantedMembers
    }

    /// Reads everything and names the binding limits.
    public func read() -> LimitsReport {
        let files = SystemFiles(root: root)
        let builder = EntryBuilder(files: files, facts: ProcFacts(files: files), rlimits: rlimits,
                                   cgroups: Cgroups(files: files), wantedMembers: wantedMembers)
        let entries = builder.linkEntries() + builder.threadEntries()
        let threads = Self.binding(entries, \.threadCapacity)
        let links = Self.binding(entries, \.linkCapacity)
        var report = LimitsReport(entries: entries, threadCapacity: threads?.capacity, threadBinding: threads?.name,
                                  linkCapacity: links?.capacity, linkBinding: links?.name,
                                  openFileDescriptors: builder.facts.selfOpenFds,
                                  fileDescriptorReserve: Self.fileDescriptorReserve,
                                  processThreads: builder.facts.selfThreads, processMaps: builder.facts.selfMaps)
        report.raiseRight = builder.right
        return report
    }

    /// The entry with the smallest capacity under `key` (first wins ties).
    static func binding(_ entries: [LimitEntry], _ key: KeyPath<LimitEntry, Int?>) -> (name: String, capacity: Int)? {
        var best: (name: String, capacity: Int)?
        for entry in entries {
            guard let capacity = entry[keyPath: key] else { continue }
            if best == nil || capacity < best!.capacity { best = (entry.name, capacity) }
        }
        return best
    }
}

/// Builds the entries from what was read; shared by the link and thread halves.
struct EntryBuilder: Sendable {
    let files: SystemFiles
    let facts: ProcFacts
    let rlimits: RLimits
    let cgroups: Cgroups
    let wantedMembers: Int

    /// Whether this process may raise hard limits: `CAP_SYS_RESOURCE`, or root without it, or neither.
    var right: RaiseRight {
        if facts.hasCapability(ProcFacts.capSysResource) { return .capable }
        return facts.effectiveUID == 0 ? .rootWithoutCapability : .user
    }

    /// An entry for a value that could not be read.
    func unreadable(_ name: String, source: String, raise: String) -> LimitEntry {
        LimitEntry(name: name, value: "unreadable", source: source, threadCapacity: nil, linkCapacity: nil,
                   raise: raise, canRaise: false)
    }

    /// Whether this process may write a sysctl: effective uid 0 and the file writable (access W_OK).
    func canWriteSysctl(_ file: String) -> Bool {
        facts.effectiveUID == 0 && files.isWritable(file)
    }

    /// "20000" or "unlimited".
    static func show(_ value: UInt64?) -> String { value.map(String.init) ?? "unlimited" }

    /// Clamps to 0 and to Int.
    static func count(_ value: Int64) -> Int { Int(max(0, value)) }

    /// 25446 MiB style sizes for memory values.
    static func bytes(_ value: UInt64) -> String {
        if value >= 10 << 30 { return "\(value >> 30) GiB" }
        if value >= 10 << 20 { return "\(value >> 20) MiB" }
        if value >= 10 << 10 { return "\(value >> 10) KiB" }
        return "\(value) B"
    }

    /// Default pthread stack size: RLIMIT_STACK soft, or glibc's 2 MiB when unlimited.
    var defaultStackBytes: UInt64 { rlimits.stack.soft ?? LimitsProbe.glibcDefaultStackBytes }
}
