#if canImport(Glibc)
import Glibc
#endif
import Results
import SystemCall

/// Readings of the child's own process: getrusage, thread count, smaps_rollup, meminfo.
/// None of these is called inside a timed loop.
public enum ProcessProbe {
    /// getrusage(RUSAGE_SELF).
    public static func rusage() -> ResourceUsage {
        var ru = Glibc.rusage()
        getrusage(RUSAGE_SELF.rawValue, &ru)
        func seconds(_ tv: timeval) -> Double { Double(tv.tv_sec) + Double(tv.tv_usec) / 1e6 }
        return ResourceUsage(userSeconds: seconds(ru.ru_utime), systemSeconds: seconds(ru.ru_stime),
                             voluntarySwitches: Int(ru.ru_nvcsw), involuntarySwitches: Int(ru.ru_nivcsw),
                             maxRSSKiB: Int(ru.ru_maxrss))
    }

    /// Threads of this process (the Threads line of /proc/self/status), or 0 if unreadable.
    public static func threadCount() -> Int {
        Int(field("Threads:", in: readFile("/proc/self/status")) ?? 0)
    }

    /// Peak resident set of this process image (VmHWM of /proc/self/status), bytes.
    public static func peakResidentBytes() -> UInt64? {
        field("VmHWM:", in: readFile("/proc/self/status")).map { $0 * 1024 }
    }

    /// (Rss, Pss) in bytes from /proc/self/smaps_rollup.
    public static func residentBytes() -> (rss: UInt64, pss: UInt64) {
        let text = readFile("/proc/self/smaps_rollup")
        return ((field("Rss:", in: text) ?? 0) * 1024, (field("Pss:", in: text) ?? 0) * 1024)
    }

    /// (KernelStack, PageTables) in bytes from /proc/meminfo.
    public static func kernelMemory() -> (kernelStack: UInt64, pageTables: UInt64) {
        let text = readFile("/proc/meminfo")
        return ((field("KernelStack:", in: text) ?? 0) * 1024, (field("PageTables:", in: text) ?? 0) * 1024)
    }

    /// The first number after `key` at the start of a line of `text`.
    static func field(_ key: String, in text: String) -> UInt64? {
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            let rest = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            return UInt64(rest.prefix { $0.isNumber })
        }
        return nil
    }

    /// Reads a (small) file with open/read; "" when it cannot be read.
    static func readFile(_ path: String) -> String {
        String(decoding: readWholeFile(path) ?? [], as: UTF8.self)
    }
}

/// Takes a memory reading in two steps: `begin()` before any member exists,
/// `finish()` while every member is alive and blocked.
public struct MemoryProbe {
    let baselineRss: UInt64
    let kernel: (kernelStack: UInt64, pageTables: UInt64)

    public static func begin() -> MemoryProbe {
        MemoryProbe(baselineRss: ProcessProbe.residentBytes().rss, kernel: ProcessProbe.kernelMemory())
    }

    public func finish() -> MemoryReading {
        let now = ProcessProbe.residentBytes()
        let k = ProcessProbe.kernelMemory()
        return MemoryReading(rssBytes: now.rss, pssBytes: now.pss, baselineRssBytes: baselineRss,
                             kernelStackDeltaBytes: Int64(k.kernelStack) - Int64(kernel.kernelStack),
                             pageTablesDeltaBytes: Int64(k.pageTables) - Int64(kernel.pageTables))
    }
}
