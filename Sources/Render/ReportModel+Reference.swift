import Results
import AnalysisModel

/// The Swift-vs-Rust comparison beyond time: resident bytes per member (the fitted slopes) and
/// syscalls per hop (strace counts), each Swift design beside the study's program of its design
/// in the same run.
extension ReportModel {
    /// One row per Swift memory series whose design the Rust reference also fitted.
    func referenceMemoryRows() -> [[String: Any]] {
        a.memory.filter { $0.variant.row.isReference && $0.slope != nil }.flatMap { rust in
            rust.variant.row.referenceOf.compactMap { swift -> [String: Any]? in
                guard let s = a.memory.first(where: { $0.variant == swift && $0.slope != nil }) else { return nil }
                return ["variant": swift.rawValue, "reference": rust.variant.rawValue, "swift": Format.bytes(s.slope!),
                        "rust": Format.bytes(rust.slope!), "ratio": rust.slope! > 0 ? Format.ratio(s.slope! / rust.slope!) : "—"]
            }
        }
    }

    /// One row per Swift brigade whose Rust twin's syscalls were counted at the same pinning.
    func referenceSyscallRows() -> [[String: Any]] {
        let counted = a.syscalls.filter { $0.error == nil }
        return counted.filter { $0.variant.row.isReference }.flatMap { rust in
            rust.variant.row.referenceOf.compactMap { swift -> [String: Any]? in
                // An in-memory brigade makes no syscalls per hop: nothing to compare.
                guard let s = counted.first(where: { $0.variant == swift && $0.pinned == rust.pinned }),
                      Self.calls(s) > 0, Self.calls(rust) > 0 else { return nil }
                return ["variant": swift.rawValue, "reference": rust.variant.rawValue, "pinning": rust.pinned ? "pinned" : "unpinned",
                        "swift": Self.callList(s), "rust": Self.callList(rust),
                        "ratio": Format.ratio(Self.calls(s) / max(Self.calls(rust), 1e-9))]
            }
        }
    }

    /// Calls per hop, EAGAIN returns not counted twice.
    static func calls(_ c: SyscallCount) -> Double { c.byCount.map(\.perHop).reduce(0, +) }

    /// "recvfrom 2.04, write 1.02, epoll_wait 1.03 (4.09)".
    static func callList(_ c: SyscallCount) -> String {
        "\(c.byCount.map { "\($0.name) \(Format.sig3($0.perHop))" }.joined(separator: ", ")) (\(Format.sig3(calls(c))))"
    }
}

extension SyscallCount {
    /// Each syscall and its calls per hop, most first (then by name); the "(errors)" entries,
    /// which count the EAGAIN returns among them, left out.
    var byCount: [(name: String, perHop: Double)] {
        perHop.filter { !$0.key.hasSuffix("(errors)") }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { ($0.key, $0.value) }
    }
}
