import Charts
import Foundation
import Mustache
import Results
import AnalysisModel

/// COMPARISON.md and its chart from a Comparison (report-templates/comparison.md.mustache).
public enum ComparisonRenderer {
    public static func render(_ c: Comparison, templates: TemplateSet) throws -> RenderedReport {
        guard let text = templates.templates["comparison.md"] else {
            throw RenderError("the template folder has no comparison.md.mustache; pass the ctxbench report-templates folder with --templates")
        }
        let template: MustacheTemplate
        do { template = try MustacheTemplate(string: text) } catch {
            throw RenderError("template comparison.md.mustache does not parse: \(error)")
        }
        let chart = try perHopChart(c)
        var context = model(c)
        context["chart"] = chart.map { ["path": "charts/\($0.fileName)", "caption": $0.caption] } ?? false
        let markdown = try Renderer.render(template: template, name: "comparison.md", context)
        return RenderedReport(markdown: markdown, summary: "", charts: chart.map { [$0] } ?? [])
    }

    static func estimate(_ e: Estimated?) -> String {
        e.map { Format.estimate($0) } ?? "not run"
    }

    /// "2.86 %", plus how many runs were measured beside other load when any were.
    static func noise(_ c: Comparison, _ i: Int) -> String {
        let floor = Format.sig3(c.noiseFloors[i] * 100) + " %"
        guard let n = c.interferedRuns?[i], n > 0 else { return floor }
        return floor + " (\(n) process run\(n == 1 ? "" : "s") measured beside other load)"
    }

    /// "same", or "inconclusive (about 14 runs per side would decide)".
    static func verdictCell(_ r: ComparisonRow, _ i: Int) -> String {
        guard r.verdicts[i] == "inconclusive" else { return r.verdicts[i] }
        guard let runs = r.runsNeeded?[i] else { return "inconclusive (on the band's edge)" }
        return "inconclusive (about \(runs) runs per side would decide)"
    }

    /// Rows per verdict: "40 same, 3 inconclusive".
    static func counts(_ c: Comparison) -> String {
        let all = c.rows.flatMap(\.verdicts)
        return ["same", "faster", "slower", "inconclusive", "not run"].compactMap { v in
            let n = all.filter { $0 == v }.count
            return n > 0 ? "\(n) \(v)" : nil
        }.joined(separator: ", ")
    }

    static func model(_ c: Comparison) -> [String: Any] {
        let others = Array(c.machines.dropFirst())
        return [
            "baseline": c.machines[0].label,
            "machines": c.machines.enumerated().map { i, m in
                ["label": m.label, "path": m.path, "noise": noise(c, i)]
            },
            "others": others.map { ["label": $0.label] },
            "delta": Format.sig3(c.delta * 100) + " %",
            "counts": counts(c),
            "rows": c.rows.map { r -> [String: Any] in
                [
                    "label": "\(r.variant) \(r.pinned ? "pinned" : "unpinned") N=\(Format.count(r.tasks))\(r.group == .main ? "" : " (\(r.group.rawValue))")",
                    "unit": r.kind == .creation ? "per item" : "per hop",
                    "medians": r.medians.map { ["value": estimate($0)] },
                    "comparisons": r.ratios.indices.map { i -> [String: Any] in
                        [
                            "ratio": r.ratios[i].map(Format.ratioEstimate) ?? "—",
                            "p": r.pValues[i].map { String(format: "%.3f", $0) } ?? "—",
                            "verdict": verdictCell(r, i),
                        ]
                    },
                ]
            },
            "hasNotComparable": !c.notComparable.isEmpty,
            "notComparable": c.notComparable.map { ["reason": $0] },
            "claims": c.claims.map { claim -> [String: Any] in
                ["id": claim.id, "claim": ClaimText.claim(claim.id)?.claim ?? claim.id,
                 "verdicts": claim.verdicts.map { ["verdict": $0.map(ClaimText.label) ?? "not run"] }]
            },
            "environment": environment(c.machines).map { e in
                ["name": e.name, "values": e.values.map { ["value": $0] }, "mark": e.differs ? "≠" : ""]
            },
        ]
    }

    static func perHopChart(_ c: Comparison) throws -> ChartFile? {
        let rows = c.rows.filter { $0.group == .main && $0.kind == .brigade && $0.medians.contains { $0 != nil } }
        guard !rows.isEmpty else { return nil }
        let series = c.machines.indices.map { i in
            BarSeries(name: c.machines[i].label, values: rows.map { $0.medians[i].map { $0.value / 1e3 } },
                      lower: rows.map { $0.medians[i].map { $0.lower / 1e3 } }, upper: rows.map { $0.medians[i].map { $0.upper / 1e3 } })
        }
        let chart = BarChart(title: "Per-hop cost by machine (log scale)", yLabel: "per hop (µs)",
                             categories: rows.map { "\($0.variant)\($0.pinned ? " (pinned)" : "")" }, series: series, logScale: true)
        return ChartFile(key: .compare,
                         caption: "Per-hop cost of each brigade on each machine (median of process medians; whiskers: 95 % CI; log scale).",
                         png: try chart.renderPNG())
    }

    /// One row per environment field, each machine's value, rows that differ marked.
    static func environment(_ m: [ComparedMachine]) -> [(name: String, values: [String], differs: Bool)] {
        func row(_ name: String, _ f: (ComparedMachine) -> String) -> (name: String, values: [String], differs: Bool) {
            let values = m.map(f)
            return (name, values, Set(values).count > 1)
        }
        return [
            row("CPU") { $0.environment.cpuModel }, row("logical CPUs") { String($0.environment.logicalCPUs) },
            row("memory") { Format.bytes(Double($0.environment.memoryBytes)) }, row("kernel") { $0.environment.kernel },
            row("virtualisation") { $0.environment.virtualization }, row("governor") { $0.environment.governor ?? "not exposed" },
            row("Swift") { $0.environment.swiftVersion }, row("ctxbench") { "\($0.ctxbenchVersion) (\($0.environment.ctxbenchCommit))" },
            row("profile") { $0.profile },
            row("thread limit") { r in r.limits.map { "\(Format.count($0.threadCapacity ?? 0)) (\($0.threadBinding ?? "?"))" } ?? "not recorded" },
            row("link limit") { r in r.limits.map { "\(Format.count($0.linkCapacity ?? 0)) (\($0.linkBinding ?? "?"))" } ?? "not recorded" },
            row("date") { $0.environment.date },
        ]
    }
}
