/* collate.c — Vietnamese alphabetical order (collate.h): each character is
 * decomposed (utf8proc) into its base letter, the marks that make another
 * letter of the alphabet (breve, circumflex, horn; đ is its own letter) and
 * its tone; the strings are compared level by level over their whole
 * length, as a dictionary does. */
#include "base/collate.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

/* Primary weights: a space, then numbers, then the letters. */
enum { W_SPACE = 1, W_NUMBER = 2, W_LETTER = 10, W_OTHER = 100 };

/* One collation element: a letter, a space or a run of digits. */
struct ce {
	uint32_t primary;
	const char *num; /* W_NUMBER: the digits, leading zeros skipped */
	size_t numlen;
	int tone; /* 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng */
	bool upper;
};

/* The letter's place in the Vietnamese alphabet (from 0), or -1. */
static int letter_rank(utf8proc_int32_t base, utf8proc_int32_t mod)
{
	/* a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z */
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz";
	static const unsigned char rank[26] = {0, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
		21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32};

	if (base == 0x111) /* đ */
		return 6;
	if (base < 'a' || base > 'z')
		return -1;
	switch (base) {
	case 'a': return mod == 0x306 ? 1 : mod == 0x302 ? 2 : 0;
	case 'e': return mod == 0x302 ? 8 : 7;
	case 'o': return mod == 0x302 ? 19 : mod == 0x31B ? 20 : 18;
	case 'u': return mod == 0x31B ? 27 : 26;
	default: return rank[strchr(plain, (int)base) - plain];
	}
}

static int tone_of(utf8proc_int32_t mark)
{
	switch (mark) {
	case 0x300: return 1; /* huyền */
	case 0x309: return 2; /* hỏi */
	case 0x303: return 3; /* ngã */
	case 0x301: return 4; /* sắc */
	case 0x323: return 5; /* nặng */
	default: return 0;
	}
}

static bool is_space(utf8proc_int32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\r' ||
		utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Punctuation and symbols: no weight but in the last tie. */
static bool ignorable(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_SO) ||
		c == UTF8PROC_CATEGORY_CC;
}

/* The next element of *s into e, moving *s past it; false at the end.
 * Punctuation and marks of their own are skipped (ignorable). */
static bool next(const char **s, struct ce *e)
{
	for (;;) {
		const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)*s;
		utf8proc_int32_t cp, d[8];
		utf8proc_ssize_t n, nd;
		int last = 0;

		if (*p == '\0')
			return false;
		memset(e, 0, sizeof(*e));
		n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) { /* an invalid byte: an unknown letter */
			e->primary = W_OTHER + 0x110000u + *p;
			(*s)++;
			return true;
		}
		if (cp >= '0' && cp <= '9') {
			const char *q = *s;

			while (*q == '0' && q[1] >= '0' && q[1] <= '9')
				q++;
			e->primary = W_NUMBER;
			e->num = q;
			while (*q >= '0' && *q <= '9')
				q++;
			e->numlen = (size_t)(q - e->num);
			*s = q;
			return true;
		}
		*s += n;
		if (is_space(cp)) {
			/* One separator however many spaces and dashes: "a – b" is "a b". */
			while ((n = utf8proc_iterate((const utf8proc_uint8_t *)*s, -1, &cp)) > 0 &&
				cp != 0 && (is_space(cp) || ignorable(cp)))
				*s += n;
			e->primary = W_SPACE;
			return true;
		}
		nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
		if (nd < 1 || nd > 8)
			nd = 1, d[0] = cp;
		if (utf8proc_category(d[0]) < UTF8PROC_CATEGORY_LU ||
			utf8proc_category(d[0]) > UTF8PROC_CATEGORY_LO) {
			if (utf8proc_category(d[0]) == UTF8PROC_CATEGORY_ND) {
				e->primary = W_OTHER + (uint32_t)d[0];
				return true;
			}
			continue; /* punctuation, symbols, lone marks */
		}
		{
			utf8proc_int32_t base = utf8proc_tolower(d[0]), mod = 0, m;
			int r;

			e->upper = base != d[0];
			/* The letter's own marks, then any combining marks after it
			 * (text not in NFC). */
			for (utf8proc_ssize_t k = 1;; k++) {
				if (k < nd) {
					m = d[k];
				} else if ((n = utf8proc_iterate((const utf8proc_uint8_t *)*s, -1,
						    &m)) > 0 &&
					utf8proc_category(m) == UTF8PROC_CATEGORY_MN) {
					*s += n;
				} else {
					break;
				}
				if (tone_of(m) != 0)
					e->tone = tone_of(m);
				else if (mod == 0)
					mod = m;
			}
			r = letter_rank(base, mod);
			e->primary = r >= 0 ? W_LETTER + (uint32_t)r : W_OTHER + (uint32_t)base;
		}
		return true;
	}
}

static int cmp_primary(const struct ce *x, const struct ce *y)
{
	if (x->primary != y->primary)
		return x->primary < y->primary ? -1 : 1;
	if (x->primary == W_NUMBER) {
		int c;

		if (x->numlen != y->numlen)
			return x->numlen < y->numlen ? -1 : 1;
		c = memcmp(x->num, y->num, x->numlen);
		if (c != 0)
			return c < 0 ? -1 : 1;
	}
	return 0;
}

/* One level over the whole of a and b: 1 letters, 2 tones, 3 case. */
static int level(const char *a, const char *b, int lv)
{
	struct ce x, y;

	for (;;) {
		bool ha = next(&a, &x), hb = next(&b, &y);
		int c = 0;

		if (!ha || !hb)
			return ha == hb ? 0 : ha ? 1 : -1;
		if (lv == 1)
			c = cmp_primary(&x, &y);
		else if (lv == 2 && x.tone != y.tone)
			c = x.tone < y.tone ? -1 : 1;
		else if (lv == 3 && x.upper != y.upper)
			c = x.upper ? 1 : -1;
		if (c != 0)
			return c;
	}
}

int hl_collate_vi(const char *a, const char *b)
{
	for (int lv = 1; lv <= 3; lv++) {
		int c = level(a, b, lv);

		if (c != 0)
			return c;
	}
	return strcmp(a, b);
}
