/* test_store_counters.c — what keeps the store right with several writers
 * (issue 11): tallies as additive counters, written by two connections in
 * turn, and the migration that carries the old encoded tallies over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

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
	struct store_tally_row row = { .unit_id = 0, .start = 19000, .field_id = 0 };
	struct one_row c = { 0 };
	const struct hl_tally *t;

	row.unit_id = fx_unit(f, "VT", NULL, 0);
	OK(f, store_open(f->path, &other, &f->err));
	for (int i = 0; i < 10; i++) {
		struct store *w = i % 2 == 0 ? f->st : other;

		set_of(&row.set, i < 5 ? "TC" : "PV", 3.0, 4);
		OK(f, store_begin(w, &f->err));
		OK(f, STORE(w, tally_merge, GRAIN_DAY, &row, &f->err));
		OK(f, store_commit(w, &f->err));
	}
	OK(f, STORE(other, tally_scan, GRAIN_DAY, false, 19000, 19000, keep_row, &c, &f->err));
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
	struct store_tally_row row = { .unit_id = 0, .start = 19000, .field_id = 0 };
	struct one_row c = { 0 };

	row.unit_id = fx_unit(f, "VT", NULL, 0);
	memset(&row.set, 0, sizeof(row.set));
	for (int i = 0; i < HL_MAX_CRITERIA + 1; i++) {
		char code[16];

		snprintf(code, sizeof(code), "A%d", i);
		hl_tally_add(hl_tallyset_get(&row.set, code), 1.0, 1);
	}
	OK(f, STORE(f->st, tally_merge, GRAIN_DAY, &row, &f->err));
	set_of(&row.set, "NEW", 2.0, 1);
	assert_int_equal(STORE(f->st, tally_merge, GRAIN_DAY, &row, &f->err), HL_ELIMIT);
	OK(f, STORE(f->st, tally_scan, GRAIN_DAY, false, 19000, 19000, keep_row, &c, &f->err));
	assert_int_equal(c.row.set.n, HL_MAX_CRITERIA + 1);
	assert_int_equal(hl_tallyset_find(&c.row.set, HL_CRIT_ALL), NULL);
}

/* SQLite's own: the migration to counters carries each stored encoded
 * tallyset over, figures and criterion order unchanged. */
static void test_tally_carry(void **state)
{
	struct fx *f = *state;
	struct sq *q = f->st->priv;
	struct hl_tallyset set;
	struct one_row c = { 0 };
	unsigned char blob[1024];
	sqlite3_stmt *s;
	int64_t unit = fx_unit(f, "VT", NULL, 0);

	set_of(&set, "TC", 3.0, 4);
	hl_tally_add(hl_tallyset_get(&set, "PV"), 0.1, 1);
	hl_tally_add(hl_tallyset_get(&set, "TC"), 0.2, 3);
	assert_true(hl_tallyset_encoded_size(&set) <= sizeof(blob));
	hl_tallyset_encode(&set, blob);
	assert_int_equal(sqlite3_exec(q->db, "DROP TABLE tally_cells;"
		"CREATE TABLE tallies (grain INTEGER NOT NULL, unit_id INTEGER NOT NULL,"
		" start INTEGER NOT NULL, field_id INTEGER NOT NULL, data BLOB NOT NULL,"
		" PRIMARY KEY (grain, field_id, start, unit_id)) WITHOUT ROWID;",
		NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(q->db, "INSERT INTO tallies VALUES (2, ?1, 18993, 0, ?2)",
		-1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, unit);
	sqlite3_bind_blob(s, 2, blob, (int)hl_tallyset_encoded_size(&set), SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_exec(q->db, sq_tally_schema, NULL, NULL, NULL), SQLITE_OK);

	OK(f, STORE(f->st, tally_scan, GRAIN_MONTH, false, 18993, 18993, keep_row, &c, &f->err));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.row.unit_id, unit);
	assert_int_equal(c.row.set.n, set.n);
	for (int i = 0; i < set.n; i++) {
		assert_string_equal(c.row.set.code[i], set.code[i]);
		assert_memory_equal(&c.row.set.t[i], &set.t[i], sizeof(set.t[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tally_two_writers, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tally_limit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tally_carry, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
