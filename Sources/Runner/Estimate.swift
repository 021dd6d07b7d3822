import Results

/// Rough cost model for planning: `--dry-run`'s estimate, the ETA before any run has
/// finished, and each child's default timeout. The cost per hop or item is the variant
/// table's guess; the ETA corrects itself with the measured pace.
public enum Estimate {
    /// Seconds one process run should take, setup and process start included. A name not in
    /// the table (a results file of a newer ctxbench) gets a slow guess.
    public static func seconds(_ spec: RunSpec) -> Double {
        let row: VariantRow? = spec.variant.row
        let rounds = Double(spec.iterations + spec.warmups)
        let work = Double(spec.unitsPerIteration) * rounds * (row?.micros(pinned: spec.pinned) ?? 20) / 1e6
        let setup = Double(spec.tasks) * (row?.threadPerMember == true ? 80e-6 : 10e-6)
        return 0.15 + work + setup
    }

    /// Default child timeout: generous against the estimate, never under 30 s.
    public static func timeout(_ spec: RunSpec) -> Double {
        max(30, 20 * seconds(spec) + 10)
    }
}
