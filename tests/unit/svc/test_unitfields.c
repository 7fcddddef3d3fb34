/* test_unitfields.c — the fields a unit's kiosk shows (svc/unitfields.h,
 * issue 12): its dossiers' fields of the last year, most dossiers first;
 * without dossiers, the fields its responses named (rollups); without
 * either, every field; the rest as "other", by code; dossiers older than a
 * year or of another unit do not count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_fixture.h"
#include "core/rollup.h"
#include "svc/unitfields.h"

#define TODAY 20400 /* 2025-11-08 */

struct ctx {
	struct fx *f;
	struct store_field *fl;
	size_t n;
};

static int setup(void **state)
{
	static const char *const codes[] = {"chung-thuc", "dat-dai", "ho-tich", "tiem-chung",
		"y-te"};
	struct ctx *c = calloc(1, sizeof(*c));
	void *fs;

	if (c == NULL || fx_setup_units(&fs) != 0)
		return -1;
	c->f = fs;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		struct store_field fl = {0};

		snprintf(fl.code, sizeof(fl.code), "%s", codes[i]);
		snprintf(fl.name, sizeof(fl.name), "Lĩnh vực %s", codes[i]);
		if (STORE(c->f->st, units, field_put, &fl, &c->f->err) != HL_OK)
			return -1;
	}
	if (STORE(c->f->st, units, field_list, c->f->a, &c->fl, &c->n, &c->f->err) != HL_OK)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	void *fs = c->f;

	free(c);
	return fx_teardown(&fs);
}

static int64_t field_id(struct ctx *c, const char *code)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->fl[i].code, code) == 0)
			return c->fl[i].id;
	fail();
	return 0;
}

/* k dossiers of unit in field code, received on day. */
static void dossiers(struct ctx *c, int64_t unit, const char *code, int k, hl_day day)
{
	static int seq;

	for (int i = 0; i < k; i++) {
		struct store_dossier d = {0};

		snprintf(d.code, sizeof(d.code), "HS-%d", ++seq);
		d.unit_id = unit;
		d.field_id = code != NULL ? field_id(c, code) : 0;
		snprintf(d.channel, sizeof(d.channel), "direct");
		d.received_at = (int64_t)day * 1440 + 480;
		d.due_at = d.finished_at = d.returned_at = d.submitted_at = -1;
		OK(c->f, STORE(c->f->st, dossiers, dossier_put, &d, &c->f->err));
	}
}

/* A rollup of unit's month: k responses naming field code. */
static void responses(struct ctx *c, int64_t unit, const char *code, int k, hl_day day)
{
	struct hl_rollup r;
	unsigned char buf[256];

	hl_rollup_init(&r);
	r.chan[1] = k;
	r.field = calloc(1, sizeof(*r.field));
	assert_non_null(r.field);
	r.field[0].id = field_id(c, code);
	r.field[0].n = k;
	r.nfield = r.capfield = 1;
	hl_rollup_encode(&r, buf);
	OK(c->f,
		STORE(c->f->st, tallies, rollup_merge, unit, hl_day_month_start(day), buf,
			hl_rollup_encoded_size(&r), &c->f->err));
	free(r.field);
}

static void expect(const struct store_field *const *got, size_t n, const char *want)
{
	char list[256] = "";

	for (size_t i = 0; i < n; i++) {
		strcat(list, i ? "," : "");
		strcat(list, got[i]->code);
	}
	assert_string_equal(list, want);
}

static void test_dossiers(void **state)
{
	struct ctx *c = *state;
	struct unitfields uf;

	dossiers(c, c->f->unit, "ho-tich", 3, TODAY - 10);
	dossiers(c, c->f->unit, "chung-thuc", 5, TODAY);
	dossiers(c, c->f->unit, "dat-dai", 3, TODAY - 364);
	dossiers(c, c->f->unit, NULL, 9, TODAY);             /* no field: ignored */
	dossiers(c, c->f->unit, "y-te", 50, TODAY - 365);    /* more than a year ago */
	dossiers(c, c->f->unit, "tiem-chung", 1, TODAY + 1); /* after the day */
	dossiers(c, c->f->unit2, "y-te", 40, TODAY);         /* another unit's */
	responses(c, c->f->unit, "tiem-chung", 100, TODAY);  /* dossiers come first */
	OK(c->f,
		unitfields_rank(c->f->st, c->f->unit, TODAY, c->fl, c->n, c->f->a, &uf,
			&c->f->err));
	assert_int_equal(uf.source, UF_DOSSIERS);
	assert_string_equal(unitfields_source_code(uf.source), "dossiers");
	expect(uf.own, uf.nown, "chung-thuc,dat-dai,ho-tich"); /* 5, then 3 and 3 by code */
	expect(uf.other, uf.nother, "tiem-chung,y-te");
}

static void test_responses_then_all(void **state)
{
	struct ctx *c = *state;
	struct unitfields uf;

	OK(c->f,
		unitfields_rank(c->f->st, c->f->unit2, TODAY, c->fl, c->n, c->f->a, &uf,
			&c->f->err));
	assert_int_equal(uf.source, UF_ALL);
	expect(uf.own, uf.nown, "chung-thuc,dat-dai,ho-tich,tiem-chung,y-te");
	assert_int_equal(uf.nother, 0);
	responses(c, c->f->unit2, "y-te", 4, TODAY - 40);
	responses(c, c->f->unit2, "tiem-chung", 9, TODAY);
	responses(c, c->f->unit2, "ho-tich", 30, TODAY - 400); /* more than a year ago */
	OK(c->f,
		unitfields_rank(c->f->st, c->f->unit2, TODAY, c->fl, c->n, c->f->a, &uf,
			&c->f->err));
	assert_int_equal(uf.source, UF_RESPONSES);
	expect(uf.own, uf.nown, "tiem-chung,y-te");
	expect(uf.other, uf.nother, "chung-thuc,dat-dai,ho-tich");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dossiers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_responses_then_all, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
