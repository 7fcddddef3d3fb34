/* test_intake.c — svc/intake.h on a real store: what the content hash
 * covers, the same id in a unit (a resend, a conflict, old rows without a
 * hash) and in two units, and the kiosk's hold rules counted in the store
 * (a rolled-back write counts for nothing; dates in the future or long ago). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_fixture.h"
#include "svc/intake.h"
#include "svc/receipt.h"

#define DAY0 20000                              /* a day (2024-10-04) */
#define NOW0 ((int64_t)DAY0 * 86400 + 3 * 3600) /* 10:00 local on DAY0 */

static int setup(void **state)
{
	struct fx *f;
	struct store_instrument si = {0};

	if (fx_setup_units(state) != 0)
		return -1;
	f = *state;
	snprintf(si.code, sizeof(si.code), "sipas-5");
	si.version = 1;
	snprintf(si.name, sizeof(si.name), "SIPAS");
	if (STORE(f->st, instruments, instrument_put, &si, fx_instrument_json, &f->err) != HL_OK)
		return -1;
	f->instr = si.id;
	return 0;
}

/* A response of unit with id ext, answered on day. */
static struct store_response resp(struct fx *f, int64_t unit, const char *ext, hl_day day)
{
	struct store_response r;

	memset(&r, 0, sizeof(r));
	snprintf(r.ext_id, sizeof(r.ext_id), "%s", ext);
	r.unit_id = unit;
	r.day = day;
	r.instrument_id = f->instr;
	r.channel = CH_KIOSK;
	r.nanswers = 4;
	memcpy(r.answers, "\5\4\0\3", 4);
	snprintf(r.comment, sizeof(r.comment), "Cán bộ nhiệt tình");
	return r;
}

static bool same_hash(const struct store_response *a, bool ca, const struct store_response *b,
	bool cb)
{
	unsigned char x[STORE_HASH_LEN], y[STORE_HASH_LEN];

	intake_hash(a, ca, x);
	intake_hash(b, cb, y);
	return memcmp(x, y, sizeof(x)) == 0;
}

static void test_hash_covers_content(void **state)
{
	struct fx *f = *state;
	struct store_response a = resp(f, f->unit, "K-1", DAY0), b;

	/* what the sender did not choose does not count */
	b = a;
	b.status = RS_HELD;
	b.kiosk_id = 7;
	b.received_at = 123;
	b.batch_id = 9;
	b.id = 55;
	assert_true(same_hash(&a, false, &b, false));
	/* every answered thing does, the complaint tick too */
	assert_false(same_hash(&a, false, &a, true));
	b = a;
	b.day++;
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	b.answers[2] = 1;
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	b.nanswers = 5;
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	snprintf(b.comment, sizeof(b.comment), "Cán bộ nhiệt tình.");
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	b.field_id = 1;
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	b.staff_id = 1;
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	snprintf(b.dossier, sizeof(b.dossier), "HS-1");
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	b.instrument_id++;
	assert_false(same_hash(&a, false, &b, false));
	b = a;
	b.channel = CH_PAPER;
	assert_false(same_hash(&a, false, &b, false));
	/* a comment moved into the dossier is not the same */
	b = a;
	snprintf(b.dossier, sizeof(b.dossier), "Cán bộ nhiệt tình");
	b.comment[0] = '\0';
	assert_false(same_hash(&a, false, &b, false));
	/* the server dates a QR answer: its day is not content */
	a.channel = b.channel = CH_QR;
	b = a;
	b.day += 3;
	assert_true(same_hash(&a, false, &b, false));
}

static void test_same_id(void **state)
{
	struct fx *f = *state;
	struct store_response r = resp(f, f->unit, "K-1", DAY0), got;
	int64_t batch = -1, first;

	assert_int_equal(intake_insert(f->st, &r, false, &batch, &f->err), HL_OK);
	assert_int_equal(batch, 0);
	first = r.id;
	/* sent again: a resend, nothing stored */
	r = resp(f, f->unit, "K-1", DAY0);
	assert_int_equal(intake_insert(f->st, &r, false, &batch, &f->err), HL_EEXIST);
	/* other content under the id: a conflict naming it */
	r.answers[0] = 1;
	assert_int_equal(intake_insert(f->st, &r, false, &batch, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.where, "id");
	assert_non_null(strstr(f->err.msg, "mã phiếu K-1"));
	r = resp(f, f->unit, "K-1", DAY0);
	assert_int_equal(intake_insert(f->st, &r, true, &batch, &f->err), HL_ECONFLICT);
	/* the stored one is unchanged */
	OK(f, STORE(f->st, responses, response_get_ext, f->unit, "K-1", &got, &f->err));
	assert_int_equal(got.id, first);
	assert_int_equal(got.answers[0], 5);
	/* the same id in another unit: another response */
	r = resp(f, f->unit2, "K-1", DAY0 + 1);
	assert_int_equal(intake_insert(f->st, &r, false, &batch, &f->err), HL_OK);
	assert_true(r.id != first);
	/* without an id: always stored */
	r = resp(f, f->unit, "", DAY0);
	assert_int_equal(intake_insert(f->st, &r, false, NULL, &f->err), HL_OK);
	r = resp(f, f->unit, "", DAY0);
	assert_int_equal(intake_insert(f->st, &r, false, NULL, &f->err), HL_OK);
}

/* A row stored before hashes existed is hashed as it is stored. */
static void test_old_row(void **state)
{
	struct fx *f = *state;
	struct store_response r = resp(f, f->unit, "OLD-1", DAY0);
	int64_t batch = -1, b;

	OK(f, STORE(f->st, responses, batch_new, "import", "cu.csv", &b, &f->err));
	r.batch_id = b;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	r = resp(f, f->unit, "OLD-1", DAY0);
	assert_int_equal(intake_insert(f->st, &r, false, &batch, &f->err), HL_EEXIST);
	assert_int_equal(batch, b);
	r.day--;
	assert_int_equal(intake_insert(f->st, &r, false, &batch, &f->err), HL_ECONFLICT);
	assert_int_equal(batch, b);
}

static int64_t add_kiosk(struct fx *f, const char *name)
{
	struct store_kiosk k = {0};

	snprintf(k.name, sizeof(k.name), "%s", name);
	k.unit_id = f->unit;
	memset(k.token_hash, name[0], sizeof(k.token_hash));
	OK(f, STORE(f->st, accounts, kiosk_put, &k, &f->err));
	return k.id;
}

static bool held(struct fx *f, int64_t kiosk, int64_t now, hl_day day, int64_t at, bool has_time)
{
	bool h = false;

	OK(f, intake_kiosk_held(f->st, kiosk, now, day, at, has_time, &h, &f->err));
	return h;
}

/* A kiosk's response through intake_post, as the server's writer does. */
static struct store_response *post(struct fx *f, int64_t kiosk, const char *ext, int64_t now,
	struct store_response *r)
{
	struct intake_post p = {0};

	*r = resp(f, f->unit, ext, DAY0);
	r->kiosk_id = kiosk;
	r->received_at = now;
	p.r = r;
	p.kiosk = true;
	p.collected_at = now;
	p.has_time = true;
	OK(f, intake_post(f->st, &p, &f->err));
	assert_false(p.duplicate);
	return r;
}

static void test_burst(void **state)
{
	struct fx *f = *state;
	struct store_response r;
	int64_t k = add_kiosk(f, "a"), k2 = add_kiosk(f, "b");
	char ext[16];

	for (int i = 0; i < INTAKE_BURST_MAX + 1; i++) {
		snprintf(ext, sizeof(ext), "B-%d", i);
		assert_int_equal(post(f, k, ext, NOW0 + i, &r)->status, RS_COUNTED);
	}
	/* the next one in the window is held; another kiosk is not */
	assert_int_equal(post(f, k, "B-held", NOW0 + 10, &r)->status, RS_HELD);
	assert_int_equal(post(f, k2, "C-1", NOW0 + 10, &r)->status, RS_COUNTED);
	/* a window later the kiosk's answers count again */
	assert_int_equal(post(f, k, "B-later", NOW0 + 11 + INTAKE_BURST_WINDOW, &r)->status,
		RS_COUNTED);

	/* writes rolled back (a failed commit) are not there to count */
	OK(f, store_begin(f->st, &f->err));
	for (int i = 0; i < INTAKE_BURST_MAX + 2; i++) {
		snprintf(ext, sizeof(ext), "F-%d", i);
		post(f, k2, ext, NOW0 + 1000 + i, &r);
	}
	assert_true(held(f, k2, NOW0 + 1010, DAY0, NOW0 + 1010, true));
	OK(f, store_rollback(f->st, &f->err));
	assert_false(held(f, k2, NOW0 + 1010, DAY0, NOW0 + 1010, true));
	assert_int_equal(post(f, k2, "F-0", NOW0 + 1010, &r)->status, RS_COUNTED);
}

static void test_dates(void **state)
{
	struct fx *f = *state;
	int64_t k = add_kiosk(f, "d");

	/* future: beyond the slack by the clock, or a bare date after today */
	assert_false(held(f, k, NOW0, DAY0, NOW0 + INTAKE_FUTURE_SLACK, true));
	assert_true(held(f, k, NOW0, DAY0, NOW0 + INTAKE_FUTURE_SLACK + 1, true));
	assert_false(held(f, k, NOW0, DAY0, NOW0, false));
	assert_true(held(f, k, NOW0, DAY0 + 1, NOW0 + 86400, false));
	/* the past: up to INTAKE_PAST_DAYS days back is fine */
	assert_false(held(f, k, NOW0, DAY0 - INTAKE_PAST_DAYS, NOW0, false));
	assert_true(held(f, k, NOW0, DAY0 - INTAKE_PAST_DAYS - 1, NOW0, false));
	assert_true(held(f, k, NOW0, DAY0 - 400, NOW0 - 400 * 86400, true));
	/* "today" is Vietnam's: 23:30 UTC on DAY0 is already DAY0 + 1 there */
	assert_false(held(f, k, (int64_t)DAY0 * 86400 + 23 * 3600 + 1800, DAY0 + 1, 0, false));
}

/* A QR answer is dated by the server's day, never before its link was made. */
static void test_receipt_day(void **state)
{
	struct store_receipt rc = {0};

	(void)state;
	rc.created_at = NOW0;
	assert_int_equal(receipt_day(&rc, NOW0 + 5 * 86400), DAY0 + 5);
	assert_int_equal(receipt_day(&rc, NOW0 - 3 * 86400), DAY0);
	/* 18:00 UTC is 01:00 the next day in Vietnam */
	assert_int_equal(receipt_day(&rc, (int64_t)(DAY0 + 2) * 86400 + 18 * 3600), DAY0 + 3);
}

/* A count callback: how many responses it was given. */
static int counted(void *ctx, const struct store_response *r, struct hl_err *err)
{
	(void)r;
	(void)err;
	++*(int *)ctx;
	return HL_OK;
}

/* The bulk channels are rows of the policy table too: a paper close's or
 * an import's response is inserted and counted once (a resend is a
 * duplicate, counted no more), a review's accept counts a held one, and
 * none of them may come in through intake_submit. */
static void test_bulk_channels(void **state)
{
	struct fx *f = *state;
	struct store_response r = resp(f, f->unit, "P-1", DAY0), got;
	struct intake_post p = {.r = &r};
	struct intake_caller c = {.channel = INTAKE_PAPER, .st = f->st};
	struct intake_result out;
	int n = 0;

	OK(f, intake_store(f->st, INTAKE_PAPER, &p, counted, &n, &f->err));
	assert_false(p.duplicate);
	assert_int_equal(n, 1);
	OK(f, intake_store(f->st, INTAKE_IMPORT, &p, counted, &n, &f->err));
	assert_true(p.duplicate);
	assert_int_equal(n, 1);
	r.answers[0] = 1;
	assert_int_equal(intake_store(f->st, INTAKE_IMPORT, &p, counted, &n, &f->err),
		HL_ECONFLICT);
	hl_err_clear(&f->err);

	r = resp(f, f->unit, "K-1", DAY0);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	OK(f, STORE(f->st, responses, response_set_status, r.id, RS_HELD, &f->err));
	r.status = RS_HELD;
	OK(f, intake_store(f->st, INTAKE_REVIEW, &p, counted, &n, &f->err));
	assert_int_equal(n, 2);
	OK(f, STORE(f->st, responses, response_get, r.id, &got, &f->err));
	assert_int_equal(got.status, RS_COUNTED);

	assert_int_equal(intake_submit(&c, "{}", 2, &out, &f->err), HL_EPERM);
}

/* How many follow-up cases the store has. */
static size_t cases(struct fx *f)
{
	struct store_follow_filter all = {0};
	struct store_follow *list = NULL;
	size_t n = 0;

	OK(f, STORE(f->st, follow, follow_list, &all, f->a, &list, &n, &f->err));
	return n;
}

/* A counted response opens its follow-up case with it, whatever the
 * channel: an unsatisfied one does, a satisfied one, a resend, a held one
 * (until accepted) and an import asked for none do not. */
static void test_followup_channels(void **state)
{
	struct fx *f = *state;
	struct store_response r = resp(f, f->unit, "F-1", DAY0);
	struct intake_post p = {.r = &r};
	int n = 0;

	OK(f, intake_store(f->st, INTAKE_PAPER, &p, counted, &n, &f->err));
	assert_int_equal(cases(f), 0); /* 5 and 4: satisfied */
	r = resp(f, f->unit, "F-2", DAY0);
	r.answers[1] = 2;
	OK(f, intake_store(f->st, INTAKE_PAPER, &p, counted, &n, &f->err));
	assert_int_equal(cases(f), 1); /* 5 and 2: half unsatisfied */
	OK(f, intake_store(f->st, INTAKE_IMPORT, &p, counted, &n, &f->err));
	assert_true(p.duplicate);
	assert_int_equal(cases(f), 1);
	r = resp(f, f->unit, "F-3", DAY0);
	r.answers[0] = 1;
	p.no_followup = true;
	OK(f, intake_store(f->st, INTAKE_IMPORT, &p, counted, &n, &f->err));
	assert_int_equal(cases(f), 1);
	r = resp(f, f->unit, "F-4", DAY0);
	r.answers[0] = 1;
	r.status = RS_HELD;
	OK(f, intake_insert(f->st, &r, false, NULL, &f->err));
	assert_int_equal(cases(f), 1);
	p.no_followup = false;
	OK(f, intake_store(f->st, INTAKE_REVIEW, &p, counted, &n, &f->err));
	assert_int_equal(cases(f), 2);
	assert_int_equal(n, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hash_covers_content, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_same_id, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_old_row, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_burst, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dates, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_receipt_day, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_channels, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_followup_channels, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
