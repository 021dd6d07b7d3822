// ctxbench-floor: the leanest C program of each design the Swift variants measure, speaking
// the child protocol of ctxbench-workload (see Sources/WorkloadMain/main.swift) and writing
// the same JSON (Sources/Results/WorkloadOutput.swift). One file per variant; this header and
// common.c hold the protocol, the probes and the JSON writer.
#ifndef CTXBENCH_FLOOR_COMMON_H
#define CTXBENCH_FLOOR_COMMON_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

enum fault { FAULT_NONE = 0, FAULT_CORRUPT = 1, FAULT_HANG = 2 };

// in_flight: K, the tokens each round carries (1..64; --in-flight, brigades that support it).
#define MAX_IN_FLIGHT 64
struct params {
    int tasks, iterations, warmups, pin, memory, in_flight;
    enum fault fault;
};

// getrusage figures (ResourceUsage).
struct usage {
    double user, sys;
    long nvcsw, nivcsw, maxrss_kib;
};

// MemoryReading; the kernel deltas are system-wide (/proc/meminfo).
struct memory {
    uint64_t baseline_rss, rss, pss;
    uint64_t kstack0, ptables0;
    int64_t kstack_delta, ptables_delta;
};

// What a variant measured (Measured).
struct measured {
    uint64_t *samples;   // iterations
    uint64_t *latency;   // iterations, creation only (else NULL)
    char check[256];
    struct usage timed;
    int threads;
    int has_memory;
    struct memory mem;
    // Reactor floors: epoll_wait / io_uring_enter calls over the timed rounds and the events
    // (ready fds, completions) they returned (reactorWaits / reactorEvents).
    int has_reactor;
    long long reactor_waits, reactor_events;
};

// Exit with `status` after "ctxbench-floor: MESSAGE" on stderr.
_Noreturn void die(int status, const char *fmt, ...);
#define SELF_CHECK_FAILED(...) die(3, "self-check failed: " __VA_ARGS__)
#define SETUP_FAILED(...) die(4, "setup failed: " __VA_ARGS__)

// CLOCK_MONOTONIC in nanoseconds.
static inline uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct usage usage_now(void);
struct usage usage_minus(struct usage a, struct usage b);
int thread_count(void);          // Threads of /proc/self/status
uint64_t peak_rss_bytes(void);   // VmHWM of /proc/self/status
void memory_begin(struct memory *m);   // Rss and meminfo before any member exists
void memory_finish(struct memory *m);  // Rss, Pss and meminfo deltas with every member blocked

// N+1 socketpair(AF_UNIX, SOCK_STREAM) links: link i is written at w[i], read at r[i].
// Exits 4 naming RLIMIT_NOFILE on EMFILE.
void make_links(int count, int *w, int *r);
void set_nonblocking(int fd);
// pthread_create with the given stack size; exits 4 naming the thread limit on EAGAIN.
void spawn(void *(*body)(void *), void *arg, size_t stack, const char *what, int i, int of, unsigned long *tid);

void *xcalloc(size_t n, size_t size);

// Brigades with K tokens in flight, the protocol of Results/InFlight.swift: token j
// (0 <= j < K) starts in link start_link(j) = j * N / K with value (round + j) & 0xFF; the
// driver writes them one byte each, token K-1 first, so none can overtake another; they reach
// link N in the order K-1, ..., 0, token j as (round + j + N - start_link(j)) & 0xFF.
static inline int start_link(int j, int n, int k) { return (int)((long long)j * n / k); }
// Tokens member i forwards per round (those that start at or before link i).
static inline int tokens_through(int i, int n, int k) {
    int c = 0;
    for (int j = 0; j < k; j++) c += start_link(j, n, k) <= i;
    return c;
}
// The driver's injection of `round`: token j written alone into w[start_link(j)], K-1 first.
void inject_round(const int *w, int round, int k, int n);
// Checks the K bytes read back from link N (the order and values above).
void check_round(const uint8_t *buf, int round, int k, int n);
// The driver of a readiness floor, link N (`fd`, non-blocking) reported readable: reads into
// got[*have..K) until the round's K bytes are in, then checks them and stores the round's
// sample (begun at `start`) and returns 1; returns 0 on EAGAIN (wait for the next report).
static inline int collect_round(const struct params *p, struct measured *out, int fd, uint8_t *got, int *have,
                                int round, uint64_t start) {
    const int k = p->in_flight, n = p->tasks;
    for (;;) {
        ssize_t c = recv(fd, got + *have, (size_t)(k - *have), 0);
        if (c < 0 && errno == EAGAIN) return 0;
        if (c < 0 && errno == EINTR) continue;
        if (c <= 0) SELF_CHECK_FAILED("round %d: recv from link %d failed", round, n);
        if ((*have += (int)c) < k) continue;
        uint64_t end = now_ns();
        check_round(got, round, k, n);
        if (round >= p->warmups) out->samples[round - p->warmups] = end - start;
        return 1;
    }
}

// Bytes member i forwards over the whole run.
static inline long long member_bytes(const struct params *p, int i) {
    return (long long)(p->warmups + p->iterations) * tokens_through(i, p->tasks, p->in_flight);
}
// Fault of the member at N/2: the index, among all the bytes it forwards, of the first byte of
// the first timed round, or -1 without a fault.
static inline long long fault_byte(const struct params *p) {
    return p->fault ? (long long)p->warmups * tokens_through(p->tasks / 2, p->tasks, p->in_flight) : -1;
}

// A reactor floor at the warm-up boundary: threads and memory probed, the timed rusage's
// start taken, the reactor's waits and events so far recorded (subtracted at the end).
struct usage warmup_boundary(const struct params *p, struct measured *out, long long waits, long long events);

// A brigade's self-check, after the run: member i forwarded exactly member_bytes(p, i) bytes
// and reported no failure; exits 3 naming the member otherwise.
void check_forwarded(const struct params *p, int i, long long forwarded, int failed);
// out->check of a brigade whose self-check passed; `who` names a member ("member",
// "thread"), `extra` is appended to the text ("" or e.g. " (on 2 workers)").
void brigade_check_text(const struct params *p, struct measured *out, const char *who, const char *extra);

typedef void (*variant_fn)(const struct params *, struct measured *);
void run_thread_brigade(const struct params *, struct measured *);
void run_one_thread_brigade(const struct params *, struct measured *);
void run_epoll_brigade(const struct params *, struct measured *);
void run_epoll_brigade_mt(const struct params *, struct measured *);
void run_uring_brigade(const struct params *, struct measured *);
void run_thread_creation(const struct params *, struct measured *);

#endif
