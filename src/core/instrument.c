/* instrument.c — checking instruments, scoring one response and the built-in
 * instruments (sipas-5, khanh-hoa-6) described as data tables. Pure: no I/O.
 *
 * Messages name the place with the JSON path of docs/instruments.md
 * ("questions[3].scale: ..."), so a custom instrument's author finds it. */
#include "core/instrument.h"

#include <string.h>

#include "base/arena.h"
#include "base/text.h"

/* Column names of the responses CSV that a question code must not take. */
static const char *const reserved_columns[] = {
	"unit",
	"instrument",
	"date",
	"id",
	"channel",
	"field",
	"staff",
	"dossier",
	"comment",
	NULL,
};

/* 1..HL_CODE_MAX-1 characters of [A-Za-z0-9_-]. */
static bool code_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return false;
	for (; s[n] != '\0'; n++) {
		char c = s[n];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c == '_' || c == '-'))
			return false;
		if (n >= HL_CODE_MAX - 1)
			return false;
	}
	return n > 0;
}

static bool text_ok(const char *s)
{
	return s != NULL && s[0] != '\0' && hl_utf8_valid(s, strlen(s), NULL);
}

static int bad_code(struct hl_err *err, const char *path, int i, const char *code)
{
	if (code == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s[%d].code: thiếu mã", path, i);
	return hl_err_set(err, HL_EINVAL, HL_HERE,
		"%s[%d].code: mã '%.40s' không hợp lệ (1–%d ký tự A–Z, a–z, 0–9, '_' hoặc '-')",
		path, i, hl_utf8_valid(code, strlen(code), NULL) ? code : "?", HL_CODE_MAX - 1);
}

static int check_scales(struct hl_instrument *in, struct hl_err *err)
{
	if (in->nscales < 1 || in->nscales > HL_MAX_QUESTIONS || in->scales == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"scales: cần từ 1 đến %d thang đo (có %d)", HL_MAX_QUESTIONS, in->nscales);
	for (int i = 0; i < in->nscales; i++) {
		struct hl_scale *sc = &in->scales[i];

		if (!code_ok(sc->code))
			return bad_code(err, "scales", i, sc->code);
		for (int j = 0; j < i; j++)
			if (strcmp(in->scales[j].code, sc->code) == 0)
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"scales[%d].code: mã '%s' trùng với scales[%d]", i,
					sc->code, j);
		if (sc->nlevels < 2 || sc->nlevels > HL_MAX_LEVELS)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"scales[%d].levels: thang đo '%s' cần từ 2 đến %d mức (có %d)", i,
				sc->code, HL_MAX_LEVELS, sc->nlevels);
		for (int l = 0; l < sc->nlevels; l++)
			if (!text_ok(sc->levels[l].label))
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"scales[%d].levels[%d].label: thiếu nhãn hoặc không phải UTF-8 hợp lệ",
					i, l);
	}
	return HL_OK;
}

static int check_criteria(struct hl_instrument *in, struct hl_err *err)
{
	if (in->ncriteria < 1 || in->ncriteria > HL_MAX_CRITERIA || in->criteria == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"criteria: cần từ 1 đến %d tiêu chí (có %d)", HL_MAX_CRITERIA,
			in->ncriteria);
	for (int i = 0; i < in->ncriteria; i++) {
		const struct hl_criterion *c = &in->criteria[i];

		if (!code_ok(c->code))
			return bad_code(err, "criteria", i, c->code);
		if (strcmp(c->code, "SIPAS") == 0)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"criteria[%d].code: mã 'SIPAS' được dành cho chỉ số chung", i);
		for (int j = 0; j < i; j++)
			if (strcmp(in->criteria[j].code, c->code) == 0)
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"criteria[%d].code: mã '%s' trùng với criteria[%d]", i,
					c->code, j);
		if (!text_ok(c->name))
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"criteria[%d].name: thiếu tên tiêu chí '%s' hoặc không phải UTF-8 hợp lệ",
				i, c->code);
	}
	return HL_OK;
}

static int check_questions(struct hl_instrument *in, struct hl_err *err)
{
	int used[HL_MAX_CRITERIA] = {0};

	if (in->nquestions < 1 || in->nquestions > HL_MAX_QUESTIONS || in->questions == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"questions: cần từ 1 đến %d câu hỏi (có %d)", HL_MAX_QUESTIONS,
			in->nquestions);
	for (int i = 0; i < in->nquestions; i++) {
		const struct hl_question *q = &in->questions[i];

		if (!code_ok(q->code))
			return bad_code(err, "questions", i, q->code);
		for (int k = 0; reserved_columns[k] != NULL; k++)
			if (strcmp(q->code, reserved_columns[k]) == 0)
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"questions[%d].code: mã '%s' trùng tên một cột cố định của tệp phiếu",
					i, q->code);
		/* Quadratic, but at most 128 x 128 string compares. */
		for (int j = 0; j < i; j++)
			if (strcmp(in->questions[j].code, q->code) == 0)
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"questions[%d].code: mã '%s' trùng với questions[%d]", i,
					q->code, j);
		if (!text_ok(q->text))
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"questions[%d].text: thiếu nội dung câu hỏi '%s' hoặc không phải UTF-8 hợp lệ",
				i, q->code);
		if (q->criterion < 0 || q->criterion >= in->ncriteria)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"questions[%d].criterion: tiêu chí số %d không tồn tại", i,
				q->criterion);
		if (q->scale < 0 || q->scale >= in->nscales)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"questions[%d].scale: thang đo số %d không tồn tại", i, q->scale);
		used[q->criterion]++;
	}
	for (int c = 0; c < in->ncriteria; c++)
		if (used[c] == 0)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"criteria[%d]: tiêu chí '%s' không có câu hỏi nào", c,
				in->criteria[c].code);
	return HL_OK;
}

int hl_instrument_finish(struct hl_instrument *in, struct hl_err *err)
{
	int rc;

	if (in == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "thiếu bộ câu hỏi");
	if (!code_ok(in->code))
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"code: mã bộ câu hỏi không hợp lệ (1–%d ký tự A–Z, a–z, 0–9, '_' hoặc '-')",
			HL_CODE_MAX - 1);
	if (in->version < 1)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"version: phiên bản phải là số nguyên dương (có %d)", in->version);
	if (!text_ok(in->name))
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"name: thiếu tên bộ câu hỏi hoặc không phải UTF-8 hợp lệ");
	if (in->method != HL_METHOD_PERCENT && in->method != HL_METHOD_MEAN)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "method: phương pháp tính không hợp lệ");
	if ((rc = check_scales(in, err)) != HL_OK)
		return rc;
	if ((rc = check_criteria(in, err)) != HL_OK)
		return rc;
	if ((rc = check_questions(in, err)) != HL_OK)
		return rc;

	for (int i = 0; i < in->nscales; i++) {
		struct hl_scale *sc = &in->scales[i];

		for (int l = 0; l < sc->nlevels; l++) {
			if (in->method == HL_METHOD_PERCENT)
				sc->levels[l].score = sc->levels[l].satisfied ? 1.0 : 0.0;
			else
				sc->levels[l].score = (double)l / (double)(sc->nlevels - 1);
		}
	}
	return HL_OK;
}

int hl_instrument_question(const struct hl_instrument *in, const char *code)
{
	for (int i = 0; i < in->nquestions; i++)
		if (strcmp(in->questions[i].code, code) == 0)
			return i;
	return -1;
}

int hl_instrument_criterion(const struct hl_instrument *in, const char *code)
{
	for (int i = 0; i < in->ncriteria; i++)
		if (strcmp(in->criteria[i].code, code) == 0)
			return i;
	return -1;
}

int hl_instrument_score(const struct hl_instrument *in, const unsigned char *answers,
	struct hl_crit_score *out, struct hl_err *err)
{
	for (int c = 0; c < in->ncriteria; c++) {
		out[c].s = 0;
		out[c].v = 0;
	}
	for (int i = 0; i < in->nquestions; i++) {
		const struct hl_question *q = &in->questions[i];
		const struct hl_scale *sc = &in->scales[q->scale];
		int b = answers[i];

		if (b == 0)
			continue; /* no answer: left out of the denominator */
		if (b > sc->nlevels)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"câu hỏi %s: giá trị %d ngoài thang đo 1–%d", q->code, b,
				sc->nlevels);
		out[q->criterion].s += sc->levels[b - 1].score;
		out[q->criterion].v++;
	}
	return HL_OK;
}

/* ---- Built-in instruments: data, resolved by code when built. ---- */

static const struct hl_scale scale_hl5 = {
	.code = "hl5",
	.nlevels = 5,
	.levels =
		{
			{"Rất không hài lòng", false, 0},
			{"Không hài lòng", false, 0},
			{"Bình thường", false, 0},
			{"Hài lòng", true, 0},
			{"Rất hài lòng", true, 0},
		},
};

static const struct hl_scale scale_info3 = {
	.code = "info3",
	.nlevels = 3,
	.levels =
		{
			{"Sơ sài, khó hiểu", false, 0},
			{"Tạm được", false, 0},
			{"Đầy đủ, dễ hiểu", true, 0},
		},
};

static const struct hl_scale scale_yn = {
	.code = "yn",
	.nlevels = 2,
	.levels = {{"Không", false, 0}, {"Có", true, 0}},
};

struct bi_question {
	const char *code, *criterion, *scale, *text;
};

struct builtin {
	const char *code, *name;
	enum hl_method method;
	const struct hl_scale *const *scales;
	const struct hl_criterion *criteria;
	const struct bi_question *questions;
};

static const struct hl_scale *const sipas5_scales[] = {&scale_hl5, NULL};

static const struct hl_criterion sipas5_criteria[] = {
	{"TC", "Tiếp cận dịch vụ"},
	{"HC", "Thủ tục hành chính"},
	{"PV", "Sự phục vụ của công chức"},
	{"KQ", "Kết quả, tiến độ giải quyết công việc"},
	{"TT", "Tiếp nhận, xử lý thông tin phản hồi"},
	{NULL, NULL},
};

/* The 22 criteria of QĐ 2640/QĐ-BNV (see SIPAS-METHOD.md). */
static const struct bi_question sipas5_questions[] = {
	{"TC1", "TC", "hl5", "Nơi ngồi chờ có đủ chỗ ngồi"},
	{"TC2", "TC", "hl5", "Trang thiết bị phục vụ đầy đủ"},
	{"TC3", "TC", "hl5", "Trang thiết bị phục vụ hiện đại"},
	{"TC4", "TC", "hl5", "Trang thiết bị phục vụ dễ sử dụng"},
	{"HC1", "HC", "hl5", "Thủ tục hành chính được niêm yết công khai đầy đủ"},
	{"HC2", "HC", "hl5", "Thủ tục hành chính được niêm yết công khai chính xác"},
	{"HC3", "HC", "hl5", "Thành phần hồ sơ phải nộp đúng quy định"},
	{"HC4", "HC", "hl5", "Phí, lệ phí phải nộp đúng quy định"},
	{"HC5", "HC", "hl5", "Thời hạn giải quyết đúng quy định"},
	{"PV1", "PV", "hl5", "Công chức có lời nói, thái độ lịch sự"},
	{"PV2", "PV", "hl5", "Công chức chú ý lắng nghe ý kiến của người dân, tổ chức"},
	{"PV3", "PV", "hl5",
		"Công chức trả lời, giải thích đầy đủ các ý kiến của người dân, tổ chức"},
	{"PV4", "PV", "hl5", "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo"},
	{"PV5", "PV", "hl5", "Công chức hướng dẫn kê khai hồ sơ rõ ràng, dễ hiểu"},
	{"PV6", "PV", "hl5", "Công chức tuân thủ đúng quy định trong giải quyết công việc"},
	{"KQ1", "KQ", "hl5", "Kết quả giải quyết đúng quy định"},
	{"KQ2", "KQ", "hl5", "Kết quả có thông tin đầy đủ"},
	{"KQ3", "KQ", "hl5", "Kết quả có thông tin chính xác"},
	{"TT1", "TT", "hl5", "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị"},
	{"TT2", "TT", "hl5", "Người dân, tổ chức dễ dàng thực hiện góp ý, phản ánh, kiến nghị"},
	{"TT3", "TT", "hl5", "Cơ quan tiếp nhận, xử lý tích cực các góp ý, phản ánh, kiến nghị"},
	{"TT4", "TT", "hl5", "Cơ quan thông báo kịp thời kết quả xử lý góp ý, phản ánh, kiến nghị"},
	{NULL, NULL, NULL, NULL},
};

static const struct hl_scale *const kh6_scales[] = {&scale_hl5, &scale_info3, &scale_yn, NULL};

static const struct hl_criterion kh6_criteria[] = {
	{"TC", "Tiếp cận dịch vụ"},
	{"DK", "Điều kiện tiếp đón, phục vụ"},
	{"HC", "Thủ tục hành chính"},
	{"PV", "Sự phục vụ của cán bộ, công chức"},
	{"KQ", "Kết quả, tiến độ giải quyết công việc"},
	{"TT", "Tiếp nhận, xử lý thông tin phản hồi"},
	{NULL, NULL},
};

/* Khánh Hòa 2022 (seed 000): TC1 is the three-level information question. */
static const struct bi_question kh6_questions[] = {
	{"TC1", "TC", "info3", "Thông tin về thủ tục hành chính được niêm yết, công khai"},
	{"TC2", "TC", "hl5",
		"Dễ dàng tìm hiểu thông tin về thủ tục trên Trang thông tin điện tử, Đài truyền thanh"},
	{"TC3", "TC", "hl5", "Dễ dàng nộp hồ sơ trực tuyến trên Cổng dịch vụ công"},
	{"DK1", "DK", "hl5", "Nơi tiếp đón có đủ chỗ ngồi chờ"},
	{"DK2", "DK", "hl5", "Trang thiết bị phục vụ đầy đủ, hiện đại, dễ sử dụng"},
	{"DK3", "DK", "hl5", "Nơi tiếp đón sạch sẽ, thoáng mát"},
	{"HC1", "HC", "hl5", "Thành phần hồ sơ phải nộp đúng quy định"},
	{"HC2", "HC", "hl5", "Phí, lệ phí phải nộp đúng quy định"},
	{"HC3", "HC", "hl5", "Thời hạn giải quyết đúng quy định"},
	{"PV1", "PV", "hl5", "Cán bộ, công chức có lời nói, thái độ lịch sự"},
	{"PV2", "PV", "hl5", "Cán bộ, công chức hướng dẫn kê khai hồ sơ tận tình, dễ hiểu"},
	{"PV3", "PV", "hl5", "Cán bộ, công chức tuân thủ đúng quy định trong giải quyết công việc"},
	{"KQ1", "KQ", "hl5", "Kết quả giải quyết đúng quy định, thông tin đầy đủ, chính xác"},
	{"KQ2", "KQ", "yn", "Hồ sơ được trả kết quả đúng hẹn"},
	{"KQ3", "KQ", "hl5", "Tiến độ giải quyết công việc nhanh chóng"},
	{"TT1", "TT", "hl5", "Dễ dàng thực hiện góp ý, phản ánh, kiến nghị"},
	{"TT2", "TT", "hl5",
		"Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý và trả lời kịp thời"},
	{NULL, NULL, NULL, NULL},
};

static const struct builtin builtins[] = {
	{"sipas-5", "Bộ câu hỏi SIPAS 5 tiêu chí", HL_METHOD_PERCENT, sipas5_scales,
		sipas5_criteria, sipas5_questions},
	{"khanh-hoa-6", "Bộ câu hỏi Khánh Hòa 2022 (6 tiêu chí)", HL_METHOD_PERCENT, kh6_scales,
		kh6_criteria, kh6_questions},
};

static const char *const builtin_codes[] = {"sipas-5", "khanh-hoa-6", NULL};

const char *const *hl_instrument_builtin_codes(void)
{
	return builtin_codes;
}

static int scale_index(const struct hl_instrument *in, const char *code)
{
	for (int i = 0; i < in->nscales; i++)
		if (strcmp(in->scales[i].code, code) == 0)
			return i;
	return -1;
}

int hl_instrument_builtin(struct hl_arena *a, const char *code, struct hl_instrument **out,
	struct hl_err *err)
{
	const struct builtin *b = NULL;
	struct hl_instrument *in;
	int n;

	*out = NULL;
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (code != NULL && strcmp(builtins[i].code, code) == 0)
			b = &builtins[i];
	if (b == NULL)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE,
			"không có bộ câu hỏi dựng sẵn '%.40s'", code != NULL ? code : "");

	in = hl_arena_alloc(a, sizeof(*in));
	if (in == NULL)
		goto nomem;
	in->code = b->code;
	in->version = 1;
	in->name = b->name;
	in->method = b->method;

	for (n = 0; b->scales[n] != NULL; n++)
		;
	in->scales = hl_arena_alloc(a, (size_t)n * sizeof(*in->scales));
	if (in->scales == NULL)
		goto nomem;
	for (int i = 0; i < n; i++)
		in->scales[i] = *b->scales[i]; /* a copy: finish writes the scores */
	in->nscales = n;

	for (n = 0; b->criteria[n].code != NULL; n++)
		;
	in->criteria = hl_arena_alloc(a, (size_t)n * sizeof(*in->criteria));
	if (in->criteria == NULL)
		goto nomem;
	memcpy(in->criteria, b->criteria, (size_t)n * sizeof(*in->criteria));
	in->ncriteria = n;

	for (n = 0; b->questions[n].code != NULL; n++)
		;
	in->questions = hl_arena_alloc(a, (size_t)n * sizeof(*in->questions));
	if (in->questions == NULL)
		goto nomem;
	for (int i = 0; i < n; i++) {
		struct hl_question *q = &in->questions[i];

		q->code = b->questions[i].code;
		q->text = b->questions[i].text;
		q->criterion = hl_instrument_criterion(in, b->questions[i].criterion);
		q->scale = scale_index(in, b->questions[i].scale);
	}
	in->nquestions = n;

	n = hl_instrument_finish(in, err);
	if (n != HL_OK)
		return n;
	*out = in;
	return HL_OK;

nomem:
	return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi dựng bộ câu hỏi '%s'", b->code);
}
