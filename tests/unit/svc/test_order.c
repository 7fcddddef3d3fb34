/* test_order.c — svc/order.c: units in documents grouped by type (ward
 * offices before health stations), then by name in Vietnamese order, never
 * by code; a mean per type and of every unit for a supervising office's
 * report; the rows below target and the feedback rows in the same order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "svc/report_model.h"
#include "svc/order.h"
#include "report/render.h"

static void unit(struct iq_unit *u, const char *code, const char *name, const char *type,
	double sipas, int64_t n)
{
	memset(u, 0, sizeof(*u));
	snprintf(u->unit.code, sizeof(u->unit.code), "%s", code);
	snprintf(u->unit.name, sizeof(u->unit.name), "%s", name);
	snprintf(u->unit.type, sizeof(u->unit.type), "%s", type);
	u->idx.cell[0].cur.valid = sipas < 90; /* TC missing in one unit */
	u->idx.cell[0].cur.value = sipas - 1;
	u->idx.cell[1].cur.valid = true;
	u->idx.cell[1].cur.value = sipas;
	u->idx.cell[1].cur.n = n;
}

static void test_order(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct iq_unit u[5];
	struct iq_result ix = {0};
	struct rpt_model m = {0};
	struct rpt_below below[3] = {{0}};
	struct rpt_feedback fb[2] = {{0}};
	struct rpt_group one;
	const struct rpt_group *g;
	struct hl_err err = {0};
	static const char *const want[] = {"UBND phường An Bình", "UBND phường Ân Phú",
		"UBND xã An", "Trạm y tế phường An Bình", "Trạm y tế xã An"};

	(void)state;
	assert_non_null(a);
	/* By code: a health station first, the wards mixed. */
	unit(&u[0], "a-tyt", "Trạm y tế xã An", "tram-y-te", 80, 10);
	unit(&u[1], "b", "UBND xã An", "ubnd-xa", 84, 20);
	unit(&u[2], "c", "UBND phường Ân Phú", "ubnd-xa", 86, 30);
	unit(&u[3], "d", "UBND phường An Bình", "ubnd-xa", 95, 40);
	unit(&u[4], "e-tyt", "Trạm y tế phường An Bình", "tram-y-te", 90, 50);
	ix.ncrit = 1;
	ix.nunits = 5;
	ix.units = u;
	m.index = &ix;
	m.o.under = "tp";
	below[0] = (struct rpt_below){.unit = "UBND xã An", .criterion = "TC"};
	below[1] = (struct rpt_below){.unit = "UBND xã An", .criterion = "SIPAS"};
	below[2] = (struct rpt_below){.unit = "UBND phường Ân Phú", .criterion = "TC"};
	m.below = below;
	m.nbelow = 3;
	fb[0].unit = "UBND xã An";
	fb[1].unit = "UBND phường Ân Phú";
	m.feedback = fb;
	m.nfeedback = 2;

	assert_int_equal(rpt_order(&m, a, &err), HL_OK);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(rpt_unit_at(&m, i)->unit.name, want[i]);
	assert_int_equal(rpt_groups(&m, &one, &g), 2);
	assert_string_equal(g[0].name, "UBND cấp xã");
	assert_int_equal(g[0].first, 0);
	assert_int_equal(g[0].n, 3);
	assert_string_equal(g[1].name, "Trạm y tế");
	assert_int_equal(g[1].first, 3);
	assert_int_equal(g[1].n, 2);
	/* Means of the values there are: TC has none for An Bình (95). */
	assert_true(g[0].mean.valid[1]);
	assert_true(g[0].mean.value[1] > 88.33 && g[0].mean.value[1] < 88.34);
	assert_true(g[0].mean.valid[0]);
	assert_true(g[0].mean.value[0] > 83.99 && g[0].mean.value[0] < 84.01);
	assert_int_equal(g[0].mean.n, 90);
	assert_int_equal(m.mean.n, 150);
	assert_true(m.mean.value[1] > 86.99 && m.mean.value[1] < 87.01);
	assert_true(m.means);
	/* Ân Phú before An (xã) and An's criteria kept in order. */
	assert_string_equal(below[0].unit, "UBND phường Ân Phú");
	assert_string_equal(below[1].criterion, "TC");
	assert_string_equal(below[2].criterion, "SIPAS");
	assert_string_equal(fb[0].unit, "UBND phường Ân Phú");

	/* One unit's report: no mean rows. */
	m.o.under = NULL;
	assert_int_equal(rpt_order(&m, a, &err), HL_OK);
	assert_false(m.means);
	/* A model filled by hand without an order: one group, as given. */
	m.order = NULL;
	m.groups = NULL;
	assert_int_equal(rpt_groups(&m, &one, &g), 1);
	assert_int_equal(g[0].n, 5);
	assert_string_equal(rpt_unit_at(&m, 0)->unit.code, "a-tyt");
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
