// c-one-thread-brigade: the same N+1 links, one thread does every write and recv in order.
// Data is always ready, so nothing blocks: the cost of the I/O alone (recv + write per hop).
// Self-check: the value read from link N is the value sent plus N.
// Measured (2-core VM, N = 500, 7 interleaved runs): 1.3 us/hop; one-thread-brigade 0.98-1.02x.
#define _GNU_SOURCE
#include "common.h"
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void run_one_thread_brigade(const struct params *p, struct measured *out) {
    const int n = p->tasks, rounds = p->warmups + p->iterations;
    const int fault_round = p->fault ? p->warmups : -1;
    if (p->memory) memory_begin(&out->mem);
    int *w = xcalloc(n + 1, sizeof *w), *r = xcalloc(n + 1, sizeof *r);
    make_links(n + 1, w, r);
    struct usage before = usage_now();
    for (int round = 0; round < rounds; round++) {
        if (round == p->warmups) {
            if (p->memory) { memory_finish(&out->mem); out->has_memory = 1; }
            before = usage_now();
        }
        uint8_t sent = (uint8_t)round, b;
        uint64_t start = now_ns();
        if (write(w[0], &sent, 1) != 1) SELF_CHECK_FAILED("round %d: write into link 0 failed", round);
        for (int i = 0; i < n; i++) {
            if (recv(r[i], &b, 1, 0) != 1) SELF_CHECK_FAILED("round %d: recv on link %d failed", round, i);
            b++;
            if (round == fault_round && i == n / 2) {
                if (p->fault == FAULT_HANG) for (;;) pause();
                b++;
            }
            if (write(w[i + 1], &b, 1) != 1) SELF_CHECK_FAILED("round %d: write into link %d failed", round, i + 1);
        }
        ssize_t k = recv(r[n], &b, 1, 0);
        uint64_t end = now_ns();
        uint8_t expected = (uint8_t)(sent + n);
        if (k != 1 || b != expected)
            SELF_CHECK_FAILED("round %d: read %d from link %d, expected %d", round, k == 1 ? b : -1, n, expected);
        if (round >= p->warmups) out->samples[round - p->warmups] = end - start;
    }
    out->timed = usage_minus(usage_now(), before);
    out->threads = thread_count();
    snprintf(out->check, sizeof out->check, "value + %d arrived in all %d rounds", n, rounds);
}
