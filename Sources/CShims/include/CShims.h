// C helpers for what Swift cannot call directly: the CPU_* macros, the packed
// struct epoll_event, and the pthread entry trampoline. Each names the C function it wraps.
#ifndef CTXBENCH_CSHIMS_H
#define CTXBENCH_CSHIMS_H
#include <stddef.h>
#include <stdint.h>

/// sched_getaffinity(0): writes up to `max` allowed CPU numbers into `out`; returns the count or -1 (errno set).
int ctx_allowed_cpus(int *out, int max);
/// sched_setaffinity(0) to the single CPU `cpu`; returns 0 or -1 (errno set).
int ctx_pin_to_cpu(int cpu);
/// epoll_ctl(EPOLL_CTL_ADD) with `events` (EPOLLIN etc.) and the user word `data`.
int ctx_epoll_add(int epfd, int fd, uint32_t events, uint64_t data);
/// epoll_wait: fills `datas` with the user words of up to `max` ready fds; returns the count or -1.
int ctx_epoll_wait(int epfd, uint64_t *datas, int max, int timeout_ms);
/// The EPOLLIN / EPOLLET bit values.
uint32_t ctx_epollin(void);
uint32_t ctx_epollet(void);
/// pthread_create with a stack of `stack_bytes` (0 = the library default) running
/// `body(context)`; returns 0 or the error number, writes the thread id to `out`.
int ctx_thread_create(unsigned long *out, size_t stack_bytes, void *(*body)(void *), void *context);
/// pthread_join, ignoring the thread's return value; returns 0 or the error number.
int ctx_thread_join(unsigned long thread);
/// gettid(): the kernel thread id of the caller.
int ctx_gettid(void);
/// epoll_create1(EPOLL_CLOEXEC); returns the fd or -1 (errno set).
int ctx_epoll_create(void);
/// eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); returns the fd or -1 (errno set).
int ctx_eventfd(void);

// Multi-thread executor helpers (MultiThreadReactor).
/// A `__thread` slot: the calling thread's worker record, or NULL on a thread that is no worker.
void *ctx_worker_get(void);
/// Sets the calling thread's `__thread` worker slot.
void ctx_worker_set(void *worker);
/// __atomic_load_n(word, __ATOMIC_SEQ_CST).
uint32_t ctx_atomic_load_u32(uint32_t *word);
/// __atomic_store_n(word, value, __ATOMIC_SEQ_CST).
void ctx_atomic_store_u32(uint32_t *word, uint32_t value);
/// __atomic_exchange_n(word, value, __ATOMIC_SEQ_CST): returns the previous value.
uint32_t ctx_atomic_exchange_u32(uint32_t *word, uint32_t value);
/// futex(word, FUTEX_WAIT_PRIVATE, expected): sleeps while *word == expected (returns at once
/// if it differs; may return spuriously). Returns 0 or -1 (errno EAGAIN/EINTR).
int ctx_futex_wait(uint32_t *word, uint32_t expected);
/// futex(word, FUTEX_WAKE_PRIVATE, count): wakes up to `count` threads sleeping on `word`.
int ctx_futex_wake(uint32_t *word, int count);
#endif
