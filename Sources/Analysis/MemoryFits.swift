import Results
import AnalysisModel
import Stats

/// Memory per task: resident bytes (smaps_rollup Rss) against task count, fitted with
/// gsl_fit_linear (not through the origin) and cross-checked with a robust fit.
struct MemoryFits {
    let level: Double

    /// Series fitted: the variant table's memory series (name, variant).
    static var series: [(String, Variant)] {
        Variant.allCases.compactMap { v in v.row.memorySeries.map { ($0, v) } }
    }

    func compute(_ results: ResultsFile) -> [MemoryFit] {
        let memoryRuns = results.runs.filter { $0.spec.group == .memory && $0.status == .ok }
        return Self.series.compactMap { name, variant in
            let planned = results.configuration.plan.contains { $0.group == .memory && $0.variant == variant }
            guard planned else { return nil }
            let runs = memoryRuns.filter { $0.spec.variant == variant }
                .sorted { ($0.spec.tasks, $0.spec.runIndex) < ($1.spec.tasks, $1.spec.runIndex) }
            let readings = runs.compactMap { r in r.output?.memory.map { (r.spec.tasks, $0) } }
            var fit = MemoryFit(name: name, variant: variant, tasks: readings.map(\.0),
                                rssBytes: readings.map { Double($0.1.rssBytes) }, pssBytes: readings.map { Double($0.1.pssBytes) })
            let distinct = Set(fit.tasks).count
            guard readings.count >= 3, distinct >= 2 else {
                fit.fitFailure = .tooFewReadings(readings: readings.count, counts: distinct)
                return fit
            }
            let x = fit.tasks.map { Double($0) }
            do {
                let f = try linearFit(x: x, y: fit.rssBytes, level: level)
                fit.slope = f.slope; fit.slopeSE = f.slopeSE; fit.slopeLower = f.slopeCI.lower; fit.slopeUpper = f.slopeCI.upper
                fit.intercept = f.intercept; fit.rSquared = f.rSquared; fit.robustSlope = f.robustSlope
                fit.robustDisagrees = f.robustDisagrees
                let ks = readings.compactMap { $0.1.kernelStackDeltaBytes.map { Double($0) } }
                let pt = readings.compactMap { $0.1.pageTablesDeltaBytes.map { Double($0) } }
                if ks.count == x.count { fit.kernelStackPerTask = try? linearFit(x: x, y: ks, level: level).slope }
                if pt.count == x.count { fit.pageTablesPerTask = try? linearFit(x: x, y: pt, level: level).slope }
            } catch {
                fit.fitFailure = .failed(error: "\(error)")
            }
            return fit
        }
    }
}
