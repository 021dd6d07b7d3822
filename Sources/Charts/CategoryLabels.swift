import Foundation

/// Category labels under a category axis: wrapped onto up to three horizontal lines when each
/// fits its slot, otherwise rotated (and truncated if extremely long). Rotated labels are
/// parallel lines one slot apart horizontally, so slot x sin(angle) apart across; the angle is
/// 35 degrees, or steeper (up to vertical) until that distance holds a line of text.
struct CategoryLabels {
    /// Rotation used when wrapping does not fit and the slots are wide enough.
    static let rotatedAngle = -35.0 * Double.pi / 180
    /// Space kept between neighbouring rotated labels, pixels.
    static let rotatedSpacing = 2.0
    static let maxLines = 3
    static let gap = 8.0

    /// Lines of each label as drawn.
    let lines: [[String]]
    /// 0 for horizontal labels, `rotatedAngle` otherwise.
    let angle: Double
    /// Height of the label block below the axis, including the gap.
    let height: Double
    /// How far the first label reaches left of its category centre.
    let leftReach: Double
    /// Height of one line of label text, pixels.
    let lineHeight: Double
    /// Width of each drawn line, pixels, like `lines`.
    let widths: [[Double]]

    /// Fits `labels` to slots `slotWidth` pixels wide; rotated labels are limited to `maxHeight`.
    init(canvas: Canvas, labels: [String], slotWidth: Double, maxHeight: Double) {
        let lineHeight = canvas.measure("Ag", .category).height
        self.lineHeight = lineHeight
        let wrapped = labels.map { CategoryLabels.wrap($0, canvas: canvas, width: slotWidth - 6) }
        if wrapped.allSatisfy({ $0 != nil }) {
            let fitted = wrapped.map { $0! }
            lines = fitted
            widths = fitted.map { $0.map { canvas.measure($0, .category).width } }
            angle = 0
            height = CategoryLabels.gap + Double(fitted.map(\.count).max() ?? 1) * lineHeight
            let firstWidth = fitted.first?.map { canvas.measure($0, .category).width }.max() ?? 0
            leftReach = firstWidth / 2
            return
        }
        angle = CategoryLabels.angle(slotWidth: slotWidth, lineHeight: lineHeight)
        let sine = abs(sin(angle))
        let cosine = cos(angle)
        let maxWidth = max(40, (maxHeight - CategoryLabels.gap - lineHeight * cosine) / sine)
        let truncated = labels.map { canvas.truncate($0, .category, toWidth: maxWidth) }
        let widths = truncated.map { canvas.measure($0, .category).width }
        lines = truncated.map { [$0] }
        self.widths = widths.map { [$0] }
        height = CategoryLabels.gap + (widths.max() ?? 0) * sine + lineHeight * cosine
        leftReach = (widths.first ?? 0) * cosine
    }

    /// The rotation for labels `slotWidth` apart: 35 degrees, or the smallest steeper one at
    /// which neighbours are a line of text plus `rotatedSpacing` apart (vertical at most).
    static func angle(slotWidth: Double, lineHeight: Double) -> Double {
        let needed = min(1, (lineHeight + rotatedSpacing) / max(slotWidth, 1))
        return -max(abs(rotatedAngle), asin(needed))
    }

    /// Greedy wrap at "-", "_", "/" (kept at the line end) and spaces (dropped); nil when a
    /// piece is wider than `width` or more than `maxLines` lines are needed.
    static func wrap(_ label: String, canvas: Canvas, width: Double) -> [String]? {
        var pieces: [String] = []
        var current = ""
        for character in label {
            if character == " " {
                if !current.isEmpty { pieces.append(current) }
                current = ""
            } else {
                current.append(character)
                if "-_/".contains(character) { pieces.append(current); current = "" }
            }
        }
        if !current.isEmpty { pieces.append(current) }
        var result: [String] = []
        var line = ""
        for piece in pieces {
            let joiner = line.isEmpty || "-_/".contains(line.last!) ? "" : " "
            let candidate = line + joiner + piece
            if line.isEmpty || canvas.measure(candidate, .category).width <= width {
                line = candidate
            } else {
                result.append(line)
                line = piece
            }
        }
        if !line.isEmpty || result.isEmpty { result.append(line) }
        let fits = result.allSatisfy { canvas.measure($0, .category).width <= width }
        return fits && result.count <= maxLines ? result : nil
    }

    /// Draws the labels under an axis at `axisY`, one per entry of `centers`.
    func draw(on canvas: Canvas, centers: [Double], axisY: Double) {
        let lineHeight = canvas.measure("Ag", .category).height
        for (labelLines, x) in zip(lines, centers) {
            if angle == 0 {
                for (i, text) in labelLines.enumerated() {
                    let y = axisY + CategoryLabels.gap + Double(i) * lineHeight
                    canvas.text(text, at: Point(x: x, y: y), .category, Palette.text, align: 0.5, vertical: .top)
                }
            } else if let text = labelLines.first {
                canvas.text(text, at: Point(x: x + 4, y: axisY + CategoryLabels.gap), .category, Palette.text,
                            align: 1, vertical: .top, angle: angle)
            }
        }
    }
}
