/* test_scope.c — svc/scope.c, the one resolver of which units a caller
 * sees: each role over a small tree, a kiosk, the answers for a unit out of
 * scope (404 for pages, 403 for the API), a loop of parents, and the case
 * where the two earlier copies disagreed: http/scope.c stopped walking up
 * after 64 levels, so a supervisor did not see a unit more than 64 levels
 * below it that svc/units.c's units_of listed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"
#include "svc/scope.h"
#include "../store/store_fixture.h"

/* KH > (VT > XA, VH). */
static int setup(void **state)
{
	struct fx *f;
	int64_t kh, vt;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	kh = fx_unit(f, "KH", "Tỉnh Khánh Hòa", 0);
	vt = fx_unit(f, "VT", "Phường Vĩnh Thọ", kh);
	f->unit = vt;
	f->unit2 = fx_unit(f, "VH", "Phường Vĩnh Hải", kh);
	fx_unit(f, "XA", "Tổ dân phố 1", vt);
	return 0;
}

static int64_t id_of(struct fx *f, const char *code)
{
	struct store_unit u;

	OK(f, STORE(f->st, units, unit_get, code, &u, &f->err));
	return u.id;
}

/* The codes by sees, in code order, joined by spaces. */
static const char *seen(struct fx *f, const struct scope_actor *by)
{
	static char buf[256];
	struct store_unit *u = NULL;
	size_t n = 0, len = 0;

	OK(f, scope_units(f->st, f->a, by, &u, &n, &f->err));
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? " " : "",
			u[i].code);
	return buf;
}

static void test_roles(void **state)
{
	struct fx *f = *state;
	int64_t kh = id_of(f, "KH"), vt = f->unit, vh = f->unit2;
	struct scope_actor all = {.role = ROLE_ADMIN},
			   admin_vt = {.role = ROLE_ADMIN, .unit_id = vt},
			   sup = {.role = ROLE_SUPERVISOR, .unit_id = kh},
			   clerk = {.role = ROLE_CLERK, .unit_id = vt},
			   entry = {.role = ROLE_ENTRY, .unit_id = vh}, pub = {0},
			   kiosk = {.role = ROLE_NONE, .unit_id = vh},
			   lost = {.role = ROLE_SUPERVISOR};
	bool yes = true;

	assert_string_equal(seen(f, &all), "KH VH VT XA");
	assert_string_equal(seen(f, &admin_vt), "VT XA");
	assert_string_equal(seen(f, &sup), "KH VH VT XA");
	assert_string_equal(seen(f, &clerk), "VT");
	assert_string_equal(seen(f, &entry), "VH");
	assert_string_equal(seen(f, &pub), "");
	/* A kiosk (no role, a unit) sees its unit. */
	assert_string_equal(seen(f, &kiosk), "VH");
	/* A supervisor without a unit sees nothing (not everything). */
	assert_string_equal(seen(f, &lost), "");
	assert_true(scope_global(&all));
	assert_false(scope_global(&admin_vt));
	OK(f, scope_may(f->st, &clerk, vh, &yes, &f->err));
	assert_false(yes);
	OK(f, scope_may(f->st, &admin_vt, id_of(f, "XA"), &yes, &f->err));
	assert_true(yes);
}

static void test_get(void **state)
{
	struct fx *f = *state;
	struct scope_actor clerk = {.role = ROLE_CLERK, .unit_id = f->unit};
	struct store_unit u;

	OK(f, scope_get(f->st, &clerk, "VT", "unit", &u, &f->err));
	assert_int_equal(u.id, f->unit);
	/* Another unit: not found for pages, forbidden for the API. */
	assert_int_equal(scope_get(f->st, &clerk, "VH", "unit", &u, &f->err), HL_ENOTFOUND);
	assert_string_equal(f->err.where, "unit");
	assert_int_equal(scope_get_api(f->st, &clerk, "VH", "unit", &u, &f->err), HL_EPERM);
	assert_int_equal(scope_get(f->st, &clerk, "ZZ", "unit", &u, &f->err), HL_ENOTFOUND);
	assert_int_equal(scope_get_api(f->st, &clerk, "ZZ", "unit", &u, &f->err), HL_ENOTFOUND);
	assert_int_equal(scope_get(f->st, &clerk, "", "unit", &u, &f->err), HL_EINVAL);
	assert_int_equal(scope_get_api(f->st, &clerk, NULL, "unit", &u, &f->err), HL_EINVAL);
}

static void test_own(void **state)
{
	struct fx *f = *state;
	struct scope_actor clerk = {.role = ROLE_CLERK, .unit_id = f->unit},
			   kiosk = {.role = ROLE_NONE, .unit_id = f->unit2},
			   all = {.role = ROLE_ADMIN};
	struct store_unit u;

	OK(f, scope_own(f->st, &clerk, &u, &f->err));
	assert_string_equal(u.code, "VT");
	OK(f, scope_own(f->st, &kiosk, &u, &f->err));
	assert_string_equal(u.code, "VH");
	assert_int_equal(scope_own(f->st, &all, &u, &f->err), HL_ENOTFOUND);
}

/* What a query without unit or under covers: the index, the dossier
 * statistics (API and page) each had this rule written out. */
static void test_default(void **state)
{
	struct fx *f = *state;
	struct scope_actor all = {.role = ROLE_ADMIN},
			   admin_vt = {.role = ROLE_ADMIN, .unit_id = f->unit},
			   sup = {.role = ROLE_SUPERVISOR, .unit_id = id_of(f, "KH")},
			   clerk = {.role = ROLE_CLERK, .unit_id = f->unit2},
			   lost = {.role = ROLE_SUPERVISOR};
	const char *unit = "x", *under = "x";

	OK(f, scope_default(f->st, f->a, &all, &unit, &under, &f->err));
	assert_null(unit);
	assert_null(under);
	OK(f, scope_default(f->st, f->a, &admin_vt, &unit, &under, &f->err));
	assert_null(unit);
	assert_string_equal(under, "VT");
	OK(f, scope_default(f->st, f->a, &sup, &unit, &under, &f->err));
	assert_null(unit);
	assert_string_equal(under, "KH");
	OK(f, scope_default(f->st, f->a, &clerk, &unit, &under, &f->err));
	assert_string_equal(unit, "VH");
	assert_null(under);
	assert_int_equal(scope_default(f->st, f->a, &lost, &unit, &under, &f->err), HL_ENOTFOUND);
}

/* 70 levels below the supervisor's unit: seen (the copy in http/scope.c gave
 * up after 64 levels and answered no). */
static void test_deep(void **state)
{
	struct fx *f = *state;
	int64_t top = fx_unit(f, "D00", NULL, 0), parent = top;
	struct scope_actor sup = {.role = ROLE_SUPERVISOR, .unit_id = top};
	bool yes = false;

	for (int i = 1; i <= 70; i++) {
		char code[8];

		snprintf(code, sizeof(code), "D%02d", i);
		parent = fx_unit(f, code, NULL, parent);
	}
	OK(f, scope_may(f->st, &sup, parent, &yes, &f->err));
	assert_true(yes);
	sup.unit_id = f->unit;
	OK(f, scope_may(f->st, &sup, parent, &yes, &f->err));
	assert_false(yes);
}

/* A loop of parents (a damaged tree) ends the walk: nothing in it is below
 * a unit outside it, and the walk does not hang. */
static void test_loop(void **state)
{
	struct store_unit u[3] = {{.id = 1, .parent_id = 2}, {.id = 2, .parent_id = 1},
		{.id = 3, .parent_id = 0}};

	(void)state;
	assert_false(scope_within(u, 3, 1, 3));
	assert_true(scope_within(u, 3, 1, 2));
	assert_true(scope_within(u, 3, 3, 3));
	assert_false(scope_within(u, 3, 9, 3));
	assert_true(
		scope_holds(&(struct scope_actor){.role = ROLE_SUPERVISOR, .unit_id = 2}, u, 3, 1));
	assert_false(
		scope_holds(&(struct scope_actor){.role = ROLE_SUPERVISOR, .unit_id = 3}, u, 3, 1));
}

/* A clerk's or a kiosk's check, and anyone's on their own unit, is
 * decided without reading the tree (the store is not touched: NULL). */
static void test_may_without_tree(void **state)
{
	struct scope_actor clerk = {.role = ROLE_CLERK, .unit_id = 7},
			   kiosk = {.role = ROLE_NONE, .unit_id = 7}, pub = {.role = ROLE_NONE},
			   sup = {.role = ROLE_SUPERVISOR, .unit_id = 7};
	struct hl_err err = {0};
	bool yes = false;

	(void)state;
	assert_int_equal(scope_may(NULL, &clerk, 7, &yes, &err), HL_OK);
	assert_true(yes);
	assert_int_equal(scope_may(NULL, &clerk, 8, &yes, &err), HL_OK);
	assert_false(yes);
	assert_int_equal(scope_may(NULL, &kiosk, 7, &yes, &err), HL_OK);
	assert_true(yes);
	assert_int_equal(scope_may(NULL, &pub, 7, &yes, &err), HL_OK);
	assert_false(yes);
	assert_int_equal(scope_may(NULL, &sup, 7, &yes, &err), HL_OK);
	assert_true(yes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roles, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_get, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_own, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_default, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_deep, setup, fx_teardown),
		cmocka_unit_test(test_loop),
		cmocka_unit_test(test_may_without_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
