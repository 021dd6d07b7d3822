import ArgumentParser
import Foundation
import Results
import AnalysisModel
import Render
import Runner

/// Where ctxbench finds its parts and what it knows about the machine before planning.
enum Locations {
    /// Folder of the running ctxbench executable (via /proc/self/exe).
    static var executableDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The ctxbench-workload executable built beside ctxbench.
    static func workloadExecutable() throws -> String {
        let path = executableDirectory.appendingPathComponent("ctxbench-workload").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CLIError("ctxbench-workload not found at \(path); build both executables with `make build`")
        }
        return path
    }

    /// report-templates/: --templates, else ./report-templates, else the source checkout
    /// the executable was built in (.build/<triple>/<config>/ -> three levels up).
    static func templates(_ explicit: String?) throws -> URL {
        let candidates = explicit.map { [URL(fileURLWithPath: $0)] } ?? [
            URL(fileURLWithPath: "report-templates"),
            executableDirectory.appendingPathComponent("../../../report-templates").standardized,
        ]
        for url in candidates where FileManager.default.fileExists(atPath: url.appendingPathComponent("report.md.mustache").path) {
            return url
        }
        throw CLIError("no report templates found (looked for report.md.mustache in \(candidates.map(\.path).joined(separator: ", "))); pass --templates DIR or run from the ctxbench checkout")
    }

    /// Creates `dir` if needed and checks a file can be written there.
    static func ensureWritable(_ dir: URL) throws {
        do { try FileIO.makeWritableFolder(dir) } catch let e as FileError { throw e.or("pick another --out") }
    }

    /// How this ctxbench was built and called, for a new results file.
    static func provenance() -> Provenance {
        Provenance(commandLine: CommandLine.arguments, swiftVersion: swiftVersion(), commit: commit(), checkout: checkout)
    }

    /// First line of `swift --version`, or "unknown".
    static func swiftVersion() -> String {
        SystemProbe.commandOutput("/usr/bin/env", ["swift", "--version"]) ?? "unknown"
    }

    /// CTXBENCH_COMMIT from the environment, else the checkout's HEAD, else "unknown".
    static func commit() -> String {
        if let c = ProcessInfo.processInfo.environment["CTXBENCH_COMMIT"], !c.isEmpty { return c }
        return SystemProbe.commandOutput("/usr/bin/env", ["git", "-C", checkout.path, "rev-parse", "--short=12", "HEAD"]) ?? "unknown"
    }

    /// The source checkout the executable was built in (.build/<triple>/<config>/ -> three levels up).
    static var checkout: URL { executableDirectory.appendingPathComponent("../../..").standardized }
}

/// The `--templates` option every rendering command shares.
struct TemplateOptions: ParsableArguments {
    @Option(help: "Template folder (default: ./report-templates, else the checkout ctxbench was built in).")
    var templates: String?

    /// The templates of --templates, or of the default folder (`Locations.templates`).
    func load() throws -> TemplateSet { try TemplateSet.load(from: try Locations.templates(templates)) }
}

/// The `--no-wait` flag every measuring command shares (run, variance).
struct MachineWaitOptions: ParsableArguments {
    @Flag(help: "Fail instead of waiting when another ctxbench run is measuring on this machine.")
    var noWait = false

    /// Whether to wait for another measuring run on this machine to finish.
    var waitForMachine: Bool { !noWait }
}
