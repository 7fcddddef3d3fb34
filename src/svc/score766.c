/* score766.c — the national scorecard per unit and period (score766.h):
 * dossiers finished in the period with their handling time and whether a
 * response carrying their code rated them unsatisfied; the feedback due in
 * the period from fb_stats; the points table in the store. */
#include "svc/score766.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "core/date.h"
#include "core/instrument.h"
#include "io/csvout.h"
#include "io/csvread.h"
#include "svc/audit.h"
#include "svc/calendar.h"
#include "svc/dossq.h"
#include "svc/feedback.h"
#include "svc/instruments.h"
#include "svc/order.h"

#define POINTS_MAX 256 /* bands in a points table */

/* A dossier finished in the period, in a unit in scope. */
struct fin {
	char code[STORE_CODE_MAX];
	long ui;  /* its unit's index in the scope */
	bool bad; /* rated unsatisfied by a response carrying its code */
};

struct sc_ctx {
	struct hl_arena *a;
	struct hl_err *err;
	struct dq_units s;
	struct s766_counts *c; /* per unit of s */
	const struct wc_cal *days;
	int64_t at;
	struct fin *fin;
	size_t nfin, capfin;
	hl_day *first_rcv; /* per unit: the earliest receipt of its finished dossiers */
	/* while scanning one unit's responses */
	struct store_instrument *inst;
	struct hl_instrument **in;
	size_t ninst;
	long scan_ui;
};

static int nomem(struct hl_err *err)
{
	return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính bộ chỉ số 766");
}

static int add_finished(void *ctx, const struct store_dossier *d)
{
	struct sc_ctx *x = ctx;
	long ui = dq_unit_find(&x->s, d->unit_id);
	enum tl_class cls;
	hl_day r;
	struct fin *f;

	if (ui < 0 || !x->s.in[ui] || d->received_at < 0 || d->finished_at > x->at)
		return 0;
	if (hl_arena_grow(x->a, &x->fin, x->nfin, &x->capfin, x->nfin + 1, sizeof(*x->fin)) !=
		HL_OK)
		return nomem(x->err);
	f = &x->fin[x->nfin++];
	snprintf(f->code, sizeof(f->code), "%s", d->code);
	f->ui = ui;
	f->bad = false;
	cls = tl_finished_class(d->due_at, d->finished_at);
	r = (hl_day)(d->received_at / 1440);
	x->c[ui].dossiers++;
	x->c[ui].on_time += cls == TL_EARLY || cls == TL_ON_TIME;
	x->c[ui].days += s766_working_days(x->days, r, (hl_day)(d->finished_at / 1440));
	if (x->first_rcv[ui] == HL_DAY_NONE || r < x->first_rcv[ui])
		x->first_rcv[ui] = r;
	return 0;
}

static int cmp_fin(const void *p, const void *q)
{
	return strcmp(((const struct fin *)p)->code, ((const struct fin *)q)->code);
}

/* A counted response carrying the code of a finished dossier of the unit
 * being scanned: the dossier is rated unsatisfied when the response is. */
static int rate(void *ctx, const struct store_response *r)
{
	struct sc_ctx *x = ctx;
	struct fin key = {0}, *f;
	const struct hl_instrument *in = NULL;

	if (r->status != RS_COUNTED || r->dossier[0] == '\0')
		return 0;
	snprintf(key.code, sizeof(key.code), "%s", r->dossier);
	f = bsearch(&key, x->fin, x->nfin, sizeof(*f), cmp_fin);
	if (f == NULL || f->ui != x->scan_ui || f->bad)
		return 0;
	for (size_t i = 0; i < x->ninst && in == NULL; i++)
		if (x->inst[i].id == r->instrument_id)
			in = x->in[i];
	f->bad = in != NULL && s766_unsatisfied(in, r->answers, r->nanswers);
	return 0;
}

/* The feedback due in the period, from the month's figures. */
static int add_feedback(struct store *st, const struct cal *cal, const struct sc_opts *o,
	struct sc_ctx *x, bool *touched)
{
	struct fb_month *m = NULL;
	size_t n = 0;
	const char *top = o->unit != NULL ? o->unit : o->under;
	int rc = fb_stats(st, cal, &o->period, top, o->under != NULL, x->at, x->a, &m, &n, x->err);

	for (size_t i = 0; rc == HL_OK && i < n; i++) {
		long ui = dq_unit_find(&x->s, m[i].unit_id);

		if (ui < 0 || !x->s.in[ui])
			continue;
		touched[ui] = true;
		x->c[ui].feedback += m[i].due;
		x->c[ui].fb_on_time += m[i].on_time;
		x->c[ui].fb_bad += m[i].late_or_unsatisfied;
	}
	return rc;
}

static int cmp_row(const void *p, const void *q)
{
	const struct sc_row *a = p, *b = q;
	int c = ord_units(a->unit->type, a->unit->name, b->unit->type, b->unit->name);

	return c != 0 ? c : strcmp(a->unit->code, b->unit->code);
}

int sc_run(struct store *st, struct hl_arena *a, const struct sc_opts *o,
	const struct s766_band *bands, size_t nbands, struct sc_result **out, struct hl_err *err)
{
	struct sc_ctx x = {.a = a, .err = err};
	const struct hl_period *p = &o->period;
	int64_t end = ((int64_t)p->last + 1) * 1440 - 1, now = hl_clock_minute();
	struct cal *cal = NULL;
	struct sc_result *res;
	bool *touched = NULL;
	size_t k = 0;
	int rc;

	*out = NULL;
	x.at = o->at != 0 ? o->at : (now < end ? now : end);
	rc = dq_scope(st, a, o->unit, o->under, &x.s, err);
	if (rc == HL_OK)
		rc = dq_units_index(a, &x.s, err);
	if (rc == HL_OK)
		rc = cal_load(st, &cal, err);
	if (rc == HL_OK)
		rc = instruments_all(st, a, &x.inst, &x.in, &x.ninst, err);
	if (rc != HL_OK)
		goto cleanup;
	x.days = cal_days(cal);
	x.c = hl_arena_alloc(a, (x.s.n + 1) * sizeof(*x.c));
	x.first_rcv = hl_arena_alloc(a, (x.s.n + 1) * sizeof(*x.first_rcv));
	touched = hl_arena_alloc(a, (x.s.n + 1) * sizeof(*touched));
	res = hl_arena_alloc(a, sizeof(*res));
	if (x.c == NULL || x.first_rcv == NULL || touched == NULL || res == NULL) {
		rc = nomem(err);
		goto cleanup;
	}
	memset(x.c, 0, (x.s.n + 1) * sizeof(*x.c));
	memset(touched, 0, (x.s.n + 1) * sizeof(*touched));
	for (size_t i = 0; i < x.s.n; i++)
		x.first_rcv[i] = HL_DAY_NONE;
	rc = STORE(st, dossiers, dossier_scan_finished, (int64_t)p->first * 1440,
		x.at < end ? x.at : end, add_finished, &x, err);
	if (rc != HL_OK)
		goto cleanup;
	if (x.nfin > 1)
		qsort(x.fin, x.nfin, sizeof(*x.fin), cmp_fin);
	/* The responses of each unit with finished dossiers, from the first
	 * of those dossiers' receipt to the moment asked about. */
	for (size_t i = 0; rc == HL_OK && i < x.s.n; i++) {
		if (x.first_rcv[i] == HL_DAY_NONE)
			continue;
		x.scan_ui = (long)i;
		rc = STORE(st, responses, response_scan, x.s.u[i].id, x.first_rcv[i],
			(hl_day)(x.at / 1440), rate, &x, err);
	}
	for (size_t i = 0; i < x.nfin; i++)
		x.c[x.fin[i].ui].dossiers_bad += x.fin[i].bad;
	if (rc == HL_OK)
		rc = add_feedback(st, cal, o, &x, touched);
	if (rc != HL_OK)
		goto cleanup;
	for (size_t i = 0; i < x.s.n; i++) {
		touched[i] |= x.c[i].dossiers > 0 ||
			(o->unit != NULL && x.s.in[i] && strcmp(x.s.u[i].code, o->unit) == 0);
		k += touched[i];
	}
	memset(res, 0, sizeof(*res));
	res->o = *o;
	res->o.at = x.at;
	res->bands = bands;
	res->nbands = nbands;
	res->rows = k > 0 ? hl_arena_alloc(a, k * sizeof(*res->rows)) : NULL;
	if (k > 0 && res->rows == NULL) {
		rc = nomem(err);
		goto cleanup;
	}
	for (size_t i = 0; i < x.s.n; i++) {
		struct sc_row *w;

		if (!touched[i])
			continue;
		w = &res->rows[res->nrows++];
		w->unit = &x.s.u[i];
		w->c = x.c[i];
		s766_ratios(&w->c, &w->r);
		w->points = s766_points(bands, nbands, &w->r, &w->has_points);
	}
	if (res->nrows > 1)
		qsort(res->rows, res->nrows, sizeof(*res->rows), cmp_row);
	*out = res;
cleanup:
	cal_free(cal);
	return rc;
}

void sc_csv(FILE *f, const struct sc_result *r)
{
	fputs("unit,dossiers,on_time_pct,avg_days,feedback,feedback_on_time_pct,"
	      "feedback_satisfied_pct,dossier_satisfied_pct",
		f);
	fputs(r->nbands > 0 ? ",points\n" : "\n", f);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct sc_row *w = &r->rows[i];

		csvout_cell(f, w->unit->code);
		fprintf(f, ",%lld", (long long)w->c.dossiers);
		csvout_num(f, w->r.has[S766_ON_TIME], w->r.v[S766_ON_TIME]);
		csvout_num(f, w->r.has[S766_AVG_DAYS], w->r.v[S766_AVG_DAYS]);
		fprintf(f, ",%lld", (long long)w->c.feedback);
		csvout_num(f, w->r.has[S766_FB_ON_TIME], w->r.v[S766_FB_ON_TIME]);
		csvout_num(f, w->r.has[S766_FB_SATISFIED], w->r.v[S766_FB_SATISFIED]);
		csvout_num(f, w->r.has[S766_DOS_SATISFIED], w->r.v[S766_DOS_SATISFIED]);
		if (r->nbands > 0)
			csvout_num(f, w->has_points, w->points);
		fputc('\n', f);
	}
}

static int set_num(json_t *o, const char *key, bool have, double v)
{
	return json_object_set_new(o, key, have ? json_real(v) : json_null());
}

json_t *sc_json(const struct sc_result *r)
{
	char first[16], last[16], at[32];
	json_t *root = json_object(), *rows = json_array();
	int bad = root == NULL || rows == NULL;

	hl_day_iso(r->o.period.first, first, sizeof(first));
	hl_day_iso(r->o.period.last, last, sizeof(last));
	hl_clock_fmt_minute(r->o.at, at, sizeof(at));
	bad = bad || json_object_set_new(root, "first", json_string(first)) != 0 ||
		json_object_set_new(root, "last", json_string(last)) != 0 ||
		json_object_set_new(root, "at", json_string(at)) != 0 ||
		json_object_set(root, "rows", rows) != 0;
	for (size_t i = 0; !bad && i < r->nrows; i++) {
		const struct sc_row *w = &r->rows[i];
		json_t *o = json_object();

		bad = o == NULL || json_array_append_new(rows, o) != 0 ||
			json_object_set_new(o, "unit", json_string(w->unit->code)) != 0 ||
			json_object_set_new(o, "name", json_string(w->unit->name)) != 0 ||
			json_object_set_new(o, "dossiers", json_integer(w->c.dossiers)) != 0 ||
			json_object_set_new(o, "feedback", json_integer(w->c.feedback)) != 0;
		for (int k = 0; !bad && k < S766_NRATIOS; k++)
			bad = set_num(o, s766_ratio_code((enum s766_ratio)k), w->r.has[k],
				      w->r.v[k]) != 0;
		if (!bad && r->nbands > 0)
			bad = set_num(o, "points", w->has_points, w->points) != 0;
	}
	json_decref(rows);
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}

/* ---- the points table ---- */

/* A number with a decimal point or comma ("87,5"), whole cell. */
static bool parse_num(const char *s, double *out)
{
	char buf[64], *end;
	size_t n = strlen(s);

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n + 1);
	for (char *c = buf; *c != '\0'; c++)
		if (*c == ',')
			*c = '.';
	errno = 0;
	*out = strtod(buf, &end);
	return errno == 0 && *end == '\0' && end != buf && *out == *out && *out >= -1e9 &&
		*out <= 1e9;
}

int sc_points_parse(FILE *f, const char *name, struct hl_arena *a, struct s766_band **out,
	size_t *n, struct hl_err *err)
{
	struct csvr *r = NULL;
	struct csvr_record rec;
	struct s766_band *b = hl_arena_alloc(a, POINTS_MAX * sizeof(*b));
	int col[3] = {-1, -1, -1}, rc;
	static const char *const heads[3] = {"ratio", "bound", "points"};

	*out = NULL;
	*n = 0;
	if (b == NULL)
		return nomem(err);
	rc = csvr_open(f, name, &r, err);
	if (rc == HL_OK && (rc = csvr_next(r, &rec, err)) == 1) {
		for (int k = 0; k < 3; k++)
			if ((col[k] = csvr_col(&rec, heads[k])) < 0)
				rc = hl_err_set(err, HL_EINVAL, name,
					"%s: dòng 1: thiếu cột %s (tiêu đề phải là "
					"ratio,bound,points)",
					name, heads[k]);
	} else if (rc == 0) {
		rc = hl_err_set(err, HL_EINVAL, name,
			"%s: tệp rỗng (thiếu dòng tiêu đề "
			"ratio,bound,points)",
			name);
	}
	while (rc == 1 && (rc = csvr_next(r, &rec, err)) == 1) {
		const char *c[3];
		int ratio;

		if (rec.problem != NULL) {
			rc = hl_err_set(err, HL_EINVAL, name, "%s: dòng %ld: %s", name, rec.line,
				rec.problem);
			break;
		}
		for (int k = 0; k < 3; k++)
			c[k] = col[k] < rec.ncells ? rec.cells[col[k]] : "";
		if (*n == POINTS_MAX) {
			rc = hl_err_set(err, HL_ELIMIT, name, "%s: quá %d dòng", name, POINTS_MAX);
			break;
		}
		ratio = s766_ratio_parse(c[0]);
		if (ratio < 0) {
			rc = hl_err_set(err, HL_EINVAL, name,
				"%s: dòng %ld, cột %d: '%s' không phải tỷ lệ nào (on_time_pct, "
				"avg_days, feedback_on_time_pct, feedback_satisfied_pct, "
				"dossier_satisfied_pct)",
				name, rec.line, col[0] + 1, c[0]);
			break;
		}
		b[*n].ratio = (enum s766_ratio)ratio;
		for (int k = 1; k < 3; k++)
			if (!parse_num(c[k], k == 1 ? &b[*n].bound : &b[*n].points)) {
				rc = hl_err_set(err, HL_EINVAL, name,
					"%s: dòng %ld, cột %d: '%s' không phải một số", name,
					rec.line, col[k] + 1, c[k]);
				break;
			}
		if (rc == 1)
			(*n)++;
	}
	csvr_free(r);
	if (rc != 0 && rc != 1)
		return rc;
	*out = b;
	return HL_OK;
}

int sc_points_load(struct store *st, struct hl_arena *a, struct s766_band **out, size_t *n,
	struct hl_err *err)
{
	struct store_points *p = hl_arena_alloc(a, sizeof(*p));
	FILE *f;
	int rc;

	*out = NULL;
	*n = 0;
	if (p == NULL)
		return nomem(err);
	rc = STORE(st, reports, points_get, p, err);
	if (rc == HL_ENOTFOUND) {
		hl_err_clear(err);
		return HL_OK;
	}
	if (rc != HL_OK)
		return rc;
	if ((f = fmemopen(p->csv, strlen(p->csv), "r")) == NULL)
		return nomem(err);
	rc = sc_points_parse(f, "bảng điểm đã nạp", a, out, n, err);
	fclose(f);
	return rc;
}

int sc_points_install(struct store *st, const char *src, const char *who, struct hl_arena *a,
	size_t *n, struct hl_err *err)
{
	struct s766_band *b = NULL;
	char *csv = NULL;
	size_t len = 0;
	FILE *in = NULL, *f = NULL;
	int rc = HL_OK;

	*n = 0;
	if (src != NULL) {
		if ((in = fopen(src, "r")) == NULL)
			return hl_err_set(err, HL_EIO, src, "không mở được %s: %s", src,
				strerror(errno));
		rc = sc_points_parse(in, src, a, &b, n, err);
		fclose(in);
		/* stored as one CSV of our own: the bands as parsed */
		if (rc == HL_OK && (f = open_memstream(&csv, &len)) == NULL)
			rc = nomem(err);
		if (rc == HL_OK) {
			fputs("ratio,bound,points\n", f);
			for (size_t i = 0; i < *n; i++)
				fprintf(f, "%s,%.15g,%.15g\n", s766_ratio_code(b[i].ratio),
					b[i].bound, b[i].points);
			if (fclose(f) != 0)
				rc = nomem(err);
		}
	}
	if (rc == HL_OK && (rc = store_begin(st, err)) == HL_OK) {
		rc = STORE(st, reports, points_put, csv, err);
		rc = audit_commit(st, rc, who, "score766.points",
			src != NULL ? src : "bỏ bảng điểm", err);
	}
	free(csv);
	return rc;
}
