/// Who is asking to raise a hard resource limit: decides what the advice tells them to run.
public enum RaiseRight: String, Codable, Sendable, CaseIterable {
    /// The process holds `CAP_SYS_RESOURCE` (root on a host): it may raise hard limits itself.
    case capable
    /// Effective uid 0 without `CAP_SYS_RESOURCE`, e.g. a container's root: "as root" does not
    /// help; the limit is set where the container is started.
    case rootWithoutCapability = "root-without-cap-sys-resource"
    /// Neither: an ordinary user; root must raise it.
    case user
}

/// The advice texts shared by `ctxbench limits`, the planner's messages and the report, so
/// they name one value and one way to raise it. Texts are Markdown-ready: commands in
/// backticks, never nested; a text starting "- " means nothing needs doing.
public enum LimitsAdvice {
    /// File descriptors a socketpair brigade of `members` holds: `fdsPerMember` each and the
    /// driver's pair (see `LimitsProbe`).
    public static func descriptorsNeeded(members: Int, fdsPerMember: Int = 2) -> Int {
        max(2, fdsPerMember) * (members + 1)
    }

    /// The `ulimit -n` value that gives `descriptors` to a brigade: plus the descriptors the
    /// process holds and the reserve, rounded up to a multiple of 100.
    public static func nofileTarget(descriptors: Int, openFileDescriptors: Int?, reserve: Int?) -> Int {
        let overhead = (openFileDescriptors ?? 3) + (reserve ?? 16)
        return (descriptors + overhead + 99) / 100 * 100
    }

    /// How to raise RLIMIT_NOFILE (`ulimit -n`) to `target`, given the soft and hard limits
    /// (nil: unlimited), fs.nr_open (the kernel's ceiling for the hard limit) and who asks.
    public static func nofile(target: Int, soft: Int?, hard: Int?, nrOpen: Int?, right: RaiseRight?) -> String {
        if soft == nil || soft! >= target { return "- (\(soft.map(String.init) ?? "unlimited") is enough: \(target) asked)" }
        if hard == nil || hard! >= target { return "`ulimit -n \(target)`" }
        let kernel = nrOpen.flatMap { $0 < target ? "sysctl -w fs.nr_open=\(target)" : nil }
        return hardLimit("nofile", flag: "n", target: target, hard: hard!, right: right, kernelFirst: kernel)
    }

    /// How to raise RLIMIT_NPROC (`ulimit -u`) to `target` when its hard limit is reached.
    public static func nproc(target: Int, hard: Int, right: RaiseRight?) -> String {
        hardLimit("nproc", flag: "u", target: target, hard: hard, right: right, kernelFirst: nil)
    }

    /// Raising a hard rlimit to `target`: what to run for each right. `item` is the name in
    /// limits.conf, prlimit and `docker run --ulimit`; `flag` the ulimit letter; `kernelFirst`
    /// a sysctl the kernel needs before the hard limit can go that high.
    static func hardLimit(_ item: String, flag: String, target: Int, hard: Int, right: RaiseRight?,
                          kernelFirst: String?) -> String {
        let first = kernelFirst.map { "`\($0)`, then " } ?? ""
        let after = kernelFirst.map { " (after `\($0)` on the host)" } ?? ""
        switch right {
        case .capable:
            return "\(first)`ulimit -H\(flag) \(target) && ulimit -\(flag) \(target)` in the shell that starts ctxbench "
                + "(hard limit \(hard); this process holds CAP_SYS_RESOURCE)"
        case .rootWithoutCapability:
            return "hard limit \(hard), and this root lacks CAP_SYS_RESOURCE (a container's root): start the container "
                + "with a higher one, e.g. `docker run --ulimit \(item)=\(target):\(target)`\(after)"
        case .user:
            return "hard limit \(hard): root must raise it, e.g. \(first)`* hard \(item) \(target)` in "
                + "/etc/security/limits.conf and log in again, or `prlimit --pid $$ --\(item)=\(target):\(target)` as root"
        case nil:
            return "hard limit \(hard): needs CAP_SYS_RESOURCE: \(first)`ulimit -H\(flag) \(target)` as root on a host, "
                + "or `docker run --ulimit \(item)=\(target):\(target)` for a container"
        }
    }
}
