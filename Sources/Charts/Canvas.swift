internal import CCairo
import Foundation

/// A font choice: DejaVu Sans at a pixel size, normal or bold.
struct Font: Sendable, Equatable {
    var size: Double
    var bold: Bool = false

    static let title = Font(size: 20, bold: true)
    static let axisLabel = Font(size: 15)
    static let tick = Font(size: 13)
    static let legend = Font(size: 14)
    static let category = Font(size: 13)
    static let note = Font(size: 13)
}

/// Measured size of a single line of text.
struct TextSize: Sendable, Equatable {
    /// Advance width in pixels.
    var width: Double
    /// Font ascent above the baseline.
    var ascent: Double
    /// Font descent below the baseline.
    var descent: Double
    /// Ascent plus descent.
    var height: Double { ascent + descent }
}

/// Vertical placement of text relative to its anchor point.
enum VerticalAlign: Sendable { case top, middle, baseline, bottom }

/// Marker shapes; series cycle through them so markers differ by shape as well as colour.
public enum MarkerShape: Sendable, CaseIterable, Hashable { case circle, square, triangle, diamond }

/// A drawing surface: owns a Cairo ARGB32 image surface and its `cairo_t`.
///
/// Both are status-checked in `init` and destroyed in `deinit`. Drawing errors are sticky in
/// Cairo, so `pngBytes()` and `raster()` check the context status before reading the image.
final class Canvas {
    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let cr: OpaquePointer

    /// Creates a white `width` x `height` canvas.
    init(width: Int, height: Int) throws {
        guard (1...16384).contains(width), (1...16384).contains(height) else {
            throw ChartError.cairo("invalid image size \(width)x\(height)")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw ChartError.cairo("cairo_image_surface_create returned nil")
        }
        let surfaceStatus = cairo_surface_status(surface)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw ChartError.cairo(Canvas.message(surfaceStatus))
        }
        guard let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw ChartError.cairo("cairo_create returned nil")
        }
        let contextStatus = cairo_status(cr)
        guard contextStatus == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
            throw ChartError.cairo(Canvas.message(contextStatus))
        }
        self.width = width
        self.height = height
        self.surface = surface
        self.cr = cr
        configureText()
        fill(ChartRect(x: 0, y: 0, width: Double(width), height: Double(height)), Palette.background)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    private static func message(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }

    /// Grey antialiasing, slight hinting and unhinted metrics, so measurement is layout-stable.
    private func configureText() {
        guard let options = cairo_font_options_create() else { return }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_GRAY)
    }

    // MARK: Shapes

    private func setColor(_ color: Color) {
        cairo_set_source_rgb(cr, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255)
    }

    /// Fills a rectangle.
    func fill(_ rect: ChartRect, _ color: Color) {
        setColor(color)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    /// Strokes a rectangle outline.
    func stroke(_ rect: ChartRect, _ color: Color, width: Double) {
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
    }

    /// Strokes a straight segment, optionally dashed (`dash` = on/off lengths in pixels).
    func line(_ from: Point, _ to: Point, _ color: Color, width: Double, dash: [Double] = []) {
        polyline([from, to], color, width: width, dash: dash)
    }

    /// Strokes a connected path through `points`.
    func polyline(_ points: [Point], _ color: Color, width: Double, dash: [Double] = []) {
        guard let first = points.first, points.count > 1 else { return }
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// Draws a marker of `radius` pixels centred on `center`, filled or as an outline.
    func marker(_ shape: MarkerShape, at center: Point, radius r: Double, _ color: Color, filled: Bool = true) {
        let (x, y) = (center.x, center.y)
        switch shape {
        case .circle:
            cairo_new_sub_path(cr)
            cairo_arc(cr, x, y, r, 0, 2 * Double.pi)
        case .square:
            let s = r * 0.9
            cairo_rectangle(cr, x - s, y - s, 2 * s, 2 * s)
        case .triangle:
            cairo_move_to(cr, x, y - r * 1.15)
            cairo_line_to(cr, x + r * 1.05, y + r * 0.75)
            cairo_line_to(cr, x - r * 1.05, y + r * 0.75)
            cairo_close_path(cr)
        case .diamond:
            cairo_move_to(cr, x, y - r * 1.2)
            cairo_line_to(cr, x + r * 1.2, y)
            cairo_line_to(cr, x, y + r * 1.2)
            cairo_line_to(cr, x - r * 1.2, y)
            cairo_close_path(cr)
        }
        setColor(color)
        if filled {
            cairo_fill(cr)
        } else {
            cairo_set_line_width(cr, 1.2)
            cairo_stroke(cr)
        }
    }

    /// Restricts drawing to `rect` until `unclip()`.
    func clip(to rect: ChartRect) {
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
    }

    /// Removes the clip set by `clip(to:)`.
    func unclip() { cairo_restore(cr) }

    // MARK: Text

    private func select(_ font: Font) {
        cairo_select_font_face(
            cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
            font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, font.size)
    }

    /// Measures one line of text.
    func measure(_ text: String, _ font: Font) -> TextSize {
        select(font)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        var fontExtents = cairo_font_extents_t()
        cairo_font_extents(cr, &fontExtents)
        return TextSize(width: extents.x_advance, ascent: fontExtents.ascent, descent: fontExtents.descent)
    }

    /// `text`, shortened with a trailing "…" if needed so it fits in `maxWidth` pixels.
    func truncate(_ text: String, _ font: Font, toWidth maxWidth: Double) -> String {
        guard measure(text, font).width > maxWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters) + "…"
            if measure(candidate, font).width <= maxWidth { return candidate }
        }
        return "…"
    }

    /// Draws one line of text anchored at `point`.
    ///
    /// `align` is the horizontal anchor as a fraction of the text width (0 left, 0.5 centre,
    /// 1 right); `angle` rotates the text about the anchor (radians, negative is counter-clockwise).
    func text(
        _ text: String, at point: Point, _ font: Font, _ color: Color,
        align: Double = 0, vertical: VerticalAlign = .baseline, angle: Double = 0
    ) {
        let size = measure(text, font)
        let dy: Double
        switch vertical {
        case .top: dy = size.ascent
        case .middle: dy = (size.ascent - size.descent) / 2
        case .baseline: dy = 0
        case .bottom: dy = -size.descent
        }
        cairo_save(cr)
        cairo_translate(cr, point.x, point.y)
        cairo_rotate(cr, angle)
        cairo_move_to(cr, -align * size.width, dy)
        setColor(color)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    // MARK: Output

    private func checkStatus() throws {
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw ChartError.cairo(Canvas.message(status)) }
        cairo_surface_flush(surface)
        let surfaceStatus = cairo_surface_status(surface)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS else { throw ChartError.cairo(Canvas.message(surfaceStatus)) }
    }

    /// Encodes the image as PNG in memory, checking every Cairo status on the way.
    func pngBytes() throws -> [UInt8] {
        try checkStatus()
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            },
            Unmanaged.passUnretained(sink).toOpaque())
        withExtendedLifetime(sink) {}
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ChartError.cairo("PNG encoding failed: \(Canvas.message(status))")
        }
        return sink.bytes
    }

    /// Copies the pixels out (ARGB32, native-endian `0xAARRGGBB`).
    func raster() throws -> RasterImage {
        try checkStatus()
        guard let data = cairo_image_surface_get_data(surface) else {
            throw ChartError.cairo("image surface has no data")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt32](repeating: 0, count: width * height)
        data.withMemoryRebound(to: UInt8.self, capacity: stride * height) { bytes in
            let raw = UnsafeRawPointer(bytes)
            for row in 0..<height {
                for col in 0..<width {
                    pixels[row * width + col] = raw.load(fromByteOffset: row * stride + col * 4, as: UInt32.self)
                }
            }
        }
        return RasterImage(width: width, height: height, pixels: pixels)
    }
}

/// Accumulates PNG bytes handed to the Cairo stream callback.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Facts about the drawing library, for the report's reproducibility section.
public enum ChartsLibrary {
    /// Cairo's version string (cairo_version_string), e.g. "1.16.0".
    public static var cairoVersion: String { String(cString: cairo_version_string()) }
}
