//! rust-async-brigade-uring: the completion-based twin of rust-async-brigade-1t, as ctxbench's
//! async-brigade-uring does it in Swift (Sources/Workloads/UringReactor.swift). N futures on a
//! one-thread executor that is also the io_uring reactor: a member that wants a byte queues a
//! recv SQE tagged with its task id and returns Pending; when every ready task has run, the
//! executor submits the queued SQEs and waits for a completion in one io_uring_enter, then
//! polls each task whose recv completed. Writes are plain write(2) calls. liburing is reached
//! through Sources/CURingShim/CURingShim.c, the Swift design's shim, built by the cc crate
//! (build.rs); Debian packages no Rust io_uring crate.

use crate::brigades::{std_links, Driver};
use crate::common::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::os::unix::io::AsRawFd;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

#[repr(C)]
struct RawRing {
    _private: [u8; 0],
}

extern "C" {
    fn ctx_uring_setup_single_issuer() -> u32;
    fn ctx_uring_setup_defer_taskrun() -> u32;
    fn ctx_uring_setup_coop_taskrun() -> u32;
    fn ctx_uring_create(entries: u32, cq_entries: u32, flags: u32, error: *mut i32) -> *mut RawRing;
    fn ctx_uring_supports_recv_and_read(r: *mut RawRing) -> i32;
    fn ctx_uring_prep_recv(r: *mut RawRing, fd: i32, buf: *mut u8, len: u32, data: u64) -> i32;
    fn ctx_uring_submit(r: *mut RawRing) -> i32;
    fn ctx_uring_submit_and_wait(r: *mut RawRing, wait_nr: u32) -> i32;
    fn ctx_uring_reap(r: *mut RawRing, datas: *mut u64, results: *mut i32, max: u32) -> u32;
}

/// The setup flag sets tried, in order (each next one only when the kernel says EINVAL).
const FLAG_SETS: [&str; 4] = ["SINGLE_ISSUER|DEFER_TASKRUN", "SINGLE_ISSUER|COOP_TASKRUN", "COOP_TASKRUN", "none"];
/// A task's slot while its recv has not completed.
const PENDING: i32 = i32::MIN;
/// Completions reaped per io_uring_enter at most.
const REAP: usize = 64;

/// The ring, the task being polled and each task's completed recv result.
struct Reactor {
    ring: *mut RawRing,
    flags: &'static str,
    current: Cell<usize>,
    results: Vec<Cell<i32>>,
}

/// A ring with `entries` SQEs and room for `cq_entries` completions, set up with the first of
/// FLAG_SETS the kernel accepts (each next one tried only on EINVAL): the ring (null on
/// failure), the last -errno, and the index of the accepted set.
fn create_ring(entries: u32, cq_entries: u32) -> (*mut RawRing, i32, usize) {
    let (single, defer, coop) =
        unsafe { (ctx_uring_setup_single_issuer(), ctx_uring_setup_defer_taskrun(), ctx_uring_setup_coop_taskrun()) };
    let mut error = 0i32;
    for (i, flags) in [single | defer, single | coop, coop, 0].into_iter().enumerate() {
        let ring = unsafe { ctx_uring_create(entries, cq_entries, flags, &mut error) };
        if !ring.is_null() || error != -libc::EINVAL {
            return (ring, error, i);
        }
    }
    (std::ptr::null_mut(), error, 0)
}

fn errno_text(e: i32) -> String {
    std::io::Error::from_raw_os_error(-e).to_string()
}

impl Reactor {
    /// A ring with a CQ slot per task (so it never overflows); exit 4 "io_uring unavailable"
    /// when none can be set up (CTXBENCH_FORCE_NO_URING=1 forces that, as for the Swift design).
    fn new(tasks: usize) -> Reactor {
        if std::env::var("CTXBENCH_FORCE_NO_URING").as_deref() == Ok("1") {
            setup_failed("io_uring unavailable (CTXBENCH_FORCE_NO_URING=1)");
        }
        let cq = (tasks + 2).next_power_of_two().clamp(512, 65_536) as u32;
        let (ring, error, used) = create_ring(256, cq);
        if ring.is_null() {
            let disabled = std::fs::read_to_string("/proc/sys/kernel/io_uring_disabled").unwrap_or_default();
            let extra = match disabled.trim() {
                "" | "0" => String::new(),
                v => format!(", kernel.io_uring_disabled = {}", v),
            };
            setup_failed(&format!("io_uring unavailable (io_uring_queue_init: {}{})", errno_text(error), extra));
        }
        match unsafe { ctx_uring_supports_recv_and_read(ring) } {
            1 => {}
            0 => setup_failed("io_uring unavailable (the kernel lacks IORING_OP_RECV)"),
            e => setup_failed(&format!("io_uring unavailable (io_uring probe: {})", errno_text(e))),
        }
        Reactor { ring, flags: FLAG_SETS[used], current: Cell::new(0), results: (0..tasks).map(|_| Cell::new(PENDING)).collect() }
    }

    /// Queues a one-byte recv tagged `data`; when the SQ is full, submits what is queued first.
    /// 0, or -errno.
    fn prep_recv(&self, fd: i32, buf: *mut u8, data: u64) -> i32 {
        let e = unsafe { ctx_uring_prep_recv(self.ring, fd, buf, 1, data) };
        if e != -libc::EBUSY {
            return e;
        }
        let s = unsafe { ctx_uring_submit(self.ring) };
        if s < 0 {
            return s;
        }
        unsafe { ctx_uring_prep_recv(self.ring, fd, buf, 1, data) }
    }

    /// Receives one byte from `fd` into `buf` through the ring: the recv's result (1, 0 at end
    /// of stream, or -errno).
    fn recv(&self, fd: i32, buf: *mut u8) -> Recv<'_> {
        Recv { reactor: self, fd, buf, submitted: false }
    }

    /// Polls every task until all have ended: ready tasks first, then one io_uring_enter that
    /// submits their recvs and waits for a completion.
    fn run(&self, mut tasks: Vec<Option<Pin<Box<dyn Future<Output = ()> + '_>>>>) {
        let waker = noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut ready: VecDeque<usize> = (0..tasks.len()).collect();
        let mut live = tasks.len();
        let (mut datas, mut results) = ([0u64; REAP], [0i32; REAP]);
        loop {
            while let Some(id) = ready.pop_front() {
                self.current.set(id);
                if let Some(task) = tasks[id].as_mut() {
                    if task.as_mut().poll(&mut cx).is_ready() {
                        tasks[id] = None;
                        live -= 1;
                    }
                }
            }
            if live == 0 {
                return;
            }
            let e = unsafe { ctx_uring_submit_and_wait(self.ring, 1) };
            if e < 0 && e != -libc::EINTR {
                setup_failed(&format!("io_uring_enter: {}", errno_text(e)));
            }
            let got = unsafe { ctx_uring_reap(self.ring, datas.as_mut_ptr(), results.as_mut_ptr(), REAP as u32) };
            for k in 0..got as usize {
                let id = datas[k] as usize;
                self.results[id].set(results[k]);
                ready.push_back(id);
            }
        }
    }
}

/// A recv through the ring: queued on the first poll, ready when its completion was reaped.
struct Recv<'a> {
    reactor: &'a Reactor,
    fd: i32,
    buf: *mut u8,
    submitted: bool,
}

impl Future for Recv<'_> {
    type Output = i32;
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<i32> {
        let r = self.reactor;
        let id = r.current.get();
        if !self.submitted {
            let e = r.prep_recv(self.fd, self.buf, id as u64);
            if e < 0 {
                return Poll::Ready(e);
            }
            self.submitted = true;
            return Poll::Pending;
        }
        match r.results[id].replace(PENDING) {
            PENDING => Poll::Pending,
            v => Poll::Ready(v),
        }
    }
}

/// The executor polls a task only when its completion arrived, so wakers are never used.
fn noop_waker() -> Waker {
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

#[inline(always)]
fn write_byte(fd: i32, b: u8) -> bool {
    unsafe { libc::write(fd, &b as *const u8 as *const libc::c_void, 1) == 1 }
}

/// rust-async-brigade-uring: N member futures and the driver's, on one thread.
pub fn brigade(p: Params) -> Measured {
    let n = p.tasks;
    let driver = RefCell::new(Driver::new(p, 0xFF));
    let links = std_links(n + 1);
    let reactor = Reactor::new(n + 1);
    let forwarded: Vec<Cell<(usize, u8)>> = (0..n).map(|_| Cell::new((0, 0))).collect();
    let (r, fw, d) = (&reactor, &forwarded, &driver);
    let mut tasks: Vec<Option<Pin<Box<dyn Future<Output = ()> + '_>>>> = Vec::with_capacity(n + 1);
    for i in 0..n {
        let (input, output) = (links[i].1.as_raw_fd(), links[i + 1].0.as_raw_fd());
        let (rounds, fault) = (p.rounds(), MemberFault::new(&p, p.fault_round(i)));
        tasks.push(Some(Box::pin(async move {
            let mut b = [0u8; 1];
            for round in 0..rounds {
                if r.recv(input, b.as_mut_ptr()).await != 1 {
                    fw[i].set((fw[i].get().0, 1));
                    return;
                }
                if !fault.forward(&mut b, round) {
                    return; // stop forwarding; the links stay open, the chain waits forever
                }
                if !write_byte(output, b[0]) {
                    fw[i].set((fw[i].get().0, 2));
                    return;
                }
                fw[i].set((round + 1, 0));
            }
        })));
    }
    let (first, last) = (links[0].0.as_raw_fd(), links[n].1.as_raw_fd());
    tasks.push(Some(Box::pin(async move {
        let mut b = [0u8; 1];
        for round in 0..p.rounds() {
            d.borrow_mut().begin_round(round);
            let start = now_ns();
            let sent = d.borrow().sent(round) as u8;
            let got = if write_byte(first, sent) && r.recv(last, b.as_mut_ptr()).await == 1 { Some(b[0] as usize) } else { None };
            let end = now_ns();
            d.borrow_mut().end_round(round, got, start, end);
        }
    })));
    reactor.run(tasks);
    let forwarded: Vec<(usize, u8)> = forwarded.iter().map(Cell::get).collect();
    let mut m = driver.into_inner().finish(&forwarded, "tasks");
    m.check += &format!("; one io_uring (setup flags {})", reactor.flags);
    m
}
