internal import CGSL

/// The single gate between this module and GSL's error reporting.
///
/// GSL's default error handler calls `abort()`. `prepare()` swaps it off exactly once per
/// process (`gsl_set_error_handler_off`), after which GSL reports errors only through
/// return codes, which `check(_:_:)` turns into `StatsError.gsl`.
enum GSL {
    /// Swift runs a static initialiser exactly once, thread-safely, on first use.
    private static let errorHandlerOff: Void = {
        _ = gsl_set_error_handler_off()
    }()

    /// Call before any GSL routine that might report an error.
    static func prepare() {
        _ = errorHandlerOff
    }

    /// The throwing funnel for every GSL status code (`GSL_SUCCESS` is 0).
    /// - Parameters:
    ///   - status: the value returned by the GSL routine.
    ///   - function: the GSL function's name, for the error message.
    static func check(_ status: Int32, _ function: String) throws(StatsError) {
        guard Int(status) != GSL_SUCCESS else { return }
        let message = gsl_strerror(status).map { String(cString: $0) } ?? "unknown error"
        throw StatsError.gsl(function: function, status: status, message: message)
    }

    /// Percentile `f` in [0, 1] of data sorted ascending, with GSL's
    /// `gsl_stats_quantile_from_sorted_data` (linear interpolation between the order
    /// statistics at `f * (n - 1)`, the same as numpy's default `"linear"` method).
    ///
    /// GSL interpolates as `(1 - d) * a + d * b`, which can fall an ulp outside `[a, b]`
    /// even when `a == b`; the result is clamped to its two neighbours so that a constant
    /// sample gives exactly that constant.
    static func quantile(sorted: UnsafeBufferPointer<Double>, _ f: Double) -> Double {
        precondition(!sorted.isEmpty && (0...1).contains(f))
        let n = sorted.count
        let q = gsl_stats_quantile_from_sorted_data(sorted.baseAddress, 1, n, f)
        let lhs = min(Int(f * Double(n - 1)), n - 1)
        let rhs = min(lhs + 1, n - 1)
        return min(max(q, sorted[lhs]), sorted[rhs])
    }

    /// Sorts `values` ascending in place with `gsl_sort`.
    static func sort(_ values: inout [Double]) {
        values.withUnsafeMutableBufferPointer { p in
            gsl_sort(p.baseAddress, 1, p.count)
        }
    }
}
