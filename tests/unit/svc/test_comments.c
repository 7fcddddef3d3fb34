/* test_comments.c — approving a comment for publication (svc/comments.h):
 * who may (a clerk of the response's unit, a supervisor or a scoped
 * administrator above it, an administrator of everything; nobody else, and
 * to them the response does not exist), what may be approved (a counted
 * response with a comment), twice or a withdrawal of nothing is a conflict,
 * and every change is audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/instrument.h"
#include "io/instrument_json.h"
#include "store/store.h"
#include "svc/comments.h"
#include "svc/units.h"
#include "../store/store_fixture.h"

struct ids {
	int64_t kh, nt, vt, vh, instr;
};

static struct ids ids;

/* KH > NT > (VT, VH), and sipas-5. */
static int setup(void **state)
{
	struct store_instrument si = {.version = 1};
	struct hl_instrument *in;
	struct fx *f;
	char *json;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	ids.kh = fx_unit(f, "KH", NULL, 0);
	ids.nt = fx_unit(f, "NT", NULL, ids.kh);
	ids.vt = fx_unit(f, "VT", NULL, ids.nt);
	ids.vh = fx_unit(f, "VH", NULL, ids.nt);
	OK(f, hl_instrument_builtin(f->a, "sipas-5", &in, &f->err));
	json = ij_dump(in);
	assert_non_null(json);
	snprintf(si.code, sizeof(si.code), "sipas-5");
	snprintf(si.name, sizeof(si.name), "SIPAS");
	OK(f, STORE(f->st, instruments, instrument_put, &si, json, &f->err));
	free(json);
	ids.instr = si.id;
	return 0;
}

static int64_t respond(struct fx *f, int64_t unit, const char *comment, int status)
{
	struct store_response r = {0};

	r.unit_id = unit;
	r.day = 19800;
	r.instrument_id = ids.instr;
	r.channel = CH_KIOSK;
	r.nanswers = 1;
	r.answers[0] = 5;
	r.status = status;
	snprintf(r.comment, sizeof(r.comment), "%s", comment);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	return r.id;
}

static int set(struct fx *f, int64_t id, bool approve, int role, int64_t unit)
{
	struct scope_actor by = {role, unit, "web:test"};

	return cmt_set_public(f->st, id, approve, &by, 1000, &f->err);
}

static size_t approved(struct fx *f, int64_t unit)
{
	struct store_approval *a = NULL;
	size_t n = 0;

	OK(f, cmt_approvals(f->st, f->a, unit, HL_DAY_NONE, HL_DAY_NONE, &a, &n, &f->err));
	return n;
}

static void test_scope(void **state)
{
	struct fx *f = *state;
	int64_t r = respond(f, ids.vt, "Chờ lâu", RS_COUNTED);
	char **lines = NULL;
	size_t n = 0;

	/* Not theirs: as if it did not exist. */
	assert_int_equal(set(f, r, true, ROLE_CLERK, ids.vh), HL_ENOTFOUND);
	assert_int_equal(set(f, r, true, ROLE_CLERK, ids.nt), HL_ENOTFOUND);
	assert_int_equal(set(f, r, true, ROLE_SUPERVISOR, ids.vh), HL_ENOTFOUND);
	assert_int_equal(set(f, r, true, ROLE_ADMIN, ids.vh), HL_ENOTFOUND);
	assert_int_equal(set(f, r, true, ROLE_ENTRY, ids.vt), HL_ENOTFOUND);
	assert_int_equal(set(f, r + 100, true, ROLE_ADMIN, 0), HL_ENOTFOUND);
	assert_int_equal(approved(f, ids.vt), 0);
	/* Theirs. */
	OK(f, set(f, r, true, ROLE_CLERK, ids.vt));
	assert_int_equal(set(f, r, true, ROLE_SUPERVISOR, ids.kh), HL_ECONFLICT);
	OK(f, set(f, r, false, ROLE_SUPERVISOR, ids.kh));
	assert_int_equal(set(f, r, false, ROLE_ADMIN, 0), HL_ECONFLICT);
	OK(f, set(f, r, true, ROLE_ADMIN, ids.nt));
	OK(f, set(f, r, false, ROLE_ADMIN, 0));
	OK(f, set(f, r, true, ROLE_ADMIN, 0));
	assert_int_equal(approved(f, ids.vt), 1);
	assert_int_equal(approved(f, ids.vh), 0);
	OK(f, STORE(f->st, admin, audit_list, 0, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 5);
	assert_non_null(strstr(lines[0], "web:test\tcomments.approve\tphiếu"));
	assert_non_null(strstr(lines[1], "comments.withdraw"));
}

static void test_what(void **state)
{
	struct fx *f = *state;
	int64_t none = respond(f, ids.vt, "", RS_COUNTED);
	int64_t held = respond(f, ids.vt, "Chờ lâu", RS_HELD);

	assert_int_equal(set(f, none, true, ROLE_CLERK, ids.vt), HL_EINVAL);
	assert_int_equal(set(f, held, true, ROLE_CLERK, ids.vt), HL_EINVAL);
	assert_int_equal(approved(f, 0), 0);
}

static void test_find(void **state)
{
	struct store_approval a[3] = {{.response_id = 2}, {.response_id = 5}, {.response_id = 9}};

	(void)state;
	assert_ptr_equal(cmt_find(a, 3, 5), &a[1]);
	assert_null(cmt_find(a, 3, 4));
	assert_null(cmt_find(a, 0, 2));
	assert_null(cmt_find(NULL, 0, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scope, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_what, setup, fx_teardown),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
