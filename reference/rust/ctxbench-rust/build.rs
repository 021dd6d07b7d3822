//! Builds csrc/uring.c (liburing, from Debian's liburing-dev) with the cc crate (Debian's
//! librust-cc-dev) for the io_uring brigade, and links liburing.

fn main() {
    println!("cargo:rerun-if-changed=csrc/uring.c");
    cc::Build::new().file("csrc/uring.c").opt_level(2).compile("ctxbench_uring");
    println!("cargo:rustc-link-lib=uring");
}
