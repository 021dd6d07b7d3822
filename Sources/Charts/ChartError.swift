/// Errors thrown while laying out or rendering a chart.
public enum ChartError: Error, CustomStringConvertible, Equatable {
    /// Cairo reported a failure (surface creation, drawing or PNG encoding); the payload is Cairo's message.
    case cairo(String)
    /// The chart has nothing to draw; the payload says which chart and why.
    case emptyData(String)

    /// A one-line human-readable description.
    public var description: String {
        switch self {
        case .cairo(let message): return "cairo error: \(message)"
        case .emptyData(let message): return "empty chart: \(message)"
        }
    }
}
