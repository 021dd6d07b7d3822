import Foundation
import Results
import AnalysisModel
import Stats

/// Compares results files (METHOD.md, "Comparing two results"): like with like only (same
/// variant, N, iterations, warm-ups, pinning, schema); effect = the Hodges-Lehmann shift of the
/// log process-run medians with its Mann-Whitney interval; significance = Mann-Whitney U on process-run medians; verdict against a band
/// of +/- delta, delta = max(2 %, the noise floor): how far two process runs of one point on
/// this machine differ, sqrt(2) x the median over the main points of the sd of the log
/// process-run medians (the larger of the files compared).
/// *Same* is an equivalence test (two one-sided tests at 5 %: the 90 % CI inside the band),
/// *faster* / *slower* need the 95 % CI beyond the band and p < 0.05.
public struct Comparer: Sendable {
    public var resamples: Int
    public var seed: UInt64
    public init(resamples: Int = 10_000, seed: UInt64 = 1) { self.resamples = resamples; self.seed = seed }

    public func compare(_ files: [(path: String, results: ResultsFile)]) throws -> Comparison {
        precondition(files.count >= 2, "compare needs at least two files")
        // Each file is re-analysed with its own recorded seed, so its intervals match its REPORT.md.
        let analyses = try files.map { try Analyzer(resamples: resamples).analyze($0.results) }
        let labels = files.enumerated().map { i, f in
            "\(Character(UnicodeScalar(65 + min(i, 25))!)): \(f.results.environment.hostname)"
        }
        var notComparable = [String]()
        for (i, f) in files.enumerated().dropFirst() where f.results.configuration.profile != files[0].results.configuration.profile {
            notComparable.append("\(labels[i]) ran profile \(f.results.configuration.profile), the baseline \(files[0].results.configuration.profile): only points with equal parameters are compared")
        }
        let floors = analyses.map(noiseFloor)
        let interfered = analyses.map { Warnings.interferedRuns($0).count }
        let delta = max(0.02, floors.max() ?? 0)
        var rows = [ComparisonRow]()
        for p in analyses[0].points where p.group == .main || p.group == .sweep {
            let matches = analyses.map { a in a.points.first { Self.sameParameters($0, p) } }
            var row = ComparisonRow(variant: p.variant, group: p.group, tasks: p.tasks, pinned: p.pinned, kind: p.kind,
                                    medians: matches.map { $0?.perUnit }, ratios: [], pValues: [], verdicts: [])
            for (i, m) in matches.enumerated().dropFirst() {
                guard let m, m.runsOK > 0, p.runsOK > 0 else {
                    if m == nil { notComparable.append("\(p.label): not in \(labels[i]) with the same iterations and warm-ups") }
                    row.ratios.append(nil); row.pValues.append(nil); row.verdicts.append("not run")
                    row.runsNeeded = (row.runsNeeded ?? []) + [nil]
                    continue
                }
                let a = p.perUnitMedians, b = m.perUnitMedians
                guard a.allSatisfy({ $0 > 0 }), b.allSatisfy({ $0 > 0 }) else {
                    notComparable.append("\(p.label): a process-run median is not above zero")
                    row.ratios.append(nil); row.pValues.append(nil); row.verdicts.append("not run")
                    row.runsNeeded = (row.runsNeeded ?? []) + [nil]
                    continue
                }
                let r = Self.shiftRatio(a, b, level: 0.95), r90 = Self.shiftRatio(a, b, level: 0.90)
                let mw = mannWhitney(b, a)
                let verdict = Self.verdict(r, equivalence: r90, p: mw.p, delta: delta)
                row.ratios.append(r)
                row.pValues.append(mw.p)
                row.verdicts.append(verdict)
                row.runsNeeded = (row.runsNeeded ?? []) + [verdict == "inconclusive" ? Self.runsNeeded(r90, runs: (a.count, b.count), delta: delta) : nil]
            }
            rows.append(row)
        }
        // The claims and the open questions (C11, C12), each machine's verdict side by side.
        let all = { (a: AnalysisFile) in a.claims + (a.openQuestions ?? []) }
        let claims = all(analyses[0]).map { c in
            ClaimAcross(id: c.id, verdicts: analyses.map { a in all(a).first { $0.id == c.id } })
        }
        let machines = zip(labels, files).map { label, f in
            ComparedMachine(label: label, path: f.path, environment: f.results.environment, ctxbenchVersion: f.results.ctxbenchVersion,
                            profile: f.results.configuration.profile, limits: f.results.limits)
        }
        return Comparison(machines: machines, delta: delta, noiseFloors: floors, interferedRuns: interfered, rows: rows,
                          notComparable: notComparable, claims: claims)
    }

    static func sameParameters(_ a: PointAnalysis, _ b: PointAnalysis) -> Bool {
        a.variant == b.variant && a.group == b.group && a.tasks == b.tasks && a.iterations == b.iterations
            && a.warmups == b.warmups && a.pinned == b.pinned
    }

    /// machine / baseline as the Hodges-Lehmann shift of the log process-run medians, with its
    /// Mann-Whitney interval at `level`: a distribution-free interval that, with 10 runs a
    /// side and the heavy-tailed run-to-run noise of a shared VM, is narrower and better
    /// calibrated than a percentile bootstrap of two medians.
    static func shiftRatio(_ a: [Double], _ b: [Double], level: Double) -> Estimated {
        let hl = hodgesLehmannShift(a.map { log($0) }, b.map { log($0) }, level: level)
        let method = IntervalMethod.hodgesLehmann(level: level, runs: [b.count, a.count], reached: hl.reached)
        return Estimated(value: exp(hl.estimate), lower: exp(hl.interval.lower), upper: exp(hl.interval.upper), method: method)
    }

    /// faster / slower only when the whole 95 % CI lies beyond 1 -/+ delta and p < 0.05; same
    /// when the 90 % CI lies inside the band (two one-sided tests at 5 %); otherwise inconclusive.
    static func verdict(_ r: Estimated, equivalence r90: Estimated, p: Double, delta: Double) -> String {
        if r.upper < 1 - delta && p < 0.05 { return "faster" }
        if r.lower > 1 + delta && p < 0.05 { return "slower" }
        if r90.lower >= 1 - delta && r90.upper <= 1 + delta { return "same" }
        return "inconclusive"
    }

    /// Process runs per side that would decide an inconclusive row at the spread observed: the
    /// 90 % CI's log half-width shrinks with the square root of the runs until it fits inside
    /// the band (or, for a shift beyond the band, clears it); nil when the estimate sits within
    /// 1 % of the band's edge or more than 10,000 runs would be needed.
    static func runsNeeded(_ r90: Estimated, runs: (Int, Int), delta: Double) -> Int? {
        guard r90.value > 0, r90.lower > 0, r90.upper > r90.lower else { return nil }
        let shift = abs(log(r90.value)), edge = log(1 + delta)
        let room = abs(edge - shift)
        guard room >= 0.01 else { return nil }
        let half = max(log(r90.upper / r90.value), log(r90.value / r90.lower))
        let n = Double(max(runs.0, runs.1))
        let needed = n * (half / room) * (half / room)
        guard needed <= 10_000 else { return nil }
        return Int(needed.rounded(.up))
    }

    /// The machine compared with itself: the typical log ratio of two process runs of one point,
    /// sqrt(2) x the median, over main points with at least 3 runs, of the sd of the log
    /// process-run medians (0 when no point has 3 runs).
    func noiseFloor(_ a: AnalysisFile) -> Double {
        let spreads = a.points.filter { $0.group == .main && $0.perProcess.count >= 3 }.map { Allocator.logSD($0.perUnitMedians) }
        return spreads.isEmpty ? 0 : 2.0.squareRoot() * summarize(spreads).median
    }
}
