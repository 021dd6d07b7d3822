/// One condition of this run that differs from the study's (the report's "Conditions not
/// reproduced" table): what it is, the study's value, this run's, and which claims it touches. (v2)
public struct Condition: Codable, Sendable, Equatable {
    /// Stable code: "cpus", "virtualization", "iterations", "process-runs", "substituted-n",
    /// "capacity-run", "thread-ceiling", "syscall-n", "reference-build".
    public var code: String
    /// The condition in words ("CPUs and executor workers").
    public var condition: String
    /// The study's value, as its README gives it.
    public var study: String
    /// This run's value, with where it comes from.
    public var here: String
    /// What it affects: the claims (and other figures) whose numbers it moves.
    public var affects: String
    public init(code: String, condition: String, study: String, here: String, affects: String) {
        self.code = code; self.condition = condition; self.study = study; self.here = here; self.affects = affects
    }
}
