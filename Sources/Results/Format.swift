import Foundation

/// Number formatting shared by analysis (claim figures) and the report: 3 significant
/// digits, the unit chosen per value (METHOD.md conventions). Locale-independent.
public enum Format {
    /// 3 significant digits, no exponent for ordinary magnitudes ("1.23", "45.6", "789", "12300").
    public static func sig3(_ x: Double) -> String { sig(x, digits: 3) }

    /// `digits` significant digits (at least 1), no exponent for ordinary magnitudes.
    public static func sig(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "-∞") }
        if x == 0 { return "0" }
        let digits = max(1, digits)
        let mag = Int(floor(log10(abs(x))))
        if mag < -5 { return String(format: "%.\(digits - 1)e", x) }
        let decimals = max(0, digits - 1 - mag)
        if decimals == 0 {
            let scale = pow(10, Double(mag - digits + 1))
            return String(format: "%.0f", (x / scale).rounded() * scale)
        }
        return String(format: "%.\(decimals)f", x)
    }

    /// A duration given in nanoseconds: "812 ns", "4.56 µs", "1.23 ms", "2.50 s".
    public static func nanos(_ ns: Double) -> String { nanos(ns, digits: 3) }

    /// A duration in nanoseconds with `digits` significant digits.
    public static func nanos(_ ns: Double, digits: Int) -> String {
        scaled(ns, digits: digits, units: [(1e9, "s"), (1e6, "ms"), (1e3, "µs")], base: "ns")
    }

    /// Bytes: "512 B", "9.52 KiB", "466 MiB".
    public static func bytes(_ b: Double) -> String { bytes(b, digits: 3) }

    /// Bytes with `digits` significant digits.
    public static func bytes(_ b: Double, digits: Int) -> String {
        scaled(b, digits: digits, units: [(1_073_741_824, "GiB"), (1_048_576, "MiB"), (1024, "KiB")], base: "B")
    }

    /// `x` in the first of `units` (largest first) its magnitude reaches, else in `base`.
    private static func scaled(_ x: Double, digits: Int, units: [(size: Double, name: String)], base: String) -> String {
        for unit in units where abs(x) >= unit.size { return sig(x / unit.size, digits: digits) + " " + unit.name }
        return sig(x, digits: digits) + " " + base
    }

    /// An interval with `unit` applied to both ends: "[4.10 µs, 4.68 µs]".
    public static func interval(_ lower: Double, _ upper: Double, _ unit: (Double) -> String = sig3) -> String {
        "[\(unit(lower)), \(unit(upper))]"
    }

    /// An interval whose two ends print apart: 3 significant digits, more (up to 6) when the
    /// ends differ but would print the same ("[2.147 µs, 2.152 µs]", never "[2.15 µs, 2.15 µs]").
    /// `unit` formats a value with a number of significant digits (`Format.nanos`, `bytes`, `sig`).
    public static func interval(_ lower: Double, _ upper: Double, digits unit: (Double, Int) -> String) -> String {
        var d = 3
        while d < 6, lower != upper, unit(lower, d) == unit(upper, d) { d += 1 }
        return "[\(unit(lower, d)), \(unit(upper, d))]"
    }

    /// A count and its noun, plural unless one: "1 process run", "3 points".
    public static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// A ratio: "8.50x".
    public static func ratio(_ r: Double) -> String { sig3(r) + "x" }

    /// A confidence level as a percentage without trailing zeros: "95 %", "98.75 %".
    public static func percent(_ level: Double) -> String {
        var s = String(format: "%.2f", level * 100)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s + " %"
    }

    /// Seconds as "45 s" or "3.5 min".
    public static func seconds(_ s: Double) -> String {
        s < 90 ? String(format: "%.0f s", s) : sig3(s / 60) + " min"
    }

    /// An integer with thousands separators: "10,000".
    public static func count(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
