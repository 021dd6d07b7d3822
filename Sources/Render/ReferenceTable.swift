import Results
import AnalysisModel

/// The "Swift against the study's design" table as Markdown, for the README block that
/// `ctxbench update-readme` regenerates from an analysis (never written by hand).
public enum ReferenceTable {
    /// The README block's name: `<!-- ctxbench:rust-reference:begin -->`.
    public static let blockName = "rust-reference"

    /// nil when the analysis has no reference distances.
    public static func markdown(_ a: AnalysisFile) -> String? {
        guard let refs = a.references, !refs.isEmpty else { return nil }
        var out = "| Swift variant | the study's design in Rust | pinning | N or K | Swift | Rust | Swift / Rust [95 % CI] | Mann-Whitney p |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for r in refs {
            out += "| \(r.variant) | \(r.reference) | \(r.pinned ? "pinned" : "unpinned") | \(Format.count(r.tasks)) | "
                + "\(Format.nanos(r.variantPerUnit)) | \(Format.nanos(r.referencePerUnit)) | \(Format.ratioEstimate(r.ratio)) | "
                + "\(ReportModel.pValue(r.mannWhitneyP)) |\n"
        }
        if let claims = a.rustClaims {
            let decided = claims.filter { $0.verdict != .notRun }
            out += "\nThe claims judged on the Rust reference by the same rules: "
                + decided.map { "\($0.id) \(ClaimText.label($0))" }.joined(separator: "; ")
                + (decided.count < claims.count ? "; \(claims.count - decided.count) not run" : "") + ".\n"
        }
        out += "\n<sub>\(a.points.first { $0.variant.row.referenceOf.isEmpty == false }?.runsOK ?? 0) runs per Rust point (the Swift points as many or more), profile `\(a.configuration.profile)`, "
            + "on \(a.environment.hostname) (\(a.environment.cpuModel)), \(a.environment.date); regenerate with "
            + "`\(Regenerate.reportCommand(a)) && make readme`.</sub>\n"
        return out
    }
}
