/* liburing (Debian: liburing-dev). Reached only through the CURingShim C target, whose
 * ctx_uring_* functions wrap the inline helpers and macros (io_uring_for_each_cqe). */
#include <liburing.h>
