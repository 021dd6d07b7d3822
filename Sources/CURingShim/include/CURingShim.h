// C wrappers over liburing for UringReactor (the only Swift file that imports this module).
// liburing's helpers are static inline functions and macros over the shared rings; these are
// plain functions, one per operation the reactor needs. The ring is opaque to Swift.
#ifndef CTXBENCH_CURINGSHIM_H
#define CTXBENCH_CURINGSHIM_H
#include <stdint.h>

typedef struct ctx_uring ctx_uring;

/// The IORING_SETUP_* bits the reactor tries (values from the installed kernel headers).
unsigned ctx_uring_setup_single_issuer(void);
unsigned ctx_uring_setup_defer_taskrun(void);
unsigned ctx_uring_setup_coop_taskrun(void);
/// io_uring_queue_init_params(entries, flags | IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP,
/// cq_entries): the ring, or NULL with *error = the negative errno (-EINVAL: a flag this
/// kernel does not know; -EPERM/-ENOSYS: io_uring disabled or filtered by seccomp).
ctx_uring *ctx_uring_create(unsigned entries, unsigned cq_entries, unsigned flags, int *error);
/// io_uring_queue_exit and free.
void ctx_uring_destroy(ctx_uring *ring);
/// The ring's CQ size as the kernel granted it.
unsigned ctx_uring_cq_entries(ctx_uring *ring);
/// io_uring_get_probe_ring: 1 if IORING_OP_RECV and IORING_OP_READ (the eventfd) are
/// supported, 0 if not, a negative errno if the probe failed.
int ctx_uring_supports_recv_and_read(ctx_uring *ring);
/// io_uring_get_sqe + io_uring_prep_recv(fd, buf, len, 0) + io_uring_sqe_set_data64(data):
/// 0, or -EBUSY when the submission queue is full (submit, then retry).
int ctx_uring_prep_recv(ctx_uring *ring, int fd, void *buf, unsigned len, uint64_t data);
/// The same with io_uring_prep_read (for the eventfd).
int ctx_uring_prep_read(ctx_uring *ring, int fd, void *buf, unsigned len, uint64_t data);
/// io_uring_submit: submits without waiting (one io_uring_enter); submitted count or -errno.
int ctx_uring_submit(ctx_uring *ring);
/// io_uring_submit_and_wait(wait_nr): submits what is queued and waits for wait_nr CQEs in
/// one io_uring_enter; submitted count or -errno.
int ctx_uring_submit_and_wait(ctx_uring *ring, unsigned wait_nr);
/// io_uring_for_each_cqe over at most `max` ready CQEs, copying user_data and res into
/// `datas`/`results`, then io_uring_cq_advance: the count copied (no syscall).
unsigned ctx_uring_reap(ctx_uring *ring, uint64_t *datas, int32_t *results, unsigned max);
/// eventfd(0, EFD_CLOEXEC), blocking: a ring read on an O_NONBLOCK eventfd would complete at
/// once with -EAGAIN instead of waiting. The fd or -1 (errno set).
int ctx_uring_eventfd(void);
#endif
