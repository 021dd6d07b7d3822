import Foundation
import Limits
import Results

extension Run {
    /// A new results file: this machine's limits, the plan (throws `PlanError` when an explicit
    /// request does not fit them), the budget and the environment. Nothing is written.
    func plan() throws -> ResultsFile {
        let s = settings, p = s.profile
        let limits = LimitsProbe().read()
        let seed = s.seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        let folder = URL(fileURLWithPath: workload).deletingLastPathComponent()
        let missing = s.references.filter { family in
            !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent(family.executable.rawValue).path)
        }
        for family in missing.sorted(by: { $0.rawValue < $1.rawValue }) { log("ctxbench: \(family.notBuiltReason)") }
        let only = s.only?.map(\.rawValue)
        let request = RunRequest(profile: p, only: only, pin: s.pin, tasks: s.tasks, iterations: s.iterations,
                                 warmups: s.warmups, runs: s.runs, seed: seed, references: s.references,
                                 referencesMissing: missing)
        let planned = try Planner.plan(request, capacity: Capacity(report: limits))
        var config = Configuration(profile: p.name, seed: seed, only: only, pin: s.pin, runsPerPoint: s.runs ?? p.runs,
                                   tasksOverride: s.tasks, iterationsOverride: s.iterations, warmupsOverride: s.warmups,
                                   timeoutSeconds: s.timeoutSeconds, plan: planned.plan)
        if let seconds = s.budgetSeconds ?? p.budget(references: s.references.subtracting(missing).count), seconds > 0 {
            config.decision = DecisionPlan(budgetSeconds: seconds, looks: p.looks)
        }
        let made = provenance()
        let env = SystemProbe.environment(commandLine: made.commandLine, swiftVersion: made.swiftVersion, commit: made.commit)
        var file = ResultsFile(environment: env, configuration: config, ctxbenchVersion: CtxbenchVersion.string)
        file.environment.referenceBuilds = ReferenceBuildProbe.read(s.references.subtracting(missing), workload: workload,
                                                                    checkout: made.checkout)
        file.skipped = planned.skipped
        file.limits = limits
        return file
    }
}
