import Foundation
import Results
import AnalysisModel

/// Where the variance of a headline median lives on this machine, and which split of a time
/// budget into process runs x iterations gives the narrowest interval per second of measuring
/// (docs/METHOD.md, "Deciding within a budget"). Input: a results file whose points differ only
/// in iterations per run (`ctxbench variance` writes one).
public enum VarianceStudy {
    /// One variant, pinning and iteration count.
    public struct Row: Codable, Sendable, Equatable {
        public var variant: String
        public var pinned: Bool
        public var tasks: Int
        /// Timed iterations per process run, and untimed warm-ups.
        public var iterations: Int
        public var warmups: Int
        /// Successful process runs.
        public var runs: Int
        /// Sample sd of the log of the process-run medians: the spread between runs.
        public var betweenLogSD: Double
        /// Median over runs of the sd of the log samples inside a run: the spread within a run.
        public var withinLogSD: Double
        /// Lag-1 autocorrelation of the run medians in the order they ran (drift, neighbours).
        public var lag1: Double?
        /// Mean wall seconds of a process run, and its part outside the timed iterations
        /// (process start, setup, warm-ups), seconds.
        public var wallSeconds: Double
        public var fixedSeconds: Double
        /// Relative half-width of a 95 % interval of the median of run medians after one
        /// minute of runs at this setting: 1.96 x 1.2533 x betweenLogSD x sqrt(wallSeconds / 60)
        /// (1.2533 = sqrt(pi / 2), the median's efficiency). Smaller is better.
        public var halfWidthPerMinute: Double
        /// True for the iteration count with the smallest `halfWidthPerMinute` of its variant and pinning.
        public var best: Bool
    }

    public static func rows(_ results: ResultsFile) -> [Row] {
        var byPoint = [String: [ProcessRun]]()
        for r in results.runs where r.status == .ok && !(r.output?.samplesNs.isEmpty ?? true) {
            byPoint[r.spec.pointKey, default: []].append(r)
        }
        var rows = byPoint.values.compactMap { runs -> Row? in
            guard runs.count >= 2 else { return nil }
            let s = runs[0].spec
            let medians = runs.compactMap(\.medianPerUnit)
            let within = runs.map { r in Allocator.logSD(r.output!.samplesNs.map(Double.init)) }.sorted()
            let walls = runs.map(\.wallSeconds)
            let timed = runs.map { Double($0.output!.samplesNs.reduce(0, +)) / 1e9 }
            let wall = walls.reduce(0, +) / Double(walls.count)
            let between = Allocator.logSD(medians)
            return Row(variant: s.variant, pinned: s.pinned, tasks: s.tasks, iterations: s.iterations, warmups: s.warmups,
                       runs: runs.count, betweenLogSD: between, withinLogSD: within[within.count / 2],
                       lag1: lag1(medians.map { log($0) }), wallSeconds: wall,
                       fixedSeconds: max(0, wall - timed.reduce(0, +) / Double(timed.count)),
                       halfWidthPerMinute: 1.96 * 1.2533 * between * (wall / 60).squareRoot(), best: false)
        }
        rows.sort { ($0.variant, $0.pinned ? 1 : 0, $0.iterations, $0.tasks, $0.warmups) < ($1.variant, $1.pinned ? 1 : 0, $1.iterations, $1.tasks, $1.warmups) }
        for i in rows.indices {
            let peers = rows.indices.filter { rows[$0].variant == rows[i].variant && rows[$0].pinned == rows[i].pinned }
            rows[i].best = peers.min { rows[$0].halfWidthPerMinute < rows[$1].halfWidthPerMinute } == i
        }
        return rows
    }

    /// Lag-1 autocorrelation (nil with fewer than 3 values or no spread).
    static func lag1(_ xs: [Double]) -> Double? {
        guard xs.count >= 3 else { return nil }
        let m = xs.reduce(0, +) / Double(xs.count)
        let d = xs.map { $0 - m }
        let denom = d.map { $0 * $0 }.reduce(0, +)
        guard denom > 0 else { return nil }
        return zip(d, d.dropFirst()).map { $0 * $1 }.reduce(0, +) / denom
    }

    /// The table as Markdown, best setting of each variant in bold.
    public static func markdown(_ rows: [Row]) -> String {
        var out = "| variant | pin | iterations | runs | sd log, between runs | sd log, within a run | lag-1 | s per run | fixed s | ±95 % after 1 min |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let b = r.best ? "**" : ""
            out += "| \(r.variant) | \(r.pinned ? "pinned" : "unpinned") | \(b)\(r.iterations)\(b) | \(r.runs) | \(Format.sig3(r.betweenLogSD)) | \(Format.sig3(r.withinLogSD)) | \(r.lag1.map(Format.sig3) ?? "—") | \(Format.sig3(r.wallSeconds)) | \(Format.sig3(r.fixedSeconds)) | \(b)\(Format.sig3(100 * r.halfWidthPerMinute)) %\(b) |\n"
        }
        return out
    }
}
