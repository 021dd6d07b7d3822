import Foundation
import Results

/// What a `ctxbench run` asks for, parsed: the output folder, what to plan, and how to treat
/// the machine. `Run` turns it into a results file.
public struct RunSettings: Sendable {
    /// Output folder; results.json is written there.
    public var folder: URL
    /// Finish the interrupted run in `folder` (same plan and seed) instead of planning one.
    public var resume = false
    /// Plan a new run over a results.json already in `folder`.
    public var force = false
    public var profile: Profile = .quick
    /// Variants to plan (nil: every one of the profile).
    public var only: [Variant]?
    public var pin: PinMode = .both
    /// Overrides of the profile: members or items per iteration, timed and warm-up
    /// iterations per process run, process runs per parameter set.
    public var tasks: Int?
    public var iterations: Int?
    public var warmups: Int?
    public var runs: Int?
    /// Seed of the run order (nil: a random one, recorded).
    public var seed: UInt64?
    /// Reference families to run beside the Swift variants (`--reference rust`).
    public var references: Set<ReferenceFamily> = []
    /// Measuring time the run may spend, seconds (nil: the profile's; 0: the first pass alone).
    public var budgetSeconds: Double?
    /// Every child's timeout, seconds (nil: derived from its parameters).
    public var timeoutSeconds: Double?
    /// Longest wait for the load to drop before measuring, seconds (nil: the profile's).
    public var settleSeconds: Double?
    /// Count syscalls per hop under strace when the profile does.
    public var countSyscalls = true
    /// Wait for another measuring run on this machine (false: fail at once).
    public var waitForMachine = true
    /// The machine-wide measuring lock.
    public var machineLock = RunLock.machinePath()

    public init(folder: URL) { self.folder = folder }

    /// The results file in `folder`.
    public var resultsURL: URL { folder.appendingPathComponent("results.json") }
}

/// How this ctxbench was built and called, recorded in a new results file.
public struct Provenance: Sendable {
    public var commandLine: [String]
    /// First line of `swift --version`.
    public var swiftVersion: String
    /// Commit of the checkout ctxbench was built from.
    public var commit: String
    /// That checkout (reference/rust's build facts are read there).
    public var checkout: URL

    public init(commandLine: [String], swiftVersion: String, commit: String, checkout: URL) {
        self.commandLine = commandLine; self.swiftVersion = swiftVersion; self.commit = commit; self.checkout = checkout
    }
}
