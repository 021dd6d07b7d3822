//! ctxbench-rust: the study's designs (jimblandy/context-switch, Rust + Tokio + async-std),
//! speaking ctxbench's child protocol (Sources/WorkloadMain/main.swift) and writing the same
//! JSON (Sources/Results/WorkloadOutput.swift).
//!
//!   ctxbench-rust VARIANT --tasks N --iterations I --warmups W [--pin] [--memory]
//!                 [--in-flight K] [--fault corrupt-value|hang] --output FILE
//!
//! Exit status: 0 measured; 2 usage; 3 self-check failed; 4 setup failed (limits, syscalls).

mod brigades;
mod bytes;
mod common;
mod creation;
mod driver;
mod uring;

use brigades::Runtime;
use common::*;

const VARIANTS: &[(&str, fn(Params) -> Measured)] = &[
    ("rust-thread-brigade", brigades::thread_brigade),
    ("rust-one-thread-brigade", brigades::one_thread_brigade),
    ("rust-async-brigade", |p| brigades::async_brigade(p, Runtime::MultiThread)),
    ("rust-async-brigade-1t", |p| brigades::async_brigade(p, Runtime::CurrentThread)),
    ("rust-async-brigade-uring", uring::brigade),
    ("rust-async-mem-brigade", brigades::async_mem_brigade),
    ("rust-thread-creation", creation::thread_creation),
    ("rust-async-creation", creation::async_creation),
];

/// The variants that take --in-flight K (the C12 sweep; the variant table's `manyInFlight`).
const IN_FLIGHT: &[&str] = &["rust-thread-brigade", "rust-async-brigade"];

fn main() {
    let mut args = std::env::args().skip(1);
    let variant = match args.next() {
        Some(v) if !v.starts_with('-') => v,
        _ => die(
            2,
            "usage: ctxbench-rust VARIANT --tasks N --iterations I --warmups W [--pin] [--memory] \
             [--in-flight K] [--fault corrupt-value|hang] --output FILE",
        ),
    };
    let (mut tasks, mut iterations, mut warmups, mut in_flight) = (0usize, 0usize, 0usize, 1usize);
    let (mut pin, mut memory) = (false, false);
    let mut output: Option<String> = None;
    let mut fault = None;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--pin" => pin = true,
            "--memory" => memory = true,
            _ => {
                let value = args.next().unwrap_or_else(|| die(2, &format!("{} needs a value", flag)));
                let int = || -> usize {
                    value.parse::<u32>().map(|n| n as usize).unwrap_or_else(|_| {
                        die(2, &format!("{} needs a non-negative integer, got '{}'", flag, value))
                    })
                };
                match flag.as_str() {
                    "--tasks" => tasks = int(),
                    "--iterations" => iterations = int(),
                    "--warmups" => warmups = int(),
                    "--in-flight" => in_flight = int(),
                    "--output" => output = Some(value.clone()),
                    "--fault" => {
                        fault = Some(match value.as_str() {
                            "corrupt-value" => Fault::Corrupt,
                            "hang" => Fault::Hang,
                            _ => die(2, &format!("unknown fault '{}'", value)),
                        })
                    }
                    _ => die(2, &format!("unknown option '{}'", flag)),
                }
            }
        }
    }
    let run = VARIANTS.iter().find(|(name, _)| *name == variant).map(|(_, f)| *f).unwrap_or_else(|| {
        let known: Vec<&str> = VARIANTS.iter().map(|(n, _)| *n).collect();
        die(2, &format!("unknown variant '{}'; known: {}", variant, known.join(", ")))
    });
    let output = output.unwrap_or_else(|| die(2, "--output FILE is required"));
    if tasks < 1 || iterations < 1 {
        die(2, "--tasks and --iterations must be at least 1");
    }
    if !(1..=64).contains(&in_flight) {
        die(2, "--in-flight must be between 1 and 64");
    }
    if in_flight > 1 && !IN_FLIGHT.contains(&variant.as_str()) {
        die(2, &format!("{} does not support --in-flight", variant));
    }
    if in_flight > tasks {
        die(2, &format!("--in-flight {} needs at least as many members (--tasks)", in_flight));
    }

    // Pin before any thread exists, so every thread the variant creates inherits the mask.
    let allowed = allowed_cpus();
    if pin {
        let cpu = *allowed.first().unwrap_or_else(|| die(4, "sched_getaffinity returned no CPU"));
        if let Err(e) = pin_to(cpu) {
            die(4, &e);
        }
    }
    let granted = allowed_cpus();

    let params = Params { tasks, iterations, warmups, memory, fault, cpus: granted.len(), in_flight };
    let measured = run(params);
    let json = output_json(&measured, &allowed, &granted);
    if let Err(e) = std::fs::write(&output, json) {
        die(4, &format!("cannot write {}: {}", output, e));
    }
    // Exit without tearing down runtimes or blocked members.
    std::process::exit(0)
}
