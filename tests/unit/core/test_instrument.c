/* test_instrument.c — validation, level scores, scoring and the built-ins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "core/instrument.h"

static void test_sipas5(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in = NULL;
	struct hl_err err;
	static const char *const expect[] = {
		"TC1",
		"TC2",
		"TC3",
		"TC4",
		"HC1",
		"HC2",
		"HC3",
		"HC4",
		"HC5",
		"PV1",
		"PV2",
		"PV3",
		"PV4",
		"PV5",
		"PV6",
		"KQ1",
		"KQ2",
		"KQ3",
		"TT1",
		"TT2",
		"TT3",
		"TT4",
	};

	(void)state;
	assert_int_equal(hl_instrument_builtin(a, "sipas-5", &in, &err), HL_OK);
	assert_string_equal(in->code, "sipas-5");
	assert_int_equal(in->version, 1);
	assert_int_equal(in->method, HL_METHOD_PERCENT);
	assert_int_equal(in->ncriteria, 5);
	assert_int_equal(in->nquestions, 22);
	for (int i = 0; i < 22; i++)
		assert_string_equal(in->questions[i].code, expect[i]);
	assert_string_equal(in->criteria[2].code, "PV");
	assert_string_equal(in->criteria[2].name, "Sự phục vụ của công chức");
	assert_int_equal(hl_instrument_criterion(in, "TT"), 4);
	assert_int_equal(hl_instrument_criterion(in, "DK"), -1);
	assert_int_equal(hl_instrument_question(in, "PV1"), 9);
	assert_int_equal(hl_instrument_question(in, "PV7"), -1);
	assert_string_equal(in->questions[9].text, "Công chức có lời nói, thái độ lịch sự");
	assert_int_equal(in->questions[21].criterion, 4);
	assert_int_equal(in->nscales, 1);
	assert_string_equal(in->scales[0].code, "hl5");
	assert_int_equal(in->scales[0].nlevels, 5);
	assert_string_equal(in->scales[0].levels[4].label, "Rất hài lòng");
	for (int l = 0; l < 5; l++)
		assert_true(in->scales[0].levels[l].score == (l >= 3 ? 1.0 : 0.0));
	hl_arena_free(a);
}

static void test_khanh_hoa6(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in = NULL;
	struct hl_err err;
	const struct hl_scale *sc;
	int q, yn = 0;

	(void)state;
	assert_int_equal(hl_instrument_builtin(a, "khanh-hoa-6", &in, &err), HL_OK);
	assert_int_equal(in->ncriteria, 6);
	assert_string_equal(in->criteria[1].code, "DK");
	assert_string_equal(in->criteria[1].name, "Điều kiện tiếp đón, phục vụ");
	q = hl_instrument_question(in, "TC1");
	assert_int_equal(q, 0);
	sc = &in->scales[in->questions[q].scale];
	assert_string_equal(sc->code, "info3");
	assert_int_equal(sc->nlevels, 3);
	assert_string_equal(sc->levels[0].label, "Sơ sài, khó hiểu");
	assert_string_equal(sc->levels[2].label, "Đầy đủ, dễ hiểu");
	assert_true(sc->levels[1].score == 0.0 && sc->levels[2].score == 1.0);
	for (int i = 0; i < in->nquestions; i++) {
		sc = &in->scales[in->questions[i].scale];
		if (strcmp(sc->code, "yn") == 0) {
			yn++;
			assert_string_equal(sc->levels[1].label, "Có");
			assert_true(sc->levels[1].satisfied && !sc->levels[0].satisfied);
		}
	}
	assert_int_equal(yn, 1);
	hl_arena_free(a);
}

static void test_builtin_codes(void **state)
{
	const char *const *codes = hl_instrument_builtin_codes();
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in;
	struct hl_err err;
	int n = 0;

	(void)state;
	for (; codes[n] != NULL; n++) {
		assert_int_equal(hl_instrument_builtin(a, codes[n], &in, &err), HL_OK);
		assert_string_equal(in->code, codes[n]);
	}
	assert_int_equal(n, 2);
	assert_int_equal(hl_instrument_builtin(a, "sipas-6", &in, &err), HL_ENOTFOUND);
	assert_null(in);
	hl_arena_free(a);
	/* A tiny arena: the build fails cleanly. */
	a = hl_arena_new(64);
	assert_int_equal(hl_instrument_builtin(a, "sipas-5", &in, &err), HL_ENOMEM);
	hl_arena_free(a);
}

static void test_score(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in;
	struct hl_err err;
	struct hl_crit_score sc[HL_MAX_CRITERIA];
	unsigned char ans[22];

	(void)state;
	assert_int_equal(hl_instrument_builtin(a, "sipas-5", &in, &err), HL_OK);
	memset(ans, 0, sizeof(ans));
	ans[0] = 5;
	ans[1] = 4;
	ans[2] = 3; /* TC: 2 of 3 satisfied, TC4 unanswered */
	ans[9] = 1; /* PV: 0 of 1 */
	assert_int_equal(hl_instrument_score(in, ans, sc, &err), HL_OK);
	assert_true(sc[0].s == 2 && sc[0].v == 3);
	assert_true(sc[1].s == 0 && sc[1].v == 0);
	assert_true(sc[2].s == 0 && sc[2].v == 1);
	ans[20] = 6;
	assert_int_equal(hl_instrument_score(in, ans, sc, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "TT3"));
	hl_arena_free(a);
}

/* A small custom instrument to break in different ways. */
struct fixture {
	struct hl_scale scales[2];
	struct hl_criterion crit[2];
	struct hl_question q[3];
	struct hl_instrument in;
};

static void make(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->scales[0] = (struct hl_scale){.code = "s4",
		.nlevels = 4,
		.levels = {{"Kém", false, 0}, {"Trung bình", false, 0}, {"Khá", true, 0},
			{"Tốt", true, 0}}};
	f->scales[1] = (struct hl_scale){.code = "yn",
		.nlevels = 2,
		.levels = {{"Không", false, 0}, {"Có", true, 0}}};
	f->crit[0] = (struct hl_criterion){"A", "Tiêu chí A"};
	f->crit[1] = (struct hl_criterion){"B", "Tiêu chí B"};
	f->q[0] = (struct hl_question){"A1", "Câu 1", 0, 0};
	f->q[1] = (struct hl_question){"A2", "Câu 2", 0, 1};
	f->q[2] = (struct hl_question){"B1", "Câu 3", 1, 0};
	f->in = (struct hl_instrument){.code = "tyt",
		.version = 2,
		.name = "Trạm y tế",
		.method = HL_METHOD_MEAN,
		.ncriteria = 2,
		.nquestions = 3,
		.nscales = 2,
		.criteria = f->crit,
		.questions = f->q,
		.scales = f->scales};
}

static void test_mean(void **state)
{
	struct fixture f;
	struct hl_err err;
	struct hl_crit_score sc[2];
	unsigned char ans[3] = {3, 2, 0};

	(void)state;
	make(&f);
	assert_int_equal(hl_instrument_finish(&f.in, &err), HL_OK);
	assert_true(f.scales[0].levels[0].score == 0.0);
	assert_true(f.scales[0].levels[1].score == 1.0 / 3.0);
	assert_true(f.scales[0].levels[2].score == 2.0 / 3.0);
	assert_true(f.scales[0].levels[3].score == 1.0);
	assert_true(f.scales[1].levels[1].score == 1.0);
	assert_int_equal(hl_instrument_score(&f.in, ans, sc, &err), HL_OK);
	assert_true(sc[0].s == 2.0 / 3.0 + 1.0 && sc[0].v == 2);
	assert_true(sc[1].s == 0 && sc[1].v == 0);
}

#define EXPECT_BAD(stmt, needle) \
	do { \
		struct fixture f_; \
		struct hl_err e_; \
		make(&f_); \
		{ \
			struct fixture *f = &f_; \
			stmt; \
		} \
		assert_int_equal(hl_instrument_finish(&f_.in, &e_), HL_EINVAL); \
		assert_non_null(strstr(e_.msg, needle)); \
	} while (0)

static void test_invalid(void **state)
{
	(void)state;
	EXPECT_BAD(f->in.code = "", "code");
	EXPECT_BAD(f->in.code = "có dấu", "code");
	EXPECT_BAD(f->in.version = 0, "version");
	EXPECT_BAD(f->in.name = NULL, "name");
	EXPECT_BAD(f->in.method = 7, "method");
	EXPECT_BAD(f->crit[1].code = "SIPAS", "criteria[1].code");
	EXPECT_BAD(f->crit[1].code = "A", "criteria[1].code: mã 'A' trùng");
	EXPECT_BAD(f->crit[1].code = "0123456789012345678901234567890123", "criteria[1].code");
	EXPECT_BAD(f->crit[0].code = "A.B", "criteria[0].code");
	EXPECT_BAD(f->crit[0].code = NULL, "criteria[0].code: thiếu");
	EXPECT_BAD(f->crit[0].name = "", "criteria[0].name");
	EXPECT_BAD(f->q[2].code = "A1", "questions[2].code: mã 'A1' trùng");
	EXPECT_BAD(f->q[2].code = "date", "questions[2].code");
	EXPECT_BAD(f->q[2].criterion = 0, "criteria[1]: tiêu chí 'B' không có câu hỏi");
	EXPECT_BAD(f->q[2].criterion = 2, "questions[2].criterion");
	EXPECT_BAD(f->q[2].criterion = -1, "questions[2].criterion");
	EXPECT_BAD(f->q[1].scale = 2, "questions[1].scale");
	EXPECT_BAD(f->q[1].text = "\xff", "questions[1].text");
	EXPECT_BAD(f->scales[1].nlevels = 1, "scales[1].levels");
	EXPECT_BAD(f->scales[1].nlevels = HL_MAX_LEVELS + 1, "scales[1].levels");
	EXPECT_BAD(f->scales[1].code = "s4", "scales[1].code");
	EXPECT_BAD(f->scales[0].levels[3].label = NULL, "scales[0].levels[3].label");
	EXPECT_BAD(f->in.ncriteria = 0, "criteria");
	EXPECT_BAD(f->in.ncriteria = HL_MAX_CRITERIA + 1, "criteria");
	EXPECT_BAD(f->in.nquestions = 0, "questions");
	EXPECT_BAD(f->in.nquestions = HL_MAX_QUESTIONS + 1, "questions");
	EXPECT_BAD(f->in.nscales = 0, "scales");
}

static void test_score_out_of_scale(void **state)
{
	struct fixture f;
	struct hl_err err;
	struct hl_crit_score sc[2];
	unsigned char ans[3] = {4, 3, 0}; /* yn has 2 levels */

	(void)state;
	make(&f);
	assert_int_equal(hl_instrument_finish(&f.in, &err), HL_OK);
	assert_int_equal(hl_instrument_score(&f.in, ans, sc, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "A2"));
	ans[1] = 255;
	assert_int_equal(hl_instrument_score(&f.in, ans, sc, &err), HL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sipas5),
		cmocka_unit_test(test_khanh_hoa6),
		cmocka_unit_test(test_builtin_codes),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_mean),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_score_out_of_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
