/// Limits as results.json keeps them: every entry with its source and advice as the probe wrote them.
public typealias LimitsReport = MachineLimits<LimitEntry>

/// Limits that cap how many threads or brigade links this machine allows; `Entry` is one
/// limit as a file keeps it (results.json's `LimitEntry`, analysis.json's typed entry).
public struct MachineLimits<Entry: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// Every limit read, in a fixed order.
    public var entries: [Entry]
    /// Most threads one process can create here, and the limit that binds first.
    public var threadCapacity: Int?
    public var threadBinding: String?
    /// Most members a socketpair brigade can have here, and the limit that binds first.
    public var linkCapacity: Int?
    public var linkBinding: String?
    /// File descriptors the reading process had open (entries of /proc/self/fd).
    public var openFileDescriptors: Int?
    /// File descriptors kept free for the workload's own use (epoll, pipes, stdio) in link capacities.
    public var fileDescriptorReserve: Int?
    /// Threads of the reading process (/proc/self/status `Threads:`).
    public var processThreads: Int?
    /// Memory mappings of the reading process (lines of /proc/self/maps).
    public var processMaps: Int?
    /// Most threads the thread probe actually had alive at once (full profile), and why it
    /// stopped ("pthread_create failed: EAGAIN ...", "reached --max"). Nil when not probed.
    public var observedThreads: Int?
    public var observedThreadsStop: String?
    /// Whether the reading process could raise hard limits (nil in files before it was recorded).
    public var raiseRight: RaiseRight?

    public init(entries: [Entry], threadCapacity: Int?, threadBinding: String?,
                linkCapacity: Int?, linkBinding: String?, openFileDescriptors: Int? = nil,
                fileDescriptorReserve: Int? = nil, processThreads: Int? = nil, processMaps: Int? = nil) {
        self.entries = entries; self.threadCapacity = threadCapacity; self.threadBinding = threadBinding
        self.linkCapacity = linkCapacity; self.linkBinding = linkBinding
        self.openFileDescriptors = openFileDescriptors; self.fileDescriptorReserve = fileDescriptorReserve
        self.processThreads = processThreads; self.processMaps = processMaps
    }

    /// How the thread probe says it stopped short of a limit on purpose (pids or memory kept to spare).
    public static var safetyMarginStop: String { "stopped at the safety margin" }

    /// How the thread probe says it stopped at the count it was asked for (`--max`).
    public static var maxStop: String { "reached --max" }

    /// True when the thread probe ran and stopped before any limit did (at its safety margin, or
    /// at `--max`): its count is then a floor of the most threads here, and `threadCapacity`
    /// (the limits') the ceiling.
    public var probeStoppedShort: Bool {
        guard let stop = observedThreadsStop else { return false }
        return stop.hasPrefix(Self.safetyMarginStop) || stop == Self.maxStop
    }

    /// The most threads one process can have here, as an upper bound: the probe's count when it
    /// ran into the limit itself, the larger of its count and the limits' capacity when it stopped
    /// short, the limits' capacity when it did not run; nil when the probe stopped short and no
    /// limit gives a ceiling (its count alone would overstate how many more tasks than threads).
    public var mostThreads: Int? {
        guard let observed = observedThreads else { return threadCapacity }
        guard probeStoppedShort else { return observed }
        return threadCapacity.map { max(observed, $0) }
    }

    /// The same limits with each entry converted (`transform`), every other field kept.
    public func mapEntries<Other>(_ transform: (Entry) -> Other) -> MachineLimits<Other> {
        var out = MachineLimits<Other>(entries: entries.map(transform), threadCapacity: threadCapacity,
                                       threadBinding: threadBinding, linkCapacity: linkCapacity, linkBinding: linkBinding,
                                       openFileDescriptors: openFileDescriptors, fileDescriptorReserve: fileDescriptorReserve,
                                       processThreads: processThreads, processMaps: processMaps)
        out.observedThreads = observedThreads; out.observedThreadsStop = observedThreadsStop; out.raiseRight = raiseRight
        return out
    }
}

/// One limit, the capacity it implies, and how to raise it.
public struct LimitEntry: Codable, Sendable, Equatable {
    /// Name as the user knows it (e.g. "RLIMIT_NOFILE (soft)", "kernel.pid_max").
    public var name: String
    /// Value as read ("20000", "unlimited", "max").
    public var value: String
    /// Where it was read from (file path or syscall).
    public var source: String
    /// Threads this limit allows one process (nil when it does not cap threads).
    public var threadCapacity: Int?
    /// Brigade members this limit allows (nil when it does not cap links).
    public var linkCapacity: Int?
    /// Command that raises it.
    public var raise: String
    /// Whether this process may raise it itself.
    public var canRaise: Bool
    /// What else the reader should know ("estimate", "exempt: CAP_SYS_ADMIN", "412 in use").
    public var note: String?

    public init(name: String, value: String, source: String, threadCapacity: Int?, linkCapacity: Int?,
                raise: String, canRaise: Bool, note: String? = nil) {
        self.name = name; self.value = value; self.source = source; self.threadCapacity = threadCapacity
        self.linkCapacity = linkCapacity; self.raise = raise; self.canRaise = canRaise; self.note = note
    }
}
