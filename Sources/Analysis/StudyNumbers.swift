import Results
import AnalysisModel

/// Every number the study's README publishes, regenerated from this run (METHOD.md, "The study's
/// own numbers, regenerated"), each with the points it comes from. A number this run cannot give
/// says why. Render words the rows.
struct StudyNumbers {
    let points: [PointAnalysis]
    let memory: [MemoryFit]
    let results: ResultsFile
    /// The reference family whose programs play the roles (nil: the Swift variants).
    var family: ReferenceFamily? = nil

    /// The variant that plays `role` here: the Swift one, or the family's.
    func the(_ role: VariantRole) -> Variant? { family.map { $0.roleSubstitute[role] } ?? Variant.the(role) }

    /// The study's whole-run figures (`/bin/time`, 10,000 iterations, N = 500).
    static let studyIterations = 10_000.0

    static let kib = 1024.0, mib = 1024.0 * 1024.0

    /// The study's README figures, in each quantity's units (nil where it gives none).
    static let study: [StudyQuantity: [Double?]] = [
        .asyncPerIteration: [1_795_000, 82_000, 3_589], .threadPerIteration: [2_657_000, 232_000, 5_313],
        .threadPinnedPerIteration: [1_709_000, 103_000, 3_417],
        .asyncWholeRun: [18.19, 9.83, 8.33, 0.99], .threadWholeRun: [26.91, 9.14, 27.88, 1.37],
        .threadPinnedWholeRun: [17.37, 4.81, 12.50, 0.99],
        .elapsedRatio: [18.19 / 26.91, nil],
        .threadSyscallHop: [5_500, nil], .asyncSyscallHop: [3_600, nil],
        .asyncPeakRSS: [17_144 * kib], .threadPeakRSS: [16_784 * kib], .threadPinnedPeakRSS: [16_744 * kib],
        .rssPerThread: [9.5 * kib], .rssPerTask: [0.4 * kib], .perThreadUserKernel: [20 * kib, 9.5 * kib, 10 * kib],
        .largestNMemory: [466 * mib, 50_000, 21 * mib, 50_000], .perThreadAtLargestN: [466 * mib / 50_000, 466 * mib, 50_000],
        .threadCreation: [17_000, nil], .taskCreation: [300, nil], .mostTasks: [250_000, 80_000],
    ]

    static func row(_ q: StudyQuantity, _ here: StudyMeasurement) -> StudyNumber {
        StudyNumber(quantity: q, study: study[q] ?? [], here: here)
    }

    func main(_ role: VariantRole, pinned: Bool) -> PointAnalysis? {
        guard let v = the(role) else { return nil }
        // Creation runs unpinned only in some profiles: any pinning will do for it.
        return points.measuredPoint(v, pinned: pinned) ?? (v.row.kind == .creation ? points.measuredPoint(v, pinned: nil) : nil)
    }

    func missing(_ role: VariantRole, _ pinned: Bool) -> StudyMeasurement {
        the(role).map { StudyMeasurement(notRun: .noPoint(variant: $0, pinned: pinned)) } ?? StudyMeasurement(notRun: .noVariant(role: role))
    }

    func numbers() -> [StudyNumber] {
        var out = brigadeNumbers()
        out += elapsedRatio()
        out += syscallTimings()
        for (q, role, pinned) in [(StudyQuantity.asyncPeakRSS, VariantRole.faithfulAsync, false),
                                  (.threadPeakRSS, .threadBrigade, false), (.threadPinnedPeakRSS, .threadBrigade, true)] {
            let p = main(role, pinned: pinned)
            out.append(Self.row(q, p.flatMap { p in p.peakRSSBytes.map { StudyMeasurement(values: [$0], points: [p.pointKey]) } }
                ?? missing(role, pinned)))
        }
        out += memoryNumbers()
        out += creationNumbers()
        return out
    }

    func fit(_ role: VariantRole) -> MemoryFit? {
        guard let v = the(role) else { return nil }
        return memory.first { $0.variant == v && $0.slope != nil }
    }

    func memoryNumbers() -> [StudyNumber] {
        var out = [StudyNumber]()
        for (q, role) in [(StudyQuantity.rssPerThread, VariantRole.threadBrigade), (.rssPerTask, .faithfulAsync)] {
            let f = fit(role)
            out.append(Self.row(q, f.map { StudyMeasurement(values: [$0.slope!], fit: $0.variant) }
                ?? (the(role).map { StudyMeasurement(notRun: .noFit(variant: $0)) } ?? StudyMeasurement(notRun: .noVariant(role: role)))))
        }
        if let f = fit(.threadBrigade), let ks = f.kernelStackPerTask, let pt = f.pageTablesPerTask {
            out.append(Self.row(.perThreadUserKernel, StudyMeasurement(values: [f.slope! + ks + pt, f.slope!, ks + pt], fit: f.variant)))
        }
        // Resident memory of both brigades at the largest N that ran (the study: 50,000).
        let large = [VariantRole.threadBrigade, .faithfulAsync].map { role -> PointAnalysis? in
            guard let v = the(role) else { return nil }
            return points.filter { $0.variant == v && $0.kind == .brigade && $0.peakRSSBytes != nil && $0.runsOK > 0 }
                .max { $0.tasks < $1.tasks }
        }
        if let t = large[0], let a = large[1] {
            out.append(Self.row(.largestNMemory, StudyMeasurement(values: [t.peakRSSBytes!, Double(t.tasks), a.peakRSSBytes!, Double(a.tasks)],
                                                                  points: [t.pointKey, a.pointKey])))
        }
        out.append(perMemberAtLargestN(large[0]))
        return out
    }

    /// The study's "10kiB of memory being actively touched by each task" at 50,000 threads
    /// (466 MiB / 50,000): the peak resident set over N at the largest N the thread brigade ran.
    func perMemberAtLargestN(_ t: PointAnalysis?) -> StudyNumber {
        guard let t, let peak = t.peakRSSBytes, t.tasks > 0 else {
            return Self.row(.perThreadAtLargestN, StudyMeasurement(notRun: .noPeak))
        }
        return Self.row(.perThreadAtLargestN, StudyMeasurement(values: [peak / Double(t.tasks), peak, Double(t.tasks)], points: [t.pointKey]))
    }

    func creationNumbers() -> [StudyNumber] {
        var out = [StudyNumber]()
        for (q, role) in [(StudyQuantity.threadCreation, VariantRole.threadCreation), (.taskCreation, .faithfulCreation)] {
            let p = main(role, pinned: false)
            out.append(Self.row(q, p.map { StudyMeasurement(values: [$0.perUnit!.value, $0.latency?.value], points: [$0.pointKey]) }
                ?? missing(role, false)))
        }
        if let most = ClaimJudge.asyncBrigadeRuns(results, family: family).max(by: { $0.spec.tasks < $1.spec.tasks }) {
            let threads = results.limits?.mostThreads
            out.append(Self.row(.mostTasks, StudyMeasurement(values: [Double(most.spec.tasks), threads.map(Double.init)],
                                                             points: [most.spec.pointKey])))
        }
        return out
    }
}
