// c-thread-brigade: N pthreads (1 MiB stacks) in a chain of socketpair links. Main writes a
// byte into link 0 and reads it back from link N; member i does one blocking recv on link i
// and one write of value + 1 on link i+1 per round. Per hop: recv, write, and a switch to the
// next thread. Self-check: value + N arrives every round, every member forwarded every round.
// --in-flight K: the driver writes K bytes per round; a member recvs up to K (whatever is
// there) and forwards them + 1 in one write; the driver recvs link N until K came back.
// Measured (2-core VM, N = 500, 7 interleaved runs): 5.0 us/hop pinned, 6.1 unpinned;
// thread-brigade 0.97x / 1.04x (the Swift threads add nothing measurable to a switch).
#define _GNU_SOURCE
#include "common.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct member {
    int rfd, wfd, k;
    long long bytes, fault_byte;  // bytes to forward in all (K x rounds); -1 = no fault
    enum fault fault;
    long long forwarded;
    int failed;
};

// One blocking recv of up to K bytes (never more than K are in a link: the driver starts a
// round only when the last one came back), +1 on each, one write of them all.
static void *member_body(void *arg) {
    struct member *m = arg;
    const int rfd = m->rfd, wfd = m->wfd, k = m->k;
    const long long bytes = m->bytes, fault_at = m->fault_byte;
    long long forwarded = 0;
    uint8_t buf[MAX_IN_FLIGHT];
    while (forwarded < bytes) {
        ssize_t got = recv(rfd, buf, (size_t)k, 0);
        if (got <= 0) { m->failed = 1; break; }
        for (ssize_t j = 0; j < got; j++) buf[j]++;
        if (fault_at >= forwarded && fault_at < forwarded + got) {
            if (m->fault == FAULT_HANG) break;
            buf[fault_at - forwarded]++;
        }
        if (write(wfd, buf, (size_t)got) != got) { m->failed = 1; break; }
        forwarded += got;
    }
    m->forwarded = forwarded;
    return NULL;
}

void run_thread_brigade(const struct params *p, struct measured *out) {
    const int n = p->tasks, rounds = p->warmups + p->iterations, k = p->in_flight;
    if (p->memory) memory_begin(&out->mem);
    int *w = xcalloc(n + 1, sizeof *w), *r = xcalloc(n + 1, sizeof *r);
    make_links(n + 1, w, r);
    struct member *members = xcalloc(n, sizeof *members);
    unsigned long *tids = xcalloc(n, sizeof *tids);
    for (int i = 0; i < n; i++) {
        members[i] = (struct member){r[i], w[i + 1], k, member_bytes(p, i), i == n / 2 ? fault_byte(p) : -1,
                                     p->fault, 0, 0};
        spawn(member_body, &members[i], 1 << 20, "member", i, n, &tids[i]);
    }
    struct usage before = usage_now();
    const int last = r[n];
    for (int round = 0; round < rounds; round++) {
        if (round == p->warmups) {
            // Every member has run and is blocked in recv: read memory, then start timing.
            out->threads = thread_count();
            if (p->memory) { memory_finish(&out->mem); out->has_memory = 1; }
            before = usage_now();
        }
        uint8_t got[MAX_IN_FLIGHT];
        uint64_t start = now_ns();
        inject_round(w, round, k, n);
        for (int have = 0; have < k;) {
            ssize_t c = recv(last, got + have, (size_t)(k - have), 0);
            if (c <= 0) SELF_CHECK_FAILED("round %d: recv from link %d failed", round, n);
            have += (int)c;
        }
        uint64_t end = now_ns();
        check_round(got, round, k, n);
        if (round >= p->warmups) out->samples[round - p->warmups] = end - start;
    }
    out->timed = usage_minus(usage_now(), before);
    for (int i = 0; i < n; i++) pthread_join((pthread_t)tids[i], NULL);
    for (int i = 0; i < n; i++) check_forwarded(p, i, members[i].forwarded, members[i].failed);
    brigade_check_text(p, out, "thread", "");
}
