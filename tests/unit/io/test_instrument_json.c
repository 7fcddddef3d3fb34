/* test_instrument_json.c — custom instruments from JSON: the documented
 * example, broken files naming their JSON path, and the canonical dump. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "io/instrument_json.h"

#define DATA "tests/data/instruments/"

/* Whole file into a malloc'd buffer (test helper; freed by the caller). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	assert_non_null(f);
	buf = malloc(IJ_MAX_BYTES + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, IJ_MAX_BYTES, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int parse_file(struct hl_arena *a, const char *path, struct hl_instrument **in,
	struct hl_err *err)
{
	size_t len;
	char *text = slurp(path, &len);
	int rc = ij_parse(a, text, len, in, err);

	free(text);
	return rc;
}

static void test_example(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in;
	struct hl_err err;
	struct hl_crit_score sc[HL_MAX_CRITERIA];
	unsigned char ans[7] = {5, 2, 3, 2, 0, 0, 1};
	char *text;

	(void)state;
	assert_int_equal(parse_file(a, DATA "example.json", &in, &err), HL_OK);
	assert_string_equal(in->code, "tram-y-te-4");
	assert_int_equal(in->version, 1);
	assert_int_equal(in->method, HL_METHOD_MEAN);
	assert_int_equal(in->nscales, 3);
	assert_int_equal(in->ncriteria, 4);
	assert_int_equal(in->nquestions, 7);
	assert_string_equal(in->criteria[2].name, "Thái độ ứng xử, năng lực của nhân viên y tế");
	assert_int_equal(in->questions[1].scale, 1);
	assert_int_equal(in->questions[3].criterion, 1);
	assert_true(in->scales[1].levels[1].score == 0.5);
	assert_int_equal(hl_instrument_score(in, ans, sc, &err), HL_OK);
	assert_true(sc[0].s == 1.5 && sc[0].v == 2); /* 1 + 0.5 */
	assert_true(sc[1].s == 1.5 && sc[1].v == 2); /* 0.5 + 1 */
	assert_true(sc[2].v == 0);
	assert_true(sc[3].s == 0 && sc[3].v == 1);

	text = ij_dump(in);
	assert_non_null(text);
	assert_non_null(strstr(text,
		"{\"code\":\"tram-y-te-4\",\"version\":1,"
		"\"name\":\"Phiếu khảo sát hài lòng tại trạm y tế\",\"method\":\"mean\","
		"\"scales\":[{\"code\":\"hl5\",\"levels\":[{\"label\":\"Rất không hài lòng\","
		"\"satisfied\":false},"));
	assert_non_null(strstr(text,
		"{\"code\":\"TC2\",\"criterion\":\"TC\",\"scale\":\"wait3\","
		"\"text\":\"Thời gian chờ đến lượt khám\"}"));
	free(text);
	hl_arena_free(a);
}

static void roundtrip(const struct hl_instrument *in)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *back;
	struct hl_err err;
	char *t1 = ij_dump(in), *t2;

	assert_non_null(t1);
	assert_int_equal(ij_parse(a, t1, strlen(t1), &back, &err), HL_OK);
	t2 = ij_dump(back);
	assert_non_null(t2);
	assert_string_equal(t1, t2);
	assert_int_equal(back->nquestions, in->nquestions);
	for (int s = 0; s < in->nscales; s++)
		for (int l = 0; l < in->scales[s].nlevels; l++)
			assert_true(
				back->scales[s].levels[l].score == in->scales[s].levels[l].score);
	free(t1);
	free(t2);
	hl_arena_free(a);
}

static void test_roundtrip(void **state)
{
	const char *const *codes = hl_instrument_builtin_codes();
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in;
	struct hl_err err;

	(void)state;
	for (int i = 0; codes[i] != NULL; i++) {
		assert_int_equal(hl_instrument_builtin(a, codes[i], &in, &err), HL_OK);
		roundtrip(in);
	}
	assert_int_equal(parse_file(a, DATA "example.json", &in, &err), HL_OK);
	roundtrip(in);
	hl_arena_free(a);
}

static void expect_bad_file(const char *file, int code, const char *needle)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in = (struct hl_instrument *)1;
	struct hl_err err;
	char path[256];

	snprintf(path, sizeof(path), DATA "%s", file);
	assert_int_equal(parse_file(a, path, &in, &err), code);
	assert_null(in);
	if (strstr(err.msg, needle) == NULL)
		fail_msg("%s: '%s' does not contain '%s'", file, err.msg, needle);
	hl_arena_free(a);
}

static void test_bad_files(void **state)
{
	(void)state;
	expect_bad_file("bad-unknown-scale.json", HL_EINVAL,
		"questions[3].scale: thang đo 'hl7' không tồn tại");
	expect_bad_file("bad-duplicate-criterion.json", HL_EINVAL,
		"criteria[1].code: mã 'TC' trùng với criteria[0]");
	expect_bad_file("bad-duplicate-scale.json", HL_EINVAL,
		"scales[3].code: mã 'hl5' trùng với scales[0]");
	expect_bad_file("bad-reserved-sipas.json", HL_EINVAL, "criteria[3].code: mã 'SIPAS'");
	expect_bad_file("bad-one-level.json", HL_EINVAL,
		"scales[2].levels: thang đo 'yn' cần từ 2");
	expect_bad_file("bad-method.json", HL_EINVAL, "method:");
	expect_bad_file("bad-criterion-without-question.json", HL_EINVAL,
		"criteria[3]: tiêu chí 'KQ' không có câu hỏi");
	expect_bad_file("bad-satisfied-type.json", HL_EINVAL,
		"scales[0].levels[3].satisfied: cần true hoặc false");
	expect_bad_file("bad-syntax.json", HL_EINVAL, "JSON không hợp lệ ở dòng");
}

static void expect_bad_text(const char *json, int code, const char *needle)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in;
	struct hl_err err;

	assert_int_equal(ij_parse(a, json, strlen(json), &in, &err), code);
	if (strstr(err.msg, needle) == NULL)
		fail_msg("'%s' does not contain '%s'", err.msg, needle);
	hl_arena_free(a);
}

#define HEAD "{\"code\":\"x\",\"version\":1,\"name\":\"X\","
#define SCALES \
	"\"scales\":[{\"code\":\"yn\",\"levels\":[{\"label\":\"Không\",\"satisfied\":false}," \
	"{\"label\":\"Có\",\"satisfied\":true}]}],"
#define CRITS "\"criteria\":[{\"code\":\"A\",\"name\":\"Một\"}],"
#define QS "\"questions\":[{\"code\":\"A1\",\"criterion\":\"A\",\"scale\":\"yn\",\"text\":\"Câu\"}]"

static void test_bad_texts(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in;
	struct hl_err err;
	const char *ok = HEAD SCALES CRITS QS "}";
	char *big;

	(void)state;
	/* The minimal instrument is fine, and method defaults to percent. */
	assert_int_equal(ij_parse(a, ok, strlen(ok), &in, &err), HL_OK);
	assert_int_equal(in->method, HL_METHOD_PERCENT);
	hl_arena_free(a);

	expect_bad_text("[]", HL_EINVAL, "(gốc): cần một đối tượng");
	expect_bad_text(HEAD SCALES CRITS QS ",\"extra\":1}", HL_EINVAL, "extra: khóa không");
	expect_bad_text(HEAD SCALES CRITS QS ",\"code\":\"y\"}", HL_EINVAL, "JSON không hợp lệ");
	expect_bad_text("{\"version\":1}", HL_EINVAL, "code: thiếu");
	expect_bad_text("{\"code\":\"x\",\"version\":0}", HL_EINVAL, "version:");
	expect_bad_text("{\"code\":\"x\",\"version\":1.5}", HL_EINVAL, "version:");
	expect_bad_text("{\"code\":\"x y\",\"version\":1,\"name\":\"X\"," SCALES CRITS QS "}",
		HL_EINVAL, "code: mã bộ câu hỏi không hợp lệ");
	expect_bad_text(HEAD SCALES CRITS "\"questions\":[]}", HL_EINVAL, "questions: cần từ 1");
	expect_bad_text(HEAD SCALES CRITS "\"questions\":{}}", HL_EINVAL,
		"questions: cần một mảng");
	expect_bad_text(HEAD SCALES CRITS "\"questions\":[{\"code\":\"A1\",\"criterion\":\"B\","
					  "\"scale\":\"yn\",\"text\":\"Câu\"}]}",
		HL_EINVAL, "questions[0].criterion: tiêu chí 'B' không tồn tại");
	expect_bad_text(HEAD SCALES CRITS "\"questions\":[{\"code\":\"A1\",\"criterion\":\"A\","
					  "\"scale\":\"yn\",\"text\":7}]}",
		HL_EINVAL, "questions[0].text: cần một chuỗi");
	expect_bad_text(HEAD SCALES CRITS "\"questions\":[{\"code\":\"A1\",\"criterion\":\"A\","
					  "\"scale\":\"yn\",\"text\":\"\"}]}",
		HL_EINVAL, "questions[0].text: chuỗi rỗng");
	expect_bad_text(HEAD SCALES CRITS "\"questions\":[{\"code\":\"A1\",\"criterion\":\"A\","
					  "\"scale\":\"yn\",\"text\":\"Câu\",\"note\":1}]}",
		HL_EINVAL, "questions[0].note: khóa không");
	expect_bad_text(HEAD SCALES
		"\"criteria\":[{\"code\":\"0123456789012345678901234567890123\","
		"\"name\":\"N\"}]," QS "}",
		HL_EINVAL, "criteria[0].code: dài quá");

	/* Size limit. */
	big = malloc(IJ_MAX_BYTES + 2);
	assert_non_null(big);
	memset(big, ' ', IJ_MAX_BYTES + 1);
	big[IJ_MAX_BYTES + 1] = '\0';
	expect_bad_text(big, HL_ELIMIT, "quá lớn");
	free(big);

	/* An arena too small: a clean HL_ENOMEM, nothing leaked. */
	a = hl_arena_new(32);
	assert_int_equal(ij_parse(a, ok, strlen(ok), &in, &err), HL_ENOMEM);
	hl_arena_free(a);
}

/* The same text in NFD dumps identically to NFC: the store compares text. */
static void test_nfc(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in1, *in2;
	struct hl_err err;
	const char *nfc = HEAD SCALES "\"criteria\":[{\"code\":\"A\",\"name\":\"Một\"}]," QS "}";
	const char *nfd = HEAD SCALES
		"\"criteria\":[{\"code\":\"A\",\"name\":\"Mo\xcc\x82\xcc\xa3t\"}]," QS "}";
	char *t1, *t2;

	(void)state;
	assert_int_equal(ij_parse(a, nfc, strlen(nfc), &in1, &err), HL_OK);
	assert_int_equal(ij_parse(a, nfd, strlen(nfd), &in2, &err), HL_OK);
	t1 = ij_dump(in1);
	t2 = ij_dump(in2);
	assert_non_null(t1);
	assert_non_null(t2);
	assert_string_equal(t1, t2);
	free(t1);
	free(t2);
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_bad_texts),
		cmocka_unit_test(test_nfc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
