import ArgumentParser
import Foundation
import Results
import AnalysisModel
import Analysis
import Render
import Limits
import Runner

/// `ctxbench variance`: where the variance of a headline median lives on this machine, and
/// which runs x iterations split gives the narrowest interval per second of measuring.
struct VarianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variance",
        abstract: "Measure how the spread of a median depends on process runs x iterations on this machine.",
        discussion: """
            Runs the variants that decide the claims (or --only) at several iteration counts, --runs \
            process runs each, interleaved in a shuffled order, and prints for each setting: the sd of \
            the log run medians (between runs), the sd inside a run, the lag-1 correlation of consecutive \
            runs, the seconds a run costs (and its fixed part: start, setup, warm-ups) and the 95 % \
            half-width of the median that one minute of runs at that setting buys; the best setting of \
            each variant is in bold. Writes DIR/results.json (re-analyse with --results) and \
            DIR/variance.json. The budgeted profiles' iterations per run come from this study \
            (docs/METHOD.md).
            """)

    @Option(help: "Output folder.")
    var out: String = "variance"
    @Option(help: "Comma-separated iteration counts per process run to compare (the in-memory brigade runs 20x as many).")
    var iterations: String = "15,50,200"
    @Option(help: "Process runs per variant, pinning and iteration count.")
    var runs: Int = 8
    @Option(help: ArgumentHelp("Comma-separated variants (default: those that decide the claims).", valueName: "VARIANTS"))
    var only: VariantList?
    @Option(help: "Seed of the run order.")
    var seed: UInt64?
    @Option(help: ArgumentHelp("Re-analyse this results.json of an earlier study instead of measuring.", valueName: "FILE"))
    var results: String?
    @OptionGroup var machine: MachineWaitOptions

    func validate() throws {
        guard iterationList.count >= 1, iterationList.allSatisfy({ $0 >= 1 && $0 <= 1_000_000 }) else {
            throw ValidationError("--iterations takes comma-separated counts between 1 and 1000000, e.g. 15,50,200")
        }
        guard runs >= 3 && runs <= 1_000 else { throw ValidationError("--runs must be between 3 and 1000 (a spread needs 3 runs)") }
        try Folder.check(out, flag: "--out")
    }

    var iterationList: [Int] { iterations.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let file: ResultsFile
        let dir: URL
        if let results {
            file = try ResultsFile.load(from: URL(fileURLWithPath: results))
            dir = URL(fileURLWithPath: results).deletingLastPathComponent()
        } else {
            dir = URL(fileURLWithPath: out)
            file = try measure(dir)
        }
        let rows = VarianceStudy.rows(file)
        guard !rows.isEmpty else { throw CLIError("no variant has two successful runs at one setting in \(dir.path); nothing to compare") }
        let json = JSONEncoder()
        json.outputFormatting = [.prettyPrinted, .sortedKeys]
        try json.encode(rows).write(to: dir.appendingPathComponent("variance.json"), options: .atomic)
        print(VarianceTable.markdown(rows), terminator: "")
        log("ctxbench: wrote \(dir.appendingPathComponent("variance.json").path)")
    }

    func measure(_ dir: URL) throws -> ResultsFile {
        var settings = RunSettings(folder: dir)
        settings.countSyscalls = false
        settings.settleSeconds = 0
        settings.waitForMachine = machine.waitForMachine
        let run = Run(settings: settings, workload: try Locations.workloadExecutable(), provenance: Locations.provenance)
        let variants = only?.variants
            ?? Planner.decidingRoles.compactMap(Variant.the).reduce(into: [Variant]()) { if !$0.contains($1) { $0.append($1) } }
        let seed = seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        let plan = Planner.variancePlan(variants, iterations: iterationList, runs: runs, profile: .quick, seed: seed)
        let config = Configuration(profile: "variance", seed: seed, only: variants.map(\.name), pin: .both, runsPerPoint: runs, plan: plan)
        let made = Locations.provenance()
        let env = SystemProbe.environment(commandLine: made.commandLine, swiftVersion: made.swiftVersion, commit: made.commit)
        var file = ResultsFile(environment: env, configuration: config, ctxbenchVersion: CtxbenchVersion.string)
        file.limits = LimitsProbe().read()
        let outcome = try run.execute(planned: file)
        if case .interrupted = outcome {
            throw CLIError("interrupted; the runs so far are in \(settings.resultsURL.path) (analyse them with --results)")
        }
        return outcome.file
    }
}
