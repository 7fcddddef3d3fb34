/* test_instruments.c — svc/instruments.c, the one way from a stored
 * instrument's id, or code and version, to the parsed instrument: by id and
 * by code, the newest version for version 0, the row only, every version at
 * once, the stored text, and an unknown one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/instrument.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/instruments.h"
#include "../store/store_fixture.h"

/* The built-in instruments, then tests/data/instruments/example.json as
 * tram-y-te-4 versions 1 and 2 (renamed). */
static int setup(void **state)
{
	static const char path[] = "tests/data/instruments/example.json";
	struct fx *f;
	FILE *in;
	char *json, *v;
	size_t len;
	int version;
	bool existed;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	OK(f, builtin_init(f->st, "test", &version, NULL, &f->err));
	if ((in = fopen(path, "r")) == NULL)
		return -1;
	json = calloc(1, 1 << 16);
	len = fread(json, 1, (1 << 16) - 1, in);
	fclose(in);
	OK(f, builtin_instrument_install(f->st, json, len, "test", NULL, &existed, &f->err));
	v = strstr(json, "\"version\": 1");
	assert_non_null(v);
	v[11] = '2';
	OK(f, builtin_instrument_install(f->st, json, len, "test", NULL, &existed, &f->err));
	free(json);
	return 0;
}

static void test_by_code_and_id(void **state)
{
	struct fx *f = *state;
	struct store_instrument meta, again;
	struct hl_instrument *in = NULL, *by_id = NULL;
	char *json = NULL;

	/* Version 0: the newest. */
	OK(f, instruments_get(f->st, f->a, "tram-y-te-4", 0, &meta, &json, &in, &f->err));
	assert_int_equal(meta.version, 2);
	assert_string_equal(in->code, "tram-y-te-4");
	assert_int_equal(in->version, 2);
	assert_non_null(strstr(json, "tram-y-te-4"));
	OK(f, instruments_get(f->st, f->a, "tram-y-te-4", 1, &meta, NULL, &in, &f->err));
	assert_int_equal(in->version, 1);
	OK(f, instruments_get_id(f->st, f->a, meta.id, &again, &by_id, &f->err));
	assert_int_equal(again.version, 1);
	assert_int_equal(by_id->nquestions, in->nquestions);
	assert_string_equal(by_id->questions[0].code, in->questions[0].code);
	/* The row only. */
	memset(&again, 0, sizeof(again));
	OK(f, instruments_get_id(f->st, f->a, meta.id, &again, NULL, &f->err));
	assert_string_equal(again.code, "tram-y-te-4");
}

static void test_unknown(void **state)
{
	struct fx *f = *state;
	struct store_instrument meta;
	struct hl_instrument *in = NULL;

	assert_int_equal(instruments_get(f->st, f->a, "khong-co", 0, &meta, NULL, &in, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(instruments_get(f->st, f->a, "tram-y-te-4", 3, &meta, NULL, &in, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(instruments_get_id(f->st, f->a, 999999, &meta, &in, &f->err),
		HL_ENOTFOUND);
}

static void test_all(void **state)
{
	struct fx *f = *state;
	struct store_instrument *list = NULL, *rows = NULL;
	struct hl_instrument **in = NULL;
	size_t n = 0, nrows = 0;

	OK(f, instruments_list(f->st, f->a, &rows, &nrows, &f->err));
	OK(f, instruments_all(f->st, f->a, &list, &in, &n, &f->err));
	assert_int_equal(n, nrows);
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(in[i]->code, list[i].code);
		assert_int_equal(in[i]->version, list[i].version);
	}
}

/* The cache loads a version once and hands out the same parse after; an id
 * out of range or unknown is an error, and the cache goes on. */
static void test_cached(void **state)
{
	struct fx *f = *state;
	struct instruments_cache *c = instruments_cache_new();
	struct store_instrument meta;
	const struct hl_instrument *one, *again;

	assert_non_null(c);
	OK(f, instruments_get(f->st, f->a, "tram-y-te-4", 1, &meta, NULL, NULL, &f->err));
	one = instruments_cached(c, f->st, meta.id, &f->err);
	assert_non_null(one);
	assert_int_equal(one->version, 1);
	again = instruments_cached(c, f->st, meta.id, &f->err);
	assert_ptr_equal(one, again);
	assert_null(instruments_cached(c, f->st, 0, &f->err));
	assert_int_equal(f->err.code, HL_EINVAL);
	assert_null(instruments_cached(c, f->st, 999999, &f->err));
	assert_int_equal(f->err.code, HL_ENOTFOUND);
	assert_ptr_equal(instruments_cached(c, f->st, meta.id, &f->err), one);
	instruments_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_by_code_and_id, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_unknown, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_all, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cached, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
