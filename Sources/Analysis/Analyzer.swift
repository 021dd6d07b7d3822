import Foundation
import Results
import AnalysisModel
import Stats

/// Turns a results file into an analysis file: pure, deterministic (the bootstrap is seeded),
/// no I/O besides reading the study's reference data from the module's resources.
public struct Analyzer: Sendable {
    /// Bootstrap resamples (METHOD.md: 10,000).
    public var resamples: Int
    /// Bootstrap seed; nil = the run's seed, so re-analysing the same file gives the same numbers.
    public var seed: UInt64?
    public var level = 0.95

    public init(resamples: Int = 10_000, seed: UInt64? = nil) {
        self.resamples = resamples
        self.seed = seed
    }

    public func analyze(_ results: ResultsFile, resultsFileName: String = "results.json") throws -> AnalysisFile {
        let seed = seed ?? results.configuration.seed
        let bootstrap = Bootstrap(seed: seed, resamples: resamples, level: level)
        let points = PointBuilder(bootstrap: bootstrap, level: level).points(results)
        let derived = DerivedCosts(bootstrap: bootstrap).compute(points: points, results: results)
        let memory = MemoryFits(level: level).compute(results)
        let study = StudyReference.shared
        var judge = claimJudge(results, points: points, memory: memory, seed: seed)
        let inFlight = InFlightAnalysis(points: points).series()
        judge.inFlightSeries = inFlight
        let claims = study.claims.map(judge.verdict)
        let designs = DesignTable(judge: judge, study: study).rows()
        var numbers = StudyNumbers(points: points, memory: memory, results: results).numbers()
        let okRuns = results.runs.filter { $0.status == .ok }.count
        let source = SourceInfo(resultsFile: resultsFileName, resultsVersion: results.ctxbenchVersion,
                                complete: results.complete, processRuns: results.runs.count, processRunsOK: okRuns)
        let c = results.configuration
        let config = ConfigurationSummary(profile: c.profile, seed: c.seed, pin: c.pin, runsPerPoint: c.runsPerPoint,
                                          only: c.only, commandLine: results.environment.commandLine)
        var analysis = AnalysisFile(
            source: source, environment: results.environment, configuration: config,
            method: MethodInfo(bootstrapResamples: resamples, bootstrapSeed: seed, level: level, gslVersion: Stats.gslVersion),
            points: points, derived: derived, memory: memory, claims: claims, warnings: [],
            syscalls: results.syscalls ?? [], limits: results.limits?.mapEntries(AnalysisLimitEntry.init), skipped: results.skipped)
        analysis.designs = designs
        analysis.studyNumbers = numbers
        analysis.floors = PairedDistances(bootstrap: bootstrap).floors(points)
        analysis.openQuestions = study.openQuestions.map(judge.verdict)
        analysis.inFlight = inFlight
        // The Rust reference, when it was asked for (it ran, or was recorded as not run).
        let rust = Set(ReferenceFamily.rust.variants)
        if points.contains(where: { rust.contains($0.variant) }) || results.skipped.contains(where: { rust.contains($0.variant) }) {
            analysis.references = PairedDistances(bootstrap: bootstrap).references(points)
            var j = judge
            j.substitute = ReferenceFamily.rust.roleSubstitute
            j.family = .rust
            // The open questions too: the Rust twin answers C12 (and C11 with a Rust io_uring brigade).
            let rustNumbers = StudyNumbers(points: points, memory: memory, results: results, family: .rust).numbers()
            for i in numbers.indices { numbers[i].rust = rustNumbers.first { $0.quantity == numbers[i].quantity }?.here }
            analysis.studyNumbers = numbers
            analysis.rustClaims = (study.claims + study.openQuestions).map(j.verdict)
        }
        let attribution = Attribution(judge: judge, designs: designs, rustClaims: analysis.rustClaims)
        for (i, c) in study.claims.enumerated() { analysis.claims[i].cause = attribution.cause(c, analysis.claims[i]) }
        for (i, c) in study.openQuestions.enumerated() {
            if let q = analysis.openQuestions?[i] { analysis.openQuestions?[i].cause = attribution.cause(c, q) }
        }
        let speedUps = SpeedUpByN(bootstrap: bootstrap, points: points).compute()
        if speedUps.count >= 2 {
            analysis.speedUpByN = speedUps
            analysis.speedUpAnswers = [false, true].compactMap { SpeedUpByN.answer(speedUps, pinned: $0) }
        }
        analysis.decision = Self.decisionSummary(results)
        analysis.conditions = Conditions(results: results, points: points).rows()
        analysis.warnings = Warnings.compute(analysis)
        return analysis
    }
}

extension Analyzer {
    /// The judge of the claims: its bootstrap decides at the run's decision level
    /// (1 - alpha / looks for a budgeted run, else `level`).
    func claimJudge(_ results: ResultsFile, points: [PointAnalysis], memory: [MemoryFit], seed: UInt64) -> ClaimJudge {
        let decisionLevel = results.configuration.decision?.level ?? level
        return ClaimJudge(bootstrap: Bootstrap(seed: seed, resamples: resamples, level: decisionLevel), points: points,
                          results: results, memory: memory)
    }

    static func decisionSummary(_ results: ResultsFile) -> DecisionSummary? {
        guard let d = results.configuration.decision else { return nil }
        let looks = (results.runs.map(\.spec.roundIndex).max() ?? 0) + 1
        var runs = [Int](repeating: 0, count: looks), seconds = [Double](repeating: 0, count: looks)
        for r in results.runs {
            runs[r.spec.roundIndex] += 1
            seconds[r.spec.roundIndex] += r.wallSeconds
        }
        let spent = d.spentSeconds ?? seconds.reduce(0, +)
        return DecisionSummary(budgetSeconds: d.budgetSeconds, spentSeconds: spent, looks: d.looks, level: d.level,
                               alpha: d.alpha, runsPerLook: runs, secondsPerLook: seconds.map { ($0 * 10).rounded() / 10 },
                               stopped: d.stopped)
    }

    /// The claims and open questions alone, as a budgeted run looks at them between rounds
    /// (the same verdicts `analyze` gives for the same file).
    public func judgeClaims(_ results: ResultsFile) throws -> [ClaimVerdict] {
        let seed = seed ?? results.configuration.seed
        let bootstrap = Bootstrap(seed: seed, resamples: resamples, level: level)
        let points = PointBuilder(bootstrap: bootstrap, level: level).points(results)
        let memory = MemoryFits(level: level).compute(results)
        let study = StudyReference.shared
        var judge = claimJudge(results, points: points, memory: memory, seed: seed)
        judge.inFlightSeries = InFlightAnalysis(points: points).series()
        return (study.claims + study.openQuestions).map(judge.verdict)
    }
}
