import AnalysisModel

/// Where a report's figures come from, in the words of the footnotes under its tables.
public enum Regenerate {
    /// The `make report` line that measures a run like `a`'s: its profile (quick is the default)
    /// and the Rust reference when the run had it.
    public static func reportCommand(_ a: AnalysisFile) -> String {
        "make report" + (a.configuration.profile == "quick" ? "" : " PROFILE=\(a.configuration.profile)")
            + ((a.references ?? []).isEmpty ? "" : " REFERENCE=rust")
    }
}
