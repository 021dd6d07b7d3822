// c-thread-creation: per iteration, spawn K pthreads (2 MiB stacks, one attr for the whole
// run) whose body only writes the clock into its slot; the sample is the time of the spawn
// loop, joins are not timed. Latency: mean over every 16th thread of (body's clock - clock just
// before its pthread_create). Self-check: every join succeeded and every body ran after the
// round started (and after its own spawn began); --fault skips one spawn in the first timed
// round, which the check must catch (as thread-creation, for either fault).
// Measured (2-core VM, K = 1000, 7 interleaved runs): 26 us per spawn; thread-creation
// 0.88x unpinned / 1.01x pinned (per-run ratios 0.68-1.21: the VM, not the language).
#define _GNU_SOURCE
#include "common.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *body(void *slot) {
    *(uint64_t *)slot = now_ns();
    return NULL;
}

void run_thread_creation(const struct params *p, struct measured *out) {
    const int k = p->tasks, rounds = p->warmups + p->iterations;
    const int skip = p->fault ? k / 2 : -1;
    uint64_t *body_clock = xcalloc(k, sizeof *body_clock), *spawn_clock = xcalloc(k, sizeof *spawn_clock);
    pthread_t *tids = xcalloc(k, sizeof *tids);
    char *spawned = xcalloc(k, 1);
    out->latency = xcalloc(p->iterations, sizeof *out->latency);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (pthread_attr_setstacksize(&attr, 2 << 20) != 0) SETUP_FAILED("pthread_attr_setstacksize");
    struct usage before = usage_now();
    for (int round = 0; round < rounds; round++) {
        if (round == p->warmups) before = usage_now();
        memset(body_clock, 0, k * sizeof *body_clock);
        const int skip_now = round == p->warmups ? skip : -1;
        uint64_t start = now_ns();
        for (int i = 0; i < k; i++) {
            if ((i & 15) == 0) spawn_clock[i] = now_ns();
            if (i == skip_now) { spawned[i] = 0; continue; }
            int rc = pthread_create(&tids[i], &attr, body, &body_clock[i]);
            if (rc != 0) {
                for (int j = 0; j < i; j++) if (spawned[j]) pthread_join(tids[j], NULL);
                SETUP_FAILED("pthread_create of thread %d of %d: %s%s", i, k, strerror(rc),
                             rc == EAGAIN ? " (a limit on threads or pids binds; see `ctxbench limits`)" : "");
            }
            spawned[i] = 1;
        }
        uint64_t end = now_ns();
        for (int i = 0; i < k; i++) {
            if (!spawned[i]) continue;
            int rc = pthread_join(tids[i], NULL);
            if (rc != 0) SELF_CHECK_FAILED("round %d: pthread_join of thread %d: %s", round, i, strerror(rc));
        }
        uint64_t sum = 0, n = 0;
        for (int i = 0; i < k; i++) {
            if (body_clock[i] < start || ((i & 15) == 0 && body_clock[i] < spawn_clock[i]))
                SELF_CHECK_FAILED("round %d: thread %d did not run after its spawn", round, i);
            if ((i & 15) == 0) { sum += body_clock[i] - spawn_clock[i]; n++; }
        }
        if (round >= p->warmups) {
            out->samples[round - p->warmups] = end - start;
            out->latency[round - p->warmups] = n ? sum / n : 0;
        }
    }
    out->timed = usage_minus(usage_now(), before);
    out->threads = thread_count();
    pthread_attr_destroy(&attr);
    snprintf(out->check, sizeof out->check, "all %d threads ran in each of %d rounds", k, rounds);
}
