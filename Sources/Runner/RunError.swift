import Foundation
import Results

/// Why a run cannot start or go on, with what to do: each one line.
public enum RunError: Error, CustomStringConvertible, Equatable {
    /// Another `ctxbench run` holds the output folder's lock (its pid, when it wrote one).
    case folderInUse(folder: URL, pid: Int32?)
    /// Another run is measuring on this machine and waiting was declined.
    case machineBusy(lock: String, pid: Int32?)
    /// The folder holds a run already and neither resume nor force was asked.
    case resultsExist(URL)
    /// results.json could not be saved. `measured`: process runs measured so far (earlier
    /// sessions of a resumed run included); `kept`: how many of them the file on disk holds
    /// (its last save), nil when nothing of this run is on disk.
    case notSaved(FileError, measured: Int, kept: Int?)

    public var description: String {
        switch self {
        case .folderInUse(let folder, let pid):
            let who = pid.map { "the run of pid \($0)" } ?? "another ctxbench run"
            let stop = pid.map { " (or stop it: kill -INT \($0), then `ctxbench run --resume \(folder.relativePath)`)" } ?? ""
            return "\(folder.path) is in use by \(who); wait for it to finish\(stop), or pick another --out"
        case .machineBusy(let lock, let pid):
            return "another ctxbench run\(pid.map { " (pid \($0))" } ?? "") is measuring on this machine (lock \(lock)); two runs would spoil each other's figures: rerun without --no-wait to queue behind it"
        case .resultsExist(let url):
            return "\(url.path) already holds a run; finish it with `ctxbench run --resume \(url.deletingLastPathComponent().relativePath)`, overwrite it with --force, or pick another --out"
        case .notSaved(let e, let measured, let kept):
            return Self.notSavedLine(e, measured: measured, kept: kept)
        }
    }

    /// "cannot save DIR/results.json: no space left on device; the 12 process runs measured so
    /// far are kept in DIR/results.json: free some space on its disk, then finish with ...".
    static func notSavedLine(_ e: FileError, measured: Int, kept: Int?) -> String {
        let folder = URL(fileURLWithPath: e.path).deletingLastPathComponent().relativePath
        let resume = "then finish the run with `ctxbench run --resume \(folder)`"
        func runs(_ n: Int) -> String { n == 1 ? "1 process run" : "\(n) process runs" }
        guard let kept, measured > 0 else {
            let what = measured == 0 ? "nothing was measured yet" : "nothing was saved (\(runs(measured)) measured, lost)"
            return "\(e.headline); \(what): \(e.or("pick another --out").nextStep)"
        }
        if kept == measured {
            return "\(e.headline); the \(runs(measured)) measured so far are kept in \(e.path): \(e.nextStep), \(resume)"
        }
        return "\(e.headline); \(kept) of the \(runs(measured)) measured so far are kept in \(e.path) (its last save; \(measured - kept) lost): \(e.nextStep), \(resume)"
    }
}
