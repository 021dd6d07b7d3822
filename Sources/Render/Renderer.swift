import Charts
import Foundation
import Mustache
import Results
import AnalysisModel

/// The templates of report-templates/: report.md.mustache, summary.md.mustache, and any
/// other *.mustache file as a partial (`{{> name}}`).
public struct TemplateSet: Sendable {
    public var templates: [String: String]

    public init(templates: [String: String]) { self.templates = templates }

    /// Reads every *.mustache file of `directory`.
    public static func load(from directory: URL) throws -> TemplateSet {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw RenderError("cannot read the template folder \(directory.path); pass --templates DIR")
        }
        var t = [String: String]()
        for name in names where name.hasSuffix(".mustache") {
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw RenderError("cannot read template \(url.path)")
            }
            t[String(name.dropLast(".mustache".count))] = text
        }
        for required in ["report.md", "summary.md", "comparison.md"] where t[required] == nil {
            throw RenderError("\(directory.path) has no \(required).mustache; pass the ctxbench report-templates folder with --templates")
        }
        return TemplateSet(templates: t)
    }
}

/// A render that cannot be done, with what to do.
public struct RenderError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// What `render` produces: the Markdown, the summary block alone, and the chart PNGs.
/// The CLI writes them; nothing here touches files.
public struct RenderedReport: Sendable {
    public var markdown: String
    public var summary: String
    public var charts: [ChartFile]
}

public enum Renderer {
    /// Renders the report of `analysis`. Throws when a template asks for a key the model does
    /// not have (a silent empty value would be a lie in the report).
    public static func render(_ analysis: AnalysisFile, templates: TemplateSet) throws -> RenderedReport {
        let charts: [ChartFile]
        do { charts = try ChartSpecs(a: analysis).all() } catch {
            throw RenderError("drawing the charts failed: \(error)")
        }
        let model = ReportModel(a: analysis, charts: charts).context()
        var parsed = [String: MustacheTemplate]()
        for (name, text) in templates.templates {
            do { parsed[name] = try MustacheTemplate(string: text) } catch {
                throw RenderError("template \(name).mustache does not parse: \(error)")
            }
        }
        let library = MustacheLibrary(templates: parsed)
        let markdown = try render("report.md", model, library)
        let summary = try render("summary.md", model["summary"] as! [String: Any], library)
        return RenderedReport(markdown: markdown, summary: summary, charts: charts)
    }

    static func render(_ name: String, _ values: [String: Any], _ library: MustacheLibrary) throws -> String {
        let log = LookupLog()
        guard let text = library.render(StrictContext(values, log: log), withTemplate: name) else {
            throw RenderError("template \(name).mustache is missing")
        }
        return try checked(text, name, log)
    }

    static func render(template: MustacheTemplate, name: String, _ values: [String: Any]) throws -> String {
        let log = LookupLog()
        return try checked(template.render(StrictContext(values, log: log)), name, log)
    }

    static func checked(_ text: String, _ name: String, _ log: LookupLog) throws -> String {
        let missing = log.missing
        guard missing.isEmpty else {
            throw RenderError("template \(name).mustache uses unknown key\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); fix the template or the report model")
        }
        return text
    }

    /// Cairo's version, for the report.
    static var cairoVersion: String { ChartsLibrary.cairoVersion }
}

extension ReportModel {
    var cairoVersion: String { Renderer.cairoVersion }
}
