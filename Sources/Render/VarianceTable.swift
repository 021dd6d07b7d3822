import Results
import AnalysisModel

/// `ctxbench variance`'s table in words.
public enum VarianceTable {
    /// The table as Markdown, best setting of each variant in bold.
    public static func markdown(_ rows: [VarianceRow]) -> String {
        var out = "| variant | pin | iterations | runs | sd log, between runs | sd log, within a run | lag-1 | s per run | fixed s | ±95 % after 1 min |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let b = r.best ? "**" : ""
            out += "| \(r.variant) | \(r.pinned ? "pinned" : "unpinned") | \(b)\(r.iterations)\(b) | \(r.runs) | \(Format.sig3(r.betweenLogSD)) | \(Format.sig3(r.withinLogSD)) | \(r.lag1.map(Format.sig3) ?? "—") | \(Format.sig3(r.wallSeconds)) | \(Format.sig3(r.fixedSeconds)) | \(b)\(Format.sig3(100 * r.halfWidthPerMinute)) %\(b) |\n"
        }
        return out
    }
}
