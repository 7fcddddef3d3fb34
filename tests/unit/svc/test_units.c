/* test_units.c — the unit tree's rules (svc/units.h): loops of parents are
 * found wherever they are; a unit added or edited never becomes its own
 * ancestor, and a scoped administrator's change stays inside its subtree
 * and never moves the subtree's root; a refused change leaves the store as
 * it was and is not audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"
#include "svc/units.h"
#include "../store/store_fixture.h"

static struct store_unit unit(int64_t id, int64_t parent)
{
	struct store_unit u = {.id = id, .parent_id = parent};

	snprintf(u.code, sizeof(u.code), "U%lld", (long long)id);
	return u;
}

static void test_loops(void **state)
{
	struct fx *f = *state;
	/* 1 > 2 > 3 fine; 4 <-> 5 a loop with 6 hanging below it; 7 its own
	 * parent; 8 under a parent not in the list. */
	struct store_unit u[] = {unit(3, 2), unit(1, 0), unit(2, 1), unit(5, 4), unit(4, 5),
		unit(6, 5), unit(7, 7), unit(8, 99)};
	bool on[8];
	size_t n = 99;

	OK(f, units_loops(f->a, u, 8, on, &n, &f->err));
	assert_int_equal(n, 3);
	assert_false(on[0] || on[1] || on[2] || on[5] || on[7]);
	assert_true(on[3] && on[4] && on[6]);
	OK(f, units_loops(f->a, u, 3, on, &n, &f->err));
	assert_int_equal(n, 0);
	OK(f, units_loops(f->a, u, 0, on, &n, &f->err));
	assert_int_equal(n, 0);
}

/* Units KH > NT > (VT, VH), and SO at the top. */
static int setup_tree(void **state)
{
	struct fx *f;
	int64_t kh, nt;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	kh = fx_unit(f, "KH", NULL, 0);
	nt = fx_unit(f, "NT", NULL, kh);
	fx_unit(f, "VT", NULL, nt);
	fx_unit(f, "VH", NULL, nt);
	fx_unit(f, "SO", NULL, 0);
	return 0;
}

static int64_t id_of(struct fx *f, const char *code)
{
	struct store_unit u;

	OK(f, STORE(f->st, units, unit_get, code, &u, &f->err));
	return u.id;
}

static int64_t parent_of(struct fx *f, const char *code)
{
	struct store_unit u;

	OK(f, STORE(f->st, units, unit_get, code, &u, &f->err));
	return u.parent_id;
}

static size_t audits(struct fx *f)
{
	char **lines = NULL;
	size_t n = 0;

	OK(f, STORE(f->st, admin, audit_list, 0, f->a, &lines, &n, &f->err));
	return n;
}

/* units_put_in of code (name "Tên", type ubnd-xa) under parent, in scope. */
static int put(struct fx *f, const char *code, const char *parent, const char *scope)
{
	struct store_unit u = {0};

	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "Tên %s", code);
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	u.valid_from = u.valid_to = HL_DAY_NONE;
	return units_put_in(f->st, &u, parent, scope ? id_of(f, scope) : 0, "web:test", &f->err);
}

static void test_no_loop(void **state)
{
	struct fx *f = *state;
	int64_t kh = parent_of(f, "NT");
	size_t before = audits(f);

	/* KH under its grandchild VT, NT under its child, NT under itself. */
	assert_int_equal(put(f, "KH", "VT", NULL), HL_EINVAL);
	assert_non_null(strstr(f->err.msg, "vòng lặp"));
	assert_int_equal(put(f, "NT", "VH", NULL), HL_EINVAL);
	assert_non_null(strstr(f->err.msg, "'VH' là đơn vị cấp dưới của 'NT'"));
	assert_int_equal(put(f, "NT", "NT", NULL), HL_EINVAL);
	assert_int_equal(put(f, "NT", "KHONG-CO", NULL), HL_ENOTFOUND);
	assert_int_equal(parent_of(f, "KH"), 0);
	assert_int_equal(parent_of(f, "NT"), kh);
	assert_int_equal(audits(f), before);
	/* Moves that keep a tree are fine, and audited. */
	OK(f, put(f, "VT", "KH", NULL));
	assert_int_equal(parent_of(f, "VT"), kh);
	OK(f, put(f, "NT", "SO", NULL));
	OK(f, put(f, "NT", "", NULL));
	assert_int_equal(parent_of(f, "NT"), 0);
	OK(f, put(f, "MOI", "VH", NULL));
	assert_int_equal(parent_of(f, "MOI"), id_of(f, "VH"));
	assert_int_equal(audits(f), before + 4);
}

static void test_scope(void **state)
{
	struct fx *f = *state;
	int64_t nt = id_of(f, "NT"), kh = id_of(f, "KH");
	size_t before = audits(f);

	/* An administrator of NT: not a unit of its subtree out of it, nor
	 * its root anywhere, nor a unit outside it, nor a new one at the top. */
	assert_int_equal(put(f, "VT", "KH", "NT"), HL_EPERM);
	assert_int_equal(put(f, "VT", "SO", "NT"), HL_EPERM);
	assert_int_equal(put(f, "NT", "SO", "NT"), HL_EPERM);
	assert_non_null(strstr(f->err.msg, "đơn vị gốc của phạm vi quản trị"));
	assert_int_equal(put(f, "NT", "VT", "NT"), HL_EPERM);
	assert_int_equal(put(f, "KH", NULL, "NT"), HL_EPERM);
	assert_int_equal(put(f, "SO", "NT", "NT"), HL_EPERM);
	assert_int_equal(put(f, "MOI", "", "NT"), HL_EPERM);
	assert_int_equal(put(f, "MOI", "KH", "NT"), HL_EPERM);
	assert_int_equal(parent_of(f, "VT"), nt);
	assert_int_equal(parent_of(f, "NT"), kh);
	assert_int_equal(audits(f), before);
	/* Inside it: move, add, and edit the root where it is. */
	OK(f, put(f, "VT", "VH", "NT"));
	OK(f, put(f, "MOI", "NT", "NT"));
	OK(f, put(f, "NT", NULL, "NT"));
	OK(f, put(f, "NT", "KH", "NT")); /* its parent as it was: not a move */
	assert_int_equal(parent_of(f, "NT"), kh);
	assert_int_equal(audits(f), before + 4);
	/* A loop inside the subtree is a loop, not a matter of scope. */
	assert_int_equal(put(f, "VH", "VT", "NT"), HL_EINVAL);
	assert_non_null(strstr(f->err.msg, "vòng lặp"));
}

static void test_fields(void **state)
{
	struct fx *f = *state;
	struct store_unit u = {.valid_from = 10, .valid_to = 5};

	snprintf(u.code, sizeof(u.code), "X");
	snprintf(u.name, sizeof(u.name), "X");
	snprintf(u.type, sizeof(u.type), "khong-co");
	assert_int_equal(units_put_in(f->st, &u, "", 0, "t", &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "type");
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	assert_int_equal(units_put_in(f->st, &u, "", 0, "t", &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "valid_to");
}

/* VT and VH merged into BNT on 01/07/2025: each says so; BNT was not merged. */
static void test_successor(void **state)
{
	struct fx *f = *state;
	const char *from[] = {"VT", "VH"};
	struct store_unit to;
	hl_day day = HL_DAY_NONE, want;

	assert_true(hl_day_from_ymd(2025, 7, 1, &want));
	assert_int_equal(units_successor(f->st, id_of(f, "VT"), &to, &day, &f->err), HL_ENOTFOUND);
	OK(f,
		units_merge(f->st, "BNT", from, 2, want, "Phường Bắc Nha Trang", "ubnd-xa", "cli",
			&f->err));
	OK(f, units_successor(f->st, id_of(f, "VH"), &to, &day, &f->err));
	assert_string_equal(to.code, "BNT");
	assert_int_equal(day, want);
	assert_int_equal(units_successor(f->st, id_of(f, "BNT"), &to, &day, &f->err), HL_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_loops, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_no_loop, setup_tree, fx_teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup_tree, fx_teardown),
		cmocka_unit_test_setup_teardown(test_fields, setup_tree, fx_teardown),
		cmocka_unit_test_setup_teardown(test_successor, setup_tree, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
