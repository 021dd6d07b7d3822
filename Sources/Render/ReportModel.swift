import Results
import AnalysisModel

/// Builds the Mustache view of an analysis: every value pre-formatted as a string, every
/// optional value present as `false` when absent (StrictContext treats a missing key as an
/// error). Pure: same analysis, same dictionary.
struct ReportModel {
    let a: AnalysisFile
    let charts: [ChartFile]
    var text: ClaimText { ClaimText(a: a) }

    func context() -> [String: Any] {
        var c: [String: Any] = [
            "title": "ctxbench report: \(a.environment.hostname)",
            "summary": SummaryModel(a: a).context(),
            "claims": a.claims.map(claimRow),
            "designs": designRows(),
            "hasDesigns": !designRows().isEmpty,
            "designClaims": designClaimIDs().map { ["id": $0] },
            "studyNumbers": (a.studyNumbers ?? []).map(StudyNumberText(a).row).map {
                ["quantity": $0.quantity, "study": $0.study, "here": $0.here, "source": $0.source, "rust": $0.rust ?? "—"]
            },
            "hasRustNumbers": (a.studyNumbers ?? []).contains { $0.rust != nil },
            "hasStudyNumbers": !(a.studyNumbers ?? []).isEmpty,
            "conditions": (a.conditions ?? []).map(ConditionText(a).row).map { ["condition": $0.condition, "study": $0.study, "here": $0.here, "affects": $0.affects] },
            "hasConditions": !(a.conditions ?? []).isEmpty,
            "floors": (a.floors ?? []).map { f in
                ["variant": f.variant, "floor": f.floor, "pinning": f.pinned ? "pinned" : "unpinned",
                 "tasks": Format.count(f.tasks), "swift": Format.nanos(f.variantPerUnit), "floorTime": Format.nanos(f.floorPerUnit),
                 "ratio": Format.ratioEstimate(f.ratio)]
            },
            "hasFloors": !(a.floors ?? []).isEmpty,
            "openQuestions": (a.openQuestions ?? []).map(claimRow),
            "hasOpenQuestions": !(a.openQuestions ?? []).isEmpty,
            "readiness": readinessRows(),
            "hasReadiness": !readinessRows().isEmpty,
            "inFlight": inFlightRows(),
            "hasInFlight": !inFlightRows().isEmpty,
            "hasRustClaims": a.rustClaims != nil,
            "references": (a.references ?? []).map { r in
                ["variant": r.variant, "reference": r.reference, "pinning": r.pinned ? "pinned" : "unpinned",
                 "tasks": Format.count(r.tasks), "swift": Format.nanos(r.variantPerUnit), "rust": Format.nanos(r.referencePerUnit),
                 "ratio": Format.ratioEstimate(r.ratio), "p": Self.pValue(r.mannWhitneyP), "runs": "\(r.runs) / \(r.referenceRuns)",
                 "note": r.reference.row.costNote ?? "—"]
            },
            "hasReferences": !(a.references ?? []).isEmpty,
            "referenceMemory": referenceMemoryRows(),
            "hasReferenceMemory": !referenceMemoryRows().isEmpty,
            "referenceSyscalls": referenceSyscallRows(),
            "hasReferenceSyscalls": !referenceSyscallRows().isEmpty,
            "referencesNotRun": referencesNotRun(),
            "results": resultRows(),
            "hasCreation": !creationRows().isEmpty,
            "creation": creationRows(),
            "derived": a.derived.map(derivedRow),
            "hasDerived": !a.derived.isEmpty,
            "syscalls": syscallRows(),
            "hasSyscalls": !syscallRows().isEmpty,
            "memory": a.memory.map(memoryRow),
            "hasMemory": !a.memory.isEmpty,
            "sweep": sweepRows(),
            "hasSweep": !sweepRows().isEmpty,
            "skipped": a.skipped.map(skippedRow),
            "hasSkipped": !a.skipped.isEmpty,
            "limits": limitsContext(),
            "warnings": a.warnings.map(WarningText(a).row).map { ["code": $0.code, "subject": $0.subject, "message": $0.message, "advice": $0.advice] },
            "hasWarnings": !a.warnings.isEmpty,
            "decision": decisionContext(),
            "speedUps": (a.speedUpByN ?? []).map { u in
                ["tasks": Format.count(u.tasks), "pinning": u.pinned ? "pinned" : "unpinned", "ratio": Format.ratioEstimate(u.ratio)]
            },
            "hasSpeedUps": !(a.speedUpByN ?? []).isEmpty,
            "speedUpAnswers": (a.speedUpAnswers ?? []).map(Self.speedUpSentence),
            "machine": machine(),
            "charts": Dictionary(uniqueKeysWithValues: charts.map { ($0.key.rawValue, ["path": "charts/\($0.fileName)", "caption": $0.caption]) }),
            "method": method(),
        ]
        for key in ChartKey.report.map(\.rawValue) where (c["charts"] as! [String: Any])[key] == nil {
            var charts = c["charts"] as! [String: Any]
            charts[key] = false
            c["charts"] = charts
        }
        return c
    }

    // MARK: rows

    func claimRow(_ v: ClaimVerdict) -> [String: Any] {
        [
            "id": v.id, "claim": text.claim(v.id)?.claim ?? v.id, "studyFigure": text.claim(v.id)?.studyFigure ?? "—",
            "figure": text.figure(v).isEmpty ? "—" : text.figure(v),
            "ratio": Self.ratioCell(v),
            "studyRatio": Format.ratio(v.studyRatio), "verdict": Self.verdictCell(v), "reason": reasonCell(v), "cause": Self.causeCell(v),
            "ratioDefinition": text.claim(v.id)?.ratio ?? "—",
            "decidedBy": (v.variants ?? []).isEmpty ? "—" : (v.variants ?? []).map(\.rawValue).joined(separator: ", "),
            "substitution": text.substitution(v),
            "rust": rustCell(v.id),
        ]
    }

    /// C11's table: the readiness and completion designs with threads beside them, unpinned,
    /// headline N: per hop, events per wait and syscalls per hop.
    func readinessRows() -> [[String: Any]] {
        let roles: [VariantRole] = [.singleThreadAsync, .completionAsync, .faithfulAsync, .threadBrigade]
        var variants = roles.compactMap(Variant.the)
        variants += Variant.allCases.filter { v in v.row.floorOf.contains { variants.contains($0) } && v.row.kind == .brigade }
        guard variants.contains(where: { $0.row.roles.contains(.completionAsync) }) else { return [] }
        return variants.compactMap { v -> [String: Any]? in
            guard let p = a.points.measuredPoint(v, pinned: false) else { return nil }
            let calls = a.syscalls.first { $0.variant == v && !$0.pinned && $0.error == nil }.map { s in
                s.perHop.filter { !$0.key.hasSuffix("(errors)") }.sorted { $0.key < $1.key }
                    .map { "\($0.key) \(Format.sig3($0.value))" }.joined(separator: ", ")
            }
            return ["variant": v.rawValue, "design": v.row.design, "perHop": Format.estimate(p.perUnit!),
                    "events": p.eventsPerWait.map(Format.sig3) ?? "—", "syscalls": calls ?? "—"]
        }
    }

    /// C12's table: per design and K, per hop, events per wait and context switches per hop.
    func inFlightRows() -> [[String: Any]] {
        (a.inFlight ?? []).flatMap { s in
            s.points.map { p -> [String: Any] in
                ["variant": s.variant, "k": String(p.inFlight), "perHop": Format.estimate(p.perHop),
                 "events": p.eventsPerWait.map(Format.sig3) ?? "—", "switches": p.switchesPerHop.map(Format.sig3) ?? "—",
                 "plateau": p.inFlight == s.plateauK ? "flattens here" : ""]
            }
        }
    }

    /// The claim's verdict on the Rust reference: "**verdict** ratio", or "not run: why".
    func rustCell(_ id: String) -> String {
        guard let v = a.rustClaims?.first(where: { $0.id == id }) else { return "—" }
        if v.verdict == .notRun { return "not run: \(text.reason(v))" }
        let variants = v.variants ?? []
        return "**\(ClaimText.label(v))** \(Self.ratioCell(v, none: ""))" + (variants.isEmpty ? "" : " (\(variants.map(\.rawValue).joined(separator: ", ")))")
    }

    /// The deciding ratio with its interval, its level when not 95 % ("41.7x [30.1, 59.2] at
    /// 98.75 %"); a two-part claim (C8) gives each part's, so the cell shows what decided it.
    static func ratioCell(_ v: ClaimVerdict, none: String = "—") -> String {
        let parts = (v.parts ?? []).compactMap { p in p.ratio.map { "\(p.kind.rawValue) \(ratioText($0))" } }
        if parts.count > 1 { return parts.joined(separator: "; ") }
        return v.ratio.map(ratioText) ?? none
    }

    static func ratioText(_ e: Estimated) -> String {
        let level = e.method.level.flatMap { abs($0 - 0.95) < 1e-9 || !Format.hasInterval(e) ? nil : $0 }
        return Format.ratioEstimate(e) + (level.map { " at \(Format.percent($0))" } ?? "")
    }

    /// "p = 0.03", or "p < 0.001".
    static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : Format.sig3(p)
    }

    /// When the Rust reference was asked for but did not run: why (the first skipped reason).
    func referencesNotRun() -> Any {
        guard a.rustClaims != nil, (a.references ?? []).isEmpty else { return false }
        let rust = Set(ReferenceFamily.rust.variants)
        return ["reason": a.skipped.first { rust.contains($0.variant) }?.reason.description ?? "no Swift variant and its Rust reference ran at the same N and pinning"]
    }

    /// Claim ids of the by-design table's columns, in the order of the claims.
    func designClaimIDs() -> [String] {
        let ids = Set((a.designs ?? []).flatMap { $0.claims.map(\.id) })
        return a.claims.map(\.id).filter(ids.contains)
    }

    /// One row per async design: its verdict on each by-design claim ("—" where the claim is
    /// not about this kind of design), the faithful one marked.
    func designRows() -> [[String: Any]] {
        let ids = designClaimIDs()
        return (a.designs ?? []).map { d in
            let cells = ids.map { id -> [String: Any] in
                guard let v = d.claims.first(where: { $0.id == id }) else { return ["cell": "—"] }
                let r = v.qualifier == nil ? v.ratio.map { " (\(Format.ratio($0.value)))" } ?? "" : ""
                return ["cell": v.verdict == .notRun ? "not run" : ClaimText.label(v) + r]
            }
            let row: VariantRow? = d.variant.row
            return ["variant": d.faithful ? "**\(d.variant)** (faithful)" : d.variant.rawValue, "design": row?.design ?? "—",
                    "costNote": row?.costNote ?? "—", "cells": cells]
        }
    }

    /// Brigade rows of the main group, unpinned beside pinned.
    func resultRows() -> [[String: Any]] {
        a.points.filter { $0.group == .main && $0.kind == .brigade }.map(pointRow)
    }

    func creationRows() -> [[String: Any]] {
        a.points.filter { $0.group == .main && $0.kind == .creation }.map { p in
            var row = pointRow(p)
            row["latency"] = p.latency.map { Format.estimate($0) } ?? "—"
            return row
        }
    }

    func pointRow(_ p: PointAnalysis) -> [String: Any] {
        let dash = "—"
        guard let e = p.perUnit else {
            return ["variant": p.variant, "pinning": p.pinned ? "pinned" : "unpinned", "tasks": Format.count(p.tasks),
                    "iterations": Format.count(p.iterations), "median": "not run: \(notRunReason(p))", "ci": dash,
                    "mean": dash, "min": dash, "p99": dash, "runs": "0/\(p.runsPlanned)", "outliers": dash,
                    "userSys": dash, "switches": dash, "threads": dash]
        }
        let cost = p.cost.map { "\(Format.nanos($0.userNs)) / \(Format.nanos($0.systemNs))" } ?? dash
        let switches = p.cost.map { "\(Format.sig3($0.voluntarySwitches)) / \(Format.sig3($0.involuntarySwitches))" } ?? dash
        let mean = p.meanPerUnit.map { "\(Format.nanos($0.value)) ± \(Format.nanos(p.sdPerUnit ?? 0))" } ?? dash
        return [
            "variant": p.variant, "pinning": p.pinned ? "pinned" : "unpinned", "tasks": Format.count(p.tasks),
            "iterations": Format.count(p.iterations), "median": Format.nanos(e.value),
            "ci": Format.ci(e), "mean": mean,
            "min": p.minPerUnit.map(Format.nanos) ?? dash, "p99": p.p99PerUnit.map(Format.nanos) ?? dash,
            "runs": "\(p.runsOK)/\(p.runsPlanned)", "outliers": "\(p.outliersMild) + \(p.outliersSevere)",
            "userSys": cost, "switches": switches, "threads": p.threads.map(String.init) ?? dash,
        ]
    }

    func notRunReason(_ p: PointAnalysis) -> String {
        if let f = p.failures.first { return f }
        if let s = a.skipped.first(where: { $0.variant == p.variant && $0.group == p.group }) { return s.reason.description }
        return "no successful process run"
    }

    func derivedRow(_ d: DerivedCost) -> [String: Any] {
        let note = d.name != .switch ? " (\(d.name.rawValue))" : d.variant.row.switchNote.map { " (\($0))" } ?? ""
        let label = "\(d.variant) − \(d.minus)\(note)"
        return ["label": label, "pinning": d.pinned ? "pinned" : "unpinned", "value": Format.nanos(d.value.value),
                "ci": Format.ci(d.value), "method": Format.method(d.value.method)]
    }

    func syscallRows() -> [[String: Any]] {
        a.syscalls.map { s in
            let calls = s.byCount.map { name, n in
                    let errors = s.perHop["\(name) (errors)"].map { " (\(Format.sig3($0)) EAGAIN)" } ?? ""
                    return "\(name) \(Format.sig3(n))\(errors)"
                }
            return ["variant": s.variant, "pinning": s.pinned ? "pinned" : "unpinned",
                    "calls": s.error.map { "not measured: \($0)" } ?? (calls.isEmpty ? "none" : calls.joined(separator: ", "))]
        }
    }

    func memoryRow(_ m: MemoryFit) -> [String: Any] {
        let dash = "—"
        let fitted = m.slope != nil
        /// A kernel-side slope (system-wide /proc/meminfo deltas) under 1 % of the resident bytes
        /// per member is a size cutoff, not a noise test: too small to tell from the rest of the
        /// machine's memory use over the run, printed "≈ 0" (the template says so); nil "—".
        func kernel(_ bytes: Double?) -> String {
            guard let bytes else { return dash }
            guard let slope = m.slope, abs(bytes) < 0.01 * abs(slope) else { return Format.bytes(bytes) }
            return "≈ 0"
        }
        return [
            "name": m.name, "variant": m.variant, "points": "\(m.tasks.count) readings at \(Set(m.tasks).count) counts",
            "slope": fitted ? Format.bytes(m.slope!) : "not fitted: \(Self.fitFailure(m.fitFailure))",
            "ci": fitted ? Format.interval(m.slopeLower!, m.slopeUpper!, digits: Format.bytes) : dash,
            "se": m.slopeSE.map(Format.bytes) ?? dash, "r2": m.rSquared.map { String(format: "%.4f", $0) } ?? dash,
            "robust": m.robustSlope.map { Format.bytes($0) + (m.robustDisagrees ? " (disagrees by > 2 SE)" : "") } ?? dash,
            "kernel": m.kernelStackPerTask.map { "\(kernel($0)) stack + \(kernel(m.pageTablesPerTask)) page tables (approx.)" } ?? dash,
        ]
    }

    /// Why a memory series has no fit.
    static func fitFailure(_ f: FitFailure?) -> String {
        switch f {
        case .tooFewReadings(let readings, let counts)?: "\(readings) readings at \(counts) task counts; a fit needs at least 3 readings at 2 counts"
        case .failed(let error)?: "fit failed: \(error)"
        case nil: ""
        }
    }

    /// The sweep table: the points sweep.png draws (the pinned ones) and the large counts.
    func sweepRows() -> [[String: Any]] {
        SweepPoints(a: a).points.map { p in
            var row = pointRow(p)
            row["group"] = SweepPoints.groupCell(p)
            return row
        }
    }

    func skippedRow(_ s: SkippedRun) -> [String: Any] {
        ["variant": s.variant, "group": s.group.rawValue, "tasks": Format.count(s.tasks), "reason": s.reason.description,
         "outcome": s.clampedTo.map { "ran with \(Format.count($0)) instead" } ?? "not run"]
    }
}
