// swift-tools-version:6.0
// ctxbench: what a context switch, a task creation and an idle task cost, OS threads
// against Swift async tasks. Layout (arrows mean "imports"):
//
//   SystemCall (Glibc only: the C-call funnel) <- Results, Workloads, Limits, Runner, ctxbench-workload
//   Workloads (variants; NIO, liburing via CURingShim, no GSL/Cairo/Mustache) <- ctxbench-workload (child process)
//   Floors (C only; links liburing) = ctxbench-floor (child process, same protocol)
//   Runner   -> Results (the variant table, results.json's model; Foundation only), Limits  (reaches workloads only as processes)
//   AnalysisModel -> Results (analysis.json's and the comparison's model; the children never link it)
//   Limits   -> Results (rlimits, /proc, cgroups: what caps threads and links)
//   Analysis -> Results, AnalysisModel, Stats -> CGSL
//   Render   -> Results, AnalysisModel, Charts -> CCairo, Mustache
//   ctxbench (CLI) -> Runner, Analysis, Render
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "ctxbench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ctxbench", targets: ["ctxbench"]),
        .executable(name: "ctxbench-workload", targets: ["ctxbench-workload"]),
        .executable(name: "ctxbench-floor", targets: ["ctxbench-floor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C libraries, each reached through exactly one Swift module.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CURing", pkgConfig: "liburing", providers: [.apt(["liburing-dev"])]),
        // ctx_uring_*: liburing's inline helpers as plain functions, for UringReactor only.
        .target(name: "CURingShim", dependencies: ["CURing"]),
        // Small C shims for macros Swift cannot call (CPU_SET, epoll constants).
        .target(name: "CShims"),

        // The one funnel for C calls that can fail (EINTR retry, a typed Errno naming the call);
        // Glibc only, so the children and the runner share it without pulling anything else.
        .target(name: "SystemCall", swiftSettings: swift6),
        .target(name: "Results", dependencies: ["SystemCall"], swiftSettings: swift6),
        // analysis.json and COMPARISON's model: what Analysis writes and Render reads (the
        // child processes never link it).
        .target(name: "AnalysisModel", dependencies: ["Results"], resources: [.copy("Resources/study.json")], swiftSettings: swift6),
        .target(name: "Stats", dependencies: ["CGSL"], swiftSettings: swift6),
        .target(name: "Charts", dependencies: ["CCairo"], swiftSettings: swift6),
        .target(
            name: "Workloads",
            dependencies: [
                "Results", "SystemCall", "CShims", "CURingShim",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swift6),
        .executableTarget(
            name: "ctxbench-workload", dependencies: ["Workloads", "Results", "SystemCall"],
            path: "Sources/WorkloadMain", swiftSettings: swift6),
        // C floors: the leanest C program of each design, same child protocol and JSON as
        // ctxbench-workload (C only, C11; -O2 in release). c-uring-brigade links liburing.
        .executableTarget(
            name: "ctxbench-floor", path: "Sources/Floors", linkerSettings: [.linkedLibrary("uring")]),
        .target(name: "Runner", dependencies: ["Results", "Limits", "SystemCall", "CShims"], swiftSettings: swift6),
        // Limits on threads and brigade links (getrlimit, /proc, cgroups); CShims for the thread probe.
        .target(name: "Limits", dependencies: ["Results", "SystemCall", "CShims"], swiftSettings: swift6),
        .target(name: "Analysis", dependencies: ["Results", "AnalysisModel", "Stats"], swiftSettings: swift6),
        .target(
            name: "Render",
            dependencies: [
                "Results", "AnalysisModel", "Charts",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swift6),
        .executableTarget(
            name: "ctxbench",
            dependencies: [
                "Runner", "Analysis", "Render", "Results", "AnalysisModel", "Limits",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI", swiftSettings: swift6),

        .testTarget(name: "StatsTests", dependencies: ["Stats"], resources: [.copy("Reference")], swiftSettings: swift6),
        .testTarget(
            name: "LimitsTests", dependencies: ["Limits", "Results"], resources: [.copy("Fixtures")],
            swiftSettings: swift6),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], swiftSettings: swift6),
        .testTarget(
            name: "CtxbenchTests",
            dependencies: ["Results", "AnalysisModel", "Runner", "Analysis", "Render", "Workloads", "Limits", "SystemCall"],
            resources: [.copy("Fixtures"), .copy("Snapshots")],
            swiftSettings: swift6),
    ],
    cLanguageStandard: .gnu11
)
