import Results
import AnalysisModel

/// Values of the summary bullets (report-templates/summary.md.mustache): the study's own
/// summary, regenerated with this machine's figures from the faithful counterparts, then one
/// Swift-specific bullet on the other async designs. A bullet whose inputs did not run is
/// `false` and the template leaves it out.
struct SummaryModel {
    let a: AnalysisFile

    func context() -> [String: Any] {
        [
            "host": a.environment.hostname, "cpu": a.environment.cpuModel, "cpus": String(a.environment.logicalCPUs),
            "date": String(a.environment.date.prefix(10)), "profile": a.configuration.profile,
            "switch": switchBullet(), "creation": creationBullet(), "memory": memoryBullet(),
            "capacity": capacityBullet(), "designs": designsBullet(), "verdicts": verdictCounts(),
            "questions": (a.openQuestions ?? []).filter { $0.verdict != .notRun }.map { q in
                ["id": q.id, "claim": ClaimText.claim(q.id)?.claim ?? q.id, "verdict": ClaimText.label(q), "figure": ClaimText(a: a).figure(q)]
            },
        ]
    }

    func main(_ role: VariantRole, pinned: Bool?) -> PointAnalysis? {
        guard let v = Variant.the(role) else { return nil }
        return a.points.measuredPoint(v, pinned: pinned)
    }

    func derived(_ role: VariantRole, pinned: Bool) -> DerivedCost? {
        guard let v = Variant.the(role) else { return nil }
        return a.derived.first { $0.name == .switch && $0.variant == v && $0.pinned == pinned }
    }

    /// The study's first bullet: the switch in memory, the switch on I/O readiness, and pinning.
    func switchBullet() -> Any {
        guard let mem = main(.inMemoryBrigade, pinned: false) ?? main(.inMemoryBrigade, pinned: nil),
              let t = derived(.threadBrigade, pinned: true) else { return false }
        var out: [String: Any] = ["async": Format.nanos(mem.perUnit!.value), "thread": Format.nanos(t.value.value),
                                  "ratio": Format.ratio(t.value.value / mem.perUnit!.value), "io": false, "pinned": false]
        if let s = derived(.faithfulAsync, pinned: false) {
            out["io"] = ["async": Format.nanos(s.value.value), "variant": s.variant]
        }
        if let tp = main(.threadBrigade, pinned: true), let s = main(.faithfulAsync, pinned: false),
           let tu = main(.threadBrigade, pinned: false) {
            out["pinned"] = ["thread": Format.nanos(tp.perUnit!.value), "unpinned": Format.nanos(tu.perUnit!.value),
                             "async": Format.nanos(s.perUnit!.value), "variant": s.variant]
        }
        return out
    }

    func creationBullet() -> Any {
        guard let t = main(.threadCreation, pinned: nil), let s = main(.faithfulCreation, pinned: nil) else { return false }
        return ["thread": Format.nanos(t.perUnit!.value), "task": Format.nanos(s.perUnit!.value),
                "ratio": Format.ratio(t.perUnit!.value / s.perUnit!.value), "variant": s.variant]
    }

    func memoryBullet() -> Any {
        func fit(_ role: VariantRole) -> MemoryFit? {
            guard let v = Variant.the(role) else { return nil }
            return a.memory.first { $0.variant == v && $0.slope != nil }
        }
        guard let t = fit(.threadBrigade), let s = fit(.faithfulAsync) else { return false }
        let ratio = s.slope! > 0 ? Format.ratio(t.slope! / s.slope!) : "n/a"
        let kernel = t.kernelStackPerTask.map { ks in ["kernel": Format.bytes(ks + (t.pageTablesPerTask ?? 0))] as [String: Any] } ?? [:]
        return ["thread": Format.bytes(t.slope!), "task": Format.bytes(s.slope!), "ratio": ratio,
                "kernel": kernel.isEmpty ? false : kernel as Any]
    }

    func capacityBullet() -> Any {
        guard let c = a.claims.first(where: { $0.id == "C9" }), c.verdict != .notRun else { return false }
        return ["figure": ClaimText(a: a).figure(c)]
    }

    /// The Swift-specific finding: how the other async designs fare against the faithful one.
    func designsBullet() -> Any {
        guard let faithful = main(.faithfulAsync, pinned: false) else { return false }
        let others = Variant.playing(.asyncDesign).filter { $0 != faithful.variant }.compactMap { v -> String? in
            guard let p = a.points.measuredPoint(v, pinned: false) else { return nil }
            return "\(v.rawValue) \(Format.nanos(p.perUnit!.value)) (\(Format.ratio(p.perUnit!.value / faithful.perUnit!.value)))"
        }
        guard !others.isEmpty else { return false }
        return ["faithful": faithful.variant, "hop": Format.nanos(faithful.perUnit!.value), "others": others.joined(separator: ", ")]
    }

    func verdictCounts() -> String {
        ReportModel.verdictCounts(a.claims)
    }
}
