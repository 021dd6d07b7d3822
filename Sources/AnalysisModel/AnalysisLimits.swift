import Foundation
import Results

/// The machine's limits as analysis.json keeps them: results.json's `LimitsReport` with each
/// entry's advice typed (`LimitRaise`, worded by Render) and its notes and sources left in
/// results.json (the report shows neither). Made by `LimitsReport.mapEntries(AnalysisLimitEntry.init)`.
public typealias AnalysisLimits = MachineLimits<AnalysisLimitEntry>

/// One limit, the capacities it implies and how to raise it.
public struct AnalysisLimitEntry: Codable, Sendable, Equatable {
    /// Name as the user knows it ("RLIMIT_NOFILE (soft)", "kernel.pid_max").
    public var name: String
    /// Value as read ("20000", "unlimited", "max", "23 GiB").
    public var value: String
    /// Threads (threads) and brigade members (members) this limit allows; nil when it caps neither.
    public var threadCapacity: Int?
    public var linkCapacity: Int?
    /// How to raise it.
    public var raise: LimitRaise
    /// Whether the reading process may raise it itself.
    public var canRaise: Bool

    public init(_ e: LimitEntry) {
        name = e.name; value = e.value; threadCapacity = e.threadCapacity; linkCapacity = e.linkCapacity
        raise = LimitRaise(text: e.raise); canRaise = e.canRaise
    }
}

/// How to raise a limit, typed from the probe's advice (`LimitEntry.raise`); Render words it.
public enum LimitRaise: Codable, Sendable, Equatable {
    /// A shell command ("sysctl -w fs.nr_open=2097152", "echo max > FILE", "ulimit -v unlimited").
    case command(command: String)
    /// A command that sets smaller default thread stacks, which fit more threads under RLIMIT_AS.
    case smallerStacks(command: String)
    /// A command that raises the soft limit to the hard one; root is needed for more.
    case upToHard(command: String)
    /// The rlimit `item` ("nofile", "nproc") raised to `target` (descriptors or threads):
    /// `LimitsAdvice` words it for who runs ctxbench.
    case rlimit(item: String, target: Int)
    /// Does not bind: `value` is enough for `asked` (threads of this uid when `threads`).
    case enough(value: String, asked: Int, threads: Bool)
    /// Does not bind: not enforced for this process (`why`: "real uid 0", a capability).
    case notEnforced(why: String)
    /// No limit set.
    case noLimit
    /// Only free memory raises it.
    case freeMemory
    /// Advice in words this version does not recognise, kept as written.
    case worded(text: String)

    /// Reads the probe's words (Sources/Limits, `LimitsAdvice`).
    public init(text: String) {
        if text.hasPrefix("- (") && text.hasSuffix(")") {
            self = Self.idle(String(text.dropFirst(3).dropLast()))
        } else if let command = Self.before(" (smaller default stacks fit more threads under RLIMIT_AS)", in: text) {
            self = .smallerStacks(command: command)
        } else if let command = Self.before(" (hard limit: root for more)", in: text) {
            self = .upToHard(command: command)
        } else if let (item, target) = Self.rlimitTarget(text), text.contains("`") || text.hasPrefix("hard limit") || !text.contains(" (") {
            self = .rlimit(item: item, target: target)
        } else if !text.contains("(") && ["sysctl", "echo", "ulimit", "prlimit"].contains(where: { text.hasPrefix($0 + " ") }) {
            self = .command(command: text)
        } else {
            self = .worded(text: text)
        }
    }

    static func before(_ suffix: String, in text: String) -> String? {
        text.hasSuffix(suffix) ? String(text.dropLast(suffix.count)) : nil
    }

    /// "- (...)": why the limit does not bind.
    static func idle(_ inner: String) -> LimitRaise {
        if inner == "no limit set" { return .noLimit }
        if inner == "free memory: stop other processes, or add RAM" { return .freeMemory }
        if inner.hasPrefix("does not bind: not enforced for ") { return .notEnforced(why: String(inner.dropFirst(32))) }
        let parts = inner.components(separatedBy: " is enough: ")
        if parts.count == 2, let asked = Int(parts[1].prefix { $0.isNumber }) {
            let rest = parts[1].drop { $0.isNumber }
            if rest == " asked" || rest == " threads of this uid asked" {
                return .enough(value: parts[0], asked: asked, threads: rest != " asked")
            }
        }
        return .worded(text: "- (\(inner))")
    }

    /// The rlimit and target a `LimitsAdvice` text or a plain `ulimit -n/-u` names.
    static func rlimitTarget(_ text: String) -> (String, Int)? {
        for (item, flag) in [("nofile", "n"), ("nproc", "u")] {
            let pattern = try! NSRegularExpression(pattern: "(?:\(item)[= ]|ulimit -H?\(flag) )(\\d+)")
            if let m = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let r = Range(m.range(at: 1), in: text), let target = Int(text[r]) {
                return (item, target)
            }
        }
        return nil
    }
}
