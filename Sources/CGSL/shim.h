#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_version.h>

/* GSL exposes its generator and robust-weight types as mutable C globals, which Swift 6
 * rejects as shared mutable state. These accessors return the (never modified) pointers. */
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_multifit_robust_type *cgsl_multifit_robust_bisquare(void) {
    return gsl_multifit_robust_bisquare;
}
