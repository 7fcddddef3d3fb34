/* test_gate.c — the gate's decisions (http/gate.h) on the real route table:
 * who is admitted (roles, a kiosk's token on the kiosk's routes, the public
 * sent to log in on a page but 401 on the API), and the CSRF check of every
 * kind of write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "http/gate.h"

static const struct route *find(const char *method, const char *path)
{
	const char *p[HTTP_MAX_PARAMS];
	char buf[ROUTE_PARAMS_BUF];
	int known;
	const struct route *rt = route_match(method, path, p, buf, sizeof(buf), &known);

	assert_non_null(rt);
	return rt;
}

static void test_admit(void **state)
{
	const struct route *home = find("GET", "/"), *units = find("GET", "/admin/units");
	const struct route *resp = find("POST", "/api/v1/responses"),
			   *index = find("GET", "/api/v1/index"), *pub = find("GET", "/public/x");

	(void)state;
	assert_int_equal(gate_admit(ROLE_NONE, false, pub), GATE_ADMIT);
	assert_int_equal(gate_admit(ROLE_NONE, false, home), GATE_LOGIN);
	assert_int_equal(gate_admit(ROLE_ENTRY, false, home), GATE_ADMIT);
	assert_int_equal(gate_admit(ROLE_CLERK, false, units), GATE_FORBIDDEN);
	assert_int_equal(gate_admit(ROLE_SUPERVISOR, false, units), GATE_FORBIDDEN);
	assert_int_equal(gate_admit(ROLE_ADMIN, false, units), GATE_ADMIT);
	assert_int_equal(gate_admit(ROLE_NONE, false, index), GATE_UNAUTHORIZED);
	assert_int_equal(gate_admit(ROLE_ENTRY, false, index), GATE_FORBIDDEN);
	/* a kiosk's token opens the kiosk's routes only */
	assert_int_equal(gate_admit(ROLE_NONE, true, resp), GATE_ADMIT);
	assert_int_equal(gate_admit(ROLE_NONE, true, index), GATE_UNAUTHORIZED);
	assert_int_equal(gate_admit(ROLE_NONE, true, home), GATE_LOGIN);
}

static void test_csrf(void **state)
{
	const struct route *logout = find("POST", "/logout"), *login = find("POST", "/login");
	const struct route *api = find("POST", "/api/v1/feedback");
	const struct route *survey = find("POST", "/s/x/submit");
	const struct route *kiosk = find("POST", "/api/v1/responses");
	struct gate_tokens none = {0}, good = {.form = "abc", .session = "abc"};
	struct gate_tokens bad = {.form = "abd", .session = "abc"};
	struct gate_tokens hdr = {.header = "abc", .session = "abc"};
	struct gate_tokens empty = {.form = "", .session = ""};
	struct gate_tokens dbl = {.cookie = "k1", .form = "k1"},
			   dbl_bad = {.cookie = "k1", .form = "k2"};

	(void)state;
	/* reads are never checked */
	assert_true(gate_csrf_ok("GET", ROLE_CLERK, false, logout->flags, &none));
	/* a session's form: the field must be the session's token */
	assert_true(gate_csrf_ok("POST", ROLE_CLERK, false, logout->flags, &good));
	assert_false(gate_csrf_ok("POST", ROLE_CLERK, false, logout->flags, &bad));
	assert_false(gate_csrf_ok("POST", ROLE_CLERK, false, logout->flags, &none));
	assert_false(gate_csrf_ok("POST", ROLE_CLERK, false, logout->flags, &empty));
	assert_false(gate_csrf_ok("POST", ROLE_CLERK, false, logout->flags, &hdr));
	/* a session's API write: the header, not the field */
	assert_true(gate_csrf_ok("POST", ROLE_CLERK, false, api->flags, &hdr));
	assert_false(gate_csrf_ok("POST", ROLE_CLERK, false, api->flags, &good));
	/* the login form: the double-submit cookie */
	assert_true(gate_csrf_ok("POST", ROLE_NONE, false, login->flags, &dbl));
	assert_false(gate_csrf_ok("POST", ROLE_NONE, false, login->flags, &dbl_bad));
	assert_false(gate_csrf_ok("POST", ROLE_NONE, false, login->flags, &none));
	/* a one-time link and a kiosk's token carry their own secret */
	assert_true(gate_csrf_ok("POST", ROLE_NONE, false, survey->flags, &none));
	assert_true(gate_csrf_ok("POST", ROLE_NONE, true, kiosk->flags, &none));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_admit),
		cmocka_unit_test(test_csrf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
