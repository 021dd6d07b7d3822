import Foundation
import Results

/// Reads how the reference executables were built, when a run asks for them (results.json's
/// `environment.referenceBuilds`): the compiler from the executable itself, the crate versions
/// from the build's Cargo.lock (else the installed Debian packages), the release profile from
/// reference/rust/Cargo.toml of the checkout ctxbench was built in. Nothing is built or run
/// besides `dpkg-query`.
enum ReferenceBuildProbe {
    /// Debian packages holding each crate's sources (the offline build's registry).
    static let debianPackages = ["tokio": "librust-tokio-dev", "async-std": "librust-async-std-dev", "libc": "librust-libc-dev"]

    /// The build facts of each family whose executable exists beside `workload`.
    static func read(_ families: Set<ReferenceFamily>, workload: String, checkout: URL) -> [ReferenceBuild]? {
        let dir = URL(fileURLWithPath: workload).deletingLastPathComponent()
        let builds = families.sorted { $0.rawValue < $1.rawValue }.compactMap { family -> ReferenceBuild? in
            let exe = dir.appendingPathComponent(family.executable.rawValue).path
            guard family == .rust, FileManager.default.isExecutableFile(atPath: exe) else { return nil }
            return rust(executable: exe, checkout: checkout)
        }
        return builds.isEmpty ? nil : builds
    }

    static func rust(executable: String, checkout: URL) -> ReferenceBuild {
        let compiler = (try? Data(contentsOf: URL(fileURLWithPath: executable))).flatMap { ReferenceBuild.rustCompiler(inExecutable: [UInt8]($0)) }
        let root = checkout.appendingPathComponent("reference/rust")
        var crates = [String: String](), source = "reference/rust/Cargo.lock"
        if let lock = try? String(contentsOf: root.appendingPathComponent("Cargo.lock"), encoding: .utf8) {
            crates = ReferenceBuild.lockedVersions(cargoLock: lock, crates: ReferenceBuild.rustCrates)
        }
        if crates.isEmpty {
            source = "installed Debian packages (no Cargo.lock found)"
            for name in ReferenceBuild.rustCrates {
                guard let package = debianPackages[name],
                      let v = SystemProbe.commandOutput("/usr/bin/env", ["dpkg-query", "-W", "-f=${Version}", package]), !v.isEmpty
                else { continue }
                crates[name] = v
            }
        }
        let profile = (try? String(contentsOf: root.appendingPathComponent("Cargo.toml"), encoding: .utf8))
            .map { "; [profile.release] " + ReferenceBuild.releaseProfile(cargoToml: $0) } ?? ""
        return ReferenceBuild(family: "rust", compiler: compiler, crates: crates, cratesSource: source,
                              buildFlags: "cargo build --offline --release" + profile)
    }
}
