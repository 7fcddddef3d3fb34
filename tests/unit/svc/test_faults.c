/* test_faults.c — fault injection as SQLite tests itself (issue 10): an
 * import, a report (PDF and XLSX from the model) and a burst of API-style
 * writes are run again and again, the Nth store call failing (store_fault.h)
 * or the Nth allocation failing (base/mem.h, which SQLite and jansson use
 * too), for N = 1, 2, 3, ... until the operation no longer reaches the
 * fault. Every run must end with an error that says something, or succeed;
 * the database must be whole afterwards (sound file, the rows all there or
 * none, tallies that count exactly the rows, no import left half-done); and
 * ASan must report no leak when the program exits.
 *
 * Each run starts from a copy of one template database. N is taken one by
 * one up to DENSE, then with a stride that keeps a scenario to about SAMPLES
 * runs (a report makes tens of thousands of allocations): the stride, N and
 * the count are printed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "core/period.h"
#include "svc/report_model.h"
#include "report/render.h"
#include "store/store.h"
#include "store/store_fault.h"
#include "svc/builtin.h"
#include "svc/dbcheck.h"
#include "svc/feedback.h"
#include "svc/import.h"
#include "svc/intake.h"
#include "svc/ingest.h"
#include "svc/tallyacc.h"

#define DENSE 100
#define SAMPLES 80
#define IMPORT_ROWS 40
#define BURST 4

static char dir[64], template_db[96], work_db[96], report_out[96];

/* ---- the template database ---- */

/* n responses with ids PREFIX1.., a year of one unit, every other with a comment. */
static char *responses_csv(const char *prefix, int n, size_t *len)
{
	size_t cap = 128 + (size_t)n * 128, o = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	o += (size_t)snprintf(s + o, cap - o,
		"id,unit,date,instrument,comment,TC1,HC1,PV1,KQ1,TT1\n");
	for (int i = 1; i <= n; i++)
		o += (size_t)snprintf(s + o, cap - o,
			"%s%d,VT,2024-%02d-%02d,sipas-5,%s,%d,%d,%d,4,5\n", prefix, i, i % 12 + 1,
			i % 28 + 1, i % 2 ? "Chờ đợi lâu quá" : "", i % 5 + 1, (i + 1) % 5 + 1,
			(i + 3) % 5 + 1);
	*len = o;
	return s;
}

static int import_text(struct store *st, const char *text, size_t len, struct hl_err *err)
{
	struct import_opts o = {.name = "faults.csv", .who = "test"};
	struct import_report *rep = malloc(sizeof(*rep));
	FILE *f = fmemopen((void *)text, len, "r");
	int rc;

	assert_non_null(rep);
	assert_non_null(f);
	rc = import_responses(st, f, &o, rep, err);
	fclose(f);
	free(rep);
	return rc;
}

static int group_setup(void **state)
{
	struct store *st = NULL;
	struct hl_err err = {0};
	struct import_opts o = {.name = "units.csv", .who = "test"};
	struct import_report *rep = malloc(sizeof(*rep));
	FILE *f;
	size_t len;
	char *csv;
	int version = 0;

	(void)state;
	json_set_alloc_funcs(hl_malloc, hl_free);
	snprintf(dir, sizeof(dir), "/tmp/hl-faults-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(template_db, sizeof(template_db), "%s/template.db", dir);
	snprintf(work_db, sizeof(work_db), "%s/work.db", dir);
	snprintf(report_out, sizeof(report_out), "%s/report.out", dir);
	assert_int_equal(store_open(template_db, &st, &err), HL_OK);
	assert_int_equal(builtin_init(st, "test", &version, NULL, &err), HL_OK);
	f = fopen("tests/data/e2e/units.csv", "r");
	assert_non_null(f);
	assert_int_equal(import_units(st, f, &o, rep, &err), HL_OK);
	fclose(f);
	free(rep);
	csv = responses_csv("t", 60, &len);
	assert_int_equal(import_text(st, csv, len, &err), HL_OK);
	free(csv);
	store_close(st);
	return 0;
}

static void remove_db(const char *path)
{
	char p[128];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static int group_teardown(void **state)
{
	(void)state;
	remove_db(template_db);
	remove_db(work_db);
	unlink(report_out);
	rmdir(dir);
	return 0;
}

static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	FILE *in = fopen(from, "rb"), *out;
	size_t n;

	remove_db(to);
	out = fopen(to, "wb");
	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* ---- what the database holds ---- */

struct counts {
	int64_t responses, counted, tallied, feedback, runs;
};

static int count_resp(void *ctx, const struct store_response *r)
{
	struct counts *c = ctx;

	c->responses++;
	c->counted += r->status == RS_COUNTED;
	return HL_OK;
}

static int sum_tally(void *ctx, const struct store_tally_row *row)
{
	struct counts *c = ctx;
	const struct hl_tally *t = hl_tallyset_find(&row->set, HL_CRIT_ALL);

	c->tallied += t != NULL ? t->n : 0;
	return HL_OK;
}

/* The counts of st, after checking the file is sound. */
static struct counts counts_of(struct store *st)
{
	struct hl_arena *a = hl_arena_new((size_t)1 << 20);
	struct store_import_run *runs = NULL;
	struct store_fb_item *items = NULL;
	struct store_fb_filter ff = {.from = -1, .to = -1};
	struct counts c = {0};
	struct hl_err err = {0};
	char **problems = NULL;
	size_t n = 0;

	assert_non_null(a);
	assert_int_equal(dbcheck_run(st, true, a, &problems, &n, &err), HL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(STORE(st, responses, response_scan, 0, HL_DAY_NONE, HL_DAY_NONE,
				 count_resp, &c, &err),
		HL_OK);
	assert_int_equal(STORE(st, tallies, tally_scan, GRAIN_DAY, false, HL_DAY_NONE, HL_DAY_NONE,
				 sum_tally, &c, &err),
		HL_OK);
	assert_int_equal(STORE(st, feedback, fb_item_list, &ff, a, &items, &n, &err), HL_OK);
	c.feedback = (int64_t)n;
	assert_int_equal(STORE(st, admin, import_run_list, a, &runs, &n, &err), HL_OK);
	c.runs = (int64_t)n;
	hl_arena_free(a);
	/* every counted response is in the tallies, and nothing else */
	assert_int_equal(c.tallied, c.counted);
	return c;
}

/* ---- the operations ---- */

struct op {
	const char *name;
	int (*run)(struct store *st, long *done, struct hl_err *err);
	/* The database after a run that returned rc having done *done writes. */
	void (*check)(const struct counts *before, const struct counts *after, int rc, long done);
};

static int op_import(struct store *st, long *done, struct hl_err *err)
{
	size_t len;
	char *csv = responses_csv("i", IMPORT_ROWS, &len);
	int rc = import_text(st, csv, len, err);

	free(csv);
	*done = rc == HL_OK;
	return rc;
}

/* All of the file or none of it, and no run left to undo. */
static void check_import(const struct counts *b, const struct counts *a, int rc, long done)
{
	(void)rc;
	assert_int_equal(a->responses, b->responses + (done ? IMPORT_ROWS : 0));
	assert_int_equal(a->runs, 0);
}

static int op_report(struct store *st, long *done, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)64 << 20);
	struct rpt_opts o = {.unit = "VT", .date = HL_DAY_NONE};
	struct rpt_model *m = NULL;
	int rc;

	*done = 0;
	unlink(report_out);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = hl_period_parse("2024", &o.period, err);
	if (rc == HL_OK)
		rc = rpt_build(st, a, &o, &m, err);
	if (rc == HL_OK && (rc = rpt_render(m, RPT_PDF, report_out, err)) == HL_OK)
		(*done)++;
	if (rc == HL_OK && (rc = rpt_render(m, RPT_XLSX, report_out, err)) == HL_OK)
		(*done)++;
	hl_arena_free(a);
	return rc;
}

/* A report changes nothing; a failed one leaves no partial file behind. */
static void check_report(const struct counts *b, const struct counts *a, int rc, long done)
{
	assert_memory_equal(b, a, sizeof(*a));
	if (rc != HL_OK && done == 0)
		assert_int_not_equal(access(report_out, F_OK), 0);
	if (rc == HL_OK)
		assert_int_equal(access(report_out, F_OK), 0);
}

/* One API-style write, as POST /api/v1/responses makes it: the body
 * checked by ingest_json, then in one transaction (the writer's) intake_post
 * — the response with its complaint — and its tallies. */
static int api_write(struct store *st, const struct ingest *g, const char *body, struct hl_err *err)
{
	struct ingest_json_opts o = {.channel = "kiosk"};
	struct ingest_json_out *in = hl_calloc(1, sizeof(*in));
	struct hl_crit_score sc[HL_MAX_CRITERIA];
	unsigned char answers[STORE_ANSWERS_MAX] = {0};
	struct tacc *acc = tacc_new(st, 64);
	struct intake_post p = {0};
	struct tacc_resp x;
	struct fb_new fb = {0};
	bool in_tx = false;
	int rc;

	if (in == NULL || acc == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		goto cleanup;
	}
	if ((rc = ingest_json(g, body, strlen(body), &o, in, err)) != HL_OK ||
		(rc = store_begin(st, err)) != HL_OK)
		goto cleanup;
	in_tx = true;
	in->r.received_at = 1735700000;
	p.r = &in->r;
	p.collected_at = in->collected_at;
	p.has_time = in->has_time;
	if (in->complaint) {
		fb.unit = "VT";
		fb.channel = FB_KIOSK;
		fb.received_at = in->collected_at / 60;
		fb.text = in->r.comment;
		p.fb = &fb;
		p.fb_who = "kiosk:test";
	}
	if ((rc = intake_post(st, &p, err)) != HL_OK)
		goto cleanup;
	memcpy(answers, in->r.answers, (size_t)in->r.nanswers);
	if ((rc = tacc_resp_of(&in->r, &x, err)) != HL_OK ||
		(rc = hl_instrument_score(in->inst->in, answers, sc, err)) != HL_OK ||
		(rc = tacc_add(acc, &x, in->inst->in, sc, err)) != HL_OK ||
		(rc = tacc_flush(acc, err)) != HL_OK || (rc = store_commit(st, err)) != HL_OK)
		goto cleanup;
	in_tx = false;
cleanup:
	if (in_tx) {
		struct hl_err ignored;

		store_rollback(st, &ignored);
	}
	tacc_free(acc);
	hl_free(in);
	return rc;
}

static int op_burst(struct store *st, long *done, struct hl_err *err)
{
	struct ingest *g = NULL;
	char body[512];
	int rc, first = HL_OK;

	*done = 0;
	if ((rc = ingest_load(st, &g, err)) != HL_OK)
		return rc;
	/* each write on its own, as the requests of a burst: one failing does
	 * not stop the next */
	for (int i = 1; i <= BURST; i++) {
		struct hl_err e = {0};

		snprintf(body, sizeof(body),
			"{\"id\":\"api-%d\",\"unit\":\"VT\",\"instrument\":\"sipas-5\","
			"\"collected_at\":\"2024-06-%02dT09:00:00+07:00\",\"answers\":{\"TC1\":%d,\"PV2\":3},"
			"\"comment\":\"Thủ tục nhanh\",\"complaint\":%s}",
			i, i, i % 5 + 1, i % 2 ? "true" : "false");
		rc = api_write(st, g, body, &e);
		if (rc == HL_OK)
			*done |= 1L << i;
		else if (first == HL_OK)
			*err = e;
		first = first == HL_OK ? rc : first;
	}
	ingest_free(g);
	return first;
}

/* Each write whole or absent (done: bit i for write i): its response, its
 * complaint (odd writes have one), its tallies. */
static void check_burst(const struct counts *b, const struct counts *a, int rc, long done)
{
	(void)rc;
	assert_int_equal(a->responses, b->responses + __builtin_popcountl((unsigned long)done));
	assert_int_equal(a->feedback,
		b->feedback + __builtin_popcountl((unsigned long)done & 0xaaUL));
	assert_int_equal(a->runs, 0);
}

static const struct op ops[] = {
	{"nhập phiếu", op_import, check_import},
	{"báo cáo PDF và XLSX", op_report, check_report},
	{"loạt ghi kiểu API", op_burst, check_burst},
};

/* ---- the runs ---- */

enum fault_kind { F_STORE, F_MEM };

/* One run of op on a fresh copy, fault n of kind armed (0 = none); whether
 * it was reached; *count gets the calls or allocations the run made when
 * nothing failed. */
static bool run_one(const struct op *op, enum fault_kind kind, long n, long *count)
{
	struct store *inner = NULL, *st = NULL;
	struct hl_err err = {0};
	struct counts before, after;
	long done = 0;
	bool fired;
	int rc;

	copy_file(template_db, work_db);
	assert_int_equal(store_open(work_db, &inner, &err), HL_OK);
	assert_int_equal(store_fault_wrap(inner, &st, &err), HL_OK);
	before = counts_of(st);
	if (kind == F_STORE)
		store_fault_after(st, n);
	else
		hl_mem_fail_after(n > 0 ? n : LONG_MAX);
	{
		long calls0 = store_fault_calls(st);

		rc = op->run(st, &done, &err);
		if (count != NULL)
			*count = kind == F_STORE ? store_fault_calls(st) - calls0 :
						   LONG_MAX - hl_mem_fail_left();
	}
	fired = kind == F_STORE ? store_fault_fired(st) : hl_mem_failed();
	hl_mem_fail_after(0);
	store_fault_after(st, 0);
	if (rc != HL_OK && err.msg[0] == '\0')
		fail_msg("%s, lỗi thứ %ld: mã %d mà không có thông báo", op->name, n, rc);
	if (n == 0 || !fired)
		assert_int_equal(rc, HL_OK);
	after = counts_of(st);
	if (getenv("FAULTS_VERBOSE") != NULL)
		print_message("%s n=%ld fired=%d rc=%d done=%ld %s\n", op->name, n, fired, rc, done,
			err.msg);
	op->check(&before, &after, rc, done);
	store_close(st);
	return fired;
}

static void drive(const struct op *op, enum fault_kind kind)
{
	long total = 0, stride, runs = 0, failed = 0;

	run_one(op, kind, 0, &total);
	assert_true(total > 0);
	stride = total > DENSE ? (total - DENSE) / SAMPLES + 1 : 1;
	for (long n = 1; n <= total + 1; n += n < DENSE ? 1 : stride) {
		bool fired = run_one(op, kind, n, NULL);

		runs++;
		failed += fired;
		if (!fired && n > total / 2)
			break;
	}
	/* past the last call, nothing fails */
	assert_false(run_one(op, kind, total + 1, NULL));
	print_message("%s, %s: %ld %s, %ld runs (N = 1..%d, then every %ld), %ld reached the fault\n",
		op->name, kind == F_STORE ? "store" : "memory", total,
		kind == F_STORE ? "store calls" : "allocations", runs, DENSE, stride, failed);
}

static void test_import_store(void **state)
{
	(void)state;
	drive(&ops[0], F_STORE);
}
static void test_import_mem(void **state)
{
	(void)state;
	drive(&ops[0], F_MEM);
}
static void test_report_store(void **state)
{
	(void)state;
	drive(&ops[1], F_STORE);
}
static void test_report_mem(void **state)
{
	(void)state;
	drive(&ops[1], F_MEM);
}
static void test_burst_store(void **state)
{
	(void)state;
	drive(&ops[2], F_STORE);
}
static void test_burst_mem(void **state)
{
	(void)state;
	drive(&ops[2], F_MEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_store),
		cmocka_unit_test(test_import_mem),
		cmocka_unit_test(test_report_store),
		cmocka_unit_test(test_report_mem),
		cmocka_unit_test(test_burst_store),
		cmocka_unit_test(test_burst_mem),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
