/* test_scope.c — which units a caller sees (http/scope.h): an administrator
 * of everything all, an administrator or supervisor with a unit that unit
 * and every unit below it, a clerk or data-entry clerk only its own, a kiosk
 * only its own, the public none; another unit's object is "not found". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "http/scope.h"
#include "../store/store_fixture.h"

/* tinh > huyen > xa, and tinh > other */
struct tree {
	struct fx *f;
	struct store_unit tinh, huyen, xa, other;
};

static void put(struct fx *f, struct store_unit *u, const char *code, int64_t parent)
{
	fx_unit(f, code, code, parent);
	OK(f, STORE(f->st, units, unit_get, code, u, &f->err));
}

static int setup(void **state)
{
	static struct tree t;

	t.f = fx_open();
	if (t.f == NULL)
		return -1;
	put(t.f, &t.tinh, "tinh", 0);
	put(t.f, &t.huyen, "huyen", t.tinh.id);
	put(t.f, &t.xa, "xa", t.huyen.id);
	put(t.f, &t.other, "other", t.tinh.id);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;

	void *f = t->f;

	return fx_teardown(&f);
}

static struct http_req req(struct tree *t, int role, int64_t unit)
{
	struct http_req r = {.a = t->f->a, .st = t->f->st, .role = role};

	r.user.unit_id = unit;
	return r;
}

/* Which of tinh, huyen, xa, other r sees, as "1010". */
static void sees(struct tree *t, struct http_req *r, const char *want)
{
	const struct store_unit *u[] = {&t->tinh, &t->huyen, &t->xa, &t->other};
	char got[5];

	for (int i = 0; i < 4; i++)
		got[i] = scope_sees(r, u[i]) ? '1' : '0';
	got[4] = '\0';
	assert_string_equal(got, want);
}

static void test_sees(void **state)
{
	struct tree *t = *state;
	struct http_req r;

	r = req(t, ROLE_ADMIN, 0);
	sees(t, &r, "1111");
	r = req(t, ROLE_ADMIN, t->huyen.id);
	sees(t, &r, "0110");
	r = req(t, ROLE_SUPERVISOR, t->huyen.id);
	sees(t, &r, "0110");
	r = req(t, ROLE_SUPERVISOR, t->tinh.id);
	sees(t, &r, "1111");
	r = req(t, ROLE_CLERK, t->huyen.id);
	sees(t, &r, "0100");
	r = req(t, ROLE_ENTRY, t->xa.id);
	sees(t, &r, "0010");
	r = req(t, ROLE_NONE, t->tinh.id);
	sees(t, &r, "0000");
	r = req(t, ROLE_NONE, 0);
	r.kiosk_auth = true;
	r.kiosk.unit_id = t->other.id;
	sees(t, &r, "0001");
}

static void test_unit_object_home(void **state)
{
	struct tree *t = *state;
	struct http_req r = req(t, ROLE_SUPERVISOR, t->huyen.id);
	struct store_unit u;
	struct hl_err err = {0};

	assert_int_equal(scope_unit(&r, "xa", "unit", &u, &err), HL_OK);
	assert_int_equal(u.id, t->xa.id);
	assert_int_equal(scope_unit(&r, "other", "unit", &u, &err), HL_EPERM);
	assert_string_equal(err.where, "unit");
	assert_non_null(strstr(err.msg, "other"));
	assert_int_equal(scope_unit(&r, "khong-co", "unit", &u, &err), HL_ENOTFOUND);
	assert_int_equal(scope_unit(&r, "", "unit", &u, &err), HL_EINVAL);

	/* another unit's object answers as if it did not exist */
	assert_int_equal(scope_object(&r, &t->xa, "id", "không có lô 7", &err), HL_OK);
	assert_int_equal(scope_object(&r, &t->other, "id", "không có lô 7", &err), HL_ENOTFOUND);
	assert_string_equal(err.msg, "không có lô 7");
	assert_int_equal(scope_object(&r, NULL, "id", "không có lô 8", &err), HL_ENOTFOUND);

	assert_int_equal(scope_home(&r, &u, &err), HL_OK);
	assert_int_equal(u.id, t->huyen.id);
	r = req(t, ROLE_ADMIN, 0);
	assert_int_equal(scope_home(&r, &u, &err), HL_ENOTFOUND);
	r.kiosk_auth = true;
	r.kiosk.unit_id = t->xa.id;
	assert_int_equal(scope_home(&r, &u, &err), HL_OK);
	assert_string_equal(u.code, "xa");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_object_home, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
