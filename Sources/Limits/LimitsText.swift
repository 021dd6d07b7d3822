import Results

/// What `ctxbench limits` prints: an aligned table of every limit (its value, the threads and
/// brigade links it allows, the command that raises it, marked "[not by this process]" when
/// this process lacks the right to run it and the advice does not say so itself), then one line each for the threads
/// and the brigade links naming the binding limit and how to raise it.
public func renderLimitsText(_ r: LimitsReport) -> String {
    let header = ["limit", "value", "threads it allows", "links it allows", "raise with"]
    let rows = r.entries.map { e in
        [e.name, e.value, e.threadCapacity.map(String.init) ?? "-", e.linkCapacity.map(String.init) ?? "-",
         // Advice with commands in backticks already says who can run them.
         e.raise + (e.canRaise || e.raise.hasPrefix("-") || e.raise.contains("`") ? "" : "  [not by this process]")]
    }
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            if i == cells.count - 1 { return cell }
            let pad = String(repeating: " ", count: widths[i] - cell.count)
            return (i == 2 || i == 3) ? pad + cell : cell + pad   // right-align the counts
        }.joined(separator: "  ")
    }
    var out = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
    out += rows.map(line)
    out.append("")
    out.append(bindingLine("threads: at most \(show(r.threadCapacity)) here", r.threadBinding, r))
    out.append(bindingLine("brigade links: at most \(show(r.linkCapacity)) members", r.linkBinding, r))
    return out.joined(separator: "\n") + "\n"
}

private func show(_ n: Int?) -> String { n.map(String.init) ?? "unknown" }

/// "<head>; binding limit: X (raise: ...)".
private func bindingLine(_ head: String, _ binding: String?, _ r: LimitsReport) -> String {
    guard let binding, let entry = r.entries.first(where: { $0.name == binding }) else {
        return head + "; binding limit: unknown"
    }
    if entry.raise.hasPrefix("- (") { return head + "; binding limit: \(binding) (\(entry.raise.dropFirst(3))" }
    return head + "; binding limit: \(binding) (raise: \(entry.raise))"
}
