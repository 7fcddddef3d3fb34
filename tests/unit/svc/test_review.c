/* test_review.c — the responses held for review (svc/review.h): who sees
 * which (a clerk its unit, a supervisor the units below, an administrator
 * of everything all of them), a decision counts an accepted response once
 * and refuses a second one, and "accept all" takes exactly the held
 * responses of the caller's scope up to the newest one it was shown — all
 * of them or none — with one audit line per unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"
#include "svc/intake.h"
#include "svc/review.h"
#include "svc/units.h"
#include "../store/store_fixture.h"

struct ids {
	int64_t kh, nt, vt, vh, instr;
};

static struct ids ids;

/* KH > NT > (VT, VH), and an instrument. */
static int setup(void **state)
{
	struct store_instrument si = {.version = 1};
	struct fx *f;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	ids.kh = fx_unit(f, "KH", NULL, 0);
	ids.nt = fx_unit(f, "NT", NULL, ids.kh);
	ids.vt = fx_unit(f, "VT", NULL, ids.nt);
	ids.vh = fx_unit(f, "VH", NULL, ids.nt);
	snprintf(si.code, sizeof(si.code), "test");
	snprintf(si.name, sizeof(si.name), "Thử");
	OK(f, STORE(f->st, instruments, instrument_put, &si, fx_instrument_json, &f->err));
	ids.instr = si.id;
	return 0;
}

static int64_t respond(struct fx *f, int64_t unit, int status)
{
	struct store_response r = {0};

	r.unit_id = unit;
	r.day = 19800;
	r.instrument_id = ids.instr;
	r.channel = CH_KIOSK;
	r.nanswers = 1;
	r.answers[0] = 5;
	r.status = status;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	return r.id;
}

struct counted {
	int n;
	int64_t last;
};

static int count(void *ctx, const struct store_response *r, struct hl_err *err)
{
	struct counted *c = ctx;

	(void)err;
	assert_int_equal(r->status, RS_COUNTED);
	c->n++;
	c->last = r->id;
	return HL_OK;
}

/* A counting callback that fails on its second call. */
static int count_fails(void *ctx, const struct store_response *r, struct hl_err *err)
{
	struct counted *c = ctx;

	(void)r;
	if (++c->n == 2)
		return hl_err_set(err, HL_EIO, HL_HERE, "tallies");
	return HL_OK;
}

static int status_of(struct fx *f, int64_t id)
{
	struct store_response r;

	OK(f, STORE(f->st, responses, response_get, id, &r, &f->err));
	return r.status;
}

static size_t held(struct fx *f, int role, int64_t unit, int64_t upto)
{
	struct scope_actor by = {role, unit, "web:test"};
	struct store_response *list = NULL;
	size_t n = 0;
	bool more = true;

	OK(f, review_held(f->st, f->a, &by, upto, 100, &list, &n, &more, &f->err));
	assert_false(more);
	for (size_t i = 1; i < n; i++)
		assert_true(list[i - 1].id > list[i].id); /* newest first */
	return n;
}

static void test_scope_and_decide(void **state)
{
	struct fx *f = *state;
	struct scope_actor clerk_vt = {ROLE_CLERK, 0, "web:lan"},
			   clerk_vh = {ROLE_CLERK, 0, "web:hoa"};
	struct counted c = {0};
	int64_t a = respond(f, ids.vt, RS_HELD), b = respond(f, ids.vh, RS_HELD);
	char **lines = NULL;
	size_t n = 0;

	respond(f, ids.vt, RS_COUNTED);
	clerk_vt.unit_id = ids.vt;
	clerk_vh.unit_id = ids.vh;
	assert_int_equal(held(f, ROLE_CLERK, ids.vt, 0), 1);
	assert_int_equal(held(f, ROLE_CLERK, ids.vh, 0), 1);
	assert_int_equal(held(f, ROLE_SUPERVISOR, ids.nt, 0), 2);
	assert_int_equal(held(f, ROLE_ADMIN, 0, 0), 2);
	assert_int_equal(held(f, ROLE_ADMIN, ids.vt, 0), 1);
	assert_int_equal(held(f, ROLE_ADMIN, 0, a), 1);
	/* another unit's response does not exist for a clerk */
	assert_int_equal(review_decide(f->st, a, true, &clerk_vh, count, &c, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(review_decide(f->st, 99999, true, &clerk_vh, count, &c, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(status_of(f, a), RS_HELD);
	OK(f, review_decide(f->st, a, true, &clerk_vt, count, &c, &f->err));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.last, a);
	assert_int_equal(status_of(f, a), RS_COUNTED);
	assert_int_equal(review_decide(f->st, a, false, &clerk_vt, count, &c, &f->err),
		HL_ECONFLICT);
	OK(f, review_decide(f->st, b, false, &clerk_vh, count, &c, &f->err));
	assert_int_equal(c.n, 1);
	assert_int_equal(status_of(f, b), RS_REJECTED);
	OK(f, STORE(f->st, admin, audit_list, 2, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 2);
	assert_non_null(strstr(lines[0], "web:hoa\treview.reject\tphiếu"));
	assert_non_null(strstr(lines[0], "đơn vị VH"));
	assert_non_null(strstr(lines[1], "web:lan\treview.accept\tphiếu"));
}

static void test_accept_all(void **state)
{
	struct fx *f = *state;
	struct scope_actor sup = {ROLE_SUPERVISOR, 0, "web:minh"},
			   clerk = {ROLE_CLERK, 0, "web:lan"};
	struct counted c = {0};
	int64_t v1 = respond(f, ids.vt, RS_HELD), v2 = respond(f, ids.vt, RS_HELD);
	int64_t h1 = respond(f, ids.vh, RS_HELD), other = respond(f, ids.kh, RS_HELD);
	int64_t late;
	char **lines = NULL;
	size_t n = 0, got = 0;

	sup.unit_id = ids.nt;
	clerk.unit_id = ids.vt;
	/* a response that arrives after the page was shown is not in it */
	late = respond(f, ids.vt, RS_HELD);
	/* all or none: a failure undoes nothing here (the caller rolls back), but
	 * says so; run inside a transaction as the server does */
	OK(f, store_begin(f->st, &f->err));
	assert_int_equal(review_accept_all(f->st, &sup, h1, count_fails, &c, &got, &f->err),
		HL_EIO);
	OK(f, store_rollback(f->st, &f->err));
	assert_int_equal(status_of(f, v1), RS_HELD);
	c.n = 0;
	OK(f, review_accept_all(f->st, &sup, h1, count, &c, &got, &f->err));
	assert_int_equal(got, 3);
	assert_int_equal(c.n, 3);
	assert_int_equal(status_of(f, v1), RS_COUNTED);
	assert_int_equal(status_of(f, v2), RS_COUNTED);
	assert_int_equal(status_of(f, h1), RS_COUNTED);
	assert_int_equal(status_of(f, late), RS_HELD);
	assert_int_equal(status_of(f, other), RS_HELD); /* KH is above the supervisor's NT */
	OK(f, STORE(f->st, admin, audit_list, 2, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 2);
	assert_non_null(
		strstr(lines[0], "web:minh\treview.accept-all\t1 phiếu chờ duyệt của đơn vị VH"));
	assert_non_null(
		strstr(lines[1], "web:minh\treview.accept-all\t2 phiếu chờ duyệt của đơn vị VT"));
	/* nothing left up to h1: nothing done, nothing audited */
	OK(f, review_accept_all(f->st, &clerk, h1, count, &c, &got, &f->err));
	assert_int_equal(got, 0);
	OK(f, review_accept_all(f->st, &clerk, 0, count, &c, &got, &f->err));
	assert_int_equal(got, 1);
	assert_int_equal(status_of(f, late), RS_COUNTED);
}

/* A held response opens its follow-up case when accepted (with the
 * complaint it was stored with); a satisfied one without a complaint none. */
static void test_accept_opens_case(void **state)
{
	struct fx *f = *state;
	struct scope_actor clerk = {ROLE_CLERK, ids.vt, "web:lan"};
	struct store_response r = {0}, ok = {0};
	struct store_follow_filter all = {0};
	struct store_follow *list = NULL;
	struct counted c = {0};
	size_t n = 9;

	r.unit_id = ids.vt;
	r.day = 19800;
	r.instrument_id = ids.instr;
	r.channel = CH_KIOSK;
	r.nanswers = 2;
	r.answers[0] = 5;
	r.answers[1] = 2;
	r.status = RS_HELD;
	snprintf(r.dossier, sizeof(r.dossier), "HS-9");
	ok = r;
	ok.answers[1] = 4;
	OK(f, intake_insert(f->st, &r, true, NULL, &f->err));
	OK(f, intake_insert(f->st, &ok, false, NULL, &f->err));
	OK(f, STORE(f->st, follow, follow_list, &all, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0); /* held: counted for nothing yet */
	OK(f, review_decide(f->st, ok.id, true, &clerk, count, &c, &f->err));
	OK(f, review_decide(f->st, r.id, true, &clerk, count, &c, &f->err));
	assert_int_equal(c.n, 2);
	OK(f, STORE(f->st, follow, follow_list, &all, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(list[0].response_id, r.id);
	assert_true(list[0].complaint);
	assert_string_equal(list[0].criteria, "PV");
	assert_string_equal(list[0].dossier, "HS-9");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scope_and_decide, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_accept_all, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_accept_opens_case, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
