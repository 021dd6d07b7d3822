import Results
import AnalysisModel

/// The plain-text table `make bench` prints: per-hop median of each brigade (main points)
/// and its ratio to the I/O baseline (one-thread-brigade) at the same pinning.
public enum BenchTable {
    public static func text(_ a: AnalysisFile) -> String {
        let rows = a.points.filter { $0.group == .main && $0.kind == .brigade }
        var out = "variant               pinning    per hop    95 % CI                  x one-thread\n"
        let baseline = Variant.the(.ioBaseline)
        for p in rows {
            let base = rows.first { $0.variant == baseline && $0.pinned == p.pinned }?.perUnit?.value
            let name = p.variant.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
            let pin = (p.pinned ? "pinned" : "unpinned").padding(toLength: 11, withPad: " ", startingAt: 0)
            guard let e = p.perUnit else {
                out += name + pin + "not run: \(p.failures.first ?? "no successful run")\n"
                continue
            }
            let ci = Format.ci(e).padding(toLength: 25, withPad: " ", startingAt: 0)
            out += name + pin + Format.nanos(e.value).padding(toLength: 11, withPad: " ", startingAt: 0) + ci
                + (base.map { Format.ratio(e.value / $0) } ?? "—") + "\n"
        }
        return out
    }
}
