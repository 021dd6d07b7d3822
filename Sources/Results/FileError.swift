import Foundation
import SystemCall
#if canImport(Glibc)
import Glibc
#endif

/// A file ctxbench could not read, save or use, said in one line: what was being done to which
/// file, why (the system's errno, or what is wrong with what it holds) and what to do next.
/// "cannot save report/results.json: no space left on device; free some space on its disk".
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What was being done to the file.
    public enum Operation: String, Sendable {
        case read = "read"
        case save = "save"
        case createFolder = "create the folder"
        case writeInFolder = "write in the folder"
        case lock = "open the lock file"
    }

    /// Why it failed.
    public enum Cause: Equatable, Sendable {
        /// The system refused: a POSIX errno (ENOSPC, EACCES, ENOENT, ...).
        case system(errno: Int32)
        /// The file was read but cannot be used: what is wrong with it, as a predicate of the
        /// file ("is not valid JSON (truncated or corrupt?)").
        case content(String)
    }

    /// The file (or folder) as the user named it or ctxbench derived it.
    public var path: String
    public var operation: Operation
    public var cause: Cause
    /// What to do about it.
    public var nextStep: String

    /// `nextStep` nil: the usual remedy of the cause (`remedy(errno:operation:)`).
    public init(path: String, operation: Operation, cause: Cause, nextStep: String? = nil) {
        self.path = path
        self.operation = operation
        self.cause = cause
        switch cause {
        case .system(let e): self.nextStep = nextStep ?? Self.remedy(errno: e, operation: operation)
        case .content: self.nextStep = nextStep ?? "check the file"
        }
    }

    /// What failed, without the next step: "cannot save X: no space left on device", or
    /// "X is not valid JSON (truncated or corrupt?)".
    public var headline: String {
        switch cause {
        case .system(let e): "cannot \(operation.rawValue) \(path): \(Self.reason(errno: e))"
        case .content(let problem): "\(path) \(problem)"
        }
    }

    public var description: String { "\(headline); \(nextStep)" }

    /// The errno, when the system refused.
    public var errno: Int32? {
        if case .system(let e) = cause { return e }
        return nil
    }

    /// strerror's words in lower case: "no space left on device".
    public static func reason(errno e: Int32) -> String {
        let text = Errno.message(e)
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// The usual next step after `errno` on a file, an imperative a caller may extend with
    /// ", or pick another --out".
    public static func remedy(errno e: Int32, operation: Operation) -> String {
        switch e {
        case ENOSPC, EDQUOT: "free some space on its disk"
        case EACCES, EPERM: "check its permissions"
        case EROFS: "remount its disk read-write"
        case ENOENT: operation == .read ? "check the path" : "check that its folder exists"
        case EISDIR: "pass a file, not a folder"
        case ENOTDIR, EEXIST: "move the file in the way"
        case ENAMETOOLONG: "use a shorter path"
        default: "check the path and the disk"
        }
    }

    /// The same error with `alternative` offered after its next step ("..., or pick another --out").
    public func or(_ alternative: String) -> FileError {
        var e = self
        e.nextStep += ", or \(alternative)"
        return e
    }
}

extension FileError {
    /// The same failure from a Foundation file error (CocoaError or a POSIX NSError): its
    /// POSIX errno (the underlying error's, else the Cocoa code's) and its path. Nil when the
    /// error is not about a file or names no errno.
    public init?(foundation error: Error, path: String? = nil, operation: Operation? = nil, nextStep: String? = nil) {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
        let named = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        guard let path = path ?? named else { return nil }
        var code: Int32? = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : nil
        if let under = ns.userInfo[NSUnderlyingErrorKey] as? NSError, under.domain == NSPOSIXErrorDomain {
            code = Int32(under.code)
        }
        if code == nil, ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: code = ENOENT
            case .fileWriteOutOfSpace: code = ENOSPC
            case .fileReadNoPermission, .fileWriteNoPermission: code = EACCES
            case .fileWriteVolumeReadOnly: code = EROFS
            case .fileWriteFileExists: code = EEXIST
            default: break
            }
        }
        guard let code else { return nil }
        // Cocoa's read codes are 256...511, its write codes 512...767.
        let op = operation ?? ((256...511).contains(ns.code) && ns.domain == NSCocoaErrorDomain ? .read : .save)
        self.init(path: path, operation: op, cause: .system(errno: code), nextStep: nextStep)
    }
}
