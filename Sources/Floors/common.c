#define _GNU_SOURCE
#include "common.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

_Noreturn void die(int status, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fprintf(stderr, "ctxbench-floor: %s\n", buf);
    exit(status);
}

void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p) SETUP_FAILED("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

struct usage usage_now(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    struct usage u = {
        ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6, ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
        ru.ru_nvcsw, ru.ru_nivcsw, ru.ru_maxrss};
    return u;
}

struct usage usage_minus(struct usage a, struct usage b) {
    struct usage d = {a.user - b.user, a.sys - b.sys, a.nvcsw - b.nvcsw, a.nivcsw - b.nivcsw, a.maxrss_kib};
    return d;
}

// The first number after `key` at the start of a line of the file `path` (0 if none).
static uint64_t proc_field(const char *path, const char *key) {
    char buf[8192];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n, len = 0;
    while (len < (ssize_t)sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0) len += n;
    close(fd);
    buf[len] = 0;
    size_t k = strlen(key);
    for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, key, k) == 0) return strtoull(line + k, NULL, 10);
    return 0;
}

int thread_count(void) { return (int)proc_field("/proc/self/status", "Threads:"); }
uint64_t peak_rss_bytes(void) { return proc_field("/proc/self/status", "VmHWM:") * 1024; }

void memory_begin(struct memory *m) {
    m->baseline_rss = proc_field("/proc/self/smaps_rollup", "Rss:") * 1024;
    m->kstack0 = proc_field("/proc/meminfo", "KernelStack:") * 1024;
    m->ptables0 = proc_field("/proc/meminfo", "PageTables:") * 1024;
}

void memory_finish(struct memory *m) {
    m->rss = proc_field("/proc/self/smaps_rollup", "Rss:") * 1024;
    m->pss = proc_field("/proc/self/smaps_rollup", "Pss:") * 1024;
    m->kstack_delta = (int64_t)(proc_field("/proc/meminfo", "KernelStack:") * 1024) - (int64_t)m->kstack0;
    m->ptables_delta = (int64_t)(proc_field("/proc/meminfo", "PageTables:") * 1024) - (int64_t)m->ptables0;
}

void make_links(int count, int *w, int *r) {
    for (int i = 0; i < count; i++) {
        int fds[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
            int e = errno;
            SETUP_FAILED("socketpair for link %d of %d: %s%s", i, count, strerror(e),
                         e == EMFILE ? " (RLIMIT_NOFILE too low for this many members; see `ctxbench limits`)" : "");
        }
        w[i] = fds[0];
        r[i] = fds[1];
    }
}

void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) SETUP_FAILED("fcntl(O_NONBLOCK): %s", strerror(errno));
}

void spawn(void *(*body)(void *), void *arg, size_t stack, const char *what, int i, int of, unsigned long *tid) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack);
    pthread_t t;
    int rc = pthread_create(&t, &attr, body, arg);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        SETUP_FAILED("pthread_create for %s %d of %d: %s%s", what, i, of, strerror(rc),
                     rc == EAGAIN ? " (a limit on threads or pids binds; see `ctxbench limits`)" : "");
    *tid = (unsigned long)t;
}

void inject_round(const int *w, int round, int k, int n) {
    for (int j = k - 1; j >= 0; j--) {
        uint8_t token = (uint8_t)(round + j);
        if (write(w[start_link(j, n, k)], &token, 1) != 1) SELF_CHECK_FAILED("round %d: writing token %d failed", round, j);
    }
}

void check_round(const uint8_t *buf, int round, int k, int n) {
    for (int m = 0; m < k; m++) {
        int j = k - 1 - m;
        uint8_t expected = (uint8_t)(round + j + n - start_link(j, n, k));
        if (buf[m] != expected) {
            if (k == 1) SELF_CHECK_FAILED("round %d: read %d from link %d, expected %d", round, buf[m], n, expected);
            SELF_CHECK_FAILED("round %d: byte %d read %d from link %d, expected %d", round, m, buf[m], n, expected);
        }
    }
}

void check_forwarded(const struct params *p, int i, long long forwarded, int failed) {
    if (forwarded == member_bytes(p, i) && !failed) return;
    if (p->in_flight == 1)
        SELF_CHECK_FAILED("member %d forwarded %lld of %d rounds", i, forwarded, p->warmups + p->iterations);
    SELF_CHECK_FAILED("member %d forwarded %lld of %lld bytes", i, forwarded, member_bytes(p, i));
}

void brigade_check_text(const struct params *p, struct measured *out, const char *who, const char *extra) {
    int n = p->tasks, rounds = p->warmups + p->iterations;
    if (p->in_flight == 1)
        snprintf(out->check, sizeof out->check, "value + %d arrived in all %d rounds; each of %d %ss forwarded %d%s",
                 n, rounds, n, who, rounds, extra);
    else
        snprintf(out->check, sizeof out->check,
                 "all %d tokens arrived in order with the right values in all %d rounds; every %s forwarded every "
                 "token that passed it (%s 0: %lld bytes)%s",
                 p->in_flight, rounds, who, who, member_bytes(p, 0), extra);
}

struct usage warmup_boundary(const struct params *p, struct measured *out, long long waits, long long events) {
    out->threads = thread_count();
    if (p->memory) { memory_finish(&out->mem); out->has_memory = 1; }
    out->reactor_waits = waits;
    out->reactor_events = events;
    return usage_now();
}
