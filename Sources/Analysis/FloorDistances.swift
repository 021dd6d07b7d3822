import Results
import AnalysisModel
import Stats

/// "Distance to the floor": each Swift variant's median per hop (or item) over the median of
/// the C floor of its design (the variant table's `floorOf`), at the same N and pinning in the
/// same run, with a bootstrap CI of the ratio.
struct FloorDistances {
    let bootstrap: Bootstrap

    func compute(_ points: [PointAnalysis]) -> [FloorDistance] {
        let main = points.filter { $0.group == .main && $0.perUnit != nil }
        var out = [FloorDistance]()
        for floor in Variant.allCases where !floor.row.floorOf.isEmpty {
            for swift in floor.row.floorOf {
                for p in main where p.variant == swift.rawValue {
                    guard let f = main.first(where: { $0.variant == floor.rawValue && $0.pinned == p.pinned && $0.tasks == p.tasks })
                    else { continue }
                    guard let r = try? ClaimJudge.bootstrapRatio(bootstrap, groups: [p.perUnitMedians, f.perUnitMedians], { ($0[0], $0[1]) })
                    else { continue }
                    out.append(FloorDistance(variant: p.variant, floor: f.variant, pinned: p.pinned, tasks: p.tasks,
                                             variantPerUnit: p.perUnit!.value, floorPerUnit: f.perUnit!.value, ratio: r))
                }
            }
        }
        return out.sorted { (Variant(rawValue: $0.variant)!, $0.pinned ? 1 : 0, $0.floor) < (Variant(rawValue: $1.variant)!, $1.pinned ? 1 : 0, $1.floor) }
    }
}
