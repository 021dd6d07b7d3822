#define _GNU_SOURCE
#include "CShims.h"
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

int ctx_allowed_cpus(int *out, int max) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    int n = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && n < max; cpu++)
        if (CPU_ISSET(cpu, &set)) out[n++] = cpu;
    return n;
}

int ctx_pin_to_cpu(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
}

int ctx_epoll_add(int epfd, int fd, uint32_t events, uint64_t data) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = data;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

int ctx_epoll_wait(int epfd, uint64_t *datas, int max, int timeout_ms) {
    struct epoll_event evs[64];
    if (max > 64) max = 64;
    int n;
    do { n = epoll_wait(epfd, evs, max, timeout_ms); } while (n < 0 && errno == EINTR);
    for (int i = 0; i < n; i++) datas[i] = evs[i].data.u64;
    return n;
}

uint32_t ctx_epollin(void) { return EPOLLIN; }
uint32_t ctx_epollet(void) { return EPOLLET; }

int ctx_thread_create(unsigned long *out, size_t stack_bytes, void *(*body)(void *), void *context) {
    pthread_attr_t attr;
    int rc = pthread_attr_init(&attr);
    if (rc != 0) return rc;
    if (stack_bytes > 0) {
        rc = pthread_attr_setstacksize(&attr, stack_bytes);
        if (rc != 0) { pthread_attr_destroy(&attr); return rc; }
    }
    pthread_t t;
    rc = pthread_create(&t, &attr, body, context);
    pthread_attr_destroy(&attr);
    if (rc == 0) *out = (unsigned long)t;
    return rc;
}

int ctx_thread_join(unsigned long thread) { return pthread_join((pthread_t)thread, NULL); }

int ctx_gettid(void) { return (int)syscall(SYS_gettid); }

int ctx_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int ctx_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

static __thread void *ctx_worker_slot;

void *ctx_worker_get(void) { return ctx_worker_slot; }

void ctx_worker_set(void *worker) { ctx_worker_slot = worker; }

uint32_t ctx_atomic_load_u32(uint32_t *word) { return __atomic_load_n(word, __ATOMIC_SEQ_CST); }

void ctx_atomic_store_u32(uint32_t *word, uint32_t value) { __atomic_store_n(word, value, __ATOMIC_SEQ_CST); }

uint32_t ctx_atomic_exchange_u32(uint32_t *word, uint32_t value) {
    return __atomic_exchange_n(word, value, __ATOMIC_SEQ_CST);
}

int ctx_futex_wait(uint32_t *word, uint32_t expected) {
    return (int)syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

int ctx_futex_wake(uint32_t *word, int count) {
    return (int)syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
}
