import Foundation

/// Pure helpers for value axes: tick generation and tick-label formatting.
public enum Axis {
    /// Tick positions that cover `[min, max]` with "nice" values.
    ///
    /// Linear axes use steps of 1, 2 or 5 times a power of ten, at most `maxIntervals`
    /// intervals; the first tick is <= `min` and the last >= `max`, so they double as the
    /// axis bounds. Log axes use decades (10^k), thinned to at most 8 labelled decades; when
    /// the range spans two decades or fewer, 2x and 5x ticks are added. On a log axis
    /// non-positive bounds are meaningless: a non-positive `min` is replaced by `max / 10`
    /// and a non-positive `max` gives the default decade `[1, 10]`.
    public static func niceTicks(min: Double, max: Double, log: Bool = false, maxIntervals: Int = 8) -> [Double] {
        var lo = Swift.min(min, max)
        var hi = Swift.max(min, max)
        guard lo.isFinite, hi.isFinite else { return log ? [1, 10] : [0, 1] }
        if log {
            guard hi > 0 else { return [1, 10] }
            if lo <= 0 { lo = hi / 10 }
            return logTicks(lo: lo, hi: hi)
        }
        if lo == hi {
            if lo == 0 { hi = 1 } else { let pad = abs(lo) * 0.1; lo -= pad; hi += pad }
        }
        return linearTicks(lo: lo, hi: hi, maxIntervals: Swift.max(1, maxIntervals))
    }

    private static func linearTicks(lo: Double, hi: Double, maxIntervals: Int) -> [Double] {
        let raw = (hi - lo) / Double(maxIntervals)
        var exponent = Int(Foundation.floor(Foundation.log10(raw)))
        let mantissas: [Double] = [1, 2, 5]
        while true {
            for mantissa in mantissas {
                let step = mantissa * power10(exponent)
                let first = Foundation.floor(lo / step + 1e-9)
                let last = Foundation.ceil(hi / step - 1e-9)
                if last - first <= Double(maxIntervals) {
                    return stride(from: Int(first), through: Int(last), by: 1).map {
                        exponent >= 0 ? Double($0) * mantissa * power10(exponent)
                            : Double($0) * mantissa / power10(-exponent)
                    }
                }
            }
            exponent += 1
        }
    }

    private static func logTicks(lo: Double, hi: Double) -> [Double] {
        let first = Int(Foundation.floor(Foundation.log10(lo) + 1e-9))
        var last = Int(Foundation.ceil(Foundation.log10(hi) - 1e-9))
        if last <= first { last = first + 1 }
        let span = last - first
        let step = span > 8 ? (span + 7) / 8 : 1
        last = first + ((span + step - 1) / step) * step
        var ticks = stride(from: first, through: last, by: step).map { power10($0) }
        if span <= 2 {
            for decade in first..<last {
                ticks += [2.0, 5.0].map { $0 * power10(decade) }
            }
            ticks.sort()
        }
        return ticks
    }

    /// Unlabelled minor ticks for a log axis: 2..9 times each decade inside `[lower, upper]`.
    static func minorLogTicks(lower: Double, upper: Double) -> [Double] {
        guard lower > 0, upper > lower else { return [] }
        let first = Int(Foundation.floor(Foundation.log10(lower)))
        let last = Int(Foundation.ceil(Foundation.log10(upper)))
        guard last - first <= 12 else { return [] }
        var result: [Double] = []
        for decade in first..<last {
            for m in 2...9 {
                let v = Double(m) * power10(decade)
                if v > lower * (1 + 1e-9) && v < upper * (1 - 1e-9) { result.append(v) }
            }
        }
        return result
    }

    /// 10 raised to an integer power, exact for the ranges charts use.
    static func power10(_ exponent: Int) -> Double {
        exponent >= 0 ? Foundation.pow(10, Double(exponent)) : 1 / Foundation.pow(10, Double(-exponent))
    }

    /// Formats an axis value with 3 significant digits; values >= 1000 use SI suffixes
    /// (1k, 25k, 1.5M, 2G), values below 0.001 use exponent form (2e-5).
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        let rounded = roundSignificant(value, digits: 3)
        if rounded == 0 { return "0" }
        let magnitude = abs(rounded)
        let sign = rounded < 0 ? "-" : ""
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where magnitude >= scale {
            return sign + plain(roundSignificant(magnitude / scale, digits: 3)) + suffix
        }
        if magnitude < 1e-3 {
            let exponent = Int(Foundation.floor(Foundation.log10(magnitude)))
            let mantissa = roundSignificant(magnitude / power10(exponent), digits: 3)
            return sign + plain(mantissa) + "e\(exponent)"
        }
        return sign + plain(magnitude)
    }

    /// `value` rounded to `digits` significant digits.
    static func roundSignificant(_ value: Double, digits: Int) -> Double {
        guard value != 0, value.isFinite else { return value }
        let exponent = Int(Foundation.floor(Foundation.log10(abs(value))))
        let shift = digits - 1 - exponent
        return shift >= 0
            ? (value * power10(shift)).rounded() / power10(shift)
            : (value / power10(-shift)).rounded() * power10(-shift)
    }

    /// Decimal text for a positive value in [0.001, 1000) already rounded to 3 significant
    /// digits, without trailing zeros.
    private static func plain(_ magnitude: Double) -> String {
        let exponent = Int(Foundation.floor(Foundation.log10(magnitude)))
        let decimals = Swift.max(0, 2 - exponent)
        let scale = Int(power10(decimals))
        let scaled = Int((magnitude * Double(scale)).rounded())
        let whole = scaled / scale
        var fraction = decimals > 0 ? String(scaled % scale) : ""
        if decimals > 0 {
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }
}
