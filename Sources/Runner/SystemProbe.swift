import Foundation
import Results
import CShims
#if canImport(Glibc)
import Glibc
#endif

/// Reads the machine's description and state (/proc, /sys, uname). Nothing here is timed.
public enum SystemProbe {
    /// 1-minute load average from /proc/loadavg (0 when unreadable).
    public static func loadAverage() -> Double {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return Double(text.split(separator: " ").first ?? "") ?? 0
    }

    /// CPU time of the whole machine and of this process, for the interference figure of a
    /// process run: other processes' CPU time = delta of `busy` - delta of `ours`.
    public struct CPUSample: Sendable {
        /// Busy time of every CPU since boot (user + nice + system + irq + softirq of /proc/stat's
        /// "cpu" line; steal and idle excluded), seconds; clock-tick resolution.
        public var busy: Double
        /// User + system time of this process and of its reaped children (getrusage), seconds.
        public var ours: Double
    }

    /// A CPUSample now (busy 0 when /proc/stat is unreadable).
    public static func cpuSample() -> CPUSample {
        let text = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)) ?? ""
        let fields = text.split(separator: "\n").first { $0.hasPrefix("cpu ") }?
            .split(separator: " ").dropFirst().compactMap { Double($0) } ?? []
        let ticks = fields.count >= 7 ? fields[0] + fields[1] + fields[2] + fields[5] + fields[6] : 0
        let hz = Double(max(sysconf(Int32(_SC_CLK_TCK)), 1))
        func seconds(_ who: __rusage_who_t) -> Double {
            var u = rusage()
            getrusage(who, &u)
            return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
                + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
        }
        return CPUSample(busy: ticks / hz, ours: seconds(RUSAGE_SELF.rawValue) + seconds(RUSAGE_CHILDREN.rawValue))
    }

    /// CPU seconds other processes used between two samples (never negative).
    public static func otherCPUSeconds(_ before: CPUSample, _ after: CPUSample) -> Double? {
        guard before.busy > 0, after.busy > 0 else { return nil }
        return max(0, (after.busy - before.busy) - (after.ours - before.ours))
    }

    /// The environment record of a run starting now.
    public static func environment(commandLine: [String], swiftVersion: String, commit: String) -> Environment {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown"
        var u = utsname()
        uname(&u)
        let kernel = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let host = withUnsafeBytes(of: &u.nodename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let memTotal = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { UInt64($0.split(separator: " ")[1]) }.map { $0 * 1024 } ?? 0
        return Environment(
            cpuModel: model, logicalCPUs: sysconf(Int32(_SC_NPROCESSORS_ONLN)), allowedCPUs: allowedCPUs(),
            kernel: kernel, os: osName(), swiftVersion: swiftVersion, ctxbenchCommit: commit, hostname: host,
            date: isoNow(), virtualization: virtualization(cpuinfo: cpuinfo),
            governor: read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"),
            memoryBytes: memTotal, loadAverageStart: loadAverage(), commandLine: commandLine)
    }

    /// CPUs this process may use (sched_getaffinity).
    public static func allowedCPUs() -> [Int] {
        var cpus = [Int32](repeating: 0, count: 1024)
        let n = ctx_allowed_cpus(&cpus, 1024)
        return n > 0 ? cpus[0..<Int(n)].map(Int.init) : []
    }

    /// Current UTC time, ISO 8601 with seconds.
    public static func isoNow() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    static func osName() -> String {
        let text = read("/etc/os-release") ?? ""
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return "Linux"
    }

    /// "none", or what was detected: the hypervisor named by DMI (e.g. "KVM") or "vm" when only
    /// the CPU's hypervisor flag says so, plus "container" inside a container; e.g. "vm, container".
    static func virtualization(cpuinfo: String) -> String {
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let hypervisorFlag = flags.split(separator: " ").contains("hypervisor")
        let vendor = [read("/sys/class/dmi/id/sys_vendor"), read("/sys/class/dmi/id/product_name")]
            .compactMap { $0 }.joined(separator: " ")
        let known = ["KVM", "QEMU", "VMware", "VirtualBox", "Xen", "Microsoft", "Amazon EC2", "Google", "Firecracker"]
        var parts = [String]()
        if let name = known.first(where: { vendor.localizedCaseInsensitiveContains($0) }) {
            parts.append(name)
        } else if hypervisorFlag {
            parts.append("vm")
        }
        let cgroup = read("/proc/1/cgroup") ?? ""
        if FileManager.default.fileExists(atPath: "/.dockerenv") || FileManager.default.fileExists(atPath: "/run/.containerenv")
            || cgroup.contains("docker") || cgroup.contains("kubepods") {
            parts.append("container")
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// Trimmed contents of a small file, or nil.
    static func read(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the 1-minute load is below the CPU count, at most `maxSeconds`;
    /// returns the seconds waited. `progress` is called every few seconds.
    public static func settle(maxSeconds: Double, cpus: Int, progress: (Double, Double) -> Void) -> Double {
        let start = Date()
        while loadAverage() >= Double(cpus), Date().timeIntervalSince(start) < maxSeconds {
            progress(loadAverage(), Date().timeIntervalSince(start))
            Thread.sleep(forTimeInterval: 2)
        }
        return Date().timeIntervalSince(start)
    }

    /// Output of a command (first line), or nil if it cannot run within 10 s.
    public static func commandOutput(_ path: String, _ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        do { try p.run() } catch { return nil }
        guard done.wait(timeout: .now() + 10) == .success else {
            kill(p.processIdentifier, SIGKILL)
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
