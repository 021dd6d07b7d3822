// c-epoll-brigade-mt: the epoll brigade on one worker per allowed CPU (sched_getaffinity
// after pinning; the main thread is worker 0), all sharing one epoll fd: the floor of a
// multi-threaded async runtime. Whichever worker's epoll_wait reports a member runs it: recv
// until EAGAIN, write value + 1 into the next link per byte. The driver is token N, as in
// c-epoll-brigade.
//
// One member must never run on two workers at once (with edge triggering the next byte can
// arrive, and be reported to another worker, while the first worker is still in its trailing
// recv). Choice: a per-member atomic count of readiness reports. A worker that takes it from 0
// runs the member, re-reading until its count of handled reports is the count; a worker that
// finds it non-zero only adds its report and leaves. Cost: three uncontended atomic operations
// per hop and no system call. (EPOLLONESHOT would cost an epoll_ctl re-arm per hop;
// EPOLLEXCLUSIVE does not prevent it, it only limits wake-ups.) So per hop, as c-epoll-brigade:
// epoll_wait, recv, write, recv (EAGAIN); plus a cross-CPU wake-up when the next member is
// reported to a worker that is asleep in epoll_wait. The end is an eventfd registered
// level-triggered, which every worker's epoll_wait then reports.
// strace -f -c, 100 members x 1,000 rounds, 2 workers: 201,999 recvfrom (100,999 EAGAIN),
// 101,004 write, 101,002 epoll_wait, no futex: 4 syscalls per hop, as c-epoll-brigade. The
// worker that wrote the next link usually reaches epoll_wait before the worker it woke, so it
// takes the next member itself (0.03-0.25 voluntary switches per hop) and the woken one goes
// back to sleep inside epoll_wait: 2.1-2.4 us/hop at N = 500, the single-thread floor.
// async-brigade (Swift tasks on the global pool, NIO reactor) is ~4.1x this.
//
// --in-flight K: as c-epoll-brigade (K bytes per round in one write, members forward what
// they recv + 1 in one write, forwarded counts bytes). reactorWaits / reactorEvents: every
// worker's epoll_wait calls and the events they returned over the timed rounds (relaxed
// atomic adds; the end's wake-ups come after the last snapshot).
#define _GNU_SOURCE
#include "common.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

struct slot {
    _Alignas(64) atomic_uint reports;  // readiness reports not yet handled; 0 = nobody runs it
    int rfd, wfd;
    long long forwarded;  // bytes
};

static const struct params *P;
static struct measured *OUT;
static struct slot *slots;
static int *W;  // write end of each link (the driver's injection points)
static int N, K, rounds, round_, fault_member, epfd, donefd, have;
static long long fault_at;
static uint64_t start;
static struct usage before;
static _Alignas(64) atomic_llong waits, events;  // all workers' epoll_wait calls and events, whole run
static uint8_t got[MAX_IN_FLIGHT];

static void start_round(void) {
    if (round_ == P->warmups) {
        before = warmup_boundary(P, OUT, atomic_load_explicit(&waits, memory_order_relaxed),
                                 atomic_load_explicit(&events, memory_order_relaxed));
    }
    have = 0;
    start = now_ns();
    inject_round(W, round_, K, N);
}

static void driver_ready(void) {
    while (collect_round(P, OUT, slots[N].rfd, got, &have, round_, start)) {
        if (++round_ == rounds) {
            OUT->timed = usage_minus(usage_now(), before);
            OUT->reactor_waits = atomic_load_explicit(&waits, memory_order_relaxed) - OUT->reactor_waits;
            OUT->reactor_events = atomic_load_explicit(&events, memory_order_relaxed) - OUT->reactor_events;
            OUT->has_reactor = 1;
            uint64_t one = 1;
            if (write(donefd, &one, 8) != 8) SETUP_FAILED("eventfd write: %s", strerror(errno));
            return;
        }
        start_round();
    }
}

static void member_ready(int i) {
    struct slot *s = &slots[i];
    uint8_t b[MAX_IN_FLIGHT];
    for (;;) {
        ssize_t k = recv(s->rfd, b, (size_t)K, 0);
        if (k < 0 && errno == EAGAIN) return;
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) SELF_CHECK_FAILED("member %d: recv failed after %lld bytes", i, s->forwarded);
        for (ssize_t j = 0; j < k; j++) b[j]++;
        if (i == fault_member && fault_at >= s->forwarded && fault_at < s->forwarded + k) {
            if (P->fault == FAULT_HANG) continue;  // swallow the bytes: the chain stops
            b[fault_at - s->forwarded]++;
        }
        if (write(slots[i + 1].wfd, b, (size_t)k) != k)
            SELF_CHECK_FAILED("member %d: write failed after %lld bytes", i, s->forwarded);
        s->forwarded += k;
    }
}

static void *worker(void *unused) {
    (void)unused;
    struct epoll_event evs[16];
    for (;;) {
        int k = epoll_wait(epfd, evs, 16, -1);
        atomic_fetch_add_explicit(&waits, 1, memory_order_relaxed);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) SETUP_FAILED("epoll_wait: %s", strerror(errno));
        atomic_fetch_add_explicit(&events, k, memory_order_relaxed);
        for (int e = 0; e < k; e++) {
            uint32_t t = evs[e].data.u32;
            if (t > (uint32_t)N) return NULL;  // the end (eventfd, level-triggered: every worker sees it)
            struct slot *s = &slots[t];
            if (atomic_fetch_add(&s->reports, 1) != 0) continue;  // its runner will handle this report too
            unsigned seen;
            do {
                seen = atomic_load(&s->reports);
                if (t == (uint32_t)N) driver_ready();
                else member_ready((int)t);
            } while (atomic_fetch_sub(&s->reports, seen) != seen);
        }
    }
}

void run_epoll_brigade_mt(const struct params *p, struct measured *out) {
    P = p; OUT = out; N = p->tasks; K = p->in_flight; rounds = p->warmups + p->iterations;
    fault_member = p->fault ? N / 2 : -1;
    fault_at = fault_byte(p);
    cpu_set_t set;
    CPU_ZERO(&set);
    int workers = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
    if (workers < 1) workers = 1;
    if (p->memory) memory_begin(&out->mem);
    int *w = xcalloc(N + 1, sizeof *w), *r = xcalloc(N + 1, sizeof *r);
    make_links(N + 1, w, r);
    W = w;
    slots = xcalloc(N + 1, sizeof *slots);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    donefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epfd < 0 || donefd < 0) SETUP_FAILED("epoll_create1/eventfd: %s", strerror(errno));
    for (int i = 0; i <= N; i++) {
        slots[i].rfd = r[i];
        slots[i].wfd = w[i];
        set_nonblocking(r[i]);
        struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u32 = (uint32_t)i};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, r[i], &ev) != 0) SETUP_FAILED("epoll_ctl(fd %d): %s", r[i], strerror(errno));
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)N + 1};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, donefd, &ev) != 0) SETUP_FAILED("epoll_ctl(eventfd): %s", strerror(errno));
    unsigned long *tids = xcalloc(workers, sizeof *tids);
    for (int i = 1; i < workers; i++) spawn(worker, NULL, 1 << 20, "worker", i, workers, &tids[i]);
    round_ = 0;
    start_round();
    worker(NULL);
    for (int i = 1; i < workers; i++) pthread_join((pthread_t)tids[i], NULL);
    for (int i = 0; i < N; i++) check_forwarded(P, i, slots[i].forwarded, 0);
    char extra[32];
    snprintf(extra, sizeof extra, " (on %d workers)", workers);
    brigade_check_text(P, out, "member", extra);
}
