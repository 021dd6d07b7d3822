import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SystemCall

/// An error that is not about a file (kept for the strace runs and the tests; files throw
/// `FileError`).
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
        func unusable(_ problem: String, _ step: String = remedy) -> FileError {
            FileError(path: path, operation: .read, cause: .content(problem), nextStep: step)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw unusable("is not valid JSON (truncated or corrupt?)")
        }
        guard let dict = object as? [String: Any], let found = dict["schema"] as? String else {
            throw unusable("is not a ctxbench file (no \"schema\" field; expected \"\(schema)\")")
        }
        guard found == schema else {
            throw unusable("is a \"\(found)\" file, not \"\(schema)\"", "pass the right file or \(remedy)")
        }
        guard let version = dict["schemaVersion"] as? Int, versions.contains(version) else {
            let v = dict["schemaVersion"].map { "\($0)" } ?? "none"
            throw unusable("has schemaVersion \(v); this ctxbench reads \(versions.lowerBound)...\(versions.upperBound)",
                           "use the ctxbench version that wrote it or \(remedy)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw unusable("is malformed: missing \"\(key.stringValue)\" at \(pathString(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw unusable("is malformed at \(pathString(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw unusable("is malformed at \(pathString(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw unusable("is malformed: \(error)")
        }
    }

    /// The content of the JSON file at `url`; a missing file gets `ifMissing` as its next step.
    public static func read(_ url: URL, ifMissing: String) throws -> Data {
        do {
            return try FileIO.read(url.path)
        } catch var e as FileError where e.errno == ENOENT {
            e.nextStep = ifMissing
            throw e
        }
    }

    static func pathString(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// Writes `data` to `url` atomically (`FileIO.writeAtomically`): the old file stays as it
    /// was when the new one cannot be written; a failure is a one-line `FileError`.
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        try FileIO.writeAtomically(data, to: url)
    }
}

extension ResultsFile {
    /// Reads results.json, checking schema and version first.
    public static func load(from url: URL) throws -> ResultsFile {
        let data = try VersionedJSON.read(url, ifMissing: "run `ctxbench run --out \(url.deletingLastPathComponent().path)` first")
        let file = try VersionedJSON.decode(ResultsFile.self, from: data, path: url.path, schema: schemaName,
                                            versions: 1...currentVersion, remedy: "rerun `ctxbench run` to measure again")
        try file.validate(path: url.path)
        return file
    }

    /// Rejects values no run can produce (a hand-edited or damaged file), naming the first one,
    /// so analysis never divides by zero or traps on them.
    public func validate(path: String) throws {
        func bad(_ what: String) -> FileError {
            FileError(path: path, operation: .read, cause: .content("is malformed: \(what)"), nextStep: "rerun `ctxbench run` to measure again")
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
