#if canImport(Glibc)
import Glibc
#endif
import SystemCall

/// Reads kernel files below a root directory: "/" for this machine, a fixture tree in tests.
///
/// Reading uses open(2)/read(2) until end of file, because /proc and /sys files report a
/// size of 0 to stat(2). Writability is access(2) with `W_OK`, which also fails with
/// `EROFS` when /proc/sys is mounted read-only (as in most containers).
struct SystemFiles: Sendable {
    /// Directory every absolute path is taken relative to.
    let root: String

    /// `root` joined with the absolute path `path`.
    func path(_ path: String) -> String {
        if root == "/" || root.isEmpty { return path }
        return root.hasSuffix("/") ? String(root.dropLast()) + path : root + path
    }

    /// The whole file, or nil when it cannot be opened or read.
    func read(_ file: String) -> String? {
        readWholeFile(path(file), chunkBytes: 65536).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The file's text without surrounding white space.
    func trimmed(_ file: String) -> String? {
        read(file).map { $0.trimmingWhitespace() }
    }

    /// The file's text as one unsigned integer ("max" and other words give nil).
    func number(_ file: String) -> UInt64? {
        trimmed(file).flatMap { UInt64($0) }
    }

    /// Whether the file exists (any type).
    func exists(_ file: String) -> Bool {
        access(path(file), F_OK) == 0
    }

    /// Whether this process may write the file: access(2) with `W_OK`.
    func isWritable(_ file: String) -> Bool {
        access(path(file), W_OK) == 0
    }

    /// Names in a directory (without "." and ".."), or nil when it cannot be opened.
    func list(_ dir: String) -> [String]? {
        guard let d = opendir(path(dir)) else { return nil }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The value of a "Key:  value ..." line (as in /proc/meminfo and /proc/self/status).
    static func field(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return String(line.dropFirst(key.count + 1)).trimmingWhitespace()
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let ws: Set<Character> = [" ", "\t", "\n", "\r"]
        var s = Substring(self)
        while let c = s.first, ws.contains(c) { s = s.dropFirst() }
        while let c = s.last, ws.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
