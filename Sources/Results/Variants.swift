/// Every variant ctxbench knows. The raw value is the name used by `--only`, the child's
/// command line and results.json. Facts about a variant live in its row (`Variant.row`,
/// Variants+Table.swift); the workloads map each case to its implementation with an
/// exhaustive switch, so a case without a row or an implementation does not compile.
/// Runner, Analysis and Render ask the table for roles and facts, never for a name.
public enum Variant: String, CaseIterable, Codable, Sendable, Comparable {
    case threadBrigade = "thread-brigade"
    case oneThreadBrigade = "one-thread-brigade"
    case asyncBrigade = "async-brigade"
    case asyncBrigade1T = "async-brigade-1t"
    case nioBrigade = "nio-brigade"
    case asyncBrigadeEpoll = "async-brigade-epoll"
    case asyncBrigadeMT = "async-brigade-mt"
    case asyncBrigadeUring = "async-brigade-uring"
    case asyncMemBrigade = "async-mem-brigade"
    case threadCreation = "thread-creation"
    case asyncCreation = "async-creation"
    case asyncCreationMT = "async-creation-mt"
    /// The Swift runtime's own floor under the creation designs (a Swift program, not a C one).
    case swiftSpawnFloor = "swift-spawn-floor"
    /// The Swift runtime's hop added to c-uring-brigade's program: the floor under
    /// async-brigade-uring that any design whose members are Swift tasks pays.
    case swiftUringFloor = "swift-uring-floor"
    /// The Swift runtime's hop alone (resume, run, park), the floor under async-mem-brigade.
    case swiftResumeFloor = "swift-resume-floor"
    // C floors (ctxbench-floor): the leanest C program of a design, what the kernel allows.
    case cThreadBrigade = "c-thread-brigade"
    case cOneThreadBrigade = "c-one-thread-brigade"
    case cEpollBrigade = "c-epoll-brigade"
    case cEpollBrigadeMT = "c-epoll-brigade-mt"
    case cUringBrigade = "c-uring-brigade"
    case cThreadCreation = "c-thread-creation"
    // The study's designs in Rust (reference/rust, ctxbench-rust): planned only with
    // `--reference rust`; they play no role, so the Swift verdicts never depend on them.
    case rustThreadBrigade = "rust-thread-brigade"
    case rustOneThreadBrigade = "rust-one-thread-brigade"
    case rustAsyncBrigade = "rust-async-brigade"
    case rustAsyncBrigade1T = "rust-async-brigade-1t"
    case rustAsyncBrigadeUring = "rust-async-brigade-uring"
    case rustAsyncMemBrigade = "rust-async-mem-brigade"
    case rustThreadCreation = "rust-thread-creation"
    case rustAsyncCreation = "rust-async-creation"

    /// Table order (the order of `ctxbench list` and of every table in the report).
    public static func < (a: Variant, b: Variant) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var name: String { rawValue }

    /// The variants that play `role`, in table order.
    public static func playing(_ role: VariantRole) -> [Variant] { allCases.filter { $0.row.roles.contains(role) } }

    /// The one variant that plays `role` (a role held by one row), or nil.
    public static func the(_ role: VariantRole) -> Variant? { playing(role).first }
}

/// What a variant stands for in the report's reasoning. A claim, a derived cost or a chart
/// asks for a role; the table says which variant plays it.
public enum VariantRole: String, Codable, Sendable, CaseIterable {
    /// The study's thread-brigade: N kernel threads, blocking I/O (C1-C4, C7-C10).
    case threadBrigade = "thread-brigade"
    /// The pipe I/O alone (one-thread-brigade): subtracted from each socket brigade at the same
    /// N and pinning to give its switch cost.
    case ioBaseline = "io-baseline"
    /// The in-memory async brigade (C1).
    case inMemoryBrigade = "in-memory-brigade"
    /// The Swift design that does what the study's async-brigade does (C2-C4, C7, C8, C10).
    case faithfulAsync = "faithful-async"
    /// The Swift design that stands for the study's single-threaded-executor run (C5).
    case singleThreadAsync = "single-thread-async"
    /// thread-creation (C6's numerator).
    case threadCreation = "thread-creation"
    /// The Swift design that does what the study's async-creation does (C6's denominator).
    case faithfulCreation = "faithful-creation"
    /// A Swift async socket brigade: a row of "the claims by async design".
    case asyncDesign = "async-design"
    /// An async creation design other than the faithful one, shown beside it.
    case creationDesign = "creation-design"
    /// The completion-based (io_uring) async brigade: C11's numerator's counterpart.
    case completionAsync = "completion-async"
}

/// What one brigade member or created item is.
public enum MemberKind: String, Codable, Sendable {
    /// An OS thread (a pid and a stack mapping each).
    case thread
    /// A Swift task.
    case task
    /// A SwiftNIO channel handler (no task).
    case handler
    /// Nothing per member (the one-thread baseline drives every link itself).
    case none
}

/// Which program runs a variant as a child process.
public enum VariantExecutable: String, Codable, Sendable {
    /// ctxbench-workload (Swift).
    case workload = "ctxbench-workload"
    /// ctxbench-floor (C, built by SwiftPM beside it).
    case floor = "ctxbench-floor"
    /// ctxbench-rust (reference/rust, built by `make reference` with Debian's cargo and copied
    /// beside ctxbench).
    case rust = "ctxbench-rust"

    /// The reference family this executable's variants belong to, if any.
    public var reference: ReferenceFamily? { self == .rust ? .rust : nil }
}

/// A family of reference variants: the study's own designs in another language, planned only
/// when asked for (`ctxbench run --reference rust`).
public enum ReferenceFamily: String, Codable, Sendable, CaseIterable {
    case rust

    /// The executable that runs the family's variants.
    public var executable: VariantExecutable { .rust }

    /// The variants of the family, in table order.
    public var variants: [Variant] { Variant.allCases.filter { $0.row.executable == executable } }

    /// Why the family did not run when it was asked for but its executable is missing.
    public var notBuiltReason: String {
        "the Rust reference is not built; run `make report REFERENCE=rust` (needs cargo and Debian's librust-tokio-dev, librust-async-std-dev, librust-libc-dev, librust-cc-dev and liburing-dev: `make deps REFERENCE=rust` installs them)"
    }

    /// Why the family did not run when it was not asked for.
    public var notRequestedReason: String {
        "reference variants run only with `ctxbench run --reference \(rawValue)` (`make report REFERENCE=\(rawValue)`)"
    }

    /// The reference variant that plays each role of the claims (the claims judged on the
    /// family): the variant table's `referenceRoles` of the family's rows.
    public var roleSubstitute: [VariantRole: Variant] {
        var out = [VariantRole: Variant]()
        for v in variants {
            for role in v.row.referenceRoles where out[role] == nil { out[role] = v }
        }
        return out
    }
}

/// Which run of many members a variant takes part in (claims C8, C9).
public enum LargeRun: String, Codable, Sendable {
    /// The study's 50,000-member brigades (clamped to what the limits allow).
    case studyN
    /// The 250,000-task capacity run of C9.
    case capacity
}

/// Every fact the pipeline needs about one variant.
public struct VariantRow: Sendable {
    public var kind: VariantKind
    /// One line for `ctxbench list` and the report.
    public var design: String
    /// The study program it stands for, named by the variant of that program (the study's
    /// programs and the C floors' are variants too, under the same names).
    public var program: Variant
    public var members: MemberKind
    /// File descriptors each member holds: 2 per socketpair link, 3 where the variant also
    /// dups the read end for NIO, 0 without links.
    public var fdsPerMember: Int
    /// Guessed cost per hop (brigades) or per item (creation), µs, unpinned and pinned: for
    /// the ETA, `--dry-run` and each child's timeout. Deliberately on the slow side.
    public var microsUnpinned: Double
    public var microsPinned: Double
    public var roles: Set<VariantRole> = []
    /// True when the whole design runs on one thread whatever the pinning, so its pinned and
    /// unpinned points measure the same thing (a claim may take either).
    public var oneThread = false
    /// The name of this variant's memory series, when it has one ("rss-per-thread").
    public var memorySeries: String?
    /// Large runs it takes part in.
    public var large: LargeRun?
    /// Derived cost "this minus that", beside the switch cost: its kind and the variant subtracted.
    public var minus: (kind: DerivedKind, baseline: Variant)?
    /// What this variant's "switch" (hop minus the I/O baseline) stands for, when it is not a task switch.
    public var switchNote: String?
    /// Why this design costs what it does, in one sentence (the by-design table).
    public var costNote: String?
    public var executable: VariantExecutable = .workload
    /// For a C floor: the Swift variants whose floor it is (the distance-to-floor table).
    public var floorOf: [Variant] = []
    /// True when the variant takes `--in-flight K` (K bytes circulating at once; the C12 sweep).
    public var manyInFlight = false
    /// For a reference variant: the Swift variants that re-implement its design (the "Swift
    /// against the study's design" table).
    public var referenceOf: [Variant] = []
    /// For a reference variant: the roles it plays when the claims are judged on its family
    /// (`ReferenceFamily.roleSubstitute`, the Rust column of the verdicts). Kept apart from
    /// `roles` so the Swift verdicts never depend on a reference.
    public var referenceRoles: Set<VariantRole> = []

    /// True when every member is an OS thread (needs a pid and a stack mapping each).
    public var threadPerMember: Bool { members == .thread }
    /// True for the in-memory brigade's program (its design, its Rust twin and its runtime floor):
    /// planned with the in-memory hop's iterations and warm-ups, ~100x those of a pipe hop.
    public var inMemory: Bool { program == .asyncMemBrigade }
    /// True when members are linked by socketpairs.
    public var usesLinks: Bool { fdsPerMember > 0 }
    /// True for the variants whose members are Swift tasks (C9 counts these).
    public var membersAreTasks: Bool { members == .task }
    /// True for a reference variant (the study's design in another language).
    public var isReference: Bool { executable.reference != nil }
    /// The guessed cost per unit at this pinning, µs.
    public func micros(pinned: Bool) -> Double { pinned ? microsPinned : microsUnpinned }
}

/// The variants as a list, for code that iterates (`ctxbench list`, `--only` validation).
public enum Variants {
    public static let all: [Variant] = Variant.allCases
    public static func named(_ name: String) -> Variant? { Variant(rawValue: name) }
    public static var names: [String] { all.map(\.rawValue) }
}

/// A difference of two per-hop medians (analysis.json's `derived`): what it isolates.
public enum DerivedKind: String, Codable, Sendable, CaseIterable {
    /// Brigade hop minus the I/O baseline's hop at the same N and pinning: the switch alone.
    case `switch`
    /// Swift tasks on top of NIO's handlers: nio-brigade's tasks minus its handlers.
    case taskOnNIO = "task-on-nio"
}

extension Variant: CustomStringConvertible {
    /// The name results files and the command line use ("thread-brigade"), also in interpolation.
    public var description: String { rawValue }
}
