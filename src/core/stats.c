/* stats.c — ratio estimates, Wilson intervals and comparisons. */
#include "core/stats.h"

#include <math.h>
#include <string.h>

void hl_wilson(double p, double n, double z, double *lo, double *hi)
{
	double z2 = z * z;
	double denom = 1 + z2 / n;
	double centre = (p + z2 / (2 * n)) / denom;
	double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;

	*lo = centre - half < 0 ? 0 : centre - half;
	*hi = centre + half > 1 ? 1 : centre + half;
}

/* Interval from p and its variance: Wilson at the effective sample size
 * n_eff = p(1-p)/var, kept within [1, answers]. With no spread at all
 * (every answer satisfied, or none) fall back to one observation per response. */
static void est_from_var(double p, double var, double n_resp, double answers, struct hl_est *e)
{
	double n_eff;

	if (var > 0 && p > 0 && p < 1)
		n_eff = p * (1 - p) / var;
	else if (p > 0 && p < 1)
		n_eff = answers;
	else
		n_eff = n_resp;
	if (n_eff > answers)
		n_eff = answers;
	if (n_eff < 1)
		n_eff = 1;
	hl_wilson(p, n_eff, HL_Z95, &e->lo, &e->hi);
	e->value = p * 100;
	e->lo *= 100;
	e->hi *= 100;
	e->n_eff = n_eff;
	e->valid = true;
}

static double ratio_var(const struct hl_tally *t, double p)
{
	double n = (double)t->n, d2;

	if (t->n < 2 || t->v <= 0)
		return 0;
	d2 = t->ss - 2 * p * t->sv + p * p * t->vv;
	if (d2 < 0)
		d2 = 0; /* rounding */
	return n / (n - 1) * d2 / (t->v * t->v);
}

void hl_est_from_tally(const struct hl_tally *t, struct hl_est *out)
{
	double p;

	memset(out, 0, sizeof(*out));
	if (t == NULL || t->n <= 0 || t->v <= 0)
		return;
	p = t->s / t->v;
	est_from_var(p, ratio_var(t, p), (double)t->n, t->v, out);
	out->n = t->n;
}

void hl_est_weighted(const struct hl_tally *strata, const double *w, int k, struct hl_est *out)
{
	double wsum = 0, p = 0, var = 0, answers = 0, nresp = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < k; i++)
		if (strata[i].n > 0 && strata[i].v > 0 && w[i] > 0)
			wsum += w[i];
	if (wsum <= 0)
		return;
	for (int i = 0; i < k; i++) {
		double wi, pi;

		if (strata[i].n <= 0 || strata[i].v <= 0 || w[i] <= 0)
			continue;
		wi = w[i] / wsum;
		pi = strata[i].s / strata[i].v;
		p += wi * pi;
		var += wi * wi * ratio_var(&strata[i], pi);
		answers += strata[i].v;
		nresp += (double)strata[i].n;
		out->n += strata[i].n;
	}
	est_from_var(p, var, nresp, answers, out);
}

void hl_est_mean(const struct hl_est *parts, int k, int64_t n, struct hl_est *out)
{
	int used = 0;
	double v = 0, lo = 0, hi = 0, n_eff = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < k; i++) {
		if (!parts[i].valid)
			continue;
		v += parts[i].value;
		lo += parts[i].lo;
		hi += parts[i].hi;
		n_eff += parts[i].n_eff;
		used++;
	}
	if (used == 0)
		return;
	out->valid = true;
	out->value = v / used;
	out->lo = lo / used;
	out->hi = hi / used;
	out->n_eff = n_eff / used;
	out->n = n;
}

double hl_est_se(const struct hl_est *e)
{
	return (e->hi - e->lo) / (2 * HL_Z95);
}

bool hl_est_differ(const struct hl_est *a, const struct hl_est *b)
{
	double sa, sb;

	if (!a->valid || !b->valid)
		return false;
	sa = hl_est_se(a);
	sb = hl_est_se(b);
	return fabs(a->value - b->value) > HL_Z95 * sqrt(sa * sa + sb * sb);
}
