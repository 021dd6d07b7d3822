internal import CGSL

/// Namespace for facts about the statistics backend.
///
/// Everything in this module is computed with the GNU Scientific Library (GSL). The free
/// functions (`summarize`, `meanTInterval`, `spearman`, `linearFit`, `mannWhitney`,
/// `tukeyOutliers`) and `Bootstrap` are the public surface; no C type or pointer leaks out.
public enum Stats {
    /// The GSL version this module was built against (the `GSL_VERSION` header string),
    /// for example `"2.7.1"`. Record it next to results so a re-analysis can tell whether
    /// the numerical library changed.
    public static var gslVersion: String {
        GSL_VERSION
    }
}
