// c-uring-brigade: the C floor of async-brigade-uring: one thread, one io_uring, the N+1
// socketpair links left blocking (the ring waits, not the thread). Each member's read is a
// recv SQE with user_data = the member; the driver is token N, whose recv of link N is always
// in flight. The loop submits every queued SQE and waits for at least one completion in one
// io_uring_enter (io_uring_submit_and_wait(1)), then reaps every CQE: a member forwards
// value + 1 with write(2) and queues its next recv (submitted by the next enter); the driver
// checks the round and starts the next one. Per hop: one io_uring_enter, one write.
//
// Setup as UringReactor: SINGLE_ISSUER|DEFER_TASKRUN, then SINGLE_ISSUER|COOP_TASKRUN, then
// COOP_TASKRUN, then no flag, moving on only on EINVAL; 256 SQEs (a full SQ is submitted with
// io_uring_submit, only while the first N+1 recvs are queued), a CQ of at least N + 2 (one
// recv per token is in flight, so it never overflows). CTXBENCH_FORCE_NO_URING=1,
// kernel.io_uring_disabled = 2, a failing setup or a kernel without IORING_OP_RECV: exit 4,
// "setup failed: io_uring unavailable (reason)".
//
// --in-flight K: as c-epoll-brigade; a recv SQE takes up to K bytes (a link never holds more).
// reactorWaits / reactorEvents: io_uring_enter calls and CQEs reaped over the timed rounds.
//
// strace -f -c, 100 members x 1,000 rounds (101,000 hops): 101,000 io_uring_enter, 101,003
// write, nothing else per hop (the same with --in-flight 4) -- async-brigade-uring's counts;
// in process 1.00 completions per enter; setup SINGLE_ISSUER|DEFER_TASKRUN, threads: 1.
// Measured (2-core VM shared with builds, N = 500, 6 alternated runs each): 2.57 us/hop
// (2.41-2.74) against c-epoll-brigade 2.17 (2.16-2.49): 1.18x epoll, as the Swift pair (1.13x).
#define _GNU_SOURCE
#include "common.h"
#include <errno.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct params *P;
static struct measured *OUT;
static struct io_uring ring;
static int *W, *R, N, K, rounds, round_, fault_member, have;
static long long *forwarded, fault_at;
static uint8_t (*bufs)[MAX_IN_FLIGHT];  // one receive buffer per token
static uint64_t start;
static struct usage before;
static long long waits, events;  // io_uring_enter calls and CQEs reaped, whole run
static const char *setup_flags;

// The value of /proc/sys/kernel/io_uring_disabled ("" if absent, before kernel 6.6).
static void disabled_sysctl(char *v, size_t size) {
    v[0] = 0;
    FILE *f = fopen("/proc/sys/kernel/io_uring_disabled", "r");
    if (!f) return;
    if (fgets(v, (int)size, f)) v[strcspn(v, " \n")] = 0;
    fclose(f);
}

static void setup_ring(unsigned cq) {
    const char *force = getenv("CTXBENCH_FORCE_NO_URING");
    if (force && !strcmp(force, "1")) SETUP_FAILED("io_uring unavailable (CTXBENCH_FORCE_NO_URING=1)");
    char disabled[16];
    disabled_sysctl(disabled, sizeof disabled);
    if (!strcmp(disabled, "2")) SETUP_FAILED("io_uring unavailable (kernel.io_uring_disabled = 2)");
    static const struct { unsigned flags; const char *name; } attempts[] = {
        {IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN, "SINGLE_ISSUER|DEFER_TASKRUN"},
        {IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN, "SINGLE_ISSUER|COOP_TASKRUN"},
        {IORING_SETUP_COOP_TASKRUN, "COOP_TASKRUN"},
        {0, "none"},
    };
    int e = -EINVAL;
    for (size_t a = 0; a < sizeof attempts / sizeof attempts[0]; a++) {
        struct io_uring_params p = {0};
        p.flags = attempts[a].flags | IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP;
        p.cq_entries = cq;
        e = io_uring_queue_init_params(256, &ring, &p);
        if (e == 0) { setup_flags = attempts[a].name; break; }
        if (e != -EINVAL) break;
    }
    if (e != 0) {
        disabled_sysctl(disabled, sizeof disabled);
        SETUP_FAILED("io_uring unavailable (io_uring_queue_init: %s%s%s)", strerror(-e),
                     disabled[0] && strcmp(disabled, "0") ? ", kernel.io_uring_disabled = " : "",
                     disabled[0] && strcmp(disabled, "0") ? disabled : "");
    }
    struct io_uring_probe *probe = io_uring_get_probe_ring(&ring);
    if (!probe) SETUP_FAILED("io_uring unavailable (io_uring probe failed)");
    int ok = io_uring_opcode_supported(probe, IORING_OP_RECV);
    io_uring_free_probe(probe);
    if (!ok) SETUP_FAILED("io_uring unavailable (the kernel lacks IORING_OP_RECV)");
}

// Queues a recv of up to `len` bytes of link `t` into its buffer at `offset`, user_data = t.
// A full SQ is submitted first (one more io_uring_enter, counted as a wait).
static void queue_recv(int t, int offset, int len) {
    struct io_uring_sqe *sqe;
    while (!(sqe = io_uring_get_sqe(&ring))) {
        waits++;
        int r = io_uring_submit(&ring);
        if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) SETUP_FAILED("io_uring_submit: %s", strerror(-r));
    }
    io_uring_prep_recv(sqe, R[t], bufs[t] + offset, (size_t)len, 0);
    io_uring_sqe_set_data64(sqe, (uint64_t)t);
}

static void start_round(void) {
    if (round_ == P->warmups) {
        before = warmup_boundary(P, OUT, waits, events);
    }
    start = now_ns();
    inject_round(W, round_, K, N);
}

// The driver's recv of link N completed with `res` bytes.
static void driver_done(int res) {
    if (res == -EAGAIN || res == -EINTR) { queue_recv(N, have, K - have); return; }
    if (res <= 0) SELF_CHECK_FAILED("round %d: recv from link %d failed (%d)", round_, N, res);
    if ((have += res) < K) { queue_recv(N, have, K - have); return; }
    uint64_t end = now_ns();
    check_round(bufs[N], round_, K, N);
    if (round_ >= P->warmups) OUT->samples[round_ - P->warmups] = end - start;
    have = 0;
    if (++round_ == rounds) {
        OUT->reactor_waits = waits - OUT->reactor_waits;
        OUT->reactor_events = events - OUT->reactor_events;
        return;
    }
    start_round();
    queue_recv(N, 0, K);
}

// Member i's recv completed with `res` bytes: forward them + 1 in one write, recv again.
static void member_done(int i, int res) {
    if (res == -EAGAIN || res == -EINTR) { queue_recv(i, 0, K); return; }
    if (res <= 0) SELF_CHECK_FAILED("member %d: recv failed after %lld bytes (%d)", i, forwarded[i], res);
    uint8_t *b = bufs[i];
    for (int j = 0; j < res; j++) b[j]++;
    if (i == fault_member && fault_at >= forwarded[i] && fault_at < forwarded[i] + res) {
        if (P->fault == FAULT_HANG) return;  // no write, no next recv: the chain stops
        b[fault_at - forwarded[i]]++;
    }
    if (write(W[i + 1], b, (size_t)res) != res) SELF_CHECK_FAILED("member %d: write failed after %lld bytes", i, forwarded[i]);
    forwarded[i] += res;
    queue_recv(i, 0, K);
}

void run_uring_brigade(const struct params *p, struct measured *out) {
    P = p; OUT = out; N = p->tasks; K = p->in_flight; rounds = p->warmups + p->iterations;
    fault_member = p->fault ? N / 2 : -1;
    fault_at = fault_byte(p);
    if (p->memory) memory_begin(&out->mem);
    unsigned cq = 1;
    while (cq < (unsigned)N + 2 && cq < 65536) cq <<= 1;
    setup_ring(cq < 512 ? 512 : cq);
    W = xcalloc(N + 1, sizeof *W); R = xcalloc(N + 1, sizeof *R);
    forwarded = xcalloc(N, sizeof *forwarded);
    bufs = xcalloc(N + 1, sizeof *bufs);
    make_links(N + 1, W, R);
    for (int t = 0; t <= N; t++) queue_recv(t, 0, K);
    round_ = 0;
    have = 0;
    start_round();
    while (round_ < rounds) {
        waits++;
        int r = io_uring_submit_and_wait(&ring, 1);
        if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY && r != -ETIME)
            SETUP_FAILED("io_uring_submit_and_wait: %s", strerror(-r));
        unsigned ready = io_uring_cq_ready(&ring), reaped = 0, head;
        events += ready;
        struct io_uring_cqe *cqe;
        io_uring_for_each_cqe(&ring, head, cqe) {
            if (reaped == ready) break;
            uint64_t t = io_uring_cqe_get_data64(cqe);
            int res = cqe->res;
            reaped++;
            if (t == (uint64_t)N) driver_done(res);
            else member_done((int)t, res);
        }
        io_uring_cq_advance(&ring, reaped);
    }
    out->timed = usage_minus(usage_now(), before);
    out->has_reactor = 1;
    for (int i = 0; i < N; i++) check_forwarded(P, i, forwarded[i], 0);
    char extra[96];
    snprintf(extra, sizeof extra, "; setup %s", setup_flags);
    brigade_check_text(P, out, "member", extra);
}
