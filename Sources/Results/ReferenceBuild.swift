import Foundation

/// How a reference family's executable was built (`--reference rust`): compiler, the versions
/// of the crates that matter, and the build flags, read when the run starts. Optional in
/// results.json: a run without a reference has none, and files written before it existed
/// have none either.
public struct ReferenceBuild: Codable, Sendable, Equatable {
    /// The reference family ("rust").
    public var family: String
    /// The compiler that built the executable, e.g. "rustc 1.63.0" (from the executable's
    /// .comment section), or nil when it could not be read.
    public var compiler: String?
    /// Versions of the crates the reference's designs rest on, by crate name ("tokio": "1.24.2",
    /// "async-std": "1.12.0").
    public var crates: [String: String]
    /// Where the crate versions come from: "reference/rust/Cargo.lock" (the build's lock file)
    /// or "dpkg" (the installed Debian packages, when no lock file was found).
    public var cratesSource: String
    /// Build command and profile flags, e.g. "cargo build --offline --release; opt-level = 3,
    /// debug = false, codegen-units = 1".
    public var buildFlags: String?

    public init(family: String, compiler: String?, crates: [String: String], cratesSource: String, buildFlags: String?) {
        self.family = family; self.compiler = compiler; self.crates = crates
        self.cratesSource = cratesSource; self.buildFlags = buildFlags
    }
}

/// Reading a reference build's facts from the files it left (pure: text or bytes in, values out).
extension ReferenceBuild {
    /// The crates the Rust reference's designs rest on.
    public static let rustCrates = ["tokio", "async-std", "libc"]

    /// "rustc version 1.63.0" in an executable's bytes (rustc writes it into .comment), as
    /// "rustc 1.63.0"; nil when absent.
    public static func rustCompiler(inExecutable bytes: [UInt8]) -> String? {
        let marker = Array("rustc version ".utf8)
        guard let start = firstIndex(of: marker, in: bytes) else { return nil }
        var end = start + marker.count
        while end < bytes.count, bytes[end] != 0, bytes[end] != 10, end - start < 120 { end += 1 }
        let text = String(decoding: bytes[(start + marker.count)..<end], as: UTF8.self)
        return text.isEmpty ? nil : "rustc " + text
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var i = 0
        while i <= bytes.count - needle.count {
            if bytes[i] == first, bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Versions of `crates` in a Cargo.lock: each `[[package]]` with `name = "..."` and
    /// `version = "..."` (the first version of a crate listed twice).
    public static func lockedVersions(cargoLock: String, crates: [String]) -> [String: String] {
        var out = [String: String](), name: String?
        for line in cargoLock.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line == "[[package]]" { name = nil }
            if let v = quoted(line, key: "name") { name = v }
            if let v = quoted(line, key: "version"), let n = name, crates.contains(n), out[n] == nil { out[n] = v }
        }
        return out
    }

    /// The `[profile.release]` settings of a Cargo.toml, "opt-level = 3, debug = false", or
    /// "cargo's defaults" when it has none.
    public static func releaseProfile(cargoToml: String) -> String {
        var inRelease = false, settings = [String]()
        for line in cargoToml.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("[") { inRelease = line == "[profile.release]"; continue }
            if inRelease, !line.isEmpty, !line.hasPrefix("#"), line.contains("=") { settings.append(line) }
        }
        return settings.isEmpty ? "cargo's defaults" : settings.joined(separator: ", ")
    }

    /// `key = "value"` -> value.
    static func quoted(_ line: String, key: String) -> String? {
        guard line.hasPrefix(key), let eq = line.firstIndex(of: "=") else { return nil }
        guard line[line.startIndex..<eq].trimmingCharacters(in: .whitespaces) == key else { return nil }
        let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 else { return nil }
        return String(value.dropFirst().dropLast())
    }

    /// One line for the report: "rustc 1.63.0; tokio 1.24.2, async-std 1.12.0 (Cargo.lock);
    /// cargo build --offline --release, opt-level = 3".
    public var summary: String {
        let crates = self.crates.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return [compiler ?? "compiler unknown", crates.isEmpty ? "crate versions unknown" : "\(crates) (\(cratesSource))", buildFlags]
            .compactMap { $0 }.joined(separator: "; ")
    }
}
