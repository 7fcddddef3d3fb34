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
#include "store_fixture.h"

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
	struct store_report a = report(f->unit, "2024-Q1", 1000),
			    b = report(f->unit, "2024-Q1", 2000);
	struct store_report c = report(f->unit2, "2024-Q1", 3000),
			    d = report(f->unit, "2024-02", 1500);
	struct store_report *list = NULL, got;
	const char doc[] = "<html>v1</html>";
	char *figures = NULL;
	void *gdoc = NULL;
	size_t n = 0, len = 99;

	OK(f, STORE(f->st, reports, report_put, &a, "{\"v\":1}", doc, sizeof(doc) - 1, &f->err));
	assert_int_equal(a.version, 1);
	OK(f, STORE(f->st, reports, report_put, &b, "{\"v\":2}", NULL, 0, &f->err));
	assert_int_equal(b.version, 2);
	OK(f, STORE(f->st, reports, report_put, &c, "{\"v\":3}", NULL, 0, &f->err));
	assert_int_equal(c.version, 1); /* another unit: its own numbering */
	d.due = HL_DAY_NONE;
	snprintf(d.format, sizeof(d.format), "%s", "");
	OK(f, STORE(f->st, reports, report_put, &d, "{\"v\":4}", NULL, 0, &f->err));
	assert_int_equal(d.version, 1); /* another period */

	OK(f, STORE(f->st, reports, report_list, f->unit, f->a, &list, &n, &f->err));
	assert_int_equal(n, 3); /* newest first */
	assert_int_equal(list[0].id, b.id);
	assert_int_equal(list[1].id, d.id);
	assert_int_equal(list[2].id, a.id);
	assert_string_equal(list[2].published_by, "web:lan");
	assert_int_equal(list[2].due, 19807);
	assert_int_equal(list[1].due, HL_DAY_NONE);
	assert_string_equal(list[1].format, "");
	OK(f, STORE(f->st, reports, report_list, 0, f->a, &list, &n, &f->err));
	assert_int_equal(n, 4);
	assert_int_equal(list[0].id, c.id);

	OK(f, STORE(f->st, reports, report_get, a.id, f->a, &got, &figures, &gdoc, &len, &f->err));
	assert_string_equal(figures, "{\"v\":1}");
	assert_int_equal(len, sizeof(doc) - 1);
	assert_memory_equal(gdoc, doc, len);
	assert_string_equal(got.period, "2024-Q1");
	assert_int_equal(got.version, 1);
	assert_int_equal(got.published_at, 1000);
	OK(f, STORE(f->st, reports, report_get, b.id, f->a, &got, &figures, &gdoc, &len, &f->err));
	assert_null(gdoc);
	assert_int_equal(len, 0);
	assert_string_equal(figures, "{\"v\":2}");
	OK(f, STORE(f->st, reports, report_get, c.id, f->a, &got, NULL, NULL, NULL, &f->err));
	assert_int_equal(got.unit_id, f->unit2);
	assert_int_equal(STORE(f->st, reports, report_get, 999, f->a, &got, &figures, NULL, NULL,
				 &f->err),
		HL_ENOTFOUND);
}

/* Two writers publishing the same (unit, period) in turns: versions from
 * the store's counter, none taken twice; a rolled-back publication takes
 * its counter back with it. */
static void test_versions_two_writers(void **state)
{
	struct fx *f = *state;
	struct store *other = NULL;
	struct store_report r;

	OK(f, store_open(f->path, &other, &f->err));
	for (int i = 1; i <= 4; i++) {
		struct store *w = i % 2 == 0 ? f->st : other;

		r = report(f->unit, "2024-Q3", 1000 + i);
		OK(f, store_begin(w, &f->err));
		OK(f, STORE(w, reports, report_put, &r, "{}", NULL, 0, &f->err));
		assert_int_equal(r.version, i);
		OK(f, store_commit(w, &f->err));
	}
	r = report(f->unit, "2024-Q3", 2000);
	OK(f, store_begin(other, &f->err));
	OK(f, STORE(other, reports, report_put, &r, "{}", NULL, 0, &f->err));
	assert_int_equal(r.version, 5);
	OK(f, store_rollback(other, &f->err));
	OK(f, STORE(f->st, reports, report_put, &r, "{}", NULL, 0, &f->err));
	assert_int_equal(r.version, 5);
	store_close(other);
}

static void test_refused(void **state)
{
	struct fx *f = *state;
	struct store_report r = report(f->unit, "", 1000), *list = NULL;
	size_t n = 9;

	assert_int_equal(STORE(f->st, reports, report_put, &r, "{}", NULL, 0, &f->err), HL_EINVAL);
	r = report(0, "2024", 1000);
	assert_int_equal(STORE(f->st, reports, report_put, &r, "{}", NULL, 0, &f->err), HL_EINVAL);
	r = report(f->unit, "2024", 1000);
	assert_int_equal(STORE(f->st, reports, report_put, &r, "", NULL, 0, &f->err), HL_EINVAL);
	assert_int_equal(STORE(f->st, reports, report_put, &r, NULL, NULL, 0, &f->err), HL_EINVAL);
	r = report(f->unit, "2024", 0);
	assert_int_equal(STORE(f->st, reports, report_put, &r, "{}", NULL, 0, &f->err), HL_EINVAL);
	OK(f, STORE(f->st, reports, report_list, 0, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
	assert_null(list);
}

/* A rolled back publication leaves no version behind: the next is 1. */
static void test_rollback(void **state)
{
	struct fx *f = *state;
	struct store_report r = report(f->unit, "2024", 1000);

	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, reports, report_put, &r, "{}", NULL, 0, &f->err));
	assert_int_equal(r.version, 1);
	OK(f, store_rollback(f->st, &f->err));
	r = report(f->unit, "2024", 1000);
	OK(f, STORE(f->st, reports, report_put, &r, "{}", NULL, 0, &f->err));
	assert_int_equal(r.version, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_versions, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_versions_two_writers, fx_setup_units,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_refused, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_rollback, fx_setup_units, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
