import Results
import AnalysisModel
import Stats

/// Why a verdict that is not *confirmed* came out as it did (docs/METHOD.md): the same claim is
/// judged by the same rules on the C floors (each role played by the floor of its Swift
/// variant) and on the Rust twin; if both agree with Swift, the machine decided it; if either
/// keeps the claim while Swift does not, the Swift implementation; else if another Swift design
/// keeps it, the Swift design. Each side of the ratio is put beside the study's figure, so the
/// row says which side moved.
struct Attribution {
    let judge: ClaimJudge
    let designs: [DesignVerdicts]
    let rustClaims: [ClaimVerdict]?

    /// Each role played by the C floor of its Swift variant, where one exists.
    static var floorSubstitute: [VariantRole: Variant] {
        var map = [VariantRole: Variant]()
        for role in VariantRole.allCases {
            guard let v = Variant.the(role),
                  let floor = Variant.allCases.first(where: { $0.row.executable == .floor && $0.row.floorOf.contains(v) }) else { continue }
            map[role] = floor
        }
        return map
    }

    func cause(_ c: StudyReference.Claim, _ v: ClaimVerdict) -> CauseFacts? {
        guard v.verdict != .confirmed, v.verdict != .notRun else { return nil }
        if c.kind == .largeN, case .part(.memory, _)? = v.qualifier { return memoryCause(c, v) }
        let roles = [c.numerator, c.denominator].compactMap { $0?.role }
        let floors = Self.floorSubstitute
        var floorJudge = judge
        floorJudge.substitute = floors
        // The floors judge a claim only when every role of it has one.
        let floor = !roles.isEmpty && roles.allSatisfy { floors[$0] != nil } ? floorJudge.verdict(c) : nil
        let floorVerdict = floor.flatMap { $0.verdict == .notRun ? nil : $0 }
        let rust = rustClaims?.first { $0.id == c.id }.flatMap { $0.verdict == .notRun ? nil : $0 }
        var rustJudge = judge
        rustJudge.substitute = ReferenceFamily.rust.roleSubstitute
        rustJudge.family = .rust
        let sides = [c.numerator, c.denominator].compactMap { $0 }.compactMap { q -> SideFigure? in
            guard let variant = try? judge.variant(q), let here = judge.sideValue(q) else { return nil }
            return SideFigure(variant: variant, quantity: q.op, pinned: q.pinned, here: here, study: q.study,
                              floor: roles.isEmpty ? nil : floorJudge.sideValueIfSubstituted(q),
                              rust: rust == nil ? nil : rustJudge.sideValueIfSubstituted(q))
        }
        let others = designs.filter { !$0.faithful }.first { d in d.claims.contains { $0.id == c.id && $0.verdict == .confirmed } }
        // Whether the floor or the twin agree is read from where their estimate falls (an
        // interval that is still open on a floor says nothing against the machine).
        let agree = [floorVerdict, rust].compactMap { $0 }.map { Self.pointVerdict(c, $0) }
        let here = Self.pointVerdict(c, v)
        let kind: CauseFacts.Kind
        if here == .confirmed {
            // Swift's estimate falls where the claim holds; only the interval is too wide.
            kind = .spread
        } else if !agree.isEmpty && agree.allSatisfy({ $0 == here }) {
            kind = .machine
        } else if agree.contains(.confirmed) {
            kind = .swiftImplementation
        } else if others != nil {
            kind = .swiftDesign
        } else if !agree.isEmpty {
            // The floor or twin gives another verdict that does not keep the claim either: the
            // machine moved it, not Swift.
            kind = .machine
        } else {
            kind = .undetermined
        }
        // Floors that play every role but lack the runs the claim needs say "not run", not nothing.
        return CauseFacts(kind: kind, floorVerdict: floorVerdict?.verdict ?? floor?.verdict, floorRatio: floorVerdict?.ratio,
                          rustVerdict: rust?.verdict, rustRatio: rust?.ratio,
                          design: kind == .swiftDesign ? others?.variant : nil, sides: sides)
    }
}

extension Attribution {
    /// C8 when its memory part decides: the sides are the fitted bytes per member of each role
    /// (the study's from the memory claim C7), beside the Rust twin's; the C floors run no memory
    /// series. The Rust twin's own memory part says whether the machine or Swift moved it.
    func memoryCause(_ c: StudyReference.Claim, _ v: ClaimVerdict) -> CauseFacts? {
        var rustJudge = judge
        rustJudge.substitute = ReferenceFamily.rust.roleSubstitute
        rustJudge.family = .rust
        let rust = rustClaims?.first { $0.id == c.id }?.parts?.first { $0.kind == .memory && $0.verdict != .notRun }
        let studyPerMember = StudyReference.shared.claims.filter { $0.numerator?.op == .memorySlope }
            .flatMap { [$0.numerator, $0.denominator].compactMap { $0 } }
        let sides = [c.numerator, c.denominator].compactMap { $0 }.compactMap { q -> SideFigure? in
            guard let variant = try? judge.variant(q), let here = (try? judge.fit(variant))?.slope else { return nil }
            let twin = (try? rustJudge.variant(q)).flatMap { try? rustJudge.fit($0) }?.slope
            return SideFigure(variant: variant, quantity: .memorySlope, pinned: false, here: here,
                              study: studyPerMember.first { $0.role == q.role }?.study, floor: nil, rust: rust == nil ? nil : twin)
        }
        let here = v.parts?.first { $0.kind == .memory }?.verdict
        let kind: CauseFacts.Kind = rust.map { $0.verdict == here ? .machine : $0.verdict == .confirmed ? .swiftImplementation : .machine }
            ?? .undetermined
        return CauseFacts(kind: kind, floorVerdict: nil, floorRatio: nil, rustVerdict: rust?.verdict, rustRatio: rust?.ratio,
                          design: nil, sides: sides)
    }

    /// The verdict the claim's rule gives the estimate alone (a zero-width interval at the
    /// ratio): which region of the rule the floor's or the twin's figure falls in.
    static func pointVerdict(_ c: StudyReference.Claim, _ v: ClaimVerdict) -> Verdict {
        guard let r = v.ratio?.value, let rule = ClaimJudge.Rule(c) else { return v.verdict }
        return rule.decide(Estimated(value: r, lower: r, upper: r, method: .point)).verdict
    }
}

extension ClaimJudge {
    /// A side's value at the medians of its points (ns), or the fitted bytes per member.
    func sideValue(_ q: StudyReference.Quantity) -> Double? {
        if q.op == .memorySlope {
            return (try? variant(q)).flatMap { try? fit($0) }?.slope
        }
        guard let o = try? operand(q) else { return nil }
        return o.f(o.groups.map { summarize($0).median })
    }

    /// The side's value when its role is played by a substitute (nil when it is not: the side
    /// would be the Swift variant's own figure again).
    func sideValueIfSubstituted(_ q: StudyReference.Quantity) -> Double? {
        guard q.variant == nil, let role = q.role, substitute[role] != nil else { return nil }
        return sideValue(q)
    }
}
