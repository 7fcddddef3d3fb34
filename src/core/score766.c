/* score766.c — the scorecard's ratios and points (score766.h). */
#include "core/score766.h"

#include <string.h>

#include "core/instrument.h"
#include "core/workcal.h"

#define DAYS_MAX 3660 /* a dossier handled for more than ten years is a data error */

static bool ratio(int64_t num, int64_t den, double scale, double *out)
{
	*out = 0;
	if (den <= 0)
		return false;
	*out = (double)num * scale / (double)den;
	return true;
}

void s766_ratios(const struct s766_counts *c, struct s766_ratios *out)
{
	out->has[S766_ON_TIME] = ratio(c->on_time, c->dossiers, 100, &out->v[S766_ON_TIME]);
	out->has[S766_AVG_DAYS] = ratio(c->days, c->dossiers, 1, &out->v[S766_AVG_DAYS]);
	out->has[S766_FB_ON_TIME] = ratio(c->fb_on_time, c->feedback, 100,
		&out->v[S766_FB_ON_TIME]);
	out->has[S766_FB_SATISFIED] = ratio(c->feedback - c->fb_bad, c->feedback, 100,
		&out->v[S766_FB_SATISFIED]);
	out->has[S766_DOS_SATISFIED] = ratio(c->dossiers - c->dossiers_bad, c->dossiers, 100,
		&out->v[S766_DOS_SATISFIED]);
}

void s766_add(struct s766_counts *a, const struct s766_counts *b)
{
	a->dossiers += b->dossiers;
	a->on_time += b->on_time;
	a->days += b->days;
	a->dossiers_bad += b->dossiers_bad;
	a->feedback += b->feedback;
	a->fb_on_time += b->fb_on_time;
	a->fb_bad += b->fb_bad;
}

static const char *const codes[S766_NRATIOS] = {"on_time_pct", "avg_days", "feedback_on_time_pct",
	"feedback_satisfied_pct", "dossier_satisfied_pct"};

const char *s766_ratio_code(enum s766_ratio r)
{
	return r < S766_NRATIOS ? codes[r] : "";
}

int s766_ratio_parse(const char *code)
{
	for (int r = 0; r < S766_NRATIOS; r++)
		if (strcmp(code, codes[r]) == 0)
			return r;
	return -1;
}

int64_t s766_working_days(const struct wc_cal *c, hl_day r, hl_day f)
{
	int64_t n = 0;

	if (f - r > DAYS_MAX)
		f = r + DAYS_MAX;
	for (hl_day d = r + 1; d <= f; d++)
		n += wc_is_working_day(c, d);
	return n;
}

bool s766_unsatisfied(const struct hl_instrument *in, const unsigned char *answers, int nanswers)
{
	int valid = 0, unsat = 0;

	for (int q = 0; q < nanswers && q < in->nquestions; q++) {
		const struct hl_scale *s = &in->scales[in->questions[q].scale];
		int lv = answers[q];

		if (lv < 1 || lv > s->nlevels)
			continue;
		valid++;
		unsat += !s->levels[lv - 1].satisfied;
	}
	return valid > 0 && 2 * unsat >= valid;
}

double s766_points(const struct s766_band *b, size_t n, const struct s766_ratios *r, bool *any)
{
	double total = 0;

	*any = false;
	for (int k = 0; k < S766_NRATIOS; k++) {
		double best = 0, best_bound = 0, sign = k == S766_AVG_DAYS ? -1 : 1;
		bool banded = false, reached = false;

		/* With sign -1 "at most" reads as "at least" on negated values. */
		for (size_t i = 0; i < n; i++) {
			if ((int)b[i].ratio != k)
				continue;
			banded = true;
			if (r->has[k] && sign * r->v[k] >= sign * b[i].bound &&
				(!reached || sign * b[i].bound > sign * best_bound)) {
				reached = true;
				best_bound = b[i].bound;
				best = b[i].points;
			}
		}
		if (banded && r->has[k]) {
			*any = true;
			total += best;
		}
	}
	return total;
}
