import Results
import AnalysisModel
import Stats

/// How far each Swift variant is from another program of its design at the same N and pinning in
/// the same run: its C floor (the variant table's `floorOf`: what the kernel allows) and the
/// study's program in Rust (`referenceOf`). One algorithm for both: the ratio of the per-unit
/// medians with a bootstrap CI over the process runs of each side.
struct PairedDistances {
    let bootstrap: Bootstrap

    /// (Swift point, partner point, Swift / partner) for every partner row whose `partnerOf`
    /// names a Swift variant with a measured headline point at the partner's N and pinning;
    /// sorted by Swift variant, pinning, partner.
    func pairs(_ points: [PointAnalysis], partnerOf: (VariantRow) -> [Variant])
        -> [(swift: PointAnalysis, partner: PointAnalysis, ratio: Estimated)] {
        var out = [(swift: PointAnalysis, partner: PointAnalysis, ratio: Estimated)]()
        for partner in Variant.allCases {
            for swift in partnerOf(partner.row) {
                for p in points.measured(swift, group: .main) {
                    guard let q = points.measuredPoint(partner, pinned: p.pinned, tasks: p.tasks),
                          let r = try? ClaimJudge.bootstrapRatio(bootstrap, groups: [p.perUnitMedians, q.perUnitMedians], { ($0[0], $0[1]) })
                    else { continue }
                    out.append((p, q, r))
                }
            }
        }
        let key = { (x: (swift: PointAnalysis, partner: PointAnalysis, ratio: Estimated)) in
            (Variant.allCases.firstIndex { $0 == x.swift.variant } ?? 0, x.swift.pinned ? 1 : 0, x.partner.variant.rawValue)
        }
        return out.sorted { key($0) < key($1) }
    }

    /// Each Swift variant against the C floor of its design.
    func floors(_ points: [PointAnalysis]) -> [FloorDistance] {
        pairs(points, partnerOf: \.floorOf).map { p, f, r in
            FloorDistance(variant: p.variant, floor: f.variant, pinned: p.pinned, tasks: p.tasks,
                          variantPerUnit: p.perUnit!.value, floorPerUnit: f.perUnit!.value, ratio: r)
        }
    }

    /// Each Swift variant against the study's design in Rust, with a Mann-Whitney p on the
    /// process-run medians.
    func references(_ points: [PointAnalysis]) -> [ReferenceDistance] {
        pairs(points, partnerOf: \.referenceOf).map { p, q, r in
            ReferenceDistance(variant: p.variant, reference: q.variant, pinned: p.pinned, tasks: p.tasks,
                              variantPerUnit: p.perUnit!.value, referencePerUnit: q.perUnit!.value, ratio: r,
                              mannWhitneyP: mannWhitney(p.perUnitMedians, q.perUnitMedians).p,
                              runs: p.perUnitMedians.count, referenceRuns: q.perUnitMedians.count)
        }
    }
}
