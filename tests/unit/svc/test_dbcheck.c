/* test_dbcheck.c — the advice dbcheck.h gives for a damaged database: for a
 * SQLite file, to put the backup file back (and set the -wal file aside);
 * for PostgreSQL, to restore the pg_dump into a new database, without
 * showing the URI's password. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "svc/dbcheck.h"

static void test_file(void **state)
{
	char buf[2048];

	(void)state;
	dbcheck_advice("/var/lib/hailong/hailong.db", buf, sizeof(buf));
	assert_non_null(strstr(buf, "/var/lib/hailong/hailong.db-wal"));
	assert_non_null(strstr(buf, "backup --to"));
}

static void test_postgres(void **state)
{
	char buf[2048];

	(void)state;
	dbcheck_advice("postgresql://hailong:bimat@db-host:5432/hailong", buf, sizeof(buf));
	assert_non_null(strstr(buf, "pg_restore"));
	assert_non_null(strstr(buf, "postgresql://hailong@db-host:5432/hailong"));
	assert_null(strstr(buf, "bimat"));
	assert_null(strstr(buf, "-wal"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_postgres),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
