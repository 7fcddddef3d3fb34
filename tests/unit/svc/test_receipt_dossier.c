/* test_receipt_dossier.c — one rating per dossier through QR slips (issue
 * 12), svc/receipt.h on a real store: a code not in the imported dossiers
 * is refused unless confirmed new; an imported dossier gives the unit, the
 * procedure and the field; a second slip replaces the first link (which
 * then says so and cannot be answered); a rated dossier gets no new slip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_fixture.h"
#include "svc/receipt.h"

#define NOW 1760000000 /* 2025-10-09 */

static int setup(void **state)
{
	struct fx *f;
	struct store_instrument si = {0};
	struct store_field fl = {0};
	struct store_dossier d = {0};

	if (fx_setup_units(state) != 0)
		return -1;
	f = *state;
	snprintf(si.code, sizeof(si.code), "sipas-5");
	si.version = 1;
	snprintf(si.name, sizeof(si.name), "SIPAS");
	if (STORE(f->st, instruments, instrument_put, &si, fx_instrument_json, &f->err) != HL_OK)
		return -1;
	f->instr = si.id;
	snprintf(fl.code, sizeof(fl.code), "ho-tich");
	snprintf(fl.name, sizeof(fl.name), "Hộ tịch");
	if (STORE(f->st, units, field_put, &fl, &f->err) != HL_OK)
		return -1;
	snprintf(d.code, sizeof(d.code), "HS-1");
	d.unit_id = f->unit;
	d.field_id = fl.id;
	snprintf(d.procedure, sizeof(d.procedure), "Đăng ký khai sinh");
	snprintf(d.channel, sizeof(d.channel), "direct");
	d.received_at = NOW / 60;
	d.due_at = d.finished_at = d.returned_at = d.submitted_at = -1;
	if (STORE(f->st, dossiers, dossier_put, &d, &f->err) != HL_OK)
		return -1;
	return 0;
}

static void test_target(void **state)
{
	struct fx *f = *state;
	struct receipt_target t;

	/* imported: its unit, procedure and field, whatever is_new says */
	OK(f, receipt_target(f->st, "HS-1", NULL, false, &t, &f->err));
	assert_true(t.known);
	assert_int_equal(t.unit.id, f->unit);
	assert_string_equal(t.procedure, "Đăng ký khai sinh");
	assert_string_equal(t.field, "Hộ tịch");
	OK(f, receipt_target(f->st, "HS-1", "XA-A", true, &t, &f->err));
	assert_int_equal(receipt_target(f->st, "HS-1", "XA-B", false, &t, &f->err), HL_EINVAL);
	assert_non_null(strstr(f->err.msg, "thuộc đơn vị XA-A"));
	/* not imported: refused (mistyped?) unless confirmed new */
	assert_int_equal(receipt_target(f->st, "HS-1X", "XA-A", false, &t, &f->err), HL_ENOTFOUND);
	assert_string_equal(f->err.where, "new");
	assert_non_null(strstr(f->err.msg, "HS-1X"));
	OK(f, receipt_target(f->st, "HS-1X", "XA-B", true, &t, &f->err));
	assert_false(t.known);
	assert_int_equal(t.unit.id, f->unit2);
	assert_string_equal(t.procedure, "");
	assert_string_equal(t.field, "");
	assert_int_equal(receipt_target(f->st, "HS-1X", NULL, true, &t, &f->err), HL_ENOTFOUND);
	assert_string_equal(f->err.where, "unit");
}

/* A new stored link of dossier for unit at now; its token into token. */
static int new_link(struct fx *f, const char *dossier, int64_t unit, int64_t now, char *token,
	int *replaced)
{
	struct receipt_new n;
	int rc = receipt_prepare(dossier, unit, now, &n, &f->err);

	if (rc == HL_OK)
		rc = store_begin(f->st, &f->err);
	if (rc != HL_OK)
		return rc;
	rc = receipt_store(f->st, &n, "XA-A", "cli:test", replaced, &f->err);
	if (rc == HL_OK)
		rc = store_commit(f->st, &f->err);
	else
		store_rollback(f->st, NULL);
	snprintf(token, TOKEN_SIZE, "%s", n.token);
	return rc;
}

static void test_one_link(void **state)
{
	struct fx *f = *state;
	char first[TOKEN_SIZE], second[TOKEN_SIZE], other[TOKEN_SIZE], again[TOKEN_SIZE];
	struct receipt_view v;
	struct store_response r;
	bool dup;
	int n = -1;

	OK(f, new_link(f, "HS-1", f->unit, NOW, first, &n));
	assert_int_equal(n, 0);
	OK(f, receipt_find(f->st, first, &v, &f->err));
	assert_int_equal(v.state, RECEIPT_OPEN);
	assert_true(v.field_id != 0);
	assert_string_equal(v.procedure, "Đăng ký khai sinh");
	/* the same code in the other unit is another dossier, not replaced */
	OK(f, new_link(f, "HS-1", f->unit2, NOW, other, &n));
	assert_int_equal(n, 0);
	OK(f, receipt_find(f->st, other, &v, &f->err));
	assert_int_equal(v.field_id, 0); /* not that unit's dossier */
	assert_string_equal(v.procedure, "");

	/* a second slip: the first link is replaced */
	OK(f, new_link(f, "HS-1", f->unit, NOW + 60, second, &n));
	assert_int_equal(n, 1);
	OK(f, receipt_find(f->st, first, &v, &f->err));
	assert_int_equal(v.state, RECEIPT_REPLACED);
	assert_int_equal(v.rc.replaced_at, NOW + 60);
	OK(f, receipt_find(f->st, other, &v, &f->err));
	assert_int_equal(v.state, RECEIPT_OPEN);

	/* answering the replaced link: refused as replaced, nothing stored */
	OK(f, receipt_find(f->st, first, &v, &f->err));
	memset(&r, 0, sizeof(r));
	snprintf(r.ext_id, sizeof(r.ext_id), "phone-1");
	r.unit_id = f->unit;
	r.day = 20370;
	r.instrument_id = f->instr;
	r.channel = CH_QR;
	r.nanswers = 2;
	memcpy(r.answers, "\5\4", 2);
	OK(f, store_begin(f->st, &f->err));
	assert_int_equal(receipt_answer(f->st, v.hash, &r, NOW + 120, &dup, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.where, "replaced");
	assert_string_equal(f->err.msg, RECEIPT_REPLACED_MESSAGE);
	store_rollback(f->st, NULL);
	/* the current one works, once */
	OK(f, receipt_find(f->st, second, &v, &f->err));
	OK(f, store_begin(f->st, &f->err));
	OK(f, receipt_answer(f->st, v.hash, &r, NOW + 120, &dup, &f->err));
	OK(f, store_commit(f->st, &f->err));
	assert_false(dup);
	OK(f, receipt_find(f->st, second, &v, &f->err));
	assert_int_equal(v.state, RECEIPT_USED);

	/* rated: no new slip for the dossier */
	assert_int_equal(new_link(f, "HS-1", f->unit, NOW + 180, again, &n), HL_ECONFLICT);
	assert_string_equal(f->err.where, "dossier");
	assert_non_null(strstr(f->err.msg, "đã được đánh giá"));
	assert_int_equal(receipt_find(f->st, again, &v, &f->err), HL_ENOTFOUND);
	assert_int_equal(receipt_find(f->st, "khong-hop-le!", &v, &f->err), HL_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_target, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_one_link, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
