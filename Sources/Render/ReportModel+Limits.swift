import Foundation
import Results
import AnalysisModel

/// The limits table: every "raise" as Markdown without nested backticks, and RLIMIT_NOFILE's
/// advice recomputed for the descriptors this run asked for, so it names the same value as
/// the planner's messages (`LimitsAdvice`).
extension ReportModel {
    func limitsContext() -> Any {
        guard let l = a.limits else { return false }
        let threads: String = l.threadCapacity.map { Format.count($0) } ?? "unknown"
        let links: String = l.linkCapacity.map { Format.count($0) } ?? "unknown"
        return [
            "threads": threads, "threadBinding": l.threadBinding ?? "none found",
            "observed": l.observedThreads.map { n in
                ["threads": Format.count(n), "stop": l.observedThreadsStop ?? "reason not recorded"] as [String: Any]
            } ?? false,
            "links": links, "linkBinding": l.linkBinding ?? "none found",
            "entries": l.entries.map { e in
                ["name": e.name, "value": e.value, "threads": e.threadCapacity.map(Format.count) ?? "—",
                 "links": e.linkCapacity.map(Format.count) ?? "—", "raise": Self.markdownAdvice(raiseText(e, l))]
            },
        ]
    }

    /// The most file descriptors one socketpair brigade of this run asked for: every planned
    /// point's N, and the N asked of a run the limits clamped. Nil when no brigade uses links.
    func descriptorsAsked() -> Int? {
        let asked = a.points.map { ($0.variant, $0.tasks) } + a.skipped.map { ($0.variant, $0.tasks) }
        return asked.compactMap { v, n -> Int? in
            guard v.row.usesLinks else { return nil }
            return LimitsAdvice.descriptorsNeeded(members: n, fdsPerMember: v.row.fdsPerMember)
        }.max()
    }

    /// An entry's advice; RLIMIT_NOFILE's for what this run asked for. RLIMIT_NPROC with a
    /// value but no thread capacity is not enforced for the process (real uid 0 or a
    /// capability), so it does not bind whatever its value (files before 0.2 said to raise it).
    func raiseText(_ e: AnalysisLimitEntry, _ l: AnalysisLimits) -> String {
        func number(_ name: String) -> Int? { l.entries.first { $0.name == name }.flatMap { Int($0.value) } }
        // Files before raiseRight was recorded: the hard entry's canRaise is CAP_SYS_RESOURCE.
        let right = l.raiseRight ?? (l.entries.first { $0.name == "RLIMIT_NOFILE (hard)" }?.canRaise == true ? .capable : nil)
        if e.name.hasPrefix("RLIMIT_NPROC"), e.value != "unlimited",
           l.entries.first(where: { $0.name == "RLIMIT_NPROC (soft)" })?.threadCapacity == nil {
            switch e.raise {
            case .enough, .notEnforced, .noLimit, .freeMemory: break
            case .worded(let text) where text.hasPrefix("- "): break
            default: return "- (does not bind: not enforced for this process)"
            }
        }
        if e.name.hasPrefix("RLIMIT_NOFILE"), let asked = descriptorsAsked() {
            let target = LimitsAdvice.nofileTarget(descriptors: asked, openFileDescriptors: l.openFileDescriptors,
                                                   reserve: l.fileDescriptorReserve)
            return nofile(e, target, l, right)
        }
        switch e.raise {
        case .command(let c): return c
        case .smallerStacks(let c): return "\(c) (smaller default stacks fit more threads under RLIMIT_AS)"
        case .upToHard(let c): return "\(c) (hard limit: root for more)"
        case .rlimit(let item, let target) where item == "nofile": return nofile(e, target, l, right)
        case .rlimit(let item, let target):
            guard let hard = number("RLIMIT_NPROC (hard)"), hard < target else { return "ulimit -u \(target)" }
            return item == "nproc" ? LimitsAdvice.nproc(target: target, hard: hard, right: right) : "raise \(item) to \(target)"
        case .enough(let value, let asked, let threads): return "- (\(value) is enough: \(asked)\(threads ? " threads of this uid" : "") asked)"
        case .notEnforced(let why): return "- (does not bind: not enforced for \(why))"
        case .noLimit: return "- (no limit set)"
        case .freeMemory: return "- (free memory: stop other processes, or add RAM)"
        case .worded(let text): return text
        }
    }

    /// RLIMIT_NOFILE's advice for `target` descriptors, from the entries' soft, hard and
    /// fs.nr_open values and who runs ctxbench.
    func nofile(_ e: AnalysisLimitEntry, _ target: Int, _ l: AnalysisLimits, _ right: RaiseRight?) -> String {
        func number(_ name: String) -> Int? { l.entries.first { $0.name == name }.flatMap { Int($0.value) } }
        let hard = number("RLIMIT_NOFILE (hard)")
        let soft = e.name == "RLIMIT_NOFILE (hard)" ? hard : number("RLIMIT_NOFILE (soft)")
        return LimitsAdvice.nofile(target: target, soft: soft, hard: hard, nrOpen: number("fs.nr_open"), right: right)
    }

    /// A raise text as one Markdown cell: a text with backticks is Markdown already; "- (...)"
    /// is prose; "cmd (note)" of a known command becomes "`cmd` (note)"; pipes are escaped.
    static func markdownAdvice(_ raise: String) -> String {
        let cell: String
        if raise.contains("`") {
            cell = raise
        } else if raise.hasPrefix("- (") && raise.hasSuffix(")") {
            cell = String(raise.dropFirst(3).dropLast())
        } else if let word = raise.split(separator: " ").first, ["ulimit", "sysctl", "echo", "prlimit"].contains(String(word)) {
            let paren = raise.range(of: " (")
            cell = paren.map { "`\(raise[..<$0.lowerBound])`" + raise[$0.lowerBound...] } ?? "`\(raise)`"
        } else {
            cell = raise
        }
        return cell.replacingOccurrences(of: "|", with: "\\|")
    }
}
