import Results
import AnalysisModel

/// "The claims by async design": the claims that rest on the faithful async counterpart,
/// judged again by the same rules on every other Swift async design, so a reader sees which
/// designs keep the study's finding and which lose it (METHOD.md, "Every design, side by side").
struct DesignTable {
    let judge: ClaimJudge
    let study: StudyReference

    func rows() -> [DesignVerdicts] {
        let byDesign = study.claims.filter { $0.byDesign == true }
        func uses(_ c: StudyReference.Claim, _ role: VariantRole) -> Bool {
            [c.numerator, c.denominator].contains { $0?.role == role }
        }
        var out = [DesignVerdicts]()
        for (role, designs) in [(VariantRole.faithfulAsync, Variant.playing(.asyncDesign)),
                                (.faithfulCreation, Variant.playing(.faithfulCreation) + Variant.playing(.creationDesign))] {
            let claims = byDesign.filter { uses($0, role) }
            guard !claims.isEmpty else { continue }
            var seen = Set<Variant>()
            // The faithful design first, then the others in table order.
            let ordered = designs.filter { $0.row.roles.contains(role) } + designs.filter { !$0.row.roles.contains(role) }
            for v in ordered where seen.insert(v).inserted {
                var j = judge
                j.substitute = [role: v]
                out.append(DesignVerdicts(variant: v, faithful: v.row.roles.contains(role), claims: claims.map(j.verdict)))
            }
        }
        return out
    }
}
