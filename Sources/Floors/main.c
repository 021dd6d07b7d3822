// ctxbench-floor: runs one C floor variant once and writes a WorkloadOutput (JSON) to --output.
//
//   ctxbench-floor VARIANT --tasks N --iterations I --warmups W [--pin] [--memory]
//                  [--fault corrupt-value|hang] [--in-flight K] --output FILE
//
// --in-flight K (1..64, default 1; the brigades marked below): each round the driver writes K
// bytes into link 0 in one write, token j = (round + j) & 0xFF, and reads link N until K bytes
// came back, byte j = (round + j + N) & 0xFF. A member reads whatever is there, adds 1 to
// each byte and forwards them in one write; it counts bytes (K x rounds each at the end). The
// sample is the whole round. With K = 1 every floor makes the same system calls as before.
//
// Exit status: 0 measured; 2 usage; 3 self-check failed; 4 setup failed (limits, syscalls).
#define _GNU_SOURCE
#include "common.h"
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; variant_fn run; int in_flight; } variants[] = {
    {"c-thread-brigade", run_thread_brigade, 1},
    {"c-one-thread-brigade", run_one_thread_brigade, 0},
    {"c-epoll-brigade", run_epoll_brigade, 1},
    {"c-epoll-brigade-mt", run_epoll_brigade_mt, 1},
    {"c-uring-brigade", run_uring_brigade, 1},
    {"c-thread-creation", run_thread_creation, 0},
};
#define NVARIANTS (int)(sizeof variants / sizeof variants[0])

static int allowed_cpus(int *out, int max) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    int n = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && n < max; cpu++)
        if (CPU_ISSET(cpu, &set)) out[n++] = cpu;
    return n;
}

static int nonnegative(const char *flag, const char *v) {
    char *end;
    errno = 0;
    long n = v ? strtol(v, &end, 10) : -1;
    if (!v || *v == 0 || *end != 0 || errno || n < 0 || n > 0x7fffffff)
        die(2, "%s needs a non-negative integer, got '%s'", flag, v ? v : "");
    return (int)n;
}

static void write_ints(FILE *f, const int *v, int n) {
    fputc('[', f);
    for (int i = 0; i < n; i++) fprintf(f, i ? ",%d" : "%d", v[i]);
    fputc(']', f);
}

static void write_u64s(FILE *f, const uint64_t *v, int n) {
    fputc('[', f);
    for (int i = 0; i < n; i++) fprintf(f, i ? ",%llu" : "%llu", (unsigned long long)v[i]);
    fputc(']', f);
}

static void write_usage(FILE *f, struct usage u) {
    fprintf(f, "{\"userSeconds\":%.6f,\"systemSeconds\":%.6f,\"voluntarySwitches\":%ld,"
               "\"involuntarySwitches\":%ld,\"maxRSSKiB\":%ld}",
            u.user, u.sys, u.nvcsw, u.nivcsw, u.maxrss_kib);
}

int main(int argc, char **argv) {
    if (argc < 2 || argv[1][0] == '-')
        die(2, "usage: ctxbench-floor VARIANT --tasks N --iterations I --warmups W [--pin] [--memory] "
               "[--fault corrupt-value|hang] [--in-flight K] --output FILE");
    const char *variant = argv[1], *output = NULL;
    struct params p = {0};
    p.in_flight = 1;
    for (int i = 2; i < argc; i++) {
        const char *flag = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(flag, "--pin")) { p.pin = 1; continue; }
        if (!strcmp(flag, "--memory")) { p.memory = 1; continue; }
        if (!value) die(2, "%s needs a value", flag);
        i++;
        if (!strcmp(flag, "--tasks")) p.tasks = nonnegative(flag, value);
        else if (!strcmp(flag, "--iterations")) p.iterations = nonnegative(flag, value);
        else if (!strcmp(flag, "--warmups")) p.warmups = nonnegative(flag, value);
        else if (!strcmp(flag, "--output")) output = value;
        else if (!strcmp(flag, "--in-flight")) {
            p.in_flight = nonnegative(flag, value);
            if (p.in_flight < 1 || p.in_flight > MAX_IN_FLIGHT)
                die(2, "--in-flight must be between 1 and %d, got %d", MAX_IN_FLIGHT, p.in_flight);
        }
        else if (!strcmp(flag, "--fault")) {
            if (!strcmp(value, "corrupt-value")) p.fault = FAULT_CORRUPT;
            else if (!strcmp(value, "hang")) p.fault = FAULT_HANG;
            else die(2, "unknown fault '%s'", value);
        } else die(2, "unknown option '%s'", flag);
    }
    variant_fn run = NULL;
    int in_flight_ok = 0;
    for (int i = 0; i < NVARIANTS; i++)
        if (!strcmp(variants[i].name, variant)) { run = variants[i].run; in_flight_ok = variants[i].in_flight; }
    if (!run) {
        char known[256] = "";
        for (int i = 0; i < NVARIANTS; i++) {
            if (i) strcat(known, ", ");
            strcat(known, variants[i].name);
        }
        die(2, "unknown variant '%s'; known: %s", variant, known);
    }
    if (p.in_flight > 1 && !in_flight_ok) die(2, "%s does not support --in-flight", variant);
    if (!output) die(2, "--output FILE is required");
    if (p.tasks < 1 || p.iterations < 1) die(2, "--tasks and --iterations must be at least 1");

    // Pin before any thread exists, so every thread the variant creates inherits the mask.
    static int allowed[CPU_SETSIZE], granted[CPU_SETSIZE];
    int nallowed = allowed_cpus(allowed, CPU_SETSIZE);
    if (p.pin) {
        if (nallowed == 0) die(4, "sched_getaffinity returned no CPU");
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(allowed[0], &set);
        if (sched_setaffinity(0, sizeof set, &set) != 0) die(4, "sched_setaffinity(%d): %s", allowed[0], strerror(errno));
    }
    int ngranted = allowed_cpus(granted, CPU_SETSIZE);

    struct measured m = {0};
    m.samples = xcalloc((size_t)p.iterations, sizeof *m.samples);
    run(&p, &m);

    FILE *f = fopen(output, "w");
    if (!f) die(4, "cannot write %s: %s", output, strerror(errno));
    fputs("{\"samplesNs\":", f);
    write_u64s(f, m.samples, p.iterations);
    if (m.latency) {
        fputs(",\"latencySamplesNs\":", f);
        write_u64s(f, m.latency, p.iterations);
    }
    fprintf(f, ",\"check\":\"%s\",\"allowedCPUs\":", m.check);  // check: our own text, no quotes
    write_ints(f, allowed, nallowed);
    fputs(",\"grantedCPUs\":", f);
    write_ints(f, granted, ngranted);
    fputs(",\"rusage\":", f);
    write_usage(f, usage_now());
    fputs(",\"timedRusage\":", f);
    write_usage(f, m.timed);
    fprintf(f, ",\"threads\":%d", m.threads);
    if (m.has_memory)
        fprintf(f, ",\"memory\":{\"rssBytes\":%llu,\"pssBytes\":%llu,\"baselineRssBytes\":%llu,"
                   "\"kernelStackDeltaBytes\":%lld,\"pageTablesDeltaBytes\":%lld}",
                (unsigned long long)m.mem.rss, (unsigned long long)m.mem.pss, (unsigned long long)m.mem.baseline_rss,
                (long long)m.mem.kstack_delta, (long long)m.mem.ptables_delta);
    if (m.has_reactor)
        fprintf(f, ",\"reactorWaits\":%lld,\"reactorEvents\":%lld", m.reactor_waits, m.reactor_events);
    fprintf(f, ",\"peakRSSBytes\":%llu}\n", (unsigned long long)peak_rss_bytes());
    if (fclose(f) != 0) die(4, "cannot write %s: %s", output, strerror(errno));
    return 0;
}
