/* test_store_scan.c — a scan's callback may not call the store (store.h:
 * libpq cannot run a statement while a result is being read): the SQLite
 * backend refuses such a call with HL_EIO and a message naming the rule,
 * in every build, so a callback that would only fail on PostgreSQL fails
 * here; the store works again once the scan returns, also when the
 * callback stopped it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store_fixture.h"

struct probe {
	struct fx *f;
	int rows, rc;
	int stop_at; /* return 7 at this row (0 = never) */
	struct hl_err err;
};

/* Calls the store from inside the scan, as a careless callback would. */
static int reenter(void *ctx, const struct store_dossier *d)
{
	struct probe *p = ctx;
	struct store_unit u;

	(void)d;
	p->rows++;
	p->rc = STORE(p->f->st, units, unit_get, "XA-A", &u, &p->err);
	return p->rows == p->stop_at ? 7 : 0;
}

static void put(struct fx *f, const char *code)
{
	struct store_dossier d = {.unit_id = f->unit,
		.received_at = 29000000,
		.due_at = -1,
		.finished_at = -1,
		.returned_at = -1,
		.submitted_at = -1};

	snprintf(d.code, sizeof(d.code), "%s", code);
	snprintf(d.channel, sizeof(d.channel), "direct");
	OK(f, STORE(f->st, dossiers, dossier_put, &d, &f->err));
}

static void test_callback_refused(void **state)
{
	struct fx *f = *state;
	struct probe p = {.f = f};
	struct store_unit u;

	put(f, "HS-1");
	put(f, "HS-2");
	OK(f, STORE(f->st, dossiers, dossier_scan, 0, 0, 30000000, reenter, &p, &f->err));
	assert_int_equal(p.rows, 2);
	assert_int_equal(p.rc, HL_EIO);
	assert_non_null(strstr(p.err.msg, "lượt quét"));
	/* the scan is over: the store answers again */
	OK(f, STORE(f->st, units, unit_get, "XA-A", &u, &f->err));
	/* a callback that stops the scan leaves the store usable too */
	p = (struct probe){.f = f, .stop_at = 1};
	assert_int_equal(STORE(f->st, dossiers, dossier_scan, 0, 0, 30000000, reenter, &p, &f->err),
		7);
	assert_int_equal(p.rc, HL_EIO);
	OK(f, STORE(f->st, units, unit_get, "XA-A", &u, &f->err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_callback_refused, fx_setup_units, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
