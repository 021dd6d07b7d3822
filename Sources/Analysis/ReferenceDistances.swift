import Results
import AnalysisModel
import Stats

/// "Swift against the study's design on this machine": each Swift variant's median per hop (or
/// item) over the median of the reference variant of its design (the variant table's
/// `referenceOf`: the study's program in Rust), at the same N and pinning in the same
/// interleaved run, with a bootstrap CI of the ratio and a Mann-Whitney p on the process-run
/// medians. Same pattern as `FloorDistances`.
struct ReferenceDistances {
    let bootstrap: Bootstrap

    func compute(_ points: [PointAnalysis]) -> [ReferenceDistance] {
        let main = points.filter { $0.group == .main && $0.perUnit != nil }
        var out = [ReferenceDistance]()
        for reference in Variant.allCases where !reference.row.referenceOf.isEmpty {
            for swift in reference.row.referenceOf {
                for p in main where p.variant == swift.rawValue {
                    guard let r = main.first(where: { $0.variant == reference.rawValue && $0.pinned == p.pinned && $0.tasks == p.tasks }),
                          !p.perUnitMedians.isEmpty, !r.perUnitMedians.isEmpty
                    else { continue }
                    guard let ratio = try? ClaimJudge.bootstrapRatio(bootstrap, groups: [p.perUnitMedians, r.perUnitMedians], { ($0[0], $0[1]) })
                    else { continue }
                    let mw = mannWhitney(p.perUnitMedians, r.perUnitMedians)
                    out.append(ReferenceDistance(variant: p.variant, reference: r.variant, pinned: p.pinned, tasks: p.tasks,
                                                 variantPerUnit: p.perUnit!.value, referencePerUnit: r.perUnit!.value,
                                                 ratio: ratio, mannWhitneyP: mw.p, runs: p.perUnitMedians.count,
                                                 referenceRuns: r.perUnitMedians.count))
                }
            }
        }
        return out.sorted { (Variant(rawValue: $0.variant)!, $0.pinned ? 1 : 0, $0.reference) < (Variant(rawValue: $1.variant)!, $1.pinned ? 1 : 0, $1.reference) }
    }
}
