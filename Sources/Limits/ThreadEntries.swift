import Results

/// The limits that cap thread creation (see `LimitsProbe` for the arithmetic).
extension EntryBuilder {
    /// RLIMIT_NPROC, kernel.pid_max, kernel.threads-max, vm.max_map_count, cgroup pids, memory, stack, RLIMIT_AS.
    func threadEntries() -> [LimitEntry] {
        [nprocSoft(), nprocHard(), pidMax(), threadsMax(), maxMapCount(), cgroupPids(),
         memAvailable(), cgroupMemory(), stack(), addressSpace()]
    }

    private var tasksInUse: UInt64 { facts.tasksInUse ?? UInt64(facts.selfThreads ?? 1) }

    /// Why RLIMIT_NPROC is not enforced for this process, or nil when it is.
    private var nprocExemption: String? {
        if facts.realUID == 0 { return "real uid 0" }
        if facts.hasCapability(ProcFacts.capSysAdmin) { return "CAP_SYS_ADMIN" }
        if facts.hasCapability(ProcFacts.capSysResource) { return "CAP_SYS_RESOURCE" }
        return nil
    }

    /// Threads of the real uid once `wantedMembers` more run, rounded up to 100: the
    /// RLIMIT_NPROC that would let them start.
    private var nprocTarget: Int {
        let used = facts.uidThreads ?? facts.selfThreads ?? 1
        return (used + wantedMembers + 99) / 100 * 100
    }

    /// RLIMIT_NPROC's advice: "- (...)" when it does not bind (not enforced, unlimited, or
    /// already enough for `wantedMembers`), else the value that lets them start.
    private func nprocAdvice(soft: UInt64?, hard: UInt64?) -> String {
        if let why = nprocExemption { return "- (does not bind: not enforced for \(why))" }
        guard let soft else { return "- (no limit set)" }
        let target = nprocTarget
        if soft >= UInt64(target) { return "- (\(soft) is enough: \(target) threads of this uid asked)" }
        if hard == nil || hard! >= UInt64(target) { return "ulimit -u \(target)" }
        return LimitsAdvice.nproc(target: target, hard: Int(clamping: hard!), right: right)
    }

    func nprocSoft() -> LimitEntry {
        let lim = rlimits.nproc
        let canRaise = lim.soft != nil && (lim.hard == nil || lim.soft! < lim.hard!)
        let used = facts.uidThreads ?? facts.selfThreads ?? 1
        var capacity = lim.soft.map { EntryBuilder.count(Int64(clamping: $0) - Int64(used)) }
        var note = "\(used) threads of uid \(facts.realUID.map(String.init) ?? "?")"
        if let why = nprocExemption, capacity != nil { capacity = nil; note += "; not enforced: \(why)" }
        return LimitEntry(name: "RLIMIT_NPROC (soft)", value: EntryBuilder.show(lim.soft), source: "getrlimit(RLIMIT_NPROC)",
                          threadCapacity: capacity, linkCapacity: nil, raise: nprocAdvice(soft: lim.soft, hard: lim.hard),
                          canRaise: canRaise, note: note)
    }

    func nprocHard() -> LimitEntry {
        let hard = rlimits.nproc.hard
        return LimitEntry(name: "RLIMIT_NPROC (hard)", value: EntryBuilder.show(hard),
                          source: "getrlimit(RLIMIT_NPROC)", threadCapacity: nil, linkCapacity: nil,
                          raise: nprocAdvice(soft: hard, hard: hard),
                          canRaise: facts.hasCapability(ProcFacts.capSysResource), note: "ceiling of the soft limit")
    }

    /// A /proc/sys value whose thread capacity is `capacity(value)`.
    private func sysctl(_ name: String, _ file: String, _ value: UInt64?, raiseTo: UInt64,
                        note: String, capacity: (UInt64) -> Int) -> LimitEntry {
        let raise = "sysctl -w \(name)=\(raiseTo)"
        guard let value else { return unreadable(name, source: file, raise: raise) }
        return LimitEntry(name: name, value: String(value), source: file, threadCapacity: capacity(value),
                          linkCapacity: nil, raise: raise, canRaise: canWriteSysctl(file), note: note)
    }

    func pidMax() -> LimitEntry {
        let used = tasksInUse
        return sysctl("kernel.pid_max", "/proc/sys/kernel/pid_max", facts.pidMax, raiseTo: 4_194_304,
                      note: "\(used) pids in use (/proc/loadavg)") { EntryBuilder.count(Int64($0) - Int64(used)) }
    }

    func threadsMax() -> LimitEntry {
        let used = tasksInUse
        let target = min(max(2 * (facts.threadsMax ?? 0), 4_194_304), 0x3fff_ffff)
        return sysctl("kernel.threads-max", "/proc/sys/kernel/threads-max", facts.threadsMax, raiseTo: target,
                      note: "\(used) threads in use (/proc/loadavg)") { EntryBuilder.count(Int64($0) - Int64(used)) }
    }

    func maxMapCount() -> LimitEntry {
        let maps = UInt64(facts.selfMaps ?? 0)
        let target = max(4 * (facts.maxMapCount ?? 0), 262_144)
        return sysctl("vm.max_map_count", "/proc/sys/vm/max_map_count", facts.maxMapCount, raiseTo: target,
                      note: "\(maps) maps in use; 2 per thread (stack + guard)") {
            EntryBuilder.count((Int64($0) - Int64(maps)) / Int64(LimitsProbe.mapsPerThread))
        }
    }

    func cgroupPids() -> LimitEntry {
        guard let found = cgroups.pids() else {
            return unreadable("cgroup pids.max", source: "/proc/self/cgroup", raise: "echo max > <cgroup>/pids.max")
        }
        let raise = found.remaining == nil ? "- (no limit set)" : "echo max > \(found.file)"
        return LimitEntry(name: "cgroup pids.max", value: found.value, source: found.file,
                          threadCapacity: found.remaining.map { Int(clamping: $0) }, linkCapacity: nil, raise: raise,
                          canRaise: found.remaining != nil && files.isWritable(found.file),
                          note: found.current.map { "\($0) in use" })
    }

    func memAvailable() -> LimitEntry {
        let per = LimitsProbe.residentBytesPerThread
        let raise = "- (free memory: stop other processes, or add RAM)"
        guard let bytes = facts.memAvailableBytes else { return unreadable("MemAvailable", source: "/proc/meminfo", raise: raise) }
        return LimitEntry(name: "MemAvailable", value: EntryBuilder.bytes(bytes), source: "/proc/meminfo",
                          threadCapacity: Int(clamping: bytes / per), linkCapacity: nil, raise: raise, canRaise: false,
                          note: "estimate: \(per >> 10) KiB resident per idle thread")
    }

    func cgroupMemory() -> LimitEntry {
        let per = LimitsProbe.residentBytesPerThread
        guard let found = cgroups.memory() else {
            return unreadable("cgroup memory", source: "/proc/self/cgroup", raise: "echo max > <cgroup>/memory.max")
        }
        let v1 = found.file.hasSuffix("limit_in_bytes")
        let raise = found.remaining == nil ? "- (no limit set)" : "echo \(v1 ? "-1" : "max") > \(found.file)"
        let value = Int(found.value).map { EntryBuilder.bytes(UInt64($0)) } ?? found.value
        let used = found.current.map { "\(EntryBuilder.bytes($0)) in use; " } ?? ""
        return LimitEntry(name: v1 ? "cgroup memory.limit_in_bytes" : "cgroup memory.max", value: value,
                          source: found.file, threadCapacity: found.remaining.map { Int(clamping: $0 / per) },
                          linkCapacity: nil, raise: raise,
                          canRaise: found.remaining != nil && files.isWritable(found.file),
                          note: used + "estimate: \(per >> 10) KiB resident per idle thread")
    }

    func stack() -> LimitEntry {
        LimitEntry(name: "RLIMIT_STACK (soft)", value: rlimits.stack.soft.map { EntryBuilder.bytes($0) } ?? "unlimited",
                   source: "getrlimit(RLIMIT_STACK)", threadCapacity: nil, linkCapacity: nil,
                   raise: "ulimit -s 1024 (smaller default stacks fit more threads under RLIMIT_AS)", canRaise: true,
                   note: "default pthread stack \(EntryBuilder.bytes(defaultStackBytes))")
    }

    func addressSpace() -> LimitEntry {
        let lim = rlimits.addressSpace
        let perThread = defaultStackBytes + 4096
        let vm = facts.selfVmSizeBytes ?? 0
        let capacity = lim.soft.map { $0 > vm ? Int(clamping: ($0 - vm) / perThread) : 0 }
        return LimitEntry(name: "RLIMIT_AS (soft)", value: lim.soft.map { EntryBuilder.bytes($0) } ?? "unlimited",
                          source: "getrlimit(RLIMIT_AS)", threadCapacity: capacity, linkCapacity: nil,
                          raise: lim.soft == nil ? "- (no limit set)"
                            : lim.hard == nil ? "ulimit -v unlimited" : "ulimit -v \(lim.hard!) (hard limit: root for more)",
                          canRaise: lim.soft != nil && (lim.hard == nil || lim.soft! < lim.hard!),
                          note: "\(EntryBuilder.bytes(vm)) mapped; \(EntryBuilder.bytes(perThread)) per thread stack")
    }
}
