import Results

/// The file-descriptor limits that cap a socketpair brigade (see `LimitsProbe` for the arithmetic).
extension EntryBuilder {
    /// RLIMIT_NOFILE soft and hard, fs.nr_open, fs.file-max.
    func linkEntries() -> [LimitEntry] {
        [nofileSoft(), nofileHard(), nrOpen(), fileMax()]
    }

    /// Members a limit of `limit` descriptors allows, with `used` already taken.
    func members(limit: UInt64, used: UInt64) -> Int {
        EntryBuilder.count((Int64(clamping: limit) - Int64(clamping: used)
                            - Int64(LimitsProbe.fileDescriptorReserve)) / 2 - 1)
    }

    private var openFds: UInt64 { UInt64(facts.selfOpenFds ?? 3) }

    /// The `ulimit -n` value `wantedMembers` need (`LimitsAdvice.nofileTarget`).
    var nofileTarget: Int {
        LimitsAdvice.nofileTarget(descriptors: LimitsAdvice.descriptorsNeeded(members: wantedMembers),
                                  openFileDescriptors: Int(openFds), reserve: LimitsProbe.fileDescriptorReserve)
    }

    func nofileSoft() -> LimitEntry {
        let lim = rlimits.nofile
        let canRaise = lim.soft != nil && (lim.hard == nil || lim.soft! < lim.hard!)
        let raise = LimitsAdvice.nofile(target: nofileTarget, soft: lim.soft.map { Int(clamping: $0) },
                                        hard: lim.hard.map { Int(clamping: $0) }, nrOpen: facts.nrOpen.map { Int(clamping: $0) },
                                        right: right)
        return LimitEntry(name: "RLIMIT_NOFILE (soft)", value: EntryBuilder.show(lim.soft), source: "getrlimit(RLIMIT_NOFILE)",
                          threadCapacity: nil, linkCapacity: lim.soft.map { members(limit: $0, used: openFds) },
                          raise: raise, canRaise: canRaise, note: "\(openFds) fds open")
    }

    func nofileHard() -> LimitEntry {
        let hard = rlimits.nofile.hard.map { Int(clamping: $0) }
        // The soft limit can go up to the hard one; advise on the hard one alone.
        let raise = LimitsAdvice.nofile(target: nofileTarget, soft: hard, hard: hard,
                                        nrOpen: facts.nrOpen.map { Int(clamping: $0) }, right: right)
        return LimitEntry(name: "RLIMIT_NOFILE (hard)", value: EntryBuilder.show(rlimits.nofile.hard),
                          source: "getrlimit(RLIMIT_NOFILE)", threadCapacity: nil, linkCapacity: nil, raise: raise,
                          canRaise: facts.hasCapability(ProcFacts.capSysResource),
                          note: "ceiling of the soft limit")
    }

    func nrOpen() -> LimitEntry {
        let file = "/proc/sys/fs/nr_open"
        let raise = "sysctl -w fs.nr_open=\(max(2 * (facts.nrOpen ?? 0), 1_048_576))"
        guard let value = facts.nrOpen else { return unreadable("fs.nr_open", source: file, raise: raise) }
        return LimitEntry(name: "fs.nr_open", value: String(value), source: file, threadCapacity: nil,
                          linkCapacity: members(limit: value, used: openFds), raise: raise,
                          canRaise: canWriteSysctl(file), note: "ceiling of the hard limit")
    }

    func fileMax() -> LimitEntry {
        let file = "/proc/sys/fs/file-max"
        let raise = "sysctl -w fs.file-max=\(max(2 * (facts.fileMax ?? 0), 1_048_576))"
        guard let value = facts.fileMax else { return unreadable("fs.file-max", source: file, raise: raise) }
        let allocated = facts.filesAllocated ?? openFds
        return LimitEntry(name: "fs.file-max", value: String(value), source: file, threadCapacity: nil,
                          linkCapacity: members(limit: value, used: allocated), raise: raise,
                          canRaise: canWriteSysctl(file), note: "system-wide, \(allocated) allocated (fs/file-nr)")
    }
}
