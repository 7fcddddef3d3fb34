/* test_store_imp.c — the conformance suite of the operations behind imports
 * that commit in chunks (import_run_put/done/list, response_delete_batch,
 * dossier_undo_note, dossier_undo, import_notes_drop) and of integrity,
 * written only against store/store.h on a fresh migrated store: a run is
 * listed until it is done; a batch's responses are deleted and no others; a
 * dossier updated and one added by a run are put back as noted, the first
 * note of a code winning, and the monthly sums with them; notes are dropped
 * only once their run is gone; a sound database has no problems. On
 * PostgreSQL (store_imp_pg) also what its integrity check finds in a damaged
 * schema, and its backup's refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeliness.h"
#include "store/store.h"
#include "store_fixture.h"

static int64_t responses_of(struct fx *f)
{
	int64_t n = 0;

	OK(f, STORE(f->st, responses, response_count_after, f->unit, HL_DAY_NONE, &n, &f->err));
	return n;
}

static void test_runs(void **state)
{
	struct fx *f = *state;
	struct store_import_run *runs = NULL;
	size_t n = 0;
	int64_t a = 0, b = 0;

	OK(f, STORE(f->st, admin, import_run_put, "responses", 7, 4242, &a, &f->err));
	OK(f, STORE(f->st, admin, import_run_put, "dossiers", 0, 4243, &b, &f->err));
	assert_true(a > 0 && b > a);
	OK(f, STORE(f->st, admin, import_run_list, f->a, &runs, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(runs[0].kind, "responses");
	assert_int_equal(runs[0].batch_id, 7);
	assert_int_equal(runs[0].owner, 4242);
	assert_true(runs[0].started_at > 0);
	assert_string_equal(runs[1].kind, "dossiers");
	assert_int_equal(runs[1].batch_id, 0);
	OK(f, STORE(f->st, admin, import_run_done, a, &f->err));
	OK(f, STORE(f->st, admin, import_run_list, f->a, &runs, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(runs[0].id, b);
}

static void put_response(struct fx *f, const char *ext, int64_t batch)
{
	struct store_response r;

	memset(&r, 0, sizeof(r));
	snprintf(r.ext_id, sizeof(r.ext_id), "%s", ext);
	r.unit_id = f->unit;
	r.day = 20000;
	r.instrument_id = f->instr;
	r.channel = CH_IMPORT;
	r.batch_id = batch;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
}

static void test_delete_batch(void **state)
{
	struct fx *f = *state;
	struct store_instrument in = {.version = 1};
	int64_t b1 = 0, b2 = 0;

	snprintf(in.code, sizeof(in.code), "thu");
	snprintf(in.name, sizeof(in.name), "Thử");
	OK(f, STORE(f->st, instruments, instrument_put, &in, "{}", &f->err));
	f->instr = in.id;
	OK(f, STORE(f->st, responses, batch_new, "import", "a.csv", &b1, &f->err));
	OK(f, STORE(f->st, responses, batch_new, "import", "b.csv", &b2, &f->err));
	put_response(f, "a1", b1);
	put_response(f, "a2", b1);
	put_response(f, "b1", b2);
	put_response(f, "x", 0);
	assert_int_equal(responses_of(f), 4);
	OK(f, STORE(f->st, responses, response_delete_batch, b1, &f->err));
	assert_int_equal(responses_of(f), 2);
	/* the ids are free again */
	put_response(f, "a1", b2);
}

static void dossier(struct fx *f, const char *code, int64_t finished)
{
	struct store_dossier d;

	memset(&d, 0, sizeof(d));
	snprintf(d.code, sizeof(d.code), "%s", code);
	d.unit_id = f->unit;
	snprintf(d.procedure, sizeof(d.procedure), "Thủ tục");
	snprintf(d.channel, sizeof(d.channel), "direct");
	d.received_at = 28800000;
	d.due_at = 28800000 + 600;
	d.finished_at = finished;
	d.returned_at = -1;
	d.submitted_at = -1;
	/* the class svc would store (dossq.h dq_save) */
	d.cls = finished >= 0 ? (int)tl_finished_class(d.due_at, finished) : 0;
	OK(f, STORE(f->st, dossiers, dossier_save, &d, &f->err));
}

/* The dossier's finished_at, -2 when there is none. */
static int64_t finished_of(struct fx *f, const char *code)
{
	struct store_dossier d;
	int rc = STORE(f->st, dossiers, dossier_get, code, &d, &f->err);

	if (rc == HL_ENOTFOUND)
		return -2;
	assert_int_equal(rc, HL_OK);
	return d.finished_at;
}

static void test_dossier_undo(void **state)
{
	struct fx *f = *state;
	int64_t run = 0, dropped = 0;

	dossier(f, "HS-1", 28800000 + 60);
	OK(f, STORE(f->st, admin, import_run_put, "dossiers", 0, 1, &run, &f->err));
	OK(f, STORE(f->st, dossiers, dossier_undo_note, run, "HS-1", &f->err));
	dossier(f, "HS-1", 28800000 + 900);
	/* a second note of the same code keeps the first */
	OK(f, STORE(f->st, dossiers, dossier_undo_note, run, "HS-1", &f->err));
	dossier(f, "HS-1", 28800000 + 1000);
	OK(f, STORE(f->st, dossiers, dossier_undo_note, run, "HS-2", &f->err));
	dossier(f, "HS-2", -1);
	assert_int_equal(finished_of(f, "HS-1"), 28800000 + 1000);
	/* notes of a run still recorded are kept */
	OK(f, STORE(f->st, admin, import_notes_drop, &dropped, &f->err));
	assert_int_equal(dropped, 0);
	OK(f, STORE(f->st, dossiers, dossier_undo, run, &f->err));
	assert_int_equal(finished_of(f, "HS-1"), 28800000 + 60);
	assert_int_equal(finished_of(f, "HS-2"), -2);
	OK(f, STORE(f->st, admin, import_run_done, run, &f->err));
	OK(f, STORE(f->st, admin, import_notes_drop, &dropped, &f->err));
	assert_int_equal(dropped, 2);
	OK(f, STORE(f->st, admin, import_notes_drop, &dropped, &f->err));
	assert_int_equal(dropped, 0);
}

/* The monthly sums of every class of the fixture's unit in its month. */
struct classes {
	int month;
	int64_t n[4];
};

static int add_classes(void *ctx, const struct store_dossier_sum *s)
{
	struct classes *c = ctx;

	c->n[TL_EARLY] += s->early;
	c->n[TL_ON_TIME] += s->on_time;
	c->n[TL_LATE] += s->late;
	return 0;
}

static struct classes classes_of(struct fx *f, bool per_procedure)
{
	struct classes c = {0};
	int y, m, d;

	hl_day_to_ymd(28800000 / 1440, &y, &m, &d);
	c.month = y * 12 + m - 1;
	OK(f,
		STORE(f->st, dossiers, dossier_sum_scan, f->unit, per_procedure, c.month, c.month,
			add_classes, &c, &f->err));
	return c;
}

/* The sums follow an undo, in both groupings: a dossier the run changed
 * counts by its class before the run again, one it added no more. The run
 * is only a number here (no import_run_put), as for the notes. */
static void test_dossier_undo_sums(void **state)
{
	struct fx *f = *state;
	const int64_t run = 9, r = 28800000;
	const int c60 = (int)tl_finished_class(r + 600, r + 60),
		  c900 = (int)tl_finished_class(r + 600, r + 900);

	assert_int_not_equal(c60, c900);
	dossier(f, "HS-1", r + 60);
	dossier(f, "HS-3", r + 60);
	OK(f, STORE(f->st, dossiers, dossier_undo_note, run, "HS-1", &f->err));
	dossier(f, "HS-1", r + 900);
	OK(f, STORE(f->st, dossiers, dossier_undo_note, run, "HS-2", &f->err));
	dossier(f, "HS-2", r + 900);
	OK(f, STORE(f->st, dossiers, dossier_undo_note, run, "HS-4", &f->err));
	dossier(f, "HS-4", -1);
	for (int p = 0; p < 2; p++) {
		struct classes c = classes_of(f, p);

		assert_int_equal(c.n[c60], 1);
		assert_int_equal(c.n[c900], 2);
	}
	OK(f, STORE(f->st, dossiers, dossier_undo, run, &f->err));
	for (int p = 0; p < 2; p++) {
		struct classes c = classes_of(f, p);

		assert_int_equal(c.n[c60], 2);
		assert_int_equal(c.n[c900], 0);
	}
	assert_int_equal(finished_of(f, "HS-2"), -2);
	assert_int_equal(finished_of(f, "HS-4"), -2);
}

static void test_integrity(void **state)
{
	struct fx *f = *state;
	char **lines = NULL;
	size_t n = 1;

	OK(f, STORE(f->st, admin, integrity, true, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 0);
	assert_null(lines);
	n = 1;
	OK(f, STORE(f->st, admin, integrity, false, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 0);
}

/* Run sql on the fixture's PostgreSQL database, as its owner would by hand. */
static void pg_sql(struct fx *f, const char *sql)
{
	PGconn *c = PQconnectdb(f->path);
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		print_error("%s: %s\n", sql, PQerrorMessage(c));
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	PQfinish(c);
}

/* Whether one of lines[0..n) contains text. */
static bool has_line(char **lines, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(lines[i], text) != NULL)
			return true;
	return false;
}

/* PostgreSQL's integrity check finds a table missing, a schema newer than
 * the binary, a constraint not validated, a foreign key switched off and,
 * in the full check only, the rows it let through; its backup refuses,
 * naming pg_dump. */
static void test_pg_admin(void **state)
{
	struct fx *f = *state;
	char **lines = NULL;
	size_t n = 0;

	if (getenv("HL_TEST_PG") == NULL)
		skip();
	assert_int_equal(STORE(f->st, admin, backup, "/tmp/hl-backup-pg.db", NULL, NULL, &f->err),
		HL_EINVAL);
	assert_non_null(strstr(f->err.msg, "pg_dump"));
	assert_non_null(strstr(f->err.msg, "docs/deploy.md"));

	pg_sql(f, "DROP TABLE rate_counters");
	pg_sql(f, "INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')");
	pg_sql(f, "ALTER TABLE plan_std ADD CONSTRAINT seq_positive CHECK (seq > 0) NOT VALID");
	pg_sql(f, "ALTER TABLE responses DISABLE TRIGGER ALL");
	pg_sql(f,
		"INSERT INTO responses (unit_id, day, instrument_id, channel, answers)"
		" VALUES (424242, 1, 424242, 0, '\\x00')");
	OK(f, STORE(f->st, admin, integrity, true, f->a, &lines, &n, &f->err));
	assert_true(has_line(lines, n, "thiếu bảng rate_counters"));
	assert_true(has_line(lines, n, "phiên bản 999"));
	assert_true(has_line(lines, n, "bảng plan_std: ràng buộc seq_positive"));
	assert_true(has_line(lines, n, "bảng responses: khóa ngoài responses_unit_id_fkey"));
	assert_false(has_line(lines, n, "trỏ tới"));
	OK(f, STORE(f->st, admin, integrity, false, f->a, &lines, &n, &f->err));
	assert_true(has_line(lines, n, "bảng responses: 1 dòng có unit_id trỏ tới units"));
	assert_true(
		has_line(lines, n, "bảng responses: 1 dòng có instrument_id trỏ tới instruments"));
	assert_true(has_line(lines, n, "thiếu bảng rate_counters"));
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_runs, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_delete_batch, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dossier_undo, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dossier_undo_sums, fx_setup_units,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_integrity, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_pg_admin, fx_setup, fx_teardown),
	};

	return FX_RUN(tests);
}
