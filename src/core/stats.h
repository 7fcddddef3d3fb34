/* stats.h — estimates with honest 95 % intervals. A criterion index is a
 * ratio of sums over responses (one person answers several questions), so
 * the response, not the answer, is the unit of sampling: the variance is the
 * linearised (Taylor) variance of a ratio estimator with responses as
 * clusters, turned into an effective sample size for a Wilson interval.
 * docs/method.md explains each formula. */
#ifndef HL_STATS_H
#define HL_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/tally.h"

#define HL_Z95 1.959963984540054

/* An index value in percent with its interval. valid is false when there
 * were no valid answers; the other fields are then 0. */
struct hl_est {
	bool valid;
	double value;  /* 0..100 */
	double lo, hi; /* 95 % interval, 0..100 */
	double n_eff;  /* effective sample size behind the interval */
	int64_t n;     /* responses with at least one valid answer */
};

/* Wilson score interval for proportion p (0..1) from n observations (n > 0). */
void hl_wilson(double p, double n, double z, double *lo, double *hi);

/* Estimate from a criterion tally (see core/tally.h). */
void hl_est_from_tally(const struct hl_tally *t, struct hl_est *out);

/* Post-stratified estimate: strata[i] weighted by w[i] (weights of strata
 * without valid answers are dropped and the rest renormalised). */
void hl_est_weighted(const struct hl_tally *strata, const double *w, int k, struct hl_est *out);

/* Overall index: the plain mean of the valid parts' values. Its interval is
 * the mean of their endpoints, the bound that holds whatever the correlation
 * between criteria. n is the number of responses behind it. */
void hl_est_mean(const struct hl_est *parts, int k, int64_t n, struct hl_est *out);

/* Standard error implied by an estimate's interval. */
double hl_est_se(const struct hl_est *e);

/* True when the intervals support a difference between a and b at 95 %:
 * |a - b| > z * sqrt(se_a^2 + se_b^2). False if either is invalid. */
bool hl_est_differ(const struct hl_est *a, const struct hl_est *b);

#endif
