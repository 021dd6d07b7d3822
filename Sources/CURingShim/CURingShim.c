#include "CURingShim.h"
#include <errno.h>
#include <liburing.h>
#include <stdlib.h>
#include <sys/eventfd.h>

struct ctx_uring {
    struct io_uring ring;
};

unsigned ctx_uring_setup_single_issuer(void) { return IORING_SETUP_SINGLE_ISSUER; }
unsigned ctx_uring_setup_defer_taskrun(void) { return IORING_SETUP_DEFER_TASKRUN; }
unsigned ctx_uring_setup_coop_taskrun(void) { return IORING_SETUP_COOP_TASKRUN; }

ctx_uring *ctx_uring_create(unsigned entries, unsigned cq_entries, unsigned flags, int *error) {
    ctx_uring *r = calloc(1, sizeof *r);
    if (!r) { *error = -ENOMEM; return NULL; }
    struct io_uring_params p = {0};
    p.flags = flags | IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP;
    p.cq_entries = cq_entries;
    int e = io_uring_queue_init_params(entries, &r->ring, &p);
    if (e < 0) { free(r); *error = e; return NULL; }
    *error = 0;
    return r;
}

void ctx_uring_destroy(ctx_uring *r) {
    io_uring_queue_exit(&r->ring);
    free(r);
}

unsigned ctx_uring_cq_entries(ctx_uring *r) { return r->ring.cq.ring_entries; }

int ctx_uring_supports_recv_and_read(ctx_uring *r) {
    struct io_uring_probe *p = io_uring_get_probe_ring(&r->ring);
    if (!p) return -ENOMEM;
    int ok = io_uring_opcode_supported(p, IORING_OP_RECV) && io_uring_opcode_supported(p, IORING_OP_READ);
    io_uring_free_probe(p);
    return ok;
}

/* Queues one recv or read (`op`) of up to `len` bytes from `fd` into `buf`, tagged `data`:
 * 0, or -EBUSY when the submission queue is full. */
static inline int prep(ctx_uring *r, int op, int fd, void *buf, unsigned len, uint64_t data) {
    struct io_uring_sqe *sqe = io_uring_get_sqe(&r->ring);
    if (!sqe) return -EBUSY;
    if (op == IORING_OP_RECV) io_uring_prep_recv(sqe, fd, buf, len, 0);
    else io_uring_prep_read(sqe, fd, buf, len, 0);
    io_uring_sqe_set_data64(sqe, data);
    return 0;
}

int ctx_uring_prep_recv(ctx_uring *r, int fd, void *buf, unsigned len, uint64_t data) {
    return prep(r, IORING_OP_RECV, fd, buf, len, data);
}

int ctx_uring_prep_read(ctx_uring *r, int fd, void *buf, unsigned len, uint64_t data) {
    return prep(r, IORING_OP_READ, fd, buf, len, data);
}

int ctx_uring_submit(ctx_uring *r) { return io_uring_submit(&r->ring); }

int ctx_uring_submit_and_wait(ctx_uring *r, unsigned wait_nr) { return io_uring_submit_and_wait(&r->ring, wait_nr); }

unsigned ctx_uring_reap(ctx_uring *r, uint64_t *datas, int32_t *results, unsigned max) {
    struct io_uring_cqe *cqe;
    unsigned head, n = 0;
    io_uring_for_each_cqe(&r->ring, head, cqe) {
        if (n == max) break;
        datas[n] = io_uring_cqe_get_data64(cqe);
        results[n] = cqe->res;
        n++;
    }
    io_uring_cq_advance(&r->ring, n);
    return n;
}

int ctx_uring_eventfd(void) { return eventfd(0, EFD_CLOEXEC); }
