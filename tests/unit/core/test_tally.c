/* test_tally.c — running sums, response counting and the storage encoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/tally.h"

static void test_add_sums(void **state)
{
	struct hl_tally t;

	(void)state;
	memset(&t, 0, sizeof(t));
	hl_tally_add(&t, 3, 4);
	hl_tally_add(&t, 0, 0); /* not counted */
	hl_tally_add(&t, 1.5, 2);
	assert_int_equal(t.n, 2);
	assert_true(t.s == 4.5);
	assert_true(t.v == 6);
	assert_true(t.ss == 9 + 2.25);
	assert_true(t.vv == 16 + 4);
	assert_true(t.sv == 12 + 3);
}

static void test_merge(void **state)
{
	struct hl_tally a, b;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	hl_tally_add(&a, 1, 2);
	hl_tally_add(&b, 2, 3);
	hl_tally_add(&b, 0, 1);
	hl_tally_merge(&a, &b);
	assert_int_equal(a.n, 3);
	assert_true(a.s == 3 && a.v == 6 && a.ss == 5 && a.vv == 14 && a.sv == 8);
}

/* A two-criterion instrument built by hand, so this test needs no instrument.c. */
static struct hl_criterion crits[2] = {{"TC", "Tiếp cận"}, {"HC", "Thủ tục"}};
static struct hl_instrument inst = {
	.code = "t",
	.version = 1,
	.name = "t",
	.ncriteria = 2,
	.criteria = crits,
};

static void test_add_response(void **state)
{
	struct hl_tallyset set;
	struct hl_crit_score sc[2];
	const struct hl_tally *t;

	(void)state;
	memset(&set, 0, sizeof(set));
	sc[0] = (struct hl_crit_score){2, 3};
	sc[1] = (struct hl_crit_score){1, 1};
	hl_tallyset_add_response(&set, &inst, sc);
	sc[0] = (struct hl_crit_score){0, 0}; /* TC unanswered */
	sc[1] = (struct hl_crit_score){0, 2};
	hl_tallyset_add_response(&set, &inst, sc);
	sc[1] = (struct hl_crit_score){0, 0}; /* nothing answered: not counted */
	hl_tallyset_add_response(&set, &inst, sc);

	t = hl_tallyset_find(&set, "TC");
	assert_non_null(t);
	assert_int_equal(t->n, 1);
	assert_true(t->s == 2 && t->v == 3);
	t = hl_tallyset_find(&set, "HC");
	assert_non_null(t);
	assert_int_equal(t->n, 2);
	assert_true(t->s == 1 && t->v == 3 && t->ss == 1 && t->vv == 5 && t->sv == 1);
	t = hl_tallyset_find(&set, HL_CRIT_ALL);
	assert_non_null(t);
	assert_int_equal(t->n, 2);
	assert_true(t->s == 3 && t->v == 6 && t->ss == 9 && t->vv == 20 && t->sv == 12);
	assert_null(hl_tallyset_find(&set, "KQ"));
	assert_int_equal(set.n, 3);
}

static void test_set_full(void **state)
{
	struct hl_tallyset a, b;
	struct hl_err err;
	char code[8];

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	for (int i = 0; i < HL_MAX_CRITERIA + 1; i++) {
		snprintf(code, sizeof(code), "A%d", i);
		assert_non_null(hl_tallyset_get(&a, code));
	}
	assert_null(hl_tallyset_get(&a, "B"));
	assert_non_null(hl_tallyset_get(&a, "A3")); /* existing still found */
	assert_null(hl_tallyset_get(&b, ""));
	assert_null(hl_tallyset_get(&b, "0123456789012345678901234567890123"));
	hl_tally_add(hl_tallyset_get(&b, "A3"), 1, 1);
	assert_int_equal(hl_tallyset_merge(&a, &b, &err), HL_OK);
	assert_int_equal(hl_tallyset_find(&a, "A3")->n, 1);
	hl_tallyset_get(&b, "B");
	assert_int_equal(hl_tallyset_merge(&a, &b, &err), HL_ELIMIT);
	assert_non_null(strstr(err.msg, "B"));
}

static void fill(struct hl_tallyset *set)
{
	memset(set, 0, sizeof(*set));
	hl_tally_add(hl_tallyset_get(set, "TC"), 2.5, 3);
	hl_tally_add(hl_tallyset_get(set, "TC"), 0.1, 1);
	hl_tally_add(hl_tallyset_get(set, HL_CRIT_ALL), 7, 9);
}

static void test_roundtrip(void **state)
{
	struct hl_tallyset set, back;
	struct hl_err err;
	unsigned char buf[1024];
	size_t n;

	(void)state;
	fill(&set);
	n = hl_tallyset_encoded_size(&set);
	assert_true(n <= sizeof(buf));
	hl_tallyset_encode(&set, buf);
	/* Byte order is fixed: version, count, then length 2, "TC" and n = 2
	 * little-endian. */
	assert_int_equal(buf[0], 1);
	assert_int_equal(buf[1], 2);
	assert_int_equal(buf[2], 2);
	assert_memory_equal(buf + 3, "TC", 2);
	assert_int_equal(buf[5], 2);
	assert_int_equal(buf[6], 0);
	assert_int_equal(n, 2 + (1 + 2 + 48) + (1 + 5 + 48));
	assert_int_equal(hl_tallyset_decode(buf, n, &back, &err), HL_OK);
	assert_int_equal(back.n, 2);
	assert_string_equal(back.code[0], "TC");
	assert_string_equal(back.code[1], "SIPAS");
	assert_memory_equal(&back.t[0], &set.t[0], sizeof(set.t[0]));
	assert_memory_equal(&back.t[1], &set.t[1], sizeof(set.t[1]));

	memset(&set, 0, sizeof(set));
	n = hl_tallyset_encoded_size(&set);
	assert_int_equal(n, 2);
	hl_tallyset_encode(&set, buf);
	assert_int_equal(hl_tallyset_decode(buf, n, &back, &err), HL_OK);
	assert_int_equal(back.n, 0);
}

static void test_corrupt(void **state)
{
	struct hl_tallyset set, back;
	struct hl_err err;
	unsigned char buf[1024], bad[1024];
	size_t n;
	double nan = NAN;

	(void)state;
	fill(&set);
	n = hl_tallyset_encoded_size(&set);
	hl_tallyset_encode(&set, buf);

	assert_int_equal(hl_tallyset_decode(buf, n - 1, &back, &err), HL_EINVAL);
	assert_int_equal(hl_tallyset_decode(buf, 1, &back, &err), HL_EINVAL);
	assert_int_equal(hl_tallyset_decode(buf, 0, &back, &err), HL_EINVAL);
	assert_int_equal(hl_tallyset_decode(NULL, 0, &back, &err), HL_EINVAL);
	memcpy(bad, buf, n);
	bad[n] = 0;
	assert_int_equal(hl_tallyset_decode(bad, n + 1, &back, &err), HL_EINVAL);

	memcpy(bad, buf, n);
	bad[0] = 2; /* unknown version */
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);

	memcpy(bad, buf, n);
	bad[1] = 3; /* count disagrees with length */
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);
	bad[1] = 200;
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);

	memcpy(bad, buf, n);
	bad[2] = 40; /* a code longer than any, and longer than what is left */
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);
	assert_int_equal(back.n, 0);
	bad[2] = 250;
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);

	memcpy(bad, buf, n);
	bad[4] = 0; /* a NUL inside the code */
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);

	memcpy(bad, buf, n);
	bad[2] = 0; /* empty code */
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);

	{
		struct hl_tallyset two;

		memset(&two, 0, sizeof(two));
		hl_tally_add(hl_tallyset_get(&two, "TC"), 1, 1);
		hl_tally_add(hl_tallyset_get(&two, "TD"), 1, 1);
		hl_tallyset_encode(&two, bad);
		bad[2 + 51 + 2] = 'C'; /* the same code twice */
		assert_int_equal(hl_tallyset_decode(bad, hl_tallyset_encoded_size(&two), &back,
					 &err),
			HL_EINVAL);
	}

	memcpy(bad, buf, n);
	bad[5 + 7] = 0x80; /* negative n */
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);

	memcpy(bad, buf, n);
	memcpy(&set.t[0].s, &nan, sizeof(nan));
	hl_tallyset_encode(&set, bad);
	assert_int_equal(hl_tallyset_decode(bad, n, &back, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "mục thứ 1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_sums),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_add_response),
		cmocka_unit_test(test_set_full),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_corrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
