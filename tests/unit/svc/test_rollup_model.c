/* test_rollup_model.c — the report model read from the (unit, month)
 * rollups equals the one read response by response, on the demo province
 * (tools/demo.h: mergers, several instruments' worth of questions, staff,
 * repeated comments): for years, a half, a quarter and a month, for the
 * province over its units, for a merged ward and a ward merged away, and
 * internal (per civil servant). Compared as rendered CSV, byte for byte,
 * plus what the CSV rounds. Then after `tallies rebuild`, after rollups are
 * cleared (a database older than them: the model falls back to the scan
 * and says so), and for a custom day range (always the scan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/arena.h"
#include "svc/report_model.h"
#include "report/render.h"
#include "store/store.h"
#include "tools/demo.h"
#include "svc/tallyacc.h"

struct fx {
	char dir[64], db[96];
	struct store *st;
	struct hl_err err;
	int first_year, last_year;
	long responses; /* the demo's, every one under khanh-hoa */
};

#define OK(f, call) \
	do { \
		int rc_ = (call); \
		if (rc_ != HL_OK) \
			fail_msg("%s: %s", #call, (f)->err.msg); \
	} while (0)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct demo_opts o = {.who = "test"};
	struct demo_summary sum = {0};

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/hl-rollup-test-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	if (store_open(f->db, &f->st, &f->err) != HL_OK ||
		demo_run(f->st, &o, &sum, NULL, &f->err) != HL_OK) {
		print_error("setup: %s\n", f->err.msg);
		return -1;
	}
	f->first_year = sum.first_year;
	f->last_year = sum.last_year;
	f->responses = sum.responses;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	store_close(f->st);
	snprintf(p, sizeof(p), "%s/t.db", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t.db-wal", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t.db-shm", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* The model for (period, unit or under) built one way, rendered as CSV into
 * a malloc'd string (*m gets the model, in a). */
static char *csv_of(struct fx *f, struct hl_arena *a, const char *period, const char *unit,
	const char *under, bool scan, struct rpt_model **m)
{
	struct rpt_opts o = {0};
	char path[128];
	FILE *fp;
	char *buf;
	long n;

	OK(f, hl_period_parse(period, &o.period, &f->err));
	o.unit = unit;
	o.under = under;
	o.internal = true;
	o.scan = scan;
	assert_true(hl_day_from_ymd(2025, 12, 25, &o.date));
	OK(f, rpt_build(f->st, a, &o, m, &f->err));
	snprintf(path, sizeof(path), "%s/%s.csv", f->dir, scan ? "scan" : "rollup");
	OK(f, rpt_render(*m, RPT_CSV, path, &f->err));
	fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	unlink(path);
	return buf;
}

/* Both ways agree on (period, scope); returns the responses counted. */
static int64_t agree(struct fx *f, const char *period, const char *unit, const char *under)
{
	struct hl_arena *a = hl_arena_new((size_t)1 << 28);
	struct rpt_model *r = NULL, *s = NULL;
	char *cr, *cs;
	int64_t n;

	assert_non_null(a);
	cr = csv_of(f, a, period, unit, under, false, &r);
	cs = csv_of(f, a, period, unit, under, true, &s);
	if (strcmp(cr, cs) != 0)
		fail_msg("%s %s: rollups and scan differ\n--- rollups:\n%s\n--- scan:\n%s", period,
			unit ? unit : under, cr, cs);
	assert_false(r->rollups_missing);
	assert_int_equal(r->responses, s->responses);
	assert_int_equal(r->nstaff, s->nstaff);
	for (int i = 0; i < r->nstaff; i++) {
		assert_int_equal(r->staff[i].n, s->staff[i].n);
		assert_true(r->staff[i].value - s->staff[i].value < 1e-9 &&
			s->staff[i].value - r->staff[i].value < 1e-9);
	}
	assert_int_equal(r->nthemes, s->nthemes);
	for (int i = 0; i < r->nthemes; i++) {
		assert_int_equal(r->themes[i].nexamples, s->themes[i].nexamples);
		for (int k = 0; k < r->themes[i].nexamples; k++)
			assert_string_equal(r->themes[i].example[k], s->themes[i].example[k]);
	}
	n = r->responses;
	free(cr);
	free(cs);
	hl_arena_free(a);
	return n;
}

/* agree() for the period year followed by part ("", "-H1", "-Q3", "-03"). */
static int64_t agree_at(struct fx *f, int year, const char *part, const char *unit,
	const char *under)
{
	char p[32];

	snprintf(p, sizeof(p), "%d%s", year, part);
	return agree(f, p, unit, under);
}

/* Besides both ways agreeing, the counts add up: the years to every response
 * of the demo, a year's halves to the year, the merged ward's quarters to its
 * year, a district's months (the year before its merger) to their year; so a
 * model empty both ways, or a period counted wrong both ways, fails. */
static void check_all(struct fx *f)
{
	int64_t total = 0, h1, h2, parts = 0, q3 = 0;
	int last = f->last_year;

	for (int y = f->first_year; y <= f->last_year; y++)
		total += agree_at(f, y, "", NULL, "khanh-hoa");
	assert_int_equal(total, f->responses);
	h1 = agree_at(f, last, "-H1", NULL, "khanh-hoa");
	h2 = agree_at(f, last, "-H2", NULL, "khanh-hoa");
	assert_true(h1 > 0 && h2 > 0);
	assert_int_equal(h1 + h2, agree_at(f, last, "", NULL, "khanh-hoa"));
	for (int q = 1; q <= 4; q++) { /* a merged ward: its predecessors count */
		char part[8];
		int64_t n;

		snprintf(part, sizeof(part), "-Q%d", q);
		n = agree_at(f, last, part, "bac-nha-trang", NULL);
		parts += n;
		q3 = q == 3 ? n : q3;
	}
	assert_true(q3 > 0);
	assert_int_equal(parts, agree_at(f, last, "", "bac-nha-trang", NULL));
	parts = 0;
	for (int m = 1; m <= 12; m++) {
		char part[8];

		snprintf(part, sizeof(part), "-%02d", m);
		parts += agree_at(f, last - 1, part, NULL, "nha-trang");
	}
	assert_int_equal(parts, agree_at(f, last - 1, "", NULL, "nha-trang"));
	assert_true(agree_at(f, last, "-03", NULL, "nha-trang") > 0);
	assert_true(agree_at(f, f->first_year, "", "tyt-bac-nha-trang", NULL) > 0);
}

static void test_same_model(void **state)
{
	check_all(*state);
}

static void test_after_rebuild(void **state)
{
	struct fx *f = *state;
	long n = 0;

	OK(f, tacc_rebuild(f->st, "test", &n, &f->err));
	assert_true(n > 0);
	check_all(f);
}

/* A database whose rollups were never built (made before they existed):
 * the scan answers, and the model says so; `tallies rebuild` builds them. The
 * old state is made with SQL, as the migration leaves such a database. */
static void test_missing_rollups(void **state)
{
	struct fx *f = *state;
	struct hl_arena *a = hl_arena_new((size_t)1 << 28);
	struct rpt_model *m = NULL;
	struct rpt_opts o = {0};
	sqlite3 *db = NULL;
	char p[32], *csv, *want;
	bool ready = true;
	long n = 0;

	assert_non_null(a);
	snprintf(p, sizeof(p), "%d", f->last_year);
	want = csv_of(f, a, p, NULL, "khanh-hoa", true, &m);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				 "UPDATE rollup_state SET ready = 0; DELETE FROM rollup_keys", NULL,
				 NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	OK(f, STORE(f->st, tallies, rollup_ready, &ready, &f->err));
	assert_false(ready);
	csv = csv_of(f, a, p, NULL, "khanh-hoa", false, &m);
	assert_true(m->rollups_missing);
	assert_string_equal(csv, want);
	free(csv);

	OK(f, tacc_rebuild(f->st, "test", &n, &f->err));
	OK(f, STORE(f->st, tallies, rollup_ready, &ready, &f->err));
	assert_true(ready);
	agree(f, p, NULL, "khanh-hoa");

	/* A custom range never uses them (and still counts). */
	snprintf(p, sizeof(p), "%d-01-15..%d-03-31", f->last_year, f->last_year);
	OK(f, hl_period_parse(p, &o.period, &f->err));
	o.under = "khanh-hoa";
	OK(f, rpt_build(f->st, a, &o, &m, &f->err));
	assert_true(m->responses > 0);
	free(want);
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_model),
		cmocka_unit_test(test_after_rebuild),
		cmocka_unit_test(test_missing_rollups),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
