import XCTest
import Results

/// How the Rust reference was built, read from the files the build left (results.json's
/// `environment.referenceBuilds`).
final class ReferenceBuildTests: XCTestCase {
    func testReferenceBuildFactsAreReadFromTheBuildsFiles() {
        let exe = Array("\u{7f}ELF junk\0GCC: (Debian) 12\0rustc version 1.63.0\0more".utf8)
        XCTAssertEqual(ReferenceBuild.rustCompiler(inExecutable: exe), "rustc 1.63.0")
        XCTAssertNil(ReferenceBuild.rustCompiler(inExecutable: Array("no compiler here".utf8)))
        let lock = """
            [[package]]
            name = "tokio"
            version = "1.24.2"
            dependencies = [
             "libc",
            ]

            [[package]]
            name = "async-std"
            version = "1.12.0"

            [[package]]
            name = "tokio-macros"
            version = "1.8.2"
            """
        XCTAssertEqual(ReferenceBuild.lockedVersions(cargoLock: lock, crates: ReferenceBuild.rustCrates),
                       ["tokio": "1.24.2", "async-std": "1.12.0"])
        let toml = "[workspace]\nmembers = [\"x\"]\n\n[profile.release]\nopt-level = 3\n# comment\ncodegen-units = 1\n"
        XCTAssertEqual(ReferenceBuild.releaseProfile(cargoToml: toml), "opt-level = 3, codegen-units = 1")
        XCTAssertEqual(ReferenceBuild.releaseProfile(cargoToml: "[workspace]\n"), "cargo's defaults")
    }
}
