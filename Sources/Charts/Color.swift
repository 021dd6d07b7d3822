import Foundation

/// An opaque sRGB colour with 8-bit channels.
public struct Color: Sendable, Equatable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Creates a colour from a `0xRRGGBB` literal.
    public init(hex: UInt32) {
        red = UInt8((hex >> 16) & 0xFF)
        green = UInt8((hex >> 8) & 0xFF)
        blue = UInt8(hex & 0xFF)
    }

    /// This colour mixed with white; `amount` 0 keeps the colour, 1 gives white.
    func tinted(_ amount: Double) -> Color {
        func mix(_ c: UInt8) -> UInt32 {
            UInt32((Double(c) + (255 - Double(c)) * amount).rounded())
        }
        return Color(hex: mix(red) << 16 | mix(green) << 8 | mix(blue))
    }

    /// WCAG 2.1 relative luminance, 0 (black) ... 1 (white).
    public var relativeLuminance: Double {
        func linear(_ c: UInt8) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2.1 contrast ratio against white (1 ... 21); 3 is the minimum for graphics
    /// (success criterion 1.4.11, non-text contrast).
    public var contrastOnWhite: Double { 1.05 / (relativeLuminance + 0.05) }
}

/// Fixed colours used by every chart: Okabe-Ito series colours (colour-blind safe) and neutral greys.
enum Palette {
    /// Series colours in order of use (Okabe-Ito blue, orange, bluish green, vermillion,
    /// reddish purple, sky blue, yellow). Yellow is last because it is pale on white.
    static let series: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xE69F00), Color(hex: 0x009E73), Color(hex: 0xD55E00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0xF0E442),
    ]
    /// The colour of series `index`, cycling through `series`.
    static func color(_ index: Int) -> Color { series[index % series.count] }

    static let background = Color(hex: 0xFFFFFF)
    static let text = Color(hex: 0x1A1A1A)
    static let mutedText = Color(hex: 0x555555)
    static let axis = Color(hex: 0x333333)
    static let grid = Color(hex: 0xE3E3E3)
    static let minorGrid = Color(hex: 0xF2F2F2)
    /// Whiskers, caps and median lines.
    static let ink = Color(hex: 0x1A1A1A)
    static let reference = Color(hex: 0x000000)
}
