/* themes.c — comment themes as a table of keyword rules.
 *
 * A comment and every keyword are folded the same way: NFC, case folded,
 * words separated by single spaces and clauses (.,;:!?) by " | ", padded
 * with spaces so " keyword " finds whole words only. A comment written with
 * diacritics is matched against the keywords as written; one written
 * without any is matched against the keywords stripped of them — except the
 * few (TR_EXACT) whose stripped form is another common word ("chậm"/"chăm"
 * both give "cham"). */
#include "svc/themes.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/mem.h"
#include "base/text.h"

enum {
	TR_EXACT = 1,    /* only in text written with diacritics */
	TR_POSITIVE = 2, /* praise: also not after "thiếu"/"kém", nor before "hơn" */
};

struct rule {
	int theme;
	const char *kw;
	unsigned flags;
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
	{TH_FORMS, "hồ sơ mẫu", 0},
	{TH_FORMS, "mẫu hồ sơ", 0},
	{TH_FORMS, "tờ khai mẫu", 0},
	{TH_FORMS, "mẫu tờ khai", 0},
	{TH_FORMS, "biểu mẫu", 0},
	{TH_FORMS, "thiếu mẫu", 0},
	{TH_FORMS, "không có mẫu", 0},
	{TH_FORMS, "hết mẫu", 0},
	{TH_FORMS, "văn phòng phẩm", 0},

	{TH_WAIT, "chờ đợi", 0},
	{TH_WAIT, "chờ lâu", 0},
	{TH_WAIT, "đợi lâu", 0},
	{TH_WAIT, "lâu", TR_EXACT},
	{TH_WAIT, "chậm", TR_EXACT},
	{TH_WAIT, "chậm trễ", 0},
	{TH_WAIT, "trễ hẹn", 0},
	{TH_WAIT, "trễ hạn", 0},
	{TH_WAIT, "quá hạn", 0},
	{TH_WAIT, "quá hẹn", 0},
	{TH_WAIT, "xếp hàng", 0},
	{TH_WAIT, "mất nhiều thời gian", 0},
	{TH_WAIT, "thời gian chờ", 0},
	{TH_WAIT, "giờ cao điểm", 0},

	{TH_RESUBMIT, "bổ sung hồ sơ", 0},
	{TH_RESUBMIT, "bổ sung giấy tờ", 0},
	{TH_RESUBMIT, "bổ sung nhiều lần", 0},
	{TH_RESUBMIT, "đi lại nhiều lần", 0},
	{TH_RESUBMIT, "đi lại nhiều", 0},
	{TH_RESUBMIT, "phải đi lại", 0},
	{TH_RESUBMIT, "trả hồ sơ", 0},
	{TH_RESUBMIT, "trả lại hồ sơ", 0},
	{TH_RESUBMIT, "làm lại hồ sơ", 0},

	{TH_ATTITUDE, "thái độ", 0},
	{TH_ATTITUDE, "khó chịu", 0},
	{TH_ATTITUDE, "cáu gắt", 0},
	{TH_ATTITUDE, "gắt gỏng", 0},
	{TH_ATTITUDE, "hách dịch", 0},
	{TH_ATTITUDE, "thờ ơ", 0},
	{TH_ATTITUDE, "nhũng nhiễu", 0},
	{TH_ATTITUDE, "gây khó khăn", 0},
	{TH_ATTITUDE, "gây khó dễ", 0},
	{TH_ATTITUDE, "quát", TR_EXACT},
	{TH_ATTITUDE, "lớn tiếng", 0},
	{TH_ATTITUDE, "vô cảm", 0},
	{TH_ATTITUDE, "không nhiệt tình", 0},
	{TH_ATTITUDE, "thiếu nhiệt tình", 0},
	{TH_ATTITUDE, "không lịch sự", 0},
	{TH_ATTITUDE, "thiếu lịch sự", 0},
	{TH_ATTITUDE, "thiếu tôn trọng", 0},
	{TH_ATTITUDE, "phong bì", 0},
	{TH_ATTITUDE, "tiêu cực", 0},

	{TH_INFO, "thiếu thông tin", 0},
	{TH_INFO, "thiếu hướng dẫn", 0},
	{TH_INFO, "không hướng dẫn", 0},
	{TH_INFO, "chưa hướng dẫn", 0},
	{TH_INFO, "không được hướng dẫn", 0},
	{TH_INFO, "không được thông báo", 0},
	{TH_INFO, "cung cấp thêm thông tin", 0},
	{TH_INFO, "cung cấp thông tin", 0},
	{TH_INFO, "chưa rõ", 0},
	{TH_INFO, "không rõ", 0},
	{TH_INFO, "khó hiểu", 0},
	{TH_INFO, "không biết", 0},
	{TH_INFO, "khó tra cứu", 0},
	{TH_INFO, "chưa niêm yết", 0},
	{TH_INFO, "không niêm yết", 0},
	{TH_INFO, "rõ hơn", 0},
	{TH_INFO, "cụ thể hơn", 0},
	{TH_INFO, "mỗi lần hướng dẫn", 0},

	{TH_PREMISES, "cơ sở vật chất", 0},
	{TH_PREMISES, "trang thiết bị", 0},
	{TH_PREMISES, "thiết bị", 0},
	{TH_PREMISES, "ghế", TR_EXACT},
	{TH_PREMISES, "ghế ngồi", 0},
	{TH_PREMISES, "chỗ ngồi", 0},
	{TH_PREMISES, "chỗ để xe", 0},
	{TH_PREMISES, "bãi xe", 0},
	{TH_PREMISES, "gửi xe", 0},
	{TH_PREMISES, "nhà vệ sinh", 0},
	{TH_PREMISES, "máy tính", 0},
	{TH_PREMISES, "máy in", 0},
	{TH_PREMISES, "máy scan", 0},
	{TH_PREMISES, "máy lấy số", 0},
	{TH_PREMISES, "photocopy", 0},
	{TH_PREMISES, "nước uống", 0},
	{TH_PREMISES, "điều hòa", 0},
	{TH_PREMISES, "máy lạnh", 0},
	{TH_PREMISES, "quạt", TR_EXACT},
	{TH_PREMISES, "nóng", TR_EXACT},
	{TH_PREMISES, "chật", TR_EXACT},
	{TH_PREMISES, "chật chội", 0},
	{TH_PREMISES, "bị lỗi", 0},
	{TH_PREMISES, "hư hỏng", 0},
	{TH_PREMISES, "wifi", 0},

	{TH_PRAISE, "khen", TR_POSITIVE},
	{TH_PRAISE, "hài lòng", TR_POSITIVE},
	{TH_PRAISE, "tận tình", TR_POSITIVE},
	{TH_PRAISE, "tận tâm", TR_POSITIVE},
	{TH_PRAISE, "nhiệt tình", TR_POSITIVE},
	{TH_PRAISE, "chu đáo", TR_POSITIVE},
	{TH_PRAISE, "nhanh chóng", TR_POSITIVE},
	{TH_PRAISE, "nhanh gọn", TR_POSITIVE},
	{TH_PRAISE, "nhanh", TR_POSITIVE | TR_EXACT},
	{TH_PRAISE, "đúng hẹn", TR_POSITIVE},
	{TH_PRAISE, "đúng lịch", TR_POSITIVE},
	{TH_PRAISE, "tốt", TR_POSITIVE},
	{TH_PRAISE, "cảm ơn", TR_POSITIVE},
	{TH_PRAISE, "cám ơn", TR_POSITIVE},
	{TH_PRAISE, "lịch sự", TR_POSITIVE},
	{TH_PRAISE, "vui vẻ", TR_POSITIVE},
	{TH_PRAISE, "niềm nở", TR_POSITIVE},
	{TH_PRAISE, "thân thiện", TR_POSITIVE},
	{TH_PRAISE, "nhẹ nhàng", TR_POSITIVE},
	{TH_PRAISE, "chuyên nghiệp", TR_POSITIVE},
	{TH_PRAISE, "sạch sẽ", TR_POSITIVE},
	{TH_PRAISE, "thoáng mát", TR_POSITIVE},
	{TH_PRAISE, "thuận tiện", TR_POSITIVE},
	{TH_PRAISE, "rõ ràng", TR_POSITIVE},
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))
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
static bool negated(const char *text, size_t pos, size_t kwlen, int tier, unsigned flags)
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
		if ((flags & TR_POSITIVE) && is_word(start, n, negp_fold[tier], 4))
			return true;
		if (!is_word(start, n, fill_fold[tier], 16))
			k++;
		p = start - 1;
	}
	if (flags & TR_POSITIVE) {
		const char *next = text + pos + kwlen;  /* after the keyword's trailing space */
		size_t hl = strlen(hon_fold[tier]) - 1; /* "hơn " */

		if (strncmp(next, hon_fold[tier] + 1, hl) == 0)
			return true;
	}
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

		if (tier == 1 && (rules[i].flags & TR_EXACT))
			continue;
		while ((hit = strstr(hit, kw)) != NULL) {
			if (!negated(text, (size_t)(hit - text), kwlen, tier, rules[i].flags)) {
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
