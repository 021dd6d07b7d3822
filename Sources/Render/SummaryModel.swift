import Results

/// Values of the summary bullets (report-templates/summary.md.mustache): the study's own
/// summary, regenerated with this machine's figures. A bullet whose inputs did not run is
/// `false` and the template leaves it out.
struct SummaryModel {
    let a: AnalysisFile

    func context() -> [String: Any] {
        [
            "host": a.environment.hostname, "cpu": a.environment.cpuModel, "cpus": String(a.environment.logicalCPUs),
            "date": String(a.environment.date.prefix(10)), "profile": a.configuration.profile,
            "switch": switchBullet(), "io": ioBullet(), "pipes": pipesBullet(), "creation": creationBullet(),
            "memory": memoryBullet(), "verdicts": verdictCounts(),
        ]
    }

    func main(_ variant: String, pinned: Bool?) -> PointAnalysis? {
        a.points.first { $0.group == "main" && $0.variant == variant && (pinned == nil || $0.pinned == pinned!) && $0.perUnit != nil }
    }

    func derived(_ variant: String, pinned: Bool) -> DerivedCost? {
        a.derived.first { $0.name == "switch" && $0.variant == variant && $0.pinned == pinned }
    }

    func switchBullet() -> Any {
        guard let mem = main("async-mem-brigade", pinned: false) ?? main("async-mem-brigade", pinned: nil),
              let t = derived("thread-brigade", pinned: true) else { return false }
        return ["async": Format.nanos(mem.perUnit!.value), "thread": Format.nanos(t.value.value),
                "ratio": Format.ratio(t.value.value / mem.perUnit!.value)]
    }

    func ioBullet() -> Any {
        guard let t = derived("thread-brigade", pinned: true) else { return false }
        let asyncs = ["async-brigade-epoll", "async-brigade-1t", "async-brigade"].compactMap { v in
            derived(v, pinned: true).map { "\(Format.nanos($0.value.value)) (\(v))" }
        }
        guard !asyncs.isEmpty else { return false }
        return ["thread": Format.nanos(t.value.value), "asyncs": asyncs.joined(separator: ", ")]
    }

    func pipesBullet() -> Any {
        guard let t = main("thread-brigade", pinned: false), let s = main("async-brigade", pinned: false) else { return false }
        var out: [String: Any] = ["thread": Format.nanos(t.perUnit!.value), "async": Format.nanos(s.perUnit!.value),
                                  "ratio": Format.ratio(t.perUnit!.value / s.perUnit!.value), "pinned": false]
        if let tp = main("thread-brigade", pinned: true) { out["pinned"] = ["thread": Format.nanos(tp.perUnit!.value)] }
        return out
    }

    func creationBullet() -> Any {
        guard let t = main("thread-creation", pinned: nil), let s = main("async-creation", pinned: nil) else { return false }
        return ["thread": Format.nanos(t.perUnit!.value), "task": Format.nanos(s.perUnit!.value),
                "ratio": Format.ratio(t.perUnit!.value / s.perUnit!.value)]
    }

    func memoryBullet() -> Any {
        guard let t = a.memory.first(where: { $0.name == "rss-per-thread" && $0.slope != nil }),
              let s = a.memory.first(where: { $0.name == "rss-per-task" && $0.slope != nil }) else { return false }
        let ratio = s.slope! > 0 ? Format.ratio(t.slope! / s.slope!) : "n/a"
        return ["thread": Format.bytes(t.slope!), "task": Format.bytes(s.slope!), "ratio": ratio]
    }

    func verdictCounts() -> String {
        let order = ["confirmed", "direction only", "not confirmed", "contradicted", "not run"]
        return order.compactMap { v in
            let n = a.claims.filter { $0.verdict == v }.count
            return n > 0 ? "\(n) \(v)" : nil
        }.joined(separator: ", ")
    }
}
