import ArgumentParser
import Analysis
import Foundation
import Render
import Results
import AnalysisModel
import Runner

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Compute statistics and verdicts from results.json into analysis.json (GSL; deterministic).")

    @Argument(help: "The results.json written by `ctxbench run`.")
    var results: String
    @Option(help: "Where to write the analysis (default: analysis.json beside the results).")
    var out: String?
    @Option(help: "Bootstrap seed (default: the run's seed, so re-analysis gives identical numbers).")
    var seed: UInt64?
    @Flag(help: "Analyse the results of a run still in progress (as an interrupted run).")
    var partial = false

    func run() throws {
        let url = URL(fileURLWithPath: results)
        if !partial { try Pipeline.refuseRunInProgress(url.deletingLastPathComponent()) }
        let outURL = out.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent().appendingPathComponent("analysis.json")
        try Pipeline.analyze(url, to: outURL, seed: seed)
        log("ctxbench: wrote \(outURL.path)")
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write REPORT.md and charts/*.png from analysis.json and the templates in report-templates/.")

    @Argument(help: "The analysis.json written by `ctxbench analyze`.")
    var analysis: String
    @Option(help: "Output folder (default: the folder of analysis.json).")
    var out: String?
    @OptionGroup var templateOptions: TemplateOptions
    @Flag(help: "Print only the summary block (for a README) to stdout; write nothing.")
    var summaryOnly = false

    func run() throws {
        let url = URL(fileURLWithPath: analysis)
        let dir = out.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        let rendered = try Pipeline.render(url, templates: templateOptions)
        if summaryOnly {
            print(rendered.summary, terminator: "")
            return
        }
        try Pipeline.write(rendered, to: dir)
        log("ctxbench: wrote \(dir.appendingPathComponent("REPORT.md").path) and \(rendered.charts.count) charts")
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "analyze + render from an existing DIR/results.json (measures nothing).")

    @Argument(help: "Folder holding results.json.")
    var dir: String = "report"
    @OptionGroup var templateOptions: TemplateOptions
    @Flag(help: "Report on a run still in progress (as an interrupted run).")
    var partial = false

    func run() throws {
        let folder = URL(fileURLWithPath: dir)
        if !partial { try Pipeline.refuseRunInProgress(folder) }
        let analysisURL = folder.appendingPathComponent("analysis.json")
        try Pipeline.analyze(folder.appendingPathComponent("results.json"), to: analysisURL, seed: nil)
        let rendered = try Pipeline.render(analysisURL, templates: templateOptions)
        try Pipeline.write(rendered, to: folder)
        print(folder.appendingPathComponent("REPORT.md").path)
    }
}

/// The file side of analyze and render: read, call the pure stage, write atomically.
enum Pipeline {
    /// Fails when a `ctxbench run` holds the lock of `folder`: its results.json is not final yet.
    static func refuseRunInProgress(_ folder: URL) throws {
        guard let holder = RunLock.holderIfHeld(RunLock.folderPath(folder)) else { return }
        throw CLIError("a run is still writing \(folder.path)\(holder.map { " (pid \($0))" } ?? ""); wait for it to finish, or add --partial to look at what it has measured so far")
    }

    static func analyze(_ resultsURL: URL, to outURL: URL, seed: UInt64?) throws {
        let results = try ResultsFile.load(from: resultsURL)
        let analysis = try Analyzer(seed: seed).analyze(results, resultsFileName: resultsURL.lastPathComponent)
        try Locations.ensureWritable(outURL.deletingLastPathComponent())
        try analysis.save(to: outURL)
    }

    /// Reads analysis.json; one of an older schema is converted by analysing the results.json
    /// beside it again (said on stderr), or refused with the command that converts it.
    static func loadAnalysis(_ url: URL) throws -> AnalysisFile {
        do {
            return try AnalysisFile.load(from: url)
        } catch let old as OlderAnalysisSchema {
            let results = url.deletingLastPathComponent().appendingPathComponent(old.resultsFile)
            guard FileManager.default.fileExists(atPath: results.path) else { throw CLIError(old.description) }
            FileHandle.standardError.write(Data("ctxbench: \(url.path) is analysis schema v\(old.version) (ctxbench \(old.writtenBy)); converting: analysing \(results.path) again (the file itself is left as it is)\n".utf8))
            return try Analyzer().analyze(try ResultsFile.load(from: results), resultsFileName: old.resultsFile)
        }
    }

    static func render(_ analysisURL: URL, templates: TemplateOptions) throws -> RenderedReport {
        let analysis = try loadAnalysis(analysisURL)
        return try Renderer.render(analysis, templates: try templates.load())
    }

    static func write(_ r: RenderedReport, to dir: URL) throws {
        let charts = dir.appendingPathComponent("charts")
        try Locations.ensureWritable(charts)
        for c in r.charts {
            try VersionedJSON.writeAtomically(Data(c.png), to: charts.appendingPathComponent(c.fileName))
        }
        try VersionedJSON.writeAtomically(Data(r.markdown.utf8), to: dir.appendingPathComponent("REPORT.md"))
    }
}
