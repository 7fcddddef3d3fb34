/* calendar.c — the working calendar as the store holds it (calendar.h): the
 * government decisions shipped with hailong (RULES.md §2, 2024–2026) merged
 * with the imported ones, the 24/11 setting and every unit's office hours,
 * turned into the core's calendar (core/workcal.h); the decision CSV import;
 * and the audited writes of hours and of the 24/11 setting. */
#include "svc/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "store/store.h"
#include "svc/audit.h"
#include "svc/csvimport.h"
#include "svc/units.h"

#define ARENA_CAP ((size_t)64 << 20)
#define IMPORT_MAX_ROWS 5000 /* a year's decision is a few lines */
#define DEPTH_MAX 64         /* unit ancestry deeper than this is a cycle */

/* The decided days of RULES.md §2 (VPCP 8662/2023, 8726/2024, 2450/2024,
 * 12729/2025; TB 6150/2024, 9441/2025). The rest of each year's holidays
 * follow the Labour Code, which the core computes. 2026's Quốc khánh swap is
 * a proposal [P]: an import of the final decision replaces it. */
static const struct {
	const char *date;
	enum wc_kind kind;
	const char *name;
} shipped[] = {
	{"2024-02-08", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2024-02-09", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2024-02-12", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2024-02-13", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2024-02-14", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2024-04-29", WC_DAY_OFF, "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/05)"},
	{"2024-05-04", WC_WORKING_DAY, "Làm bù cho thứ Hai 29/04"},
	{"2025-01-27", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2025-01-28", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2025-01-29", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2025-01-30", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2025-01-31", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2025-04-26", WC_WORKING_DAY, "Làm bù cho thứ Sáu 02/05"},
	{"2025-05-02", WC_DAY_OFF, "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/04)"},
	{"2026-01-02", WC_DAY_OFF, "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01)"},
	{"2026-01-10", WC_WORKING_DAY, "Làm bù cho thứ Sáu 02/01"},
	{"2026-02-16", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2026-02-17", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2026-02-18", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2026-02-19", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2026-02-20", WC_HOLIDAY, "Tết Nguyên đán"},
	{"2026-08-22", WC_WORKING_DAY, "Làm bù cho thứ Hai 31/08 (dự kiến)"},
	{"2026-08-31", WC_DAY_OFF, "Nghỉ hoán đổi dịp Quốc khánh (dự kiến; làm bù thứ Bảy 22/08)"},
};

#define NSHIPPED (sizeof(shipped) / sizeof(shipped[0]))

/* A unit's rules after inheritance: its own, after those of its parent's
 * chain that start before them. */
struct unit_sched {
	int64_t id, parent_id;
	const struct wc_hours *own;
	size_t nown;
	const struct wc_hours *hours; /* set by resolve */
	size_t nhours;
	bool resolving, done;
};

struct cal {
	struct hl_arena *a;
	struct wc_cal *days;
	const struct wc_hours *global; /* the rules of "every unit" (unit 0) */
	size_t nglobal;
	struct unit_sched *units; /* by id */
	size_t nunits;
	int culture_day_from; /* 0 = 24/11 not in force */
};

static int nomem(struct hl_err *err)
{
	return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nạp lịch làm việc");
}

/* The shipped lines whose day no imported line names, then the imported. */
static int merge_decisions(struct hl_arena *a, const struct store_cal_day *imp, size_t nimp,
	struct wc_entry **out, size_t *n, struct hl_err *err)
{
	struct wc_entry *e = hl_arena_alloc(a, (NSHIPPED + nimp + 1) * sizeof(*e));
	size_t k = 0;

	if (e == NULL)
		return nomem(err);
	for (size_t i = 0; i < NSHIPPED; i++) {
		hl_day d;
		bool named = false;

		hl_day_parse(shipped[i].date, &d);
		for (size_t j = 0; j < nimp && !named; j++)
			named = imp[j].day == d;
		if (named)
			continue;
		e[k].day = d;
		e[k].kind = shipped[i].kind;
		snprintf(e[k].name, sizeof(e[k].name), "%s", shipped[i].name);
		k++;
	}
	for (size_t j = 0; j < nimp; j++, k++) {
		e[k].day = imp[j].day;
		e[k].kind = (enum wc_kind)imp[j].kind;
		snprintf(e[k].name, sizeof(e[k].name), "%s", imp[j].name);
	}
	*out = e;
	*n = k;
	return HL_OK;
}

static int cmp_unit(const void *a, const void *b)
{
	const struct unit_sched *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static struct unit_sched *find_unit(const struct cal *c, int64_t id)
{
	struct unit_sched key = {0};

	key.id = id;
	return bsearch(&key, c->units, c->nunits, sizeof(key), cmp_unit);
}

/* The rules of u: the inherited ones (its parent's, or the global ones at
 * the root) that start before u's first own rule, then u's own. */
static int resolve(struct cal *c, struct unit_sched *u, int depth, struct hl_err *err)
{
	const struct wc_hours *inh = c->global;
	size_t ninh = c->nglobal, keep = 0;
	struct unit_sched *p;
	struct wc_hours *h;
	int rc;

	if (u->done)
		return HL_OK;
	if (u->resolving || depth > DEPTH_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"cây đơn vị có vòng lặp ở đơn vị số %lld", (long long)u->id);
	u->resolving = true;
	p = u->parent_id != 0 ? find_unit(c, u->parent_id) : NULL;
	if (p != NULL) {
		if ((rc = resolve(c, p, depth + 1, err)) != HL_OK)
			return rc;
		inh = p->hours;
		ninh = p->nhours;
	}
	if (u->nown == 0) {
		u->hours = inh;
		u->nhours = ninh;
	} else {
		while (keep < ninh && inh[keep].from < u->own[0].from)
			keep++;
		h = hl_arena_alloc(c->a, (keep + u->nown) * sizeof(*h));
		if (h == NULL)
			return nomem(err);
		if (keep > 0)
			memcpy(h, inh, keep * sizeof(*h));
		memcpy(h + keep, u->own, u->nown * sizeof(*h));
		u->hours = h;
		u->nhours = keep + u->nown;
	}
	u->resolving = false;
	u->done = true;
	return HL_OK;
}

/* Parse the stored rules (by unit id, then from) and attach them. */
static int load_hours(struct cal *c, struct store *st, struct hl_err *err)
{
	struct store_cal_hours *h = NULL;
	struct wc_hours *rules;
	size_t n = 0;
	int rc = STORE(st, calendar, cal_hours_list, c->a, &h, &n, err);

	if (rc != HL_OK || n == 0)
		return rc;
	rules = hl_arena_alloc(c->a, n * sizeof(*rules));
	if (rules == NULL)
		return nomem(err);
	for (size_t i = 0; i < n; i++) {
		struct unit_sched *u;

		if (wc_hours_parse(h[i].spec, &rules[i], err) != HL_OK)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"giờ làm việc đã lưu của đơn vị số "
				"%lld hỏng: %s",
				(long long)h[i].unit_id, err->msg);
		rules[i].from = h[i].from;
		if (h[i].unit_id == 0) {
			if (c->nglobal++ == 0)
				c->global = &rules[i];
		} else if ((u = find_unit(c, h[i].unit_id)) != NULL) {
			if (u->nown++ == 0)
				u->own = &rules[i];
		}
	}
	return HL_OK;
}

int cal_load(struct store *st, struct cal **out, struct hl_err *err)
{
	struct cal *c = NULL;
	struct store_cal_day *imp = NULL;
	struct store_unit *units = NULL;
	struct wc_config cfg = {0};
	struct wc_entry *dec = NULL;
	size_t nimp = 0, nu = 0;
	int rc;

	*out = NULL;
	c = hl_calloc(1, sizeof(*c));
	if (c == NULL || (c->a = hl_arena_new(ARENA_CAP)) == NULL) {
		rc = nomem(err);
		goto cleanup;
	}
	rc = STORE(st, calendar, cal_day_list, c->a, &imp, &nimp, err);
	if (rc == HL_OK)
		rc = merge_decisions(c->a, imp, nimp, &dec, &cfg.ndecisions, err);
	if (rc == HL_OK)
		rc = STORE(st, calendar, cal_culture_get, &cfg.culture_day_from, err);
	if (rc != HL_OK)
		goto cleanup;
	cfg.decisions = dec;
	c->culture_day_from = cfg.culture_day_from;
	if ((rc = wc_build(&cfg, CAL_YEAR_MIN, CAL_YEAR_MAX, &c->days, err)) != HL_OK)
		goto cleanup;
	if ((rc = STORE(st, units, unit_list, c->a, &units, &nu, err)) != HL_OK)
		goto cleanup;
	c->units = hl_arena_alloc(c->a, (nu + 1) * sizeof(*c->units));
	if (c->units == NULL) {
		rc = nomem(err);
		goto cleanup;
	}
	for (size_t i = 0; i < nu; i++) {
		memset(&c->units[i], 0, sizeof(c->units[i]));
		c->units[i].id = units[i].id;
		c->units[i].parent_id = units[i].parent_id;
	}
	c->nunits = nu;
	qsort(c->units, nu, sizeof(*c->units), cmp_unit);
	if ((rc = load_hours(c, st, err)) != HL_OK)
		goto cleanup;
	for (size_t i = 0; rc == HL_OK && i < nu; i++)
		rc = resolve(c, &c->units[i], 0, err);
	if (rc == HL_OK) {
		*out = c;
		c = NULL;
	}
cleanup:
	cal_free(c);
	return rc;
}

void cal_free(struct cal *c)
{
	if (c == NULL)
		return;
	wc_free(c->days);
	hl_arena_free(c->a);
	hl_free(c);
}

const struct wc_cal *cal_days(const struct cal *c)
{
	return c->days;
}

int cal_unit(const struct cal *c, int64_t unit_id, struct wc_sched *out, struct hl_err *err)
{
	const struct unit_sched *u;

	out->cal = c->days;
	out->hours = c->global;
	out->nhours = c->nglobal;
	if (unit_id == 0)
		return HL_OK;
	if ((u = find_unit(c, unit_id)) == NULL)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có đơn vị số %lld",
			(long long)unit_id);
	out->hours = u->hours;
	out->nhours = u->nhours;
	return HL_OK;
}

const struct wc_hours *cal_own_hours(const struct cal *c, int64_t unit_id, size_t *n)
{
	const struct unit_sched *u = unit_id != 0 ? find_unit(c, unit_id) : NULL;

	*n = unit_id == 0 ? c->nglobal : u != NULL ? u->nown : 0;
	return unit_id == 0 ? c->global : u != NULL ? u->own : NULL;
}

int cal_culture_from(const struct cal *c)
{
	return c->culture_day_from;
}

const struct wc_hours *cal_hours_in_force(const struct wc_sched *s, hl_day day)
{
	const struct wc_hours *h = NULL;

	for (size_t i = 0; i < s->nhours && s->hours[i].from <= day; i++)
		h = &s->hours[i];
	return h;
}

/* ---- writes ---- */

static int put_hours(struct store *st, void *arg, struct hl_err *err)
{
	return STORE(st, calendar, cal_hours_put, arg, err);
}

static int set_hours(struct store *st, bool held, const char *who, int64_t unit_id,
	const char *unit_code, hl_day from, const char *spec, struct hl_err *err)
{
	struct store_cal_hours h;
	struct wc_hours parsed;
	char detail[700], day[16];
	int rc = wc_hours_parse(spec, &parsed, err);

	if (rc != HL_OK)
		return rc;
	memset(&h, 0, sizeof(h));
	h.unit_id = unit_id;
	h.from = from;
	wc_hours_format(&parsed, h.spec, sizeof(h.spec));
	snprintf(detail, sizeof(detail), "%s, từ %s: %s", unit_id != 0 ? unit_code : "mọi đơn vị",
		from == HL_DAY_NONE ? "trước đến nay" : hl_day_iso(from, day, sizeof(day)), h.spec);
	return audit_tx(st, held, put_hours, &h, who, "calendar.hours", detail, err);
}

int cal_set_hours(struct store *st, const char *who, int64_t unit_id, const char *unit_code,
	hl_day from, const char *spec, struct hl_err *err)
{
	return set_hours(st, false, who, unit_id, unit_code, from, spec, err);
}

int cal_set_hours_by(struct store *st, const struct scope_actor *by, const char *unit_code,
	hl_day from, const char *spec, struct hl_err *err)
{
	struct store_unit u = {0};
	int rc;

	if (unit_code == NULL || unit_code[0] == '\0') {
		if (!scope_global(by))
			return hl_err_set(err, HL_EPERM, "unit",
				"chỉ quản trị toàn hệ thống mới đặt "
				"giờ làm việc chung cho mọi đơn vị");
	} else if ((rc = scope_get(st, by, unit_code, "unit", &u, err)) != HL_OK) {
		return rc;
	}
	return set_hours(st, true, by->who, u.id, u.code, from, spec, err);
}

static int put_culture(struct store *st, void *arg, struct hl_err *err)
{
	return STORE(st, calendar, cal_culture_set, *(const int *)arg, err);
}

static int set_culture_day(struct store *st, bool held, const char *who, int from_year,
	struct hl_err *err)
{
	char detail[96];

	if (from_year != 0 && (from_year < CAL_YEAR_MIN || from_year > CAL_YEAR_MAX))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "năm %d ngoài lịch (%d–%d)", from_year,
			CAL_YEAR_MIN, CAL_YEAR_MAX);
	if (from_year == 0)
		snprintf(detail, sizeof(detail), "24/11 không phải ngày nghỉ");
	else
		snprintf(detail, sizeof(detail), "24/11 là ngày nghỉ từ năm %d", from_year);
	return audit_tx(st, held, put_culture, &from_year, who, "calendar.culture-day", detail,
		err);
}

int cal_set_culture_day(struct store *st, const char *who, int from_year, struct hl_err *err)
{
	return set_culture_day(st, false, who, from_year, err);
}

int cal_set_culture_day_by(struct store *st, const struct scope_actor *by, int from_year,
	struct hl_err *err)
{
	if (!scope_global(by))
		return hl_err_set(err, HL_EPERM, "culture",
			"chỉ quản trị toàn hệ thống mới đổi "
			"ngày nghỉ 24/11");
	return set_culture_day(st, true, by->who, from_year, err);
}

/* ---- the decision import ---- */

struct row {
	struct store_cal_day d;
	long line;
};

static const struct csvi_msgs msgs = {
	.empty = "tệp trống: thiếu dòng tiêu đề date,kind,name",
	.header = "%s",
	.unknown = "cột '%s' không phải cột đã biết (cần %s)",
	.stop_when_full = true,
};

enum { C_DATE, C_KIND, C_NAME, C_NCOLS };

static const struct csvi_col cols[C_NCOLS] = {
	{CSVI_COL("date", true)},
	{CSVI_COL("kind", true)},
	{CSVI_COL("name", false), CSVI_TEXT_IN(struct row, d.name),
		.bad = "tên dài %zu byte, tối đa %zu byte"},
};

static const struct csvi_spec spec = {cols, C_NCOLS, &msgs, NULL, NULL};

/* The rows read so far. */
struct rows {
	struct row *r;
	size_t n;
};

/* Check one data record into r; false (with problems) when it is bad. */
static bool read_row(struct csvi *im, struct row *r, const struct row *prev, size_t nprev)
{
	const char *date = csvi_cell(im, C_DATE), *kind = csvi_cell(im, C_KIND);
	static const char *const wd[7] = {"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu",
		"thứ Bảy", "Chủ nhật"};
	bool ok = true;
	int k = 0, w, y, m, dd;

	memset(r, 0, sizeof(*r));
	r->line = im->rec.line;
	if (!hl_day_parse(date, &r->d.day)) {
		csvi_problem(im, "date",
			"ngày '%.40s' không hợp lệ (cần YYYY-MM-DD và là "
			"ngày có thật)",
			date);
		return false;
	}
	hl_day_to_ymd(r->d.day, &y, &m, &dd);
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX) {
		csvi_problem(im, "date", "ngày %s ngoài lịch (năm %d–%d)", date, CAL_YEAR_MIN,
			CAL_YEAR_MAX);
		return false;
	}
	/* a decision may set every kind but the computed nghỉ bù */
	for (k = WC_HOLIDAY; k <= WC_WORKING_DAY; k++)
		if (k != WC_COMPENSATORY && strcmp(kind, wc_kind_code((enum wc_kind)k)) == 0)
			break;
	if (k > WC_WORKING_DAY) {
		csvi_problem(im, "kind",
			"loại '%.40s' không có: dùng day-off (ngày thường "
			"được nghỉ), working-day (thứ Bảy hoặc Chủ nhật làm bù) hoặc holiday (ngày lễ)",
			kind);
		return false;
	}
	r->d.kind = k;
	w = hl_day_weekday(r->d.day);
	if (k == WC_DAY_OFF && w >= 5) {
		csvi_problem(im, "kind",
			"ngày %s là %s: day-off phải là ngày thường "
			"(thứ Hai–thứ Sáu)",
			date, wd[w]);
		ok = false;
	}
	if (k == WC_WORKING_DAY && w < 5) {
		csvi_problem(im, "kind",
			"ngày %s là %s: working-day phải là thứ Bảy hoặc "
			"Chủ nhật",
			date, wd[w]);
		ok = false;
	}
	ok &= csvi_parse(im, C_NAME, r);
	if (r->d.name[0] == '\0')
		snprintf(r->d.name, sizeof(r->d.name), "%s",
			k == WC_HOLIDAY         ? "Ngày lễ theo quyết định" :
				k == WC_DAY_OFF ? "Nghỉ theo quyết định" :
						  "Làm bù theo quyết định");
	for (size_t i = 0; i < nprev; i++)
		if (prev[i].d.day == r->d.day) {
			csvi_problem(im, "date", "ngày %s đã có ở dòng %ld", date, prev[i].line);
			ok = false;
			break;
		}
	return ok;
}

static int cal_row(struct csvi *im, void *ctx)
{
	struct rows *x = ctx;

	if (im->idx[C_DATE] < 0 || im->idx[C_KIND] < 0)
		return HL_OK;
	if (x->n == IMPORT_MAX_ROWS)
		csvi_problem(im, "", "tệp quá dài: tối đa %d dòng", IMPORT_MAX_ROWS);
	else if (read_row(im, &x->r[x->n], x->r, x->n))
		x->n++;
	return HL_OK;
}

int cal_import(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err)
{
	struct csvi im;
	struct rows x = {0};
	char detail[300];
	int rc = csvi_open(&im, st, f, o, &spec, false, rep, err);

	if (rc == HL_OK && (x.r = hl_malloc(IMPORT_MAX_ROWS * sizeof(*x.r))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập quyết định");
	if (rc == HL_OK)
		rc = csvi_header(&im);
	/* with a header, every row is checked whatever its problems */
	if (rc == HL_OK && im.header_read)
		rc = csvi_each(&im, cal_row, &x);
	if (rc == HL_OK && rep->nproblems == 0)
		rc = csvi_begin(&im);
	for (size_t i = 0; rc == HL_OK && rep->nproblems == 0 && i < x.n; i++)
		rc = STORE(st, calendar, cal_day_put, &x.r[i].d, err);
	snprintf(detail, sizeof(detail), "%s: %zu dòng", o->name != NULL ? o->name : "tệp", x.n);
	rc = csvi_finish(&im, rc, "calendar.import", detail);
	if (rc == HL_OK)
		rep->added = (long)x.n;
	if (rc == HL_EINVAL && rep->nproblems > 0)
		hl_err_clear(err);
	csvi_close(&im);
	hl_free(x.r);
	return rc;
}

int cal_culture_year(struct store *st, int *from_year, struct hl_err *err)
{
	return STORE(st, calendar, cal_culture_get, from_year, err);
}

int cal_hours_rules(struct store *st, struct hl_arena *a, struct store_cal_hours **out, size_t *n,
	struct hl_err *err)
{
	return STORE(st, calendar, cal_hours_list, a, out, n, err);
}
