//! Builds the Swift design's liburing shim, Sources/CURingShim/CURingShim.c (liburing, from
//! Debian's liburing-dev), with the cc crate (Debian's librust-cc-dev) for the io_uring
//! brigade, and links liburing: one C file serves both designs.

fn main() {
    let shim = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../Sources/CURingShim");
    println!("cargo:rerun-if-changed={}/CURingShim.c", shim);
    println!("cargo:rerun-if-changed={}/include/CURingShim.h", shim);
    cc::Build::new()
        .file(format!("{}/CURingShim.c", shim))
        .include(format!("{}/include", shim))
        .opt_level(2)
        .compile("ctxbench_uring");
    println!("cargo:rustc-link-lib=uring");
}
