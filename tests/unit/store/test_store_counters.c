/* test_store_counters.c — what keeps the store right with several writers
 * (issue 11): tallies as additive counters, written by two connections in
 * turn, the migration that carries the old encoded tallies over, and the
 * dossier sums written by two connections at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/rollup.h"
#include "core/tally.h"
#include "store/store_sqlite_priv.h"
#include "store_fixture.h"

struct one_row {
	int n;
	struct store_tally_row row;
};

static int keep_row(void *ctx, const struct store_tally_row *row)
{
	struct one_row *c = ctx;

	c->row = *row;
	c->n++;
	return 0;
}

/* Keeps the first row only. */
static int first_row(void *ctx, const struct store_tally_row *row)
{
	struct one_row *c = ctx;

	if (c->n++ == 0)
		c->row = *row;
	return 0;
}

static void set_of(struct hl_tallyset *set, const char *first, double s, int v)
{
	memset(set, 0, sizeof(*set));
	hl_tally_add(hl_tallyset_get(set, first), s, v);
	hl_tally_add(hl_tallyset_get(set, HL_CRIT_ALL), 1.0, 1);
}

/* Two connections to one file add to the same key in turns, each in its own
 * transaction: nothing one added is lost when the other writes. */
static void test_tally_two_writers(void **state)
{
	struct fx *f = *state;
	struct store *other = NULL;
	struct store_tally_row row = {.unit_id = 0, .start = 19000, .field_id = 0};
	struct one_row c = {0};
	const struct hl_tally *t;

	row.unit_id = fx_unit(f, "VT", NULL, 0);
	OK(f, store_open(f->path, &other, &f->err));
	for (int i = 0; i < 10; i++) {
		struct store *w = i % 2 == 0 ? f->st : other;

		set_of(&row.set, i < 5 ? "TC" : "PV", 3.0, 4);
		OK(f, store_begin(w, &f->err));
		OK(f, STORE(w, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
		OK(f, store_commit(w, &f->err));
	}
	OK(f,
		STORE(other, tallies, tally_scan, GRAIN_DAY, false, 19000, 19000, keep_row, &c,
			&f->err));
	assert_int_equal(c.n, 1);
	/* the criteria in the order they first came, as a merged tallyset has them */
	assert_int_equal(c.row.set.n, 3);
	assert_string_equal(c.row.set.code[0], "TC");
	assert_string_equal(c.row.set.code[1], HL_CRIT_ALL);
	assert_string_equal(c.row.set.code[2], "PV");
	t = hl_tallyset_find(&c.row.set, "TC");
	assert_int_equal(t->n, 5);
	assert_true(t->s == 15.0 && t->v == 20.0 && t->ss == 45.0 && t->vv == 80.0);
	t = hl_tallyset_find(&c.row.set, HL_CRIT_ALL);
	assert_int_equal(t->n, 10);
	store_close(other);
}

/* A merge that would hold more criteria than a tallyset writes nothing. */
static void test_tally_limit(void **state)
{
	struct fx *f = *state;
	struct store_tally_row row = {.unit_id = 0, .start = 19000, .field_id = 0};
	struct one_row c = {0};

	row.unit_id = fx_unit(f, "VT", NULL, 0);
	memset(&row.set, 0, sizeof(row.set));
	for (int i = 0; i < HL_MAX_CRITERIA + 1; i++) {
		char code[16];

		snprintf(code, sizeof(code), "A%d", i);
		hl_tally_add(hl_tallyset_get(&row.set, code), 1.0, 1);
	}
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
	set_of(&row.set, "NEW", 2.0, 1);
	assert_int_equal(STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err), HL_ELIMIT);
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19000, 19000, keep_row, &c,
			&f->err));
	assert_int_equal(c.row.set.n, HL_MAX_CRITERIA + 1);
	assert_int_equal(hl_tallyset_find(&c.row.set, HL_CRIT_ALL), NULL);
}

/* Rows of all keys merged at once: the same sums as one merge per key, a
 * new criterion kept after the key's own; past a tallyset's room, the whole
 * merge writes nothing. */
static void test_tally_merge_many(void **state)
{
	struct fx *f = *state;
	struct store_tally_row rows[3] = {{.start = 19000}, {.start = 19001}, {.start = 19000}};
	struct one_row c = {0};
	int64_t u1 = fx_unit(f, "VT", NULL, 0), u2 = fx_unit(f, "VH", NULL, 0);

	rows[0].unit_id = rows[1].unit_id = u1;
	rows[2].unit_id = u2;
	set_of(&rows[0].set, "TC", 3.0, 4);
	set_of(&rows[1].set, "HC", 2.0, 3);
	set_of(&rows[2].set, "PV", 1.0, 2);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &rows[0], &f->err));
	set_of(&rows[0].set, "KQ", 5.0, 5);
	OK(f, STORE(f->st, tallies, tally_merge_many, GRAIN_DAY, rows, 3, &f->err));
	OK(f, STORE(f->st, tallies, tally_merge_many, GRAIN_DAY, rows, 3, &f->err));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19000, 19000, keep_row, &c,
			&f->err));
	assert_int_equal(c.n, 2);
	/* the last key read: u2's (by unit), PV twice */
	assert_int_equal(c.row.unit_id, u2);
	assert_int_equal(hl_tallyset_find(&c.row.set, "PV")->n, 2);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19001, 19001, keep_row, &c,
			&f->err));
	assert_int_equal(hl_tallyset_find(&c.row.set, "HC")->n, 2);
	assert_true(hl_tallyset_find(&c.row.set, "HC")->s == 4.0);

	/* u1's day 19000: TC once, then KQ twice, in that order, all 3 */
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19000, 19000, first_row, &c,
			&f->err));
	assert_int_equal(c.row.unit_id, u1);
	assert_int_equal(c.row.set.n, 3);
	assert_string_equal(c.row.set.code[0], "TC");
	assert_string_equal(c.row.set.code[2], "KQ");
	assert_int_equal(hl_tallyset_find(&c.row.set, "KQ")->n, 2);
	assert_int_equal(hl_tallyset_find(&c.row.set, HL_CRIT_ALL)->n, 3);

	/* one key too many criteria: nothing of the merge is written */
	memset(&rows[1].set, 0, sizeof(rows[1].set));
	for (int i = 0; i < HL_MAX_CRITERIA + 1; i++) {
		char code[16];

		snprintf(code, sizeof(code), "A%d", i);
		hl_tally_add(hl_tallyset_get(&rows[1].set, code), 1.0, 1);
	}
	assert_int_equal(STORE(f->st, tallies, tally_merge_many, GRAIN_DAY, rows, 3, &f->err),
		HL_ELIMIT);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19000, 19000, first_row, &c,
			&f->err));
	assert_int_equal(hl_tallyset_find(&c.row.set, "KQ")->n, 2);
	OK(f, STORE(f->st, tallies, tally_merge_many, GRAIN_DAY, rows, 0, &f->err));
}

/* SQLite's own: the migration to counters carries each stored encoded
 * tallyset over, figures and criterion order unchanged. */
static void test_tally_carry(void **state)
{
	struct fx *f = *state;
	struct sq *q = f->st->priv;
	struct hl_tallyset set;
	struct one_row c = {0};
	unsigned char blob[1024];
	sqlite3_stmt *s;
	int64_t unit = fx_unit(f, "VT", NULL, 0);

	set_of(&set, "TC", 3.0, 4);
	hl_tally_add(hl_tallyset_get(&set, "PV"), 0.1, 1);
	hl_tally_add(hl_tallyset_get(&set, "TC"), 0.2, 3);
	assert_true(hl_tallyset_encoded_size(&set) <= sizeof(blob));
	hl_tallyset_encode(&set, blob);
	assert_int_equal(
		sqlite3_exec(q->db,
			"DROP TABLE tally_cells;"
			"CREATE TABLE tallies (grain INTEGER NOT NULL, unit_id INTEGER NOT NULL,"
			" start INTEGER NOT NULL, field_id INTEGER NOT NULL, data BLOB NOT NULL,"
			" PRIMARY KEY (grain, field_id, start, unit_id)) WITHOUT ROWID;",
			NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(q->db,
				 "INSERT INTO tallies VALUES (2, ?1, 18993, 0, ?2)", -1, &s, NULL),
		SQLITE_OK);
	sqlite3_bind_int64(s, 1, unit);
	sqlite3_bind_blob(s, 2, blob, (int)hl_tallyset_encoded_size(&set), SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_exec(q->db, sq_tally_schema, NULL, NULL, NULL), SQLITE_OK);

	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_MONTH, false, 18993, 18993, keep_row, &c,
			&f->err));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.row.unit_id, unit);
	assert_int_equal(c.row.set.n, set.n);
	for (int i = 0; i < set.n; i++) {
		assert_string_equal(c.row.set.code[i], set.code[i]);
		assert_memory_equal(&c.row.set.t[i], &set.t[i], sizeof(set.t[i]));
	}
}

/* A rollup with a field, a civil servant, answers of instrument 4 and
 * theme examples, all derived from seed. */
static void rollup_of(struct hl_rollup *r, int seed)
{
	hl_rollup_init(r);
	r->chan[1 + seed % 3] = seed;
	r->field = calloc(1, sizeof(*r->field));
	r->staff = calloc(1, sizeof(*r->staff));
	r->inst = calloc(1, sizeof(*r->inst));
	assert_true(r->field != NULL && r->staff != NULL && r->inst != NULL);
	r->field[0] = (struct hl_rollup_field){seed % 2, seed};
	r->staff[0] = (struct hl_rollup_staff){9, seed, 0.1 * seed, 0.3 * seed};
	r->inst[0] = (struct hl_rollup_inst){4, 2, 3, calloc(7, sizeof(int64_t))};
	assert_non_null(r->inst[0].count);
	r->inst[0].count[seed % 6] = seed;
	r->nfield = r->capfield = r->nstaff = r->capstaff = r->ninst = r->capinst = 1;
	r->theme[2].n = seed;
	/* examples by id, distinct hashes; hash 100 + seed % 2 comes back */
	r->theme[2].nex = 2;
	r->theme[2].ex[0] = (struct hl_rollup_example){10 * seed, (uint64_t)(100 + seed % 2)};
	r->theme[2].ex[1] = (struct hl_rollup_example){10 * seed + 1, UINT64_MAX - (uint64_t)seed};
}

static int keep_rollup(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len)
{
	struct hl_rollup *sum = ctx;
	struct hl_err err;

	(void)unit_id;
	(void)month;
	return hl_rollup_add_encoded(sum, data, len, &err);
}

/* Rollups merged by two connections in turns read back as the core's own
 * merge of them, byte for byte (the examples: the first distinct ones). */
static void test_rollup_two_writers(void **state)
{
	struct fx *f = *state;
	struct store *other = NULL;
	struct hl_rollup want, got, r;
	unsigned char a[512], b[512];
	const int64_t unit = 3;

	hl_rollup_init(&want);
	hl_rollup_init(&got);
	OK(f, store_open(f->path, &other, &f->err));
	for (int i = 5; i >= 1; i--) {
		struct store *w = i % 2 == 0 ? f->st : other;

		rollup_of(&r, i);
		OK(f, hl_rollup_merge(&want, &r, &f->err));
		assert_true(hl_rollup_encoded_size(&r) <= sizeof(a));
		hl_rollup_encode(&r, a);
		OK(f, store_begin(w, &f->err));
		OK(f,
			STORE(w, tallies, rollup_merge, unit, 100, a, hl_rollup_encoded_size(&r),
				&f->err));
		OK(f, store_commit(w, &f->err));
		hl_rollup_clear(&r);
	}
	OK(f,
		STORE(f->st, tallies, rollup_scan, &unit, 1, HL_DAY_NONE, HL_DAY_NONE, keep_rollup,
			&got, &f->err));
	assert_int_equal(hl_rollup_encoded_size(&got), hl_rollup_encoded_size(&want));
	hl_rollup_encode(&want, a);
	hl_rollup_encode(&got, b);
	assert_memory_equal(a, b, hl_rollup_encoded_size(&want));
	assert_int_equal(got.theme[2].nex, HL_ROLLUP_EXAMPLES);
	assert_int_equal(got.theme[2].ex[0].id, 10);

	/* another shape for instrument 4: refused, nothing written */
	rollup_of(&r, 7);
	r.inst[0].nv = 2;
	hl_rollup_encode(&r, a);
	assert_int_equal(STORE(other, tallies, rollup_merge, unit, 100, a,
				 hl_rollup_encoded_size(&r), &f->err),
		HL_EIO);
	hl_rollup_clear(&r);
	hl_rollup_clear(&got);
	hl_rollup_init(&got);
	OK(f,
		STORE(f->st, tallies, rollup_scan, &unit, 1, HL_DAY_NONE, HL_DAY_NONE, keep_rollup,
			&got, &f->err));
	hl_rollup_encode(&got, b);
	hl_rollup_encode(&want, a);
	assert_memory_equal(a, b, hl_rollup_encoded_size(&want));
	hl_rollup_clear(&got);
	hl_rollup_clear(&want);
	store_close(other);
}

/* SQLite's own: the migration to counters carries each stored encoded
 * rollup over unchanged. */
static void test_rollup_carry(void **state)
{
	struct fx *f = *state;
	struct sq *q = f->st->priv;
	struct hl_rollup r, got;
	unsigned char a[512], b[512];
	sqlite3_stmt *s;
	const int64_t unit = 3;

	rollup_of(&r, 4);
	hl_rollup_encode(&r, a);
	assert_int_equal(
		sqlite3_exec(q->db,
			"DROP TABLE rollup_keys; DROP TABLE rollup_fields;"
			"DROP TABLE rollup_staff; DROP TABLE rollup_insts; DROP TABLE rollup_answers;"
			"DROP TABLE rollup_examples;"
			"CREATE TABLE rollups (unit_id INTEGER NOT NULL, month INTEGER NOT NULL,"
			" data BLOB NOT NULL, PRIMARY KEY (unit_id, month)) WITHOUT ROWID;",
			NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(q->db, "INSERT INTO rollups VALUES (3, 100, ?1)", -1,
				 &s, NULL),
		SQLITE_OK);
	sqlite3_bind_blob(s, 1, a, (int)hl_rollup_encoded_size(&r), SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_exec(q->db, sq_rollup_rows_schema, NULL, NULL, NULL), SQLITE_OK);

	hl_rollup_init(&got);
	OK(f, STORE(f->st, tallies, rollup_scan, &unit, 1, 100, 100, keep_rollup, &got, &f->err));
	assert_int_equal(hl_rollup_encoded_size(&got), hl_rollup_encoded_size(&r));
	hl_rollup_encode(&got, b);
	assert_memory_equal(a, b, hl_rollup_encoded_size(&r));
	hl_rollup_clear(&got);
	hl_rollup_clear(&r);
}

/* A transaction that read before another connection committed and then
 * writes fails with SQLite's stale snapshot: HL_ERETRY (run it again), not
 * HL_EIO or HL_EBUSY. */
static void test_retry_status(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = NULL;
	int rc;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_extended_result_codes(db, 1);
	assert_int_equal(sqlite3_exec(db, "BEGIN; SELECT count(*) FROM units;", NULL, NULL, NULL),
		SQLITE_OK);
	fx_unit(f, "VT", NULL, 0); /* another connection commits */
	rc = sqlite3_exec(db,
		"INSERT INTO audit_log (at, who, action, detail)"
		" VALUES ('x', 'x', 'x', 'x')",
		NULL, NULL, NULL);
	assert_int_equal(sqlite3_extended_errcode(db), SQLITE_BUSY_SNAPSHOT);
	assert_int_equal(sq_status(rc == SQLITE_OK ? rc : sqlite3_extended_errcode(db)), HL_ERETRY);
	assert_int_equal(sq_status(SQLITE_BUSY), HL_EBUSY);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
}

/* Another connection counting a kiosk's recent responses in its own
 * transaction, as the writer of another server process does. */
struct counter {
	struct store *st;
	int64_t kiosk, count;
	int rc;
	atomic_bool done;
	struct hl_err err;
};

static void *count_other(void *p)
{
	struct counter *c = p;

	c->rc = store_begin(c->st, &c->err);
	if (c->rc == HL_OK)
		c->rc = STORE(c->st, responses, response_count_kiosk_since, c->kiosk, 0, 100,
			&c->count, &c->err);
	atomic_store(&c->done, true);
	if (c->rc == HL_OK)
		c->rc = store_commit(c->st, &c->err);
	return NULL;
}

/* The burst rule across processes: while one transaction has counted a
 * kiosk's responses, another's count waits for it to end, then sees what it
 * stored, so two processes cannot both let a burst's last response in.
 * PostgreSQL only (SQLite has one writer at a time by itself). */
static void test_kiosk_burst_lock(void **state)
{
	struct fx *f = *state;
	struct store_instrument in = {.version = 1};
	struct store_kiosk k = {0};
	struct store_response r = {0};
	struct counter c = {0};
	pthread_t t;
	int64_t n = -1;

	if (getenv("HL_TEST_PG") == NULL)
		skip();
	snprintf(in.code, sizeof(in.code), "sipas-5");
	OK(f, STORE(f->st, instruments, instrument_put, &in, "{}", &f->err));
	snprintf(k.name, sizeof(k.name), "quay-1");
	k.unit_id = fx_unit(f, "VT", NULL, 0);
	k.token_hash[0] = 1;
	OK(f, STORE(f->st, accounts, kiosk_put, &k, &f->err));
	OK(f, store_open(f->path, &c.st, &f->err));
	c.kiosk = k.id;

	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, responses, response_count_kiosk_since, k.id, 0, 100, &n, &f->err));
	assert_int_equal(n, 0);
	assert_int_equal(pthread_create(&t, NULL, count_other, &c), 0);
	usleep(300 * 1000);
	assert_false(atomic_load(&c.done)); /* waiting for this transaction */
	r.unit_id = k.unit_id;
	r.day = 20000;
	r.instrument_id = in.id;
	r.channel = CH_KIOSK;
	r.kiosk_id = k.id;
	r.received_at = 1000;
	r.nanswers = 1;
	r.answers[0] = 5;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	OK(f, store_commit(f->st, &f->err));
	pthread_join(t, NULL);
	if (c.rc != HL_OK)
		print_error("%s\n", c.err.msg);
	assert_int_equal(c.rc, HL_OK);
	assert_int_equal(c.count, 1);
	store_close(c.st);
}

/* One of two writers saving the same dossier at once, each time in its
 * own transaction (run again when it loses to the other). */
struct dwriter {
	struct store *st;
	int64_t unit;
	int cls, failed;
	struct hl_err err;
};

static void *save_often(void *arg)
{
	struct dwriter *w = arg;
	const int64_t r = 28800000;
	struct store_dossier d = {.unit_id = w->unit,
		.received_at = r,
		.due_at = r + 1440,
		.finished_at = w->cls == 1 ? r + 60 : r + 9000,
		.returned_at = -1,
		.submitted_at = -1,
		.cls = w->cls};

	snprintf(d.code, sizeof(d.code), "HS-1");
	snprintf(d.channel, sizeof(d.channel), "online");
	snprintf(d.procedure, sizeof(d.procedure), "Khai sinh");
	for (int i = 0; i < 60 && w->failed == 0; i++) {
		int rc = store_begin(w->st, &w->err);

		if (rc == HL_OK)
			rc = STORE(w->st, dossiers, dossier_save, &d, &w->err);
		if (rc == HL_OK)
			rc = store_commit(w->st, &w->err);
		else
			store_rollback(w->st, NULL);
		if (rc == HL_ERETRY || rc == HL_EBUSY)
			i--;
		else if (rc != HL_OK)
			w->failed = rc;
	}
	return NULL;
}

static int sum_classes(void *ctx, const struct store_dossier_sum *s)
{
	int64_t *n = ctx;

	n[0] += s->early;
	n[1] += s->on_time;
	n[2] += s->late;
	return 0;
}

/* Two connections save one dossier at the same time, again and again, its
 * class changing with the writer: it is counted once in the monthly sums,
 * by the class of the last write, in both groupings. */
static void test_dossier_two_writers(void **state)
{
	struct fx *f = *state;
	struct dwriter w[2] = {{.cls = 1}, {.cls = 3}};
	pthread_t t[2];
	struct store_dossier d;
	int64_t unit = fx_unit(f, "VT", NULL, 0);

	for (int i = 0; i < 2; i++) {
		w[i].unit = unit;
		OK(f, store_open(f->path, &w[i].st, &f->err));
	}
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, save_often, &w[i]), 0);
	for (int i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		if (w[i].failed != 0)
			print_error("%s\n", w[i].err.msg);
		assert_int_equal(w[i].failed, 0);
		store_close(w[i].st);
	}
	OK(f, STORE(f->st, dossiers, dossier_get, "HS-1", &d, &f->err));
	for (int p = 0; p < 2; p++) {
		int64_t n[3] = {0};

		OK(f,
			STORE(f->st, dossiers, dossier_sum_scan, unit, p, 0, 1000000, sum_classes,
				n, &f->err));
		assert_int_equal(n[0], d.cls == 1);
		assert_int_equal(n[1], 0);
		assert_int_equal(n[2], d.cls == 3);
	}
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tally_two_writers, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tally_limit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tally_merge_many, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tally_carry, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_rollup_two_writers, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_rollup_carry, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_retry_status, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_kiosk_burst_lock, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dossier_two_writers, fx_setup, fx_teardown),
	};

	return FX_RUN(tests);
}
