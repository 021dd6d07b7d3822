/* liburing for ctxbench-rust's io_uring brigade (src/uring.rs), built by the cc crate in
 * build.rs: the ring behind an opaque pointer, one recv SQE per wait, completions reaped in
 * batches. The same calls as Sources/CURingShim/CURingShim.c (the Swift design). */
#include <errno.h>
#include <liburing.h>
#include <stdint.h>
#include <stdlib.h>

struct ctxr_ring {
    struct io_uring ring;
};

/* A ring with `entries` SQEs and room for `cq_entries` completions, set up with the first
 * flag set the kernel accepts: SINGLE_ISSUER|DEFER_TASKRUN, SINGLE_ISSUER|COOP_TASKRUN,
 * COOP_TASKRUN, none (each retried only on EINVAL). NULL with *error = -errno on failure;
 * *flags_used = the index of the accepted set (0-3). */
struct ctxr_ring *ctxr_create(unsigned entries, unsigned cq_entries, int *error, int *flags_used) {
    static const unsigned sets[] = {
        IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
        IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN,
        IORING_SETUP_COOP_TASKRUN,
        0,
    };
    struct ctxr_ring *r = calloc(1, sizeof *r);
    if (!r) { *error = -ENOMEM; return NULL; }
    for (int i = 0; i < 4; i++) {
        struct io_uring_params p = {0};
        p.flags = sets[i] | IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP;
        p.cq_entries = cq_entries;
        int e = io_uring_queue_init_params(entries, &r->ring, &p);
        if (e == 0) { *error = 0; *flags_used = i; return r; }
        *error = e;
        if (e != -EINVAL) break;
    }
    free(r);
    return NULL;
}

/* 1 when the kernel supports IORING_OP_RECV, 0 when not, -errno when the probe fails. */
int ctxr_supports_recv(struct ctxr_ring *r) {
    struct io_uring_probe *p = io_uring_get_probe_ring(&r->ring);
    if (!p) return -ENOMEM;
    int ok = io_uring_opcode_supported(p, IORING_OP_RECV);
    io_uring_free_probe(p);
    return ok;
}

/* Queues a recv of up to `len` bytes from `fd` into `buf`, tagged `data`; when the SQ is full
 * it submits what is queued first. 0, or -errno. */
int ctxr_prep_recv(struct ctxr_ring *r, int fd, void *buf, unsigned len, uint64_t data) {
    struct io_uring_sqe *sqe = io_uring_get_sqe(&r->ring);
    if (!sqe) {
        int e = io_uring_submit(&r->ring);
        if (e < 0) return e;
        sqe = io_uring_get_sqe(&r->ring);
        if (!sqe) return -EBUSY;
    }
    io_uring_prep_recv(sqe, fd, buf, len, 0);
    io_uring_sqe_set_data64(sqe, data);
    return 0;
}

/* Submits every queued SQE and waits for at least one completion (one io_uring_enter), then
 * reaps up to `max` completions: tags into `datas`, results into `results`. The count, or
 * -errno. */
int ctxr_submit_wait_reap(struct ctxr_ring *r, uint64_t *datas, int32_t *results, unsigned max) {
    int e = io_uring_submit_and_wait(&r->ring, 1);
    if (e < 0 && e != -EINTR) return e;
    struct io_uring_cqe *cqe;
    unsigned head, n = 0;
    io_uring_for_each_cqe(&r->ring, head, cqe) {
        if (n == max) break;
        datas[n] = io_uring_cqe_get_data64(cqe);
        results[n] = cqe->res;
        n++;
    }
    io_uring_cq_advance(&r->ring, n);
    return (int)n;
}
