import Results
import AnalysisModel

/// Every condition of this run that differs from the study's, in one table (issue 18, point 9):
/// the machine, the iterations and process runs, N substituted where a limit forced it, the
/// capacity run, the thread ceiling, the N syscalls were counted at, and the Rust reference's
/// toolchain. A condition that matches the study's gives no row.
struct Conditions {
    let results: ResultsFile
    let points: [PointAnalysis]

    /// The study's machine: "4 core, two way HT, 32GiB" laptop.
    static let studyCPUs = 8
    /// SyscallCounter's defaults (Sources/Runner/SyscallCounter.swift): 50 members, the calls of
    /// 10 rounds subtracted from those of 40, so 50 x 30 hops are counted.
    static let syscallRounds = 40 - 10

    func rows() -> [Condition] {
        var out = [Condition]()
        out += machine()
        out += iterations()
        out += processRuns()
        out += substitutedN()
        out += capacityRun()
        out += threadCeiling()
        out += syscallN()
        out += referenceBuild()
        return out
    }

    func name(_ role: VariantRole) -> String { Variant.the(role)?.rawValue ?? role.rawValue }

    func machine() -> [Condition] {
        let e = results.environment
        var out = [Condition]()
        if e.logicalCPUs != Self.studyCPUs || e.allowedCPUs.count != Self.studyCPUs {
            out.append(.cpus(logical: e.logicalCPUs, allowed: e.allowedCPUs.count,
                             workerVariants: [Variant.the(.faithfulAsync), Variant.the(.faithfulCreation)].compactMap { $0 }))
        }
        if e.virtualization != "none" { out.append(.virtualization(kind: e.virtualization)) }
        return out
    }

    /// The study's iterations and warm-ups for the program a point re-implements.
    static func studySetting(_ p: PointAnalysis) -> (iterations: Int, warmups: Int, program: IterationGroup) {
        if p.kind == .creation { return (100, 10, .creation) }
        switch p.variant.row.program {
        case .asyncMemBrigade, .oneThreadBrigade, .cOneThreadBrigade:
            return (10_000, 5, .inMemory)
        default:
            return (10_000, 100, .pipe)
        }
    }

    func iterations() -> [Condition] {
        var groups = [IterationGroup: (study: (Int, Int), here: Set<IterationSetting>, variants: [Variant])]()
        for p in points where p.group == .main && p.runsOK > 0 {
            let s = Self.studySetting(p)
            guard s.iterations != p.iterations || s.warmups != p.warmups else { continue }
            groups[s.program, default: ((s.iterations, s.warmups), [], [])].here.insert(IterationSetting(iterations: p.iterations, warmups: p.warmups))
            if !groups[s.program]!.variants.contains(p.variant) { groups[s.program]!.variants.append(p.variant) }
        }
        return groups.keys.sorted().map { program in
            let g = groups[program]!
            let settings = g.here.sorted { ($0.iterations, $0.warmups) < ($1.iterations, $1.warmups) }
            return .iterations(program: program, studyIterations: g.study.0, studyWarmups: g.study.1, settings: settings,
                               variants: g.variants)
        }
    }

    func processRuns() -> [Condition] {
        let runs = points.filter { $0.group == .main && $0.runsOK > 0 }.map(\.runsOK)
        guard let lo = runs.min(), let hi = runs.max(), hi > 1 else { return [] }
        return [.processRuns(least: lo, most: hi)]
    }

    func substitutedN() -> [Condition] {
        var groups = [String: (s: SkippedRun, variants: [Variant])]()
        var order = [String]()
        for s in results.skipped {
            let key = "\(s.group.rawValue)|\(s.tasks)|\(s.clampedTo ?? -1)|\(s.reason)"
            if groups[key] == nil { order.append(key); groups[key] = (s, []) }
            groups[key]!.variants.append(s.variant)
        }
        return order.map { key in
            let (s, variants) = groups[key]!
            return .substitutedN(group: s.group, tasks: s.tasks, clampedTo: s.clampedTo, variants: variants)
        }
    }

    func capacityRun() -> [Condition] {
        let runs = ClaimJudge.asyncBrigadeRuns(results)
        guard let most = runs.max(by: { $0.spec.tasks < $1.spec.tasks }), case let row = most.spec.variant.row,
              !row.usesLinks || most.spec.tasks < 250_000 else { return [] }
        let socketMost = row.usesLinks ? nil
            : runs.filter { $0.spec.variant.row.usesLinks == true }.max { $0.spec.tasks < $1.spec.tasks }
        return [.capacityRun(variant: most.spec.variant, tasks: most.spec.tasks, sockets: row.usesLinks,
                             socketVariant: socketMost?.spec.variant, socketTasks: socketMost?.spec.tasks)]
    }

    func threadCeiling() -> [Condition] {
        guard let l = results.limits else { return [] }
        return [.threadCeiling(observed: l.observedThreads, computed: l.threadCapacity)]
    }

    func syscallN() -> [Condition] {
        let counted = (results.syscalls ?? []).filter { $0.error == nil && $0.hops > 0 }
        guard let hops = counted.map(\.hops).max() else { return [] }
        return [.syscallN(hops: hops, members: hops % Self.syscallRounds == 0 ? hops / Self.syscallRounds : nil)]
    }

    func referenceBuild() -> [Condition] {
        let rust = Set(ReferenceFamily.rust.variants)
        guard points.contains(where: { rust.contains($0.variant) && $0.runsOK > 0 }) else { return [] }
        return [.referenceBuild(family: .rust)]
    }
}
