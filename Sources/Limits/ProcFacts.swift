/// What the kernel says about the whole machine and about the reading process, read once.
///
/// Files (below the probe's root):
/// - /proc/sys/kernel/pid_max, /proc/sys/kernel/threads-max, /proc/sys/vm/max_map_count,
///   /proc/sys/fs/nr_open, /proc/sys/fs/file-max, /proc/sys/fs/file-nr (first field: file handles allocated)
/// - /proc/meminfo `MemAvailable:` (kB)
/// - /proc/loadavg, 4th field "running/total": total = scheduling entities (threads) on the
///   machine, i.e. pids in use (the file is not namespaced: a container sees the host's count)
/// - /proc/self/status `Threads:`, `VmSize:`, `Uid:` (real, effective, ...), `CapEff:`
/// - /proc/self/maps (one mapping per line), /proc/self/fd (one entry per open descriptor)
/// - /proc/<pid>/status of every process, to count the threads of the real uid (`RLIMIT_NPROC`)
struct ProcFacts: Sendable {
    var pidMax: UInt64?
    var threadsMax: UInt64?
    var maxMapCount: UInt64?
    var nrOpen: UInt64?
    var fileMax: UInt64?
    var filesAllocated: UInt64?
    var memAvailableBytes: UInt64?
    /// Threads on the machine (/proc/loadavg total).
    var tasksInUse: UInt64?
    var selfThreads: Int?
    var selfVmSizeBytes: UInt64?
    var selfMaps: Int?
    var selfOpenFds: Int?
    var realUID: UInt32?
    var effectiveUID: UInt32?
    /// Effective capability mask (CapEff, hexadecimal in the file).
    var capEff: UInt64?
    /// Threads of every process whose real uid is `realUID`.
    var uidThreads: Int?

    static let capSysAdmin = 21
    static let capSysResource = 24

    init(files: SystemFiles) {
        pidMax = files.number("/proc/sys/kernel/pid_max")
        threadsMax = files.number("/proc/sys/kernel/threads-max")
        maxMapCount = files.number("/proc/sys/vm/max_map_count")
        nrOpen = files.number("/proc/sys/fs/nr_open")
        fileMax = files.number("/proc/sys/fs/file-max")
        filesAllocated = files.trimmed("/proc/sys/fs/file-nr").flatMap(Self.firstNumber)
        memAvailableBytes = Self.memAvailable(files)
        tasksInUse = files.trimmed("/proc/loadavg").flatMap(Self.loadavgTotal)
        if let status = files.read("/proc/self/status") { readStatus(status) }
        selfMaps = files.read("/proc/self/maps").map { text in text.split(separator: "\n").count }
        selfOpenFds = files.list("/proc/self/fd")?.count
        uidThreads = realUID.flatMap { Self.threadsOfUser($0, files: files) } ?? selfThreads
    }

    /// Fields of /proc/self/status.
    private mutating func readStatus(_ status: String) {
        selfThreads = SystemFiles.field("Threads", in: status).flatMap { Int($0) }
        selfVmSizeBytes = SystemFiles.field("VmSize", in: status).flatMap(Self.firstNumber).map { $0 * 1024 }
        let uids = SystemFiles.field("Uid", in: status)?.split(whereSeparator: { $0 == " " || $0 == "\t" })
        realUID = uids?.first.flatMap { UInt32($0) }
        effectiveUID = uids.flatMap { $0.count > 1 ? UInt32($0[1]) : nil }
        capEff = SystemFiles.field("CapEff", in: status).flatMap { UInt64($0, radix: 16) }
    }

    /// /proc/meminfo `MemAvailable:` in bytes.
    static func memAvailable(_ files: SystemFiles) -> UInt64? {
        files.read("/proc/meminfo").flatMap { SystemFiles.field("MemAvailable", in: $0) }
            .flatMap(firstNumber).map { $0 * 1024 }
    }

    /// Whether the effective capability set holds capability number `cap`.
    func hasCapability(_ cap: Int) -> Bool {
        guard let capEff else { return effectiveUID == 0 }
        return capEff & (UInt64(1) << UInt64(cap)) != 0
    }

    /// The leading decimal number of "1174\t0\t2466183" or "24254024 kB".
    static func firstNumber(_ text: String) -> UInt64? {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { UInt64($0) }
    }

    /// "0.52 0.40 0.18 1/89 7107" -> 89.
    static func loadavgTotal(_ text: String) -> UInt64? {
        let fields = text.split(separator: " ")
        guard fields.count >= 4 else { return nil }
        return fields[3].split(separator: "/").last.flatMap { UInt64($0) }
    }

    /// Sum of `Threads:` over /proc/<pid>/status whose real uid is `uid`; nil when none is readable.
    static func threadsOfUser(_ uid: UInt32, files: SystemFiles) -> Int? {
        guard let names = files.list("/proc") else { return nil }
        var total = 0
        var seen = false
        for name in names where !name.isEmpty && name.allSatisfy(\.isNumber) {
            guard let status = files.read("/proc/\(name)/status") else { continue }
            let realUID = SystemFiles.field("Uid", in: status).flatMap(firstNumber)
            guard realUID == UInt64(uid) else { continue }
            total += SystemFiles.field("Threads", in: status).flatMap { Int($0) } ?? 1
            seen = true
        }
        return seen ? total : nil
    }
}
