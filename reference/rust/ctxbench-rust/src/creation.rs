//! Creation, as the study measured it: per iteration spawn K threads / tasks whose body only
//! reads the monotonic clock (a thread writes it into its own slot; a task returns it, as the
//! study's did, and the value is written into the slot after the loop); the sample is the time
//! of the spawn loop
//! (joins untimed). Latency: mean over every 16th item of (body's clock - clock just before
//! its spawn). Self-check: every body ran after the round started (and after its own spawn
//! began). Any --fault skips one spawn (item K/2) in the first timed round, which the check
//! must catch.

use crate::common::*;

/// A slot's address, handed to a body as an integer (a raw pointer is not Send).
#[derive(Clone, Copy)]
struct Slot(usize);

impl Slot {
    #[inline(always)]
    fn write_now(self) {
        unsafe { *(self.0 as *mut u64) = now_ns() };
    }
}

/// Stamps item `i`'s spawn time when it is one of every 16th (the latency sample).
#[inline(always)]
fn stamp(spawn: &mut [u64], i: usize) {
    if i & 15 == 0 {
        spawn[i] = now_ns();
    }
}

/// Item `i`'s slot in `body` (at `base`), its spawn time stamped first; None for the item
/// --fault skips this round.
#[inline(always)]
fn item(spawn: &mut [u64], base: usize, i: usize, skip_now: usize) -> Option<Slot> {
    stamp(spawn, i);
    if i == skip_now {
        return None;
    }
    Some(Slot(base + i * 8))
}

/// The mean latency over every 16th item, or Err(index of the first item that did not run
/// after `start` or after its own spawn).
fn check(body: &[u64], spawn: &[u64], start: u64) -> Result<u64, usize> {
    let (mut sum, mut n) = (0u64, 0u64);
    for (i, &b) in body.iter().enumerate() {
        if b < start || (i & 15 == 0 && b < spawn[i]) {
            return Err(i);
        }
        if i & 15 == 0 {
            sum += b - spawn[i];
            n += 1;
        }
    }
    Ok(if n > 0 { sum / n } else { 0 })
}

struct Rounds {
    samples: Vec<u64>,
    latency: Vec<u64>,
    before: Usage,
}

impl Rounds {
    fn new(p: &Params) -> Rounds {
        Rounds { samples: vec![0; p.iterations], latency: vec![0; p.iterations], before: usage_now() }
    }

    /// Starts round `round`: the timed usage begins with the first timed round and every slot
    /// is cleared. Returns the item to skip in this round (`skip` in the first timed round,
    /// else none: usize::MAX).
    fn begin(&mut self, p: &Params, round: usize, body: &mut [u64], skip: usize) -> usize {
        if round == p.warmups {
            self.before = usage_now();
        }
        body.iter_mut().for_each(|b| *b = 0);
        if round == p.warmups { skip } else { usize::MAX }
    }

    /// Keeps round `round`'s spawn-loop time and latency when it is timed; a failed check
    /// (`item` i did not run after its spawn) ends the run.
    fn record(&mut self, p: &Params, round: usize, time: u64, checked: Result<u64, usize>, item: &str) {
        match checked {
            Ok(latency) if round >= p.warmups => {
                self.samples[round - p.warmups] = time;
                self.latency[round - p.warmups] = latency;
            }
            Ok(_) => {}
            Err(i) => self_check_failed(&format!("round {}: {} {} did not run after its spawn", round, item, i)),
        }
    }
}

fn finish(p: &Params, r: Rounds, what: &str) -> Measured {
    Measured {
        samples: r.samples,
        latency: Some(r.latency),
        check: format!("all {} {} ran in each of {} rounds", p.tasks, what, p.rounds()),
        timed: usage_now().minus(r.before),
        threads: thread_count(),
        memory: None,
    }
}

/// rust-thread-creation: the study's thread-creation. std::thread::Builder with 2 MiB stacks.
pub fn thread_creation(p: Params) -> Measured {
    let k = p.tasks;
    let skip = if p.fault.is_some() { k / 2 } else { usize::MAX };
    let mut body = vec![0u64; k];
    let mut spawn = vec![0u64; k];
    let mut handles: Vec<Option<std::thread::JoinHandle<()>>> = Vec::with_capacity(k);
    let mut r = Rounds::new(&p);
    for round in 0..p.rounds() {
        let skip_now = r.begin(&p, round, &mut body, skip);
        handles.clear();
        let base = body.as_mut_ptr() as usize;
        let start = now_ns();
        for i in 0..k {
            let slot = match item(&mut spawn, base, i, skip_now) {
                Some(slot) => slot,
                None => {
                    handles.push(None);
                    continue;
                }
            };
            match std::thread::Builder::new().stack_size(2 << 20).spawn(move || slot.write_now()) {
                Ok(h) => handles.push(Some(h)),
                Err(e) => {
                    for h in handles.drain(..).flatten() {
                        let _ = h.join();
                    }
                    let hint = if e.raw_os_error() == Some(libc::EAGAIN) {
                        " (a limit on threads or pids binds; see `ctxbench limits`)"
                    } else {
                        ""
                    };
                    setup_failed(&format!("spawn of thread {} of {}: {}{}", i, k, e, hint));
                }
            }
        }
        let end = now_ns();
        for (i, h) in handles.drain(..).enumerate() {
            if let Some(h) = h {
                if h.join().is_err() {
                    self_check_failed(&format!("round {}: thread {} panicked", round, i));
                }
            }
        }
        r.record(&p, round, end - start, check(&body, &spawn, start), "thread");
    }
    finish(&p, r, "threads")
}

/// rust-async-creation: the study's async-creation. async_std::task::spawn on async-std's
/// global (multi-thread) executor from inside task::block_on, each body returning the clock
/// (the study's `async move { Instant::now() }`); the join handles are awaited after the timed
/// loop and their values written into the items' slots.
pub fn async_creation(p: Params) -> Measured {
    let k = p.tasks;
    let skip = if p.fault.is_some() { k / 2 } else { usize::MAX };
    async_std::task::block_on(async move {
        let mut body = vec![0u64; k];
        let mut spawn = vec![0u64; k];
        let mut handles: Vec<async_std::task::JoinHandle<u64>> = Vec::with_capacity(k);
        let mut r = Rounds::new(&p);
        for round in 0..p.rounds() {
            let skip_now = r.begin(&p, round, &mut body, skip);
            let start = now_ns();
            for i in 0..k {
                stamp(&mut spawn, i);
                if i != skip_now {
                    handles.push(async_std::task::spawn(async { now_ns() }));
                }
            }
            let end = now_ns();
            let mut values = handles.drain(..);
            for (i, b) in body.iter_mut().enumerate() {
                if i != skip_now {
                    *b = values.next().expect("one handle per spawned task").await;
                }
            }
            r.record(&p, round, end - start, check(&body, &spawn, start), "task");
        }
        finish(&p, r, "tasks")
    })
}
