/* test_workcal.c — the working calendar, data-driven from tests/data/calendar/:
 * decisions.csv (RULES.md §2's decided days, as an administrator would
 * import them), days.csv (every day of 2024–2026 that is not an ordinary
 * weekday or weekend, with its kind), deadlines.csv (hours, days and
 * elapsed time across lunch, nights, weekends, Tết, nghỉ bù, a decided day
 * off, a worked Saturday and seasons) and hours.csv (office hours specs,
 * good and bad). Then the usual Tết pattern, 24/11, contradictions, hours
 * rules by date and failing allocations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/workcal.h"
#include "io/csvread.h"

#define MAX_DECISIONS 64

/* Call fn on each data record of a CSV file under tests/data/calendar/;
 * returns how many. */
static int each_record(const char *name, void (*fn)(void *ctx, const struct csvr_record *rec),
	void *ctx)
{
	char path[256];
	struct csvr *r = NULL;
	struct csvr_record rec;
	struct hl_err err;
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "tests/data/calendar/%s", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(csvr_open(f, name, &r, &err), HL_OK);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	while (csvr_next(r, &rec, &err) == 1) {
		fn(ctx, &rec);
		n++;
	}
	csvr_free(r);
	fclose(f);
	return n;
}

static enum wc_kind kind_of(const char *s)
{
	static const char *const names[] = {NULL, "holiday", "compensatory", "day-off",
		"working-day", "disabled"};

	for (int k = WC_HOLIDAY; k <= WC_DISABLED; k++)
		if (strcmp(s, names[k]) == 0)
			return (enum wc_kind)k;
	fail_msg("unknown kind %s", s);
	return WC_HOLIDAY;
}

struct decisions {
	struct wc_entry e[MAX_DECISIONS];
	size_t n;
};

static void add_decision(void *ctx, const struct csvr_record *rec)
{
	struct decisions *d = ctx;
	struct wc_entry *e = &d->e[d->n++];

	assert_true(d->n <= MAX_DECISIONS);
	assert_true(hl_day_parse(rec->cells[0], &e->day));
	e->kind = kind_of(rec->cells[1]);
	snprintf(e->name, sizeof(e->name), "%s", rec->cells[2]);
}

/* The calendar of 2000–2100 with decisions.csv, culture day from cfrom. */
static struct wc_cal *build(int cfrom)
{
	static struct decisions d;
	struct wc_config cfg;
	struct wc_cal *c = NULL;
	struct hl_err err;

	d.n = 0;
	assert_true(each_record("decisions.csv", add_decision, &d) > 20);
	cfg.decisions = d.e;
	cfg.ndecisions = d.n;
	cfg.culture_day_from = cfrom;
	if (wc_build(&cfg, 2000, 2100, &c, &err) != HL_OK)
		fail_msg("wc_build: %s", err.msg);
	return c;
}

struct want_days {
	struct wc_entry e[128];
	size_t n;
};

static void add_day(void *ctx, const struct csvr_record *rec)
{
	struct want_days *w = ctx;
	struct wc_entry *e = &w->e[w->n++];

	assert_true(w->n <= 128);
	assert_true(hl_day_parse(rec->cells[0], &e->day));
	e->kind = kind_of(rec->cells[1]);
}

static void test_days_2024_2026(void **state)
{
	static struct want_days w;
	struct wc_cal *c = build(0);
	struct hl_err err;
	size_t k = 0;

	(void)state;
	each_record("days.csv", add_day, &w);
	for (int y = 2024; y <= 2026; y++) {
		struct wc_entry *got = NULL;
		size_t n = 0;

		assert_int_equal(wc_year_entries(c, y, &got, &n, &err), HL_OK);
		for (size_t i = 0; i < n; i++, k++) {
			char a[16], b[16];

			if (k >= w.n || got[i].day != w.e[k].day || got[i].kind != w.e[k].kind)
				fail_msg("%d: entry %zu is %s kind %d, want %s kind %d", y, i,
					hl_day_iso(got[i].day, a, sizeof(a)), got[i].kind,
					k < w.n ? hl_day_iso(w.e[k].day, b, sizeof(b)) : "none",
					k < w.n ? (int)w.e[k].kind : 0);
			assert_true(got[i].name[0] != '\0');
			/* Only working days are worked. */
			assert_int_equal(wc_is_working_day(c, got[i].day),
				got[i].kind == WC_WORKING_DAY ||
					(got[i].kind == WC_DISABLED &&
						hl_day_weekday(got[i].day) < 5));
		}
		hl_free(got);
	}
	assert_int_equal(k, w.n);
	wc_free(c);
}

struct deadline_ctx {
	struct wc_cal *cal;
	int cases;
};

static void run_deadline(void *ctx, const struct csvr_record *rec)
{
	struct deadline_ctx *dc = ctx;
	const char *spec = rec->cells[0], *op = rec->cells[1], *what = rec->cells[5];
	struct wc_hours h;
	struct wc_sched s = {dc->cal, NULL, 0};
	struct hl_err err;
	int64_t from, out = -1;
	char got[32];
	int rc;

	assert_int_equal(rec->ncells, 6);
	if (spec[0] != '\0') {
		assert_int_equal(wc_hours_parse(spec, &h, &err), HL_OK);
		s.hours = &h;
		s.nhours = 1;
	}
	assert_true(hl_minute_parse(rec->cells[2], &from));
	if (strcmp(op, "between") == 0) {
		int64_t to;

		assert_true(hl_minute_parse(rec->cells[3], &to));
		rc = wc_between(&s, from, to, &out, &err);
		snprintf(got, sizeof(got), "%lld:%02lld", (long long)(out / 60),
			(long long)(out % 60));
	} else {
		long n = strtol(rec->cells[3], NULL, 10);

		if (strcmp(op, "days") == 0)
			rc = wc_add_days(&s, from, (int)n, &out, &err);
		else
			rc = wc_add_minutes(&s, from, strcmp(op, "hours") == 0 ? n * 60 : n, &out,
				&err);
		hl_day_iso((hl_day)(out / 1440), got, sizeof(got));
		snprintf(got + 10, sizeof(got) - 10, " %02d:%02d", (int)(out % 1440 / 60),
			(int)(out % 60));
	}
	assert_int_equal(rc, HL_OK);
	if (strcmp(got, rec->cells[4]) != 0)
		fail_msg("line %ld (%s): %s %s from %s: want %s, got %s", rec->line, what, op,
			rec->cells[3], rec->cells[2], rec->cells[4], got);
	dc->cases++;
}

static void test_deadlines(void **state)
{
	struct deadline_ctx dc = {build(0), 0};

	(void)state;
	each_record("deadlines.csv", run_deadline, &dc);
	assert_true(dc.cases >= 30);
	wc_free(dc.cal);
}

static void check_spec(void *ctx, const struct csvr_record *rec)
{
	struct wc_hours h;
	struct hl_err err;
	char buf[512];
	int rc = wc_hours_parse(rec->cells[0], &h, &err);

	(void)ctx;
	if (strcmp(rec->cells[1], "1") == 0) {
		if (rc != HL_OK)
			fail_msg("'%s' should parse: %s", rec->cells[0], err.msg);
		assert_string_equal(wc_hours_format(&h, buf, sizeof(buf)), rec->cells[2]);
		assert_int_equal(h.from, HL_DAY_NONE);
	} else {
		if (rc != HL_EINVAL)
			fail_msg("'%s' should be refused", rec->cells[0]);
		/* The message says what is wrong and shows the right form. */
		assert_non_null(strstr(err.msg, "giờ làm việc"));
	}
}

static void test_hours_specs(void **state)
{
	struct wc_hours h, d;
	char buf[128];

	(void)state;
	assert_true(each_record("hours.csv", check_spec, NULL) >= 20);
	wc_hours_default(&d);
	assert_string_equal(wc_hours_format(&d, buf, sizeof(buf)), "07:30-11:30,13:30-17:00");
	assert_int_equal(wc_hours_parse(buf, &h, NULL), HL_OK);
	assert_memory_equal(&h, &d, sizeof(h));
	/* as people read them */
	assert_string_equal(wc_hours_describe(&d, buf, sizeof(buf)), "07:30–11:30, 13:30–17:00");
	assert_int_equal(wc_hours_parse("summer=04-01:07:00-11:30,13:30-17:00;"
					"winter=10-01:07:30-11:30",
				 &h, NULL),
		HL_OK);
	assert_string_equal(wc_hours_describe(&h, buf, sizeof(buf)),
		"mùa hè (từ 01/04): "
		"07:00–11:30, 13:30–17:00; mùa đông (từ 01/10): 07:30–11:30");
}

/* Times of day as people type them into the calendar page. */
static void test_time_typed(void **state)
{
	static const struct {
		const char *s;
		int m;
	} ok[] = {
		{"07:30", 450},
		{"7:30", 450},
		{"7h30", 450},
		{"7h", 420},
		{"7H05", 425},
		{"17.00", 1020},
		{" 13:30 ", 810},
		{"0:00", 0},
		{"24:00", 1440},
		{"7", 420},
	};
	static const char *const bad[] = {"", "h30", "7:3", "7:", "25:00", "24:01", "7:60",
		"07:30x", "7 giờ", "123:00", "-1:00"};
	int m;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (!wc_time_parse_vn(ok[i].s, &m))
			fail_msg("'%s' should be a time", ok[i].s);
		assert_int_equal(m, ok[i].m);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (wc_time_parse_vn(bad[i], &m))
			fail_msg("'%s' should not be a time", bad[i]);
	assert_string_equal(wc_kind_label(WC_COMPENSATORY), "nghỉ bù");
	assert_string_equal(wc_kind_label((enum wc_kind)99), "");
	assert_string_equal(wc_kind_code(WC_DAY_OFF), "day-off");
	assert_string_equal(wc_kind_code((enum wc_kind)0), "");
}

/* Without a decision, Tết is the last day of the year and mùng 1–4, with
 * nghỉ bù: 2027's falls Friday 05/02 to Tuesday 09/02. */
static void test_usual_tet(void **state)
{
	struct wc_cal *c = build(0);
	struct wc_entry *e = NULL;
	struct hl_err err;
	size_t n = 0, k = 0;
	static const struct {
		int d;
		enum wc_kind kind;
	} want[] = {
		{5, WC_HOLIDAY},
		{6, WC_HOLIDAY},
		{7, WC_HOLIDAY},
		{8, WC_HOLIDAY},
		{9, WC_HOLIDAY},
		{10, WC_COMPENSATORY},
		{11, WC_COMPENSATORY},
	};

	(void)state;
	assert_int_equal(wc_year_entries(c, 2027, &e, &n, &err), HL_OK);
	for (size_t i = 0; i < n; i++) {
		int y, m, d;

		hl_day_to_ymd(e[i].day, &y, &m, &d);
		if (m != 2 || d > 15)
			continue;
		assert_true(k < sizeof(want) / sizeof(want[0]));
		assert_int_equal(d, want[k].d);
		assert_int_equal(e[i].kind, want[k].kind);
		assert_non_null(strstr(e[i].name, "Tết Nguyên đán"));
		k++;
	}
	assert_int_equal(k, sizeof(want) / sizeof(want[0]));
	hl_free(e);
	wc_free(c);
}

static hl_day ymd(int y, int m, int d)
{
	hl_day out;

	assert_true(hl_day_from_ymd(y, m, d, &out));
	return out;
}

static enum wc_kind kind_on(const struct wc_cal *c, hl_day day)
{
	struct wc_entry *e = NULL;
	struct hl_err err;
	size_t n = 0;
	int y, m, d;
	enum wc_kind k = 0;

	hl_day_to_ymd(day, &y, &m, &d);
	assert_int_equal(wc_year_entries(c, y, &e, &n, &err), HL_OK);
	for (size_t i = 0; i < n; i++)
		if (e[i].day == day)
			k = e[i].kind;
	hl_free(e);
	return k;
}

/* 24/11 is listed but worked until turned on; then a day off with nghỉ bù. */
static void test_culture_day(void **state)
{
	struct wc_cal *off = build(0), *on = build(2024);

	(void)state;
	assert_int_equal(kind_on(off, ymd(2025, 11, 24)), WC_DISABLED);
	assert_true(wc_is_working_day(off, ymd(2025, 11, 24)));
	assert_int_equal(kind_on(on, ymd(2023, 11, 24)), WC_DISABLED);
	assert_int_equal(kind_on(on, ymd(2025, 11, 24)), WC_HOLIDAY);
	assert_false(wc_is_working_day(on, ymd(2025, 11, 24)));
	/* 24/11/2024 is a Sunday. */
	assert_int_equal(kind_on(on, ymd(2024, 11, 24)), WC_HOLIDAY);
	assert_int_equal(kind_on(on, ymd(2024, 11, 25)), WC_COMPENSATORY);
	assert_false(wc_is_working_day(on, ymd(2024, 11, 25)));
	wc_free(off);
	wc_free(on);
}

static void test_bad_config(void **state)
{
	struct wc_entry e[2];
	struct wc_config cfg = {e, 2, 0};
	struct wc_cal *c = NULL;
	struct hl_err err;

	(void)state;
	memset(e, 0, sizeof(e));
	/* Saturday 04/05/2024 both worked and off. */
	e[0].day = e[1].day = ymd(2024, 5, 4);
	e[0].kind = WC_WORKING_DAY;
	e[1].kind = WC_HOLIDAY;
	assert_int_equal(wc_build(&cfg, 2000, 2100, &c, &err), HL_EINVAL);
	assert_null(c);
	assert_non_null(strstr(err.msg, "2024-05-04"));
	cfg.ndecisions = 1;
	e[0].kind = WC_DAY_OFF;
	assert_int_equal(wc_build(&cfg, 2000, 2100, &c, &err), HL_EINVAL);
	e[0].day = ymd(2024, 5, 6);
	e[0].kind = WC_WORKING_DAY;
	assert_int_equal(wc_build(&cfg, 2000, 2100, &c, &err), HL_EINVAL);
	e[0].kind = WC_COMPENSATORY;
	assert_int_equal(wc_build(&cfg, 2000, 2100, &c, &err), HL_EINVAL);
	cfg.ndecisions = 0;
	assert_int_equal(wc_build(&cfg, 2100, 2000, &c, &err), HL_EINVAL);
	assert_int_equal(wc_build(&cfg, 1900, 2000, &c, &err), HL_EINVAL);
	assert_int_equal(wc_build(&cfg, 2000, 2200, &c, &err), HL_EINVAL);
	assert_int_equal(wc_build(&cfg, 1950, 2150, &c, &err), HL_EINVAL);
	assert_null(c);
}

/* Hours rules by date: a unit moves to 17:30 from 2026-01-01. */
static void test_rules_by_date(void **state)
{
	struct wc_cal *c = build(0);
	struct wc_hours h[2];
	struct wc_sched s = {c, h, 2};
	struct hl_err err;
	int64_t from, out;

	(void)state;
	wc_hours_default(&h[0]);
	assert_int_equal(wc_hours_parse("07:30-11:30,13:30-17:30", &h[1], &err), HL_OK);
	h[1].from = ymd(2026, 1, 1);
	assert_int_equal(wc_hours_on(&s, ymd(2025, 12, 31))->span[1].close, 17 * 60);
	assert_int_equal(wc_hours_on(&s, ymd(2026, 1, 1))->span[1].close, 17 * 60 + 30);
	/* Wednesday 31/12/2025 16:00 + 2 h: 1 h that day, Thursday 01/01 is a
	 * holiday, Friday 02/01 a day off, Monday 05/01 07:30 + 1 h. */
	assert_true(hl_minute_parse("2025-12-31 16:00", &from));
	assert_int_equal(wc_add_minutes(&s, from, 120, &out, &err), HL_OK);
	assert_int_equal(out, (int64_t)ymd(2026, 1, 5) * 1440 + 8 * 60 + 30);
	/* A rule that starts later leaves the default before it. */
	s.hours = &h[1];
	s.nhours = 1;
	assert_int_equal(wc_hours_on(&s, ymd(2025, 6, 2))->span[1].close, 17 * 60);
	wc_free(c);
}

static void test_edges(void **state)
{
	struct wc_cal *c = build(0);
	struct wc_sched s = {c, NULL, 0};
	struct hl_err err;
	int64_t out, t;
	hl_day d;
	int y0, y1;

	(void)state;
	wc_range(c, &y0, &y1);
	assert_int_equal(y0, 2000);
	assert_int_equal(y1, 2100);
	/* Friday 26/04/2024: the next working day is Thursday 02/05 (Saturday 04/05
	 * is worked), and the one before Monday 06/05 is that Saturday. */
	assert_true(wc_next_working_day(c, ymd(2024, 4, 26), 1, &d));
	assert_int_equal(d, ymd(2024, 5, 2));
	assert_true(wc_next_working_day(c, ymd(2024, 5, 6), -1, &d));
	assert_int_equal(d, ymd(2024, 5, 4));
	assert_true(wc_next_working_day(c, ymd(2024, 5, 6), -2, &d));
	assert_int_equal(d, ymd(2024, 5, 3));
	assert_false(wc_next_working_day(c, ymd(2100, 12, 31), 1, &d));
	assert_false(wc_next_working_day(c, ymd(2000, 1, 3), -2, &d));
	assert_false(wc_next_working_day(c, ymd(2024, 5, 6), 0, &d));
	assert_false(wc_is_working_day(c, ymd(1999, 12, 31)));
	/* Past the built years. */
	assert_true(hl_minute_parse("2100-12-31 16:00", &t));
	assert_int_equal(wc_add_minutes(&s, t, 600, &out, &err), HL_EINVAL);
	assert_int_equal(wc_add_days(&s, t, 1, &out, &err), HL_EINVAL);
	assert_int_equal(wc_add_minutes(&s, t, -1, &out, &err), HL_EINVAL);
	assert_int_equal(wc_add_days(&s, t, -1, &out, &err), HL_EINVAL);
	assert_true(hl_minute_parse("2099-12-31 16:00", &t));
	assert_int_equal(wc_between(&s, t, t + 1440 * 400, &out, &err), HL_EINVAL);
	/* Zero days: the close of the start day, or of the next working day. */
	assert_true(hl_minute_parse("2024-03-09 10:00", &t));
	assert_int_equal(wc_add_days(&s, t, 0, &out, &err), HL_OK);
	assert_int_equal(out, (int64_t)ymd(2024, 3, 11) * 1440 + 17 * 60);
	assert_int_equal(wc_year_entries(c, 2101, &(struct wc_entry *){NULL}, &(size_t){0}, &err),
		HL_EINVAL);
	wc_free(c);
	wc_free(NULL);
}

/* A failing allocation at any point: HL_ENOMEM, nothing leaked. */
static void test_no_memory(void **state)
{
	struct wc_config cfg = {NULL, 0, 2025};
	struct wc_cal *c = NULL;
	struct hl_err err;
	int rc;

	(void)state;
	for (long n = 1; n < 20; n++) {
		hl_mem_fail_after(n);
		rc = wc_build(&cfg, 2000, 2100, &c, &err);
		hl_mem_fail_after(0);
		if (rc == HL_OK) {
			wc_free(c);
			return;
		}
		assert_int_equal(rc, HL_ENOMEM);
		assert_null(c);
	}
	fail_msg("wc_build never succeeded");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_2024_2026),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_hours_specs),
		cmocka_unit_test(test_time_typed),
		cmocka_unit_test(test_usual_tet),
		cmocka_unit_test(test_culture_day),
		cmocka_unit_test(test_bad_config),
		cmocka_unit_test(test_rules_by_date),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_no_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
