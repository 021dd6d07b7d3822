/// The variant table: one row per case. The cost guesses (µs per hop or item, for the ETA and
/// the timeouts) are this project's 2-core VM's quick-profile medians (2026-11-29) plus ~25 %.
/// Adding a variant means adding its case, its row
/// here and its implementation (Workloads' exhaustive switch); nothing else names it. A Rust
/// reference variant: its case, its row (with `referenceRoles`, the roles it plays in the Rust
/// verdicts), a `nil` arm in Workloads' switch, and its function in reference/rust's main.rs.
extension Variant {
    public var row: VariantRow {
        switch self {
        case .threadBrigade:
            VariantRow(kind: .brigade, design: "N threads (1 MiB stacks) chained by socketpairs; blocking recv + write per hop",
                       program: .threadBrigade, members: .thread, fdsPerMember: 2, microsUnpinned: 15, microsPinned: 6.5,
                       roles: [.threadBrigade], memorySeries: "rss-per-thread", large: .studyN, manyInFlight: true)
        case .oneThreadBrigade:
            VariantRow(kind: .brigade, design: "the same N+1 links driven by one thread: the cost of the I/O alone",
                       program: .oneThreadBrigade, members: .none, fdsPerMember: 2, microsUnpinned: 1.7, microsPinned: 1.7,
                       roles: [.ioBaseline], oneThread: true)
        case .asyncBrigade:
            VariantRow(kind: .brigade, design: "N Swift tasks on the default executor; reads wait on SwiftNIO's reactor",
                       program: .asyncBrigade, members: .task, fdsPerMember: 3, microsUnpinned: 38, microsPinned: 12,
                       roles: [.asyncDesign],
                       costNote: "every hop hands the task from NIO's event-loop thread to a pool thread and back: a futex wake-up and a context switch each way")
        case .asyncBrigade1T:
            VariantRow(kind: .brigade, design: "the same tasks, all running on one NIO event-loop thread (task executor)",
                       program: .asyncBrigade, members: .task, fdsPerMember: 3, microsUnpinned: 5, microsPinned: 5,
                       roles: [.asyncDesign], oneThread: true, minus: (.taskOnNIO, .nioBrigade),
                       costNote: "one thread, but every wake-up goes through NIO's channel pipeline and a loop.execute per resume")
        case .nioBrigade:
            VariantRow(kind: .brigade, design: "NIO channel handlers forwarding the byte, no Swift tasks: the reactor alone",
                       program: .asyncBrigade, members: .handler, fdsPerMember: 3, microsUnpinned: 4.5, microsPinned: 4.5,
                       roles: [.asyncDesign], oneThread: true, switchNote: "NIO's reactor cost",
                       costNote: "no Swift tasks at all: NIO's handlers on one event-loop thread, its pipeline per read")
        case .asyncBrigadeEpoll:
            VariantRow(kind: .brigade, design: "N Swift tasks on ctxbench's own one-thread epoll reactor + executor",
                       program: .asyncBrigade, members: .task, fdsPerMember: 2, microsUnpinned: 3.3, microsPinned: 3.3,
                       roles: [.singleThreadAsync, .asyncDesign], oneThread: true,
                       costNote: "Tokio's current-thread design: one thread polls epoll and runs the woken task, no hand-off. Per hop the system calls of c-epoll-brigade (strace: a recv that returns the byte, one that returns EAGAIN, a write and an epoll_wait); what C does not run is the Swift runtime's resume: the continuation resume that enqueues the task on the reactor, the job run on a task executor and the look-up of the task's executor preference under its status-record lock (perf: a larger share of samples in user space than C, most of it in the runtime). Isolating the members to a global actor on the reactor instead of the preference does not help: a continuation awaited in actor-isolated code resumes through the generic executor, so the task either crosses to a pool thread or, with the preference kept, is switched a second time", manyInFlight: true)
        case .asyncBrigadeMT:
            VariantRow(kind: .brigade, design: "N Swift tasks on ctxbench's multi-thread executor: one worker per CPU, one shared epoll polled by whichever worker is idle",
                       program: .asyncBrigade, members: .task, fdsPerMember: 2, microsUnpinned: 3.6, microsPinned: 3.8,
                       roles: [.faithfulAsync, .asyncDesign], memorySeries: "rss-per-task", large: .studyN,
                       costNote: "Tokio's multi-thread design: the worker that polls epoll runs the task it woke, so a hop stays on one thread", manyInFlight: true)
        case .asyncBrigadeUring:
            VariantRow(kind: .brigade, design: "N Swift tasks on ctxbench's one-thread io_uring executor: each read is a recv submitted to the ring",
                       program: .asyncBrigade, members: .task, fdsPerMember: 2, microsUnpinned: 3.6, microsPinned: 3.6,
                       roles: [.completionAsync, .asyncDesign], oneThread: true,
                       costNote: "completion-based: one io_uring_enter per hop submits the next recv and reaps the completion; the same ring setup and system calls as c-uring-brigade, so the distance is the Swift runtime's continuation resume and job run, as in async-brigade-epoll: swift-uring-floor, in the same run, is C's own loop with that hop (and the least Swift code around it) added and costs about what this design does (perf: the runtime's share of user time is the resume's status-record add and remove and the executor-preference look-up under the task's status lock)", manyInFlight: true)
        case .asyncMemBrigade:
            VariantRow(kind: .brigade, design: "N Swift tasks on one thread chained by in-memory channels of capacity 1",
                       program: .asyncMemBrigade, members: .task, fdsPerMember: 0, microsUnpinned: 0.17, microsPinned: 0.17,
                       roles: [.inMemoryBrigade], oneThread: true, memorySeries: "rss-per-task-in-memory", large: .capacity,
                       costNote: "no system calls, so the Swift runtime's per-resume bookkeeping is the hop: perf puts the largest share of samples in task status records, each await on a continuation adding a dependency record and its resume removing it, each enqueue and the hop back after the resume looking up the executor preference under the task's status-record lock (a pthread mutex); Tokio's wake is a reference count and a queue push. This is the runtime's floor, not the executor's: swift-resume-floor, in the same run, only resumes and parks tasks through withUnsafeContinuation on a bare one-thread executor and costs as much per hop (this VM flips between a fast and a slow state, within a process too: the Swift hop about 123 or 225 ns, Tokio's about 81 or 130, so 1.5-1.7x Tokio's in the same state), and isolating the tasks to an actor on this executor instead of the preference is slower (the resume goes through the generic executor and is switched a second time)")
        case .threadCreation:
            VariantRow(kind: .creation, design: "spawn K threads (2 MiB stacks) per iteration; join untimed",
                       program: .threadCreation, members: .thread, fdsPerMember: 0, microsUnpinned: 27, microsPinned: 27,
                       roles: [.threadCreation])
        case .asyncCreation:
            VariantRow(kind: .creation, design: "spawn K Swift tasks on the default executor per iteration; join untimed",
                       program: .asyncCreation, members: .task, fdsPerMember: 0, microsUnpinned: 1.3, microsPinned: 1.3,
                       roles: [.creationDesign],
                       costNote: "each spawn is a task-group child enqueued on the default executor's cooperative pool (a libdispatch queue), which wakes pool threads: perf splits the samples between the kernel's context switches and wake-ups and glibc's malloc and free of the tasks")
        case .asyncCreationMT:
            VariantRow(kind: .creation, design: "spawn K Swift tasks per iteration on ctxbench's multi-thread executor; join untimed",
                       program: .asyncCreation, members: .task, fdsPerMember: 0, microsUnpinned: 1.3, microsPinned: 1.3,
                       roles: [.faithfulCreation],
                       costNote: "unstructured tasks onto a multi-thread executor, as the study's async-std spawn, handing an idle worker half of a full local queue per wake-up; each body returns the clock through its handle and the handles are awaited after the timed loop, as in the study's program. Every Swift task mallocs its task and a first slab of its task allocator (about a kilobyte) at spawn, and the handles keep all K alive until the wait, so each round grows the heap by K such tasks, which glibc trims once they are freed and faults back in the next round (perf: page faults and heap growth top the profile). swift-spawn-floor, in the same run, spawns the same K live tasks on one thread with no executor of ours: what this design costs beyond it is the executor's. A glibc tunable that keeps the heap (trim threshold and top pad) shrinks the distance, but it speeds async-std as well and changes the machine, so neither child sets it")
        case .swiftSpawnFloor:
            VariantRow(kind: .creation, design: "Swift runtime floor: spawn K tasks onto a bare one-thread executor (a job ring: no lock, no wake-up, no other thread); run them after the timed loop, untimed",
                       program: .asyncCreation, members: .task, fdsPerMember: 0, microsUnpinned: 0.8, microsPinned: 0.8,
                       oneThread: true,
                       costNote: "the Swift runtime alone, as the study timed it: each task's creation (its task and the first slab of its task allocator, and the executor preference recorded on it; the body captures nothing, as in async-creation-mt) and one push on a ring, with all K tasks alive at the loop's end, so the heap grows by K tasks a round, which glibc trims after the run and faults back in the next (spawned and run in small batches, so that memory is reused, the same tasks cost about what async-std's spawn does); what a Swift creation design costs beyond it is its executor's (hand-off, wake-ups)",
                       floorOf: [.asyncCreationMT, .asyncCreation])
        case .swiftUringFloor:
            VariantRow(kind: .brigade, design: "Swift runtime floor: c-uring-brigade's loop, each completion resuming the member's Swift task on a bare one-thread executor (the task adds 1 and parks again); the loop writes and queues the next recv, as C",
                       program: .asyncBrigade, members: .task, fdsPerMember: 2, microsUnpinned: 3.6, microsPinned: 3.6,
                       oneThread: true,
                       costNote: "c-uring-brigade's system calls and bookkeeping, written in Swift (liburing through the C shim, the members' loop as async-brigade-uring's), plus the Swift runtime's hop per member: one continuation resume (the look-up of the task's executor preference, an enqueue), one job run and one suspension, with N tasks' memory in the cache's way; what async-brigade-uring costs beyond it is its own reactor and its members doing the I/O inside their tasks",
                       floorOf: [.asyncBrigadeUring])
        case .swiftResumeFloor:
            VariantRow(kind: .brigade, design: "Swift runtime floor: N tasks parked on continuations on a bare one-thread executor; a plain loop resumes each in turn with the value, the task adds 1 and parks again; no channel, no driver task",
                       program: .asyncMemBrigade, members: .task, fdsPerMember: 0, microsUnpinned: 0.17, microsPinned: 0.17,
                       oneThread: true,
                       costNote: "the Swift runtime's hop alone: one continuation resume (the look-up of the task's executor preference under its status-record lock, an enqueue on a ring), one job run and one suspension (a status record added and removed) per member; what async-mem-brigade costs beyond it is its channels and executor; Tokio's whole hop, its mpsc channel included, costs less than this floor alone, so the distance to Tokio is the runtime's",
                       floorOf: [.asyncMemBrigade])
        case .cThreadBrigade:
            VariantRow(kind: .brigade, design: "C floor: N pthreads (1 MiB stacks), blocking recv + write per hop",
                       program: .threadBrigade, members: .thread, fdsPerMember: 2, microsUnpinned: 15, microsPinned: 6.5,
                       executable: .floor, floorOf: [.threadBrigade], manyInFlight: true)
        case .cOneThreadBrigade:
            VariantRow(kind: .brigade, design: "C floor: one thread drives every link in order",
                       program: .oneThreadBrigade, members: .none, fdsPerMember: 2, microsUnpinned: 1.7, microsPinned: 1.7,
                       oneThread: true, executable: .floor, floorOf: [.oneThreadBrigade])
        case .cEpollBrigade:
            VariantRow(kind: .brigade, design: "C floor: one thread, edge-triggered epoll, recv until EAGAIN, a state machine per member",
                       program: .asyncBrigade, members: .none, fdsPerMember: 2, microsUnpinned: 3, microsPinned: 3,
                       oneThread: true, executable: .floor, floorOf: [.asyncBrigadeEpoll, .asyncBrigade1T, .nioBrigade], manyInFlight: true)
        case .cEpollBrigadeMT:
            VariantRow(kind: .brigade, design: "C floor: one worker per CPU sharing one epoll; the poller handles what it woke",
                       program: .asyncBrigade, members: .none, fdsPerMember: 2, microsUnpinned: 3.4, microsPinned: 3.4,
                       executable: .floor, floorOf: [.asyncBrigadeMT, .asyncBrigade], manyInFlight: true)
        case .cUringBrigade:
            VariantRow(kind: .brigade, design: "C floor: one thread, a recv submitted to io_uring per member, one io_uring_enter per wait",
                       program: .asyncBrigade, members: .none, fdsPerMember: 2, microsUnpinned: 3.1, microsPinned: 3.1,
                       oneThread: true, executable: .floor, floorOf: [.asyncBrigadeUring, .swiftUringFloor], manyInFlight: true)
        case .cThreadCreation:
            VariantRow(kind: .creation, design: "C floor: spawn K pthreads (2 MiB stacks) per iteration; join untimed",
                       program: .threadCreation, members: .thread, fdsPerMember: 0, microsUnpinned: 27, microsPinned: 27,
                       executable: .floor, floorOf: [.threadCreation])
        case .rustThreadBrigade:
            VariantRow(kind: .brigade, design: "Rust: N std threads (1 MiB stacks), blocking read + write on UnixStream pairs (the study's thread-brigade)",
                       program: .threadBrigade, members: .thread, fdsPerMember: 2, microsUnpinned: 25, microsPinned: 8,
                       memorySeries: "rust-rss-per-thread", large: .studyN, executable: .rust, manyInFlight: true,
                       referenceOf: [.threadBrigade], referenceRoles: [.threadBrigade])
        case .rustOneThreadBrigade:
            VariantRow(kind: .brigade, design: "Rust: one thread drives every UnixStream link in order (the study's one-thread-brigade)",
                       program: .oneThreadBrigade, members: .none, fdsPerMember: 2, microsUnpinned: 1.5, microsPinned: 1.5,
                       oneThread: true, executable: .rust, referenceOf: [.oneThreadBrigade], referenceRoles: [.ioBaseline])
        case .rustAsyncBrigade:
            VariantRow(kind: .brigade, design: "Rust: N Tokio tasks on the multi-thread runtime (one worker per CPU), tokio::net::UnixStream pairs (the study's async-brigade)",
                       program: .asyncBrigade, members: .task, fdsPerMember: 2, microsUnpinned: 6, microsPinned: 6,
                       memorySeries: "rust-rss-per-task", large: .studyN, executable: .rust, manyInFlight: true,
                       referenceOf: [.asyncBrigadeMT, .asyncBrigade], referenceRoles: [.faithfulAsync])
        case .rustAsyncBrigade1T:
            VariantRow(kind: .brigade, design: "Rust: the same Tokio tasks on the current-thread runtime (the study's single-threaded run)",
                       program: .asyncBrigade, members: .task, fdsPerMember: 2, microsUnpinned: 6, microsPinned: 6,
                       oneThread: true, executable: .rust, referenceOf: [.asyncBrigadeEpoll, .asyncBrigade1T], referenceRoles: [.singleThreadAsync])
        case .rustAsyncBrigadeUring:
            VariantRow(kind: .brigade, design: "Rust: N futures on a one-thread io_uring executor (liburing through a C file built by the cc crate): each read is a recv submitted to the ring, each write a write(2)",
                       program: .asyncBrigade, members: .task, fdsPerMember: 2, microsUnpinned: 5, microsPinned: 5,
                       oneThread: true, executable: .rust, referenceOf: [.asyncBrigadeUring], referenceRoles: [.completionAsync])
        case .rustAsyncMemBrigade:
            VariantRow(kind: .brigade, design: "Rust: N Tokio tasks on the current-thread runtime chained by mpsc channels of capacity 1 (the study's async-mem-brigade)",
                       program: .asyncMemBrigade, members: .task, fdsPerMember: 0, microsUnpinned: 0.5, microsPinned: 0.5,
                       oneThread: true, large: .capacity, executable: .rust, referenceOf: [.asyncMemBrigade, .swiftResumeFloor], referenceRoles: [.inMemoryBrigade])
        case .rustThreadCreation:
            VariantRow(kind: .creation, design: "Rust: spawn K std threads (2 MiB stacks) per iteration; join untimed (the study's thread-creation)",
                       program: .threadCreation, members: .thread, fdsPerMember: 0, microsUnpinned: 70, microsPinned: 70,
                       costNote: "Rust's std spawn also maps a signal stack per thread for stack-overflow detection: strace shows extra mmap, mprotect, munmap and sigaltstack calls, a gettid and a sched_getaffinity per thread beyond what pthread_create alone makes (c-thread-creation)",
                       executable: .rust, referenceOf: [.threadCreation], referenceRoles: [.threadCreation])
        case .rustAsyncCreation:
            VariantRow(kind: .creation, design: "Rust: spawn K async-std tasks per iteration on its global executor; join untimed (the study's async-creation)",
                       program: .asyncCreation, members: .task, fdsPerMember: 0, microsUnpinned: 3, microsPinned: 3,
                       executable: .rust, referenceOf: [.asyncCreationMT, .asyncCreation, .swiftSpawnFloor], referenceRoles: [.faithfulCreation])
        }
    }
}
