/* themes.c — comment themes as a table of keyword rules.
 *
 * A comment and every keyword are folded the same way: NFC, case folded,
 * words separated by single spaces and clauses (.,;:!?) by " | ", padded
 * with spaces so " keyword " finds whole words only. A comment written with
 * diacritics is matched against the keywords as written; one written
 * without any is matched against the keywords stripped of them — except the
 * few (exact[]) whose stripped form is another common word ("chậm"/"chăm"
 * both give "cham"). Praise keywords are also not counted after "thiếu"/"kém"
 * nor before "hơn". */
#include "svc/themes.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/mem.h"
#include "base/text.h"

struct rule {
	int theme;
	const char *kw;
};

static const char *const names[THEME_COUNT] = {
	"Thiếu hồ sơ mẫu",
	"Chờ đợi lâu",
	"Bổ sung hồ sơ nhiều lần",
	"Thái độ công chức",
	"Thiếu thông tin, hướng dẫn",
	"Cơ sở vật chất",
	"Khen ngợi",
	"Khác",
};

/* The rules. Add a line to teach hailong a new way of saying something. */
static const struct rule rules[] = {
	{TH_FORMS, "hồ sơ mẫu"},
	{TH_FORMS, "mẫu hồ sơ"},
	{TH_FORMS, "tờ khai mẫu"},
	{TH_FORMS, "mẫu tờ khai"},
	{TH_FORMS, "biểu mẫu"},
	{TH_FORMS, "thiếu mẫu"},
	{TH_FORMS, "không có mẫu"},
	{TH_FORMS, "hết mẫu"},
	{TH_FORMS, "văn phòng phẩm"},

	{TH_WAIT, "chờ đợi"},
	{TH_WAIT, "chờ lâu"},
	{TH_WAIT, "đợi lâu"},
	{TH_WAIT, "lâu"},
	{TH_WAIT, "chậm"},
	{TH_WAIT, "chậm trễ"},
	{TH_WAIT, "trễ hẹn"},
	{TH_WAIT, "trễ hạn"},
	{TH_WAIT, "quá hạn"},
	{TH_WAIT, "quá hẹn"},
	{TH_WAIT, "xếp hàng"},
	{TH_WAIT, "mất nhiều thời gian"},
	{TH_WAIT, "thời gian chờ"},
	{TH_WAIT, "giờ cao điểm"},

	{TH_RESUBMIT, "bổ sung hồ sơ"},
	{TH_RESUBMIT, "bổ sung giấy tờ"},
	{TH_RESUBMIT, "bổ sung nhiều lần"},
	{TH_RESUBMIT, "đi lại nhiều lần"},
	{TH_RESUBMIT, "đi lại nhiều"},
	{TH_RESUBMIT, "phải đi lại"},
	{TH_RESUBMIT, "trả hồ sơ"},
	{TH_RESUBMIT, "trả lại hồ sơ"},
	{TH_RESUBMIT, "làm lại hồ sơ"},

	{TH_ATTITUDE, "thái độ"},
	{TH_ATTITUDE, "khó chịu"},
	{TH_ATTITUDE, "cáu gắt"},
	{TH_ATTITUDE, "gắt gỏng"},
	{TH_ATTITUDE, "hách dịch"},
	{TH_ATTITUDE, "thờ ơ"},
	{TH_ATTITUDE, "nhũng nhiễu"},
	{TH_ATTITUDE, "gây khó khăn"},
	{TH_ATTITUDE, "gây khó dễ"},
	{TH_ATTITUDE, "quát"},
	{TH_ATTITUDE, "lớn tiếng"},
	{TH_ATTITUDE, "vô cảm"},
	{TH_ATTITUDE, "không nhiệt tình"},
	{TH_ATTITUDE, "thiếu nhiệt tình"},
	{TH_ATTITUDE, "không lịch sự"},
	{TH_ATTITUDE, "thiếu lịch sự"},
	{TH_ATTITUDE, "thiếu tôn trọng"},
	{TH_ATTITUDE, "phong bì"},
	{TH_ATTITUDE, "tiêu cực"},

	{TH_INFO, "thiếu thông tin"},
	{TH_INFO, "thiếu hướng dẫn"},
	{TH_INFO, "không hướng dẫn"},
	{TH_INFO, "chưa hướng dẫn"},
	{TH_INFO, "không được hướng dẫn"},
	{TH_INFO, "không được thông báo"},
	{TH_INFO, "cung cấp thêm thông tin"},
	{TH_INFO, "cung cấp thông tin"},
	{TH_INFO, "chưa rõ"},
	{TH_INFO, "không rõ"},
	{TH_INFO, "khó hiểu"},
	{TH_INFO, "không biết"},
	{TH_INFO, "khó tra cứu"},
	{TH_INFO, "chưa niêm yết"},
	{TH_INFO, "không niêm yết"},
	{TH_INFO, "rõ hơn"},
	{TH_INFO, "cụ thể hơn"},
	{TH_INFO, "mỗi lần hướng dẫn"},

	{TH_PREMISES, "cơ sở vật chất"},
	{TH_PREMISES, "trang thiết bị"},
	{TH_PREMISES, "thiết bị"},
	{TH_PREMISES, "ghế"},
	{TH_PREMISES, "ghế ngồi"},
	{TH_PREMISES, "chỗ ngồi"},
	{TH_PREMISES, "chỗ để xe"},
	{TH_PREMISES, "bãi xe"},
	{TH_PREMISES, "gửi xe"},
	{TH_PREMISES, "nhà vệ sinh"},
	{TH_PREMISES, "máy tính"},
	{TH_PREMISES, "máy in"},
	{TH_PREMISES, "máy scan"},
	{TH_PREMISES, "máy lấy số"},
	{TH_PREMISES, "photocopy"},
	{TH_PREMISES, "nước uống"},
	{TH_PREMISES, "điều hòa"},
	{TH_PREMISES, "máy lạnh"},
	{TH_PREMISES, "quạt"},
	{TH_PREMISES, "nóng"},
	{TH_PREMISES, "chật"},
	{TH_PREMISES, "chật chội"},
	{TH_PREMISES, "bị lỗi"},
	{TH_PREMISES, "hư hỏng"},
	{TH_PREMISES, "wifi"},

	{TH_PRAISE, "khen"},
	{TH_PRAISE, "hài lòng"},
	{TH_PRAISE, "tận tình"},
	{TH_PRAISE, "tận tâm"},
	{TH_PRAISE, "nhiệt tình"},
	{TH_PRAISE, "chu đáo"},
	{TH_PRAISE, "nhanh chóng"},
	{TH_PRAISE, "nhanh gọn"},
	{TH_PRAISE, "nhanh"},
	{TH_PRAISE, "đúng hẹn"},
	{TH_PRAISE, "đúng lịch"},
	{TH_PRAISE, "tốt"},
	{TH_PRAISE, "cảm ơn"},
	{TH_PRAISE, "cám ơn"},
	{TH_PRAISE, "lịch sự"},
	{TH_PRAISE, "vui vẻ"},
	{TH_PRAISE, "niềm nở"},
	{TH_PRAISE, "thân thiện"},
	{TH_PRAISE, "nhẹ nhàng"},
	{TH_PRAISE, "chuyên nghiệp"},
	{TH_PRAISE, "sạch sẽ"},
	{TH_PRAISE, "thoáng mát"},
	{TH_PRAISE, "thuận tiện"},
	{TH_PRAISE, "rõ ràng"},
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* Keywords matched only in text written with diacritics. */
static const char *const exact[] = {"lâu", "chậm", "quát", "ghế", "quạt", "nóng", "chật", "nhanh"};
#define KW_MAX 96

/* Words that turn a keyword around when they come just before it. */
static const char *const negations[] = {"không", "chưa", "chẳng", "chả", "ko", "k", "đỡ", NULL};
static const char *const negations_positive[] = {"thiếu", "kém", NULL};
/* Words between a negation and its keyword that do not count towards the
 * distance: "không phải chờ lâu", "không được hướng dẫn". */
static const char *const fillers[] = {"phải", "được", "bị", "cần", "có", "thấy", "quá", "rất", "hề",
	"còn", "hay", "mấy", NULL};

/* The keywords folded once: as written, and stripped of diacritics. */
static char kw_fold[NRULES][2][KW_MAX];
static char neg_fold[2][8][16], negp_fold[2][4][16], fill_fold[2][16][16], hon_fold[2][8];
static bool fold_ok;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Case folded (and when strip, without diacritics) text of s, tokenised as
 * described at the top; hl_malloc'd, NULL when out of memory. */
static char *fold(const char *s, bool strip)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t n;
	char *out, *o;
	int opts = UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;

	if (strip)
		opts |= UTF8PROC_STRIPMARK;
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m, (utf8proc_option_t)opts);
	if (n < 0)
		return NULL;
	out = hl_malloc((size_t)n * 3 + 3);
	if (out == NULL) {
		free(m); /* utf8proc's own malloc */
		return NULL;
	}
	o = out;
	*o++ = ' ';
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		unsigned char c = m[i];

		if (strip && c == 0xc4 && i + 1 < n && m[i + 1] == 0x91) { /* đ */
			*o++ = 'd';
			i++;
		} else if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			(c >= 'A' && c <= 'Z')) {
			*o++ = (char)c;
		} else if (strchr(".,;:!?()\n\r", c) != NULL && c != '\0') {
			if (o[-1] != ' ')
				*o++ = ' ';
			if (o < out + 2 || o[-2] != '|') {
				*o++ = '|';
				*o++ = ' ';
			}
		} else if (o[-1] != ' ') {
			*o++ = ' ';
		}
	}
	if (o[-1] != ' ')
		*o++ = ' ';
	*o = '\0';
	free(m);
	return out;
}

static bool fold_into(char *dst, size_t size, const char *s, bool strip)
{
	char *f = fold(s, strip);
	bool ok = f != NULL && strlen(f) < size;

	if (ok)
		memcpy(dst, f, strlen(f) + 1);
	hl_free(f);
	return ok;
}

static void fold_all(void)
{
	bool ok = true;

	for (int t = 0; t < 2; t++) {
		for (size_t i = 0; i < NRULES; i++)
			ok = ok && fold_into(kw_fold[i][t], KW_MAX, rules[i].kw, t == 1);
		for (int i = 0; negations[i]; i++)
			ok = ok &&
				fold_into(neg_fold[t][i], sizeof(neg_fold[t][i]), negations[i],
					t == 1);
		for (int i = 0; negations_positive[i]; i++)
			ok = ok &&
				fold_into(negp_fold[t][i], sizeof(negp_fold[t][i]),
					negations_positive[i], t == 1);
		for (int i = 0; fillers[i]; i++)
			ok = ok &&
				fold_into(fill_fold[t][i], sizeof(fill_fold[t][i]), fillers[i],
					t == 1);
		ok = ok && fold_into(hon_fold[t], sizeof(hon_fold[t]), "hơn", t == 1);
	}
	fold_ok = ok;
}

static bool is_word(const char *w, size_t n, const char (*list)[16], int count)
{
	for (int i = 0; i < count && list[i][0]; i++) {
		/* Folded entries are " word ": compare the middle. */
		size_t len = strlen(list[i]) - 2;

		if (len == n && memcmp(list[i] + 1, w, n) == 0)
			return true;
	}
	return false;
}

/* Whether the keyword found at text+pos (its leading space) is negated:
 * one of the two words before it in the same clause, not counting fillers,
 * is a negation. */
static bool negated(const char *text, size_t pos, size_t kwlen, int tier, bool positive)
{
	const char *p = text + pos; /* the space before the keyword */

	for (int k = 0; k < 2 && p > text;) {
		const char *end = p, *start = p - 1;
		size_t n;

		while (start > text && start[-1] != ' ')
			start--;
		n = (size_t)(end - start);
		if (n == 1 && start[0] == '|')
			break;
		if (is_word(start, n, neg_fold[tier], 8))
			return true;
		if (positive && is_word(start, n, negp_fold[tier], 4))
			return true;
		if (!is_word(start, n, fill_fold[tier], 16))
			k++;
		p = start - 1;
	}
	if (positive) {
		const char *next = text + pos + kwlen;  /* after the keyword's trailing space */
		size_t hl = strlen(hon_fold[tier]) - 1; /* "hơn " */

		if (strncmp(next, hon_fold[tier] + 1, hl) == 0)
			return true;
	}
	return false;
}

static bool is_exact(const char *kw)
{
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strcmp(kw, exact[i]) == 0)
			return true;
	return false;
}

static bool has_diacritics(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

const char *theme_name(int theme)
{
	return theme >= 0 && theme < THEME_COUNT ? names[theme] : NULL;
}

int themes_of(const char *comment, unsigned *mask, struct hl_err *err)
{
	char *text;
	int tier;

	*mask = 0;
	if (comment == NULL || !hl_utf8_valid(comment, strlen(comment), NULL))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "góp ý không phải UTF-8 hợp lệ");
	pthread_once(&once, fold_all);
	if (!fold_ok)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi chuẩn bị bảng chủ đề");
	tier = has_diacritics(comment) ? 0 : 1;
	text = fold(comment, tier == 1);
	if (text == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi phân loại góp ý");
	for (size_t i = 0; i < NRULES; i++) {
		const char *kw = kw_fold[i][tier];
		size_t kwlen = strlen(kw);
		const char *hit = text;

		if (tier == 1 && is_exact(rules[i].kw))
			continue;
		while ((hit = strstr(hit, kw)) != NULL) {
			if (!negated(text, (size_t)(hit - text), kwlen, tier,
				    rules[i].theme == TH_PRAISE)) {
				*mask |= 1u << rules[i].theme;
				break;
			}
			hit++;
		}
	}
	if (*mask == 0 && strspn(text, " |") < strlen(text))
		*mask = 1u << TH_OTHER;
	hl_free(text);
	return HL_OK;
}
