//! The brigades, as the study built them: N members in a chain; the driver sends a value into
//! link 0 and reads it back from link N; member i receives from link i and sends value + 1
//! into link i+1. Socket brigades carry one byte (so the value is masked with 0xFF); the
//! in-memory brigade carries a usize (not masked). Self-check: value + N arrives every round,
//! and every member forwarded every round. Fault (the middle member, first timed round):
//! corrupt-value adds 1 more, hang stops forwarding.

use crate::common::*;
pub use crate::driver::Driver;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;

/// N+1 UnixStream pairs: link i is written at .0 and read at .1.
pub fn std_links(count: usize) -> Vec<(UnixStream, UnixStream)> {
    (0..count)
        .map(|i| {
            UnixStream::pair().unwrap_or_else(|e| {
                let hint = if e.raw_os_error() == Some(libc::EMFILE) {
                    " (RLIMIT_NOFILE too low for this many members; see `ctxbench limits`)"
                } else {
                    ""
                };
                setup_failed(&format!("socketpair for link {} of {}: {}{}", i, count, e, hint))
            })
        })
        .collect()
}

/// Member thread i of n (1 MiB stack, as the study's brigades); a failed spawn ends the run
/// with a setup failure that names the limit when it is one (EAGAIN: threads or pids).
pub fn spawn_member<T: Send + 'static>(i: usize, n: usize, body: impl FnOnce() -> T + Send + 'static) -> std::thread::JoinHandle<T> {
    std::thread::Builder::new().stack_size(1 << 20).spawn(body).unwrap_or_else(|e| {
        let hint = if e.raw_os_error() == Some(libc::EAGAIN) {
            " (a limit on threads or pids binds; see `ctxbench limits`)"
        } else {
            ""
        };
        setup_failed(&format!("spawn of member thread {} of {}: {}{}", i, n, e, hint))
    })
}

#[inline(always)]
fn read_byte(mut s: &UnixStream) -> Option<u8> {
    let mut b = [0u8; 1];
    match s.read(&mut b) {
        Ok(1) => Some(b[0]),
        _ => None,
    }
}

#[inline(always)]
pub fn write_byte(mut s: &UnixStream, b: u8) -> bool {
    matches!(s.write(&[b]), Ok(1))
}

/// rust-thread-brigade: the study's thread-brigade. N std threads (1 MiB stacks), blocking
/// read + write on UnixStream pairs per hop.
pub fn thread_brigade(p: Params) -> Measured {
    if p.in_flight > 1 {
        return crate::bytes::thread_brigade(p);
    }
    let mut driver = Driver::new(p, 0xFF);
    let n = p.tasks;
    let mut links = std_links(n + 1);
    // Member i reads link i and writes link i+1: take the ends out.
    let mut reads: Vec<Option<UnixStream>> = Vec::with_capacity(n + 1);
    let mut writes: Vec<Option<UnixStream>> = Vec::with_capacity(n + 1);
    for (w, r) in links.drain(..) {
        writes.push(Some(w));
        reads.push(Some(r));
    }
    let mut handles = Vec::with_capacity(n);
    for i in 0..n {
        let input = reads[i].take().unwrap();
        let output = writes[i + 1].take().unwrap();
        let (rounds, fault) = (p.rounds(), MemberFault::new(&p, p.fault_round(i)));
        let h = spawn_member(i, n, move || {
            let mut count = 0usize;
            for round in 0..rounds {
                let mut out = match read_byte(&input) {
                    Some(v) => [v],
                    None => return (count, 1u8),
                };
                if !fault.forward(&mut out, round) {
                    return hang_up(input, output, count);
                }
                if !write_byte(&output, out[0]) {
                    return (count, 2);
                }
                count += 1;
            }
            (count, 0)
        });
        handles.push(h);
    }
    let first = writes[0].take().unwrap();
    let last = reads[n].take().unwrap();
    for round in 0..p.rounds() {
        driver.begin_round(round);
        let start = now_ns();
        let got = if write_byte(&first, driver.sent(round) as u8) { read_byte(&last) } else { None };
        let end = now_ns();
        driver.end_round(round, got.map(usize::from), start, end);
    }
    let forwarded: Vec<(usize, u8)> = handles.into_iter().map(|h| h.join().unwrap_or((0, 0))).collect();
    driver.finish(&forwarded, "threads")
}

/// rust-one-thread-brigade: the same N+1 links, one thread does every write and read in
/// order: the cost of the I/O alone.
pub fn one_thread_brigade(p: Params) -> Measured {
    let mut driver = Driver::new(p, 0xFF);
    let n = p.tasks;
    let links = std_links(n + 1);
    let fault_at = p.fault_round(n / 2);
    let hang = p.fault == Some(Fault::Hang);
    let mut forwarded = vec![(0usize, 0u8); n];
    for round in 0..p.rounds() {
        driver.begin_round(round);
        let start = now_ns();
        let mut got = None;
        if write_byte(&links[0].0, driver.sent(round) as u8) {
            let mut ok = true;
            for i in 0..n {
                let v = match read_byte(&links[i].1) {
                    Some(v) => v,
                    None => {
                        forwarded[i].1 = 1;
                        ok = false;
                        break;
                    }
                };
                let mut out = v.wrapping_add(1);
                if round == fault_at && i == n / 2 {
                    if hang {
                        loop {
                            unsafe { libc::pause() };
                        }
                    }
                    out = out.wrapping_add(1);
                }
                if !write_byte(&links[i + 1].0, out) {
                    forwarded[i].1 = 2;
                    ok = false;
                    break;
                }
                forwarded[i].0 += 1;
            }
            if ok {
                got = read_byte(&links[n].1).map(usize::from);
            }
        }
        let end = now_ns();
        driver.end_round(round, got, start, end);
    }
    driver.finish(&forwarded, "links")
}

/// Which Tokio runtime an async brigade runs on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// The multi-thread runtime, one worker per granted CPU (the study's #[tokio::main]).
    MultiThread,
    /// The current-thread runtime (the study's single-threaded-executor run).
    CurrentThread,
}

pub fn tokio_runtime(kind: Runtime, cpus: usize) -> tokio::runtime::Runtime {
    let mut b = match kind {
        Runtime::MultiThread => {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            b.worker_threads(cpus.max(1));
            b
        }
        Runtime::CurrentThread => tokio::runtime::Builder::new_current_thread(),
    };
    b.enable_io()
        .build()
        .unwrap_or_else(|e| setup_failed(&format!("building the Tokio runtime: {}", e)))
}

/// rust-async-brigade (multi-thread) and rust-async-brigade-1t (current-thread): the study's
/// async-brigade. N Tokio tasks chained by tokio::net::UnixStream pairs; each member does
/// read_exact of one byte and write_all of value + 1 per round. The driver runs in block_on.
pub fn async_brigade(p: Params, kind: Runtime) -> Measured {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    if p.in_flight > 1 {
        return crate::bytes::async_brigade(p, kind);
    }
    let rt = tokio_runtime(kind, p.cpus);
    let n = p.tasks;
    let mut driver = Driver::new(p, 0xFF);
    let links = std_links(n + 1);
    rt.block_on(async move {
        let mut reads = Vec::with_capacity(n + 1);
        let mut writes = Vec::with_capacity(n + 1);
        for (i, (w, r)) in links.into_iter().enumerate() {
            let conv = |s: UnixStream| {
                s.set_nonblocking(true)
                    .and_then(|_| tokio::net::UnixStream::from_std(s))
                    .unwrap_or_else(|e| setup_failed(&format!("registering link {} with Tokio: {}", i, e)))
            };
            writes.push(Some(conv(w)));
            reads.push(Some(conv(r)));
        }
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            let mut input = reads[i].take().unwrap();
            let mut output = writes[i + 1].take().unwrap();
            let (rounds, fault) = (p.rounds(), MemberFault::new(&p, p.fault_round(i)));
            handles.push(tokio::spawn(async move {
                let mut count = 0usize;
                let mut b = [0u8; 1];
                for round in 0..rounds {
                    if input.read_exact(&mut b).await.is_err() {
                        return (count, 1u8);
                    }
                    if !fault.forward(&mut b, round) {
                        return hang_up(input, output, count);
                    }
                    if output.write_all(&b).await.is_err() {
                        return (count, 2);
                    }
                    count += 1;
                }
                (count, 0)
            }));
        }
        let mut first = writes[0].take().unwrap();
        let mut last = reads[n].take().unwrap();
        let mut b = [0u8; 1];
        for round in 0..p.rounds() {
            driver.begin_round(round);
            let start = now_ns();
            b[0] = driver.sent(round) as u8;
            let got = if first.write_all(&b).await.is_ok() && last.read_exact(&mut b).await.is_ok() {
                Some(b[0] as usize)
            } else {
                None
            };
            let end = now_ns();
            driver.end_round(round, got, start, end);
        }
        finish_tasks(driver, handles).await
    })
}

/// rust-async-mem-brigade: the study's async-mem-brigade. N Tokio tasks on the current-thread
/// runtime chained by tokio::sync::mpsc channels of capacity 1 carrying a usize.
pub fn async_mem_brigade(p: Params) -> Measured {
    use tokio::sync::mpsc;
    let rt = tokio_runtime(Runtime::CurrentThread, 1);
    let n = p.tasks;
    let mut driver = Driver::new(p, usize::MAX);
    rt.block_on(async move {
        let mut senders = Vec::with_capacity(n + 1);
        let mut receivers = Vec::with_capacity(n + 1);
        for _ in 0..=n {
            let (tx, rx) = mpsc::channel::<usize>(1);
            senders.push(Some(tx));
            receivers.push(Some(rx));
        }
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            let mut input = receivers[i].take().unwrap();
            let output = senders[i + 1].take().unwrap();
            let (rounds, fault) = (p.rounds(), MemberFault::new(&p, p.fault_round(i)));
            handles.push(tokio::spawn(async move {
                let mut count = 0usize;
                for round in 0..rounds {
                    let mut out = match input.recv().await {
                        Some(v) => [v],
                        None => return (count, 1u8),
                    };
                    if !fault.forward(&mut out, round) {
                        return hang_up(input, output, count);
                    }
                    if output.send(out[0]).await.is_err() {
                        return (count, 2);
                    }
                    count += 1;
                }
                (count, 0)
            }));
        }
        let first = senders[0].take().unwrap();
        let mut last = receivers[n].take().unwrap();
        for round in 0..p.rounds() {
            driver.begin_round(round);
            let start = now_ns();
            let got = if first.send(driver.sent(round)).await.is_ok() { last.recv().await } else { None };
            let end = now_ns();
            driver.end_round(round, got, start, end);
        }
        finish_tasks(driver, handles).await
    })
}

/// Waits for every Tokio member task and checks what each forwarded (a task that panicked
/// counts as having forwarded nothing).
pub async fn finish_tasks(driver: Driver, handles: Vec<tokio::task::JoinHandle<(usize, u8)>>) -> Measured {
    let mut forwarded = Vec::with_capacity(handles.len());
    for h in handles {
        forwarded.push(h.await.unwrap_or((0, 0)));
    }
    driver.finish(&forwarded, "tasks")
}
