/// The variants ctxbench knows, shared by the runner (which plans them) and the workload
/// executable (which runs them). Names are part of the CLI contract.
public struct VariantInfo: Sendable, Hashable {
    /// Name used by `--only` and in results.json.
    public var name: String
    /// How its samples are read.
    public var kind: VariantKind
    /// True when the variant's members are linked by socketpairs (2 fds per member).
    public var usesLinks: Bool
    /// True when every member is an OS thread (needs a pid and a stack mapping each).
    public var threadPerMember: Bool
    /// One line for `ctxbench list` and the report.
    public var summary: String
    /// File descriptors each member holds: 2 per socketpair link, 3 where the variant also
    /// dups the read end for NIO, 0 without links.
    public var fdsPerMember: Int {
        usesLinks ? (["async-brigade", "async-brigade-1t", "nio-brigade"].contains(name) ? 3 : 2) : 0
    }
    /// True for the variants whose members are Swift tasks (claim C9 counts these).
    public var membersAreTasks: Bool {
        ["async-brigade", "async-brigade-1t", "async-brigade-epoll", "async-brigade-uring", "async-mem-brigade",
         "async-creation"].contains(name)
    }
}

public enum Variants {
    public static let all: [VariantInfo] = [
        VariantInfo(name: "thread-brigade", kind: .brigade, usesLinks: true, threadPerMember: true,
                    summary: "N threads (1 MiB stacks) chained by socketpairs; blocking recv + write per hop"),
        VariantInfo(name: "one-thread-brigade", kind: .brigade, usesLinks: true, threadPerMember: false,
                    summary: "the same N+1 links driven by one thread: the cost of the I/O alone"),
        VariantInfo(name: "async-brigade", kind: .brigade, usesLinks: true, threadPerMember: false,
                    summary: "N Swift tasks on the default executor; reads wait on SwiftNIO's reactor"),
        VariantInfo(name: "async-brigade-1t", kind: .brigade, usesLinks: true, threadPerMember: false,
                    summary: "the same tasks, all running on one NIO event-loop thread (task executor)"),
        VariantInfo(name: "nio-brigade", kind: .brigade, usesLinks: true, threadPerMember: false,
                    summary: "NIO channel handlers forwarding the byte, no Swift tasks: the reactor alone"),
        VariantInfo(name: "async-brigade-epoll", kind: .brigade, usesLinks: true, threadPerMember: false,
                    summary: "N Swift tasks on ctxbench's own one-thread epoll reactor + executor: the floor"),
        VariantInfo(name: "async-brigade-uring", kind: .brigade, usesLinks: true, threadPerMember: false,
                    summary: "the same tasks on ctxbench's own one-thread io_uring reactor: recv SQEs, one io_uring_enter per wait"),
        VariantInfo(name: "async-mem-brigade", kind: .brigade, usesLinks: false, threadPerMember: false,
                    summary: "N Swift tasks on one thread chained by in-memory channels of capacity 1"),
        VariantInfo(name: "thread-creation", kind: .creation, usesLinks: false, threadPerMember: true,
                    summary: "spawn K threads (2 MiB stacks) per iteration; join untimed"),
        VariantInfo(name: "async-creation", kind: .creation, usesLinks: false, threadPerMember: false,
                    summary: "spawn K Swift tasks on the default executor per iteration; join untimed"),
    ]

    public static func named(_ name: String) -> VariantInfo? { all.first { $0.name == name } }
    public static var names: [String] { all.map(\.name) }
}
