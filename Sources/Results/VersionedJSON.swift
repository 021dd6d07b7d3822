import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SystemCall

/// A results or analysis file that cannot be used, with what to do about it.
public struct FileFormatError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads and writes ctxbench's JSON files: sorted keys (so the same value gives the same
/// bytes), with "schema" and "schemaVersion" moved to the top, and on reading a check of
/// schema and version before anything else, so a wrong file gets one clear line.
public enum VersionedJSON {
    /// Encodes `value` (which has top-level `schema` and `schemaVersion` fields).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var head = [String]()
        for key in ["\"schema\" : ", "\"schemaVersion\" : "] {
            if let i = lines.firstIndex(where: { $0.hasPrefix("  " + key) }) {
                var line = lines.remove(at: i)
                if !line.hasSuffix(",") { line += "," }
                head.append(line)
            }
        }
        // If the moved keys were last, the new last entry must lose its comma.
        if let close = lines.lastIndex(of: "}"), close > 0, lines[close - 1].hasSuffix(",") {
            lines[close - 1].removeLast()
        }
        lines.insert(contentsOf: head, at: 1)
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Decodes a file of `schema` whose version must be in `versions`.
    /// - Parameters:
    ///   - path: shown in errors.
    ///   - remedy: what to do when the file is unusable (e.g. "rerun `ctxbench run`").
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String, schema: String,
                                            versions: ClosedRange<Int>, remedy: String) throws -> T {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw FileFormatError("\(path) is not valid JSON (truncated or corrupt?); \(remedy)")
        }
        guard let dict = object as? [String: Any], let found = dict["schema"] as? String else {
            throw FileFormatError("\(path) is not a ctxbench file (no \"schema\" field; expected \"\(schema)\"); \(remedy)")
        }
        guard found == schema else {
            throw FileFormatError("\(path) is a \"\(found)\" file, not \"\(schema)\"; pass the right file or \(remedy)")
        }
        guard let version = dict["schemaVersion"] as? Int, versions.contains(version) else {
            let v = dict["schemaVersion"].map { "\($0)" } ?? "none"
            throw FileFormatError("\(path) has schemaVersion \(v); this ctxbench reads \(versions.lowerBound)...\(versions.upperBound); use the ctxbench version that wrote it or \(remedy)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw FileFormatError("\(path) is malformed: missing \"\(key.stringValue)\" at \(pathString(context.codingPath)); \(remedy)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw FileFormatError("\(path) is malformed at \(pathString(context.codingPath)): \(context.debugDescription); \(remedy)")
        } catch let DecodingError.dataCorrupted(context) {
            throw FileFormatError("\(path) is malformed at \(pathString(context.codingPath)): \(context.debugDescription); \(remedy)")
        } catch {
            throw FileFormatError("\(path) is malformed: \(error); \(remedy)")
        }
    }

    static func pathString(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// Writes `data` to `url` atomically: a temporary file in the same folder, then rename.
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try data.write(to: tmp)
        do {
            try systemCall("rename") { rename(tmp.path, url.path) }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw FileFormatError("cannot rename \(tmp.path) to \(url.path): \(Errno.message(error.code))")
        }
    }
}

extension ResultsFile {
    /// Reads results.json, checking schema and version first.
    public static func load(from url: URL) throws -> ResultsFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw FileFormatError("cannot read \(url.path): no such file or not readable; run `ctxbench run --out \(url.deletingLastPathComponent().path)` first")
        }
        let file = try VersionedJSON.decode(ResultsFile.self, from: data, path: url.path, schema: schemaName,
                                            versions: 1...currentVersion, remedy: "rerun `ctxbench run` to measure again")
        try file.validate(path: url.path)
        return file
    }

    /// Rejects values no run can produce (a hand-edited or damaged file), naming the first one,
    /// so analysis never divides by zero or traps on them.
    public func validate(path: String) throws {
        func bad(_ what: String) -> FileFormatError {
            FileFormatError("\(path) is malformed: \(what); rerun `ctxbench run` to measure again")
        }
        for (i, s) in (configuration.plan + runs.map(\.spec)).enumerated() {
            guard s.tasks >= 1, s.iterations >= 1, s.warmups >= 0, s.runIndex >= 0 else {
                throw bad("run spec \(i) (\(s.variant)) has tasks \(s.tasks), iterations \(s.iterations), warmups \(s.warmups), runIndex \(s.runIndex)")
            }
        }
        for (i, r) in runs.enumerated() {
            guard let out = r.output else {
                if r.status == .ok { throw bad("runs[\(i)] is ok but has no output") }
                continue
            }
            guard out.samplesNs.count == r.spec.iterations else {
                throw bad("runs[\(i)] has \(out.samplesNs.count) samples for \(r.spec.iterations) iterations")
            }
            guard out.samplesNs.allSatisfy({ $0 > 0 && $0 < 1 << 62 }) else { throw bad("runs[\(i)] has a zero or huge sample") }
            guard (0...10_000_000).contains(out.threads) else { throw bad("runs[\(i)] reports \(out.threads) threads") }
            if let l = out.latencySamplesNs, l.contains(where: { $0 >= 1 << 62 }) { throw bad("runs[\(i)] has a huge latency sample") }
        }
    }

    /// Writes results.json atomically.
    public func save(to url: URL) throws {
        try VersionedJSON.writeAtomically(try VersionedJSON.encode(self), to: url)
    }
}
