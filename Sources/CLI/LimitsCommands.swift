import ArgumentParser
import Foundation
import Limits
import Results
import AnalysisModel

struct LimitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Print every limit that caps threads or brigade links here, which binds first, and how to raise it.")

    @Flag(help: "Print the same as JSON (the `limits` section of results.json).")
    var json = false

    @Option(help: "Brigade members (and threads) the advice is for: each limit says what to raise it to for them, or that it is enough.")
    var tasks: Int = LimitsProbe.defaultWantedMembers

    func validate() throws {
        guard tasks >= 1 && tasks <= 100_000_000 else { throw ValidationError("--tasks must be between 1 and 100000000") }
    }

    func run() throws {
        let report = LimitsProbe(wantedMembers: tasks).read()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(renderLimitsText(report), terminator: "")
        }
    }
}

struct ProbeThreadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe-threads",
        abstract: "Create idle threads until creation fails, --max is reached or a safety margin would be crossed; say which limit stopped it.",
        discussion: "Never part of a profile. Keeps 512 pids and 512 MiB free so the machine stays usable, and joins every thread before exiting.")

    @Option(help: "Stop after this many threads.")
    var max: Int = 100_000

    func validate() throws {
        guard max >= 1 && max <= 10_000_000 else { throw ValidationError("--max must be between 1 and 10000000") }
    }

    func run() throws {
        let report = LimitsProbe().read()
        log("ctxbench: creating up to \(Format.count(max)) idle threads (64 KiB stacks)...")
        let r = ThreadProbe(max: max).run(report: report)
        print("created \(Format.count(r.created)) threads in \(String(format: "%.2f", r.seconds)) s; stopped: \(r.stoppedBecause)")
        if let limit = r.matchingLimit { print("limit: \(limit)") }
        if let t = report.threadCapacity, let b = report.threadBinding {
            print("limits predicted at most \(Format.count(t)) threads here (binding: \(b))")
        }
    }
}
