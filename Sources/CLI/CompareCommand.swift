import ArgumentParser
import Analysis
import Foundation
import Render
import Results
import AnalysisModel

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare results files of several machines (or before/after): COMPARISON.md with ratios, CIs, p-values and verdicts, and comparison.json with the same numbers.",
        discussion: "The first file is the baseline. Only equal variants and parameters are compared; the rest is listed as not comparable.")

    @Argument(help: "Two or more results.json files; the first is the baseline.")
    var results: [String]
    @Option(help: "Output folder for COMPARISON.md and charts/.")
    var out: String = "comparison"
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        guard results.count >= 2 else { throw ValidationError("compare needs at least two results.json files, got \(results.count)") }
    }

    func run() throws {
        let files = try results.map { ($0, try ResultsFile.load(from: URL(fileURLWithPath: $0))) }
        let comparison = try Comparer().compare(files.map { (path: $0.0, results: $0.1) })
        let set = try templateOptions.load()
        let rendered = try ComparisonRenderer.render(comparison, templates: set)
        let dir = URL(fileURLWithPath: out)
        try Locations.ensureWritable(dir.appendingPathComponent("charts"))
        for c in rendered.charts {
            try VersionedJSON.writeAtomically(Data(c.png), to: dir.appendingPathComponent("charts").appendingPathComponent(c.fileName))
        }
        try VersionedJSON.writeAtomically(Data(rendered.markdown.utf8), to: dir.appendingPathComponent("COMPARISON.md"))
        // The numbers behind COMPARISON.md, for scripts (the same values, unformatted).
        try VersionedJSON.writeAtomically(try VersionedJSON.encode(comparison), to: dir.appendingPathComponent("comparison.json"))
        print(dir.appendingPathComponent("COMPARISON.md").path)
    }
}
