/// The tightest cgroup limit on one resource, found by walking from the process's cgroup up to the root.
struct CgroupFinding: Sendable, Equatable {
    /// "1000", "max", or "unreadable" (the controller's directory for this cgroup is missing).
    var value: String
    /// Limit minus current use at the tightest level; nil when no level sets a limit.
    var remaining: UInt64?
    /// Current use at the tightest level.
    var current: UInt64?
    /// File that holds the tightest limit (or the leaf's limit file when none is set).
    var file: String
    /// Cgroup directory of that file (for `echo max > <dir>/<file>`).
    var directory: String
}

/// Cgroup lookups for the pids and memory controllers.
///
/// /proc/self/cgroup has one line per hierarchy: "0::/path" for cgroup v2 (unified) and
/// "N:pids:/path" or "N:memory:/path" for cgroup v1 controllers. A v1 line wins for its
/// controller (hybrid systems mount an empty v2 tree at /sys/fs/cgroup/unified).
/// - v2: /sys/fs/cgroup/<path>/pids.max, pids.current, memory.max, memory.current
/// - v1: /sys/fs/cgroup/pids/<path>/pids.max, pids.current;
///   /sys/fs/cgroup/memory/<path>/memory.limit_in_bytes, memory.usage_in_bytes
/// Every level from <path> up to the root is read, since a parent's limit caps its children;
/// the level with the least room left is reported. A missing file at a level means no limit
/// there (the root cgroup has no pids.max). v1 memory limits of 2^62 or more mean unlimited.
struct Cgroups: Sendable {
    let files: SystemFiles
    /// Controller name -> cgroup path from the v1 lines.
    let v1Paths: [String: String]
    /// Path from the "0::" line.
    let v2Path: String?

    init(files: SystemFiles) {
        self.files = files
        var v1: [String: String] = [:]
        var v2: String?
        for line in (files.read("/proc/self/cgroup") ?? "").split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[0] == "0" && parts[1].isEmpty { v2 = String(parts[2]); continue }
            for controller in parts[1].split(separator: ",") { v1[String(controller)] = String(parts[2]) }
        }
        v1Paths = v1; v2Path = v2
    }

    /// pids.max / pids.current, tightest level.
    func pids() -> CgroupFinding? {
        find(controller: "pids", v2Files: ("pids.max", "pids.current"), v1Files: ("pids.max", "pids.current"))
    }

    /// memory.max / memory.current (v2) or memory.limit_in_bytes / memory.usage_in_bytes (v1).
    func memory() -> CgroupFinding? {
        find(controller: "memory", v2Files: ("memory.max", "memory.current"),
             v1Files: ("memory.limit_in_bytes", "memory.usage_in_bytes"))
    }

    /// Mount point of the v2 hierarchy: /sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid systems.
    private var v2Mount: String {
        files.exists("/sys/fs/cgroup/cgroup.controllers") || !files.exists("/sys/fs/cgroup/unified")
            ? "/sys/fs/cgroup" : "/sys/fs/cgroup/unified"
    }

    /// nil when /proc/self/cgroup names neither a v1 hierarchy for `controller` nor a v2 path.
    private func find(controller: String, v2Files: (String, String), v1Files: (String, String)) -> CgroupFinding? {
        if let path = v1Paths[controller] {
            return walk(mount: "/sys/fs/cgroup/" + controller, path: path, limitFile: v1Files.0, usageFile: v1Files.1)
        }
        if let path = v2Path {
            return walk(mount: v2Mount, path: path, limitFile: v2Files.0, usageFile: v2Files.1)
        }
        return nil
    }

    /// Reads `limitFile` and `usageFile` at every level from `path` up to "/".
    private func walk(mount: String, path: String, limitFile: String, usageFile: String) -> CgroupFinding {
        let leaf = Self.join(mount, path)
        guard files.exists(leaf) else {
            return CgroupFinding(value: "unreadable", remaining: nil, current: nil,
                                 file: leaf + "/" + limitFile, directory: leaf)
        }
        var best = CgroupFinding(value: "max", remaining: nil, current: files.number(leaf + "/" + usageFile),
                                 file: leaf + "/" + limitFile, directory: leaf)
        for level in Self.levels(path) {
            let dir = Self.join(mount, level)
            guard let text = files.trimmed(dir + "/" + limitFile), let limit = UInt64(text),
                  limit < (UInt64(1) << 62) else { continue }
            let current = files.number(dir + "/" + usageFile) ?? 0
            let remaining = limit > current ? limit - current : 0
            if best.remaining == nil || remaining < best.remaining! {
                best = CgroupFinding(value: text, remaining: remaining, current: current,
                                     file: dir + "/" + limitFile, directory: dir)
            }
        }
        return best
    }

    /// "/a/b" -> ["/a/b", "/a", "/"].
    static func levels(_ path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        var out: [String] = []
        while !parts.isEmpty { out.append("/" + parts.joined(separator: "/")); parts.removeLast() }
        out.append("/")
        return out
    }

    /// mount + path without a doubled or trailing slash.
    static func join(_ mount: String, _ path: String) -> String {
        path == "/" || path.isEmpty ? mount : mount + (path.hasPrefix("/") ? path : "/" + path)
    }
}
