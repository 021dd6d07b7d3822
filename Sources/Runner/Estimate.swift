import Results

/// Rough cost model for planning: `--dry-run`'s estimate, the ETA before any run has
/// finished, and each child's default timeout. Guesses from a 2-core VM, deliberately on
/// the slow side; the ETA corrects itself with the measured pace.
public enum Estimate {
    /// Guessed microseconds per hop (brigades) or per item (creation).
    static func microsPerUnit(_ spec: RunSpec) -> Double {
        switch (spec.variant, spec.pinned) {
        case ("thread-brigade", false): return 25
        case ("thread-brigade", true): return 8
        case ("one-thread-brigade", _): return 1.5
        case ("async-brigade", false): return 40
        case ("async-brigade", true): return 20
        case ("async-brigade-1t", _): return 10
        case ("nio-brigade", _): return 8
        case ("async-brigade-epoll", _): return 6
        case ("async-brigade-uring", _): return 6
        case ("async-mem-brigade", _): return 0.5
        case ("thread-creation", _): return 70
        case ("async-creation", _): return 3
        default: return 20
        }
    }

    /// Seconds one process run should take, setup and process start included.
    public static func seconds(_ spec: RunSpec) -> Double {
        let rounds = Double(spec.iterations + spec.warmups)
        let work = Double(spec.tasks) * rounds * microsPerUnit(spec) / 1e6
        let setup = Double(spec.tasks) * (Variants.named(spec.variant)?.threadPerMember == true ? 80e-6 : 10e-6)
        return 0.15 + work + setup
    }

    /// Default child timeout: generous against the estimate, never under 30 s.
    public static func timeout(_ spec: RunSpec) -> Double {
        max(30, 20 * seconds(spec) + 10)
    }
}
