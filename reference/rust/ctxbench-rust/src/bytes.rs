//! The brigades with K bytes in flight (--in-flight K, the open question C12; the protocol is
//! Sources/Results/InFlight.swift's): the driver writes token j into link j * N / K (token K-1
//! first), every member forwards whatever it read, + 1 per byte, in one write, and the driver
//! reads K bytes back from link N and checks each. The same members and links as the one-byte
//! brigades of brigades.rs; only the loops differ.

use crate::brigades::{finish_tasks, spawn_member, std_links, tokio_runtime, write_byte, Driver, Runtime};
use crate::common::*;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;

/// Bytes a member reads at most at once (the most in flight --in-flight allows).
const READ_SIZE: usize = 64;

/// The byte count after which member i misbehaves under --fault (its first timed round), or
/// usize::MAX.
fn fault_at(p: &Params, i: usize) -> usize {
    match p.fault_round(i) {
        usize::MAX => usize::MAX,
        r => r * in_flight::tokens_through(i, p.tasks, p.in_flight),
    }
}

/// The write ends of the links the K tokens start at, token j's at j (dups of the members' ends).
fn injection(writes: &[Option<UnixStream>], p: &Params) -> Vec<UnixStream> {
    (0..p.in_flight)
        .map(|j| {
            let link = in_flight::start(j, p.tasks, p.in_flight);
            writes[link].as_ref().unwrap().try_clone().unwrap_or_else(|e| {
                setup_failed(&format!("dup of link {} for token {}: {}", link, j, e))
            })
        })
        .collect()
}

/// N+1 links as (write ends, read ends), each an Option so members can take theirs.
fn split_links(n: usize) -> (Vec<Option<UnixStream>>, Vec<Option<UnixStream>>) {
    std_links(n + 1).into_iter().map(|(w, r)| (Some(w), Some(r))).unzip()
}

/// rust-thread-brigade --in-flight K: each std thread reads what is there, adds 1 to every
/// byte and writes it all on.
pub fn thread_brigade(p: Params) -> Measured {
    let mut driver = Driver::new(p, 0xFF);
    let n = p.tasks;
    let (mut writes, mut reads) = split_links(n);
    let inject = injection(&writes, &p);
    let mut handles = Vec::with_capacity(n);
    for i in 0..n {
        let input = reads[i].take().unwrap();
        let output = writes[i + 1].take().unwrap();
        let (total, fault) = (driver.total(i), MemberFault::new(&p, fault_at(&p, i)));
        let h = spawn_member(i, n, move || {
            let mut buf = [0u8; READ_SIZE];
            let mut count = 0usize;
            while count < total {
                let got = match (&input).read(&mut buf) {
                    Ok(got) if got > 0 => got,
                    _ => return (count, 1u8),
                };
                if !fault.forward(&mut buf[..got], count) {
                    return hang_up(input, output, count);
                }
                if (&output).write_all(&buf[..got]).is_err() {
                    return (count, 2);
                }
                count += got;
            }
            (count, 0)
        });
        handles.push(h);
    }
    let last = reads[n].take().unwrap();
    let k = p.in_flight;
    let mut back = vec![0u8; k];
    for round in 0..p.rounds() {
        driver.begin_round(round);
        let start = now_ns();
        let ok = (0..k).rev().all(|j| write_byte(&inject[j], (round + j) as u8)) && (&last).read_exact(&mut back).is_ok();
        let end = now_ns();
        driver.end_bytes_round(round, ok, &back, start, end);
    }
    let forwarded: Vec<(usize, u8)> = handles.into_iter().map(|h| h.join().unwrap_or((0, 0))).collect();
    driver.finish(&forwarded, "threads")
}

/// rust-async-brigade --in-flight K: each Tokio task reads what is there, adds 1 to every
/// byte and write_all's it on.
pub fn async_brigade(p: Params, kind: Runtime) -> Measured {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rt = tokio_runtime(kind, p.cpus);
    let n = p.tasks;
    let mut driver = Driver::new(p, 0xFF);
    let (writes, reads) = split_links(n);
    let inject = injection(&writes, &p);
    rt.block_on(async move {
        let tokio_stream = |s: UnixStream, what: &str| {
            s.set_nonblocking(true)
                .and_then(|_| tokio::net::UnixStream::from_std(s))
                .unwrap_or_else(|e| setup_failed(&format!("registering {} with Tokio: {}", what, e)))
        };
        let mut writes: Vec<_> = writes.into_iter().enumerate().map(|(i, w)| w.map(|w| tokio_stream(w, &format!("link {}", i)))).collect();
        let mut reads: Vec<_> = reads.into_iter().enumerate().map(|(i, r)| r.map(|r| tokio_stream(r, &format!("link {}", i)))).collect();
        let mut inject: Vec<_> = inject.into_iter().enumerate().map(|(j, s)| tokio_stream(s, &format!("token {}", j))).collect();
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            let mut input = reads[i].take().unwrap();
            let mut output = writes[i + 1].take().unwrap();
            let (total, fault) = (driver.total(i), MemberFault::new(&p, fault_at(&p, i)));
            handles.push(tokio::spawn(async move {
                let mut buf = [0u8; READ_SIZE];
                let mut count = 0usize;
                while count < total {
                    let got = match input.read(&mut buf).await {
                        Ok(got) if got > 0 => got,
                        _ => return (count, 1u8),
                    };
                    if !fault.forward(&mut buf[..got], count) {
                        return hang_up(input, output, count);
                    }
                    if output.write_all(&buf[..got]).await.is_err() {
                        return (count, 2);
                    }
                    count += got;
                }
                (count, 0)
            }));
        }
        let mut last = reads[n].take().unwrap();
        let k = p.in_flight;
        let mut back = vec![0u8; k];
        for round in 0..p.rounds() {
            driver.begin_round(round);
            let start = now_ns();
            let mut ok = true;
            for j in (0..k).rev() {
                ok = ok && inject[j].write_all(&[(round + j) as u8]).await.is_ok();
            }
            ok = ok && last.read_exact(&mut back).await.is_ok();
            let end = now_ns();
            driver.end_bytes_round(round, ok, &back, start, end);
        }
        finish_tasks(driver, handles).await
    })
}
