/* test_route.c — the route table (http/route.h, routes.c): matching a method
 * and path (a '*' takes one non-empty segment; HEAD answers as GET; another
 * method on a known path is told apart for 405), and what the table itself
 * must hold for the gate to protect every route: writes carry a body limit
 * and CSRF protection when they need a login, the API answers as the API,
 * the administration needs a login, no route twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "http/route.h"

/* The parameters' buffer: params point into it until the next match. */
static char params_buf[ROUTE_PARAMS_BUF];

static const struct route *match(const char *method, const char *path, const char **params,
	int *known)
{
	return route_match(method, path, params, params_buf, sizeof(params_buf), known);
}

static void test_match(void **state)
{
	const char *p[HTTP_MAX_PARAMS];
	const struct route *rt;
	int known;

	(void)state;
	rt = match("GET", "/healthz", p, &known);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/healthz");
	assert_null(p[0]);

	rt = match("GET", "/public/phuong-1/reports/7", p, &known);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/public/*/reports/*");
	assert_string_equal(p[0], "phuong-1");
	assert_string_equal(p[1], "7");

	rt = match("POST", "/api/v1/feedback/PA-1/answer", p, &known);
	assert_non_null(rt);
	assert_string_equal(p[0], "PA-1");
	assert_string_equal(p[1], "answer");

	/* not a unit's page (/public/UNIT): one segment only */
	rt = match("GET", "/public/feedback/track", p, &known);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/public/feedback/track");

	rt = match("HEAD", "/login", p, &known);
	assert_non_null(rt);
	assert_string_equal(rt->method, "GET");
}

static void test_no_match(void **state)
{
	const char *p[HTTP_MAX_PARAMS];
	int known;

	(void)state;
	assert_null(match("DELETE", "/login", p, &known));
	assert_int_equal(known, 1); /* 405, not 404 */
	assert_null(match("GET", "/nothing-here", p, &known));
	assert_int_equal(known, 0);
	assert_null(match("GET", "/public/", p, &known)); /* an empty segment */
	assert_null(match("GET", "/public//reports/1", p, &known));
	assert_null(match("GET", "/healthz/", p, &known));     /* no trailing slash */
	assert_null(match("GET", "/feedback/a/b", p, &known)); /* '*' is one segment */
	assert_null(match("POST", "/healthz", p, &known));
	assert_int_equal(known, 1);
	for (int i = 0; i < HTTP_MAX_PARAMS; i++)
		assert_null(p[i]);
}

static void test_table(void **state)
{
	int n = 0;

	(void)state;
	for (const struct route *rt = routes; rt->method != NULL; rt++, n++) {
		bool post = strcmp(rt->method, "POST") == 0;

		if (!post && strcmp(rt->method, "GET") != 0)
			fail_msg("%s %s: only GET and POST", rt->method, rt->pattern);
		assert_non_null(rt->handler);
		/* a write takes a bounded body; a read none */
		if (post != (rt->max_body > 0))
			fail_msg("%s %s: body limit %zu", rt->method, rt->pattern, rt->max_body);
		/* a write of a logged-in caller checks its CSRF token (form or header) */
		if (post && rt->min_role != ROLE_NONE && !(rt->flags & (R_FORM | R_API)))
			fail_msg("%s %s: no CSRF check", rt->method, rt->pattern);
		if (strncmp(rt->pattern, "/api/", 5) == 0 && !(rt->flags & R_API))
			fail_msg("%s %s: API route without R_API", rt->method, rt->pattern);
		if (strncmp(rt->pattern, "/admin", 6) == 0 && rt->min_role < ROLE_CLERK)
			fail_msg("%s %s: administration open to %d", rt->method, rt->pattern,
				rt->min_role);
		/* only a one-time link or a kiosk token stands in for a session */
		if ((rt->flags & R_TOKEN) && rt->min_role != ROLE_NONE)
			fail_msg("%s %s: R_TOKEN needs ROLE_NONE", rt->method, rt->pattern);
		for (const struct route *o = routes; o != rt; o++)
			if (strcmp(o->method, rt->method) == 0 &&
				strcmp(o->pattern, rt->pattern) == 0)
				fail_msg("%s %s: twice", rt->method, rt->pattern);
	}
	assert_true(n > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_no_match),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
