//! The driver's side of every brigade: samples, the warm-up boundary and the self-check of
//! each round (one byte, or K bytes with --in-flight K), then of every member.

use crate::common::*;

/// The driver's bookkeeping, shared by every brigade: samples, the warm-up boundary (threads,
/// memory, timed rusage) and the check of each round's value.
pub struct Driver {
    pub p: Params,
    mask: usize,
    samples: Vec<u64>,
    before: Usage,
    timed: Usage,
    threads: usize,
    memory: Option<Memory>,
}

impl Driver {
    /// Starts the memory probe (when asked for) before any member exists.
    pub fn new(p: Params, mask: usize) -> Driver {
        Driver {
            p,
            mask,
            samples: vec![0; p.iterations],
            before: Usage::default(),
            timed: Usage::default(),
            threads: 0,
            memory: if p.memory { Some(Memory::begin()) } else { None },
        }
    }

    #[inline(always)]
    pub fn sent(&self, round: usize) -> usize {
        round & self.mask
    }

    /// At the warm-up boundary every member has run and is blocked: count threads, read
    /// memory, start the timed rusage.
    #[inline(always)]
    pub fn begin_round(&mut self, round: usize) {
        if round == self.p.warmups {
            self.threads = thread_count();
            self.memory = self.memory.map(Memory::finish);
            self.before = usage_now();
        }
    }

    /// Checks the value that came back (exit 3 when wrong) and records the round's time.
    #[inline(always)]
    pub fn end_round(&mut self, round: usize, got: Option<usize>, start: u64, end: u64) {
        let expected = round.wrapping_add(self.p.tasks) & self.mask;
        if got != Some(expected) {
            let got = got.map(|v| v.to_string()).unwrap_or_else(|| "nothing".into());
            self_check_failed(&format!(
                "round {}: read {} from link {}, expected {}",
                round, got, self.p.tasks, expected
            ));
        }
        if round >= self.p.warmups {
            self.samples[round - self.p.warmups] = end - start;
        }
        if round + 1 == self.p.rounds() {
            self.timed = usage_now().minus(self.before);
        }
    }

    /// With --in-flight K: checks the K bytes read back from link N (exit 3 when one is wrong
    /// or the round trip failed) and records the round's time.
    #[inline(always)]
    pub fn end_bytes_round(&mut self, round: usize, ok: bool, back: &[u8], start: u64, end: u64) {
        if !ok {
            self_check_failed(&format!("round {}: the round trip through the links failed", round));
        }
        let (n, k) = (self.p.tasks, self.p.in_flight);
        for (m, &got) in back.iter().enumerate() {
            let expected = in_flight::expected(m, round, n, k);
            if got != expected {
                self_check_failed(&format!("round {}: byte {} read {} from link {}, expected {}", round, m, got, n, expected));
            }
        }
        if round >= self.p.warmups {
            self.samples[round - self.p.warmups] = end - start;
        }
        if round + 1 == self.p.rounds() {
            self.timed = usage_now().minus(self.before);
        }
    }

    /// Rounds (K = 1) or bytes (--in-flight K) member i forwards over the whole run.
    pub fn total(&self, i: usize) -> usize {
        let k = self.p.in_flight;
        self.p.rounds() * if k <= 1 { 1 } else { in_flight::tokens_through(i, self.p.tasks, k) }
    }

    /// After every member ended: exit 3 unless each forwarded every round (every byte that
    /// passed it, with --in-flight K).
    pub fn finish(self, forwarded: &[(usize, u8)], what: &str) -> Measured {
        let rounds = self.p.rounds();
        let (n, k) = (self.p.tasks, self.p.in_flight);
        for (i, &(count, failure)) in forwarded.iter().enumerate() {
            if count != self.total(i) {
                let why = match failure {
                    1 => " (receive failed)",
                    2 => " (send failed)",
                    _ => "",
                };
                let unit = if k > 1 { "bytes" } else { "rounds" };
                self_check_failed(&format!("member {} forwarded {} of {} {}{}", i, count, self.total(i), unit, why));
            }
        }
        let check = if k > 1 {
            format!(
                "all {} tokens arrived in order with the right values in all {} rounds ({} hops each); every one of {} {} forwarded every token that passed it",
                k, rounds, in_flight::hops_per_round(n, k), n, what
            )
        } else {
            format!("value + {} arrived in all {} rounds; each of {} {} forwarded {}", n, rounds, n, what, rounds)
        };
        Measured {
            samples: self.samples,
            latency: None,
            check,
            timed: self.timed,
            threads: self.threads,
            memory: self.memory,
        }
    }
}
