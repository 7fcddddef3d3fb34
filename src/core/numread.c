/* numread.c — Vietnamese numbers in words (numread.h). A number is read in
 * groups of three digits from the left; a group after the first is read in
 * full ("một nghìn không trăm linh năm"), groups of zeros are left out. */
#include "core/numread.h"

#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"

/* Words appended to a fixed buffer; over once anything did not fit. */
struct wbuf {
	char *p;
	size_t size, len;
	bool over;
};

static void put(struct wbuf *w, const char *s, size_t n)
{
	if (w->over || w->len + n + 1 > w->size) {
		w->over = true;
		return;
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
	w->p[w->len] = '\0';
}

static bool word_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		c >= 0x80;
}

/* One word, a space before it when it follows another ("(" or a space
 * before it stays as it is). */
static void word(struct wbuf *w, const char *s)
{
	if (w->len > 0 && word_char((unsigned char)w->p[w->len - 1]))
		put(w, " ", 1);
	put(w, s, strlen(s));
}

static const char *const digit[] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám",
	"chín"};

/* One group of three digits; full reads "không trăm" and "linh" as a group
 * after the first does. */
static void group(struct wbuf *w, int g, bool full)
{
	int h = g / 100, t = g / 10 % 10, u = g % 10;

	if (h > 0 || full) {
		word(w, digit[h]);
		word(w, "trăm");
	}
	if (t == 0) {
		if (u > 0 && (h > 0 || full))
			word(w, "linh");
		if (u > 0)
			word(w, digit[u]);
		return;
	}
	if (t == 1) {
		word(w, "mười");
	} else {
		word(w, digit[t]);
		word(w, "mươi");
	}
	if (u == 1 && t > 1)
		word(w, "mốt");
	else if (u == 5)
		word(w, "lăm");
	else if (u > 0)
		word(w, digit[u]);
}

/* The scale of each group of three, from the units up (int64 has seven). */
static const char *const scale[] = {"", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"};

static void number(struct wbuf *w, int64_t n)
{
	uint64_t v = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
	int g[7], ng = 0;
	bool first = true;

	if (n < 0)
		word(w, "âm");
	if (v == 0) {
		word(w, digit[0]);
		return;
	}
	for (; v > 0; v /= 1000)
		g[ng++] = (int)(v % 1000);
	for (int i = ng - 1; i >= 0; i--) {
		if (g[i] == 0)
			continue;
		group(w, g[i], !first);
		if (i > 0)
			word(w, scale[i]);
		first = false;
	}
}

static int done(struct wbuf *w)
{
	if (!w->over)
		return HL_OK;
	if (w->size > 0)
		w->p[0] = '\0';
	return HL_EINVAL;
}

int numr_int(int64_t n, char *buf, size_t size)
{
	struct wbuf w = {buf, size, 0, size == 0};

	if (size > 0)
		buf[0] = '\0';
	number(&w, n);
	return done(&w);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The length of the number written at s ("24 270,5"), 0 if none: digits,
 * then after a first group of at most three digits more groups of three
 * each after one space, then a comma and digits. */
static size_t number_len(const char *s)
{
	size_t j = 0;

	while (is_digit(s[j]))
		j++;
	if (j == 0)
		return 0;
	if (j <= 3)
		while (s[j] == ' ' && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
			is_digit(s[j + 3]) && !is_digit(s[j + 4]))
			j += 4;
	if (s[j] == ',' && is_digit(s[j + 1]))
		for (j++; is_digit(s[j]); j++)
			;
	return j;
}

/* Read num[0..len) (number_len's form, maybe after a '-') into w. */
static int read_number(struct wbuf *w, const char *num, size_t len)
{
	int64_t v = 0;
	int nd = 0;
	size_t i = 0;
	bool neg = false;

	if (len > 0 && num[0] == '-') {
		neg = true;
		i = 1;
	}
	if (len == i || number_len(num + i) != len - i)
		return HL_EINVAL;
	for (; i < len && num[i] != ','; i++) {
		if (num[i] == ' ')
			continue;
		if (++nd > 18)
			return HL_EINVAL;
		v = v * 10 + (num[i] - '0');
	}
	number(w, neg ? -v : v);
	if (i < len) {
		int64_t f = 0;

		word(w, "phẩy");
		for (i++; i < len && num[i] == '0'; i++)
			word(w, digit[0]);
		if (len - i > 18)
			return HL_EINVAL;
		for (nd = 0; i < len; i++, nd++)
			f = f * 10 + (num[i] - '0');
		if (nd > 0)
			number(w, f);
	}
	return HL_OK;
}

int numr_text(const char *num, char *buf, size_t size)
{
	struct wbuf w = {buf, size, 0, size == 0};
	int rc;

	if (size > 0)
		buf[0] = '\0';
	if (num == NULL)
		return HL_EINVAL;
	rc = read_number(&w, num, strlen(num));
	if (rc != HL_OK) {
		if (size > 0)
			buf[0] = '\0';
		return rc;
	}
	return done(&w);
}

/* A roman numeral up to XII ("quý III") standing at s for n bytes, or 0. */
static int roman(const char *s, size_t n)
{
	static const char *const r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
		"XI", "XII"};

	for (int i = 0; i < 12; i++)
		if (strlen(r[i]) == n && memcmp(r[i], s, n) == 0)
			return i + 1;
	return 0;
}

/* Bytes of the space between a number and "%" at s: a space, a no-break
 * space or a narrow one; 0 if none. */
static size_t gap(const char *s)
{
	if (s[0] == ' ')
		return 1;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
		(unsigned char)s[2] == 0xAF)
		return 3;
	return 0;
}

/* The digits at s as a number (leading zeros dropped: "07" → 7). */
static int64_t digits(const char *s, size_t *n)
{
	int64_t v = 0;

	for (*n = 0; is_digit(s[*n]) && *n < 18; (*n)++)
		v = v * 10 + (s[*n] - '0');
	return v;
}

/* "/B" or "/B/C" after a number a at s: "a năm B" (B a year, four digits),
 * "a trên B" (a fraction) or the date "a tháng B năm C"; the bytes it took,
 * 0 when s is not that. */
static size_t slashed(struct wbuf *w, int64_t a, const char *s)
{
	size_t nb, nc;
	int64_t b, c;

	if (s[0] != '/' || !is_digit(s[1]))
		return 0;
	b = digits(s + 1, &nb);
	if (s[1 + nb] == '/' && is_digit(s[2 + nb])) {
		c = digits(s + 2 + nb, &nc);
		if (nc != 4)
			return 0;
		number(w, a);
		word(w, "tháng");
		number(w, b);
		word(w, "năm");
		number(w, c);
		return 2 + nb + nc;
	}
	number(w, a);
	word(w, nb == 4 ? "năm" : "trên");
	number(w, b);
	return 1 + nb;
}

const char *numr_spoken(struct hl_arena *a, const char *text)
{
	size_t len = strlen(text), i = 0;
	/* a digit becomes at most "không trăm linh " and its scale: 32 bytes */
	struct wbuf w = {NULL, 32 * len + 64, 0, false};

	w.p = hl_arena_alloc(a, w.size);
	if (w.p == NULL)
		return NULL;
	w.p[0] = '\0';
	while (i < len) {
		bool start = i == 0 || !word_char((unsigned char)text[i - 1]);
		size_t n = 0, took;

		if (start && strchr("IVX", text[i]) != NULL && text[i] != '\0') {
			while (text[i + n] != '\0' && strchr("IVX", text[i + n]) != NULL)
				n++;
			if (roman(text + i, n) > 0 &&
				(took = slashed(&w, roman(text + i, n), text + i + n)) > 0) {
				i += n + took;
				continue;
			}
		}
		if (start && (n = number_len(text + i)) > 0) {
			size_t nd;
			int64_t v = digits(text + i, &nd);

			if (nd == n && (took = slashed(&w, v, text + i + n)) > 0) {
				i += n + took;
				continue;
			}
			if (read_number(&w, text + i, n) != HL_OK) {
				put(&w, text + i, n); /* too long to read: kept as digits */
			}
			i += n;
			took = gap(text + i);
			if (text[i + took] == '%') {
				word(&w, "phần trăm");
				i += took + 1;
			}
			continue;
		}
		put(&w, text + i, 1);
		i++;
	}
	return w.over ? NULL : w.p;
}
