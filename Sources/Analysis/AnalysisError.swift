import Results

/// An analysis that cannot be done, with what to do.
public struct AnalysisError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
