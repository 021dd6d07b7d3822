/// Errors from the data or from GSL. Programmer errors (for example an empty input where
/// the documentation requires values) trap with a precondition instead.
public enum StatsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A GSL routine returned a non-zero status. `function` is the GSL function name,
    /// `status` its `GSL_E*` code and `message` GSL's `gsl_strerror` text for it.
    case gsl(function: String, status: Int32, message: String)
    /// The data cannot support the requested estimate (too few points, no spread...).
    /// The string says what was missing and what would fix it.
    case insufficientData(String)

    public var description: String {
        switch self {
        case let .gsl(function, status, message):
            return "GSL error in \(function): \(message) (status \(status))"
        case let .insufficientData(reason):
            return "insufficient data: \(reason)"
        }
    }
}
