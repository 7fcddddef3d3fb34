/* test_rollup.c — report rollups: counting a response (channels, fields,
 * answers with "no answer" apart, staff scores, themes), keeping the first
 * distinct examples by response id whatever the order they are added or
 * merged in, merging, and the storage encoding: a round trip, and refusing
 * truncated, overlong or malformed encodings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/mem.h"
#include "core/rollup.h"

/* A two-question instrument: one 5-level scale, one criterion. */
static struct hl_instrument *instrument(void)
{
	static struct hl_criterion crit[1] = {{"TC", "Tiếp cận"}};
	static struct hl_question q[2] = {{"TC1", "?", 0, 0}, {"TC2", "?", 0, 0}};
	static struct hl_scale sc[1];
	static struct hl_instrument in;

	sc[0].code = "hl5";
	sc[0].nlevels = 5;
	in.code = "t";
	in.version = 1;
	in.ncriteria = 1;
	in.nquestions = 2;
	in.nscales = 1;
	in.criteria = crit;
	in.questions = q;
	in.scales = sc;
	return &in;
}

static struct hl_rollup_resp resp(int64_t id, int channel, int64_t field, int64_t staff, int a1,
	int a2, unsigned themes, const char *comment)
{
	struct hl_rollup_resp x;

	memset(&x, 0, sizeof(x));
	x.id = id;
	x.instrument_id = 7;
	x.field_id = field;
	x.staff_id = staff;
	x.channel = channel;
	x.themes = themes;
	x.comment_hash = hl_rollup_hash(comment);
	x.nanswers = 2;
	x.answers[0] = (unsigned char)a1;
	x.answers[1] = (unsigned char)a2;
	return x;
}

static void add(struct hl_rollup *r, struct hl_rollup_resp x, double s, int v)
{
	struct hl_crit_score sc[1] = {{s, v}};
	struct hl_err err;

	assert_int_equal(hl_rollup_add(r, instrument(), &x, sc, &err), HL_OK);
}

static void test_add(void **state)
{
	struct hl_rollup r;
	struct hl_rollup_resp x;

	(void)state;
	hl_rollup_init(&r);
	add(&r, resp(10, 1, 3, 0, 5, 0, 0, ""), 1, 1);
	add(&r, resp(11, 2, 0, 9, 4, 2, 1u << 1, "chờ lâu"), 1, 2);
	add(&r, resp(12, 77, 3, 9, 1, 1, (1u << 1) | (1u << 4), "chờ lâu, không hướng dẫn"), 0, 2);
	x = resp(13, 1, 0, 0, 3, 3, 0, "");
	x.nanswers = 1; /* the second question counts as not answered */
	add(&r, x, 0.5, 1);

	assert_int_equal(hl_rollup_responses(&r), 4);
	assert_int_equal(r.chan[1], 2);
	assert_int_equal(r.chan[2], 1);
	assert_int_equal(r.chan[0], 1); /* channel 77: other */
	assert_int_equal(r.nfield, 2);
	assert_int_equal(r.field[0].id, 0);
	assert_int_equal(r.field[0].n, 2);
	assert_int_equal(r.field[1].id, 3);
	assert_int_equal(r.ninst, 1);
	assert_int_equal(r.inst[0].nv, 6);
	assert_int_equal(r.inst[0].count[0 * 6 + 5], 1);
	assert_int_equal(r.inst[0].count[0 * 6 + 3], 1);
	assert_int_equal(r.inst[0].count[1 * 6 + 0], 2); /* left blank, and not given */
	assert_int_equal(r.inst[0].count[1 * 6 + 1], 1);
	assert_int_equal(r.nstaff, 1);
	assert_int_equal(r.staff[0].n, 2);
	assert_true(r.staff[0].s == 1 && r.staff[0].v == 4);
	assert_int_equal(r.theme[1].n, 2);
	assert_int_equal(r.theme[1].nex, 2);
	assert_int_equal(r.theme[4].n, 1);
	assert_int_equal(r.theme[4].ex[0].id, 12);
	hl_rollup_clear(&r);
	hl_rollup_clear(NULL);
}

/* Examples: the first HL_ROLLUP_EXAMPLES distinct texts by id, in any order. */
static void test_examples(void **state)
{
	static const char *const text[] = {"a", "b", "a", "c", "d", "b", "e"};
	static const int64_t ids[] = {50, 20, 10, 60, 70, 5, 1};
	struct hl_rollup one, half1, half2;
	struct hl_err err;

	(void)state;
	hl_rollup_init(&one);
	hl_rollup_init(&half1);
	hl_rollup_init(&half2);
	for (int i = 0; i < 7; i++) {
		add(&one, resp(ids[i], 1, 0, 0, 1, 1, 1u, text[i]), 0, 1);
		add(i % 2 ? &half1 : &half2, resp(ids[i], 1, 0, 0, 1, 1, 1u, text[i]), 0, 1);
	}
	/* by id: 1 e, 5 b, 10 a, 20 b, 50 a, 60 c, 70 d -> e, b, a */
	assert_int_equal(one.theme[0].n, 7);
	assert_int_equal(one.theme[0].nex, 3);
	assert_int_equal(one.theme[0].ex[0].id, 1);
	assert_int_equal(one.theme[0].ex[1].id, 5);
	assert_int_equal(one.theme[0].ex[2].id, 10);
	assert_int_equal(hl_rollup_merge(&half1, &half2, &err), HL_OK);
	assert_int_equal(half1.theme[0].n, 7);
	assert_int_equal(half1.theme[0].nex, 3);
	for (int k = 0; k < 3; k++) {
		assert_int_equal(half1.theme[0].ex[k].id, one.theme[0].ex[k].id);
		assert_true(half1.theme[0].ex[k].hash == one.theme[0].ex[k].hash);
	}
	hl_rollup_clear(&one);
	hl_rollup_clear(&half1);
	hl_rollup_clear(&half2);
}

static void test_encoding(void **state)
{
	struct hl_rollup r, back, twice;
	unsigned char buf[4096];
	struct hl_err err;
	size_t n;

	(void)state;
	hl_rollup_init(&r);
	hl_rollup_init(&back);
	hl_rollup_init(&twice);
	add(&r, resp(3, 4, 2, 8, 2, 5, 1u << 6, "tốt"), 0.5, 2);
	add(&r, resp(4000000000LL, 3, 1, 8, 0, 5, 1u << 6, "rất tốt"), 1, 1);
	n = hl_rollup_encoded_size(&r);
	assert_true(n > 0 && n < sizeof(buf));
	hl_rollup_encode(&r, buf);
	assert_int_equal(hl_rollup_add_encoded(&back, buf, n, &err), HL_OK);
	assert_int_equal(hl_rollup_encoded_size(&back), n);
	assert_int_equal(back.chan[4], 1);
	assert_int_equal(back.nfield, 2);
	assert_true(back.staff[0].s == 1.5 && back.staff[0].v == 3);
	assert_int_equal(back.theme[6].ex[1].id, 4000000000LL);
	assert_int_equal(memcmp(back.inst[0].count, r.inst[0].count, 2 * 6 * sizeof(int64_t)), 0);
	/* Adding the same encoding twice doubles the counts. */
	assert_int_equal(hl_rollup_add_encoded(&twice, buf, n, &err), HL_OK);
	assert_int_equal(hl_rollup_add_encoded(&twice, buf, n, &err), HL_OK);
	assert_int_equal(hl_rollup_responses(&twice), 4);
	assert_int_equal(twice.theme[6].nex, 2);

	/* Every cut is refused, and so are a bad version and trailing bytes. */
	for (size_t cut = 0; cut < n; cut++) {
		struct hl_rollup x;

		hl_rollup_init(&x);
		assert_int_equal(hl_rollup_add_encoded(&x, buf, cut, &err), HL_EINVAL);
		hl_rollup_clear(&x);
	}
	buf[n] = 0;
	assert_int_equal(hl_rollup_add_encoded(&back, buf, n + 1, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "tallies rebuild"));
	buf[0] = 2;
	assert_int_equal(hl_rollup_add_encoded(&back, buf, n, &err), HL_EINVAL);
	hl_rollup_clear(&r);
	hl_rollup_clear(&back);
	hl_rollup_clear(&twice);
}

/* Counts that claim more items than the bytes could hold are refused
 * before anything is allocated for them. */
static void test_hostile(void **state)
{
	static const unsigned char huge_fields[] = {1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f};
	static const unsigned char big_varint[] = {1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0x7f};
	static const unsigned char many_levels[] = {1, 0, 0, 0, 1, 7, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0};
	struct hl_rollup x;
	struct hl_err err;

	(void)state;
	hl_rollup_init(&x);
	assert_int_equal(hl_rollup_add_encoded(&x, huge_fields, sizeof(huge_fields), &err),
		HL_EINVAL);
	assert_int_equal(hl_rollup_add_encoded(&x, big_varint, sizeof(big_varint), &err),
		HL_EINVAL);
	assert_int_equal(hl_rollup_add_encoded(&x, many_levels, sizeof(many_levels), &err),
		HL_EINVAL);
	assert_int_equal(hl_rollup_add_encoded(&x, NULL, 0, &err), HL_EINVAL);
	hl_rollup_clear(&x);
	assert_true(hl_rollup_hash("") == 0 && hl_rollup_hash("a") != 0);
}

/* Out of memory: an error, nothing leaked, the rollup still usable. */
static void test_nomem(void **state)
{
	struct hl_rollup r;
	struct hl_rollup_resp x = resp(1, 1, 5, 6, 1, 1, 0, "");
	struct hl_crit_score sc[1] = {{1, 1}};
	struct hl_err err;
	int rc = HL_ENOMEM;

	(void)state;
	hl_rollup_init(&r);
	for (long k = 1; rc != HL_OK && k < 10; k++) {
		hl_mem_fail_after(k);
		rc = hl_rollup_add(&r, instrument(), &x, sc, &err);
		hl_mem_fail_after(0);
		assert_true(rc == HL_OK || rc == HL_ENOMEM);
	}
	assert_int_equal(rc, HL_OK);
	hl_rollup_clear(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_nomem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
