import Results
import AnalysisModel

extension ReportModel {
    /// Machine and reproducibility section.
    func machine() -> [String: Any] {
        let e = a.environment
        let c = a.configuration
        return [
            "cpu": e.cpuModel, "cpus": "\(e.logicalCPUs) logical (allowed: \(e.allowedCPUs.map(String.init).joined(separator: ",")))",
            "memory": Format.bytes(Double(e.memoryBytes)), "virtualization": e.virtualization,
            "governor": e.governor ?? "not exposed", "kernel": e.kernel, "os": e.os, "swift": e.swiftVersion,
            "gsl": a.method.gslVersion, "cairo": cairoVersion, "commit": e.ctxbenchCommit, "hostname": e.hostname,
            "version": a.source.resultsVersion, "profile": c.profile, "seed": String(c.seed), "pin": c.pin,
            "runsPerPoint": String(c.runsPerPoint), "commandLine": c.commandLine.joined(separator: " "),
            "start": e.date, "end": e.finishedAt ?? "not finished",
            "loadStart": Format.sig3(e.loadAverageStart), "loadEnd": e.loadAverageEnd.map(Format.sig3) ?? "—",
            "settle": Format.sig3(e.settleSeconds),
            "processRuns": "\(a.source.processRunsOK) of \(a.source.processRuns) ok" + (a.source.complete ? "" : " (run incomplete)"),
            "resultsFile": a.source.resultsFile,
            "bootstrap": "\(Format.count(a.method.bootstrapResamples)) resamples, gsl_rng_mt19937 seed \(a.method.bootstrapSeed)",
        ]
    }

    /// The method in short, with the definitions the tables rely on.
    func method() -> [String: Any] {
        [
            "level": "\(Int(a.method.level * 100)) %",
            "resamples": Format.count(a.method.bootstrapResamples),
            "runsPerPoint": String(a.configuration.runsPerPoint),
        ]
    }
}
