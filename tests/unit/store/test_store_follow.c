/* test_store_follow.c — the conformance suite of the follow-up cases
 * (store.h "follow"): numbering by prefix, one case per response, the list
 * by unit and state, the compare-and-set update, each unit's deadline, a
 * case going with its response's batch, and rollback. On SQLite, and on
 * PostgreSQL through on_pg.sh (store_on_pg). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "store/store.h"
#include "store_fixture.h"

/* A counted response of unit in a new batch; *batch (may be NULL) gets it. */
static int64_t response(struct fx *f, int64_t unit, int64_t *batch)
{
	struct store_response r = {0};
	struct store_instrument in = {.version = 1};
	int64_t b = 0;

	if (f->instr == 0) {
		snprintf(in.code, sizeof(in.code), "sipas-5");
		snprintf(in.name, sizeof(in.name), "SIPAS");
		OK(f, STORE(f->st, instruments, instrument_put, &in, "{}", &f->err));
		f->instr = in.id;
	}
	OK(f, STORE(f->st, responses, batch_new, "import", "t.csv", &b, &f->err));
	r.unit_id = unit;
	r.day = 20423;
	r.instrument_id = f->instr;
	r.channel = CH_KIOSK;
	r.batch_id = b;
	r.nanswers = 2;
	r.answers[0] = 1;
	r.answers[1] = 2;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	if (batch != NULL)
		*batch = b;
	return r.id;
}

static struct store_follow a_case(int64_t unit, int64_t resp, const char *prefix)
{
	struct store_follow c = {.unit_id = unit, .response_id = resp, .day = 20423};

	snprintf(c.code, sizeof(c.code), "%s", prefix);
	c.channel = CH_KIOSK;
	snprintf(c.dossier, sizeof(c.dossier), "HS-01");
	snprintf(c.criteria, sizeof(c.criteria), "PV;KQ");
	c.complaint = true;
	c.opened_at = 29409120;
	c.due_at = 29409120 + 21 * 1440;
	c.closed_at = -1;
	c.published_at = -1;
	return c;
}

/* Numbers per prefix; a second case for a response is refused and takes no
 * number; what was stored reads back. */
static void test_open_get(void **state)
{
	struct fx *f = *state;
	struct store_follow c = a_case(f->unit, response(f, f->unit, NULL), "KP-A-2026-"), d, e,
			    got;

	OK(f, STORE(f->st, follow, follow_open, &c, &f->err));
	assert_string_equal(c.code, "KP-A-2026-0001");
	assert_true(c.id > 0);
	assert_int_equal(c.version, 1);
	d = a_case(f->unit, c.response_id, "KP-A-2026-");
	assert_int_equal(STORE(f->st, follow, follow_open, &d, &f->err), HL_EEXIST);
	d = a_case(f->unit, response(f, f->unit, NULL), "KP-A-2026-");
	d.dossier[0] = '\0';
	d.criteria[0] = '\0';
	d.complaint = false;
	OK(f, STORE(f->st, follow, follow_open, &d, &f->err));
	assert_string_equal(d.code, "KP-A-2026-0002");
	e = a_case(f->unit2, response(f, f->unit2, NULL), "KP-B-2026-");
	OK(f, STORE(f->st, follow, follow_open, &e, &f->err));
	assert_string_equal(e.code, "KP-B-2026-0001");

	OK(f, STORE(f->st, follow, follow_get, "KP-A-2026-0001", &got, &f->err));
	assert_int_equal(got.id, c.id);
	assert_int_equal(got.unit_id, f->unit);
	assert_int_equal(got.response_id, c.response_id);
	assert_int_equal(got.day, 20423);
	assert_int_equal(got.channel, CH_KIOSK);
	assert_string_equal(got.dossier, "HS-01");
	assert_int_equal(got.staff_id, 0);
	assert_string_equal(got.criteria, "PV;KQ");
	assert_true(got.complaint);
	assert_int_equal(got.opened_at, 29409120);
	assert_int_equal(got.due_at, 29409120 + 21 * 1440);
	assert_int_equal(got.state, FS_OPEN);
	assert_string_equal(got.cause, "");
	assert_int_equal(got.callback, 0);
	assert_int_equal(got.closed_at, -1);
	assert_int_equal(got.version, 1);
	OK(f, STORE(f->st, follow, follow_get, "KP-A-2026-0002", &got, &f->err));
	assert_string_equal(got.dossier, "");
	assert_false(got.complaint);
	assert_int_equal(STORE(f->st, follow, follow_get, "KP-X", &got, &f->err), HL_ENOTFOUND);

	/* no prefix, no unit, no response */
	d = a_case(f->unit, 0, "KP-");
	assert_int_equal(STORE(f->st, follow, follow_open, &d, &f->err), HL_EINVAL);
	d = a_case(f->unit, c.response_id, "");
	assert_int_equal(STORE(f->st, follow, follow_open, &d, &f->err), HL_EINVAL);
}

/* By opening then id; one unit; open ones only. Compare-and-set. */
static void test_list_update(void **state)
{
	struct fx *f = *state;
	struct store_follow c = a_case(f->unit, response(f, f->unit, NULL), "KP-A-"), d, e, stale,
			    *list = NULL;
	struct store_follow_filter all = {0}, a_open = {.unit_id = f->unit, .open_only = true};
	size_t n = 9;

	OK(f, STORE(f->st, follow, follow_list, &all, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
	c.opened_at += 60;
	OK(f, STORE(f->st, follow, follow_open, &c, &f->err));
	d = a_case(f->unit, response(f, f->unit, NULL), "KP-A-");
	OK(f, STORE(f->st, follow, follow_open, &d, &f->err));
	e = a_case(f->unit2, response(f, f->unit2, NULL), "KP-B-");
	OK(f, STORE(f->st, follow, follow_open, &e, &f->err));
	OK(f, STORE(f->st, follow, follow_list, &all, f->a, &list, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(list[0].code, d.code);
	assert_string_equal(list[1].code, e.code);
	assert_string_equal(list[2].code, c.code);

	stale = d;
	d.state = FS_CLOSED;
	snprintf(d.cause, sizeof(d.cause), "Thiếu ghế chờ");
	snprintf(d.fix, sizeof(d.fix), "Bổ sung 10 ghế");
	d.callback = 1;
	d.closed_at = d.opened_at + 600;
	OK(f, STORE(f->st, follow, follow_update, &d, &f->err));
	assert_int_equal(d.version, 2);
	/* another writer's copy, read before: refused, nothing written */
	stale.state = FS_CLOSED;
	snprintf(stale.cause, sizeof(stale.cause), "khác");
	assert_int_equal(STORE(f->st, follow, follow_update, &stale, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.where, "version");
	stale.id = 999999;
	assert_int_equal(STORE(f->st, follow, follow_update, &stale, &f->err), HL_ENOTFOUND);

	OK(f, STORE(f->st, follow, follow_list, &a_open, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].code, c.code);
	OK(f, STORE(f->st, follow, follow_get, d.code, &e, &f->err));
	assert_int_equal(e.state, FS_CLOSED);
	assert_string_equal(e.cause, "Thiếu ghế chờ");
	assert_string_equal(e.fix, "Bổ sung 10 ghế");
	assert_int_equal(e.callback, 1);
	assert_int_equal(e.closed_at, d.opened_at + 600);
	assert_int_equal(e.published_at, -1);
	assert_int_equal(e.version, 2);
}

/* Close x after minutes past its opening, its fix shown 5 minutes later. */
static void close_shown(struct fx *f, struct store_follow *x, int64_t after)
{
	x->state = FS_CLOSED;
	snprintf(x->cause, sizeof(x->cause), "Nguyên nhân");
	snprintf(x->fix, sizeof(x->fix), "Biện pháp");
	x->closed_at = x->opened_at + after;
	x->published_at = x->closed_at + 5;
	OK(f, STORE(f->st, follow, follow_update, x, &f->err));
}

/* A closed case's fix shown from a moment: published ones only, closed
 * since a moment only; withdrawn, it is gone from that list. */
static void test_published(void **state)
{
	struct fx *f = *state;
	struct store_follow c = a_case(f->unit, response(f, f->unit, NULL), "KP-A-"),
			    d = a_case(f->unit, response(f, f->unit, NULL), "KP-A-"), got,
			    *list = NULL;
	struct store_follow_filter shown = {.unit_id = f->unit, .published_only = true},
				   recent = {.unit_id = f->unit,
					   .published_only = true,
					   .closed_since = c.opened_at + 1000},
				   day = {.first_day = 20423, .last_day = 20423},
				   later = {.first_day = 20424};
	size_t n = 9;

	OK(f, STORE(f->st, follow, follow_open, &c, &f->err));
	OK(f, STORE(f->st, follow, follow_open, &d, &f->err));
	close_shown(f, &c, 600);
	close_shown(f, &d, 2000);
	OK(f, STORE(f->st, follow, follow_get, c.code, &got, &f->err));
	assert_int_equal(got.published_at, c.closed_at + 5);
	OK(f, STORE(f->st, follow, follow_list, &shown, f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	OK(f, STORE(f->st, follow, follow_list, &recent, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].code, d.code);
	/* the responses' days: both on 20423 */
	OK(f, STORE(f->st, follow, follow_list, &day, f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	OK(f, STORE(f->st, follow, follow_list, &later, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
	d.published_at = -1;
	OK(f, STORE(f->st, follow, follow_update, &d, &f->err));
	OK(f, STORE(f->st, follow, follow_list, &shown, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].code, c.code);
}

/* A unit's own deadline replaces the one stored; 1..365 only. */
static void test_days(void **state)
{
	struct fx *f = *state;
	struct store_follow_days d = {.unit_id = f->unit2, .days = 10}, *list = NULL;
	size_t n = 9;

	OK(f, STORE(f->st, follow, follow_days_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
	OK(f, STORE(f->st, follow, follow_days_set, &d, &f->err));
	d.unit_id = f->unit;
	d.days = 20;
	OK(f, STORE(f->st, follow, follow_days_set, &d, &f->err));
	d.days = 15;
	OK(f, STORE(f->st, follow, follow_days_set, &d, &f->err));
	d.days = 0;
	assert_int_equal(STORE(f->st, follow, follow_days_set, &d, &f->err), HL_EINVAL);
	d.days = 366;
	assert_int_equal(STORE(f->st, follow, follow_days_set, &d, &f->err), HL_EINVAL);
	OK(f, STORE(f->st, follow, follow_days_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(list[0].unit_id < list[1].unit_id, 1);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(list[i].days, list[i].unit_id == f->unit ? 15 : 10);
}

/* An import undone takes its responses' cases with it; a rolled-back
 * transaction leaves no case and gives its number back. */
static void test_batch_rollback(void **state)
{
	struct fx *f = *state;
	struct store_follow_filter all = {0};
	struct store_follow c, *list = NULL;
	int64_t batch = 0;
	size_t n = 9;

	c = a_case(f->unit, response(f, f->unit, &batch), "KP-A-");
	OK(f, STORE(f->st, follow, follow_open, &c, &f->err));
	OK(f, STORE(f->st, responses, response_delete_batch, batch, &f->err));
	OK(f, STORE(f->st, follow, follow_list, &all, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);

	c = a_case(f->unit, response(f, f->unit, NULL), "KP-B-");
	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, follow, follow_open, &c, &f->err));
	OK(f, store_rollback(f->st, &f->err));
	OK(f, STORE(f->st, follow, follow_list, &all, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
	snprintf(c.code, sizeof(c.code), "KP-B-");
	OK(f, STORE(f->st, follow, follow_open, &c, &f->err));
	assert_string_equal(c.code, "KP-B-0001");
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_get, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_list_update, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_published, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_days, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_batch_rollback, fx_setup_units, fx_teardown),
	};

	return FX_RUN(tests);
}
