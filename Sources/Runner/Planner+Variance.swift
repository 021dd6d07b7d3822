import Results

extension Planner {
    /// The variants whose medians decide the claims (the roles of METHOD.md's verdict rules):
    /// what `ctxbench variance` measures by default.
    public static let decidingRoles: [VariantRole] = [
        .threadBrigade, .ioBaseline, .faithfulAsync, .singleThreadAsync, .completionAsync, .inMemoryBrigade,
        .threadCreation, .faithfulCreation,
    ]

    /// The plan of a variance study: every variant at every iteration count, `runs` process
    /// runs each (brigades unpinned and pinned, creation unpinned), at the profile's task counts
    /// and warm-ups, shuffled with `seed` so the settings interleave in time.
    public static func variancePlan(_ variants: [Variant], iterations: [Int], runs: Int, profile p: Profile,
                                    seed: UInt64) -> [RunSpec] {
        var specs = [RunSpec]()
        for v in variants {
            let row = v.row
            let creation = row.kind == .creation
            let inMemory = row.inMemory
            let tasks = creation ? (row.threadPerMember ? p.creationThreads : p.creationTasks) : p.brigadeTasks
            let warmups = creation ? p.creationWarmups : inMemory ? p.memoryBrigadeWarmups : p.pipeWarmups
            for i in iterations {
                // The in-memory brigade's hop is ~100x cheaper: scale its iterations so a run
                // times about as many nanoseconds as the others.
                let its = inMemory ? i * 20 : i
                for pinned in creation ? [false] : [false, true] {
                    for r in 0..<runs {
                        specs.append(RunSpec(variant: v, kind: row.kind == .creation ? .creation : .brigade, tasks: tasks,
                                             iterations: its, warmups: warmups, pinned: pinned, runIndex: r))
                    }
                }
            }
        }
        var rng = SplitMix64(seed: seed)
        specs.shuffle(using: &rng)
        return specs
    }
}
