import ArgumentParser
import Foundation
import Render
import Results
import AnalysisModel

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print per-hop medians of the brigades and their ratios to one-thread-brigade (what `make bench` shows).")

    @Argument(help: "An analysis.json.")
    var analysis: String

    func run() throws {
        let a = try Pipeline.loadAnalysis(URL(fileURLWithPath: analysis))
        print(BenchTable.text(a), terminator: "")
    }
}

struct UpdateReadmeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-readme",
        abstract: "Rewrite the block between <!-- ctxbench:summary:begin --> and <!-- ctxbench:summary:end --> with the rendered summary.",
        discussion: "Everything outside the two markers is left byte for byte as it was. A missing or doubled marker is an error.")

    @Argument(help: "The analysis.json to summarise.")
    var analysis: String
    @Option(help: "The Markdown file holding the markers.")
    var file: String = "README.md"
    @Flag(help: "Rewrite only the <!-- ctxbench:rust-reference:begin --> block (the Swift-vs-Rust table), leaving the summary as it is.")
    var referenceOnly = false
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CLIError("cannot read \(file); pass the Markdown file with --file (make readme FILE=...)")
        }
        let a = try Pipeline.loadAnalysis(URL(fileURLWithPath: analysis))
        let rendered = try Pipeline.render(URL(fileURLWithPath: analysis), templates: templateOptions)
        let block = rendered.summary.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n"
            + "<sub>Measured by `\(Regenerate.reportCommand(a))` on \(a.environment.hostname) (\(a.environment.cpuModel)), \(a.environment.date); regenerate with `make readme`.</sub>\n"
        do {
            var updated = referenceOnly ? text : try SummaryBlock.replace(in: text, with: block)
            if referenceOnly && ReferenceTable.markdown(a) == nil {
                throw CLIError("\(analysis) has no Rust reference points; run `make report REFERENCE=rust` first")
            }
            // The Swift-vs-Rust table, when this analysis has the Rust reference and the file its block.
            if SummaryBlock.has(ReferenceTable.blockName, in: updated), let table = ReferenceTable.markdown(a) {
                updated = try SummaryBlock.replace(in: updated, with: table, named: ReferenceTable.blockName)
                log("ctxbench: updated the \(ReferenceTable.blockName) block of \(file)")
            }
            // The per-variant table, when the file has its block.
            if !referenceOnly, SummaryBlock.has(VariantsTable.blockName, in: updated), let table = VariantsTable.markdown(a) {
                updated = try SummaryBlock.replace(in: updated, with: table, named: VariantsTable.blockName)
                log("ctxbench: updated the \(VariantsTable.blockName) block of \(file)")
            }
            try VersionedJSON.writeAtomically(Data(updated.utf8), to: url)
        } catch let e as SummaryBlock.MarkerError {
            throw CLIError("\(file): \(e.description)")
        }
        if !referenceOnly { log("ctxbench: updated the summary block of \(file)") }
    }
}
