import Charts
import Results
import AnalysisModel

/// One style per variant, the same on every chart: the colour names the design (a Swift
/// variant), the marker and dash the language: Swift solid circles, its C floor dashed
/// squares, the Swift runtime's floor under it dashed diamonds (never on a chart so far: the
/// floors are measured at the headline N only), its Rust reference dashed triangles, in the
/// colour of the design they stand for
/// (the first entry of the variant table's `floorOf` / `referenceOf`).
///
/// The twelve design colours all reach 3:1 contrast on white (WCAG 2.1, 1.4.11, the minimum
/// for graphics) and differ pairwise by at least 30 in CIE L*a*b* (Delta E 1976), so no two
/// designs share a colour and none is as pale as the Okabe-Ito yellow.
enum VariantStyles {
    /// Colour of each Swift design, `0xRRGGBB`.
    static let designColors: [Variant: UInt32] = [
        .threadBrigade: 0x0072B2,      // blue
        .oneThreadBrigade: 0xD55E00,   // vermillion
        .asyncBrigade: 0x009E73,       // bluish green
        .asyncBrigade1T: 0xCC79A7,     // reddish purple
        .nioBrigade: 0x4B0082,         // indigo
        .asyncBrigadeEpoll: 0x999933,  // olive
        .asyncBrigadeMT: 0xB2182B,     // crimson
        .asyncBrigadeUring: 0xE7298A,  // magenta
        .asyncMemBrigade: 0x00A0B0,    // cyan
        .threadCreation: 0x8B4513,     // brown
        .asyncCreation: 0x33A02C,      // green
        .asyncCreationMT: 0x882255,    // wine
    ]

    /// Grey for a name that is no variant of this build (an older file's).
    static let unknown = SeriesStyle(color: Color(hex: 0x555555), marker: .diamond)

    /// The Swift design a variant is, or stands for.
    static func design(_ v: Variant) -> Variant {
        switch v.row.executable {
        case .workload: v.row.floorOf.first ?? v
        case .floor: v.row.floorOf.first ?? v
        case .rust: v.row.referenceOf.first ?? v
        }
    }

    static func style(_ v: Variant) -> SeriesStyle {
        guard let hex = designColors[design(v)] else { return unknown }
        switch v.row.executable {
        case .workload where !v.row.floorOf.isEmpty: return SeriesStyle(color: Color(hex: hex), marker: .diamond, dashed: true)
        case .workload: return SeriesStyle(color: Color(hex: hex), marker: .circle)
        case .floor: return SeriesStyle(color: Color(hex: hex), marker: .square, dashed: true)
        case .rust: return SeriesStyle(color: Color(hex: hex), marker: .triangle, dashed: true)
        }
    }

    /// The style of a variant by name.
    static func style(_ name: String) -> SeriesStyle {
        Variant(rawValue: name).map(style) ?? unknown
    }

    /// What the styles mean, for captions.
    static let legendNote = "colour: the design; solid circles: Swift, dashed squares: its C floor, dashed triangles: its Rust reference"
}
