import Foundation
import Results
import AnalysisModel
import Stats

/// Decides the rounds of a budgeted run (docs/METHOD.md, "Deciding within a budget"): after
/// each look it judges the claims and open questions, and while some are inconclusive, looks
/// remain and the budget allows, it plans one more round of process runs for them.
///
/// A round buys *bundles*: one more process run of every point a claim's deciding ratio rests
/// on (both sides of the ratio, run next to each other), for the claims where one more bundle
/// narrows the ratio's interval most per second of measuring (relative variance reduction over
/// the bundle's measured wall time, plus the time a run takes to start and save), each claim at most the bundles its interval needs to clear
/// its edge (from the observed spread). The round gets the remaining budget divided by the looks
/// left, so the last look still has runs to spend. Bundles are shuffled, and so are the runs
/// inside a bundle, with a generator seeded from the run's seed and the round.
public struct Allocator: Sendable {
    public var analyzer: Analyzer

    public init(analyzer: Analyzer = Analyzer()) { self.analyzer = analyzer }

    /// The next step of a budgeted run after the look at `file`, and the verdicts of that look.
    public func next(_ file: ResultsFile) throws -> (decision: RoundDecision, verdicts: [ClaimVerdict]) {
        let verdicts = try analyzer.judgeClaims(file)
        guard let plan = file.configuration.decision else { return (.stop(RoundStop.fixedPlan.text), verdicts) }
        let look = (file.configuration.plan.map(\.roundIndex).max() ?? 0) + 1
        let open = verdicts.filter { $0.verdict == .inconclusive && !($0.inputs ?? []).isEmpty }
        let fragile = verdicts.filter { v in
            v.verdict.isDecided && (v.decision?.stability ?? 1) < Self.stableAt && !(v.inputs ?? []).isEmpty
        }
        let undecided = verdicts.filter { $0.verdict == .inconclusive }.map(\.id)
        if undecided.isEmpty && fragile.isEmpty {
            return (.stop(RoundStop.decided(look: look, looks: plan.looks).text), verdicts)
        }
        let still: RoundsLeftOpen = undecided.isEmpty ? .unstable(claims: fragile.map(\.id), stableAt: Self.stableAt)
            : .inconclusive(claims: undecided)
        guard look < plan.looks else {
            return (.stop(RoundStop.lastLook(looks: plan.looks, still: still).text), verdicts)
        }
        let spent = plan.spentSeconds ?? file.runs.map(\.wallSeconds).reduce(0, +)
        let remaining = plan.budgetSeconds - spent
        let roundBudget = remaining / Double(plan.looks - look)
        let specs = bundles(open + fragile, file: file, budget: roundBudget, round: look)
        guard !specs.isEmpty else {
            return (.stop(RoundStop.budgetSpent(spentSeconds: spent, budgetSeconds: plan.budgetSeconds, still: still).text), verdicts)
        }
        let claims = Set((open + fragile).filter { c in (c.inputs ?? []).contains { i in specs.contains { $0.pointKey == i.point } } }.map(\.id))
        let seconds = specs.map { meanWall(file, $0.pointKey) }.reduce(0, +)
        let why = "round \(look): \(specs.count) process runs (about \(Format.seconds(seconds))) for \(claims.sorted(by: Self.claimOrder).joined(separator: ", "))"
        return (.run(specs, why: why), verdicts)
    }

    /// Points with their spread, runs so far and cost, as the greedy choice needs them.
    struct PointState {
        var runs: Int
        var logSD: Double
        var wall: Double
        var template: RunSpec
        var nextIndex: Int
    }

    func bundles(_ open: [ClaimVerdict], file: ResultsFile, budget: Double, round: Int) -> [RunSpec] {
        var state = [String: PointState]()
        // What a run costs besides its own wall time (start, save), from the time recorded.
        let walls = file.runs.map(\.wallSeconds).reduce(0, +)
        let overhead = file.runs.isEmpty ? 0 : max(0, ((file.configuration.decision?.spentSeconds ?? walls) - walls) / Double(file.runs.count))
        for key in Set(open.flatMap { ($0.inputs ?? []).map(\.point) }).sorted() {
            guard let template = file.configuration.plan.first(where: { $0.pointKey == key }) else { continue }
            let ok = file.runs.filter { $0.status == .ok && $0.spec.pointKey == key }
            let medians = ok.compactMap(\.medianPerUnit)
            let wall = ok.isEmpty ? 1 : ok.map(\.wallSeconds).reduce(0, +) / Double(ok.count)
            let indices = file.configuration.plan.filter { $0.pointKey == key }.map(\.runIndex)
            // A spread from two or three runs is a guess: never below 3 %, what this VM's
            // quietest points show between process runs.
            state[key] = PointState(runs: max(1, medians.count), logSD: max(0.03, Self.logSD(medians)), wall: max(wall, 0.01) + overhead,
                                    template: template, nextIndex: (indices.max() ?? -1) + 1)
        }
        struct Need { var claim: ClaimVerdict; var points: [(String, Double)]; var left: Int; var weight: Double }
        var needs = open.compactMap { c -> Need? in
            let pts = (c.inputs ?? []).filter { state[$0.point] != nil }.map { ($0.point, $0.elasticity) }
            guard !pts.isEmpty else { return nil }
            // Bundles this round: what the interval needs to clear its edge, with a margin for
            // a spread that was under-estimated; an estimate on the edge gets two per round.
            // A decided but fragile verdict gets two per round, after the inconclusive ones.
            let fragile = c.verdict != .inconclusive
            let left = fragile ? 2 : c.decision?.moreRuns.map { Int((Double($0) * 1.25).rounded(.up)) } ?? 2
            return Need(claim: c, points: pts, left: max(1, left), weight: fragile ? 0.25 : 1)
        }
        func variance(_ n: Need, extra: [String: Int] = [:]) -> Double {
            n.points.map { key, e in
                let s = state[key]!
                return e * e * s.logSD * s.logSD / Double(s.runs + (extra[key] ?? 0))
            }.reduce(0, +)
        }
        var chosen = [[RunSpec]]()
        var spent = 0.0
        while true {
            var best: (index: Int, gain: Double, cost: Double)?
            for (i, n) in needs.enumerated() where n.left > 0 {
                let keys = Set(n.points.map(\.0)).sorted()
                let cost = keys.map { state[$0]!.wall }.reduce(0, +)
                guard spent + cost <= budget else { continue }
                let now = variance(n)
                guard now > 0 else { continue }
                let gain = n.weight * (now - variance(n, extra: Dictionary(uniqueKeysWithValues: keys.map { ($0, 1) }))) / now / cost
                if best == nil || gain > best!.gain { best = (i, gain, cost) }
            }
            guard let b = best else { break }
            var bundle = [RunSpec]()
            for key in Set(needs[b.index].points.map(\.0)).sorted() {
                var s = state[key]!
                var spec = s.template
                spec.runIndex = s.nextIndex
                spec.round = round
                bundle.append(spec)
                s.nextIndex += 1
                s.runs += 1
                state[key] = s
            }
            needs[b.index].left -= 1
            spent += b.cost
            chosen.append(bundle)
        }
        var rng = SplitMix64(seed: file.configuration.seed ^ (0x9E37_79B9 &* UInt64(round)))
        chosen.shuffle(using: &rng)
        return chosen.flatMap { bundle in bundle.shuffled(using: &rng) }
    }

    func meanWall(_ file: ResultsFile, _ key: String) -> Double {
        let walls = file.runs.filter { $0.status == .ok && $0.spec.pointKey == key }.map(\.wallSeconds)
        return walls.isEmpty ? 0 : walls.reduce(0, +) / Double(walls.count)
    }

    /// Sample sd of the logs of the positive values (`summarize`, GSL); 0 with fewer than 2.
    static func logSD(_ xs: [Double]) -> Double {
        let logs = xs.filter { $0 > 0 }.map { log($0) }
        return logs.count >= 2 ? summarize(logs).sd : 0
    }

    /// A decided verdict with a stability below this still gets runs while the budget lasts, after
    /// the inconclusive ones: a verdict one resample in ten would change is not yet settled.
    public static let stableAt = 0.9

    /// C2 before C10 before C11.
    static func claimOrder(_ a: String, _ b: String) -> Bool {
        (Int(a.dropFirst()) ?? 0, a) < (Int(b.dropFirst()) ?? 0, b)
    }
}
