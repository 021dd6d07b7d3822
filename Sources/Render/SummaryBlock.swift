import Foundation

/// The README block that `make readme` regenerates, between two HTML comment markers.
public enum SummaryBlock {
    public static let begin = "<!-- ctxbench:summary:begin -->"
    public static let end = "<!-- ctxbench:summary:end -->"

    public struct MarkerError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// `text` with everything between the markers replaced by `block` (the markers stay, each
    /// on its own line); every byte outside them is kept.
    public static func replace(in text: String, with block: String) throws -> String {
        try replace(in: text, with: block, begin: begin, end: end)
    }

    /// The same for the block named `name` (`<!-- ctxbench:NAME:begin -->`).
    public static func replace(in text: String, with block: String, named name: String) throws -> String {
        try replace(in: text, with: block, begin: "<!-- ctxbench:\(name):begin -->", end: "<!-- ctxbench:\(name):end -->")
    }

    /// True when `text` holds the begin marker of the block named `name`.
    public static func has(_ name: String, in text: String) -> Bool { text.contains("<!-- ctxbench:\(name):begin -->") }

    static func replace(in text: String, with block: String, begin: String, end: String) throws -> String {
        let begins = text.ranges(of: begin), ends = text.ranges(of: end)
        guard begins.count == 1, ends.count == 1 else {
            let problem = begins.count != 1 ? (begins.isEmpty ? "has no \(begin) marker" : "has \(begins.count) \(begin) markers")
                : (ends.isEmpty ? "has no \(end) marker" : "has \(ends.count) \(end) markers")
            throw MarkerError(description: "\(problem); it needs exactly one \(begin) and one \(end)")
        }
        guard begins[0].upperBound <= ends[0].lowerBound else {
            throw MarkerError(description: "\(end) comes before \(begin)")
        }
        return String(text[..<begins[0].upperBound]) + "\n" + block + String(text[ends[0].lowerBound...])
    }
}

extension String {
    func ranges(of needle: String) -> [Range<String.Index>] {
        var out = [Range<String.Index>]()
        var start = startIndex
        while let r = self[start...].range(of: needle) {
            out.append(r)
            start = r.upperBound
        }
        return out
    }
}
