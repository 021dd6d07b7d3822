import Results
import AnalysisModel
import Stats

/// Statistics per variant and parameter set (a "point"): per process run, then across runs.
struct PointBuilder {
    let bootstrap: Bootstrap
    let level: Double

    /// Every planned point, in a stable order (group, variant order of `ctxbench list`, tasks, pinning).
    func points(_ results: ResultsFile) -> [PointAnalysis] {
        var planned = [String: (spec: RunSpec, count: Int)]()
        for s in results.configuration.plan { planned[s.pointKey, default: (s, 0)].count += 1 }
        let order = Dictionary(uniqueKeysWithValues: Variant.allCases.enumerated().map { ($1, $0) })
        let groupOrder = ["main": 0, "sweep": 1, "memory": 2, "large": 3, "in-flight": 4]
        let keys = planned.keys.sorted { a, b in
            let x = planned[a]!.spec, y = planned[b]!.spec
            return (groupOrder[x.group.rawValue] ?? 9, order[x.variant] ?? 99, x.tasks, x.inFlight ?? 1, x.pinned ? 1 : 0, a)
                < (groupOrder[y.group.rawValue] ?? 9, order[y.variant] ?? 99, y.tasks, y.inFlight ?? 1, y.pinned ? 1 : 0, b)
        }
        let byPoint = Dictionary(grouping: results.runs, by: \.spec.pointKey)
        return keys.map { key in
            let (spec, count) = planned[key]!
            return point(spec, planned: count, runs: (byPoint[key] ?? []).sorted { $0.spec.runIndex < $1.spec.runIndex },
                         cpus: results.environment.logicalCPUs)
        }
    }

    func point(_ spec: RunSpec, planned: Int, runs: [ProcessRun], cpus: Int) -> PointAnalysis {
        var p = PointAnalysis(variant: spec.variant, kind: spec.kind, group: spec.group, tasks: spec.tasks,
                              iterations: spec.iterations, warmups: spec.warmups, pinned: spec.pinned, runsPlanned: planned)
        p.failures = Array(Set(runs.filter { $0.status != .ok }.map { "\($0.status.rawValue): \($0.message ?? "no message")" })).sorted()
        let ok = runs.compactMap { r in r.output.map { (r.spec.runIndex, $0, r.otherCPUShare(cpus: cpus)) } }.filter { !$0.1.samplesNs.isEmpty }
        p.runsOK = ok.count
        guard !ok.isEmpty else { return p }
        p.inFlight = spec.inFlight
        let unit = Double(spec.unitsPerIteration)
        var pooled = [Double]()
        var withinCV = [Double]()
        for (index, out, otherCPUShare) in ok {
            let xs = out.samplesNs.map { Double($0) }
            pooled.append(contentsOf: xs.map { $0 / unit })
            let s = summarize(xs)
            let o = tukeyOutliers(xs)
            let rho = xs.count >= 10 ? spearman(xs.indices.map { Double($0) }, xs) : nil  // NaN when constant
            p.perProcess.append(ProcessStats(runIndex: index, n: s.n, median: s.median, mean: s.mean, sd: s.sd, min: s.min,
                                             p90: s.p90, p99: s.p99, outliersMild: o.lowMild + o.highMild,
                                             outliersSevere: o.lowSevere + o.highSevere, driftRho: rho.flatMap { $0.isNaN ? nil : Self.round($0) },
                                             firstSampleRatio: s.median > 0 ? xs[0] / s.median : 1,
                                             otherCPUShare: otherCPUShare.map(Self.round)))
            if s.mean > 0 { withinCV.append(s.sd / s.mean) }
        }
        let medians = p.perUnitMedians
        let method = IntervalMethod.bootstrap(level: level, runs: [medians.count])
        let ci = bootstrap.medianCI(medians)
        p.perUnit = Estimated(value: summarize(medians).median, lower: ci.lower, upper: ci.upper, method: method)
        let means = p.perProcess.map { $0.mean / unit }
        let pooledSummary = summarize(pooled)
        if let t = meanTInterval(means, level: level) {
            p.meanPerUnit = Estimated(value: pooledSummary.mean, lower: t.lower, upper: t.upper,
                                      method: .tInterval(level: level, runs: means.count))
        } else {
            p.meanPerUnit = Estimated(value: pooledSummary.mean, lower: pooledSummary.mean, upper: pooledSummary.mean, method: .oneRun)
        }
        p.sdPerUnit = pooledSummary.sd
        p.minPerUnit = pooledSummary.min
        p.p99PerUnit = summarize(p.perProcess.map { $0.p99 / unit }).median
        let between = summarize(medians)
        p.cvBetweenRuns = medians.count > 1 && between.mean > 0 ? between.sd / between.mean : nil
        p.cvWithinRuns = withinCV.isEmpty ? nil : summarize(withinCV).median
        p.outliersMild = p.perProcess.map(\.outliersMild).reduce(0, +)
        p.outliersSevere = p.perProcess.map(\.outliersSevere).reduce(0, +)
        p.distribution = Self.box(pooled, pooledSummary)
        p.cost = cost(ok.map(\.1), spec)
        p.threads = Int(summarize(ok.map { Double($0.1.threads) }).median)
        p.peakRSSBytes = summarize(ok.map { Double($0.1.peakRSSBytes ?? UInt64($0.1.rusage.maxRSSKiB) * 1024) }).median
        p.grantedCPUs = Array(Set(ok.flatMap { $0.1.grantedCPUs })).sorted()
        let perWait = ok.compactMap { o -> Double? in
            guard let w = o.1.reactorWaits, let e = o.1.reactorEvents, w > 0 else { return nil }
            return Double(e) / Double(w)
        }
        if !perWait.isEmpty { p.eventsPerWait = Self.round(summarize(perWait).median) }
        let latencies = ok.compactMap { $0.1.latencySamplesNs }.filter { !$0.isEmpty }.map { summarize($0.map { Double($0) }).median }
        if !latencies.isEmpty {
            let l = bootstrap.medianCI(latencies)
            p.latency = Estimated(value: summarize(latencies).median, lower: l.lower, upper: l.upper,
                                  method: .bootstrap(level: level, runs: [latencies.count]))
        }
        return p
    }

    /// Median over runs of the timed rusage, per hop (brigades) or per item (creation).
    func cost(_ outputs: [WorkloadOutput], _ spec: RunSpec) -> CostSplit? {
        let usages = outputs.compactMap(\.timedRusage)
        guard !usages.isEmpty else { return nil }
        let units = Double(spec.unitsPerIteration * spec.iterations)
        func median(_ f: (ResourceUsage) -> Double) -> Double { summarize(usages.map(f)).median / units }
        return CostSplit(userNs: median { $0.userSeconds * 1e9 }, systemNs: median { $0.systemSeconds * 1e9 },
                         voluntarySwitches: median { Double($0.voluntarySwitches) },
                         involuntarySwitches: median { Double($0.involuntarySwitches) })
    }

    /// Tukey box of pooled samples; outliers capped at 100, keeping the most extreme.
    static func box(_ xs: [Double], _ s: Summary) -> BoxFigures {
        let iqr = s.q3 - s.q1
        let lo = s.q1 - 1.5 * iqr, hi = s.q3 + 1.5 * iqr
        let inside = xs.filter { $0 >= lo && $0 <= hi }
        var outliers = xs.filter { $0 < lo || $0 > hi }.sorted()
        if outliers.count > 100 {
            outliers = Array(outliers.prefix(50)) + Array(outliers.suffix(50))
        }
        return BoxFigures(q1: s.q1, median: s.median, q3: s.q3, whiskerLow: inside.min() ?? s.min,
                          whiskerHigh: inside.max() ?? s.max, outliers: outliers)
    }

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
