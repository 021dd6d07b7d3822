import Results

/// A comparison of several results files (machines, or before/after), baseline first.
/// Computed by Analysis (`Comparer`), rendered to COMPARISON.md by Render.
public struct Comparison: Codable, Sendable, Equatable {
    /// One per input file: a label ("A: host"), the file path as given, the environment.
    public var machines: [ComparedMachine]
    /// delta of the verdict band: max(2 %, the noise floor measured by split halves).
    public var delta: Double
    /// Per machine: median over its points of |ratio of the two halves' medians - 1|.
    public var noiseFloors: [Double]
    /// Per machine: successful process runs measured while other processes used more than a
    /// quarter of a CPU (they inflate the noise floor). Optional: absent in older comparisons.
    public var interferedRuns: [Int]?
    /// Per point of the baseline: the other machines against it.
    public var rows: [ComparisonRow]
    /// Pairs that could not be compared, with the reason.
    public var notComparable: [String]
    /// Claim verdicts per machine: id, verdict per machine.
    public var claims: [ClaimAcross]

    public init(machines: [ComparedMachine], delta: Double, noiseFloors: [Double], interferedRuns: [Int]? = nil,
                rows: [ComparisonRow], notComparable: [String], claims: [ClaimAcross]) {
        self.machines = machines; self.delta = delta; self.noiseFloors = noiseFloors
        self.interferedRuns = interferedRuns; self.rows = rows
        self.notComparable = notComparable; self.claims = claims
    }
}

public struct ComparedMachine: Codable, Sendable, Equatable {
    public var label: String
    public var path: String
    /// The machine and run the file describes (copied from its results.json).
    public var environment: Environment
    public var ctxbenchVersion: String
    public var profile: String
    public var limits: LimitsReport?
    public init(label: String, path: String, environment: Environment, ctxbenchVersion: String, profile: String, limits: LimitsReport?) {
        self.label = label; self.path = path; self.environment = environment; self.ctxbenchVersion = ctxbenchVersion
        self.profile = profile; self.limits = limits
    }
}

/// One variant and parameter set: each machine's per-unit median and, for the others, the
/// ratio to the baseline (other / baseline: below 1 = faster) with its CI, Mann-Whitney p and verdict.
public struct ComparisonRow: Codable, Sendable, Equatable {
    public var variant: Variant
    public var group: RunGroup
    public var tasks: Int
    public var pinned: Bool
    public var kind: VariantKind
    /// Per machine (nil where it did not run).
    public var medians: [Estimated?]
    /// Per machine after the first.
    public var ratios: [Estimated?]
    public var pValues: [Double?]
    /// "faster", "slower", "same", "inconclusive" or "not run".
    public var verdicts: [String]
    /// Per machine after the first: for an inconclusive row, about how many process runs per
    /// side would decide it at the spread observed (nil otherwise, or when none would).
    public var runsNeeded: [Int?]?

    public init(variant: Variant, group: RunGroup, tasks: Int, pinned: Bool, kind: VariantKind, medians: [Estimated?],
                ratios: [Estimated?], pValues: [Double?], verdicts: [String]) {
        self.variant = variant; self.group = group; self.tasks = tasks; self.pinned = pinned; self.kind = kind
        self.medians = medians; self.ratios = ratios; self.pValues = pValues; self.verdicts = verdicts
    }
}

public struct ClaimAcross: Codable, Sendable, Equatable {
    /// The claim's id in the study table.
    public var id: String
    /// Per machine, its verdict (nil: the claim is not in that file).
    public var verdicts: [ClaimVerdict?]
    public init(id: String, verdicts: [ClaimVerdict?]) { self.id = id; self.verdicts = verdicts }
}
