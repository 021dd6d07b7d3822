//! The child protocol's shared parts: parameters, probes (clock, getrusage, /proc) and the
//! JSON writer (the fields of Sources/Results/WorkloadOutput.swift).

use std::fmt::Write as _;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fault {
    Corrupt,
    Hang,
}

#[derive(Clone, Copy, Debug)]
pub struct Params {
    pub tasks: usize,
    pub iterations: usize,
    pub warmups: usize,
    pub memory: bool,
    pub fault: Option<Fault>,
    /// CPUs granted after pinning (the multi-thread runtime runs one worker per CPU).
    pub cpus: usize,
    /// Bytes in flight per round (--in-flight K, 1 by default; Sources/Results/InFlight.swift).
    pub in_flight: usize,
}

impl Params {
    pub fn rounds(&self) -> usize {
        self.warmups + self.iterations
    }
    /// The round in which member `i` misbehaves under --fault (the middle member, first timed
    /// round), or usize::MAX.
    pub fn fault_round(&self, i: usize) -> usize {
        if self.fault.is_some() && i == self.tasks / 2 {
            self.warmups
        } else {
            usize::MAX
        }
    }
}

/// A value a brigade member forwards: a byte on a socket, a usize on an in-memory channel.
pub trait Hop: Copy {
    /// The value plus `k`, wrapping.
    fn plus(self, k: u8) -> Self;
}
impl Hop for u8 {
    fn plus(self, k: u8) -> u8 {
        self.wrapping_add(k)
    }
}
impl Hop for usize {
    fn plus(self, k: u8) -> usize {
        self.wrapping_add(k as usize)
    }
}

/// One brigade member's part of --fault: where it misbehaves (a round, or a byte count with
/// --in-flight; usize::MAX: never) and how.
#[derive(Clone, Copy)]
pub struct MemberFault {
    at: usize,
    hang: bool,
}

impl MemberFault {
    pub fn new(p: &Params, at: usize) -> MemberFault {
        MemberFault { at, hang: p.fault == Some(Fault::Hang) }
    }
    /// Turns what the member received at `at` into what it forwards: every value + 1, the first
    /// + 1 more at a corrupt-value fault (a wrong value the driver's check catches). False at a
    /// hang fault: the member must stop forwarding (`hang_up`).
    pub fn forward<T: Hop>(&self, values: &mut [T], at: usize) -> bool {
        if at == self.at && self.hang {
            return false;
        }
        values.iter_mut().for_each(|v| *v = v.plus(1));
        if at == self.at {
            values[0] = values[0].plus(1);
        }
        true
    }
}

/// A member that hangs: it stops forwarding but keeps both ends open, so the chain waits
/// forever. What it forwarded, with no error.
pub fn hang_up<I, O>(input: I, output: O, count: usize) -> (usize, u8) {
    std::mem::forget(input);
    std::mem::forget(output);
    (count, 0)
}

/// The many-bytes-in-flight protocol (--in-flight K), as Sources/Results/InFlight.swift
/// defines it: token j starts at link j * N / K with value (round + j) & 0xFF, token K-1 is
/// written first; members forward whatever they read, + 1 per byte, in one write; tokens reach
/// link N in the order K-1, ..., 0.
pub mod in_flight {
    /// The link token j is injected into.
    pub fn start(j: usize, n: usize, k: usize) -> usize {
        j * n / k
    }
    /// Hops made in one round.
    pub fn hops_per_round(n: usize, k: usize) -> usize {
        (0..k).map(|j| n - start(j, n, k)).sum()
    }
    /// Tokens member i forwards per round (those injected at or before link i).
    pub fn tokens_through(i: usize, n: usize, k: usize) -> usize {
        (0..k).filter(|&j| start(j, n, k) <= i).count()
    }
    /// The value the driver must read as the m-th byte from link N in `round`.
    pub fn expected(m: usize, round: usize, n: usize, k: usize) -> u8 {
        let j = k - 1 - m;
        (round + j + n - start(j, n, k)) as u8
    }
}

/// Exit with `status` after "ctxbench-rust: MESSAGE" on stderr.
pub fn die(status: i32, message: &str) -> ! {
    eprintln!("ctxbench-rust: {}", message);
    std::process::exit(status)
}

/// Exit 3: a self-check failed.
pub fn self_check_failed(message: &str) -> ! {
    die(3, &format!("self-check failed: {}", message))
}

/// Exit 4: setup failed (limits, syscalls).
pub fn setup_failed(message: &str) -> ! {
    die(4, &format!("setup failed: {}", message))
}

/// CLOCK_MONOTONIC in nanoseconds (what std::time::Instant reads on Linux).
#[inline(always)]
pub fn now_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

#[derive(Clone, Copy, Default, Debug)]
pub struct Usage {
    pub user: f64,
    pub sys: f64,
    pub nvcsw: i64,
    pub nivcsw: i64,
    pub maxrss_kib: i64,
}

pub fn usage_now() -> Usage {
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    Usage {
        user: ru.ru_utime.tv_sec as f64 + ru.ru_utime.tv_usec as f64 / 1e6,
        sys: ru.ru_stime.tv_sec as f64 + ru.ru_stime.tv_usec as f64 / 1e6,
        nvcsw: ru.ru_nvcsw as i64,
        nivcsw: ru.ru_nivcsw as i64,
        maxrss_kib: ru.ru_maxrss as i64,
    }
}

impl Usage {
    pub fn minus(self, b: Usage) -> Usage {
        Usage {
            user: self.user - b.user,
            sys: self.sys - b.sys,
            nvcsw: self.nvcsw - b.nvcsw,
            nivcsw: self.nivcsw - b.nivcsw,
            maxrss_kib: self.maxrss_kib,
        }
    }
}

/// The first number after `key` at the start of a line of `path` (0 if none).
fn proc_field(path: &str, key: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix(key) {
            let digits: String = rest.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
            return digits.parse().unwrap_or(0);
        }
    }
    0
}

pub fn thread_count() -> usize {
    proc_field("/proc/self/status", "Threads:") as usize
}

pub fn peak_rss_bytes() -> u64 {
    proc_field("/proc/self/status", "VmHWM:") * 1024
}

/// MemoryReading; the kernel deltas are system-wide (/proc/meminfo).
#[derive(Clone, Copy, Default, Debug)]
pub struct Memory {
    pub baseline_rss: u64,
    pub rss: u64,
    pub pss: u64,
    kstack0: u64,
    ptables0: u64,
    pub kstack_delta: i64,
    pub ptables_delta: i64,
}

impl Memory {
    /// Rss and meminfo before any member exists.
    pub fn begin() -> Memory {
        Memory {
            baseline_rss: proc_field("/proc/self/smaps_rollup", "Rss:") * 1024,
            kstack0: proc_field("/proc/meminfo", "KernelStack:") * 1024,
            ptables0: proc_field("/proc/meminfo", "PageTables:") * 1024,
            ..Memory::default()
        }
    }
    /// Rss, Pss and the meminfo deltas with every member alive and blocked.
    pub fn finish(mut self) -> Memory {
        self.rss = proc_field("/proc/self/smaps_rollup", "Rss:") * 1024;
        self.pss = proc_field("/proc/self/smaps_rollup", "Pss:") * 1024;
        self.kstack_delta = (proc_field("/proc/meminfo", "KernelStack:") * 1024) as i64 - self.kstack0 as i64;
        self.ptables_delta = (proc_field("/proc/meminfo", "PageTables:") * 1024) as i64 - self.ptables0 as i64;
        self
    }
}

/// What a variant measured.
pub struct Measured {
    pub samples: Vec<u64>,
    pub latency: Option<Vec<u64>>,
    pub check: String,
    pub timed: Usage,
    pub threads: usize,
    pub memory: Option<Memory>,
}

/// The CPUs this process may run on (sched_getaffinity).
pub fn allowed_cpus() -> Vec<usize> {
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } != 0 {
        return Vec::new();
    }
    (0..libc::CPU_SETSIZE as usize).filter(|&c| unsafe { libc::CPU_ISSET(c, &set) }).collect()
}

/// Pins the process (its only thread, so every later thread inherits the mask) to `cpu`.
pub fn pin_to(cpu: usize) -> Result<(), String> {
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    unsafe { libc::CPU_SET(cpu, &mut set) };
    if unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) } != 0 {
        return Err(format!("sched_setaffinity({}): {}", cpu, std::io::Error::last_os_error()));
    }
    Ok(())
}

fn ints<T: std::fmt::Display>(out: &mut String, v: &[T]) {
    out.push('[');
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", x);
    }
    out.push(']');
}

fn usage_json(out: &mut String, u: &Usage) {
    let _ = write!(
        out,
        "{{\"userSeconds\":{:.6},\"systemSeconds\":{:.6},\"voluntarySwitches\":{},\"involuntarySwitches\":{},\"maxRSSKiB\":{}}}",
        u.user, u.sys, u.nvcsw, u.nivcsw, u.maxrss_kib
    );
}

fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The WorkloadOutput JSON.
pub fn output_json(m: &Measured, allowed: &[usize], granted: &[usize]) -> String {
    let mut out = String::from("{\"samplesNs\":");
    ints(&mut out, &m.samples);
    if let Some(latency) = &m.latency {
        out.push_str(",\"latencySamplesNs\":");
        ints(&mut out, latency);
    }
    let _ = write!(out, ",\"check\":{},\"allowedCPUs\":", escaped(&m.check));
    ints(&mut out, allowed);
    out.push_str(",\"grantedCPUs\":");
    ints(&mut out, granted);
    out.push_str(",\"rusage\":");
    usage_json(&mut out, &usage_now());
    out.push_str(",\"timedRusage\":");
    usage_json(&mut out, &m.timed);
    let _ = write!(out, ",\"threads\":{}", m.threads);
    if let Some(mem) = &m.memory {
        let _ = write!(
            out,
            ",\"memory\":{{\"rssBytes\":{},\"pssBytes\":{},\"baselineRssBytes\":{},\"kernelStackDeltaBytes\":{},\"pageTablesDeltaBytes\":{}}}",
            mem.rss, mem.pss, mem.baseline_rss, mem.kstack_delta, mem.ptables_delta
        );
    }
    let _ = write!(out, ",\"peakRSSBytes\":{}}}\n", peak_rss_bytes());
    out
}
