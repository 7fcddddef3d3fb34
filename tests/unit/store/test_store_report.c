/* test_store_report.c — the conformance suite of the published reports'
 * operations (report_put, report_list, report_get), written only against
 * store/store.h, on a fresh migrated store in a temporary file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "store/store.h"

struct fx {
	char path[64];
	struct store *st;
	struct hl_err err;
	struct hl_arena *a;
	int64_t unit, unit2;
};

#define OK(f, call) do { \
	int rc_ = (call); \
	if (rc_ != HL_OK) \
		print_error("%s\n", (f)->err.msg); \
	assert_int_equal(rc_, HL_OK); \
} while (0)

static void remove_db(const char *path)
{
	char side[80];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static int64_t add_unit(struct fx *f, const char *code)
{
	struct store_unit u = { .valid_from = HL_DAY_NONE, .valid_to = HL_DAY_NONE };

	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "Đơn vị %s", code);
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	OK(f, STORE(f->st, unit_put, &u, &f->err));
	return u.id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	int fd, v = 0;

	if (f == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "/tmp/hl-store-rpt-XXXXXX");
	fd = mkstemp(f->path);
	if (fd < 0) {
		free(f);
		return -1;
	}
	close(fd);
	f->a = hl_arena_new(4u << 20);
	if (f->a == NULL || store_open(f->path, &f->st, &f->err) != HL_OK ||
	    store_migrate(f->st, &v, &f->err) != HL_OK || v < 3) {
		print_error("setup: %s\n", f->err.msg);
		store_close(f->st);
		hl_arena_free(f->a);
		remove_db(f->path);
		free(f);
		return -1;
	}
	*state = f;
	f->unit = add_unit(f, "XA-A");
	f->unit2 = add_unit(f, "XA-B");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	hl_arena_free(f->a);
	store_close(f->st);
	remove_db(f->path);
	free(f);
	return 0;
}

static struct store_report report(int64_t unit, const char *period, int64_t at)
{
	struct store_report r = {0};

	r.unit_id = unit;
	snprintf(r.period, sizeof(r.period), "%s", period);
	snprintf(r.format, sizeof(r.format), "html");
	snprintf(r.published_by, sizeof(r.published_by), "web:lan");
	r.published_at = at;
	r.due = 19807;
	return r;
}

static void test_versions(void **state)
{
	struct fx *f = *state;
	struct store_report a = report(f->unit, "2024-Q1", 1000), b = report(f->unit, "2024-Q1", 2000);
	struct store_report c = report(f->unit2, "2024-Q1", 3000), d = report(f->unit, "2024-02", 1500);
	struct store_report *list = NULL, got;
	const char doc[] = "<html>v1</html>";
	char *figures = NULL;
	void *gdoc = NULL;
	size_t n = 0, len = 99;

	OK(f, STORE(f->st, report_put, &a, "{\"v\":1}", doc, sizeof(doc) - 1, &f->err));
	assert_int_equal(a.version, 1);
	OK(f, STORE(f->st, report_put, &b, "{\"v\":2}", NULL, 0, &f->err));
	assert_int_equal(b.version, 2);
	OK(f, STORE(f->st, report_put, &c, "{\"v\":3}", NULL, 0, &f->err));
	assert_int_equal(c.version, 1);       /* another unit: its own numbering */
	d.due = HL_DAY_NONE;
	snprintf(d.format, sizeof(d.format), "%s", "");
	OK(f, STORE(f->st, report_put, &d, "{\"v\":4}", NULL, 0, &f->err));
	assert_int_equal(d.version, 1);       /* another period */

	OK(f, STORE(f->st, report_list, f->unit, f->a, &list, &n, &f->err));
	assert_int_equal(n, 3);               /* newest first */
	assert_int_equal(list[0].id, b.id);
	assert_int_equal(list[1].id, d.id);
	assert_int_equal(list[2].id, a.id);
	assert_string_equal(list[2].published_by, "web:lan");
	assert_int_equal(list[2].due, 19807);
	assert_int_equal(list[1].due, HL_DAY_NONE);
	assert_string_equal(list[1].format, "");
	OK(f, STORE(f->st, report_list, 0, f->a, &list, &n, &f->err));
	assert_int_equal(n, 4);
	assert_int_equal(list[0].id, c.id);

	OK(f, STORE(f->st, report_get, a.id, f->a, &got, &figures, &gdoc, &len, &f->err));
	assert_string_equal(figures, "{\"v\":1}");
	assert_int_equal(len, sizeof(doc) - 1);
	assert_memory_equal(gdoc, doc, len);
	assert_string_equal(got.period, "2024-Q1");
	assert_int_equal(got.version, 1);
	assert_int_equal(got.published_at, 1000);
	OK(f, STORE(f->st, report_get, b.id, f->a, &got, &figures, &gdoc, &len, &f->err));
	assert_null(gdoc);
	assert_int_equal(len, 0);
	assert_string_equal(figures, "{\"v\":2}");
	OK(f, STORE(f->st, report_get, c.id, f->a, &got, NULL, NULL, NULL, &f->err));
	assert_int_equal(got.unit_id, f->unit2);
	assert_int_equal(STORE(f->st, report_get, 999, f->a, &got, &figures, NULL, NULL, &f->err),
		HL_ENOTFOUND);
}

static void test_refused(void **state)
{
	struct fx *f = *state;
	struct store_report r = report(f->unit, "", 1000), *list = NULL;
	size_t n = 9;

	assert_int_equal(STORE(f->st, report_put, &r, "{}", NULL, 0, &f->err), HL_EINVAL);
	r = report(0, "2024", 1000);
	assert_int_equal(STORE(f->st, report_put, &r, "{}", NULL, 0, &f->err), HL_EINVAL);
	r = report(f->unit, "2024", 1000);
	assert_int_equal(STORE(f->st, report_put, &r, "", NULL, 0, &f->err), HL_EINVAL);
	assert_int_equal(STORE(f->st, report_put, &r, NULL, NULL, 0, &f->err), HL_EINVAL);
	r = report(f->unit, "2024", 0);
	assert_int_equal(STORE(f->st, report_put, &r, "{}", NULL, 0, &f->err), HL_EINVAL);
	OK(f, STORE(f->st, report_list, 0, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
	assert_null(list);
}

/* A rolled back publication leaves no version behind: the next is 1. */
static void test_rollback(void **state)
{
	struct fx *f = *state;
	struct store_report r = report(f->unit, "2024", 1000);

	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, report_put, &r, "{}", NULL, 0, &f->err));
	assert_int_equal(r.version, 1);
	OK(f, store_rollback(f->st, &f->err));
	r = report(f->unit, "2024", 1000);
	OK(f, STORE(f->st, report_put, &r, "{}", NULL, 0, &f->err));
	assert_int_equal(r.version, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
