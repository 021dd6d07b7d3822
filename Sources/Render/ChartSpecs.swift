import Charts
import Results
import AnalysisModel

/// The charts of the report and of a comparison: a closed set, each with its file name.
public enum ChartKey: String, CaseIterable, Sendable {
    case perHop, perHopLog, languages, creation, memory, sweep, inFlight, distribution
    /// The comparison's per-hop chart (COMPARISON.md only).
    case compare

    public var fileName: String {
        switch self {
        case .perHop: "per-hop.png"
        case .perHopLog: "per-hop-log.png"
        case .languages: "swift-c-rust.png"
        case .creation: "creation.png"
        case .memory: "memory.png"
        case .sweep: "sweep.png"
        case .inFlight: "in-flight.png"
        case .distribution: "distribution.png"
        case .compare: "compare-per-hop.png"
        }
    }

    /// The report's charts (the template context has a `charts.<key>` for each).
    static let report = allCases.filter { $0 != .compare }
}

/// One chart of the report: where it goes, what the Markdown says about it, its PNG.
public struct ChartFile: Sendable {
    /// Key in the template context (`charts.perHop` etc.).
    public var key: ChartKey
    public var fileName: String { key.fileName }
    public var caption: String
    public var png: [UInt8]
}

/// A chart to draw: its key, caption and what draws it.
protocol PNGChart { func renderPNG() throws -> [UInt8] }
extension BarChart: PNGChart {}
extension XYChart: PNGChart {}
extension BoxChart: PNGChart {}

/// Chart specs built from an analysis (values only; Charts draws them).
struct ChartSpecs {
    let a: AnalysisFile

    func all() throws -> [ChartFile] {
        do { return try allCharts() } catch let e as ChartError { throw e }
    }

    func allCharts() throws -> [ChartFile] {
        let drawn: [(ChartKey, String, PNGChart?)] = [
            (.perHop, "Per-hop cost of each brigade (median of process medians, whiskers: 95 % bootstrap CI), unpinned and pinned; dashed: the one-thread I/O baseline.",
             perHop(log: false)),
            (.perHopLog, "The same on a log scale, so the in-memory brigade's nanoseconds and the thread brigade's microseconds are both readable.",
             perHop(log: true)),
            (.languages, "Per hop (or per item) of each design in Swift, its C floor and, when it ran, the study's design in Rust, paired as in the C-floor and Rust tables (one floor or reference may stand for several designs); unpinned, same run (log scale; whiskers: 95 % CI). \"not run\" marks a design that has no such counterpart.",
             languages()),
            (.creation, "Cost to create one thread or one Swift task (spawn loop time / items; log scale; whiskers: 95 % CI).", creation()),
            (.memory, "Resident memory (smaps_rollup Rss) of the process against the number of members, with the fitted lines whose slopes are the bytes per member.",
             memory()),
            (.sweep, "Per-hop cost against the number of brigade members (log-log): \(sweepRowsDrawn()); whiskers: 95 % CI; \(VariantStyles.legendNote).",
             sweep()),
            (.inFlight, "Per-hop cost against the bytes in flight K (N fixed, unpinned; log-log); whiskers: 95 % CI. Where a line flattens, one wait already serves as many ready members as helps; \(VariantStyles.legendNote).",
             inFlight()),
            (.distribution, "Distribution of per-hop times of every timed iteration, unpinned and pinned side by side for each variant (all process runs pooled; box: quartiles, black line: median, whiskers: 1.5 IQR, circles: outliers; log scale).",
             distribution()),
        ]
        return try drawn.compactMap { key, caption, chart in
            try chart.map { ChartFile(key: key, caption: caption, png: try $0.renderPNG()) }
        }
    }

    var mainBrigades: [PointAnalysis] { a.points.filter { $0.group == .main && $0.kind == .brigade } }

    func perHop(log: Bool) -> BarChart? {
        let variants = Variant.allCases.filter { v in mainBrigades.contains { $0.variant == v } }
        guard mainBrigades.contains(where: { $0.perUnit != nil }) else { return nil }
        let series = [false, true].compactMap { pinned -> BarSeries? in
            let pts = variants.map { v in mainBrigades.first { $0.variant == v && $0.pinned == pinned }?.perUnit }
            guard pts.contains(where: { $0 != nil }) else { return nil }
            return BarSeries(name: pinned ? "pinned to one CPU" : "unpinned", values: pts.map { $0.map { $0.value / 1e3 } },
                             lower: pts.map { $0.map { $0.lower / 1e3 } }, upper: pts.map { $0.map { $0.upper / 1e3 } })
        }
        let baseline = Variant.the(.ioBaseline)
        let base = mainBrigades.first { $0.variant == baseline && !$0.pinned && $0.perUnit != nil }
            ?? mainBrigades.first { $0.variant == baseline && $0.perUnit != nil }
        let ref = base.map { ReferenceLine(value: $0.perUnit!.value / 1e3, label: "one-thread I/O baseline \(Format.nanos($0.perUnit!.value))") }
        return BarChart(title: "Cost per hop, N = \(Format.count(mainBrigades.first?.tasks ?? 0))\(log ? " (log scale)" : "")",
                        yLabel: "per hop (µs)", categories: variants.map(\.rawValue), series: series, logScale: log, referenceLine: ref)
    }

    /// Swift, C floor and Rust reference of each design, unpinned main points.
    func languages() -> BarChart? {
        let main = a.points.filter { $0.group == .main && !$0.pinned && $0.perUnit != nil }
        func point(_ v: Variant) -> Estimated? { main.first { $0.variant == v }?.perUnit }
        let swift = Variant.allCases.filter { v in
            v.row.executable == .workload && point(v) != nil
                && Variant.allCases.contains { ($0.row.floorOf.contains(v) || $0.row.referenceOf.contains(v)) && point($0) != nil }
        }
        guard !swift.isEmpty else { return nil }
        func partner(_ v: Variant, _ pick: (VariantRow) -> Bool) -> Estimated? {
            // As FloorDistances and ReferenceDistances pair them: any design the partner stands for.
            Variant.allCases.first { pick($0.row) && ($0.row.floorOf.contains(v) || $0.row.referenceOf.contains(v)) && point($0) != nil }
                .flatMap(point)
        }
        let columns: [(String, (Variant) -> Estimated?)] = [
            ("Swift", point),
            ("C floor", { v in partner(v) { $0.executable == .floor } }),
            ("Rust (the study's design)", { v in partner(v) { $0.executable == .rust } }),
        ]
        let series = columns.compactMap { name, value -> BarSeries? in
            let pts = swift.map(value)
            guard pts.contains(where: { $0 != nil }) else { return nil }
            return BarSeries(name: name, values: pts.map { $0.map { $0.value / 1e3 } },
                             lower: pts.map { $0.map { $0.lower / 1e3 } }, upper: pts.map { $0.map { $0.upper / 1e3 } })
        }
        return BarChart(title: "Swift, C and Rust per design (unpinned, log scale)", yLabel: "per hop or item (µs)",
                        categories: swift.map(\.rawValue), series: series, logScale: true)
    }

    func creation() -> BarChart? {
        let pts = a.points.filter { $0.group == .main && $0.kind == .creation && $0.perUnit != nil }
        guard !pts.isEmpty else { return nil }
        let series = BarSeries(name: "per item", values: pts.map { $0.perUnit!.value / 1e3 },
                               lower: pts.map { $0.perUnit!.lower / 1e3 }, upper: pts.map { $0.perUnit!.upper / 1e3 })
        return BarChart(title: "Creation cost per thread / per task (log scale)", yLabel: "per item (µs)",
                        categories: pts.map { "\($0.variant) (K=\(Format.count($0.tasks)))" }, series: [series], logScale: true)
    }

    func memory() -> XYChart? {
        let fits = a.memory.filter { !$0.tasks.isEmpty }
        guard !fits.isEmpty else { return nil }
        let series = fits.map { f -> XYSeries in
            let pts = zip(f.tasks, f.rssBytes).map { XYPoint(x: Double($0), y: $1 / 1_048_576) }
            var line = [XYPoint]()
            var name = "\(f.name) (\(f.variant))"
            if let s = f.slope, let i = f.intercept, let lo = f.tasks.min(), let hi = f.tasks.max() {
                line = [lo, hi].map { XYPoint(x: Double($0), y: (i + s * Double($0)) / 1_048_576) }
                name += ": \(Format.bytes(s)) per member"
            }
            return XYSeries(name: name, points: pts, line: line, style: VariantStyles.style(f.variant))
        }
        return XYChart(title: "Resident memory against members", xLabel: "members (threads or tasks)",
                       yLabel: "resident memory (MiB)", series: series)
    }

    /// The pinned rows of the sweep table (`SweepPoints`), one line per variant.
    func sweep() -> XYChart? {
        let table = SweepPoints(a: a)
        guard let pinned = table.chartPinned else { return nil }
        let drawn = table.points.filter { $0.pinned == pinned && $0.perUnit != nil }
        let series = Variant.allCases.compactMap { v -> XYSeries? in
            let pts = drawn.filter { $0.variant == v }
            guard pts.count >= 2 else { return nil }
            return XYSeries(name: v.rawValue, points: pts.map { XYPoint(x: Double($0.tasks), y: $0.perUnit!.value / 1e3,
                                                                lower: $0.perUnit!.lower / 1e3, upper: $0.perUnit!.upper / 1e3) },
                            connectPoints: true, style: VariantStyles.style(v))
        }
        guard !series.isEmpty else { return nil }
        return XYChart(title: "Per-hop cost against brigade size (\(pinned ? "pinned" : "unpinned"), log-log)",
                       xLabel: "members N", yLabel: "per hop (µs)", series: series, logX: true, logY: true)
    }

    /// Which rows of the sweep table sweep.png draws, for its caption.
    func sweepRowsDrawn() -> String {
        let table = SweepPoints(a: a)
        guard let pinned = table.chartPinned else { return "no row of the table above" }
        let side = pinned ? "pinned" : "unpinned"
        let left = Set(table.points.filter { $0.pinned != pinned }.map { p in
            p.group == .large ? "large counts" : "\(SweepPoints.groupCell(p)) points"
        })
        guard !left.isEmpty else { return "the rows of the table above, one line per variant" }
        return "the \(side) rows of the table above, one line per variant; its \(pinned ? "unpinned" : "pinned") rows "
            + "(\(left.sorted().joined(separator: ", "))) are in the table only"
    }

    func inFlight() -> XYChart? {
        let series = (a.inFlight ?? []).map { s in
            XYSeries(name: s.variant.rawValue, points: s.points.map { p in
                XYPoint(x: Double(p.inFlight), y: p.perHop.value / 1e3, lower: p.perHop.lower / 1e3, upper: p.perHop.upper / 1e3)
            }, connectPoints: true, style: VariantStyles.style(s.variant))
        }
        guard !series.isEmpty else { return nil }
        return XYChart(title: "Per-hop cost against bytes in flight (N = \(Format.count(a.inFlight![0].tasks)), unpinned, log-log)",
                       xLabel: "bytes in flight K", yLabel: "per hop (µs)", series: series, logX: true, logY: true)
    }

    /// One category per variant, its unpinned and pinned boxes side by side.
    func distribution() -> BoxChart? {
        let pts = mainBrigades.filter { $0.distribution != nil }
        guard !pts.isEmpty else { return nil }
        let variants = Variant.allCases.filter { v in pts.contains { $0.variant == v } }
        let series = [false, true].compactMap { pinned -> BoxSeries? in
            let boxes = variants.map { v in
                pts.first { $0.variant == v && $0.pinned == pinned }.map { p -> BoxStats in
                    let d = p.distribution!
                    return BoxStats(label: v.rawValue, q1: d.q1 / 1e3, median: d.median / 1e3, q3: d.q3 / 1e3,
                                    whiskerLow: d.whiskerLow / 1e3, whiskerHigh: d.whiskerHigh / 1e3,
                                    outliers: d.outliers.map { $0 / 1e3 })
                }
            }
            guard boxes.contains(where: { $0 != nil }) else { return nil }
            return BoxSeries(name: pinned ? "pinned to one CPU" : "unpinned", boxes: boxes,
                             style: SeriesStyle(color: Self.pinningColor(pinned)))
        }
        return BoxChart(title: "Per-hop time of every iteration (log scale)", yLabel: "per hop (µs)",
                        categories: variants.map(\.rawValue), series: series, logScale: true)
    }

    /// Unpinned / pinned in the box plot: the grey-blue and orange-brown of no variant.
    static func pinningColor(_ pinned: Bool) -> Color { Color(hex: pinned ? 0xB35806 : 0x2D6A96) }
}
