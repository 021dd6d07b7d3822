import ArgumentParser
import Foundation
import Results
import Runner

// The closed sets the options take: argument-parser lists their values in --help and names
// them when a value is not one of them.
extension ProfileName: ExpressibleByArgument {}
extension PinMode: ExpressibleByArgument {}
extension VariantKind: ExpressibleByArgument {}
extension ReferenceFamily: ExpressibleByArgument {}
extension Variant: ExpressibleByArgument {}

/// `--only`: comma-separated variant names ("thread-brigade,one-thread-brigade").
struct VariantList: ExpressibleByArgument {
    var variants: [Variant]

    init?(argument: String) {
        let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let found = names.compactMap(Variant.init(rawValue:))
        guard !names.isEmpty, found.count == names.count else { return nil }
        variants = found
    }

    static var allValueStrings: [String] { Variant.allValueStrings }
}

/// Checks of folder options.
enum Folder {
    /// Refuses an empty folder name: `--out ""` would write into the current folder.
    static func check(_ path: String, flag: String) throws {
        guard path.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        throw ValidationError("\(flag) is empty; name a folder, e.g. \(flag) report")
    }
}
