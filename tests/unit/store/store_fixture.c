/* store_fixture.c — the store tests' shared fixture (store_fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_fixture.h"

#define ARENA_CAP (16u << 20)

/* With HL_TEST_PG (the libpq URI of a database to create others from),
 * each fixture gets a new PostgreSQL database instead of a file: run sql
 * there. */
static int pg_admin(const char *sql)
{
	PGconn *c = PQconnectdb(getenv("HL_TEST_PG"));
	PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
	int ok = r != NULL && PQresultStatus(r) == PGRES_COMMAND_OK;

	if (!ok)
		print_error("HL_TEST_PG: %s: %s\n", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	return ok ? 0 : -1;
}

/* Where a URI's database name starts (after "scheme://authority/"). */
static const char *db_name(const char *uri)
{
	const char *p = strstr(uri, "://");

	p = p != NULL ? strchr(p + 3, '/') : NULL;
	return p != NULL ? p + 1 : uri + strlen(uri);
}

/* f->path: a new database's URI (HL_TEST_PG) or a new temporary file. */
static int new_db(struct fx *f)
{
	static int serial;
	const char *base = getenv("HL_TEST_PG");
	char sql[96], name[48];
	const char *q;
	int fd;

	if (base == NULL) {
		snprintf(f->path, sizeof(f->path), "/tmp/hl-store-test-XXXXXX");
		if ((fd = mkstemp(f->path)) < 0)
			return -1;
		close(fd);
		return 0;
	}
	snprintf(name, sizeof(name), "hlt_%ld_%d", (long)getpid(), ++serial);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	/* the same URI with this database's name: postgresql://u@/NAME?host=... */
	q = strchr(base, '?');
	snprintf(f->path, sizeof(f->path), "%.*s%s%s", (int)(db_name(base) - base), base, name,
		q != NULL ? q : "");
	return pg_admin(sql);
}

void fx_remove_db(const char *path)
{
	char side[300];

	if (strstr(path, "://") != NULL) {
		const char *name = db_name(path);

		snprintf(side, sizeof(side), "DROP DATABASE IF EXISTS %.*s WITH (FORCE)",
			(int)strcspn(name, "?"), name);
		pg_admin(side);
		return;
	}

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

struct fx *fx_open(void)
{
	struct fx *f = calloc(1, sizeof(*f));
	int v = 0;

	if (f == NULL)
		return NULL;
	if (new_db(f) != 0) {
		free(f);
		return NULL;
	}
	f->a = hl_arena_new(ARENA_CAP);
	if (f->a == NULL || store_open(f->path, &f->st, &f->err) != HL_OK ||
		store_migrate(f->st, &v, &f->err) != HL_OK || v < 1) {
		print_error("setup: %s\n", f->err.msg);
		store_close(f->st);
		hl_arena_free(f->a);
		fx_remove_db(f->path);
		free(f);
		return NULL;
	}
	return f;
}

int fx_setup(void **state)
{
	*state = fx_open();
	return *state != NULL ? 0 : -1;
}

int fx_setup_units(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL)
		return -1;
	*state = f;
	f->unit = fx_unit(f, "XA-A", NULL, 0);
	f->unit2 = fx_unit(f, "XA-B", NULL, 0);
	return 0;
}

int fx_teardown(void **state)
{
	struct fx *f = *state;

	hl_arena_free(f->a);
	store_close(f->st);
	fx_remove_db(f->path);
	free(f);
	return 0;
}

int64_t fx_unit(struct fx *f, const char *code, const char *name, int64_t parent)
{
	struct store_unit u = {.parent_id = parent,
		.valid_from = HL_DAY_NONE,
		.valid_to = HL_DAY_NONE};

	snprintf(u.code, sizeof(u.code), "%s", code);
	if (name != NULL)
		snprintf(u.name, sizeof(u.name), "%s", name);
	else
		snprintf(u.name, sizeof(u.name), "Đơn vị %s", code);
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	OK(f, STORE(f->st, units, unit_put, &u, &f->err));
	assert_true(u.id > 0);
	return u.id;
}

static bool named(const char *list, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = list; p != NULL; p = strchr(p, ',')) {
		p += *p == ',';
		if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '\0'))
			return true;
	}
	return false;
}

size_t fx_only(struct CMUnitTest *tests, size_t n)
{
	const char *only = getenv("HL_TEST_ONLY");
	size_t kept = 0;

	if (only == NULL || only[0] == '\0')
		return n;
	for (size_t i = 0; i < n; i++)
		if (named(only, tests[i].name))
			tests[kept++] = tests[i];
	return kept;
}

const char fx_instrument_json[] =
	"{\"code\": \"sipas-5\", \"version\": 1, \"name\": \"Thử\", \"scales\": [{\"code\": \"hl5\","
	" \"levels\": [{\"label\": \"Rất không hài lòng\", \"satisfied\": false},"
	" {\"label\": \"Không hài lòng\", \"satisfied\": false},"
	" {\"label\": \"Bình thường\", \"satisfied\": false},"
	" {\"label\": \"Hài lòng\", \"satisfied\": true},"
	" {\"label\": \"Rất hài lòng\", \"satisfied\": true}]}],"
	" \"criteria\": [{\"code\": \"TC\", \"name\": \"Tiếp cận\"},"
	" {\"code\": \"PV\", \"name\": \"Phục vụ\"}],"
	" \"questions\": [{\"code\": \"TC1\", \"criterion\": \"TC\", \"scale\": \"hl5\", \"text\": \"Câu 1\"},"
	" {\"code\": \"PV1\", \"criterion\": \"PV\", \"scale\": \"hl5\", \"text\": \"Câu 2\"}]}";
