// c-epoll-brigade: the study's async brigade with no runtime: one thread, one epoll fd, the
// N+1 read ends non-blocking and registered once edge-triggered (EPOLLIN|EPOLLET, one
// epoll_ctl each for the whole run). A member is a tiny state machine: on readiness it recvs
// until EAGAIN and writes value + 1 into its next link for each byte. The driver is token N
// in the same loop: it writes link 0 and, when link N reports a byte, checks it and starts the
// next round. Per hop, as the Swift/Tokio async brigade: epoll_wait, recv (the byte), write,
// recv (EAGAIN). Self-check: value + N every round, every member forwarded every round.
// strace -f -c, 100 members x 1,000 rounds (101,000 hops with the driver's): 201,999 recvfrom
// (100,999 EAGAIN), 101,003 write, 101,000 epoll_wait -- the same counts as async-brigade-epoll.
// Measured (2-core VM, N = 500, 7 interleaved runs): 2.1 us/hop; async-brigade-epoll 1.19-1.20x.
//
// --in-flight K: the driver writes K bytes per round in one write; a member's recv takes up
// to K bytes (whatever is there; a link never holds more than K), and it forwards them all + 1
// in one write; the driver recvs link N until K bytes came back. Forwarded counts bytes.
// reactorWaits / reactorEvents: epoll_wait calls and the events they returned, timed rounds.
// The K tokens leave in one write and every member forwards what it read in one write, so
// they travel as one message: a round costs what a K = 1 round costs (N = 500: 1.10 ms at
// K = 1, 4, 16 and 64), one event per wait, and the time per token-hop falls as 1/K.
#define _GNU_SOURCE
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const struct params *P;
static struct measured *OUT;
static int *W, *R, N, K, rounds, round_, fault_member, have;
static long long *forwarded, fault_at;
static uint64_t start;
static struct usage before;
static long long waits, events;  // epoll_wait calls and events returned, whole run
static uint8_t got[MAX_IN_FLIGHT];

// Starts round `round_` (probes at the warm-up boundary): clock, then the K bytes into link 0.
static void start_round(void) {
    if (round_ == P->warmups) {
        before = warmup_boundary(P, OUT, waits, events);
    }
    have = 0;
    start = now_ns();
    inject_round(W, round_, K, N);
}

// Link N is readable: the driver collects the K bytes, checks them and starts the next round.
static void driver_ready(void) {
    while (collect_round(P, OUT, R[N], got, &have, round_, start)) {
        if (++round_ == rounds) {
            OUT->reactor_waits = waits - OUT->reactor_waits;
            OUT->reactor_events = events - OUT->reactor_events;
            return;
        }
        start_round();
    }
}

// Member i's link is readable: recv until EAGAIN, forward what came + 1 in one write.
static void member_ready(int i) {
    uint8_t b[MAX_IN_FLIGHT];
    for (;;) {
        ssize_t k = recv(R[i], b, (size_t)K, 0);
        if (k < 0 && errno == EAGAIN) return;
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) SELF_CHECK_FAILED("member %d: recv failed after %lld bytes", i, forwarded[i]);
        for (ssize_t j = 0; j < k; j++) b[j]++;
        if (i == fault_member && fault_at >= forwarded[i] && fault_at < forwarded[i] + k) {
            if (P->fault == FAULT_HANG) continue;  // swallow the bytes: the chain stops
            b[fault_at - forwarded[i]]++;
        }
        if (write(W[i + 1], b, (size_t)k) != k) SELF_CHECK_FAILED("member %d: write failed after %lld bytes", i, forwarded[i]);
        forwarded[i] += k;
    }
}

void run_epoll_brigade(const struct params *p, struct measured *out) {
    P = p; OUT = out; N = p->tasks; K = p->in_flight; rounds = p->warmups + p->iterations;
    fault_member = p->fault ? N / 2 : -1;
    fault_at = fault_byte(p);
    if (p->memory) memory_begin(&out->mem);
    W = xcalloc(N + 1, sizeof *W); R = xcalloc(N + 1, sizeof *R);
    forwarded = xcalloc(N, sizeof *forwarded);
    make_links(N + 1, W, R);
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) SETUP_FAILED("epoll_create1: %s", strerror(errno));
    for (int i = 0; i <= N; i++) {
        set_nonblocking(R[i]);
        struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u32 = (uint32_t)i};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, R[i], &ev) != 0) SETUP_FAILED("epoll_ctl(fd %d): %s", R[i], strerror(errno));
    }
    struct epoll_event evs[64];
    round_ = 0;
    start_round();
    while (round_ < rounds) {
        int k = epoll_wait(epfd, evs, 64, -1);
        waits++;
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) SETUP_FAILED("epoll_wait: %s", strerror(errno));
        events += k;
        for (int e = 0; e < k; e++) {
            uint32_t t = evs[e].data.u32;
            if (t == (uint32_t)N) driver_ready();
            else member_ready((int)t);
        }
    }
    out->timed = usage_minus(usage_now(), before);
    out->has_reactor = 1;
    for (int i = 0; i < N; i++) check_forwarded(P, i, forwarded[i], 0);
    brigade_check_text(P, out, "member", "");
}
