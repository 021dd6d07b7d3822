import Results

/// Whether a run fits this machine's limits.
public enum CapacityVerdict: Sendable, Equatable {
    case fits
    /// The binding limit's name, the most tasks it allows, a one-line explanation with the fix
    /// (for an explicit --tasks), and the same typed (for a run the planner clamps).
    case exceeds(limitName: String, capacity: Int, message: String, reason: SkipReason)
}

/// Checks a variant's `--tasks` against a `LimitsReport` before the run starts.
///
/// A brigade of N members uses N + 1 socketpairs: 2N + 2 file descriptors (see `LimitsProbe`);
/// a thread-per-member variant needs N threads. When both apply, the tighter limit is reported.
public struct CapacityCheck {
    /// - Parameter fdsPerMember: descriptors each member holds (2 for a socketpair; 3 where the
    ///   variant also dups the read end for its reactor). The report's link capacity assumes 2.
    public static func check(variantUsesLinks: Bool, threadPerMember: Bool, tasks: Int,
                             report: LimitsReport, fdsPerMember: Int = 2) -> CapacityVerdict {
        var verdicts: [(capacity: Int, verdict: CapacityVerdict)] = []
        if variantUsesLinks, let twoFD = report.linkCapacity, let name = report.linkBinding {
            // (capacity + 1) links of 2 fds is what the binding limit leaves; re-divide for k fds.
            let cap = max(0, (twoFD + 1) * 2 / max(2, fdsPerMember) - 1)
            if tasks > cap {
                let needed = LimitsAdvice.descriptorsNeeded(members: tasks, fdsPerMember: fdsPerMember)
                let value = report.entries.first { $0.name == name }?.value ?? "?"
                verdicts.append((cap, .exceeds(limitName: name, capacity: cap,
                                               message: linkMessage(tasks: tasks, capacity: cap, binding: name, report,
                                                                    fdsPerMember: fdsPerMember),
                                               reason: .limit(resource: .fileDescriptors, members: tasks, needed: needed, limit: name,
                                                              value: value, capacity: cap))))
            }
        }
        if threadPerMember, let cap = report.threadCapacity, let name = report.threadBinding, tasks > cap {
            let value = report.entries.first { $0.name == name }?.value ?? "?"
            verdicts.append((cap, .exceeds(limitName: name, capacity: cap,
                                           message: threadMessage(tasks: tasks, capacity: cap, binding: name, report),
                                           reason: .limit(resource: .threads, members: tasks, needed: tasks, limit: name, value: value,
                                                          capacity: cap))))
        }
        return verdicts.min(by: { $0.capacity < $1.capacity })?.verdict ?? .fits
    }

    /// "RLIMIT_NOFILE (soft)" -> "RLIMIT_NOFILE".
    static func shortName(_ name: String) -> String {
        name.hasSuffix(" (soft)") ? String(name.dropLast(7)) : name
    }

    /// A raise text as Markdown-ready advice: a text with backticks already is; "- (...)" is
    /// prose; "cmd (note)" becomes "`cmd` (note)".
    static func quoteCommand(_ raise: String) -> String {
        if raise.contains("`") { return raise }
        if raise.hasPrefix("- (") && raise.hasSuffix(")") { return String(raise.dropFirst(3).dropLast()) }
        guard let paren = raise.range(of: " (") else { return "`\(raise)`" }
        return "`\(raise[..<paren.lowerBound])`" + raise[paren.lowerBound...]
    }

    /// An entry's value as a number; nil for "unlimited" (and anything else not a number).
    static func number(_ r: LimitsReport, _ name: String) -> Int? {
        r.entries.first { $0.name == name }.flatMap { Int($0.value) }
    }

    static func linkMessage(tasks: Int, capacity: Int, binding: String, _ r: LimitsReport,
                            fdsPerMember: Int = 2) -> String {
        let needed = LimitsAdvice.descriptorsNeeded(members: tasks, fdsPerMember: fdsPerMember)
        let target = LimitsAdvice.nofileTarget(descriptors: needed, openFileDescriptors: r.openFileDescriptors,
                                               reserve: r.fileDescriptorReserve ?? LimitsProbe.fileDescriptorReserve)
        let entry = r.entries.first { $0.name == binding }
        let value = entry?.value ?? "?"
        var fix: String
        if binding == "RLIMIT_NOFILE (soft)" {
            // The same text as the limits table's for this target (the report recomputes it).
            fix = LimitsAdvice.nofile(target: target, soft: number(r, "RLIMIT_NOFILE (soft)"),
                                      hard: number(r, "RLIMIT_NOFILE (hard)"), nrOpen: number(r, "fs.nr_open"),
                                      right: r.raiseRight)
            if fix.hasPrefix("- ") { fix = "`ulimit -n \(target)`" }
        } else if binding.hasPrefix("fs.") {
            fix = "`sysctl -w \(binding)=\(target)`"
        } else {
            fix = quoteCommand(entry?.raise ?? "?")
        }
        return "--tasks \(tasks) needs \(needed) file descriptors but \(shortName(binding)) is \(value) "
            + "(at most \(capacity) brigade members here); to raise it to \(target): \(fix); or use --tasks \(capacity) or fewer"
    }

    static func threadMessage(tasks: Int, capacity: Int, binding: String, _ r: LimitsReport) -> String {
        let entry = r.entries.first { $0.name == binding }
        return "--tasks \(tasks) needs \(tasks) threads but \(shortName(binding)) is \(entry?.value ?? "?") "
            + "(at most \(capacity) threads here); to raise it: \(quoteCommand(entry?.raise ?? "?")); "
            + "or use --tasks \(capacity) or fewer"
    }
}
