/* store_fixture.h — the fixture the store conformance tests share: a fresh
 * migrated store in a temporary file with an arena, cmocka's setup and
 * teardown for it, units added by code, and OK() to assert a call's HL_OK
 * while showing its message. Include after <cmocka.h>. */
#ifndef HL_TEST_STORE_FIXTURE_H
#define HL_TEST_STORE_FIXTURE_H

#include <stdint.h>

#include "base/arena.h"
#include "store/store.h"

/* A test's store; unit, unit2 and instr are whatever its setup adds. */
struct fx {
	char path[256]; /* the file, or with HL_TEST_PG the database's URI */
	struct store *st;
	struct hl_err err;
	struct hl_arena *a;
	int64_t unit, unit2, instr;
};

/* Assert an HL_OK result, showing the message otherwise. */
#define OK(f, call) \
	do { \
		int rc_ = (call); \
		if (rc_ != HL_OK) \
			print_error("%s\n", (f)->err.msg); \
		assert_int_equal(rc_, HL_OK); \
	} while (0)

/* A small valid instrument definition (io/instrument_json: criteria TC and
 * PV, one five-level question each), for tests whose responses go through
 * svc, which reads the definition (the follow-up rule). */
extern const char fx_instrument_json[];

/* Remove the database file path and its -wal and -shm files (or drop the
 * database of that URI). */
void fx_remove_db(const char *path);

/* A migrated store in a new temporary file (or, when HL_TEST_PG names a
 * PostgreSQL database, in a new database made from it) and a 16 MiB arena; NULL (the
 * message printed) when that fails. Freed by fx_teardown. */
struct fx *fx_open(void);

/* cmocka setup: *state = fx_open() (nothing else added). */
int fx_setup(void **state);

/* cmocka setup: fx_open() with units XA-A (unit) and XA-B (unit2). */
int fx_setup_units(void **state);

/* cmocka teardown: close the store, remove its files, free the fixture. */
int fx_teardown(void **state);

/* Add a ubnd-xa unit with code, name (NULL = "Đơn vị <code>") and parent
 * (0 = none); asserts it was stored and returns its id. */
int64_t fx_unit(struct fx *f, const char *code, const char *name, int64_t parent);

/* Keep the tests named in HL_TEST_ONLY (comma-separated; unset: all) at
 * the front of tests[0..n), in order; returns how many (a backend that has
 * not every area yet runs the suites' tests of those it has). */
size_t fx_only(struct CMUnitTest *tests, size_t n);

/* Run tests[0..n) filtered by fx_only. */
#define FX_RUN(tests) \
	_cmocka_run_group_tests(__FILE__, tests, \
		fx_only(tests, sizeof(tests) / sizeof((tests)[0])), NULL, NULL)

#endif
