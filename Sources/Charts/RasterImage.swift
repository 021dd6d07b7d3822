/// Decoded pixels of a rendered chart, for probing colours in tests.
struct RasterImage: Sendable {
    let width: Int
    let height: Int
    /// Row-major `0xAARRGGBB` values (opaque, so premultiplication does not matter).
    let pixels: [UInt32]

    /// The colour at pixel (`x`, `y`), coordinates rounded down.
    func color(x: Double, y: Double) -> Color {
        let col = min(max(Int(x), 0), width - 1)
        let row = min(max(Int(y), 0), height - 1)
        return Color(hex: pixels[row * width + col] & 0xFF_FFFF)
    }
}
